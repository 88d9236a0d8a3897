"""Pixels of the off-screen scene: skeleton framing, tuck colour, rim-contact highlight, pelvis motion."""

from __future__ import annotations

import numpy as np
import pytest
from poses import before_tuck, deep_tucked, make_pose, standing

from viewer.model.anatomy import Anatomy
from viewer.render.scene import ViewFlags
from viewer.render.snapshot import OffscreenRenderer

SIZE = (640, 400)
ONSET_DEG = 8.0  # lumbar flexion at the tuck onset for the synthetic poses
BARE = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False)


def show(r: OffscreenRenderer, pose, flags: ViewFlags = BARE, onset: float | None = ONSET_DEG) -> np.ndarray:
    r.scene.apply(r.anatomy, pose, onset_lumbar_flexion_deg=onset, flags=flags)
    r.scene.set_camera(r.camera)
    return r.grab().astype(int)


def foreground(img: np.ndarray) -> np.ndarray:
    """Pixels differing from the background gradient (uniform along each row; column 0 is background)."""
    return np.abs(img - img[:, :1, :]).sum(axis=2) > 40


def to_pixel(r: OffscreenRenderer, world) -> tuple[int, int]:
    """Image (row, column) of a world point, top row 0."""
    ren = r.scene.renderer
    ren.SetWorldPoint(*(float(v) for v in world), 1.0)
    ren.WorldToDisplay()
    x, y, _ = ren.GetDisplayPoint()
    return SIZE[1] - 1 - round(y), round(x)


def window(img: np.ndarray, centre: tuple[int, int], half: int) -> np.ndarray:
    r, c = centre
    return img[max(r - half, 0):r + half, max(c - half, 0):c + half]


def tuck_coloured(px: np.ndarray) -> np.ndarray:
    """Orange-to-purple tint (bone ivory, the blue-grey background and the cyan marker all fail this)."""
    return (px[..., 0] - px[..., 1]) > 60


def cyan(px: np.ndarray) -> np.ndarray:
    return (px[..., 0] < 90) & (px[..., 1] > 150) & (px[..., 2] > 190)


def test_standing_skeleton_fills_the_expected_region_of_the_side_view(offscreen):
    img = show(offscreen, standing(offscreen.anatomy))
    rows, cols = np.nonzero(foreground(img))
    assert rows.size > 0.03 * SIZE[0] * SIZE[1]
    top, bottom = rows.min() / SIZE[1], rows.max() / SIZE[1]
    assert 0.0 < top < 0.2, top  # head near the top, not cut off
    assert 0.8 < bottom < 1.0, bottom  # feet near the bottom
    centre = cols.mean() / SIZE[0]
    assert 0.35 < centre < 0.65, centre
    assert (cols.max() - cols.min()) / SIZE[0] < 0.35  # seen from the side: a narrow figure
    # the lifter faces screen-right: the toes are right of the heels
    heel, toe = to_pixel(offscreen, offscreen.scene.pose.joints["heel_r"]), to_pixel(offscreen,
                                                                                    offscreen.scene.pose.joints["toe_r"])
    assert toe[1] > heel[1]


def test_lumbar_region_shows_the_tuck_colour_only_past_the_tuck_onset(offscreen):
    a = offscreen.anatomy
    img = show(offscreen, before_tuck(a))
    assert offscreen.scene.shown.tuck_deg == 0.0
    l3 = offscreen.scene.bones.matrix("l3")[:3, 3]
    assert tuck_coloured(window(img, to_pixel(offscreen, l3), 30)).sum() == 0
    img = show(offscreen, deep_tucked(a))
    assert offscreen.scene.shown.tuck_deg == pytest.approx(30.0 - ONSET_DEG)
    l3 = offscreen.scene.bones.matrix("l3")[:3, 3]
    assert tuck_coloured(window(img, to_pixel(offscreen, l3), 30)).sum() > 40


def test_rim_contact_highlight_appears_only_at_the_hip_stop(offscreen):
    a = offscreen.anatomy
    pose = deep_tucked(a)
    img = show(offscreen, pose)
    near = window(img, to_pixel(offscreen, pose.rim_contact["r"]), 20)
    assert cyan(near).sum() > 20
    clear = make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=30.0, at_stop=False)
    img = show(offscreen, clear)
    assert cyan(img).sum() == 0
    assert not offscreen.scene.contact.banner.GetVisibility()


def test_depth_change_moves_the_pelvis_down_in_the_image(offscreen):
    a = offscreen.anatomy
    pelvis = offscreen.scene.bones.ids_on(["pelvis"])
    others = [b for b in offscreen.scene.bones.bones if b not in pelvis]

    def pelvis_centre(pose) -> np.ndarray:
        img = show(offscreen, pose, onset=None)
        offscreen.scene.bones.set_visible(others, False)
        img = offscreen.grab().astype(int)
        rows, cols = np.nonzero(foreground(img))
        assert rows.size > 100
        return np.array([rows.mean(), cols.mean()])

    stand = pelvis_centre(standing(a))
    deep = pelvis_centre(make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=30.0))  # no stop banner
    assert deep[0] - stand[0] > 0.15 * SIZE[1]  # hips drop by a large share of the picture
    assert deep[1] < stand[1]  # and move back (left: the lifter faces right)


def test_ghost_of_the_neutral_spine_shows_only_with_a_tuck(offscreen):
    flags = ViewFlags(ghost=True, legend=False, floor=False, muscles=False, angle_readouts=False)
    show(offscreen, before_tuck(offscreen.anatomy), flags)
    assert not any(a.GetVisibility() for a in offscreen.scene.ghost.actors.values())
    show(offscreen, deep_tucked(offscreen.anatomy), flags)
    assert all(a.GetVisibility() for a in offscreen.scene.ghost.actors.values())


def test_depth_changes_move_actors_without_rebuilding_meshes(offscreen):
    a = offscreen.anatomy
    show(offscreen, standing(a))
    meshes = {k: (act.GetMapper().GetInput(), act.GetMapper().GetInput().GetMTime())
              for k, act in offscreen.scene.bones.actors.items()}
    femur_before = offscreen.scene.bones.matrix("femur_r")
    show(offscreen, deep_tucked(a))
    for k, act in offscreen.scene.bones.actors.items():
        assert act.GetMapper().GetInput() is meshes[k][0]
        assert act.GetMapper().GetInput().GetMTime() == meshes[k][1]
    assert not np.allclose(offscreen.scene.bones.matrix("femur_r"), femur_before)


def test_legend_and_labels_are_drawn_when_enabled(offscreen):
    a = offscreen.anatomy
    plain = show(offscreen, deep_tucked(a))
    full = show(offscreen, deep_tucked(a), ViewFlags(legend=True, angle_readouts=True, floor=False,
                                                     muscles=False, ghost=False))
    right_strip = np.s_[:, int(0.86 * SIZE[0]):]
    assert foreground(full[right_strip]).sum() > 5 * max(foreground(plain[right_strip]).sum(), 1)
    assert tuck_coloured(full[right_strip]).sum() > 100  # the colour scale itself


def test_bone_under_the_mouse_is_found_for_hover_names(offscreen):
    a = offscreen.anatomy
    show(offscreen, standing(a))
    j = offscreen.scene.pose.joints
    mid_femur = 0.5 * (np.asarray(j["hip_r"]) + np.asarray(j["knee_r"]))
    row, col = to_pixel(offscreen, mid_femur)
    assert offscreen.scene.bone_at(col, SIZE[1] - 1 - row) in ("femur_r", "femur_l")
    assert offscreen.scene.bone_at(5, 5) is None  # empty background


@pytest.mark.parametrize(("anatomy", "shown"), [
    (Anatomy(), set()),
    (Anatomy(heel_elevation_mm=25.0), {"heel_plate_l", "heel_plate_r"}),
    (Anatomy(load_position="low_bar", load_kg=60.0), {"barbell"}),
    (Anatomy(load_position="goblet", load_kg=24.0), {"kettlebell"}),
], ids=["none", "heel-plates", "barbell", "kettlebell"])
def test_props_show_only_when_the_anatomy_uses_them(offscreen, anatomy, shown):
    offscreen.scene.apply(anatomy, deep_tucked(anatomy), flags=BARE)
    props = {"heel_plate_l", "heel_plate_r", "barbell", "kettlebell"}
    visible = {p for p in props if offscreen.scene.bones.actors[p].GetVisibility()}
    assert visible == shown
