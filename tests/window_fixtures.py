"""One shown ``MainWindow`` per test module, handed to each test at the default state.

Building and showing a window costs seconds on a 2-core machine with software OpenGL; a test that
only drives the window's state (sliders, presets, exports, shortcuts) does not need a fresh one.
``shared_window`` gives such a test the module's window reset to ``AppState()`` with an empty undo
history, shown at its first size, not playing, with the status bar cleared. A test that needs a new
window (start-up, session restore, a window's own settings, closing it) keeps ``make_window``.
"""

from __future__ import annotations

import time

import pytest


@pytest.fixture(scope="module")
def module_window(qapp, tmp_path_factory):
    """A shown, active MainWindow on private settings, kept for every test of one module."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    ini = tmp_path_factory.mktemp("shared_window") / "skelly.ini"
    window = MainWindow(Store(), settings=QSettings(str(ini), QSettings.Format.IniFormat))
    window.show()
    from PySide6.QtTest import QTest

    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.flush()
    window.first_size = (window.width(), window.height())
    keep_top_level_wrappers(window)
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def keep_top_level_wrappers(window) -> None:
    """Hold the Python wrappers of the window's pop-ups and menus (Qt top-levels) for the module.

    Without a reference, each ``QApplication.topLevelWidgets()`` call wraps them anew, under new ids,
    and the GUI tests' leak check (which compares ids before and after a test) would count them.
    """
    from PySide6.QtWidgets import QApplication

    window.kept_top_levels = QApplication.topLevelWidgets()


def reset_window(window) -> None:
    """Bring a used window back to what a fresh one shows: default state, no history, first size."""
    from PySide6.QtWidgets import QApplication

    from viewer.state import AppState

    window.depth_bar.set_playing(False)
    if QApplication.activePopupWidget() is not None:
        QApplication.activePopupWidget().close()
    window.store.dispatch(AppState())
    window.store.clear_history()
    window.flush()
    deadline = time.monotonic() + 3.0
    while window.isFullScreen() and time.monotonic() < deadline:  # leaving presentation mode is asynchronous
        QApplication.processEvents()
        time.sleep(0.01)
    window.set_muscle_plot_shown(True)
    if (window.width(), window.height()) != window.first_size:
        window.resize(*window.first_size)
    window.statusBar().clearMessage()
    window.last_error = ""
    window.profile_name = ""
    window.activateWindow()
    QApplication.processEvents()
    window.flush()
    keep_top_level_wrappers(window)


@pytest.fixture
def shared_window(module_window, qtbot, vtk_output):
    """The module's window at the default state (see ``reset_window``); VTK must print nothing meanwhile."""
    reset_window(module_window)
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowActive(module_window)  # window shortcuts need the active window
    before = len(vtk_output.GetOutput())
    yield module_window
    module_window.depth_bar.set_playing(False)
    printed = vtk_output.GetOutput()[before:]
    assert not printed.strip(), f"VTK printed: {printed[:2000]}"
