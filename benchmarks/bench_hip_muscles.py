"""Cost of the hip stop and the muscle lengths for one 200-depth sweep (pytest-benchmark; also a script).

    .venv/bin/python -m pytest benchmarks/bench_hip_muscles.py --benchmark-only
    .venv/bin/python benchmarks/bench_hip_muscles.py

Budget: the whole sweep must take ≤ 2 ms, so ``hip_stops`` for N = 200 orientations should stay
≤ ~0.5 ms. Not pass/fail: the medians go into the report.
"""

from __future__ import annotations

import statistics
import sys
import timeit

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.hip import hip_stops
from viewer.model.muscles import muscle_lengths

N = 200
ANATOMY = Anatomy()
ABDUCTION_DEG = np.linspace(2.0, 22.0, N)
EXTERNAL_ROTATION_DEG = np.full(N, 15.0)
HIP_DEG = np.linspace(0.0, 115.0, N)
KNEE_DEG = np.linspace(0.0, 135.0, N)
ANKLE_DEG = np.linspace(0.0, 38.0, N)


def _hip() -> object:
    return hip_stops(ANATOMY, ABDUCTION_DEG, EXTERNAL_ROTATION_DEG, "r")


def _hip_new_anatomy() -> object:
    # A slider drag: every call is a new socket, so the cached rim is rebuilt.
    _hip_new_anatomy.lce = (getattr(_hip_new_anatomy, "lce", 20.0) + 0.37) % 20.0 + 20.0
    return hip_stops(ANATOMY.replace(acetabular_lce_deg=round(_hip_new_anatomy.lce, 2)),
                     ABDUCTION_DEG, EXTERNAL_ROTATION_DEG, "r")


def _muscles() -> object:
    return muscle_lengths(HIP_DEG, KNEE_DEG, ANKLE_DEG)


def test_hip_stops_200(benchmark):
    benchmark(_hip)


def test_hip_stops_200_new_socket(benchmark):
    benchmark(_hip_new_anatomy)


def test_muscle_lengths_200(benchmark):
    benchmark(_muscles)


def main() -> int:
    for name, fn in (("hip_stops N=200", _hip), ("hip_stops N=200, new socket", _hip_new_anatomy),
                     ("muscle_lengths N=200", _muscles)):
        fn()
        runs = [t / 200 for t in timeit.repeat(fn, number=200, repeat=15)]
        print(f"{name:32s} median {statistics.median(runs) * 1e6:7.1f} µs   min {min(runs) * 1e6:7.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
