"""Home tests → anatomy: each relation against its source's numbers, round trips, combining, contradictions."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model import Anatomy
from viewer.model import self_tests as tests
from viewer.model.photo_fit import fit_photo, side_points_px
from viewer.model.uncertain_anatomy import (
    PRIORS,
    UNCERTAIN,
    UncertainAnatomy,
    combine,
    from_profile_section,
    home_test_observations,
    photo_observations,
    prior,
    to_profile_section,
    with_photo,
)

AVG = Anatomy()


# --- relations against their sources ----------------------------------------------------------------------
def test_knee_to_wall_relation_matches_calatayud():
    # V2: 40.6° of tibial inclination ↔ 11.7 cm (Calatayud 2015), within the V2 tolerance of 1.5 cm
    assert tests.predicted_knee_to_wall_cm(AVG.replace(ankle_dorsiflexion_deg=40.6)) == pytest.approx(11.7, abs=1.5)
    # the spread holds the test's SEM (Powden 2015: MDC 1.6–1.9 cm → SEM ≈ 0.6–0.7 cm)
    assert tests.SELF_TESTS["knee_to_wall"].sd > 1.9 / 2.77


def test_unloaded_hip_stop_of_a_normal_hip_is_in_the_reported_range():
    # femur-on-pelvis flexion before the pelvis moves: ≈ 90–110° in healthy adults (biomechanics.md §8)
    assert 90.0 <= tests.predicted_unloaded_hip_flexion_deg(AVG) <= 110.0
    cam = tests.predicted_unloaded_hip_flexion_deg(AVG.replace(alpha_angle_deg=65.0))
    assert cam < tests.predicted_unloaded_hip_flexion_deg(AVG) - 20.0


def test_prone_rotation_relation_reproduces_uding_and_kouyoumdjian():
    # at the average torsion the balance is the adult norm: IR 35.2°, ER 41.8° (Kouyoumdjian 2012)
    assert tests.predicted_prone_rotation_balance_deg(AVG) == pytest.approx(35.2 - 41.8)
    # the implied correlation with torsion is Uding 2019's r = 0.63
    b, sd_t, sd_e = tests.PRONE_BALANCE_SLOPE, tests.TORSION_POP_SD_DEG, tests.PRONE_BALANCE_SD_DEG
    r = b * sd_t / math.hypot(b * sd_t, sd_e)
    assert r == pytest.approx(0.63, abs=0.005)
    # Uding: a 20° IR − ER difference suggests abnormal (> ~20°) anteversion; with the prior it reads so
    at_20 = combine(AVG, [tests.prone_rotation(45.0, 25.0)]).anatomy.mean.femoral_anteversion_deg
    assert 20.0 <= at_20 <= 25.0


def test_craig_relation_has_uding_correlation():
    sd_t, sd_e = tests.TORSION_POP_SD_DEG, tests.CRAIG_SD_DEG
    assert sd_t / math.hypot(sd_t, sd_e) == pytest.approx(0.61, abs=0.005)
    assert tests.predicted_craig_deg(AVG.replace(femoral_anteversion_deg=25.0)) == 25.0


def test_seated_ir_relation_matches_screening_studies():
    # population 33 ± 8.5° (Swiss conscripts): the prior predictive SD is 8.5°
    assert tests.predicted_seated_ir_deg(AVG) == pytest.approx(33.0)
    pred_sd = math.sqrt(tests.SEATED_IR_SD_DEG**2 + (0.5 * PRIORS["alpha_angle_deg"].sd) ** 2
                        + (0.5 * PRIORS["femoral_anteversion_deg"].sd) ** 2)
    assert pred_sd == pytest.approx(8.5, abs=0.05)
    # a cam hip (alpha ≥ 60°) is expected at or below Estberger 2021's 27° cut-off
    assert tests.predicted_seated_ir_deg(AVG.replace(alpha_angle_deg=60.0)) <= 27.0
    # Audenaert 2012: asymptomatic cam hips rotate ≈ 7° less than healthy ones
    drop = tests.predicted_seated_ir_deg(AVG) - tests.predicted_seated_ir_deg(AVG.replace(alpha_angle_deg=56.0))
    assert 5.0 <= drop <= 10.0


# --- inputs ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("make", "words"), [
    (lambda: tests.knee_to_wall(40.0, AVG), "knee-to-wall: the distance = 40 cm is not possible"),
    (lambda: tests.knee_to_wall(float("nan"), AVG), "knee-to-wall"),
    (lambda: tests.rock_back(120.0), "rock-back: the thigh angle from vertical = 120"),
    (lambda: tests.rock_back(80.0, -30.0), "the hip flexion (90° + thigh − back) = 200"),
    (lambda: tests.lying_hip_flexion(20.0), "between 45 and 160"),
    (lambda: tests.prone_rotation(95.0, 20.0), "internal rotation = 95"),
    (lambda: tests.prone_rotation(5.0, 5.0), "the total arc"),
    (lambda: tests.seated_ir(-5.0), "seated hip internal rotation"),
    (lambda: tests.craig("ten"), "must be a number"),
])
def test_impossible_inputs_raise_clear_messages(make, words):
    with pytest.raises(ValueError) as info:
        make()
    assert words in str(info.value)


# --- combining ------------------------------------------------------------------------------------------
def test_no_tests_gives_the_population_prior():
    c = combine(AVG, [])
    assert c.anatomy == prior(AVG)
    assert c.anatomy.sd["femoral_anteversion_deg"] == PRIORS["femoral_anteversion_deg"].sd
    assert c.contradictions == ()


def test_one_direct_test_is_inverse_variance_weighting():
    c = combine(AVG, [tests.craig(30.0)])
    s0, s1 = PRIORS["femoral_anteversion_deg"].sd, tests.CRAIG_SD_DEG
    w0, w1 = 1 / s0**2, 1 / s1**2
    mean = (12.0 * w0 + 30.0 * w1) / (w0 + w1)
    assert c.anatomy.mean.femoral_anteversion_deg == pytest.approx(mean, abs=0.5)  # on the 1° slider grid
    assert c.anatomy.sd["femoral_anteversion_deg"] == pytest.approx((w0 + w1) ** -0.5, rel=1e-6)


def test_hip_stop_test_constrains_the_combination_not_one_parameter():
    c = combine(AVG, [tests.lying_hip_flexion(85.0)])
    m = c.anatomy.mean
    # a low stop: the socket deeper, the cam bigger, the femur less anteverted — each a little
    assert m.alpha_angle_deg > 42.0 and m.acetabular_lce_deg > 28.0 and m.femoral_anteversion_deg < 12.0
    assert tests.predicted_unloaded_hip_flexion_deg(m) == pytest.approx(85.0, abs=tests.HIP_FLEXION_TEST_SD_DEG)
    cov = c.anatomy.matrix()
    i, j = UNCERTAIN.index("alpha_angle_deg"), UNCERTAIN.index("femoral_anteversion_deg")
    assert cov[i, j] > 0.0  # alpha up pairs with anteversion up to give the same stop
    # the stop itself is pinned much tighter than the prior pins it
    prior_sd = combine(AVG, []).anatomy.sd
    assert all(c.anatomy.sd[n] <= prior_sd[n] + 1e-9 for n in UNCERTAIN)


def test_spread_shrinks_as_tests_are_added():
    steps = [tests.knee_to_wall(8.0, AVG), tests.rock_back(15.0), tests.lying_hip_flexion(100.0),
             tests.prone_rotation(40.0, 35.0), tests.seated_ir(30.0), tests.craig(15.0)]
    total = [sum(combine(AVG, steps[:k]).anatomy.sd[n] ** 2 for n in UNCERTAIN if not n.endswith("ratio"))
             for k in range(len(steps) + 1)]
    assert all(b < a for a, b in zip(total, total[1:], strict=False))


@settings(max_examples=6, deadline=None)
@given(df=st.floats(25.0, 48.0), fv=st.floats(0.0, 24.0), alpha=st.floats(38.0, 54.0), lce=st.floats(20.0, 36.0))
def test_round_trip_anatomy_to_results_and_back_within_the_spread(df, fv, alpha, lce):
    truth = AVG.replace(ankle_dorsiflexion_deg=df, femoral_anteversion_deg=fv, alpha_angle_deg=alpha,
                        acetabular_lce_deg=lce)
    r = tests.expected_results(truth)
    obs = [tests.knee_to_wall(r["knee_to_wall"], AVG), tests.Observation(tests.SELF_TESTS["rock_back"], r["rock_back"]),
           tests.lying_hip_flexion(r["lying_hip_flexion"]),
           tests.Observation(tests.SELF_TESTS["prone_rotation"], r["prone_rotation"]),
           tests.seated_ir(r["seated_ir"]), tests.craig(r["craig"])]
    c = combine(AVG, obs)
    for name in ("ankle_dorsiflexion_deg", "femoral_anteversion_deg", "alpha_angle_deg", "acetabular_lce_deg"):
        # lifters within 1.5 population SD: the posterior shrinks toward the population, but the truth stays
        # within 2 SD of its own spread (socket depth is read only through the hip stop's combination)
        assert abs(getattr(c.anatomy.mean, name) - getattr(truth, name)) <= 2.0 * c.anatomy.sd[name] + 0.3, name
    # what the combined anatomy predicts for the hip-stop tests is what was measured, within their spread
    assert tests.predicted_unloaded_hip_flexion_deg(c.anatomy.mean) == pytest.approx(
        r["rock_back"], abs=tests.HIP_FLEXION_TEST_SD_DEG)
    assert c.contradictions == ()


def test_contradicting_results_are_reported_and_still_used():
    c = combine(AVG, [tests.rock_back(35.0), tests.lying_hip_flexion(90.0)])
    assert len(c.contradictions) == 1
    bad = c.contradictions[0]
    assert set(bad.tests) == {"Rock-back on hands and knees", "Lying hip flexion"}
    assert bad.gap == pytest.approx(35.0) and bad.allowed == pytest.approx(2 * math.hypot(6.0, 6.0))
    assert "differ by 35.0°" in bad.message
    agree = combine(AVG, [tests.rock_back(10.0), tests.lying_hip_flexion(95.0)])
    assert agree.contradictions == ()
    # both results count: the mean stop sits between them
    stop = tests.predicted_unloaded_hip_flexion_deg(c.anatomy.mean)
    assert 90.0 < stop < 125.0


def test_left_and_right_knee_to_wall_far_apart_are_a_contradiction():
    c = combine(AVG, [tests.knee_to_wall(2.0, AVG, "left"), tests.knee_to_wall(14.0, AVG, "right")])
    assert [x.tests for x in c.contradictions] == [("Knee-to-wall (left)", "Knee-to-wall (right)")]


def test_a_result_against_the_other_tests_is_reported():
    # prone rotation says strongly anteverted, Craig's test and seated IR say retroverted
    c = combine(AVG, [tests.prone_rotation(70.0, 10.0), tests.craig(-15.0), tests.seated_ir(15.0)])
    assert any(x.tests[0] == "Prone hip rotation (IR − ER)" for x in c.contradictions)


def test_uncertain_anatomy_profile_round_trip():
    obs = [tests.knee_to_wall(9.0, AVG, "left"), tests.seated_ir(25.0)]
    c = combine(AVG, obs)
    section = to_profile_section(c)["own_anatomy"]
    again = from_profile_section(section, c.anatomy.mean)
    assert again.observations == c.observations
    assert again.anatomy.sd == pytest.approx(dict(c.anatomy.sd))
    with pytest.raises(ValueError, match="unknown self-test"):
        from_profile_section({"tests": [{"test": "jump", "value": 3}]}, AVG)
    with pytest.raises(ValueError, match="positive semi-definite"):
        UncertainAnatomy(AVG, ("alpha_angle_deg",), ((-1.0,),))


def test_seed_is_stable_and_content_dependent():
    a, b = prior(AVG), prior(AVG.replace(height_m=1.6))
    assert a.seed() == prior(Anatomy()).seed()
    assert a.seed() != b.seed()


def test_combine_keeps_what_the_lifter_set_and_resets_the_uncertain_to_the_population():
    base = AVG.replace(height_m=1.62, sex="female", stance_width_m=0.5, alpha_angle_deg=70.0)
    c = combine(base, [tests.knee_to_wall(6.0, base)])
    m = c.anatomy.mean
    assert (m.height_m, m.sex, m.stance_width_m) == (1.62, "female", 0.5)
    assert m.alpha_angle_deg == 42.0  # no test informs it: the population mean, with the population spread
    assert c.anatomy.sd["alpha_angle_deg"] == PRIORS["alpha_angle_deg"].sd
    # the knee-to-wall result read on this (shorter) body
    assert tests.predicted_knee_to_wall_cm(m) == pytest.approx(6.0, abs=2 * tests.KNEE_TO_WALL_SD_CM)


def test_a_photo_joins_the_home_tests_and_a_new_photo_replaces_the_old():
    base = Anatomy()
    home = [tests.seated_ir(22.0), tests.knee_to_wall(9.0, base, "left")]
    known = Anatomy(ankle_dorsiflexion_deg=33.0, thigh_length_ratio=1.08)
    first = fit_photo(side_points_px(known, 10.0), base).observations()
    second = fit_photo(side_points_px(known.replace(thigh_length_ratio=0.94), 10.0), base).observations()
    assert all(tests.is_photo(o) for o in first) and not any(tests.is_photo(o) for o in home)
    assert photo_observations(None) == () and home_test_observations(None) == ()
    once = with_photo(base, combine(base, home), first)
    assert once == combine(base, home + list(first))
    assert home_test_observations(once) == tuple(home) and photo_observations(once) == first
    again = with_photo(base, once, second)  # the later photo counts, the earlier one no longer
    assert again == combine(base, home + list(second))
    assert again.anatomy.mean.thigh_length_ratio < once.anatomy.mean.thigh_length_ratio
    assert with_photo(base, None, first) == combine(base, first)
    assert with_photo(base, once, ()) == combine(base, home)  # the photo taken out
