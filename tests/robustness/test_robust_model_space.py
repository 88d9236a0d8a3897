"""Issue 5 §1: the model over its whole input space, extremes and nasty combinations included.

``tests/model/test_properties.py`` checks the physics (directions, ranges) on a few dozen
anatomies; this file checks the contract on thousands: ``solve`` and ``sweep`` never raise
for any valid anatomy, return finite numbers, flags that agree with the numbers and onsets in
order; and every invalid input (out of range, NaN, ±inf, wrong type) is a ``ValueError`` or
``TypeError`` that names the parameter.

How many draws: 400 anatomies for ``sweep`` (≈ 20 ms each) and 1,000 (anatomy, depth) pairs for
``solve``; the ``slow`` variants draw 1,500 and 3,000 more. Every parameter is drawn at its minimum,
its maximum or its default two times in three (``value_strategy``), so 400 anatomies put each
parameter at each end ≈ 90 times, in ever new company; the all-minimum, all-maximum and "nasty"
corners are explicit examples in every run. A solver that breaks at an extreme (a raise, a NaN, a
flag that contradicts the numbers) fails on the first few draws that reach it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from viewer.model import PARAM_SPECS, Anatomy, solve, sweep
from viewer.model.legs import KNEE_MAX_DEG
from viewer.model.pose import JOINT_NAMES, LIMIT_NAMES, MUSCLE_NAMES
from viewer.model.squat import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG
from viewer.ui.plot_curves import (
    ANGLE_CURVES,
    ANGLES_BAND_DEG,
    DEEP_DEPTH_RANGE_DEG,
    HIP_STOP_KEY,
    MUSCLE_CURVES,
    MUSCLES_BAND_PCT,
    WIDE_BUDGET_RANGE_DEG,
)

SWEEPS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
SOLVES = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
SWEEPS_SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
SOLVES_SLOW = settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
FLAG_TOL_DEG = 1e-6  # the solver's own flag tolerance


def value_strategy(spec):
    """Any value in range, with the ends and the default drawn often (extremes are where solvers break)."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    ends = st.sampled_from([spec.minimum, spec.maximum, spec.default])
    inside = st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)
    return st.one_of(ends, inside, inside)


anatomies = st.fixed_dictionaries({s.name: value_strategy(s) for s in PARAM_SPECS}).map(lambda d: Anatomy(**d))

#: The issue's nasty combination: no dorsiflexion, deepest sockets, low bar, heaviest load, knees behind toes.
NASTY = Anatomy(ankle_dorsiflexion_deg=0.0, acetabular_lce_deg=50.0, acetabular_version_deg=0.0,
                alpha_angle_deg=85.0, femoral_anteversion_deg=-20.0, load_position="low_bar", load_kg=250.0,
                knees_behind_toes=True, body_mass_kg=35.0, height_m=2.1, thigh_length_ratio=1.15,
                shank_length_ratio=0.85, stance_width_m=0.15, toe_out_deg=0.0, lumbar_flexion_max_deg=10.0)


def extreme_corner(pick_max: bool) -> Anatomy:
    return Anatomy(**{s.name: (s.maximum if pick_max else s.minimum) if s.kind == "float"
                      else (s.choices[-1 if pick_max else 0] if s.kind == "choice" else pick_max)
                      for s in PARAM_SPECS})


def check_sweep_contract(a: Anatomy) -> None:
    s = sweep(a)
    n = s.thigh_angle_deg.shape[0]
    assert n >= 200
    for name in ("thigh_angle_deg", "ankle_dorsiflexion_deg", "knee_flexion_deg", "hip_flexion_deg",
                 "hip_abduction_deg", "hip_external_rotation_deg", "pelvic_tilt_deg", "lumbar_flexion_deg",
                 "trunk_lean_deg", "hip_height_pct_leg", "com_x_m", "hip_stop_deg", "hip_stop_margin_deg",
                 "foot_tilt_deg"):
        values = getattr(s, name)
        assert values.shape == (n,), name
        assert np.all(np.isfinite(values)), name
        assert not values.flags.writeable, name
    assert s.lumbar_levels_deg.shape == (n, 5) and np.all(np.isfinite(s.lumbar_levels_deg))
    assert set(s.joints) == set(JOINT_NAMES) and set(s.muscles) == set(MUSCLE_NAMES)
    for group in (s.joints, s.rim_contact, s.muscles):
        for key, values in group.items():
            assert np.all(np.isfinite(values)), key
    # grid: standing first, deeper each step (strictly, unless the body cannot leave standing), deepest last
    grid = s.thigh_angle_deg
    assert grid[0] == THIGH_ANGLE_MIN_DEG
    assert np.all(np.diff(grid) > 0) if grid[-1] > grid[0] else np.all(grid == grid[0])
    assert grid[-1] <= THIGH_ANGLE_MAX_DEG and s.deepest.thigh_angle_deg == grid[-1]
    # flags agree with the numbers
    np.testing.assert_allclose(s.hip_stop_margin_deg, s.hip_stop_deg - s.hip_flexion_deg, atol=1e-9)
    assert len(s.limits) == n and all(set(f) <= set(LIMIT_NAMES) for f in s.limits)
    for i in range(n - 1):  # the last point also carries what ended the squat
        flags = s.limits[i]
        assert ("balance" in flags) == (not s.balanced[i]), i
        assert ("lumbar" in flags) == (s.lumbar_flexion_deg[i] >= a.lumbar_flexion_max_deg - FLAG_TOL_DEG), i
        assert ("knee" in flags) == (s.knee_flexion_deg[i] >= KNEE_MAX_DEG - FLAG_TOL_DEG), i
    assert s.deepest_limited_by in ("lumbar", "knee", "balance", "ankle", "toes")
    if s.deepest_limited_by in LIMIT_NAMES:
        assert s.deepest_limited_by in s.limits[-1]
    # onsets in order and consistent with the per-depth flags
    at_stop = np.array(["hip_stop" in f for f in s.limits])
    if s.tuck_onset is None:
        assert not at_stop.any()
        assert s.rounding_onset is None
    else:
        first = int(np.argmax(at_stop))
        assert at_stop[first]
        assert grid[max(first - 1, 0)] - 1e-9 <= s.tuck_onset.thigh_angle_deg <= grid[first] + 1e-9
    if s.rounding_onset is not None:
        assert s.tuck_onset.thigh_angle_deg <= s.rounding_onset.thigh_angle_deg <= s.deepest.thigh_angle_deg + 1e-9
    for onset in (s.tuck_onset, s.rounding_onset, s.deepest):
        if onset is not None:
            assert all(math.isfinite(v) for v in (onset.thigh_angle_deg, onset.knee_flexion_deg,
                                                   onset.hip_height_pct_leg))
    # every plotted curve stays in its plot's band (the band is the plot's y range)
    for key in (*(k for k, _label, _colour in ANGLE_CURVES), HIP_STOP_KEY):
        values = getattr(s, key)
        assert ANGLES_BAND_DEG[0] <= values.min() and values.max() <= ANGLES_BAND_DEG[1], key
    for key, _label, _colour in MUSCLE_CURVES:
        values = 100.0 * s.muscles[key]
        assert MUSCLES_BAND_PCT[0] <= values.min() and values.max() <= MUSCLES_BAND_PCT[1], key
    # the plots' wider x ranges reach past the deepest depth and the most hip flexion needed
    assert s.thigh_angle_deg[-1] <= DEEP_DEPTH_RANGE_DEG[1] - 2.0
    assert s.hip_flexion_needed_deg.max() <= WIDE_BUDGET_RANGE_DEG[1] - 5.0


def check_solve_contract(a: Anatomy, theta: float) -> None:
    p = solve(a, theta)
    assert p.thigh_angle_deg == pytest.approx(theta, abs=1e-9)
    for name in ("ankle_dorsiflexion_deg", "knee_flexion_deg", "hip_flexion_deg", "hip_abduction_deg",
                 "hip_external_rotation_deg", "pelvic_tilt_deg", "lumbar_flexion_deg", "trunk_lean_deg",
                 "hip_height_pct_leg", "com_x_m", "hip_stop_deg", "hip_stop_margin_deg", "foot_tilt_deg"):
        assert math.isfinite(getattr(p, name)), name
    assert np.all(np.isfinite(p.lumbar_levels_deg))
    assert all(np.all(np.isfinite(v)) for v in p.joints.values())
    assert all(math.isfinite(v) for v in p.muscles.values())
    assert p.hip_stop_margin_deg == pytest.approx(p.hip_stop_deg - p.hip_flexion_deg, abs=1e-9)
    assert set(p.limits) <= set(LIMIT_NAMES)
    assert ("balance" in p.limits) == (not p.balanced)
    assert ("lumbar" in p.limits) == (p.lumbar_flexion_deg >= a.lumbar_flexion_max_deg - FLAG_TOL_DEG)
    assert ("knee" in p.limits) == (p.knee_flexion_deg >= KNEE_MAX_DEG - FLAG_TOL_DEG)


depths = st.one_of(st.sampled_from([THIGH_ANGLE_MIN_DEG, 0.0, THIGH_ANGLE_MAX_DEG]),
                   st.floats(THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG))


@SWEEPS
@given(anatomies)
@example(NASTY)
@example(extreme_corner(False))
@example(extreme_corner(True))
def test_sweep_never_raises_and_is_consistent(a):
    check_sweep_contract(a)


@SOLVES
@given(anatomies, depths)
@example(NASTY, THIGH_ANGLE_MAX_DEG)
@example(NASTY, THIGH_ANGLE_MIN_DEG)
@example(extreme_corner(False), THIGH_ANGLE_MAX_DEG)
@example(extreme_corner(True), THIGH_ANGLE_MAX_DEG)
def test_solve_never_raises_and_is_consistent(a, theta):
    check_solve_contract(a, theta)


@pytest.mark.slow
@SWEEPS_SLOW
@given(anatomies)
def test_sweep_contract_many(a):
    check_sweep_contract(a)


@pytest.mark.slow
@SOLVES_SLOW
@given(anatomies, depths)
def test_solve_contract_many(a, theta):
    check_solve_contract(a, theta)


# ----------------------------------------------------------------------------- invalid input
FLOAT_SPECS = [s for s in PARAM_SPECS if s.kind == "float"]
NON_NUMBERS = st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
                        st.dictionaries(st.text(max_size=2), st.integers(), max_size=1), st.complex_numbers())


@st.composite
def bad_values(draw):
    """(parameter name, a value it must refuse, the exception type expected)."""
    s = draw(st.sampled_from(PARAM_SPECS))
    if s.kind == "float":
        kind = draw(st.sampled_from(["below", "above", "nan", "inf", "type"]))
        if kind == "below":
            return s.name, draw(st.floats(max_value=s.minimum, exclude_max=True, allow_nan=False,
                                          allow_infinity=False)), ValueError
        if kind == "above":
            return s.name, draw(st.floats(min_value=s.maximum, exclude_min=True, allow_nan=False,
                                          allow_infinity=False)), ValueError
        if kind == "nan":
            return s.name, math.nan, ValueError
        if kind == "inf":
            return s.name, draw(st.sampled_from([math.inf, -math.inf])), ValueError
        return s.name, draw(NON_NUMBERS), TypeError
    if s.kind == "bool":
        return s.name, draw(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=5),
                                      st.none())), TypeError
    value = draw(st.one_of(st.text(max_size=8).filter(lambda t: t not in s.choices),
                           st.integers(), st.none(), st.floats(allow_nan=True)))
    return s.name, value, ValueError if isinstance(value, str) else TypeError


@settings(max_examples=1500, deadline=None)
@given(anatomies, bad_values())
def test_invalid_anatomy_values_raise_naming_the_parameter(base, case):
    name, value, expected = case
    with pytest.raises(expected) as err:
        Anatomy(**{**base.to_dict(), name: value})
    assert name in str(err.value)
    with pytest.raises(expected) as err:
        base.replace(**{name: value})
    assert name in str(err.value)


@settings(max_examples=300, deadline=None)
@given(anatomies, st.one_of(
    st.floats(max_value=THIGH_ANGLE_MIN_DEG, exclude_max=True),  # includes -inf
    st.floats(min_value=THIGH_ANGLE_MAX_DEG, exclude_min=True),  # includes +inf
    st.just(math.nan)))
def test_thigh_angle_out_of_range_or_not_finite_raises_value_error(a, theta):
    with pytest.raises(ValueError, match="thigh_angle_deg"):
        solve(a, theta)


@settings(max_examples=200, deadline=None)
@given(anatomies, NON_NUMBERS)
def test_thigh_angle_of_the_wrong_type_raises_type_error(a, theta):
    with pytest.raises(TypeError, match="thigh_angle_deg"):
        solve(a, theta)


@pytest.mark.parametrize("bad", [None, "default", {"height_m": 1.8}, 1.75, Anatomy])
def test_solve_and_sweep_refuse_what_is_not_an_anatomy(bad):
    with pytest.raises(TypeError, match="anatomy"):
        solve(bad, 0.0)
    with pytest.raises(TypeError, match="anatomy"):
        sweep(bad)


def test_unknown_parameter_is_named():
    with pytest.raises((TypeError, ValueError), match="shoe_size"):
        Anatomy(shoe_size=42)
