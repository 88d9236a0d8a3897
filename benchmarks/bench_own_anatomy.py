"""Speed of the own-anatomy model (pytest-benchmark; not collected by the normal test run).

Run: ``.venv/bin/python -m pytest benchmarks/bench_own_anatomy.py --benchmark-only``.
One band step (one walk of one sample) must fit a frame (≈ 15 ms); combining the tests and fitting a
photo run once per edit.
"""

import itertools

from viewer.model import Anatomy
from viewer.model import self_tests as tests
from viewer.model.photo_fit import fit_photo, side_points_px
from viewer.model.uncertain_anatomy import combine, prior
from viewer.model.uncertainty import BandJob

AVG = Anatomy()
_versions = itertools.cycle([5.0 + 0.001 * i for i in range(20000)])


def test_band_step_one_walk(benchmark):
    """One step of the band: one sample's squat walked down (a new anatomy each time)."""
    def fresh():
        ua = prior(AVG.replace(acetabular_version_deg=next(_versions)))
        job = BandJob(ua, samples=200)
        return (job,), {}

    benchmark.pedantic(lambda job: job.step(1), setup=fresh, rounds=100, iterations=1)


def test_combine_all_tests(benchmark):
    r = tests.expected_results(AVG)
    obs = [tests.knee_to_wall(r["knee_to_wall"], AVG), tests.rock_back(r["rock_back"] - 90.0),
           tests.lying_hip_flexion(r["lying_hip_flexion"] + 3.0), tests.prone_rotation(35.0, 40.0),
           tests.seated_ir(30.0), tests.craig(14.0)]
    benchmark.pedantic(combine, args=(AVG, obs), rounds=10, iterations=1)


def test_photo_fit(benchmark):
    truth = AVG.replace(thigh_length_ratio=1.05, ankle_dorsiflexion_deg=30.0)
    pts = side_points_px(truth, 5.0)
    benchmark.pedantic(fit_photo, args=(pts, AVG), rounds=5, iterations=1)
