"""Run the real app (``python main.py``) in a child process on the test's X screen, and stop it with Ctrl+C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Skelly: squat anatomy lab"


def start_app(tmp_path: Path, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start the window app with its settings under ``tmp_path/config`` (never the user's)."""
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.pop("QT_QPA_PLATFORM", None)
    env.update(extra_env or {})
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def window_is_shown(child: subprocess.Popen) -> bool:
    """Whether a window titled like Skelly's is mapped (viewable) on the X screen (needs xwininfo).

    Qt and VTK create the window's native X window, title included, while the window is still being
    built; only ``show()`` maps it. A stop signal before that ends the app without a session to save.
    """
    out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False).stdout
    ids = [line.split()[0] for line in out.splitlines() if TITLE in line and line.strip().startswith("0x")]
    for wid in ids:
        info = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True, check=False).stdout
        if "IsViewable" in info:
            return True
    return False


def wait_shown(child: subprocess.Popen, timeout_s: float = 60.0) -> None:
    """Wait until the window is up (or, without xwininfo, a generous fixed time)."""
    if shutil.which("xwininfo") is None:
        time.sleep(12.0)
        return
    deadline = time.monotonic() + timeout_s
    while not window_is_shown(child):
        if child.poll() is not None:
            raise AssertionError(f"the app exited early ({child.returncode}): {child.communicate()[1]}")
        if time.monotonic() > deadline:
            raise AssertionError("the window never appeared")
        time.sleep(0.1)
    time.sleep(0.5)  # the first frames


def interrupt(child: subprocess.Popen, timeout_s: float = 10.0) -> tuple[int, str]:
    """Send Ctrl+C; return the exit status and stderr (fails if it does not exit within ``timeout_s``)."""
    child.send_signal(signal.SIGINT)
    try:
        _, err = child.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        raise AssertionError(f"no exit within {timeout_s:g} s of Ctrl+C; stderr: {err}") from None
    return child.returncode, err


def interrupt_when_shown(child: subprocess.Popen) -> tuple[int, str]:
    try:
        wait_shown(child)
        return interrupt(child)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
