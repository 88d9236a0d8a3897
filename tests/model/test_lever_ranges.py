"""The depth advisor's gains over an uncertain anatomy: deterministic, holding the central gain, sampled
from the band's own sequence, zero-width without spread, one walk per step."""

import numpy as np
import pytest
from walk_jobs import walks_per_step

import viewer.model.lever_ranges as lr
from viewer.model import Anatomy
from viewer.model import self_tests as tests
from viewer.model.lever_ranges import LeverRangeJob, lever_ranges
from viewer.model.levers import LEVERS, lever_effects, neutral_depth_deg
from viewer.model.squat import sweep
from viewer.model.uncertain_anatomy import UncertainAnatomy, combine
from viewer.model.uncertainty import PERCENTILES, sample_anatomies

AVG = Anatomy()
N = 12  # a few samples keep the tests short; benchmarks/lever_range_samples.py measures how many are needed


@pytest.fixture(scope="module")
def stiff_ankles() -> UncertainAnatomy:
    """Knee-to-wall 0 cm: stiff ankles, the spread of the other tests' priors left."""
    return combine(AVG, [tests.knee_to_wall(0.0, AVG)]).anatomy


@pytest.fixture(scope="module")
def ranges(stiff_ankles):
    return lever_ranges(stiff_ankles, N)


def test_ranges_hold_the_central_gain_the_advisor_lists(stiff_ankles, ranges):
    central = {e.lever.key: e.gain_deg for e in lever_effects(stiff_ankles.mean)}
    assert set(ranges) == set(central)  # every lever that applies to the anatomy shown, no other
    for key, r in ranges.items():
        assert r.central_deg == pytest.approx(central[key], abs=1e-9), key  # the same walk as the sweep
        assert r.low_deg <= r.central_deg <= r.high_deg, key
        assert r.samples == N, key
    assert any(r.width_deg > 1.0 for r in ranges.values())  # the spread shows in the gains
    assert ranges["heels"].central_deg > 0.0  # stiff ankles: heel plates buy depth


def test_ranges_are_the_percentiles_of_the_band_samples_gains(stiff_ankles, ranges):
    heels = next(lever for lever in LEVERS if lever.key == "heels")
    gains = [neutral_depth_deg(sweep(heels.change(a))) - neutral_depth_deg(sweep(a))
             for a in sample_anatomies(stiff_ankles, N)]
    low, _, high = np.percentile(gains, PERCENTILES)
    r = ranges["heels"]
    assert r.low_deg == pytest.approx(min(low, r.central_deg), abs=1e-6)
    assert r.high_deg == pytest.approx(max(high, r.central_deg), abs=1e-6)


def test_ranges_are_deterministic_and_independent_of_the_chunking(stiff_ankles, ranges):
    job = LeverRangeJob(stiff_ankles, N)
    steps = 0
    while not job.step(3):
        steps += 1
    assert steps > 3 and job.result() == ranges
    assert lever_ranges(stiff_ankles, N, seed=7) != ranges  # another shift, other samples


def test_no_spread_gives_zero_width_ranges():
    ua = UncertainAnatomy.from_sd(AVG, {})
    central = {e.lever.key: e.gain_deg for e in lever_effects(AVG)}
    out = lever_ranges(ua, 4)
    assert set(out) == set(central)
    for key, r in out.items():
        assert r.width_deg == 0.0 and r.low_deg == pytest.approx(central[key], abs=1e-9), key


def test_every_step_is_at_most_one_walk(monkeypatch, stiff_ankles):
    calls = []
    real = lr.descend
    monkeypatch.setattr(lr, "descend", lambda c: calls.append(c) or real(c))
    job = LeverRangeJob(stiff_ankles, 3)
    per_step = walks_per_step(job, calls)
    assert max(per_step) == 1 and sum(per_step) == job.total_walks
    assert job.progress == 1.0 and job.done


def test_bad_input_is_rejected(stiff_ankles):
    with pytest.raises(TypeError, match="UncertainAnatomy"):
        LeverRangeJob(AVG)
    with pytest.raises(ValueError, match="at least 1"):
        LeverRangeJob(stiff_ankles, 0)
    with pytest.raises(RuntimeError, match="not computed"):
        LeverRangeJob(stiff_ankles, 1).result()
