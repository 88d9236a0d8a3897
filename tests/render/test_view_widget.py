"""The Qt scene widget: coalesced renders, animated camera, HiDPI ratio, clean teardown (under Xvfb)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from poses import deep_tucked, standing

from viewer.model.anatomy import Anatomy
from viewer.render import cameras
from viewer.render.scene_input import SceneInput

pytest.importorskip("PySide6")


@pytest.fixture
def view(qtbot, standin_bones):
    from viewer.render.view_widget import SceneView

    v = SceneView(bones=standin_bones)
    v.resize(480, 320)
    v.show()
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowExposed(v)
    yield v
    v.finalize()
    v.close()
    v.deleteLater()
    qtbot.wait(1)


def show(view, pose, camera: str = "side", tuck_onset_deg: float | None = None):
    """Show ``pose`` of the average lifter from ``camera`` (an animated move if the camera changes)."""
    return view.show_scene(SceneInput(Anatomy(), pose, tuck_onset_deg=tuck_onset_deg, camera=camera))


def test_many_changes_in_one_event_loop_turn_render_once(view, qtbot):
    a = Anatomy()
    show(view, standing(a))
    qtbot.waitUntil(lambda: view.render_count > 0, timeout=3000)
    before = view.render_count
    for k in range(6):
        show(view, deep_tucked(a) if k % 2 else standing(a), tuck_onset_deg=0.0)
    assert view.render_count == before  # nothing drawn synchronously
    qtbot.waitUntil(lambda: view.render_count > before, timeout=3000)
    qtbot.wait(50)
    assert view.render_count == before + 1


def test_camera_preset_change_animates_and_lands_on_the_preset(view, qtbot):
    a = Anatomy()
    show(view, standing(a))  # the first state: the camera jumps
    assert not view.camera_animating
    side = view.scene.current_camera()
    np.testing.assert_allclose(side.position, view.scene.camera_pose("side").position, atol=1e-6)
    show(view, standing(a), "front")
    assert view.camera_animating
    qtbot.wait(cameras.TRANSITION_MS // 2)
    mid = view.scene.current_camera()
    assert view.camera_animating or mid == view.scene.camera_pose("front")
    qtbot.waitUntil(lambda: not view.camera_animating, timeout=3000)
    end = view.scene.current_camera()
    np.testing.assert_allclose(end.position, view.scene.camera_pose("front").position, atol=1e-6)
    # the transition passed between the two views at the same distance (an orbit, not a cut)
    assert math.dist(mid.position, mid.focal_point) == pytest.approx(math.dist(side.position, side.focal_point),
                                                                     rel=1e-3)


def test_pixel_ratio_is_the_widgets_own(view):
    assert view.vtk._getPixelRatio() == pytest.approx(view.vtk.devicePixelRatioF())


def test_finalize_is_idempotent_and_stops_rendering(view, qtbot):
    a = Anatomy()
    show(view, standing(a))
    qtbot.waitUntil(lambda: view.render_count > 0, timeout=3000)
    view.finalize()
    count = view.render_count
    view.request_render()
    assert show(view, standing(a)) is None  # updates after close are ignored
    view.set_camera("front")
    assert view.edit_finished(a) == []
    qtbot.wait(30)
    assert view.render_count == count
    with pytest.raises(RuntimeError, match="closed"):
        view.grab_image()
    view.finalize()


def test_grab_image_returns_the_frame(view, qtbot):
    a = Anatomy()
    show(view, standing(a))
    img = view.grab_image()
    assert img.dtype == np.uint8 and img.ndim == 3 and img.shape[2] == 3
    assert img.shape[0] >= 300 and img.shape[1] >= 460
    assert np.abs(img.astype(int) - img[:, :1, :].astype(int)).sum(axis=2).max() > 100  # the skeleton is there


@pytest.mark.parametrize("key", ["3", "w", "s", "e", "q", "f", "r", "p", "j", "u"])
def test_vtk_single_key_commands_are_not_reachable(view, qtbot, key):
    """VTK's own keys (3 = stereo, w = wireframe, e/q = exit, r = reset camera…) must do nothing:
    a key pressed while the 3D view has focus goes to the window, never to VTK."""
    from PySide6.QtCore import Qt

    a = Anatomy()
    show(view, standing(a))
    qtbot.waitUntil(lambda: view.render_count > 0, timeout=3000)
    camera = view.scene.renderer.GetActiveCamera()
    position = camera.GetPosition()
    representations = {id(actor): actor.GetProperty().GetRepresentation()
                       for actor in view.scene.renderer.GetActors()}
    seen: list[str] = []
    view.vtk.AddObserver("CharEvent", lambda *_: seen.append("char"))
    view.vtk.AddObserver("ExitEvent", lambda *_: seen.append("exit"))
    view.vtk.setFocus()
    qtbot.keyClick(view.vtk, getattr(Qt.Key, f"Key_{key.upper()}"), delay=-1)
    qtbot.wait(20)
    assert seen == []
    assert not view.window.GetStereoRender()
    assert camera.GetPosition() == position
    assert {id(actor): actor.GetProperty().GetRepresentation()
            for actor in view.scene.renderer.GetActors()} == representations
    assert view.isVisible()


def test_the_close_up_leaves_its_bones_out_for_the_whole_camera_move_and_a_new_pose_does_not_snap(
        view, qtbot, monkeypatch):
    from types import SimpleNamespace

    from viewer.render import view_widget
    from viewer.render.scene import HIP_CLOSE_UP_HIDDEN

    # the move's clock is the test's, so a loaded machine (one frame longer than the move) cannot skip it
    clock = [0.0]
    monkeypatch.setattr(view_widget, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    a = Anatomy()
    show(view, deep_tucked(a), "front", tuck_onset_deg=0.0)
    actors = view.scene.bones.actors

    def shown() -> set[str]:
        return {k for k, act in actors.items() if act.GetVisibility()}

    assert {"femur_l", "rib_cage"} <= shown()
    show(view, deep_tucked(a), "hip", tuck_onset_deg=0.0)
    assert view.camera_animating
    assert not shown() & HIP_CLOSE_UP_HIDDEN  # gone before the camera flies in past them
    start = view.scene.current_camera().position
    clock[0] += cameras.TRANSITION_MS / 3000.0
    qtbot.waitUntil(lambda: not np.allclose(view.scene.current_camera().position, start), timeout=3000)
    show(view, standing(a), "hip")  # a new pose while the camera moves
    during = view.scene.current_camera()
    assert view.camera_animating
    assert not np.allclose(during.position, view.scene.camera_pose("hip").position, atol=1e-3)  # no snap
    clock[0] += 2.0 * cameras.TRANSITION_MS / 1000.0  # past the end
    qtbot.waitUntil(lambda: not view.camera_animating, timeout=3000)
    np.testing.assert_allclose(view.scene.current_camera().position, view.scene.camera_pose("hip").position,
                               atol=1e-6)
    assert not shown() & HIP_CLOSE_UP_HIDDEN
    show(view, deep_tucked(a), "hip", tuck_onset_deg=0.0)  # in the close-up, the camera follows the hip
    np.testing.assert_allclose(view.scene.current_camera().position, view.scene.camera_pose("hip").position,
                               atol=1e-6)
    show(view, deep_tucked(a), "side", tuck_onset_deg=0.0)
    assert view.camera_animating
    assert not shown() & HIP_CLOSE_UP_HIDDEN  # still out while the camera leaves the hip
    clock[0] += 2.0 * cameras.TRANSITION_MS / 1000.0  # past the end
    qtbot.waitUntil(lambda: not view.camera_animating, timeout=3000)
    assert {"femur_l", "rib_cage"} <= shown()  # back once it has left
