"""Left ≠ right in the 3D view: the pelvis and trunk actors carry the shift, a bar beside each foot stands as
tall as that foot's load with its figure over it, and the rim contact shows on the hip at its stop."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from viewer.model import PRESETS, Anatomy, solve, sweep
from viewer.model import kinematics as kin
from viewer.model.sides import mirrored
from viewer.render.foot_loads import HEIGHT_PER_PCT_M, load_text
from viewer.render.scene_input import SceneInput, ViewFlags
from viewer.render.snapshot import OffscreenRenderer

SIZE = (640, 400)
#: Floor and foot loads, nothing else in the way.
FLOOR_ONLY = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=True, lumbar_curve=False)
RETRO = PRESETS["One retroverted hip"].anatomy
TRUNK_SEGMENTS = frozenset({"pelvis", "l1", "l2", "l3", "l4", "l5", "thorax", "head"})


def _deepest(anatomy: Anatomy):
    s = sweep(anatomy)
    return solve(anatomy, float(s.thigh_angle_deg[-1])), s


def _actor_matrix(actor) -> np.ndarray:
    m = actor.GetUserMatrix()
    return np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])


@pytest.fixture
def back_view(standin_bones):
    r = OffscreenRenderer(RETRO, size=SIZE, camera="back", flags=FLOOR_ONLY, bones=standin_bones)
    yield r
    r.close()


def _show(r: OffscreenRenderer, anatomy: Anatomy, camera: str | None = None):
    pose, s = _deepest(anatomy)
    r.scene.show(SceneInput.from_sweep(anatomy, pose, s, FLOOR_ONLY, camera or r.camera))
    return pose


def test_the_trunk_actors_move_left_by_the_shift_for_one_retroverted_right_hip(back_view):
    scene = back_view.scene
    pose = _show(back_view, RETRO)
    shift_m = pose.pelvic_shift_cm / 100.0
    assert shift_m < -0.03  # toward the left hip, which has room
    plain = Anatomy()  # same body, both femurs at 12°: no shift
    plain_pose = solve(plain, pose.thigh_angle_deg)
    reference = kin.bone_matrices(plain_pose, plain, scene.specs)
    moved = [b for b in scene.specs if b.segment in TRUNK_SEGMENTS]
    assert moved
    for b in moved:
        m = _actor_matrix(scene.bones.actors[b.id])
        np.testing.assert_allclose(m, scene._matrices[b.id], atol=1e-12)  # the actor shows the model's matrix
    # the actors show the bone matrices, translated sideways by the shift (no turn, no drop for a hip alone)
    for b in moved:
        m = _actor_matrix(scene.bones.actors[b.id])
        assert m[2, 3] - reference[b.id][2, 3] == pytest.approx(shift_m, abs=1e-9), b.id
    # the right femur sits at the right hip as drawn, the same shift in
    femur = next(b for b in scene.specs if b.segment == "thigh_r")
    assert _actor_matrix(scene.bones.actors[femur.id])[2, 3] < reference[femur.id][2, 3] - 0.03


def test_the_turned_pelvis_actor_shows_the_poses_rotation_and_obliquity(back_view):
    scene = back_view.scene
    anatomy = PRESETS["One stiff ankle"].anatomy
    pose = _show(back_view, anatomy)
    pelvis = next(b for b in scene.specs if b.segment == "pelvis")
    m = _actor_matrix(scene.bones.actors[pelvis.id])
    lateral = m[:3, 2] / np.linalg.norm(m[:3, 2])
    assert np.degrees(np.arctan2(lateral[0], lateral[2])) == pytest.approx(pose.pelvic_rotation_deg, abs=1e-6)
    assert np.degrees(np.arctan2(lateral[1], lateral[2])) == pytest.approx(pose.pelvic_obliquity_deg, abs=1e-6)
    assert pose.pelvic_rotation_deg > 5.0 and pose.pelvic_obliquity_deg < -3.0


@pytest.mark.parametrize("anatomy, left, right", [
    (RETRO, "Left 57 %", "Right 43 %"),
    (mirrored(RETRO), "Left 43 %", "Right 57 %"),
    (Anatomy(), "Left 50 %", "Right 50 %"),
])
def test_each_foots_bar_and_figure_follow_its_load(back_view, anatomy, left, right):
    scene = back_view.scene
    pose = _show(back_view, anatomy)
    loads = scene.foot_loads
    assert loads.visible
    for s, pct, text in (("l", pose.foot_load_l_pct, left), ("r", pose.foot_load_r_pct, right)):
        assert loads.bar_height_m(s) == pytest.approx(pct * HEIGHT_PER_PCT_M * anatomy.height_m / 1.75, rel=1e-9)
        assert loads.labels.text(s) == text == load_text(s, pct)
        assert loads.bars[s].GetVisibility() and loads.labels.actors[s].GetVisibility()
        # the bar stands beside its own foot, on the floor
        foot_z = 0.5 * (pose.joints[f"heel_{s}"][2] + pose.joints[f"toe_{s}"][2])
        bounds = loads.bars[s].GetBounds()
        assert bounds[2] == pytest.approx(0.0, abs=1e-9)
        assert abs(0.5 * (bounds[4] + bounds[5])) > abs(foot_z)
        assert np.sign(0.5 * (bounds[4] + bounds[5])) == (1.0 if s == "r" else -1.0)
    assert pose.foot_load_l_pct + pose.foot_load_r_pct == pytest.approx(100.0)


def test_foot_loads_show_only_from_the_front_and_back_with_the_floor(back_view):
    scene = back_view.scene
    _show(back_view, RETRO)
    assert scene.foot_loads.visible
    for camera in ("hip", "side", "top", "three_quarter"):
        scene.set_camera(camera)
        assert not scene.foot_loads.visible and not scene.foot_loads.bars["l"].GetVisibility(), camera
        assert not scene.foot_loads.labels.actors["l"].GetVisibility() and not scene.foot_loads.centre.GetVisibility()
    scene.begin_camera_move("front")  # shown as the camera heads for the front
    assert scene.foot_loads.visible
    scene.set_camera("front")
    assert scene.foot_loads.visible
    pose, s = _deepest(RETRO)
    scene.show(SceneInput.from_sweep(RETRO, pose, s, dataclasses.replace(FLOOR_ONLY, floor=False), "front"))
    assert not scene.foot_loads.visible


@pytest.mark.parametrize("anatomy, sides", [(RETRO, {"r"}), (mirrored(RETRO), {"l"}), (Anatomy(), {"l", "r"})])
def test_the_rim_contact_shows_on_the_hip_at_its_stop(back_view, anatomy, sides):
    scene = back_view.scene
    pose = _show(back_view, anatomy)
    assert scene.shown.at_stop
    shown = {s for s, pair in scene.contact.actors.items() if all(a.GetVisibility() for a in pair)}
    assert shown == sides
    # on the drawn hip's side of the body
    for s in sides:
        assert np.sign(scene._contacts[s][2] - pose.joints["mid_hip"][2]) == (1.0 if s == "r" else -1.0)


def _violet_columns(img: np.ndarray) -> tuple[int, int]:
    """Pixels of the bars' violet in the left and right half of the image."""
    rgb = img.astype(int)
    violet = (rgb[..., 2] - rgb[..., 1] > 60) & (rgb[..., 0] - rgb[..., 1] > 20) & (rgb[..., 2] > 150)
    half = img.shape[1] // 2
    return int(violet[:, :half].sum()), int(violet[:, half:].sum())


def test_from_behind_the_loaded_foots_bar_is_the_taller_one_on_screen(back_view):
    """From behind, the lifter's left is on the left of the picture: one retroverted right hip puts more
    weight on the left foot, whose bar has more violet pixels; the mirrored lifter the other way round."""
    _show(back_view, RETRO)
    left, right = _violet_columns(back_view.grab())
    assert right > 200 and left > 1.15 * right
    _show(back_view, mirrored(RETRO))
    left, right = _violet_columns(back_view.grab())
    assert left > 200 and right > 1.15 * left


def test_the_foot_loads_cost_a_few_dozen_triangles(back_view):
    loads = back_view.scene.foot_loads
    total = 0
    for a in (*loads.bars.values(), *loads.marks.values()):
        a.GetMapper().Update()
        total += a.GetMapper().GetInput().GetNumberOfPolys() * 2  # cube faces are quads
    assert total <= 100
