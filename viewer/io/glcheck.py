"""Is off-screen OpenGL usable here? Asked in a child process, so a broken driver cannot crash us.

The child renders with the same window class as :mod:`viewer.render.snapshot` (EGL on Linux).

A missing or broken OpenGL stack can make VTK abort or segfault the process that renders.
:func:`offscreen_gl_problem` renders one tiny off-screen frame in a separate Python process
with the same environment and reports what went wrong in words, so a headless export can
exit with status 1 and a message instead of dying.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import signal
import subprocess
import sys

#: The child renders a 16×16 frame with a known background and prints the window class.
_PROBE = """
import sys
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL factories)
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkRenderWindow, vtkWindowToImageFilter
from vtkmodules.util.numpy_support import vtk_to_numpy
try:  # the class viewer.render.snapshot renders with (EGL works with or without a display)
    from vtkmodules.vtkRenderingOpenGL2 import vtkEGLRenderWindow as Window
except ImportError:
    Window = vtkRenderWindow
window = Window()
window.SetOffScreenRendering(1)
window.SetMultiSamples(0)
window.SetSize(16, 16)
renderer = vtkRenderer()
renderer.SetBackground(1.0, 0.0, 0.0)
window.AddRenderer(renderer)
window.Render()
grab = vtkWindowToImageFilter()
grab.SetInput(window)
grab.Update()
pixels = vtk_to_numpy(grab.GetOutput().GetPointData().GetScalars())
ok = pixels.shape[0] == 256 and int(pixels[:, 0].min()) > 200 and int(pixels[:, 1].max()) < 50
print(window.GetClassName(), "ok" if ok else "blank")
window.Finalize()
sys.exit(0 if ok else 3)
"""

_HINT = ("Skelly renders with OpenGL through VTK; on Linux without a GPU it needs Mesa's EGL "
         "(Debian/Ubuntu: apt install libegl1 libgl1 libgl1-mesa-dri)")


def egl_library_problem() -> str | None:
    """``None`` if the EGL library loads with ctypes, else a sentence naming what is missing (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("EGL") or "libEGL.so.1"
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return f"the EGL library ({name}) cannot be loaded: {exc}"
    return None


def offscreen_gl_problem(timeout_s: float = 120.0) -> str | None:
    """Render one off-screen frame in a child process; ``None`` if it works, else what is wrong.

    The returned text names what is missing or what failed and how to fix it.
    """
    problem = egl_library_problem()
    if problem is not None:
        return f"no usable OpenGL: {problem}. {_HINT}"
    try:
        result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                                timeout=timeout_s, env=dict(os.environ), check=False)
    except subprocess.TimeoutExpired:
        return f"no usable OpenGL: a test render did not finish in {timeout_s:g} s. {_HINT}"
    except OSError as exc:
        return f"cannot start Python to test OpenGL: {exc}"
    if result.returncode == 0:
        return None
    detail = _last_meaningful_line(result.stderr) or _last_meaningful_line(result.stdout)
    if result.returncode < 0:
        try:
            what = signal.Signals(-result.returncode).name
        except ValueError:
            what = f"signal {-result.returncode}"
        how = f"a test render crashed ({what})"
    elif result.returncode == 3:
        how = "a test render came back blank"
    else:
        how = "a test render failed"
    return f"no usable OpenGL: {how}{': ' + detail if detail else ''}. {_HINT}"


def window_gl_problem() -> str | None:
    """``None`` if VTK's on-screen window class finds OpenGL ≥ 3.2 here, else what is missing.

    Checked in-process (≈ 70 ms) before the window builds its 3D view: VTK segfaults on the first
    render of a window whose OpenGL is too old or absent (measured with MESA_GL_VERSION_OVERRIDE=2.1).
    """
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (registers the OpenGL factories)
    from vtkmodules.vtkCommonCore import vtkLogger, vtkOutputWindow, vtkStringOutputWindow
    from vtkmodules.vtkRenderingCore import vtkRenderWindow

    previous = vtkOutputWindow.GetInstance()
    verbosity = vtkLogger.GetCurrentVerbosityCutoff()
    messages = vtkStringOutputWindow()
    vtkOutputWindow.SetInstance(messages)  # VTK's warning becomes the detail of our message
    vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_OFF)  # instead of a screenful on the terminal
    try:
        window = vtkRenderWindow()
        ok = bool(window.SupportsOpenGL())
    finally:
        vtkLogger.SetStderrVerbosity(verbosity)
        vtkOutputWindow.SetInstance(previous)
    if ok:
        return None
    detail = _last_meaningful_line(messages.GetOutput()).split(". Please")[0]
    return (f"no usable OpenGL for the 3D view ({detail or 'OpenGL 3.2 or later is needed'}). "
            "Plots and readouts still work. Skelly's 3D view needs OpenGL 3.2 or later "
            "(Debian/Ubuntu without a GPU: apt install libgl1 libgl1-mesa-dri)")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ADDRESS = re.compile(r"\s*\(0x[0-9a-fA-F]+\)")
_VTK_LOG_PREFIX = re.compile(r"^.*?\b(?:ERR|WARN|INFO)\s*\|\s*")


def _last_meaningful_line(text: str) -> str:
    lines = [_ADDRESS.sub("", _VTK_LOG_PREFIX.sub("", _ANSI.sub("", line))).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for line in reversed(lines):
        if "rror" in line or "ail" in line or "not found" in line or "cannot" in line.lower():
            return line[:300].rstrip(".!")
    return lines[-1][:300].rstrip(".!") if lines else ""
