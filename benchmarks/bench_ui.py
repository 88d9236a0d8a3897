"""Responsiveness of the window (issue 4): slider drag → frame, depth scrub → frame, cold start.

Run the figures as a script (prints a table for the README)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_ui.py

or through pytest-benchmark: ``.venv/bin/python -m pytest benchmarks/bench_ui.py``.

What is measured, per event (median over many events, ms):
- ``outside GL``: the store update (new anatomy → sweep, pose lookup), the scene's matrices and
  colours, the plots' ``setData``, the headline and the controls sync: everything but the render.
- ``render``: drawing the frame (software GL here), measured on its own right after.
- ``bare render``: re-drawing the same scene with nothing changed (Modified() on the camera).
- ``whole``: outside GL + render; the target is whole ≤ 1.2 × bare render.
- ``scrub outside GL, warm``: the same scrub work back to back with no frame drawn in between. A
  software frame evicts the CPU caches, so the work right after one takes about three times as long.
- ``turn``: one whole event-loop turn for a depth scrub as the user sees it (the intent, the
  coalesced update, the render and Qt's painting of the plots and labels).
Cold start: a fresh process from ``python -c`` to the first rendered frame, against a fresh
process that only imports PySide6, vtk and pyqtgraph.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _window():
    from PySide6.QtCore import QSettings

    from viewer.ui.app import ensure_application

    app = ensure_application()
    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    settings = QSettings(str(ROOT / ".benchmarks" / "bench_ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Store(), settings=settings)
    window.resize(1560, 960)
    window.show()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    from viewer.ui.app import freeze_startup_objects

    freeze_startup_objects()  # as run_app does once the window is built
    return app, window


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def _turn(app, window, fraction: float) -> None:
    """Ask for a depth and run the event loop until the frame is drawn and Qt has painted."""
    view = window.scene.view
    before = view.render_count
    window.store.set_depth_fraction(fraction)
    deadline = time.perf_counter() + 2.0
    while view.render_count == before and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()


def measure_updates(events: int = 120) -> dict[str, float]:
    """Median ms per event for anatomy drags and depth scrubs (see the module docstring)."""
    app, window = _window()
    store, rw = window.store, window.scene.view.window
    cam = window.scene.view.scene.renderer.GetActiveCamera()
    # a drag of the socket-depth slider, repeated at 50 body heights: every event is an anatomy not seen before
    combos = itertools.product([round(1.50 + 0.01 * i, 2) for i in range(50)], [float(v) for v in range(20, 41)])
    store.set_depth_fraction(0.8)
    window.flush()
    app.processEvents()
    results: dict[str, list[float]] = {k: [] for k in ("drag_outside", "drag_render", "scrub_outside",
                                                       "scrub_render", "bare_render", "sweep", "scrub_turn",
                                                       "drag_sweep")}
    # the new anatomy's sweep inside each drag event, timed where the store calls it
    import viewer.state as state_module

    plain_sweep = state_module._sweep
    sweep_ms: list[float] = []

    def timed_sweep(anatomy):
        t0 = time.perf_counter()
        out = plain_sweep(anatomy)
        sweep_ms.append((time.perf_counter() - t0) * 1000.0)
        return out

    state_module._sweep = timed_sweep
    height = None
    for i in range(events):
        new_height, lce = next(combos)
        if new_height != height:  # a new drag at another body height (not timed)
            height = new_height
            store.end_edit()
            store.set_anatomy_value("height_m", height)
            window.flush()

        def drag(lce: float = lce) -> None:
            store.set_anatomy_value("acetabular_lce_deg", lce, gesture=True)
            window.flush()

        from viewer.model.squat import sweep

        probe = store.state.anatomy.replace(acetabular_lce_deg=lce, toe_out_deg=16.0)  # uncached, not shown
        results["sweep"].append(_timed(lambda a=probe: sweep(a)))
        sweep_ms.clear()
        results["drag_outside"].append(_timed(drag))
        results["drag_sweep"].append(sum(sweep_ms))
        results["drag_render"].append(_timed(rw.Render))
        fraction = 0.2 + 0.6 * ((i * 7) % 50) / 50.0
        results["scrub_outside"].append(_timed(lambda f=fraction: (store.set_depth_fraction(f), window.flush())))
        results["scrub_render"].append(_timed(rw.Render))
        cam.Modified()
        results["bare_render"].append(_timed(rw.Render))
        app.processEvents()
        # a whole event-loop turn as the user gets it: intent, coalesced update, render, Qt painting
        results["scrub_turn"].append(_timed(lambda f=1.0 - fraction: _turn(app, window, f)))
    store.end_edit()
    state_module._sweep = plain_sweep
    # the same depth scrubs back to back with no frame drawn in between: Skelly's own work with warm CPU
    # caches (a software frame evicts them, so the work right after one takes ~3× as long)
    warm = []
    for i in range(events):
        fraction = 0.2 + 0.6 * ((i * 7) % 50) / 50.0 + 0.0001 * i
        warm.append(_timed(lambda f=fraction: (store.set_depth_fraction(f), window.flush())))
    results["scrub_outside_warm"] = warm
    triangles = float(window.scene.view.scene.triangle_count())
    for stride in (1, 3):
        drag = measure_slider_drag(app, window, stride=stride, events=events)
        results.update({f"slider{stride}_{k}": v for k, v in drag.items()})
    window.close()
    med = {k: statistics.median(v) if isinstance(v, list) else v for k, v in results.items()}
    for stride in (1, 3):
        key = f"slider{stride}"
        med[f"{key}_ratio"] = (med[f"{key}_outside"] + med[f"{key}_render"]) / med[f"{key}_bare"]
    med["drag_whole"] = med["drag_outside"] + med["drag_render"]
    med["scrub_whole"] = med["scrub_outside"] + med["scrub_render"]
    med["drag_ratio"] = med["drag_whole"] / med["bare_render"]
    # the same without the new anatomy's sweep, which the issue counts as heavy work (≤ one frame)
    med["drag_light"] = statistics.median(o - w for o, w in zip(results["drag_outside"], results["drag_sweep"],
                                                                  strict=True))
    med["drag_light_ratio"] = (med["drag_light"] + med["drag_render"]) / med["bare_render"]
    med["scrub_ratio"] = med["scrub_whole"] / med["bare_render"]
    med["triangles"] = triangles
    return med


def measure_slider_drag(app, window, *, stride: int, events: int) -> dict[str, list[float] | float]:
    """A drag of the socket-depth slider through its real widget, ``stride`` steps per event, back and
    forth, with the event loop's idle turns in between.

    Returns per-event ms lists (``outside``: the slider's move → the store → the views;
    ``render``; ``bare``) and ``missed``: the share of events whose sweep was built inside the update.
    """
    import viewer.model.squat as squat

    store, view = window.store, window.scene.view
    rw, cam = view.window, view.scene.renderer.GetActiveCamera()
    slider = window.controls.controls["acetabular_lce_deg"].slider
    store.end_edit()
    store.set_anatomy_value("height_m", 1.83)  # an anatomy the other figures did not sweep
    store.set_anatomy_value("acetabular_lce_deg", 30.0)
    window.flush()
    app.processEvents()
    built = []
    plain_build = squat._solve_anatomy

    def counted_build(anatomy):
        built.append(anatomy)
        return plain_build(anatomy)

    squat._solve_anatomy = counted_build
    out: dict[str, list[float]] = {"outside": [], "render": [], "bare": []}
    missed = 0
    try:
        slider.setSliderDown(True)
        direction = 1
        for _ in range(events):
            if not 0 <= slider.value() + direction * stride <= slider.maximum():
                direction = -direction
            position = slider.value() + direction * stride
            built.clear()
            out["outside"].append(_timed(lambda p=position: (slider.setValue(p), window.flush())))
            missed += bool(built)
            out["render"].append(_timed(rw.Render))
            cam.Modified()
            out["bare"].append(_timed(rw.Render))
            # the rest of the event-loop turn as a drag gets it: the frame timer, then one idle turn
            before = view.render_count
            deadline = time.perf_counter() + 2.0
            while view.render_count == before and time.perf_counter() < deadline:
                app.processEvents()
            app.processEvents()
        slider.setSliderDown(False)
    finally:
        squat._solve_anatomy = plain_build
        store.end_edit()
    return {**out, "missed": missed / events}


_FIRST_FRAME = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QTimer
from viewer.ui.app import ensure_application
app = ensure_application()
from viewer.ui.main_window import MainWindow
w = MainWindow(settings=QSettings({ini!r}, QSettings.Format.IniFormat))
def done():
    print((time.perf_counter() - t0) * 1000.0)
    app.quit()
w.scene.view.rendered.connect(done)
w.show()
QTimer.singleShot(20000, app.quit)
app.exec()
w.close()
"""

_IMPORTS = """
import time
t0 = time.perf_counter()
import PySide6.QtWidgets, vtk, pyqtgraph  # noqa
print((time.perf_counter() - t0) * 1000.0)
"""


def _run_ms(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def measure_cold_start(runs: int = 3) -> dict[str, float]:
    """Median ms: fresh process to first rendered frame, and fresh process importing the libraries."""
    ini = str(ROOT / ".benchmarks" / "bench_cold.ini")
    first = [_run_ms(_FIRST_FRAME.format(root=str(ROOT), ini=ini)) for _ in range(runs)]
    imports = [_run_ms(_IMPORTS) for _ in range(runs)]
    start, imp = statistics.median(first), statistics.median(imports)
    return {"first_frame": start, "imports": imp, "ratio": start / imp}


# --- pytest-benchmark entry points (not collected by the normal test run) --------------------------

def test_bench_drag_and_scrub(benchmark):
    figures = benchmark.pedantic(measure_updates, kwargs={"events": 60}, rounds=1, iterations=1)
    benchmark.extra_info.update(figures)


def test_bench_cold_start(benchmark):
    figures = benchmark.pedantic(measure_cold_start, kwargs={"runs": 2}, rounds=1, iterations=1)
    benchmark.extra_info.update(figures)


def main() -> None:
    (ROOT / ".benchmarks").mkdir(exist_ok=True)
    u = measure_updates()
    c = measure_cold_start()
    print(f"scene: {u['triangles']:.0f} triangles, window 1560x960, software GL (llvmpipe)")
    print("| event | outside GL (ms) | render (ms) | whole (ms) | bare render (ms) | whole / bare |")
    print("|---|---|---|---|---|---|")
    for key, label in (("drag", "anatomy slider drag"), ("scrub", "depth scrub")):
        print(f"| {label} | {u[key + '_outside']:.2f} | {u[key + '_render']:.1f} | {u[key + '_whole']:.1f} "
              f"| {u['bare_render']:.1f} | {u[key + '_ratio']:.2f} |")
    print(f"anatomy drag without the new anatomy's sweep (heavy work, {u['drag_sweep']:.2f} ms median inside the "
          f"drag): outside GL {u['drag_light']:.2f} ms, whole / bare {u['drag_light_ratio']:.2f}")
    for stride in (1, 3):
        key = f"slider{stride}"
        print(f"socket-depth slider dragged {stride} step(s) per event through the widget, "
              f"outside GL {u[key + '_outside']:.2f} ms, render {u[key + '_render']:.1f} ms, "
              f"whole / bare {u[key + '_ratio']:.2f}; sweep built inside the update on "
              f"{100 * u[key + '_missed']:.0f} % of events")
    print(f"whole event-loop turn for a depth scrub (intent → coalesced update → render → Qt paints): "
          f"{u['scrub_turn']:.1f} ms = {u['scrub_turn'] / u['bare_render']:.2f} × bare render")
    print(f"of which the model's sweep for a new anatomy: {u['sweep']:.2f} ms (median)")
    print(f"depth scrub outside GL with no frame in between (warm caches): {u['scrub_outside_warm']:.2f} ms")
    print(f"cold start to first frame {c['first_frame']:.0f} ms; importing PySide6 + vtk + pyqtgraph "
          f"{c['imports']:.0f} ms; ratio {c['ratio']:.2f}")


if __name__ == "__main__":
    main()
