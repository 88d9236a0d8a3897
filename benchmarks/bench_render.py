"""Frame time and update cost of the 3D scene (pytest-benchmark; also runnable as a script).

    .venv/bin/python -m pytest benchmarks/bench_render.py --benchmark-only      # under pytest-xvfb
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_render.py

Measures, at 1280×800 with MSAA off on this machine's software GL (llvmpipe):
- ``frame``: one ``Render()`` of the full scene (bones, overlays, legend, labels, muscles) in an
  on-screen X window (Xvfb, what the app uses) and in an off-screen EGL window (snapshots);
- ``apply``: :meth:`Scene.show` alone (kinematics, user matrices, colours, tubes, labels), no render;
- ``matrices``: :func:`viewer.model.kinematics.bone_matrices` alone;
- ``render after change`` (script only: ``... bench_render.py changes``): at 1560×960, the render
  right after one kind of scene change (bone matrices, muscle tubes, angle-readout texts, tuck tint,
  a whole ``Scene.show``) against a bare re-render of the unchanged scene, interleaved in random
  order, median wall and process-CPU time (CPU time counts llvmpipe's threads and is steadier when
  other programs share the machine); and the whole update (``apply`` + render) over the bare render.
Not pass/fail: the figures go into docs/gallery.md and the final report.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

import numpy as np
import pytest

from viewer.model import kinematics as kin
from viewer.model.presets import PRESETS
from viewer.render.scene import Scene
from viewer.render.scene_input import SceneInput
from viewer.render.snapshot import offscreen_window, release_window
from viewer.render.vtk_imports import vtkRenderWindow

SIZE = (1280, 800)


def _render_window(size: tuple[int, int], onscreen: bool) -> vtkRenderWindow:
    """An on-screen (X) or off-screen (EGL) render window of ``size`` pixels, MSAA off."""
    if not onscreen:
        return offscreen_window(size)
    window = vtkRenderWindow()
    window.SetSize(*size)
    window.SetMultiSamples(0)
    return window


def _setup(onscreen: bool):
    from viewer.model.squat import sweep

    anatomy = PRESETS["Average lifter"].anatomy
    sw = sweep(anatomy)
    window = _render_window(SIZE, onscreen)
    scene = Scene(window)
    angles = np.linspace(sw.thigh_angle_deg[0], sw.thigh_angle_deg[-1], 24)
    poses = [sw.pose_at(float(a)) for a in angles]
    scene.show(SceneInput.from_sweep(anatomy, poses[-1], sw))
    window.Render()
    return anatomy, sw, window, scene, poses


def _teardown(window, scene, onscreen: bool) -> None:
    scene.close()
    if onscreen:
        window.Finalize()
    else:
        release_window(window)


@pytest.mark.parametrize("onscreen", [True, False], ids=["xvfb-glx", "egl-offscreen"])
def test_frame_time_1280x800(benchmark, onscreen):
    if onscreen and not os.environ.get("DISPLAY"):
        pytest.skip("no X display")
    anatomy, sw, window, scene, poses = _setup(onscreen)
    i = iter(range(10**9))

    def frame():
        scene.show(SceneInput.from_sweep(anatomy, poses[next(i) % len(poses)], sw))
        window.Render()

    benchmark.pedantic(frame, rounds=40, warmup_rounds=3)
    benchmark.extra_info["triangles"] = scene.triangle_count()
    _teardown(window, scene, onscreen)


def test_apply_without_render(benchmark):
    anatomy, sw, window, scene, poses = _setup(False)
    i = iter(range(10**9))
    benchmark(lambda: scene.show(SceneInput.from_sweep(anatomy, poses[next(i) % len(poses)], sw)))
    _teardown(window, scene, False)


def test_bone_matrices(benchmark):
    from viewer.render.rig import load_bones

    anatomy = PRESETS["Average lifter"].anatomy
    from viewer.model.squat import sweep

    pose = sweep(anatomy).pose_at(0.0)
    rig = {b.id: b for b in load_bones()}
    benchmark(kin.bone_matrices, pose, anatomy, rig)


def test_parametric_reshape(benchmark):
    """Femur + hip-bone reshaping for a new socket depth / torsion (slider release), 4 meshes."""
    from viewer.model.anatomy import Anatomy
    from viewer.render.rig import parametric_builder

    build = parametric_builder()
    if build is None:
        pytest.skip("generated skeleton not available")
    values = iter(range(10**9))
    benchmark(lambda: build(Anatomy(acetabular_lce_deg=20.0 + next(values) % 25, femoral_anteversion_deg=-5.0)))


def _time(fn, n: int) -> tuple[float, float]:
    """Median and best wall time in ms (the best approximates an unloaded machine)."""
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(ts), min(ts)


def _measure(onscreen: bool) -> str:
    anatomy, sw, window, scene, poses = _setup(onscreen)
    k = iter(range(10**9))

    def apply():
        scene.show(SceneInput.from_sweep(anatomy, poses[next(k) % len(poses)], sw))

    def frame():
        apply()
        window.Render()

    apply_med, apply_best = _time(apply, 50)
    for _ in range(3):
        frame()
    render_med, render_best = _time(window.Render, 30)
    med, best = _time(frame, 40)
    name = "xvfb-glx" if onscreen else "egl-offscreen"
    line = (f"{name}: {SIZE[0]}x{SIZE[1]} render median {render_med:.1f} ms (best {render_best:.1f}); "
            f"apply+render median {med:.1f} ms (best {best:.1f}); apply alone median {apply_med:.2f} ms "
            f"(best {apply_best:.2f}); bone triangles {scene.triangle_count()}")
    _teardown(window, scene, onscreen)
    return line


def render_after_change(size: tuple[int, int] = (1560, 960), rounds: int = 80, seed: int = 1) -> list[str]:
    """Render cost right after each kind of scene change, against a bare re-render (lines to print).

    Each round runs every case once in a shuffled order: change (timed: Python), then
    ``Render()`` (timed: wall and process CPU). The poses alternate between eight depths of a deep
    squat, so every change really changes something. ``bare`` only marks the camera modified.
    """
    from viewer.model.squat import sweep

    anatomy = PRESETS["Average lifter"].anatomy
    sw = sweep(anatomy)
    onscreen = bool(os.environ.get("DISPLAY"))
    window = _render_window(size, onscreen)
    scene = Scene(window)
    angles = np.linspace(sw.thigh_angle_deg[0], sw.thigh_angle_deg[-1], 24)[-8:]
    poses = [sw.pose_at(float(a)) for a in angles]
    scene.show(SceneInput.from_sweep(anatomy, poses[-1], sw))
    window.Render()
    cam = scene.renderer.GetActiveCamera()
    frames = [kin.segment_frames(p, anatomy) for p in poses]
    mats = [kin.matrices_from_frames(f, scene.specs) for f in frames]
    paths = [kin.muscle_paths(p, anatomy, f) for p, f in zip(poses, frames, strict=True)]
    tints = [(0.96, 0.50, 0.10), (0.70, 0.15, 0.35)]
    n = len(poses)

    def tint(i: int) -> None:
        for bone_id in scene._tinted:
            scene.bones.set_colour(bone_id, tints[i % 2])

    cases = {
        "bare": lambda i: cam.Modified(),
        "matrices": lambda i: scene.bones.set_matrices(mats[i % n]),
        "muscles": lambda i: scene.muscles.update(paths[i % n], poses[i % n].muscles),
        "labels": lambda i: scene._update_labels(poses[i % n], mats[i % n], scene.flags),
        "tint": tint,
        "apply": lambda i: scene.show(SceneInput.from_sweep(anatomy, poses[i % n], sw)),
    }
    wall: dict[str, list[float]] = {k: [] for k in cases}
    cpu: dict[str, list[float]] = {k: [] for k in cases}
    change: dict[str, list[float]] = {k: [] for k in cases}
    order = list(cases)
    rng = random.Random(seed)
    for i in range(rounds + 3):
        rng.shuffle(order)
        for name in order:
            t0 = time.perf_counter()
            cases[name](i)
            t1 = time.perf_counter()
            c1 = time.process_time()
            window.Render()
            t2 = time.perf_counter()
            c2 = time.process_time()
            if i >= 3:  # warm-up rounds: first uploads, shader builds, text rasterisation
                change[name].append((t1 - t0) * 1e3)
                wall[name].append((t2 - t1) * 1e3)
                cpu[name].append((c2 - c1) * 1e3)
    med = statistics.median
    bare_wall, bare_cpu = med(wall["bare"]), med(cpu["bare"])
    kind = "xvfb-glx" if onscreen else "egl-offscreen"
    lines = [f"render after change, {kind} {size[0]}x{size[1]}, {rounds} interleaved rounds, medians in ms:"]
    for name in cases:
        w, c, py = med(wall[name]), med(cpu[name]), med(change[name])
        lines.append(f"  {name:9s} render {w:6.2f} (+{w - bare_wall:5.2f})  cpu {c:6.2f} (+{c - bare_cpu:5.2f})"
                     f"  change itself {py:5.2f}")
    whole = med([a + b for a, b in zip(change["apply"], wall["apply"], strict=True)])
    lines.append(f"  whole update (apply + render) / bare render: {whole / bare_wall:.3f}")
    scene.close()
    if onscreen:
        window.Finalize()
    else:
        release_window(window)
    return lines


def main() -> int:
    """Print the figures (median and best, ms); ``changes`` as first argument: only the render-after-change table."""
    if sys.argv[1:2] == ["changes"]:
        rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 80
        print("\n".join(render_after_change(rounds=rounds)))
        return 0
    from viewer.model.anatomy import Anatomy
    from viewer.render.rig import parametric_builder

    build = parametric_builder()
    if build is not None:
        v = iter(range(10**9))
        med, best = _time(lambda: build(Anatomy(acetabular_lce_deg=20.0 + next(v) % 25)), 20)
        print(f"parametric femur + hip-bone reshaping (4 meshes): median {med:.1f} ms (best {best:.1f})")
    for onscreen in (True, False):
        if onscreen and not os.environ.get("DISPLAY"):
            print("xvfb-glx: skipped, no DISPLAY")
            continue
        print(_measure(onscreen))
    print("\n".join(render_after_change()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
