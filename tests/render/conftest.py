"""Render tests: off-screen EGL windows (no Qt), stand-in bones, and a VTK leak check."""

from __future__ import annotations

import gc
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from viewer.render import snapshot  # noqa: E402
from viewer.render.vtk_imports import vtkRenderer, vtkRenderWindow  # noqa: E402


def _live_windows_and_renderers() -> tuple[int, int]:
    gc.collect()
    objects = gc.get_objects()
    return (sum(1 for o in objects if isinstance(o, vtkRenderWindow)),
            sum(1 for o in objects if isinstance(o, vtkRenderer)))


@pytest.fixture(autouse=True)
def no_vtk_leaks():
    """Fail a test that leaves an off-screen window open or VTK windows/renderers alive."""
    (windows, renderers), open_before = _live_windows_and_renderers(), snapshot.open_window_count()
    yield
    assert snapshot.open_window_count() == open_before, "a test left an off-screen render window open"
    windows_after, renderers_after = _live_windows_and_renderers()
    assert windows_after <= windows, "a test leaked a vtkRenderWindow"
    assert renderers_after <= renderers, "a test leaked a vtkRenderer"


@pytest.fixture(scope="module")
def standin_bones():
    from viewer.render.rig import load_bones

    return load_bones(prefer_assets=False)


#: Size and flags of the small off-screen scene most pixel tests look at (bones only, side view).
SMALL_SIZE = (640, 400)


@pytest.fixture
def offscreen(standin_bones):
    """An off-screen renderer of the stand-in skeleton, 640×400, side camera, bones only."""
    from viewer.model.anatomy import Anatomy
    from viewer.render.scene_input import ViewFlags

    bare = ViewFlags(angle_readouts=False, muscles=False, ghost=False, legend=False, floor=False, lumbar_curve=False)
    r = snapshot.OffscreenRenderer(Anatomy(), size=SMALL_SIZE, camera="side", flags=bare, bones=standin_bones)
    yield r
    r.close()
