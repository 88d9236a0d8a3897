"""A slip in one of Skelly's Qt overrides is reported, not a crash (PySide6 6.11 segfaults otherwise).

PySide6 6.11 keeps an exception raised in a Python override of a Qt virtual method and raises it
when the C++ call that led there returns to Python; a second override raising inside the same call
crashes the whole process (segfault in shiboken's ``PepException_GetArgs``), e.g. a ``TypeError`` in
the 3D view's ``resizeEvent`` while the window is resized from Python. Every override reports through
``sys.excepthook`` (``viewer.qt_override``). The window runs in a child process here, so that a crash
fails this test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from viewer.qt_override import qt_override

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from viewer.ui.app import ensure_application
app = ensure_application()
from viewer.state import Store
from viewer.ui.main_window import MainWindow
errors = []
sys.excepthook = lambda kind, value, tb: errors.append(f"{{kind.__name__}}: {{value}}")
window = MainWindow(Store(), settings=QSettings({ini!r}, QSettings.Format.IniFormat))
window.resize(1200, 800)
window.show()
end = time.monotonic() + 1.5
while time.monotonic() < end:
    app.processEvents()
assert window.scene.has_view, window.scene.error

def slip(*args, **kwargs):
    raise RuntimeError("a slip in an override")

window.scene.view.set_camera = slip  # the 3D view's resizeEvent re-frames the camera
window.headline._fit_height = slip   # the headline's resizeEvent fits its height
for size in ((900, 700), (1300, 650), (1000, 900)):
    window.resize(*size)  # one call from Python; both overrides raise inside it
    app.processEvents()
print("errors", len(errors), errors[0] if errors else "-", flush=True)
print("still_up", window.isVisible(), window.width(), flush=True)
window.close()
"""


def test_overrides_that_raise_during_one_resize_are_reported_and_the_window_lives_on(tmp_path):
    code = CHILD.format(root=str(ROOT), ini=str(tmp_path / "s.ini"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, f"exit {out.returncode}\n{out.stdout}\n{out.stderr[-3000:]}"
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    count, first = lines["errors"].split(" ", 1)
    assert int(count) >= 2  # both overrides raised, at least once each
    assert first == "RuntimeError: a slip in an override"
    assert lines["still_up"].startswith("True ")  # the window is still shown


def test_qt_override_reports_through_excepthook_and_returns_the_default(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append((kind, str(value))))

    class Thing:
        @qt_override(default=False)
        def eventFilter(self, watched, event):  # noqa: N802
            raise ValueError(f"bad {event}")

        @qt_override()
        def resizeEvent(self, event):  # noqa: N802
            return "fine"

    assert Thing().eventFilter(None, 3) is False
    assert seen == [(ValueError, "bad 3")]
    assert Thing().resizeEvent(None) == "fine"
    assert Thing.eventFilter.__name__ == "eventFilter"


def test_keyboard_interrupt_still_goes_through():
    @qt_override()
    def handler():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        handler()


_VIRTUALS = {"paint", "event", "eventFilter", "boundingRect", "shape", "sizeHint", "minimumSizeHint",
             "heightForWidth", "itemChange"}


def test_every_qt_override_in_skelly_is_guarded():
    """A new ``…Event``/``paint``/``eventFilter`` override without ``@qt_override`` fails here."""
    import importlib
    import inspect
    import pkgutil

    import viewer

    unguarded, seen = [], 0
    for info in pkgutil.walk_packages(viewer.__path__, "viewer."):
        if not info.name.startswith(("viewer.ui.", "viewer.render.")):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.startswith(("PySide6", "pyqtgraph", "vtkmodules"))]
            for name, member in vars(cls).items():
                if not inspect.isfunction(member) or not (name.endswith("Event") or name in _VIRTUALS):
                    continue
                if not any(hasattr(b, name) for b in bases):
                    continue
                seen += 1
                if not hasattr(member, "__wrapped__"):
                    unguarded.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert seen >= 14  # the overrides there are today
    assert unguarded == []
