"""The OpenGL probe: says what is missing instead of letting a render crash the process."""

from __future__ import annotations

import ctypes
import os
import sys

import pytest

from viewer.io import glcheck


def test_probe_passes_here():
    assert glcheck.offscreen_gl_problem() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="EGL library check is Linux-only")
def test_missing_egl_library_is_named(monkeypatch):
    def no_library(name, *args, **kwargs):
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    problem = glcheck.offscreen_gl_problem()
    assert problem is not None and problem.startswith("no usable OpenGL: the EGL library")
    assert "cannot open shared object file" in problem and "apt install libegl1" in problem


def test_crashing_driver_is_reported_not_inherited(monkeypatch, tmp_path):
    monkeypatch.setenv("__EGL_VENDOR_LIBRARY_FILENAMES", os.fspath(tmp_path / "none.json"))
    problem = glcheck.offscreen_gl_problem()
    assert problem is not None and "no usable OpenGL" in problem
    assert "crashed" in problem or "failed" in problem
