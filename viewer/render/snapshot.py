"""Headless snapshots: render the scene into an off-screen EGL window (no Qt, no screen needed).

``render_png(state, path)`` takes the app's ``AppState``; :class:`OffscreenRenderer` keeps one window
open for many frames (animations, galleries, benchmarks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose, Sweep

from .bones import RenderBone
from .cameras import PRESETS
from .scene import Scene
from .scene_input import SceneInput, ViewFlags
from .vtk_imports import vtk_to_numpy, vtkEGLRenderWindow, vtkRenderWindow, vtkWindowToImageFilter

if TYPE_CHECKING:
    from viewer.state import AppState

DEFAULT_SIZE: tuple[int, int] = (1280, 800)
_OPEN_WINDOWS: dict[int, vtkRenderWindow] = {}


def open_window_count() -> int:
    """Off-screen windows made by :func:`offscreen_window` and not yet released (leak checks)."""
    return len(_OPEN_WINDOWS)


def release_window(window: vtkRenderWindow) -> None:
    """Finalize an off-screen window made by :func:`offscreen_window`."""
    window.Finalize()
    _OPEN_WINDOWS.pop(id(window), None)


def offscreen_window(size: tuple[int, int]) -> vtkRenderWindow:
    """A new off-screen render window (EGL, so it works with or without an X display), MSAA off."""
    w, h = _check_size(size)
    window = vtkEGLRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetMultiSamples(0)
    window.SetSize(w, h)
    _OPEN_WINDOWS[id(window)] = window
    return window


def _check_size(size: Any) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in size)
    except (TypeError, ValueError):
        raise ValueError(f"size must be (width, height) in pixels, got {size!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise ValueError(f"size {w}x{h} is outside 16–8192 pixels per side")
    return w, h


def grab_rgb(window: vtkRenderWindow) -> np.ndarray:
    """Render ``window`` and return its image, RGB uint8 (H, W, 3), top row first."""
    window.Render()
    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.Update()
    img = grab.GetOutput()
    w, h, _ = img.GetDimensions()
    arr = vtk_to_numpy(img.GetPointData().GetScalars()).reshape(h, w, -1)[::-1, :, :3]
    grab.SetInput(None)
    return np.ascontiguousarray(arr)


class OffscreenRenderer:
    """One off-screen scene for a given anatomy; ``render(thigh_angle)`` → RGB uint8 (H, W, 3).

    Use as a context manager (or call :meth:`close`) so the GL window is released. ``fit=True``
    frames each pose tightly (pictures of one pose) instead of the steady preset framing.
    """

    def __init__(self, anatomy: Anatomy, sweep: Sweep | None = None, *, size: tuple[int, int] = DEFAULT_SIZE,
                 camera: str = "side", flags: ViewFlags | None = None, bones: list[RenderBone] | None = None,
                 font_scale: float | None = None, fit: bool = False) -> None:
        if camera not in PRESETS:
            raise ValueError(f"unknown camera {camera!r}; known: {', '.join(PRESETS)}")
        self.size = _check_size(size)
        self.anatomy = anatomy
        self._sweep = sweep
        self.camera = camera
        self.fit = fit
        self.flags = flags if flags is not None else ViewFlags()
        self.window = offscreen_window(self.size)
        scale = font_scale if font_scale is not None else max(self.size[1] / 800.0, 0.5)
        self.scene = Scene(self.window, bones=bones, font_scale=scale)
        self.scene.keep_scale_titles_inside()

    @property
    def sweep(self) -> Sweep:
        """The anatomy's sweep (computed on first use)."""
        if self._sweep is None:
            from viewer.model.squat import sweep as compute_sweep

            self._sweep = compute_sweep(self.anatomy)
        return self._sweep

    def show(self, thigh_angle_deg: float, pose: Pose | None = None) -> None:
        """Pose the scene at ``thigh_angle_deg`` (clamped to the sweep), or at ``pose`` if given."""
        if pose is None:
            angles = self.sweep.thigh_angle_deg
            pose = self.sweep.pose_at(min(max(float(thigh_angle_deg), float(angles[0])), float(angles[-1])))
        self.scene.show(SceneInput.from_sweep(self.anatomy, pose, self._sweep, self.flags, self.camera))
        if self.fit:
            self.scene.fit_camera()

    def render(self, thigh_angle_deg: float, pose: Pose | None = None) -> np.ndarray:
        """Render at a depth and return the image, RGB uint8 (H, W, 3), top row first."""
        self.show(thigh_angle_deg, pose)
        return self.grab()

    def grab(self) -> np.ndarray:
        """Render the scene as it is and return the image (H, W, 3)."""
        if self.window is None:
            raise RuntimeError("the off-screen renderer is closed")
        return grab_rgb(self.window)

    def close(self) -> None:
        """Release the scene and the GL window."""
        if self.window is None:
            return
        self.scene.close()
        release_window(self.window)
        self.window = None
        self.scene = None  # drop every VTK object with the window

    def __enter__(self) -> OffscreenRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_png(state: AppState, path: str | os.PathLike[str], size: tuple[int, int] = DEFAULT_SIZE,
               camera: str | None = None) -> Path:
    """Render an app state (its anatomy, depth, view flags and camera, or ``camera``) into a PNG file, headless."""
    import imageio.v3 as iio

    from viewer.state import AppState

    if not isinstance(state, AppState):
        raise TypeError(f"render_png needs an AppState (anatomy, depth, view flags), got {type(state).__name__}")
    with OffscreenRenderer(state.anatomy, size=size, camera=camera if camera is not None else state.camera,
                           flags=ViewFlags.of(state)) as r:
        iio.imwrite(path, r.render(state.thigh_angle_deg))
    return Path(path)
