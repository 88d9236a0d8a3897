"""The app collects garbage from a timer of the event loop, never inside Qt (see
``viewer.ui.app.collect_garbage_between_events``)."""

from __future__ import annotations

import gc
import weakref

import pytest

from viewer.ui import app as app_module


@pytest.fixture
def collector(qapp):
    """The app's garbage policy for one test; automatic collection is back on afterwards."""
    assert gc.isenabled()
    timer = app_module.collect_garbage_between_events(qapp)
    yield timer
    timer.stop()
    timer.deleteLater()
    gc.enable()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_timer_frees_cycles(collector, qtbot, monkeypatch):
    assert not gc.isenabled()
    assert collector.isActive() and collector.interval() == app_module.GC_INTERVAL_MS
    monkeypatch.setattr(gc, "get_threshold", lambda: (0, 10, 10))  # gen 0 is always due
    garbage = _Cycle()
    gone = weakref.ref(garbage)
    del garbage
    assert gone() is not None  # a cycle: only a collection frees it, and none runs by itself
    qtbot.waitUntil(lambda: gone() is None, timeout=3 * app_module.GC_INTERVAL_MS)


def test_the_due_generation_is_the_oldest_past_its_threshold(monkeypatch):
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    for counts, expected in (((5, 0, 0), -1), ((701, 3, 0), 0), ((701, 11, 0), 1), ((701, 11, 11), 2),
                             ((0, 0, 11), 2)):
        monkeypatch.setattr(gc, "get_count", lambda c=counts: c)
        assert app_module.collect_due_generation() == expected
    assert collected == [0, 1, 2, 2]


def test_run_app_turns_automatic_collection_back_on_when_the_window_closes(monkeypatch, settings):
    """run_app collects from its timer while the window is open and restores Python's own collection
    after (a second window in the same process, e.g. a test, gets the default)."""
    seen: list[bool] = []

    def fake_exec(self) -> int:
        seen.append(gc.isenabled())
        return 0

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    import viewer.ui.main_window as main_window

    made = []

    class Recorded(main_window.MainWindow):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(main_window, "MainWindow", Recorded)
    monkeypatch.setattr(app_module, "freeze_startup_objects", lambda: None)  # keep the test session's heap
    try:
        assert app_module.run_app(restore=False, settings=settings) == 0
        assert seen == [False] and gc.isenabled()
    finally:
        for window in made:
            window.close()
            window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
