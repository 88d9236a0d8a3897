"""Left ≠ right (docs/model.md Part A §13): a symmetric lifter is today's lifter, mirroring a lifter mirrors
every output, more asymmetry never shrinks the shift, the restricted hip reaches its stop first.

Hypothesis strategies come from the specs (``anatomy_strategies``), one-side overrides included.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from anatomy_strategies import is_plausible, lifters, symmetric_anatomies
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from symmetric_reference import FIELDS, INDICES

from viewer.model import PRESETS, Anatomy, solve, sweep
from viewer.model.descent import body_constants, descend
from viewer.model.params import SIDED, SPECS_BY_NAME, side_name
from viewer.model.pose import SIDE_FIELDS
from viewer.model.sides import is_symmetric, mirrored, side_anatomy, side_value, with_sides

FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
MEDIUM = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "symmetric_reference.json").read_text())
SIGNED = ("pelvic_shift_cm", "pelvic_rotation_deg", "pelvic_obliquity_deg")


# ----------------------------------------------------------------------------- a symmetric lifter is today's
@pytest.mark.parametrize("name", list(REFERENCE))
def test_symmetric_presets_reproduce_the_stored_symmetric_model(name):
    ref = REFERENCE[name]
    s = sweep(Anatomy(**ref["overrides"]))
    for key, onset in (("tuck", s.tuck_onset), ("rounding", s.rounding_onset)):
        assert (onset is None) == (ref[key] is None)
        if onset is not None:
            assert onset.thigh_angle_deg == pytest.approx(ref[key], abs=1e-9)
    assert s.deepest.thigh_angle_deg == pytest.approx(ref["deepest"], abs=1e-9)
    assert s.deepest_limited_by == ref["limited_by"]
    for field in FIELDS:
        assert np.allclose(np.asarray(getattr(s, field))[list(INDICES)], ref["samples"][field], rtol=0, atol=1e-9)
    assert np.allclose(s.joints["hip_r"][list(INDICES)], ref["hip_r"], rtol=0, atol=1e-9)


def _with_equal_overrides(a: Anatomy) -> Anatomy:
    return a.replace(**{side_name(n, w): getattr(a, n) for n in SIDED for w in ("left", "right")})


@pytest.mark.parametrize("name", SIDED)
def test_both_sides_set_alike_is_that_value_on_both_sides(name):
    """Left and right overrides set to the same value, away from the two-sided one, are that lifter: one
    spelling (equal anatomies, one cache key), and the squat of the two-sided value, not of the value
    the overrides replace (the "left ≠ right" sliders made equal by one step)."""
    spec = SPECS_BY_NAME[name]
    value = spec.maximum if spec.default != spec.maximum else spec.minimum
    both = Anatomy(**{side_name(name, "left"): value, side_name(name, "right"): value})
    plain = Anatomy(**{name: value})
    assert both == plain and getattr(both, side_name(name, "left")) is None
    assert sweep(both).tuck_onset == sweep(plain).tuck_onset
    one = Anatomy(**{side_name(name, "left"): spec.default})  # an override equal to the two-sided value
    assert one == Anatomy()


@FAST
@given(symmetric_anatomies)
def test_equal_sides_written_out_are_bit_for_bit_the_symmetric_lifter(a):
    a = a.replace(knees_out_cm=0.0)
    same = _with_equal_overrides(a)
    assert is_symmetric(same) and side_anatomy(same, "l") == side_anatomy(same, "r") == a
    s1, s2 = sweep(a), sweep(same)
    for field in ("thigh_angle_deg", "pelvic_tilt_deg", "trunk_lean_deg", "lumbar_flexion_deg", "hip_stop_deg",
                  "com_x_m") + SIDE_FIELDS:
        assert np.array_equal(getattr(s1, field), getattr(s2, field)), field
    assert np.array_equal(s1.joints_stack, s2.joints_stack)


@FAST
@given(symmetric_anatomies)
def test_equal_sides_have_no_shift_rotation_or_obliquity_and_half_the_weight_on_each_foot(a):
    # knees pushed out or in take the two-sided solver even with equal sides
    s = sweep(a)
    for field in SIGNED:
        assert not np.any(getattr(s, field)), field
    assert np.all(s.foot_load_l_pct == 50.0) and np.all(s.foot_load_r_pct == 50.0)
    assert np.array_equal(s.hip_stop_l_deg, s.hip_stop_r_deg)
    assert np.array_equal(s.knee_out_l_cm, s.knee_out_r_cm)
    assert s.first_stop_side in ("both", "")
    assert np.allclose(s.joints["knee_l"] * [1, 1, -1], s.joints["knee_r"], atol=1e-12)


@FAST
@given(symmetric_anatomies.filter(lambda a: a.knees_out_cm != 0.0))
def test_the_two_sided_solver_with_equal_sides_is_the_symmetric_one(a):
    """The same lifter through both solvers: equal up to the stop tables' interpolation (each ≤ 0.06° from a
    direct hip-stop call)."""
    a = a.replace(knees_out_cm=0.0)
    one, two = descend(body_constants(a)), descend(body_constants(a, each_side=True))
    assert two.deepest_deg == pytest.approx(one.deepest_deg, abs=0.3)
    assert np.allclose(two.stop_deg, one.stop_deg, atol=0.12)
    if one.stop_onset_deg is not None and two.stop_onset_deg is not None:
        assert two.stop_onset_deg == pytest.approx(one.stop_onset_deg, abs=0.3)


# ----------------------------------------------------------------------------- mirror
def check_mirror(a: Anatomy) -> None:
    s, m = sweep(a), sweep(mirrored(a))
    assert np.allclose(s.thigh_angle_deg, m.thigh_angle_deg, atol=1e-9)
    for field in ("pelvic_tilt_deg", "trunk_lean_deg", "lumbar_flexion_deg", "hip_stop_deg", "com_x_m",
                  "knee_flexion_deg", "hip_abduction_deg"):
        assert np.allclose(getattr(s, field), getattr(m, field), atol=1e-9), field
    for field in SIGNED:
        assert np.allclose(getattr(s, field), -getattr(m, field), atol=1e-9), field
    for left, right in (("hip_flexion_l_deg", "hip_flexion_r_deg"), ("hip_stop_l_deg", "hip_stop_r_deg"),
                        ("hip_stop_margin_l_deg", "hip_stop_margin_r_deg"), ("foot_load_l_pct", "foot_load_r_pct"),
                        ("knee_out_l_cm", "knee_out_r_cm")):
        assert np.allclose(getattr(s, left), getattr(m, right), atol=1e-9), left
        assert np.allclose(getattr(s, right), getattr(m, left), atol=1e-9), right
    flip = np.array([1.0, 1.0, -1.0])
    for joint in ("knee", "hip", "ankle", "toe"):
        assert np.allclose(s.joints[f"{joint}_l"], m.joints[f"{joint}_r"] * flip, atol=1e-9), joint
    assert np.allclose(s.joints["com"], m.joints["com"] * flip, atol=1e-9)
    assert np.allclose(s.rim_contact["l"], m.rim_contact["r"] * flip, atol=1e-9)
    assert s.first_stop_side == {"l": "r", "r": "l"}.get(m.first_stop_side, m.first_stop_side)
    assert s.deepest.thigh_angle_deg == pytest.approx(m.deepest.thigh_angle_deg, abs=1e-9)


@FAST
@given(lifters)
def test_mirroring_a_lifter_mirrors_every_output(a):
    check_mirror(a)


@pytest.mark.slow
@SLOW
@given(lifters)
def test_mirroring_a_lifter_mirrors_every_output_many(a):
    check_mirror(a)


@pytest.mark.parametrize("name", [n for n in PRESETS if not is_symmetric(PRESETS[n].anatomy)])
def test_mirroring_the_asymmetric_presets(name):
    check_mirror(PRESETS[name].anatomy)


# ----------------------------------------------------------------------------- monotone shift
#: per side: the value that makes that side more restricted is further in this direction
RESTRICTING = {"ankle_dorsiflexion_deg": -1, "heel_elevation_mm": -1, "femoral_anteversion_deg": -1,
               "acetabular_lce_deg": +1, "acetabular_version_deg": -1, "alpha_angle_deg": +1, "toe_out_deg": -1}
SHIFT_TOL_CM = 0.05  # the hip stop's non-monotone dips (≤ 0.25°, Part B §1.5) move the shift by < 0.03 cm


#: Lifters with the same values on both sides (the knees may be pushed out or in).
symmetric_lifters = symmetric_anatomies.filter(is_plausible)


@st.composite
def growing_asymmetry(draw, names=tuple(RESTRICTING), symmetric=False):
    """A lifter, one two-sided input and three right-side values ever further in its restricting direction."""
    a = draw(symmetric_lifters if symmetric else lifters)
    name = draw(st.sampled_from(names))
    if name in ("heel_elevation_mm", "toe_out_deg"):  # with the cue they add no knee travel (Part A §10)
        a = a.replace(knees_behind_toes=False)
    spec = SPECS_BY_NAME[name]
    base = getattr(a, name)
    a = a.replace(**{side_name(name, "left"): None, side_name(name, "right"): None})
    end = spec.minimum if RESTRICTING[name] < 0 else spec.maximum
    shares = sorted(draw(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3)))
    return [a.replace(**{side_name(name, "right"): base + f * (end - base)}) for f in shares], name


def check_monotone(case, signed: bool) -> None:
    """Each further restriction of the right side moves the pelvis further left (``signed``: from any lifter)
    and, from a symmetric lifter, never shrinks the shift (at every depth all three reach)."""
    steps, _ = case
    deepest = min(sweep(a).deepest.thigh_angle_deg for a in steps)
    for theta in np.linspace(-90.0, deepest, 10):
        shifts = [solve(a, float(theta)).pelvic_shift_cm for a in steps]
        if signed:
            assert shifts[0] + SHIFT_TOL_CM >= shifts[1] and shifts[1] + SHIFT_TOL_CM >= shifts[2], (theta, shifts)
        else:
            size = [abs(x) for x in shifts]
            assert size[0] <= size[1] + SHIFT_TOL_CM and size[1] <= size[2] + SHIFT_TOL_CM, (theta, shifts)


@MEDIUM
@given(growing_asymmetry(symmetric=True))
def test_more_asymmetry_never_shrinks_the_shift(case):
    check_monotone(case, signed=False)


@MEDIUM
@given(growing_asymmetry())
def test_restricting_the_right_side_moves_the_pelvis_left_from_any_lifter(case):
    check_monotone(case, signed=True)


@pytest.mark.slow
@SLOW
@given(growing_asymmetry(symmetric=True))
def test_more_asymmetry_never_shrinks_the_shift_many(case):
    check_monotone(case, signed=False)


@pytest.mark.slow
@SLOW
@given(growing_asymmetry())
def test_restricting_the_right_side_moves_the_pelvis_left_many(case):
    check_monotone(case, signed=True)


@MEDIUM
@given(symmetric_lifters, st.floats(0.0, 30.0), st.floats(0.0, 1.0))
def test_a_larger_leg_length_difference_never_shrinks_the_shift(a, lld, share):
    small, big = a.replace(leg_length_difference_mm=share * lld), a.replace(leg_length_difference_mm=lld)
    deepest = min(sweep(small).deepest.thigh_angle_deg, sweep(big).deepest.thigh_angle_deg)
    for theta in np.linspace(-90.0, deepest, 8):
        shift_small, shift_big = (solve(x, float(theta)).pelvic_shift_cm for x in (small, big))
        assert shift_big <= shift_small + SHIFT_TOL_CM  # toward the shorter (left) leg
        assert abs(shift_big) >= abs(shift_small) - SHIFT_TOL_CM


# ----------------------------------------------------------------------------- the restricted side first
HIP_RESTRICTING = {k: v for k, v in RESTRICTING.items() if k in ("femoral_anteversion_deg", "acetabular_lce_deg",
                                                                  "acetabular_version_deg", "alpha_angle_deg")}


@st.composite
def one_restricted_hip(draw):
    a = draw(lifters)
    name = draw(st.sampled_from(tuple(HIP_RESTRICTING)))
    spec = SPECS_BY_NAME[name]
    base = side_value(a, name, "l")
    end = spec.minimum if HIP_RESTRICTING[name] < 0 else spec.maximum
    assume(abs(end - base) >= 4.0)
    value = base + draw(st.floats(4.0 / abs(end - base), 1.0)) * (end - base)
    return with_sides(a, name, base, value), name


def check_restricted_first(case) -> None:
    a, name = case
    s = sweep(a)
    left, right = s.hip_stop_onset_l, s.hip_stop_onset_r
    if left is None and right is None:
        return  # neither hip meets its stop before the squat ends
    # where the right stop is lower at every depth, the right hip gets there first
    assume(bool(np.all(s.hip_stop_r_deg <= s.hip_stop_l_deg)))
    assert right is not None, (name, a)
    assert left is None or right.thigh_angle_deg <= left.thigh_angle_deg + 1e-9
    assert s.first_stop_side in ("r", "both")
    assert s.tuck_onset is None or s.tuck_onset.thigh_angle_deg == pytest.approx(right.thigh_angle_deg, abs=1e-9)


@FAST
@given(one_restricted_hip())
def test_the_restricted_hip_reaches_its_stop_first(case):
    check_restricted_first(case)


@pytest.mark.slow
@SLOW
@given(one_restricted_hip())
def test_the_restricted_hip_reaches_its_stop_first_many(case):
    check_restricted_first(case)


def test_one_restricted_hip_shifts_the_pelvis_to_the_other_side_and_loads_that_foot():
    s = sweep(with_sides(Anatomy(), "femoral_anteversion_deg", 12.0, -8.0))
    assert s.first_stop_side == "r"
    assert s.pelvic_shift_cm[-1] < -2.0  # to the left: toward the hip with room (TSMT, Resilient)
    assert s.foot_load_l_pct[-1] > 55.0 > 45.0 > s.foot_load_r_pct[-1]
    # the shift abducts the restricted hip: its stop is a little higher than without the shift
    assert s.hip_stop_r_deg[-1] > sweep(Anatomy(femoral_anteversion_deg=-8.0)).hip_stop_deg[-1]


def test_one_stiff_ankle_puts_the_weight_on_the_mobile_side():
    s = sweep(Anatomy(ankle_dorsiflexion_left_deg=25.0))
    assert s.pelvic_shift_cm[-1] > 1.0 and s.foot_load_r_pct[-1] > 52.0  # Crowe et al. 2020
    assert s.pelvic_rotation_deg[-1] > 2.0  # the left knee stays back: the left hip with it
    assert s.pelvic_obliquity_deg[-1] < -2.0  # the left shin more upright: the left hip higher


def test_a_longer_right_leg_raises_the_right_hip_and_loads_the_shorter_leg():
    s = sweep(Anatomy(leg_length_difference_mm=15.0))
    assert s.pelvic_obliquity_deg[0] == pytest.approx(math.degrees(math.atan2(0.015, 0.097 * 1.75)), abs=0.05)
    assert s.foot_load_l_pct[-1] > 52.0  # White et al. 2004: the shorter limb carries more
    assert s.pelvic_shift_cm[-1] < -1.0


def test_knees_out_clears_the_rim_and_caving_in_crowds_it():
    feet = Anatomy(toe_out_deg=5.0)
    out, caving = sweep(feet.replace(knees_out_cm=10.0)), sweep(feet.replace(knees_out_cm=-6.0))
    base = sweep(feet)
    assert out.tuck_onset.thigh_angle_deg > base.tuck_onset.thigh_angle_deg + 5.0
    assert caving.tuck_onset.thigh_angle_deg < base.tuck_onset.thigh_angle_deg - 1.0
    i = -1
    assert out.knee_out_r_cm[i] > base.knee_out_r_cm[i] + 5.0 > caving.knee_out_r_cm[i] + 5.0
    assert solve(feet.replace(knees_out_cm=10.0), 0.0).hip_abduction_deg > solve(feet, 0.0).hip_abduction_deg + 5.0
    assert solve(feet.replace(knees_out_cm=10.0), 0.0).hip_external_rotation_deg > 10.0
    assert solve(feet.replace(knees_out_cm=-6.0), 0.0).hip_external_rotation_deg < 5.0
    # standing the knees are where they are: the push builds with depth
    assert out.knee_out_r_cm[0] == pytest.approx(base.knee_out_r_cm[0], abs=1e-9)


def test_pose_at_and_solve_carry_the_per_side_outputs():
    a = with_sides(Anatomy(), "acetabular_lce_deg", 28.0, 40.0)
    s = sweep(a)
    p = solve(a, float(s.thigh_angle_deg[200]))
    q = s.pose_at(float(s.thigh_angle_deg[200]))
    for field in SIDE_FIELDS:
        assert getattr(p, field) == pytest.approx(getattr(q, field), abs=1e-9), field
    assert p.hip_stop_deg == pytest.approx(min(p.hip_stop_l_deg, p.hip_stop_r_deg), abs=0.05)
