"""Run-time regeneration of the parametric bones (slider release): femur and hip bone.

Run: ``.venv/bin/python -m pytest benchmarks/bench_parametric_meshes.py --benchmark-only``.
Budget per call: ≤ 100 ms (issue 3).
"""

from __future__ import annotations

from viewer.meshgen import parametric


def test_bench_femur_regeneration(benchmark):
    parametric.femur_mesh(130, 12, 42, "l")  # loads and caches the committed base mesh
    poly = benchmark(parametric.femur_mesh, 118.0, 30.0, 70.0, "l")
    assert poly.GetNumberOfCells() > 0


def test_bench_hip_bone_regeneration(benchmark):
    parametric.hip_bone_mesh(28, 20, "r")
    poly = benchmark(parametric.hip_bone_mesh, 42.0, 8.0, "r")
    assert poly.GetNumberOfCells() > 0


def test_bench_first_call_including_file_load(benchmark):
    def first():
        parametric._base.cache_clear()
        return parametric.femur_mesh(140.0, 0.0, 42.0, "r")

    benchmark(first)
