"""Muscle–tendon lengths (viewer/model/muscles.py) against the OpenSim gait10dof18musc reference (V12)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.muscles import (
    DERIVATIVE_TABLE_MM_PER_RAD,
    SM_HIP_RATIO,
    SM_KNEE_RATIO,
    STANDING_LENGTH_M,
    TABLE_ANGLES_DEG,
    length_derivative_mm_per_rad,
    muscle_lengths,
)
from viewer.model.pose import MUSCLE_NAMES

BF, RF = "biceps_femoris_long_head", "rectus_femoris"

# OpenSim 4.6, gait10dof18musc, ankle 0° (biomechanics.md §6): (hip, knee) → (hamstrings, RF) metres.
OPENSIM_POSES = {
    (0.0, 0.0): (0.4202, 0.4103),
    (30.0, 40.0): (0.4299, 0.4193),
    (60.0, 80.0): (0.4421, 0.4193),
    (90.0, 110.0): (0.4588, 0.4093),
    (110.0, 130.0): (0.4675, 0.4115),
}


@pytest.mark.parametrize("pose", list(OPENSIM_POSES))
def test_v12_opensim_poses_within_two_percent(pose):
    m = muscle_lengths(np.array([pose[0]]), np.array([pose[1]]), np.array([0.0]))
    ref_bf, ref_rf = OPENSIM_POSES[pose]
    assert abs(m[BF][0] - ref_bf / 0.4202) <= 0.02
    assert abs(m[RF][0] - ref_rf / 0.4103) <= 0.02


@pytest.mark.parametrize("muscle", [BF, RF])
@pytest.mark.parametrize("joint", ["hip", "knee"])
@pytest.mark.parametrize("other_deg", [0.0, 45.0, 100.0])
def test_derivatives_match_the_table(muscle, joint, other_deg):
    """Numerical d length / d angle of the model (mm/rad) at 0/30/60/90/120°, any angle of the other joint."""
    table = DERIVATIVE_TABLE_MM_PER_RAD[(muscle, joint)]
    step = 0.01
    for angle, expected in zip(TABLE_ANGLES_DEG, table, strict=True):
        lo, hi = (angle, angle + step) if angle == 0.0 else ((angle - step, angle) if angle == 120.0
                                                               else (angle - step / 2, angle + step / 2))
        pts = np.array([lo, hi])
        if joint == "hip":
            m = muscle_lengths(pts, np.full(2, other_deg), 0.0)[muscle]
        else:
            m = muscle_lengths(np.full(2, other_deg), pts, 0.0)[muscle]
        slope = (m[1] - m[0]) * STANDING_LENGTH_M[muscle] * 1000.0 / np.radians(step)
        assert slope == pytest.approx(expected, abs=1.0), (angle, slope, expected)
        assert float(length_derivative_mm_per_rad(muscle, joint, angle)) == pytest.approx(expected, abs=1e-6)


def _table_rate(muscle: str, joint: str, angle_deg: np.ndarray) -> np.ndarray:
    """Independent reference: the table interpolated linearly, mm/rad."""
    return np.interp(angle_deg, TABLE_ANGLES_DEG, DERIVATIVE_TABLE_MM_PER_RAD[(muscle, joint)])


def _integrate_path(muscle: str, hips: np.ndarray, knees: np.ndarray) -> float:
    """Relative length at the end of a polyline path in (hip, knee), by integrating the table along it."""
    total_mm = 0.0
    for i in range(len(hips) - 1):
        s = np.linspace(0.0, 1.0, 41)
        h = hips[i] + s * (hips[i + 1] - hips[i])
        k = knees[i] + s * (knees[i + 1] - knees[i])
        rate = (_table_rate(muscle, "hip", h) * np.radians(hips[i + 1] - hips[i])
                + _table_rate(muscle, "knee", k) * np.radians(knees[i + 1] - knees[i]))
        total_mm += float(np.sum((rate[1:] + rate[:-1]) / 2.0) / (len(s) - 1))
    return 1.0 + total_mm / 1000.0 / STANDING_LENGTH_M[muscle]


paths = st.lists(st.tuples(st.floats(0.0, 120.0), st.floats(0.0, 120.0)), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(path=paths)
def test_v12_any_path_agrees_with_the_integrated_table(path):
    """Many different squats (polylines from standing through random states): the model's length at
    every vertex is within ±2 % of standing length of the table integrated along that path, whatever
    the path (the length depends on the state, not on how it was reached)."""
    hips = np.array([0.0] + [p[0] for p in path])
    knees = np.array([0.0] + [p[1] for p in path])
    model = muscle_lengths(hips, knees, 0.0)
    for muscle in (BF, RF):
        for j in range(1, len(hips)):
            assert abs(model[muscle][j] - _integrate_path(muscle, hips[: j + 1], knees[: j + 1])) <= 0.02


def test_lombard_paradox_rectus_femoris_barely_changes_in_a_squat():
    # A squat: hip and knee bend together, hip ≈ knee − 20° from mid-depth (the OpenSim poses' path).
    knee = np.linspace(0.0, 130.0, 131)
    hip = np.maximum(knee - 20.0, 0.75 * knee)
    m = muscle_lengths(hip, knee, 0.0)
    assert np.max(np.abs(m[RF] - 1.0)) < 0.03
    # …while a one-joint view (knee flexion alone) would stretch it far more.
    knee_only = muscle_lengths(np.zeros_like(knee), knee, 0.0)[RF]
    assert np.max(knee_only - 1.0) > 2.0 * np.max(np.abs(m[RF] - 1.0))
    # The hamstrings change less than hip flexion alone would make them.
    assert np.max(m[BF]) - 1.0 < np.max(muscle_lengths(hip, np.zeros_like(hip), 0.0)[BF]) - 1.0


@pytest.mark.parametrize("knee", [60.0, 100.0, 130.0])
def test_posterior_pelvic_tilt_shortens_the_hamstrings(knee):
    """Butt wink: the pelvis tucks, femur-on-pelvis flexion falls at the same knee angle → shorter."""
    hip = np.array([110.0, 100.0, 90.0])
    m = muscle_lengths(hip, np.full(3, knee), 0.0)
    for name in ("semimembranosus", BF):
        assert np.all(np.diff(m[name]) < 0.0)


def test_semimembranosus_scales_bflh_changes():
    h, k = np.array([0.0, 90.0, 0.0, 70.0]), np.array([0.0, 0.0, 90.0, 100.0])
    m = muscle_lengths(h, k, 0.0)
    hip_part = muscle_lengths(h, np.zeros(4), 0.0)[BF] - 1.0
    knee_part = muscle_lengths(np.zeros(4), k, 0.0)[BF] - 1.0
    np.testing.assert_allclose(m["semimembranosus"] - 1.0, SM_HIP_RATIO * hip_part + SM_KNEE_RATIO * knee_part,
                               atol=1e-12)
    assert 0.8 <= SM_HIP_RATIO <= 0.95 and 0.95 <= SM_KNEE_RATIO <= 1.1


def test_gastrocnemius_hawkins_hull_medial_head():
    m = muscle_lengths(np.zeros(3), np.array([0.0, 90.0, 0.0]), np.array([0.0, 0.0, 20.0]))["gastrocnemius"]
    standing = 0.900 + 0.00214 * 90.0
    np.testing.assert_allclose(m, [1.0, (standing - 0.00062 * 90.0) / standing,
                                   (standing + 0.00214 * 20.0) / standing])
    assert m[1] < 1.0 < m[2]  # shortens as the knee bends, lengthens with dorsiflexion


def test_contract_keys_standing_shapes_read_only():
    m = muscle_lengths(0.0, 0.0, 0.0)
    assert set(m) == set(MUSCLE_NAMES)
    for v in m.values():
        assert v.shape == () and float(v) == pytest.approx(1.0, abs=1e-12)
    grid = muscle_lengths(np.linspace(0, 120, 5)[:, None], np.linspace(0, 150, 4)[None, :], 10.0)
    for v in grid.values():
        assert v.shape == (5, 4)
        with pytest.raises(ValueError):
            v[0, 0] = 2.0


def test_outside_the_table_range_is_continuous_and_finite():
    eps = 1e-6
    for angle in (0.0, 120.0):
        a = muscle_lengths(np.array([angle - eps, angle + eps]), np.array([angle - eps, angle + eps]), 0.0)
        for v in a.values():
            assert abs(v[1] - v[0]) < 1e-6
    deep = muscle_lengths(np.array([-15.0, 150.0]), np.array([-5.0, 165.0]), np.array([-20.0, 50.0]))
    assert all(np.all(np.isfinite(v)) for v in deep.values())


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_angles_raise(bad):
    with pytest.raises(ValueError, match="finite"):
        muscle_lengths(np.array([bad]), np.array([0.0]), np.array([0.0]))


def test_unknown_derivative_table_raises():
    with pytest.raises(ValueError, match="no moment-arm table"):
        length_derivative_mm_per_rad("gastrocnemius", "hip", 0.0)
