"""Robustness tests (issue 5): fixtures for abusing the real window on private settings.

- ``vtk_errors``: everything VTK prints during a test (a test fails if it is not empty).
- ``settings`` (from ``tests/conftest.py``): a private INI file.
- ``make_window``: shown ``MainWindow`` instances, closed and deleted after the test.
- ``boxes``: every ``QMessageBox`` the window opens, recorded instead of shown.
"""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture
def vtk_errors(vtk_output):
    """A function returning what VTK printed since the test started; the test fails if it printed anything."""
    start = len(vtk_output.GetOutput())

    def printed() -> str:
        return vtk_output.GetOutput()[start:]

    yield printed
    assert not printed().strip(), f"VTK printed: {printed()[:2000]}"


@pytest.fixture
def boxes(monkeypatch):
    """Record each message box the window would open (title, text) instead of opening it."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def fake_open(self, *args) -> None:
        shown.append((self.windowTitle(), self.text()))
        self.deleteLater()

    monkeypatch.setattr(QMessageBox, "open", fake_open)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.windowTitle(), self.text())) or 0)
    return shown


@pytest.fixture
def make_window(qtbot, settings, vtk_errors):
    """Factory: a shown, active MainWindow on private settings; closed and deleted after the test."""
    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    windows = []

    def make(state=None, **kwargs):
        window = MainWindow(Store(state), settings=kwargs.pop("settings", settings), **kwargs)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        window.flush()
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
