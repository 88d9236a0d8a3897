"""A closed window is freed where it is dropped and leaves no reference cycle behind.

A collection can start inside Qt while Qt holds its signal-slot locks (PySide looks for Python
overrides during ``QObject::disconnect``). If it frees a Qt object of a cycle there, the object's
destructor waits for the lock its own thread holds, and the process hangs. With no cycle through a
window's objects, refcounting frees them where they are dropped and a collection has no Qt object to
free: the plots' view boxes tell the panel through a Qt signal, not a bound method, and the 3D view
removes VTK's observers of its own interactor and window when it is finalized.
"""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent

from viewer.state import Store

#: Objects of these modules in a cycle could take a Qt or VTK object down inside Qt.
WATCHED = ("viewer.", "PySide6.", "shiboken6", "pyqtgraph.", "vtkmodules.")


def _open_use_close(settings, qtbot) -> weakref.ref:
    from viewer.ui.main_window import MainWindow

    window = MainWindow(Store(), settings=settings)
    window.show()
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowExposed(window)
    window.store.set_depth_fraction(0.8)
    window.act_freeze.trigger()  # the B ghost and dashed curves
    window.store.set_anatomy_value("height_m", 1.8)
    window.store.set_view(camera="hip")
    window.act_presentation.trigger()
    window.flush()
    window.show_help()
    qtbot.wait(50)
    window.act_presentation.trigger()
    window.flush()
    gone = weakref.ref(window)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return gone


def _cyclic_garbage(settings, qtbot) -> tuple[bool, list[str]]:
    """Open, use and close a window with the collector off; what it left only a collection frees."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds goes to gc.garbage instead of being freed
    try:
        gone = _open_use_close(settings, qtbot)
        freed_by_refcounts = gone() is None
        gc.collect()
        names = sorted({f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage
                        if type(o).__module__.startswith(WATCHED)})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return freed_by_refcounts, names


def test_a_closed_window_leaves_no_reference_cycle(settings, qtbot):
    freed, cyclic = _cyclic_garbage(settings, qtbot)
    assert freed, "the closed window is still referenced"
    assert cyclic == [], f"a closed window left objects in reference cycles: {cyclic}"
