"""The 3D view draws each new state and each new size by itself, and says when it has.

How the frames are scheduled (one per event-loop turn, a relayout's frame in a later turn) is
measured, not asserted, in ``benchmarks/ui_stalls.py``.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _record_frames(view, sizes: list[tuple[int, int]]):
    """Connect a recorder of the render window's size (px) at each frame drawn; returns it."""

    def drawn() -> None:
        sizes.append(tuple(view.window.GetSize()))

    view.rendered.connect(drawn)
    return drawn


def test_a_new_state_is_drawn_before_update_pending_clears(window, qtbot, assert_scene_shows):
    """What tests and benchmarks wait on (``MainWindow.update_pending``): it holds from a new state until
    the 3D view has drawn a frame of it, with no one asking for the frame."""
    view = window.scene.view
    qtbot.waitUntil(lambda: not window.update_pending, timeout=3000)
    frames: list[tuple[int, int]] = []
    recorder = _record_frames(view, frames)
    try:
        window.store.set_depth_fraction(0.3 if window.store.solution.depth_fraction != 0.3 else 0.4)
        assert window.update_pending and not frames  # the new state waits for the views…
        qtbot.waitUntil(lambda: not window.update_pending, timeout=3000)
        assert frames, "the new state was never drawn"  # …until its frame is drawn
    finally:
        view.rendered.disconnect(recorder)
    assert not view.frame_pending
    assert_scene_shows(window)


@pytest.mark.parametrize("change", ["smaller", "presentation"])
def test_a_new_size_is_drawn_at_that_size(window, qtbot, change):
    """A resize or presentation mode re-lays out the window; the 3D view then draws, by itself, a frame at
    its new size."""
    view = window.scene.view
    qtbot.waitUntil(lambda: not window.update_pending, timeout=3000)
    before = (view.vtk.width(), view.vtk.height())
    frames: list[tuple[int, int]] = []
    recorder = _record_frames(view, frames)

    def shown_at_the_new_size() -> bool:
        ratio = view.vtk.devicePixelRatioF()
        size = (round(view.vtk.width() * ratio), round(view.vtk.height() * ratio))
        return (view.vtk.width(), view.vtk.height()) != before and bool(frames) and frames[-1] == size

    try:
        if change == "smaller":
            window.resize(window.width() - 120, window.height() - 60)
        else:
            window.set_presentation(True)
        qtbot.waitUntil(shown_at_the_new_size, timeout=5000)
    finally:
        view.rendered.disconnect(recorder)
        if change == "presentation":
            window.set_presentation(False)
