"""Run-time regeneration of the parametric bones (slider release): femur and hip bone.

Run: ``.venv/bin/python -m pytest benchmarks/bench_parametric_meshes.py --benchmark-only``.
Budget per call: ≤ 100 ms (issue 3).
"""

from __future__ import annotations

from viewer.assets import load_rig
from viewer.meshgen import parametric


def test_bench_femur_regeneration(benchmark):
    base = load_rig().mesh("femur_r")  # the app passes the loaded base mesh (viewer.render.rig)
    poly = benchmark(parametric.femur_mesh, 118.0, 30.0, 70.0, "l", base=base)
    assert poly.GetNumberOfCells() > 0


def test_bench_hip_bone_regeneration(benchmark):
    base = load_rig().mesh("pelvis_r")
    poly = benchmark(parametric.hip_bone_mesh, 42.0, 8.0, "r", base=base)
    assert poly.GetNumberOfCells() > 0


def test_bench_first_call_including_file_load(benchmark):
    benchmark(parametric.femur_mesh, 140.0, 0.0, 42.0, "r")  # without ``base``: reads the committed mesh
