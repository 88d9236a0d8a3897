"""The 3D view draws one frame per event-loop turn, also while Qt re-lays out the window."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication


def _renders_per_turn(window, seconds: float = 0.8) -> list[int]:
    view = window.scene.view
    counts = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        before = view.render_count
        QApplication.processEvents()
        counts.append(view.render_count - before)
        time.sleep(0.005)
    return counts


def test_a_repaint_asks_for_the_coalesced_frame_instead_of_rendering_at_once(window, qtbot):
    view = window.scene.view
    _renders_per_turn(window, 0.3)
    before = view.render_count
    view.vtk.repaint()  # a synchronous paint event, as Qt sends while re-laying out
    view.vtk.repaint()
    assert view.render_count == before  # the stock widget rendered here, once per paint
    qtbot.waitUntil(lambda: view.render_count == before + 1, timeout=2000)
    _renders_per_turn(window, 0.2)
    assert view.render_count == before + 1  # two paints, one frame


def test_resizing_and_presentation_mode_draw_at_most_one_frame_per_turn(window):
    _renders_per_turn(window, 0.3)
    for change in (lambda: window.resize(window.width() - 120, window.height() - 60),
                   lambda: window.resize(window.width() + 120, window.height() + 60),
                   lambda: window.set_presentation(True),
                   lambda: window.set_presentation(False)):
        change()
        counts = _renders_per_turn(window)
        assert sum(counts) >= 1  # the new size is drawn
        assert max(counts) == 1, counts  # never two software-GL frames in one turn


def test_a_state_change_still_renders_in_the_same_turn(window):
    view = window.scene.view
    _renders_per_turn(window, 0.3)
    before = view.render_count
    window.store.set_depth_fraction(0.5 if window.store.solution.depth_fraction != 0.5 else 0.6)
    QApplication.processEvents()
    QApplication.processEvents()
    assert view.render_count == before + 1


def test_a_relayout_and_the_frame_it_asks_for_are_drawn_in_different_turns(window):
    """A resize or a presentation-mode switch re-lays out and repaints the whole window in one turn
    (30-60 ms in software); the 3D frame at the new size comes in a later turn, so that the event
    loop reads the user's input in between instead of being held for both."""
    from PySide6.QtCore import QEvent, QObject

    view = window.scene.view
    resized: list[int] = []

    class Spy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Resize:
                resized.append(1)
            return False

    spy = Spy()
    view.vtk.installEventFilter(spy)
    try:
        for change in (lambda: window.resize(window.width() - 120, window.height() - 60),
                       lambda: window.resize(window.width() + 120, window.height() + 60),
                       lambda: window.set_presentation(True),
                       lambda: window.set_presentation(False),
                       # a new depth in the same turn as a relayout (a playing squat while the window
                       # is resized) joins the relayout's frame in the next turn
                       lambda: (window.resize(window.width() - 80, window.height() - 40),
                                window.store.set_depth_fraction(0.3 if window.store.solution.depth_fraction > 0.5
                                                                else 0.7),
                                window.flush())):
            _renders_per_turn(window, 0.3)
            turns = []  # per turn: (the 3D view was resized in it, frames drawn in it)
            first = True
            end = time.monotonic() + 0.8
            while time.monotonic() < end:
                r0, n0 = len(resized), view.render_count
                if first:
                    change()  # the action belongs to the turn it starts
                    first = False
                QApplication.processEvents()
                turns.append((len(resized) > r0, view.render_count - n0))
                time.sleep(0.005)
            assert any(r for r, _ in turns), "the 3D view was not re-laid out"
            assert sum(n for _, n in turns) >= 1  # the new size is drawn
            assert not any(r and n for r, n in turns), turns
    finally:
        view.vtk.removeEventFilter(spy)


def test_update_pending_holds_from_a_new_state_until_its_frame_is_drawn(window):
    """What tests and benchmarks wait on (``MainWindow.update_pending``, ``SceneView.frame_pending``)."""
    view = window.scene.view
    _renders_per_turn(window, 0.3)
    assert not window.update_pending and not view.frame_pending
    before = view.render_count
    window.store.set_depth_fraction(0.3 if window.store.solution.depth_fraction != 0.3 else 0.4)
    assert window.update_pending and not view.frame_pending  # the state waits for the views
    QApplication.processEvents()  # the views apply it and ask for a frame
    assert view.render_count == before and view.frame_pending and window.update_pending
    QApplication.processEvents()  # the frame is drawn
    assert view.render_count == before + 1
    assert not view.frame_pending and not window.update_pending
