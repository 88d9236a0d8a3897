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
