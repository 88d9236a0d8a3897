"""Leak probes for the window (issue 5 §4): process memory, VTK props and objects, Qt objects, plot items.

Shared by ``test_robust_soak.py`` (slow) and ``benchmarks/soak.py``.
"""

from __future__ import annotations

import gc
import os
import random
import time

from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication
from robust_abuse import float_controls

#: Slider updates before the first reading. Process memory steps up by ≈ 8–10 MB over the first
#: ≈ 1,000 updates (most likely caches filling: the model's LRU caches, Mesa's shader variants, Qt's
#: pixmap cache; not traced further) and then creeps by < 0.5 MB per 1,000 with every object count
#: flat (10,000 updates traced on 2026-11-26: 394.7 → 402.5 MB in the first 1,000, 405.4 MB after
#: 10,000). With a 500-update warm-up that step fell inside the measured run and the readings came
#: within a few MB of the 20 MB limit.
WARM_UP_UPDATES = 1500


def rss_mb() -> float:
    """Resident memory of this process, MB (from /proc/self/statm)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def settle_animations(window, timeout_s: float = 2.0) -> None:
    """Let Qt's own running animations end and their objects be deleted.

    Qt animates some layout changes by itself (seen: ``QPropertyAnimation`` objects parented to the two
    docks and one plain widget, deleted when they end): a count taken while they run is up to 3 objects
    high. Objects of finished animations that are never deleted would still be counted, so a real leak
    of them still shows.
    """
    app = QApplication.instance()
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end:
        running = [a for a in window.findChildren(QAbstractAnimation)
                   if a.state() == QAbstractAnimation.State.Running]
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        if not running:
            return
        time.sleep(0.01)


def counts(window) -> dict[str, int]:
    """What would grow if something leaked per update."""
    from vtkmodules.vtkCommonCore import vtkObjectBase

    settle_animations(window)
    gc.collect()
    scene = window.scene.view.scene
    renderer = scene.renderer
    props = renderer.GetViewProps()
    polys = 0
    for i in range(props.GetNumberOfItems()):
        prop = props.GetItemAsObject(i)
        mapper = prop.GetMapper() if hasattr(prop, "GetMapper") else None
        data = mapper.GetInput() if mapper is not None and hasattr(mapper, "GetInput") else None
        polys += data.GetNumberOfCells() if data is not None else 0
    return {
        "vtk view props": props.GetNumberOfItems(),
        "vtk actors": renderer.GetActors().GetNumberOfItems(),
        "vtk lights": renderer.GetLights().GetNumberOfItems(),
        "vtk renderers": window.scene.view.window.GetRenderers().GetNumberOfItems(),
        "vtk cells drawn": polys,
        "vtk objects held by Python": sum(1 for o in gc.get_objects() if isinstance(o, vtkObjectBase)),
        "Qt objects in the window": len(window.findChildren(QObject)),
        "plot items": sum(len(p.getPlotItem().scene().items()) for p in (window.plots.angles_plot,)),
        "Python objects": len(gc.get_objects()),
    }


def slider_updates(window, n: int, rng: random.Random, release_every: int = 25) -> list[float]:
    """``n`` slider value changes (drags, each released after ``release_every`` moves), each applied
    and rendered (one event-loop turn); returns the time of each turn, ms."""
    app = QApplication.instance()
    controls = float_controls(window)
    times: list[float] = []
    control = None
    for i in range(n):
        if i % release_every == 0:
            if control is not None:
                control.slider.setSliderDown(False)
            control = rng.choice(controls)
            control.slider.setSliderDown(True)
        t0 = time.perf_counter()
        control.slider.setValue(rng.randint(0, control.slider.maximum()))
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000.0)
    if control is not None:
        control.slider.setSliderDown(False)
        app.processEvents()
    return times
