"""Fixtures shared by every test folder."""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil

import pytest
from hypothesis import settings as hypothesis_settings
from window_fixtures import module_window, shared_window  # noqa: F401 (fixtures for every folder)

# CI draws the same examples on every run (a red run is then the code's, not the draw's); a developer's
# run draws new ones and so keeps exploring the parameter space.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def vtk_output():
    """Everything VTK prints (errors, warnings) during the session, collected in a string window."""
    from vtkmodules.vtkCommonCore import vtkOutputWindow, vtkStringOutputWindow

    previous = vtkOutputWindow.GetInstance()
    window = vtkStringOutputWindow()
    vtkOutputWindow.SetInstance(window)
    yield window
    vtkOutputWindow.SetInstance(previous)


@pytest.fixture
def vtk_errors(vtk_output):
    """A function returning what VTK printed since the test started; the test fails if it printed anything."""
    start = len(vtk_output.GetOutput())

    def printed() -> str:
        return vtk_output.GetOutput()[start:]

    yield printed
    assert not printed().strip(), f"VTK printed: {printed()[:2000]}"


@pytest.fixture
def settings(tmp_path):
    """A private settings file (INI), so no test touches the user's session."""
    from PySide6.QtCore import QSettings

    s = QSettings(str(tmp_path / "skelly.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def make_window(qtbot, settings):
    """Factory: a shown, active MainWindow on private settings; closed and deleted after the test.

    ``make(state=None, **kwargs)`` passes ``kwargs`` to ``MainWindow`` (``settings`` replaces the private
    file). The window is active, so its shortcuts work.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    windows = []

    def make(state=None, **kwargs):
        window = MainWindow(Store(state), settings=kwargs.pop("settings", settings), **kwargs)
        windows.append(window)
        window.show()
        from PySide6.QtTest import QTest
        assert QTest.qWaitForWindowExposed(window)
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)  # window shortcuts need the active window
        window.flush()
        return window

    yield make
    import shiboken6

    for window in windows:
        if shiboken6.isValid(window):  # a test may have deleted it already
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def pytest_collection_modifyitems(items):
    """Run the files that hold slow tests first, so that parallel workers (scripts/test.sh) end together."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)


def pytest_collection_finish(session):
    """Import every ``viewer`` module, then freeze what importing and collecting created.

    Hypothesis draws now and then a constant found in the project's imported modules, so a test's
    examples would depend on which modules earlier tests happened to import (and, with several workers,
    on which files a worker got): with all of them imported first, CI's derandomized draws are the same
    in every run. The imported objects live as long as the run, and PySide6, VTK and pyqtgraph make a
    full collection of them slow (≈ 0.1–0.2 s each here) while the leak checks collect several times per
    test; frozen, they are left out of every collection and of ``gc.get_objects()``. Objects a test
    creates are not.
    """
    import viewer

    for module in pkgutil.walk_packages(viewer.__path__, "viewer."):
        try:
            importlib.import_module(module.name)
        except ImportError:  # e.g. no OpenGL library: the model's tests still run, the GUI's report it
            continue
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def collect_qt_garbage_between_tests(request):
    """Free a Qt test's garbage right after it, at a point where Qt holds no lock.

    Python's automatic collection may start inside Qt while Qt holds its signal-slot locks (PySide looks
    for Python overrides during ``QObject::disconnect``, which pyqtgraph calls when an item changes
    parent); freeing a Qt object left in a reference cycle by an earlier test there deadlocked the run
    once. The app's windows leave no cycle (``tests/gui/test_gc_policy.py``); a test's own code may.
    Tests without the ``qapp`` fixture make no Qt objects, so they skip it.
    """
    yield
    if "qapp" in request.fixturenames:
        gc.collect()
