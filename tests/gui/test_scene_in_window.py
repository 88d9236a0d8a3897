"""The 3D view inside the window: matrices follow the state, the A/B ghost, clean close."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from viewer.model import Anatomy, solve
from viewer.model import kinematics as kin
from viewer.model.presets import PRESETS
from viewer.render.vtk_imports import vtk_to_numpy
from viewer.state import AppState


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _actor_matrix(actor) -> np.ndarray:
    m = actor.GetUserMatrix()
    return np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])


def test_scene_is_built(window):
    assert window.scene.has_view, window.scene.error


@pytest.mark.parametrize("name, value", [("acetabular_lce_deg", 42.0), ("ankle_dorsiflexion_deg", 15.0),
                                         ("thigh_length_ratio", 1.12), ("load_position", "low_bar")])
def test_anatomy_changes_move_the_bones(window, name, value, assert_scene_shows):
    before = {k: _actor_matrix(a) for k, a in window.scene.view.scene.bones.actors.items()}
    window.store.set_depth_fraction(0.9)
    window.store.set_anatomy_value(name, value)
    window.flush()
    assert_scene_shows(window)
    after = {k: _actor_matrix(a) for k, a in window.scene.view.scene.bones.actors.items()}
    assert any(not np.allclose(before[k], after[k]) for k in before)


def test_depth_slider_moves_the_bones_and_draws_them(window, qtbot, assert_scene_shows):
    view = window.scene.view
    qtbot.waitUntil(lambda: not window.update_pending, timeout=3000)
    drawn: list[int] = []
    view.rendered.connect(lambda: drawn.append(1))
    for position in (100, 300, 500, 700):
        window.depth_bar.slider.setValue(position)
    window.flush()
    assert_scene_shows(window)
    qtbot.waitUntil(lambda: bool(drawn) and not window.update_pending, timeout=2000)  # drawn by itself


def test_ab_ghost_is_shown_and_hidden(window, qtbot):
    ghost = window.scene.compare
    assert ghost.visible_actor_count() == 0
    window.store.set_depth_fraction(0.8)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    window.preset_actions["Long femurs, short torso"].trigger()
    window.flush()
    assert ghost.visible_actor_count() > 10
    frozen = window.store.state.compare_anatomy
    expected = kin.bone_matrices(window.store.solution.compare_pose, frozen, window.scene.view.scene.specs)
    bone_id, actor = next(iter(ghost.ghost.actors.items()))
    np.testing.assert_allclose(_actor_matrix(actor), expected[bone_id], atol=1e-9)
    qtbot.keyClick(window, Qt.Key.Key_G)  # ghost off, curves stay
    window.flush()
    assert ghost.visible_actor_count() == 0
    assert all(c.isVisible() for c in window.plots.compare_angle_curves.values())
    window.act_clear_b.trigger()
    window.flush()
    assert ghost.visible_actor_count() == 0


def test_scene_png_export_is_not_blank(window, tmp_path):
    import imageio.v3 as iio

    path = tmp_path / "scene.png"
    assert window.files.export_scene_png(path)
    image = iio.imread(path)
    assert image.shape[0] > 100 and image.std() > 5.0
    whole = tmp_path / "window.png"
    assert window.files.export_window_png(whole)
    full = iio.imread(whole)
    assert full.shape[1] >= image.shape[1]


def test_gif_export_writes_frames(window, tmp_path):
    import imageio.v3 as iio

    path = tmp_path / "squat.gif"
    assert window.files.export_gif(path, frames=4)
    frames = iio.imread(path, index=None)
    assert frames.shape[0] == 4
    assert not np.array_equal(frames[0], frames[2])  # standing vs deepest differ


def _live_render_windows() -> int:
    import gc

    from vtkmodules.vtkRenderingCore import vtkRenderWindow

    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, vtkRenderWindow))


def test_window_closes_cleanly_many_times(make_window, vtk_output, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent

    before = len(vtk_output.GetOutput())
    windows_before = _live_render_windows()
    for _ in range(4):
        window = make_window(AppState(anatomy=PRESETS["Goblet squat"].anatomy))
        window.store.set_depth_fraction(0.7)
        window.flush()
        qtbot.wait(20)
        assert _live_render_windows() > windows_before  # the count sees the open window's GL window
        window.close()
        window.deleteLater()
        del window
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert vtk_output.GetOutput()[before:].strip() == ""
    assert _live_render_windows() <= windows_before


def test_meshes_are_regenerated_only_on_release(window, monkeypatch):
    calls = []
    original = window.scene.view.edit_finished
    monkeypatch.setattr(window.scene.view, "edit_finished", lambda anatomy: calls.append(anatomy) or original(anatomy))
    slider = window.controls.controls["neck_shaft_angle_deg"].slider
    slider.setSliderDown(True)
    for pos in (slider.value() + 1, slider.value() + 2, slider.value() + 3):
        slider.setValue(pos)
        window.flush()
    assert calls == []
    slider.setSliderDown(False)
    assert len(calls) == 1 and calls[0] == window.store.state.anatomy
    window.preset_actions["Deep sockets (Scottish hip)"].trigger()
    assert len(calls) == 2 and calls[1] == window.store.state.anatomy


def test_view_menu_toggles_angle_readouts_and_see_through_pelvis(window):
    """View ▸ Show angle readouts (A) and See-through pelvis (P) reach the state and the 3D view."""
    scene = window.scene.view.scene
    window.store.set_depth_fraction(0.9)
    window.flush()

    def readouts_visible() -> int:
        return sum(bool(a.GetVisibility()) for a in scene.angle_labels.actors.values())

    def pelvis_opacity() -> list[float]:
        return [scene.bones.actors[i].GetProperty().GetOpacity() for i in scene._pelvis_ids]

    assert window.store.state.show_angles and readouts_visible() >= 4
    assert pelvis_opacity() and all(o == 1.0 for o in pelvis_opacity())
    window.act_angles.trigger()
    window.act_see_through.trigger()
    window.flush()
    assert not window.store.state.show_angles and readouts_visible() == 0
    assert window.store.state.transparent_pelvis and all(o < 0.5 for o in pelvis_opacity())
    assert not window.act_angles.isChecked() and window.act_see_through.isChecked()
    window.act_angles.trigger()
    window.act_see_through.trigger()
    window.flush()
    assert readouts_visible() >= 4 and all(o == 1.0 for o in pelvis_opacity())


def test_the_b_ghost_gets_lighter_meshes_after_start_up_and_still_shows_b(window, qtbot):
    """Each ghost bone is swapped for a copy with about a quarter of its triangles, one per idle turn."""
    from viewer.render.compare_ghost import GHOST_DETAIL

    ghost = window.scene.compare
    full = sum(b.mesh.GetNumberOfCells() for b in window.scene.view.scene.bones.bones.values())
    qtbot.waitUntil(lambda: not window.scene._simplify_timer.isActive(), timeout=10000)
    assert not ghost.simplify_next()  # nothing left
    assert ghost.triangle_count() < (GHOST_DETAIL + 0.1) * full
    for bone_id, actor in ghost.ghost.actors.items():  # same place and size as the bone it copies
        mine = actor.GetMapper().GetInput().GetBounds()
        bone = window.scene.view.scene.bones.bones[bone_id].mesh.GetBounds()
        assert np.allclose(mine, bone, atol=0.03 * max(bone[1] - bone[0], bone[3] - bone[2], 0.02)), bone_id

    window.store.set_depth_fraction(0.8)
    window.flush()
    without = window.scene.grab_image().astype(int)
    window.act_freeze.trigger()
    window.preset_actions["Long femurs, short torso"].trigger()
    window.flush()
    with_b = window.scene.grab_image().astype(int)
    changed = np.abs(with_b - without).sum(axis=2) > 30
    amber = changed & (with_b[..., 0] - with_b[..., 2] > 50) & (with_b[..., 1] - with_b[..., 2] > 30)
    assert amber.sum() > 2000  # B is drawn, in its amber


def test_the_b_ghost_has_b_s_own_socket_and_femur_shapes(window, qtbot):
    """Freezing a lifter with other hip shapes (socket depth, neck angles) reshapes B's hip bones and
    femurs; a B with the shapes the ghost already shows rebuilds nothing."""
    ghost = window.scene.compare
    scene = window.scene.view.scene
    mesh = {k: a.GetMapper().GetInput() for k, a in ghost.ghost.actors.items()}
    window.act_freeze.trigger()  # B = the default lifter: same shapes as the ghost shows
    window.flush()
    assert ghost.reshaped == [] and ghost.ghost.actors["pelvis_r"].GetMapper().GetInput() is mesh["pelvis_r"]
    window.act_clear_b.trigger()
    window.preset_actions["Deep sockets (Scottish hip)"].trigger()  # socket depth 42°, version 14°
    window.act_freeze.trigger()
    window.preset_actions["Average lifter"].trigger()
    window.flush()
    assert {"pelvis_r", "pelvis_l", "femur_r", "femur_l"} <= set(ghost.reshaped)
    new = ghost.ghost.actors["pelvis_r"].GetMapper().GetInput()
    assert new is not mesh["pelvis_r"] and new.GetNumberOfCells() > 100
    old_pts = vtk_to_numpy(mesh["pelvis_r"].GetPoints().GetData())
    new_pts = vtk_to_numpy(new.GetPoints().GetData())
    assert old_pts.shape != new_pts.shape or np.abs(old_pts - new_pts).max() > 1e-3
    assert scene.bones.actors["pelvis_r"].GetMapper().GetInput() is not new  # A keeps a mesh of its own
    # built at full detail in the freeze's turn, simplified in idle turns after it
    qtbot.waitUntil(lambda: not ghost.simplifying, timeout=5000)
    coarse = ghost.ghost.actors["pelvis_r"].GetMapper().GetInput()
    assert coarse.GetNumberOfCells() < 0.4 * new.GetNumberOfCells()


def test_dragging_a_s_sliders_leaves_the_b_ghost_untouched(window, qtbot, monkeypatch):
    """B's pose does not change while A's anatomy is dragged at a fixed depth: its matrices are not
    worked out again and its actors are not modified (each costs VTK work in the next render)."""
    window.store.set_depth_fraction(0.8)
    window.act_freeze.trigger()
    window.flush()
    actors = window.scene.compare.ghost.actors
    before = {k: a.GetMTime() for k, a in actors.items() if a.GetVisibility()}
    assert len(before) > 10
    calls = []
    plain = kin.bone_matrices
    monkeypatch.setattr(kin, "bone_matrices", lambda *a, **k: calls.append(1) or plain(*a, **k))
    slider = window.controls.controls["acetabular_lce_deg"].slider
    slider.setSliderDown(True)
    for step in (1, 2, 3):
        slider.setValue(slider.value() + 1)
        window.flush()
        assert window.store.state.anatomy.acetabular_lce_deg != window.store.state.compare_anatomy.acetabular_lce_deg
        assert {k: actors[k].GetMTime() for k in before} == before, f"B's actors modified at step {step}"
        assert calls == [], f"B's matrices worked out again at step {step}"
    slider.setSliderDown(False)
    window.store.set_depth_fraction(0.6)  # a new depth moves B too
    window.flush()
    assert any(actors[k].GetMTime() > t for k, t in before.items())
    assert calls


def test_a_closed_window_frees_its_scene_and_b_ghost_without_the_garbage_collector(settings, qtbot):
    """No reference cycle holds a closed window's scene (and its VTK objects) until a collection runs:
    the B ghost listens to the scene's close-up changes through a weak reference."""
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    window = MainWindow(Store(), settings=settings)
    window.show()
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowExposed(window)
    window.store.set_depth_fraction(0.8)
    window.act_freeze.trigger()
    window.store.set_view(camera="hip")
    window.flush()
    assert window.scene.compare.visible
    scene, ghost = weakref.ref(window.scene.view.scene), weakref.ref(window.scene.compare)
    gc.collect()
    gc.disable()
    try:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window
        assert scene() is None and ghost() is None
    finally:
        gc.enable()


def test_a_one_sided_preset_from_behind_shows_the_shift_the_loads_and_the_stopped_hip(window, qtbot,
                                                                                      assert_scene_shows):
    """"One retroverted hip" at the bottom, back camera: the pelvis drawn shifted left by the pose's shift,
    the left foot's bar the taller with its figure, the rim contact on the right hip only."""
    scene = window.scene.view.scene
    window.preset_actions["One retroverted hip"].trigger()
    window.store.set_view(camera="back")
    window.store.set_depth_fraction(1.0)
    window.flush()
    qtbot.waitUntil(lambda: scene.camera_name == "back" and not window.update_pending, timeout=5000)
    assert_scene_shows(window)
    pose = window.store.solution.pose
    assert pose.pelvic_shift_cm < -3.0
    pelvis = next(b for b in scene.specs if b.segment == "pelvis")
    plain = kin.bone_matrices(solve(Anatomy(), pose.thigh_angle_deg), Anatomy(), scene.specs)[pelvis.id]
    drawn = _actor_matrix(scene.bones.actors[pelvis.id])
    assert drawn[2, 3] - plain[2, 3] == pytest.approx(pose.pelvic_shift_cm / 100.0, abs=1e-9)
    loads = scene.foot_loads
    assert loads.visible
    assert loads.labels.text("l") == f"Left {pose.foot_load_l_pct:.0f} %" == "Left 57 %"
    assert loads.labels.text("r") == "Right 43 %"
    assert loads.bar_height_m("l") > loads.bar_height_m("r") * 1.2
    shown = {s for s, pair in scene.contact.actors.items() if all(a.GetVisibility() for a in pair)}
    assert shown == {"r"}
    window.store.set_view(camera="side")
    window.flush()
    qtbot.waitUntil(lambda: scene.camera_name == "side" and not window.update_pending, timeout=5000)
    assert not loads.visible and not loads.bars["l"].GetVisibility()
