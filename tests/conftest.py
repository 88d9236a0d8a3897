"""Fixtures shared by every test folder."""

from __future__ import annotations

import gc
import sys

import pytest


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
def settings(tmp_path):
    """A private settings file (INI), so no test touches the user's session."""
    from PySide6.QtCore import QSettings

    s = QSettings(str(tmp_path / "skelly.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture(autouse=True)
def collect_qt_garbage_between_tests():
    """Free a test's garbage right after it, at a point where Qt holds no lock.

    Python's automatic collection may start inside Qt while Qt holds its signal-slot locks (PySide looks
    for Python overrides during ``QObject::disconnect``, which pyqtgraph calls when an item changes
    parent); freeing a Qt object left in a reference cycle by an earlier test there deadlocked the run
    once. The app's windows leave no cycle (``tests/gui/test_gc_policy.py``); a test's own code may.
    """
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        gc.collect()
