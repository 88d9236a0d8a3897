"""Soak figures for docs/reliability.md (issue 5): UI stalls under random abuse, leaks, open/close.

Run on a screen (a script, not part of the test run)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/soak.py [--actions 3000] [--updates 5000]

1. Random abuse: the random user of ``tests/robustness/robust_abuse.py`` (fixed seed) performs
   ``--actions`` actions on the real window; each action is timed together with the event-loop
   turn that applies and renders it (= how long the UI thread is blocked). Reports p50, p99,
   max, the share over 100 ms, and the worst turn per kind of action.
2. Leaks: ``--updates`` slider updates (drags released every 25 moves) after a 1,500-update
   warm-up; process RSS and VTK/Qt object counts before and after.
3. Lifecycle: 20 windows opened, used and closed in one process; RSS growth and VTK messages.
4. Where a slider update's time goes: store (sweep), views (plots, headline, matrices), render.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "robustness"))


def _settings(tmp: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp / "soak.ini"), QSettings.Format.IniFormat)


def _window(tmp: Path, size=(1560, 960), freeze: bool = False):
    from PySide6.QtWidgets import QApplication

    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    window = MainWindow(Store(), settings=_settings(tmp))
    window.resize(*size)
    window.show()
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        QApplication.processEvents()
    window.flush()
    if freeze:
        from viewer.ui.app import freeze_startup_objects

        freeze_startup_objects()  # as run_app does once the window is built
    return window


def _pct(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(values, q))


def abuse(tmp: Path, actions: int, seed: int, freeze: bool = True) -> None:
    from robust_abuse import Run, check_window, recording_excepthook, run_actions

    window = _window(tmp, freeze=freeze)
    run = Run(seed=seed)
    with recording_excepthook() as errors:
        run_actions(window, actions, random.Random(seed), run, check=lambda: check_window(window))
    times = [t for t, _ in run.stalls_ms]
    over = sum(1 for t in times if t > 100.0)
    print(f"\n## Random abuse: seed {seed}, {actions} actions, {len(times)} timed event-loop passes")
    print(f"exceptions reaching the event loop: {len(errors)}")
    print(f"UI stall per pass: p50 {_pct(times, 50):.1f} ms, p90 {_pct(times, 90):.1f} ms, "
          f"p99 {_pct(times, 99):.1f} ms, max {max(times):.1f} ms; over 100 ms: {over} ({over / len(times):.1%})")
    lat = [t for t, _ in run.latency_ms]
    worst_lat = max(run.latency_ms)
    print(f"action → its frame drawn: p50 {_pct(lat, 50):.1f} ms, p99 {_pct(lat, 99):.1f} ms, "
          f"max {worst_lat[0]:.1f} ms ({worst_lat[1]})")
    by_kind: dict[str, list[float]] = {}
    for t, kind in run.stalls_ms:
        by_kind.setdefault(kind, []).append(t)
    print("| action | count | median ms | max ms |\n|---|---:|---:|---:|")
    for kind, values in sorted(by_kind.items(), key=lambda kv: -max(kv[1])):
        print(f"| {kind} | {len(values)} | {statistics.median(values):.0f} | {max(values):.0f} |")
    window.close()


def leaks(tmp: Path, updates: int) -> None:
    from robust_memory import WARM_UP_UPDATES, counts, rss_mb, slider_updates

    window = _window(tmp, size=(1200, 800))
    rng = random.Random(5)
    slider_updates(window, WARM_UP_UPDATES, rng)
    window.store.reset_defaults()
    window.flush()
    before, before_mb = counts(window), rss_mb()
    times = slider_updates(window, updates, rng)
    window.store.reset_defaults()
    window.flush()
    after, after_mb = counts(window), rss_mb()
    print(f"\n## Leaks: {updates} slider updates after a {WARM_UP_UPDATES}-update warm-up")
    print(f"RSS {before_mb:.1f} MB → {after_mb:.1f} MB: {after_mb - before_mb:+.1f} MB")
    print(f"update turn: p50 {_pct(times, 50):.1f} ms, p99 {_pct(times, 99):.1f} ms, max {max(times):.1f} ms")
    print("| count | before | after |\n|---|---:|---:|")
    for key in before:
        print(f"| {key} | {before[key]} | {after[key]} |")
    window.close()


def lifecycle(tmp: Path, n: int = 20) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from robust_memory import rss_mb
    from vtkmodules.vtkCommonCore import vtkOutputWindow, vtkStringOutputWindow

    messages = vtkStringOutputWindow()
    vtkOutputWindow.SetInstance(messages)
    sizes = []
    for i in range(n):
        window = _window(tmp)
        window.store.set_depth_fraction(0.8)
        if i % 2:
            window.act_presentation.trigger()
        QApplication.processEvents()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        sizes.append(rss_mb())
    print(f"\n## Lifecycle: {n} windows opened and closed")
    print(f"RSS after window 1: {sizes[0]:.1f} MB, after 5: {sizes[4]:.1f} MB, after {n}: {sizes[-1]:.1f} MB "
          f"(growth from 5 to {n}: {sizes[-1] - sizes[4]:+.1f} MB); "
          f"VTK messages: {len(messages.GetOutput().strip())} chars")


def breakdown(tmp: Path, moves: int = 200) -> None:
    from PySide6.QtWidgets import QApplication
    from robust_abuse import float_controls

    window = _window(tmp)
    rng = random.Random(2)
    rows = []
    controls = float_controls(window)
    for i in range(moves):
        control = controls[i % len(controls)]
        control.slider.setSliderDown(True)
        t0 = time.perf_counter()
        control.slider.setValue(rng.randint(0, control.slider.maximum()))
        t1 = time.perf_counter()
        window.flush()
        t2 = time.perf_counter()
        QApplication.processEvents()
        t3 = time.perf_counter()
        control.slider.setSliderDown(False)
        t4 = time.perf_counter()
        QApplication.processEvents()
        t5 = time.perf_counter()
        rows.append([(t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t5 - t4) * 1e3])
    print(f"\n## One slider update, {moves} moves at the default window size (ms)")
    print("| part | median | p99 | max |\n|---|---:|---:|---:|")
    for j, name in enumerate(["store: new anatomy → sweep, pose", "views: plots, headline, controls, matrices",
                              "render (software OpenGL)", "release: mesh regeneration + render"]):
        values = [r[j] for r in rows]
        print(f"| {name} | {statistics.median(values):.1f} | {_pct(values, 99):.1f} | {max(values):.1f} |")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=3000)
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--no-gc-freeze", action="store_true",
                        help="random abuse without gc.freeze() after start-up (as before run_app froze)")
    parser.add_argument("--parts", default="breakdown,abuse,leaks,lifecycle",
                        help="comma-separated subset of breakdown,abuse,leaks,lifecycle")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    import tempfile

    from viewer.ui.app import ensure_application

    ensure_application()
    print(f"# Skelly soak, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if "breakdown" in parts:
            breakdown(tmp_path)
        if "abuse" in parts:
            abuse(tmp_path, args.actions, args.seed, freeze=not args.no_gc_freeze)
        if "leaks" in parts:
            leaks(tmp_path, args.updates)
        if "lifecycle" in parts:
            lifecycle(tmp_path)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
