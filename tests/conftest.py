"""Fixtures shared by every test folder."""

from __future__ import annotations

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
