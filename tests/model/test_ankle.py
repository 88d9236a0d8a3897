"""Knee-to-wall converter and heel-plate foot tilt (viewer/model/ankle.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.anatomy import Anatomy
from viewer.model.ankle import (
    cm_to_inches,
    dorsiflexion_from_knee_to_wall,
    dorsiflexion_to_knee_to_wall_m,
    foot_tilt_deg,
    inches_to_cm,
    knee_to_wall_cm,
    knee_to_wall_range_cm,
    knee_to_wall_to_dorsiflexion_deg,
)
from viewer.model.anthropometry import segments

heights = st.floats(1.40, 2.10)
sexes = st.sampled_from(["male", "female"])


def test_v2_calatayud_case():
    # H 1.75 m (de Leva foot 0.259 m ≈ 0.26 m), tibia 40.6° → 11.7 cm ± 1.5 cm.
    assert abs(knee_to_wall_cm(40.6, 1.75) - 11.7) <= 1.5


def test_matches_the_written_equation():
    seg = segments(Anatomy(height_m=1.80, sex="female"))
    t = math.radians(33.0)
    expected = seg.shank_length_m * math.sin(t) + 0.045 * 1.80 / 1.75 * math.cos(t) - 0.75 * seg.foot_length_m
    assert knee_to_wall_cm(33.0, 1.80, "female") == pytest.approx(100.0 * expected, rel=1e-12)


def test_slope_is_about_two_degrees_per_cm_not_3_6():
    theta = np.array([30.0, 35.0, 40.0, 45.0])
    slope = np.diff(theta) / np.diff(knee_to_wall_cm(theta, 1.75))
    assert np.all((slope > 1.3) & (slope < 2.4))


@settings(max_examples=80, deadline=None)
@given(theta=st.floats(0.0, 50.0), height=heights, sex=sexes)
def test_round_trip_angle_distance_angle(theta, height, sex):
    d = knee_to_wall_cm(theta, height, sex)
    assert dorsiflexion_from_knee_to_wall(d, height, sex) == pytest.approx(theta, abs=1e-7)


@settings(max_examples=80, deadline=None)
@given(frac=st.floats(0.0, 1.0), height=heights, sex=sexes)
def test_round_trip_distance_angle_distance(frac, height, sex):
    lo, hi = knee_to_wall_range_cm(height, sex)
    d = lo + frac * (hi - lo)
    assert knee_to_wall_cm(dorsiflexion_from_knee_to_wall(d, height, sex), height, sex) == pytest.approx(d, abs=1e-7)


@settings(max_examples=40, deadline=None)
@given(height=heights, sex=sexes)
def test_distance_rises_monotonically_with_dorsiflexion(height, sex):
    d = knee_to_wall_cm(np.linspace(0.0, 50.0, 201), height, sex)
    assert np.all(np.diff(d) > 0.0)


def test_vectorised_and_scalar_agree():
    theta = np.array([[10.0, 20.0], [30.0, 45.0]])
    d = knee_to_wall_cm(theta, 1.65)
    assert d.shape == (2, 2)
    assert d[1, 0] == pytest.approx(knee_to_wall_cm(30.0, 1.65))
    assert isinstance(knee_to_wall_cm(30.0, 1.65), float)
    np.testing.assert_allclose(dorsiflexion_from_knee_to_wall(d, 1.65), theta)


def test_out_of_range_distance_names_the_range():
    lo, hi = knee_to_wall_range_cm(1.75)
    with pytest.raises(ValueError, match=rf"{lo:.1f}–{hi:.1f} cm"):
        dorsiflexion_from_knee_to_wall(hi + 1.0, 1.75)
    with pytest.raises(ValueError, match="reachable range"):
        dorsiflexion_from_knee_to_wall(np.array([5.0, lo - 0.5]), 1.75)
    with pytest.raises(ValueError, match="reachable range"):
        dorsiflexion_from_knee_to_wall(float("nan"), 1.75)


@pytest.mark.parametrize("theta", [-1.0, 50.5, float("nan")])
def test_out_of_range_angle_raises(theta):
    with pytest.raises(ValueError, match="0–50"):
        knee_to_wall_cm(theta, 1.75)


def test_bad_height_or_sex_names_the_parameter():
    with pytest.raises(ValueError, match="height_m"):
        knee_to_wall_cm(30.0, 2.5)
    with pytest.raises(ValueError, match="sex"):
        dorsiflexion_from_knee_to_wall(10.0, 1.75, "other")


def test_inch_helpers():
    assert inches_to_cm(4.0) == pytest.approx(10.16)
    assert cm_to_inches(2.54) == pytest.approx(1.0)
    np.testing.assert_allclose(cm_to_inches(inches_to_cm(np.array([1.0, 3.5]))), [1.0, 3.5])
    # A 4.5-inch lunge test at 1.75 m is about 40° (typical).
    assert 35.0 < dorsiflexion_from_knee_to_wall(inches_to_cm(4.5), 1.75) < 45.0


@pytest.mark.parametrize("mm, deg", [(15.0, 4.5), (25.0, 7.5), (50.0, 14.7)])
def test_heel_elevation_foot_tilt(mm, deg):
    assert foot_tilt_deg(mm, 1.75) == pytest.approx(deg, abs=0.2)


def test_foot_tilt_scales_with_foot_length_and_validates():
    assert foot_tilt_deg(0.0, 1.75) == 0.0
    assert foot_tilt_deg(25.0, 1.50) > foot_tilt_deg(25.0, 2.00)
    assert foot_tilt_deg(np.array([0.0, 25.0]), 1.75).shape == (2,)
    with pytest.raises(ValueError, match="heel_elevation_mm"):
        foot_tilt_deg(-5.0, 1.75)


def test_anatomy_adapters_include_the_shank_ratio_and_clamp():
    an = Anatomy(shank_length_ratio=1.1)
    d_long = dorsiflexion_to_knee_to_wall_m(35.0, an)
    assert d_long > dorsiflexion_to_knee_to_wall_m(35.0, Anatomy())
    assert knee_to_wall_to_dorsiflexion_deg(d_long, an) == pytest.approx(35.0, abs=1e-7)
    assert knee_to_wall_to_dorsiflexion_deg(1.0, an) == 50.0      # a metre: clamped to the range end
    assert knee_to_wall_to_dorsiflexion_deg(-1.0, an) == 0.0
    with pytest.raises(ValueError, match="finite"):
        knee_to_wall_to_dorsiflexion_deg(float("nan"), an)
