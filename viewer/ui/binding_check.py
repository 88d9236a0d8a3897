"""Refuse a broken Qt binding with a clear message instead of a random abort mid-lesson.

PySide6-Essentials 6.12.0 on Python 3.11 returns ``None`` and ``True`` from its methods
without taking a reference (measured: every ``QWidget.update()`` or ``Signal.emit`` lowers
the count by one); after a few thousand calls Python aborts with "deallocating None".
Python 3.12+ makes those objects immortal, which hides the bug. The check is measured, not
assumed from version numbers.
"""

from __future__ import annotations

import sys


def binding_problem() -> str:
    """A one-line description of a known-broken Qt binding, or "" when it is sound."""
    from PySide6 import __version__ as version
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        probed = Signal(object)

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.probed.emit(1)
        probe.parent()
    lost = (none_before - sys.getrefcount(None)) + (true_before - sys.getrefcount(True))
    if lost >= 8:
        _repay(none_before - sys.getrefcount(None), true_before - sys.getrefcount(True))
        return (f"PySide6 {version} is broken on Python {sys.version_info.major}.{sys.version_info.minor} "
                "(it loses references to None/True and would crash the app); install another version: "
                "pip install 'PySide6-Essentials!=6.12.0' (or use Python 3.12+)")
    return ""


def _repay(none_lost: int, true_lost: int) -> None:
    import ctypes

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    for obj, lost in ((None, none_lost), (True, true_lost)):
        for _ in range(max(0, lost)):
            incref(obj)
