"""Frame time and update cost of the 3D scene (pytest-benchmark; also runnable as a script).

    .venv/bin/python -m pytest benchmarks/bench_render.py --benchmark-only      # under pytest-xvfb
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_render.py

Measures, at 1280×800 with MSAA off on this machine's software GL (llvmpipe):
- ``frame``: one ``Render()`` of the full scene (bones, overlays, legend, labels, muscles) in an
  on-screen X window (Xvfb, what the app uses) and in an off-screen EGL window (snapshots);
- ``apply``: :meth:`Scene.apply` alone (kinematics, user matrices, colours, tubes, labels), no render;
- ``matrices``: :func:`viewer.model.kinematics.bone_matrices` alone.
Not pass/fail: the figures go into docs/gallery.md and the final report.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np
import pytest

from viewer.model import kinematics as kin
from viewer.model.presets import PRESETS
from viewer.render.scene import Scene
from viewer.render.snapshot import offscreen_window, release_window
from viewer.render.vtk_imports import vtkRenderWindow

SIZE = (1280, 800)


def _setup(onscreen: bool):
    from viewer.model.squat import sweep

    anatomy = PRESETS["Average lifter"].anatomy
    sw = sweep(anatomy)
    if onscreen:
        window = vtkRenderWindow()
        window.SetSize(*SIZE)
        window.SetMultiSamples(0)
    else:
        window = offscreen_window(SIZE)
    scene = Scene(window)
    angles = np.linspace(sw.thigh_angle_deg[0], sw.thigh_angle_deg[-1], 24)
    poses = [sw.pose_at(float(a)) for a in angles]
    scene.apply_sweep_pose(anatomy, poses[-1], sw)
    scene.set_camera("side")
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
        scene.apply_sweep_pose(anatomy, poses[next(i) % len(poses)], sw)
        window.Render()

    benchmark.pedantic(frame, rounds=40, warmup_rounds=3)
    benchmark.extra_info["triangles"] = scene.triangle_count()
    _teardown(window, scene, onscreen)


def test_apply_without_render(benchmark):
    anatomy, sw, window, scene, poses = _setup(False)
    i = iter(range(10**9))
    benchmark(lambda: scene.apply_sweep_pose(anatomy, poses[next(i) % len(poses)], sw))
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
        scene.apply_sweep_pose(anatomy, poses[next(k) % len(poses)], sw)

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


def main() -> int:
    """Print the figures (median and best, ms)."""
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
