"""The per-frame overlays: numpy tube mesh of the muscles, cached text labels, tint by uniform,
anchored contact discs and the transformed plumb line. Each must look like the VTK original it
replaces, and a pose change must reach the screen without modifying what it need not modify."""

from __future__ import annotations

import numpy as np
import pytest
from poses import deep_tucked, make_pose, standing

from viewer.model import kinematics as kin
from viewer.render.colours import muscle_colour
from viewer.render.labels import TextLabels
from viewer.render.overlays import MuscleTubes
from viewer.render.scene_input import SceneInput, ViewFlags
from viewer.render.snapshot import offscreen_window, release_window
from viewer.render.tubes import TubeMesh
from viewer.render.vtk_imports import (
    vtk_to_numpy,
    vtkCoordinate,
    vtkRenderer,
    vtkTextActor,
    vtkWindowToImageFilter,
)

SIZE = (640, 400)
BARE = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False)


def _mesh(paths: list[np.ndarray], radius: float = 0.01, sides: int = 10):
    mesh = TubeMesh([len(p) for p in paths], radius, sides)
    pts = np.zeros((mesh.n_vertices, 3), np.float32)
    nrm = np.zeros((mesh.n_vertices, 3), np.float32)
    mesh.rings(np.concatenate(paths), pts, nrm)
    return mesh, pts.astype(float), nrm.astype(float)


def _check_tube(mesh: TubeMesh, pts: np.ndarray, nrm: np.ndarray, tube: int, a: np.ndarray, b: np.ndarray,
                radius: float) -> None:
    """Straight tube ``tube`` from a to b: side vertices on the cylinder, radial normals, axial caps."""
    axis = (b - a) / np.linalg.norm(b - a)
    side, cap = mesh.vertex_slices(tube)
    for sl in (side, cap):
        rel = pts[sl] - a
        along = rel @ axis
        assert np.all(along > -1e-6) and np.all(along < np.linalg.norm(b - a) + 1e-6)
        off = rel - np.outer(along, axis)
        np.testing.assert_allclose(np.linalg.norm(off, axis=1), radius, rtol=1e-5)
    rel = pts[side] - a
    radial = rel - np.outer(rel @ axis, axis)
    np.testing.assert_allclose(nrm[side], radial / radius, atol=1e-5)  # unit, outward, ⟂ axis
    caps = nrm[cap].reshape(2, -1, 3)
    np.testing.assert_allclose(caps[0], np.broadcast_to(-axis, caps[0].shape), atol=1e-6)
    np.testing.assert_allclose(caps[1], np.broadcast_to(axis, caps[1].shape), atol=1e-6)


def test_tube_mesh_builds_capped_cylinders_with_outward_triangles():
    r = 0.01
    a1, b1 = np.array([0.0, 0.0, 0.0]), np.array([0.3, 0.4, 0.0])
    a2, b2 = np.array([0.1, 0.9, 0.1]), np.array([0.1, 0.2, 0.12])  # nearly vertical
    mesh, pts, nrm = _mesh([np.array([a1, b1]), np.array([a2, b2])], r)
    assert mesh.n_vertices == (4 + 4) * 10
    _check_tube(mesh, pts, nrm, 0, a1, b1, r)
    _check_tube(mesh, pts, nrm, 1, a2, b2, r)
    tri = pts[mesh.triangles]
    face = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    assert np.all(np.einsum("ij,ij->i", face, nrm[mesh.triangles].mean(axis=1)) > 0)  # counter-clockwise outside
    assert mesh.triangles.max() < mesh.n_vertices
    assert len(mesh.triangles) == 2 * (2 * 10 + 2 * 8)  # per tube: a 20-triangle band, two 8-triangle caps


def test_tube_mesh_handles_a_sideways_tube_and_a_bent_path():
    r = 0.008
    a, b = np.array([0.0, 0.5, -0.2]), np.array([0.0, 0.5, 0.2])  # along the reference axis z
    bent = np.array([[0.0, 0.0, 0.0], [0.1, 0.3, 0.0], [0.1, 0.6, 0.0], [0.0, 0.9, 0.02]])
    mesh, pts, nrm = _mesh([np.array([a, b]), bent], r)
    assert np.all(np.isfinite(pts)) and np.all(np.isfinite(nrm))
    _check_tube(mesh, pts, nrm, 0, a, b, r)
    side, _ = mesh.vertex_slices(1)
    rings = pts[side].reshape(4, 10, 3)
    for k in range(4):  # every ring is centred on its polyline point, radius r
        np.testing.assert_allclose(np.linalg.norm(rings[k] - bent[k], axis=1), r, rtol=1e-5)
    # an inner ring is perpendicular to the mean direction of its two segments
    d0, d1 = bent[1] - bent[0], bent[2] - bent[1]
    mean = d0 / np.linalg.norm(d0) + d1 / np.linalg.norm(d1)
    assert np.max(np.abs((rings[1] - bent[1]) @ (mean / np.linalg.norm(mean)))) < 1e-6
    np.testing.assert_allclose(np.linalg.norm(nrm, axis=1), 1.0, atol=1e-5)


def test_muscle_tubes_are_one_actor_coloured_per_vertex_by_length(standin_bones):
    ren = vtkRenderer()
    names = ["hams_l", "hams_r", "rectus_l"]
    tubes = MuscleTubes(ren, names, {"hams_l": 2, "hams_r": 2, "rectus_l": 4})
    assert ren.GetActors().GetNumberOfItems() == 1
    paths = {"hams_l": np.array([[0.0, 0.5, -0.1], [0.1, 0.1, -0.1]]),
             "hams_r": np.array([[0.0, 0.5, 0.1], [0.1, 0.1, 0.1]]),
             "rectus_l": np.array([[0.0, 0.9, -0.1], [0.1, 0.7, -0.1], [0.15, 0.5, -0.1], [0.2, 0.1, -0.1]])}
    tubes.update(paths, {"hams": 1.12, "rectus": 0.9})
    assert tubes.colour_of("hams_r") == pytest.approx(muscle_colour(1.12))
    assert tubes.colour_of("rectus_l") == pytest.approx(muscle_colour(0.9))
    expected = np.round(np.asarray(muscle_colour(1.12)) * 255)
    assert np.all(tubes.vertex_colours("hams_l") == expected)
    # what VTK draws is the numpy data, in place
    poly = tubes.actor.GetMapper().GetInput()
    drawn = vtk_to_numpy(poly.GetPoints().GetData())
    side, _ = tubes.mesh.vertex_slices(tubes.names.index("rectus_l"))
    np.testing.assert_allclose(drawn[side].reshape(4, 10, 3).mean(axis=1), paths["rectus_l"], atol=1e-6)
    colours = vtk_to_numpy(poly.GetPointData().GetScalars())
    assert colours.dtype == np.uint8 and colours.shape == (tubes.mesh.n_vertices, 3)
    before = drawn.copy()
    moved = {k: v + np.array([0.0, 0.0, 0.05]) for k, v in paths.items() if k != "hams_r"}
    tubes.update(moved, {"rectus": 0.9})  # hams_r keeps its place; hams at standing length
    drawn = vtk_to_numpy(poly.GetPoints().GetData())
    side_r, cap_r = tubes.mesh.vertex_slices(tubes.names.index("hams_r"))
    np.testing.assert_array_equal(drawn[side_r], before[side_r])
    side_l, _ = tubes.mesh.vertex_slices(tubes.names.index("hams_l"))
    np.testing.assert_allclose(drawn[side_l] - before[side_l], np.broadcast_to([0, 0, 0.05], before[side_l].shape),
                               atol=1e-6)
    assert tubes.colour_of("hams_l") == pytest.approx(muscle_colour(1.0))
    tubes.set_visible(False)
    assert not tubes.actor.GetVisibility()


def test_muscles_are_drawn_in_their_length_colours(offscreen):
    a = offscreen.anatomy
    pose = deep_tucked(a)  # biceps femoris 1.10 × standing: vermilion side of the scale
    offscreen.scene.show(SceneInput(a, pose, flags=BARE))
    without = offscreen.grab().astype(int)
    offscreen.scene.show(SceneInput(a, pose, flags=ViewFlags(angle_readouts=False, muscles=True, ghost=False,
                                                             legend=False, floor=False)))
    with_ = offscreen.grab().astype(int)
    changed = np.abs(with_ - without).sum(axis=2) > 30
    assert changed.sum() > 200
    px = with_[changed]
    orange = (px[:, 0] > px[:, 2] + 60) & (px[:, 0] > 120)
    assert orange.sum() > 50
    assert offscreen.scene.muscles.colour_of("biceps_femoris_long_head_r") == pytest.approx(muscle_colour(1.1))
    hidden = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False)
    offscreen.scene.show(SceneInput(a, standing(a), flags=hidden))  # hidden tubes are not updated …
    assert offscreen.scene.muscles.colour_of("biceps_femoris_long_head_r") == pytest.approx(muscle_colour(1.1))
    offscreen.scene.show(SceneInput(a, pose, flags=ViewFlags(muscles=True)))  # … until shown again
    assert offscreen.scene.muscles.actor.GetVisibility()


def _grab(window) -> np.ndarray:
    window.Render()
    f = vtkWindowToImageFilter()
    f.SetInput(window)
    f.ReadFrontBufferOff()
    f.Update()
    im = f.GetOutput()
    w, h, _ = im.GetDimensions()
    return vtk_to_numpy(im.GetPointData().GetScalars()).reshape(h, w, -1).astype(int)


@pytest.mark.parametrize("font_px", [20, 34])
def test_text_labels_look_exactly_like_vtk_text_actors(font_px):
    window = offscreen_window((420, 200))
    try:
        ren = vtkRenderer()
        ren.SetBackground(0.3, 0.34, 0.4)
        window.AddRenderer(ren)
        ren.GetActiveCamera().SetPosition(0.0, 0.0, 5.0)
        labels = TextLabels(ren, ["left", "right"], font_px=font_px, right_aligned=["right"])
        anchors = {"left": (np.array([-0.4, 0.3, 0.0]), (12.0, -5.0)),
                   "right": (np.array([0.5, -0.3, 0.0]), (-8.0, 4.0))}
        ref = {}
        for key in ("left", "right"):  # the reference: a vtkTextActor placed at a world anchor
            a = vtkTextActor()
            a.GetTextProperty().ShallowCopy(labels.text_property(key))
            a.SetTextScaleModeToNone()
            world = vtkCoordinate()
            world.SetCoordinateSystemToWorld()
            world.SetValue(*anchors[key][0])
            a.GetPositionCoordinate().SetCoordinateSystemToDisplay()
            a.GetPositionCoordinate().SetReferenceCoordinate(world)
            a.GetPositionCoordinate().SetValue(*anchors[key][1])
            a.SetVisibility(False)
            ren.AddViewProp(a)
            ref[key] = a
        for texts in (("Knee 7°", "Hip 106°"), ("Knee 157°", "Pelvis -18°"), ("Ankle 38°", "Lumbar 1°")):
            items = {k: (t, *anchors[k]) for k, t in zip(("left", "right"), texts, strict=True)}
            labels.update(items, True)
            assert (labels.text("left"), labels.text("right")) == texts
            mine = _grab(window)
            labels.update(items, False)
            for key, text in zip(("left", "right"), texts, strict=True):
                ref[key].SetInput(text)
                ref[key].SetVisibility(True)
            theirs = _grab(window)
            for a in ref.values():
                a.SetVisibility(False)
            drawn = np.abs(theirs - _grab(window)).sum(axis=2) > 0
            assert drawn.sum() > 200 * (font_px / 20) ** 2  # both labels are there
            differ = int((np.abs(mine - theirs).sum(axis=2) > 0).sum())
            assert differ == 0, f"{texts}: {differ} pixels differ"
    finally:
        release_window(window)


def test_a_new_label_text_reaches_the_texture_without_modifying_the_actor():
    ren = vtkRenderer()
    labels = TextLabels(ren, ["knee"])
    anchor = (np.zeros(3), (5.0, 0.0))
    labels.update({"knee": ("Knee 10°", *anchor)}, True)
    actor = labels.actors["knee"]
    t_actor, t_image = actor.GetMTime(), actor.GetTexture().GetInput().GetMTime()
    labels.update({"knee": ("Knee 11°", *anchor)}, True)
    assert labels.text("knee") == "Knee 11°"
    assert actor.GetTexture().GetInput().GetMTime() > t_image
    assert actor.GetMTime() == t_actor
    labels.update({"knee": ("Knee 11°", np.ones(3), (5.0, 0.0))}, True)  # anchors move freely too
    assert actor.GetMTime() == t_actor
    labels.update({}, True)
    assert not actor.GetVisibility()


def test_tint_changes_a_uniform_and_draws_like_the_property_colour(offscreen):
    a = offscreen.anatomy
    scene = offscreen.scene
    scene.show(SceneInput(a, deep_tucked(a), tuck_onset_deg=0.0, flags=BARE))
    bones = scene._tinted
    rgb = scene.shown.tint_rgb
    assert all(scene.bones.colour(b) == pytest.approx(rgb) for b in bones)
    mtimes = [scene.bones.actors[b].GetProperty().GetMTime() for b in bones]
    deeper = make_pose(a, thigh_deg=15.0, shank_deg=38.0, lumbar_deg=34.0, at_stop=True, tuck_deg=24.0)
    scene.show(SceneInput(a, deeper, tuck_onset_deg=0.0, flags=BARE))  # a rounder lower back, another tint
    assert scene.shown.tint_rgb != pytest.approx(rgb)
    assert [scene.bones.actors[b].GetProperty().GetMTime() for b in bones] == mtimes
    via_uniform = offscreen.grab().astype(int)
    for b in bones:  # the same colour the classic way
        actor = scene.bones.actors[b]
        actor.GetShaderProperty().ClearAllFragmentShaderReplacements()
        actor.GetProperty().SetColor(*scene.shown.tint_rgb)
    via_property = offscreen.grab().astype(int)
    assert np.array_equal(via_uniform, via_property)


def test_contact_discs_follow_their_anchor_and_the_plumb_line_spans_floor_to_com(offscreen):
    a = offscreen.anatomy
    scene = offscreen.scene
    pose = deep_tucked(a)
    scene.show(SceneInput(a, pose, flags=ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False)))
    discs = scene.contact.actors["r"]
    assert all(d.GetVisibility() for d in discs)
    ren = scene.renderer
    for d in discs:
        np.testing.assert_allclose(d.GetPositionCoordinate().GetComputedDoubleDisplayValue(ren)[:2],
                                   _display(ren, pose.rim_contact["r"]), atol=1.0)
    t = discs[0].GetMTime()
    assert kin.at_hip_stop(pose)
    moved = dict(pose.rim_contact)
    moved["r"] = np.asarray(pose.rim_contact["r"]) + np.array([0.05, 0.0, 0.0])
    scene.contact.update(True, moved)
    assert discs[0].GetMTime() == t
    np.testing.assert_allclose(discs[0].GetPositionCoordinate().GetComputedDoubleDisplayValue(ren)[:2],
                               _display(ren, moved["r"]), atol=1.0)
    com = np.asarray(pose.joints["com"], float)
    lo_x, hi_x, lo_y, hi_y, lo_z, hi_z = scene.floor.com_line.GetBounds()
    assert lo_y == pytest.approx(0.0, abs=1e-6) and hi_y == pytest.approx(com[1], rel=1e-6)
    assert 0.5 * (lo_x + hi_x) == pytest.approx(com[0], abs=1e-6) and 0.5 * (lo_z + hi_z) == pytest.approx(com[2])
    assert hi_x - lo_x == pytest.approx(0.01, rel=0.05)  # radius 5 mm, not scaled with the height


def _display(ren, world) -> np.ndarray:
    ren.SetWorldPoint(*(float(v) for v in world), 1.0)
    ren.WorldToDisplay()
    return np.array(ren.GetDisplayPoint()[:2])


def test_user_matrices_copy_and_mark_modified_only_on_change():
    from viewer.render.bones import UserMatrices
    from viewer.render.vtk_imports import vtkActor

    mats, actor = UserMatrices(), vtkActor()
    vm = mats.attach("femur_r", actor)
    assert actor.GetUserMatrix() is vm
    m = np.eye(4)
    m[:3, 3] = (0.1, 0.9, -0.2)
    assert mats.set("femur_r", m)
    t = actor.GetMTime()
    assert [vm.GetElement(i, 3) for i in range(3)] == [0.1, 0.9, -0.2]
    assert not mats.set("femur_r", m.copy())  # the same numbers: no copy, the actor is not modified
    assert actor.GetMTime() == t
    m[1, 3] = 0.8
    assert mats.set("femur_r", m)
    assert actor.GetMTime() > t and vm.GetElement(1, 3) == 0.8


def test_a_depth_change_modifies_the_moving_bones_and_leaves_the_feet(offscreen):
    from viewer.model.anatomy import Anatomy
    from viewer.model.squat import sweep

    scene, anatomy = offscreen.scene, Anatomy()
    sw = sweep(anatomy)
    scene.show(SceneInput.from_sweep(anatomy, sw.pose_at(-40.0), sw))
    actors = scene.bones.actors
    feet = [b for b in actors if b.startswith("foot_")] or [b for b in actors if "foot" in b]
    assert feet
    before = {b: a.GetMTime() for b, a in actors.items()}
    scene.show(SceneInput.from_sweep(anatomy, sw.pose_at(-38.0), sw))
    assert all(actors[b].GetMTime() == before[b] for b in feet)
    moved = [b for b in actors if actors[b].GetMTime() > before[b]]
    assert any("femur" in b for b in moved) and any("pelvis" in b or "hip" in b for b in moved)
    for b in actors:  # whatever was skipped still shows the pose's matrix
        np.testing.assert_allclose(scene.bones.matrix(b), scene._matrices[b], atol=1e-12)
