"""Robustness tests (issue 5): fixtures for abusing the real window on private settings.

- ``vtk_errors``, ``settings`` (from ``tests/conftest.py``): what VTK prints during a test (the test fails
  if it is not empty); a private INI file.
- ``make_window``: ``tests/conftest.py``'s window factory, plus the VTK check.
- ``boxes``: every ``QMessageBox`` the window opens, recorded instead of shown.
"""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))


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
def make_window(vtk_errors, make_window):
    """``tests/conftest.py``'s window factory, and the test fails if VTK printed anything (closing the
    windows included: ``vtk_errors`` is set up first, so it checks after they are closed)."""
    return make_window
