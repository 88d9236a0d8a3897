"""Knee-to-wall converter and heel-plate foot tilt (viewer/model/ankle.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.anatomy import Anatomy
from viewer.model.ankle import (
    CM_PER_INCH,
    dorsiflexion_to_knee_to_wall_m,
    foot_tilt_deg,
    knee_to_wall_to_dorsiflexion_deg,
)
from viewer.model.anthropometry import segments

anatomies = st.builds(Anatomy, height_m=st.floats(1.40, 2.10), sex=st.sampled_from(["male", "female"]))


def _cm(theta_deg: float, anatomy: Anatomy) -> float:
    return 100.0 * dorsiflexion_to_knee_to_wall_m(theta_deg, anatomy)


def test_v2_calatayud_case():
    # H 1.75 m (de Leva foot 0.259 m ≈ 0.26 m), tibia 40.6° → 11.7 cm ± 1.5 cm.
    assert abs(_cm(40.6, Anatomy(height_m=1.75)) - 11.7) <= 1.5


def test_matches_the_written_equation():
    an = Anatomy(height_m=1.80, sex="female")
    seg = segments(an)
    t = math.radians(33.0)
    expected = seg.shank_length_m * math.sin(t) + 0.045 * 1.80 / 1.75 * math.cos(t) - 0.75 * seg.foot_length_m
    assert dorsiflexion_to_knee_to_wall_m(33.0, an) == pytest.approx(expected, rel=1e-12)


def test_slope_is_about_two_degrees_per_cm_not_3_6():
    theta = np.array([30.0, 35.0, 40.0, 45.0])
    slope = np.diff(theta) / np.diff([_cm(t, Anatomy()) for t in theta])
    assert np.all((slope > 1.3) & (slope < 2.4))


@settings(max_examples=80, deadline=None)
@given(theta=st.floats(0.0, 50.0), an=anatomies)
def test_round_trip_angle_distance_angle(theta, an):
    d = dorsiflexion_to_knee_to_wall_m(theta, an)
    assert knee_to_wall_to_dorsiflexion_deg(d, an) == pytest.approx(theta, abs=1e-7)


@settings(max_examples=80, deadline=None)
@given(frac=st.floats(0.0, 1.0), an=anatomies)
def test_round_trip_distance_angle_distance(frac, an):
    lo, hi = dorsiflexion_to_knee_to_wall_m(0.0, an), dorsiflexion_to_knee_to_wall_m(50.0, an)
    d = lo + frac * (hi - lo)
    assert dorsiflexion_to_knee_to_wall_m(knee_to_wall_to_dorsiflexion_deg(d, an), an) == pytest.approx(d, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(an=anatomies)
def test_distance_rises_monotonically_with_dorsiflexion(an):
    d = [dorsiflexion_to_knee_to_wall_m(t, an) for t in np.linspace(0.0, 50.0, 201)]
    assert np.all(np.diff(d) > 0.0)


def test_a_four_and_a_half_inch_lunge_test_is_about_forty_degrees():
    assert 35.0 < knee_to_wall_to_dorsiflexion_deg(4.5 * CM_PER_INCH / 100.0, Anatomy(height_m=1.75)) < 45.0


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
