"""Speed of the squat model (pytest-benchmark; not collected by the normal test run).

Run: ``.venv/bin/python -m pytest benchmarks/bench_model.py --benchmark-only``.
Targets (issue 2): sweep on a new anatomy ≤ 2 ms median; solve one depth ≤ 0.2 ms; cached sweep
lookup ≤ 20 µs; Sweep.pose_at (every slider tick) ≤ 50 µs.
"""

import itertools

from viewer.model import Anatomy, solve, sweep
from viewer.model import squat as sq

_heights = itertools.cycle([1.40 + 0.0001 * i for i in range(7000)])


def _new_anatomy():
    return Anatomy(height_m=next(_heights))


def test_sweep_new_anatomy(benchmark):
    """Full sweep of an anatomy never seen before (per-anatomy constants and sweep both uncached)."""
    benchmark.pedantic(lambda a: sweep(a), setup=lambda: ((_new_anatomy(),), {}), rounds=300, iterations=1)


def test_sweep_new_asymmetric_anatomy(benchmark):
    """A new lifter whose sides differ (one retroverted hip, one stiffer ankle): each side solved on its own
    (issue 19: ≤ 2 × the symmetric sweep)."""
    benchmark.pedantic(lambda a: sweep(a), setup=lambda: ((_new_anatomy().replace(
        femoral_anteversion_right_deg=-6.0, ankle_dorsiflexion_left_deg=30.0),), {}), rounds=300, iterations=1)


def test_sweep_new_anatomy_knees_out(benchmark):
    """A new lifter pushing the knees out: the hip stop evaluated at each depth's rotation."""
    benchmark.pedantic(lambda a: sweep(a), setup=lambda: ((_new_anatomy().replace(knees_out_cm=6.0),), {}),
                       rounds=300, iterations=1)


_sockets = itertools.cycle([15.0 + 0.001 * i for i in range(25000)])


def test_sweep_new_hip_same_body(benchmark):
    """A hip-slider drag step: a new socket depth on a known body (the body's constants are shared)."""
    body = Anatomy(height_m=1.72)
    sweep(body)
    benchmark.pedantic(lambda a: sweep(a), setup=lambda: ((body.replace(acetabular_lce_deg=next(_sockets)),), {}),
                       rounds=300, iterations=1)


def test_sweep_cached_lookup(benchmark):
    a = Anatomy()
    sweep(a)
    benchmark(sweep, a)


def test_solve_one_depth(benchmark):
    """One depth on a known anatomy (per-anatomy constants cached, as when the UI solves)."""
    a = Anatomy()
    solve(a, 0.0)
    benchmark(solve, a, 12.5)


def test_solve_one_depth_new_anatomy(benchmark):
    benchmark.pedantic(lambda a: solve(a, 12.5), setup=lambda: ((_new_anatomy(),), {}), rounds=300, iterations=1)


def test_pose_at(benchmark):
    s = sweep(Anatomy())
    benchmark(s.pose_at, 3.3)


def teardown_module():
    sq.clear_cache()
