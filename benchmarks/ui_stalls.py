"""Where the UI thread's time goes in the random-user run: attributes every event-loop pass over 100 ms (issue 5 §4).

Run on a screen (a script, not part of the test run)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/ui_stalls.py [--actions 3000]

The same random user as ``benchmarks/soak.py`` (``tests/robustness/robust_abuse.py``, same seed),
with a profiler in the UI thread. Every region below is timed and its *exclusive* time (minus
the regions nested in it) is charged to the action whose event-loop pass it ran in (the first pass
runs with the action's own code; later passes until its frame is drawn are timed on their own):

- each Qt event delivered (``QApplication.notify``), labelled by event type and receiver class
  (e.g. ``Paint PlotWidget``, ``UpdateRequest QWidgetWindow``, ``LayoutRequest QWidget``);
- each VTK render (the render window's Start/End events), ``render (vtk)``;
- each Python garbage collection (``gc.callbacks``), ``gc gen0/1/2``;
- the store's solver (``viewer.state.derive``), the window's per-view updates in ``flush``
  (``controls.sync``, ``plots.apply``, ``headline.apply``, ``depth_bar.apply``, ``scene.apply``,
  ``_apply_presentation``) and mesh regeneration after a drag (``scene.edit_finished``).

``render (vtk) in X`` names the event the render ran in: ``Timer`` (the frame coalesced once per
turn; Skelly's 3D view never renders inside its paint events, so this is the only kind) or ``Paint
_Interactor`` (a render inside Qt's repaint of the 3D view, as the stock VTK widget does).
``--gc-freeze`` freezes the start-up objects as ``run_app`` does.

What is left (Python code of the action itself outside these regions) is ``other``. The profiler
costs a few microseconds per event, so the totals are a little higher than soak.py's.
Prints, for the passes over 100 ms: the share of each cause, the worst turns with their parts and
the action before them, and a per-kind summary.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "robustness"))


class Profiler:
    """Nested regions on the UI thread; records (end time s, label, exclusive ms) of each."""

    def __init__(self) -> None:
        self.stack: list[list] = []
        self.records: list[tuple[float, str, float]] = []
        self.enabled = True

    def enter(self, label: str = "") -> None:
        self.stack.append([time.perf_counter(), 0.0, label])

    def parent_label(self) -> str:
        """The label given to ``enter`` of the innermost labelled region around the current one."""
        return next((frame[2] for frame in reversed(self.stack[:-1]) if frame[2]), "")

    def exit(self, label: str) -> None:
        now = time.perf_counter()
        start, child, _ = self.stack.pop()
        duration = now - start
        if self.stack:
            self.stack[-1][1] += duration
        excl_ms = (duration - child) * 1000.0
        if self.enabled and (excl_ms > 0.02 or label.startswith("Resize")):
            self.records.append((now, label, excl_ms))

    def wrap(self, obj: object, name: str, label: str | None = None) -> None:
        """Replace ``obj.name`` by a timed version (instance or module attribute)."""
        original = getattr(obj, name)
        tag = label or name

        def timed(*args, **kwargs):
            self.enter(tag)
            try:
                return original(*args, **kwargs)
            finally:
                self.exit(tag)

        setattr(obj, name, timed)


PROF = Profiler()
_TYPE_NAMES: dict[int, str] = {}


def _event_name(kind: object) -> str:
    key = int(getattr(kind, "value", kind))
    name = _TYPE_NAMES.get(key)
    if name is None:
        from PySide6.QtCore import QEvent

        try:
            name = QEvent.Type(key).name
        except ValueError:
            name = f"event{key}"
        _TYPE_NAMES[key] = name
    return name


def make_app():  # noqa: ANN201 - QApplication
    """A QApplication whose ``notify`` times every event (must exist before ``ensure_application``)."""
    from PySide6.QtWidgets import QApplication

    class TimingApp(QApplication):
        def notify(self, receiver, event):  # noqa: ANN001, ANN202 (Qt override)
            cls = type(receiver).__name__
            if cls == "QWidget" and receiver.parent() is not None:  # e.g. a plot's viewport
                cls = f"QWidget in {type(receiver.parent()).__name__}"
            label = f"{_event_name(event.type())} {cls}"
            PROF.enter(label)
            try:
                return super().notify(receiver, event)
            finally:
                PROF.exit(label)

    app = TimingApp(sys.argv[:1])
    app.setStyle("Fusion")
    return app


def _gc_callback(phase: str, info: dict) -> None:
    if phase == "start":
        PROF.enter()
    else:
        PROF.exit(f"gc gen{info['generation']}")


def instrument(window) -> None:
    """Time the window's views, the solver, mesh regeneration and VTK renders."""
    import viewer.state as state_module

    PROF.wrap(state_module, "derive", "store: derive (solver)")
    for obj, name in ((window.controls, "sync"), (window.plots, "apply"), (window.headline, "apply"),
                      (window.depth_bar, "apply"), (window.scene, "apply"), (window.scene, "edit_finished")):
        PROF.wrap(obj, name, f"{type(obj).__name__}.{name}")
    PROF.wrap(window, "_apply_presentation", "window._apply_presentation")
    rw = window.scene.view.window
    rw.AddObserver("StartEvent", lambda *_: PROF.enter())
    rw.AddObserver("EndEvent", lambda *_: PROF.exit(f"render (vtk) in {PROF.parent_label() or 'action'}"))
    gc.callbacks.append(_gc_callback)


def group(label: str) -> str:
    """Coarse cause of a labelled region."""
    if label.startswith("gc "):
        return "gc"
    if label.startswith("render (vtk)"):
        return "vtk render"
    if label.startswith("store:"):
        return "store"
    if "." in label:
        return "views/meshes (Python)"
    kind = label.split()[0]
    if kind in ("Paint", "UpdateRequest", "UpdateLater"):
        return "Qt paint"
    if kind in ("LayoutRequest", "Resize", "Move", "Show", "Hide", "ShowToParent", "HideToParent", "Polish",
                "PolishRequest", "StyleChange", "FontChange", "ApplicationFontChange", "WindowStateChange",
                "Expose", "ChildPolished", "ChildAdded", "ChildRemoved", "ParentChange", "LayoutDirectionChange",
                "ScreenChangeInternal", "PlatformSurface", "GraphicsSceneResize", "GraphicsSceneMove",
                "UpdateLayout", "ContentsRectChange"):
        return "Qt layout/style"
    return "Qt other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after start-up, as run_app does")
    parser.add_argument("--worst", type=int, default=40, help="how many of the worst turns to list")
    parser.add_argument("--over", type=float, default=100.0,
                        help="attribute the turns longer than this (ms; default the issue's 100)")
    args = parser.parse_args()
    import bisect
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = make_app()
    from viewer.ui.app import ensure_application

    assert ensure_application() is app
    from robust_abuse import Run, check_window, recording_excepthook, run_actions

    from viewer.state import Store
    from viewer.ui.main_window import MainWindow

    print(f"# UI stall attribution, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}; gc thresholds {gc.get_threshold()}; options {vars(args)}")
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "stalls.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Store(), settings=settings)
        window.resize(1560, 960)
        window.show()
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:
            QApplication.processEvents()
        window.flush()
        if args.gc_freeze:
            from viewer.ui.app import freeze_startup_objects

            freeze_startup_objects()
        instrument(window)
        turns: list[tuple[str, float, float, float]] = []
        run = Run(seed=args.seed)
        with recording_excepthook() as errors:
            run_actions(window, args.actions, random.Random(args.seed), run, check=lambda: check_window(window),
                        on_turn=lambda kind, t0, t1, t2: turns.append((kind, t0, t1, t2)))
        window.close()
    print(f"exceptions: {len(errors)}; passes {len(turns)}")
    ends = [r[0] for r in PROF.records]
    rows = []
    npass = 0
    for i, (kind, t0, t1, t2) in enumerate(turns):
        npass = npass + 1 if (t1 == t0 and kind != "playing") else 0  # later passes of the same action
        lo, hi = bisect.bisect_left(ends, t0), bisect.bisect_right(ends, t2)
        parts: dict[str, float] = defaultdict(float)
        for _, label, ms in PROF.records[lo:hi]:
            parts[label] += ms
        total = (t2 - t0) * 1000.0
        parts["other (action code)"] = max(0.0, total - sum(parts.values()))
        previous = next((turns[j][0] for j in range(i - 1, -1, -1) if turns[j][0] != "playing"
                         and turns[j][1] != turns[j][2]), "")
        renders = sum(1 for _, label, _ms in PROF.records[lo:hi] if label.startswith("render (vtk)"))
        if npass:
            previous = f"pass {npass} of it"
        rows.append((total, kind, f"{previous}; {renders} render{'s' * (renders != 1)}", (t1 - t0) * 1000.0,
                     dict(parts)))
    totals = [r[0] for r in rows]
    import numpy as np

    over = args.over
    slow = [r for r in rows if r[0] > over]
    print(f"all passes: p50 {np.percentile(totals, 50):.1f}, p90 {np.percentile(totals, 90):.1f}, "
          f"p99 {np.percentile(totals, 99):.1f}, max {max(totals):.1f} ms; over 100 ms: "
          f"{sum(t > 100.0 for t in totals)}; over {over:g} ms: {len(slow)}")
    print(f"\n## Passes over {over:g} ms: time by cause (sum over those passes)")
    by_group: dict[str, float] = defaultdict(float)
    by_label: dict[str, float] = defaultdict(float)
    for r in slow:
        for label, ms in r[4].items():
            by_group[group(label) if label != "other (action code)" else "other (action code)"] += ms
            by_label[label] += ms
    whole = sum(r[0] for r in slow) or 1.0
    for name, ms in sorted(by_group.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {ms:.0f} ms | {ms / whole:.0%} |")
    print("\ntop labels:")
    for name, ms in sorted(by_label.items(), key=lambda kv: -kv[1])[:25]:
        print(f"| {name} | {ms:.0f} ms | {ms / whole:.0%} |")
    print(f"\n## Dominant cause of each pass over {over:g} ms (the group with the most time)")
    dominant = Counter()
    for r in slow:
        groups: dict[str, float] = defaultdict(float)
        for label, ms in r[4].items():
            groups[group(label) if label != "other (action code)" else "other (action code)"] += ms
        dominant[max(groups, key=groups.get)] += 1
    for name, n in dominant.most_common():
        print(f"| {name} | {n} |")
    gc_slow = [r for r in slow if sum(ms for k, ms in r[4].items() if k.startswith("gc ")) > 20.0]
    print(f"passes over {over:g} ms with > 20 ms of gc: {len(gc_slow)}")
    print(f"\n## Per kind: passes over {over:g} ms / count, median, max")
    kinds: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        kinds[r[1]].append(r[0])
    for kind, values in sorted(kinds.items(), key=lambda kv: -max(kv[1])):
        print(f"| {kind} | {sum(v > over for v in values)}/{len(values)} | {statistics.median(values):.0f} | "
              f"{max(values):.0f} |")
    print("\n## Every pass: mean ms per pass of the biggest labels (what a typical pass costs)")
    mean: dict[str, float] = defaultdict(float)
    for r in rows:
        for label, ms in r[4].items():
            mean[label] += ms / len(rows)
    for name, ms in sorted(mean.items(), key=lambda kv: -kv[1])[:12]:
        print(f"| {name} | {ms:.1f} ms |")
    print(f"\n## The {args.worst} worst passes (ms): kind (previous action or pass), action part, then parts ≥ 3 ms")
    for r in sorted(rows, key=lambda r: -r[0])[:args.worst]:
        parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(r[4].items(), key=lambda kv: -kv[1]) if v >= 3.0)
        print(f"- {r[0]:.0f} {r[1]} (after {r[2]}), action {r[3]:.0f}: {parts}")
    with_paint = [r for r in rows if "render (vtk) in Paint _Interactor" in r[4]]
    resized = [r for r in with_paint if "Resize _Interactor" in r[4]]
    print(f"turns with a render from a paint of the 3D view (besides the coalesced one): {len(with_paint)}, "
          f"{len(resized)} of them after the 3D view was resized; kinds "
          f"{Counter(r[1] for r in with_paint).most_common(12)}")
    for r in [r for r in resized if not r[1].startswith(("resize", "presentation", "escape"))][:8]:
        laid_out = sorted(k for k in r[4] if k.startswith(("Resize", "LayoutRequest")))
        print(f"   {r[1]} (after {r[2]}): {laid_out}")
    gcs = [(label, ms) for _, label, ms in PROF.records if label.startswith("gc ")]
    for gen in (0, 1, 2):
        values = [ms for label, ms in gcs if label == f"gc gen{gen}"]
        if values:
            print(f"gc gen{gen}: {len(values)} collections, median {statistics.median(values):.2f} ms, "
                  f"max {max(values):.1f} ms, total {sum(values):.0f} ms")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
