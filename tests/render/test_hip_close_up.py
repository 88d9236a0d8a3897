"""The hip close-up shows one hip: the far side, arms, chest, head, plumb line and left muscles step aside."""

from __future__ import annotations

import numpy as np
from poses import deep_tucked

from viewer.render.scene import HIP_CLOSE_UP_HIDDEN
from viewer.render.scene_input import SceneInput, ViewFlags

FULL = ViewFlags(angle_readouts=False, muscles=True, ghost=True, legend=False, floor=True)
ONSET_DEG = 0.0  # thigh angle of the synthetic squat's tuck onset


def _show(r, camera: str) -> np.ndarray:
    scene = r.scene
    scene.show(SceneInput(r.anatomy, deep_tucked(r.anatomy), tuck_onset_deg=ONSET_DEG, flags=FULL, camera=camera))
    return r.grab().astype(int)


def _floor_shown(scene) -> bool:
    return all(a.GetVisibility() for a in scene.floor.actors)


def _visible(scene) -> set[str]:
    return {bone_id for bone_id, a in scene.bones.actors.items() if a.GetVisibility()}


def test_close_up_hides_the_far_side_and_the_clutter_and_side_view_brings_it_back(offscreen):
    scene = offscreen.scene
    _show(offscreen, "side")
    side_visible = _visible(scene)
    assert {"pelvis_l", "femur_l", "rib_cage", "skull"} <= side_visible
    assert _floor_shown(scene) and set(scene.muscles.drawn()) == set(scene.muscles.names)

    _show(offscreen, "hip")
    shown = _visible(scene)
    assert not shown & HIP_CLOSE_UP_HIDDEN
    assert {"pelvis_r", "femur_r", "sacrum", "l5"} <= shown  # the joint the view is for
    assert not _floor_shown(scene)
    assert scene.muscles.drawn() and all(n.endswith("_r") for n in scene.muscles.drawn())
    # the ghost (neutral pelvis) shows only the right hip bone; one contact marker, on the right
    ghost = {k for k, a in scene.ghost.actors.items() if a.GetVisibility()}
    assert "pelvis_r" in ghost and "pelvis_l" not in ghost
    assert scene.contact.actors["r"][1].GetVisibility() and not scene.contact.actors["l"][1].GetVisibility()

    _show(offscreen, "side")
    assert _visible(scene) == side_visible
    assert _floor_shown(scene) and set(scene.muscles.drawn()) == set(scene.muscles.names)


def test_switching_to_the_close_up_alone_hides_the_far_side_at_once(offscreen):
    """The camera change itself re-applies the pose (no new state needed); the picture changes."""
    scene = offscreen.scene
    _show(offscreen, "hip")
    before = offscreen.grab().astype(int)
    scene.set_camera("side")
    scene.set_camera("hip")
    assert not _visible(scene) & HIP_CLOSE_UP_HIDDEN
    assert np.abs(offscreen.grab().astype(int) - before).max() == 0  # same picture as a fresh apply

    scene.set_camera("front")
    assert {"pelvis_l", "femur_l"} <= _visible(scene)
    front = offscreen.grab().astype(int)
    scene.set_camera("hip")
    left_femur = scene.bones.matrix("femur_l")[:3, 3]
    assert not scene.bones.actors["femur_l"].GetVisibility()
    assert np.isfinite(left_femur).all() and np.abs(offscreen.grab().astype(int) - front).max() > 0


def test_every_bone_the_scene_names_exists_in_the_generated_skeleton():
    """A misspelt id silently drops a bone from a view ("ribcage" once hid the rib-cage label)."""
    from viewer.render.rig import load_bones
    from viewer.render.scene import CALLOUT_BONES
    from viewer.render.standin import standin_bones

    real = {b.id for b in load_bones()}
    assert set(CALLOUT_BONES) <= real
    assert HIP_CLOSE_UP_HIDDEN <= real
    assert set(CALLOUT_BONES) <= {b.id for b in standin_bones()}  # the stand-ins use the same ids


def test_the_b_ghost_leaves_out_what_the_close_up_leaves_out(offscreen):
    """A frozen B drawn translucent in front of the close-up camera hid the hip behind a blue film."""
    scene, a = offscreen.scene, offscreen.anatomy
    b = scene.compare

    def shown() -> set[str]:
        return {k for k, actor in b.ghost.actors.items() if actor.GetVisibility()}

    def show(camera: str, with_b: bool = True) -> None:
        scene.show(SceneInput(a, deep_tucked(a), tuck_onset_deg=ONSET_DEG, flags=FULL, camera=camera,
                              compare=(a, deep_tucked(a)) if with_b else None))

    show("side")
    side = shown()
    assert {"femur_l", "rib_cage", "pelvis_r"} <= side
    scene.set_camera("hip")  # the camera alone: B follows at once
    assert not shown() & HIP_CLOSE_UP_HIDDEN
    assert {"pelvis_r", "femur_r", "sacrum"} <= shown()
    show("hip")  # and keeps them out on the next pose
    assert not shown() & HIP_CLOSE_UP_HIDDEN
    scene.set_camera("side")
    assert shown() == side
    show("side", with_b=False)
    scene.set_camera("hip")  # a hidden B stays hidden
    assert shown() == set()
