"""Pixels of the off-screen scene: skeleton framing, lumbar curve ribbon and colour, rim-contact highlight,
banners, pelvis motion."""

from __future__ import annotations

import numpy as np
import pytest
from poses import before_tuck, deep_tucked, make_pose, standing

from viewer.model.anatomy import Anatomy
from viewer.render.scene_input import SceneInput, ViewFlags
from viewer.render.snapshot import OffscreenRenderer

SIZE = (640, 400)
BARE = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False, lumbar_curve=False)
RIBBON = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False, lumbar_curve=True)


def show(r: OffscreenRenderer, pose, flags: ViewFlags = BARE, tuck_onset: float | None = None,
         rounding_onset: float | None = None) -> np.ndarray:
    r.scene.show(SceneInput(r.anatomy, pose, tuck_onset, rounding_onset, flags, r.camera))
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


def rounded_coloured(px: np.ndarray) -> np.ndarray:
    """The lumbar curve scale's rounded side, orange to purple (bone ivory, the blue-grey background, the
    curved-in blues and the cyan marker all fail this)."""
    return ((px[..., 0] - px[..., 1]) > 60) | ((px[..., 0] - px[..., 2]) > 80)


def curved_in_coloured(px: np.ndarray) -> np.ndarray:
    """The lumbar curve scale's curved-in side, blue (bone ivory, the blue-grey background (blue − red ≈ 25)
    and the orange side fail this)."""
    return (px[..., 2] - px[..., 0]) > 60


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


def test_lumbar_vertebrae_are_blue_while_curved_in_and_orange_once_rounded(offscreen):
    a = offscreen.anatomy
    img = show(offscreen, before_tuck(a))
    assert offscreen.scene.shown.lumbar_curve_deg == 17.0
    l3 = offscreen.scene.bones.matrix("l3")[:3, 3]
    assert rounded_coloured(window(img, to_pixel(offscreen, l3), 30)).sum() == 0
    assert curved_in_coloured(window(img, to_pixel(offscreen, l3), 30)).sum() > 40
    img = show(offscreen, deep_tucked(a))
    assert offscreen.scene.shown.lumbar_curve_deg == -5.0
    l3 = offscreen.scene.bones.matrix("l3")[:3, 3]
    orange = rounded_coloured(window(img, to_pixel(offscreen, l3), 30)).sum()
    assert orange > 40
    assert curved_in_coloured(window(img, to_pixel(offscreen, l3), 30)).sum() < orange / 5
    assert offscreen.scene.bones.colour("pelvis_r") == offscreen.scene.bones.bones["pelvis_r"].colour  # not tinted


def ribbon_pixels(r: OffscreenRenderer, pose) -> tuple[np.ndarray, np.ndarray]:
    """The ribbon's pixels (the picture with it, minus the one without; its own colours), and its
    world points."""
    with_ribbon = show(r, pose, RIBBON)
    points = r.scene.ribbon.path.copy()
    without = show(r, pose, BARE)
    changed = np.abs(with_ribbon - without).sum(axis=2) > 30
    return with_ribbon[changed], points


def bow_mm(points: np.ndarray) -> float:
    """Signed distance (mm) of the ribbon's middle from its chord, + forward (lordosis), − backward."""
    chord = points[-1] - points[0]
    u = chord / np.linalg.norm(chord)
    forward = np.cross(u, [0.0, 0.0, 1.0])
    return 1000.0 * float((points[len(points) // 2] - points[0]) @ forward)


def test_the_lumbar_ribbon_bends_and_changes_colour_from_standing_to_flat_to_rounded(offscreen):
    """Standing (curve +25°) the ribbon bows forward and is blue; at the rounding onset (0°) it is straight
    and has turned orange; rounded (−10°) it bows backward and is darker orange-purple."""
    a = offscreen.anatomy
    stand_px, stand_pts = ribbon_pixels(offscreen, standing(a))
    flat_pose = make_pose(a, thigh_deg=0.0, shank_deg=35.0, lumbar_deg=25.0, tuck_deg=5.0, added_deg=10.0)
    flat_px, flat_pts = ribbon_pixels(offscreen, flat_pose)
    round_pose = make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=35.0, tuck_deg=15.0, added_deg=20.0)
    round_px, round_pts = ribbon_pixels(offscreen, round_pose)
    assert offscreen.scene.shown.lumbar_curve_deg == -10.0
    for px in (stand_px, flat_px, round_px):
        assert len(px) > 80  # the ribbon shows, a thick line (≈ 6 px wide here)
    assert bow_mm(stand_pts) > 5.0
    assert abs(bow_mm(flat_pts)) < 0.01
    assert bow_mm(round_pts) < -2.0
    # it runs from the lumbosacral joint to the thoracolumbar joint
    np.testing.assert_allclose(round_pts[0], round_pose.joints["lumbosacral"], atol=1e-9)
    np.testing.assert_allclose(round_pts[-1], round_pose.joints["thoracolumbar"], atol=1e-9)
    assert curved_in_coloured(stand_px).mean() > 0.5 and rounded_coloured(stand_px).mean() < 0.05
    assert rounded_coloured(flat_px).mean() > 0.5 and curved_in_coloured(flat_px).mean() < 0.05
    assert rounded_coloured(round_px).mean() > 0.5
    assert np.median(round_px.sum(axis=1)) < np.median(flat_px.sum(axis=1)) - 60  # darker as it rounds


def test_the_ribbon_moves_its_points_without_a_new_mesh(offscreen):
    a = offscreen.anatomy
    show(offscreen, standing(a), RIBBON)
    poly = offscreen.scene.ribbon.actor.GetMapper().GetInput()
    cells = poly.GetPolys()
    from viewer.render.vtk_imports import vtk_to_numpy

    pts0 = vtk_to_numpy(poly.GetPoints().GetData()).copy()
    show(offscreen, deep_tucked(a), RIBBON)
    assert offscreen.scene.ribbon.actor.GetMapper().GetInput() is poly and poly.GetPolys() is cells
    pts1 = vtk_to_numpy(poly.GetPoints().GetData())
    assert pts1.shape == pts0.shape and not np.allclose(pts1, pts0)


def test_rim_contact_highlight_and_banner_appear_only_from_the_tuck_onset_on(offscreen):
    a = offscreen.anatomy
    pose = deep_tucked(a)
    img = show(offscreen, pose)
    near = window(img, to_pixel(offscreen, pose.rim_contact["r"]), 20)
    assert cyan(near).sum() > 20
    assert offscreen.scene.contact.banner.GetVisibility()
    # at the hip stop but above the tuck onset (the pelvis has not tilted back yet): nothing cyan
    above = make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=20.0, at_stop=True)
    img = show(offscreen, above, tuck_onset=16.0)
    assert cyan(img).sum() == 0
    assert not offscreen.scene.contact.banner.GetVisibility() and not offscreen.scene.shown.at_stop
    # at the onset's depth itself it shows, even before the pelvis has turned a measurable amount
    show(offscreen, above, tuck_onset=15.0)
    assert offscreen.scene.contact.banner.GetVisibility() and offscreen.scene.shown.at_stop
    # without onsets, the pose's own tuck decides
    img = show(offscreen, make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=30.0, at_stop=True))
    assert cyan(img).sum() == 0


def test_rounding_banner_shows_from_the_rounding_onset_on(offscreen):
    a = offscreen.anatomy
    banner = offscreen.scene.rounding_banner
    show(offscreen, before_tuck(a))  # curve +17°
    assert not banner.GetVisibility() and not offscreen.scene.shown.rounded
    show(offscreen, deep_tucked(a))  # curve −5°
    assert banner.GetVisibility() and "ROUNDS" in banner.GetInput()
    flat = make_pose(a, thigh_deg=5.0, shank_deg=35.0, lumbar_deg=24.9, tuck_deg=4.0)  # +0.1°
    show(offscreen, flat, tuck_onset=0.0, rounding_onset=6.0)
    assert not banner.GetVisibility()
    show(offscreen, flat, tuck_onset=0.0, rounding_onset=5.0)
    assert banner.GetVisibility()
    img = offscreen.grab().astype(int)
    rows, cols = np.nonzero(rounded_coloured(img[: SIZE[1] // 2, : SIZE[0] // 2]))
    assert rows.size > 200  # its light-orange box, top left


def test_depth_change_moves_the_pelvis_down_in_the_image(offscreen):
    a = offscreen.anatomy
    pelvis = offscreen.scene.bones.ids_on(["pelvis"])
    others = [b for b in offscreen.scene.bones.bones if b not in pelvis]

    def pelvis_centre(pose) -> np.ndarray:
        img = show(offscreen, pose)
        offscreen.scene.bones.set_visible(others, False)
        img = offscreen.grab().astype(int)
        rows, cols = np.nonzero(foreground(img))
        assert rows.size > 100
        return np.array([rows.mean(), cols.mean()])

    stand = pelvis_centre(standing(a))
    # no tuck and a lower back still curved in: no banner to add pixels at the top
    deep = pelvis_centre(make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=30.0, curve_deg=1.0))
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
    assert rounded_coloured(full[right_strip]).sum() > 100  # the colour scale itself: both sides
    assert curved_in_coloured(full[right_strip]).sum() > 100


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
    offscreen.scene.show(SceneInput(anatomy, deep_tucked(anatomy), flags=BARE))
    props = {"heel_plate_l", "heel_plate_r", "barbell", "kettlebell"}
    visible = {p for p in props if offscreen.scene.bones.actors[p].GetVisibility()}
    assert visible == shown
