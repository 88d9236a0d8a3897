"""The window comes back where the user left it: size, place, and the split between the 3D view and
the plots; a size that no longer fits the screen is fitted to it, a corrupt value is a notice."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect

from viewer.ui import screen_fit


def _close_with_layout(window, qtbot, rect: QRect, split: list[int]) -> list[int]:
    window.setGeometry(rect)
    qtbot.wait(50)
    window.splitter.setSizes(split)
    qtbot.wait(50)
    sizes = window.splitter.sizes()
    window.close()
    return sizes


def test_size_place_and_split_are_restored(make_window, qtbot):
    first = make_window()
    sizes = _close_with_layout(first, qtbot, QRect(60, 40, 1300, 820), [760, 420])
    second = make_window()
    assert (second.width(), second.height()) == screen_fit.PREFERRED_SIZE_PX  # before the restore
    assert second.restore_session() == []
    qtbot.wait(50)
    assert (second.width(), second.height()) == (1300, 820)
    assert (second.geometry().x(), second.geometry().y()) == (60, 40)
    assert second.splitter.sizes() == sizes


def test_a_size_too_large_for_todays_screen_is_fitted_to_it(make_window, qtbot, monkeypatch):
    first = make_window()
    _close_with_layout(first, qtbot, QRect(0, 0, 1800, 1000), [900, 600])
    second = make_window()

    class Projector:
        def geometry(self) -> QRect:
            return QRect(0, 0, 1024, 768)

        def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
            return QRect(0, 0, 1024, 740)

    monkeypatch.setattr(second, "screen", lambda: Projector())
    assert second.restore_session() == []
    qtbot.wait(50)
    assert second.width() <= 1024 - screen_fit.FRAME_ALLOWANCE_PX[0]
    assert second.height() <= 740 - screen_fit.FRAME_ALLOWANCE_PX[1]


def test_corrupt_window_values_are_a_notice_and_change_nothing(make_window, settings):
    settings.setValue("window/geometry", "not a geometry")
    settings.setValue("window/splitter", QByteArray(b"\x00\x01junk"))
    window = make_window()
    before = (window.width(), window.height(), window.splitter.sizes())
    notices = window.restore_session()
    assert any("window size" in n for n in notices)
    assert any("split" in n for n in notices)
    assert (window.width(), window.height(), window.splitter.sizes()) == before
    assert "could not be restored" in window.statusBar().currentMessage()


def test_closing_in_presentation_mode_keeps_the_last_window_size(make_window, qtbot, settings):
    first = make_window()
    _close_with_layout(first, qtbot, QRect(60, 40, 1300, 820), [760, 420])
    second = make_window()
    second.restore_session()
    second.set_presentation(True)
    second.flush()
    qtbot.waitUntil(lambda: second.isFullScreen(), timeout=3000)
    second.close()
    third = make_window()
    assert third.restore_session() == []
    qtbot.wait(50)
    assert (third.width(), third.height()) == (1300, 820)
    assert not third.isFullScreen()
