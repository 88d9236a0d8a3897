"""Sampling an uncertain anatomy: the band's width, its determinism, its chunks."""

import numpy as np
import pytest
from walk_jobs import walks_per_step

from viewer.model import Anatomy
from viewer.model import self_tests as tests
from viewer.model.descent import body_constants, descend
from viewer.model.photo_fit import fit_photo, side_points_px
from viewer.model.uncertain_anatomy import UncertainAnatomy, combine, prior
from viewer.model.uncertainty import (
    BAND_THIGH_DEG,
    PILOT_SAMPLES,
    BandJob,
    band,
    sample_anatomies,
    samples_needed,
)

AVG = Anatomy()
N = 48  # fixed sample counts keep these tests short; the adaptive count is tested on its own


def test_samples_follow_the_covariance_and_ranges():
    ua = UncertainAnatomy.from_sd(AVG, {"femoral_anteversion_deg": 8.0, "alpha_angle_deg": 8.0})
    s = sample_anatomies(ua, 400)
    fv = np.array([a.femoral_anteversion_deg for a in s])
    alpha = np.array([a.alpha_angle_deg for a in s])
    assert fv.mean() == pytest.approx(12.0, abs=0.5) and fv.std() == pytest.approx(8.0, rel=0.08)
    assert alpha.min() >= 35.0  # clipped to the parameter's range
    # the sequence extends: the first samples do not depend on how many follow
    assert sample_anatomies(ua, 10) == s[:10]
    assert sample_anatomies(ua, 5, start=10) == s[10:15]
    with pytest.raises(ValueError, match="at least 1"):
        sample_anatomies(ua, 0)


def test_band_is_deterministic_and_independent_of_the_chunking():
    ua = combine(AVG, [tests.seated_ir(25.0)]).anatomy
    whole = band(ua, samples=N)
    job = BandJob(ua, samples=N)
    steps = 0
    while not job.step(1):
        steps += 1
    sliced = job.result()
    assert steps >= N - 1  # one walk per step: each step is one frame's work
    assert sliced.tuck_onset == whole.tuck_onset
    np.testing.assert_array_equal(sliced.lumbar_flexion_deg, whole.lumbar_flexion_deg)


def test_result_before_done_raises():
    job = BandJob(prior(AVG), samples=4)
    with pytest.raises(RuntimeError, match="not computed yet"):
        job.result()


def test_band_without_spread_is_the_squat_itself():
    ua = UncertainAnatomy.from_sd(AVG, {})
    b = band(ua, samples=3)
    d = descend(body_constants(AVG))
    assert b.tuck_onset.low_deg == pytest.approx(d.tuck_onset_deg) == pytest.approx(b.tuck_onset.high_deg)
    lumbar = np.interp(BAND_THIGH_DEG, d.thigh_deg, np.asarray(d.lean_deg) - np.asarray(d.tilt_deg))
    ok = BAND_THIGH_DEG <= d.deepest_deg
    np.testing.assert_allclose(b.lumbar_flexion_deg[1][ok], lumbar[ok], atol=1e-9)
    assert np.isnan(b.lumbar_flexion_deg[1][BAND_THIGH_DEG > d.deepest_deg + 1.0]).all()


def test_band_narrows_as_tests_are_added():
    r = tests.expected_results(AVG)
    none = band(prior(AVG), samples=N)
    hip = band(combine(AVG, [tests.rock_back(r["rock_back"] - 90.0),
                             tests.lying_hip_flexion(r["lying_hip_flexion"])]).anatomy, samples=N)
    every = [tests.knee_to_wall(r["knee_to_wall"], AVG), tests.rock_back(r["rock_back"] - 90.0),
             tests.lying_hip_flexion(r["lying_hip_flexion"]), tests.prone_rotation(35.2, 41.8),
             tests.seated_ir(r["seated_ir"]), tests.craig(r["craig"])]
    photo = fit_photo(side_points_px(AVG, 10.0, px_per_m=800.0), AVG).observations()
    full = band(combine(AVG, every + list(photo)).anatomy, samples=N)
    assert none.tuck_width_deg > hip.tuck_width_deg > full.tuck_width_deg
    # the depth curves' band narrows with them (at parallel, among samples that get there)
    i = int(np.searchsorted(BAND_THIGH_DEG, 0.0))
    def width(b):
        return b.pelvic_tuck_deg[2][i] - b.pelvic_tuck_deg[0][i]
    assert width(none) > width(full)
    # percentiles are ordered
    for b in (none, hip, full):
        assert b.tuck_onset.low_deg <= b.tuck_onset.median_deg <= b.tuck_onset.high_deg


def test_samples_needed_follows_the_spread():
    narrow = samples_needed(list(np.linspace(-1.0, 1.0, 64)))
    wide = samples_needed(list(np.linspace(-20.0, 20.0, 64)))
    assert narrow == PILOT_SAMPLES
    # a symmetric spread: s = 16/1.2816 → n = (1.71·s/0.5)² ≈ 1820
    assert wide == pytest.approx((1.71 * (16.0 / 1.2816) / 0.5) ** 2, rel=0.03)
    # a long lower tail counts by its own width
    skewed = samples_needed(list(np.linspace(-40.0, 0.0, 16)) + list(np.linspace(0.0, 4.0, 48)))
    assert skewed > samples_needed(list(np.linspace(-4.0, 4.0, 64)))
    job = BandJob(prior(AVG))
    while job.total_walks == PILOT_SAMPLES:
        job.step(PILOT_SAMPLES)
    assert job.total_walks > 1000  # the average lifter with no tests needs a long run


def test_every_step_is_at_most_one_walk(monkeypatch):
    import viewer.model.uncertainty as unc

    calls = []
    real = unc._walk

    def counting(anatomy):
        calls.append(anatomy)
        return real(anatomy)

    monkeypatch.setattr(unc, "_walk", counting)
    # a narrow spread: the pilot suffices, and the test stays short
    job = BandJob(UncertainAnatomy.from_sd(AVG, {"alpha_angle_deg": 1.0}))
    per_step = walks_per_step(job, calls)
    assert max(per_step) == 1
    assert job.result().samples == PILOT_SAMPLES
    assert sum(per_step) == job.result().samples
