"""Validation cases from biomechanics.md that the solver covers: V3 (sweep level), V6, V7, V8, V10, V11.

V1 lives in test_anthropometry.py; V2/V12 and the hip-level V3/V6 belong to ankle/muscles/hip tests.
"""

import pytest

from viewer.model import Anatomy, solve, sweep

A = Anatomy()


def test_v3_normal_hip_bodyweight_deep_squat_peaks_near_102():
    # FV 12°, AV 20°, LCE 28°, alpha 42° are the defaults; bodyweight, heels flat.
    s = sweep(A)
    assert s.deepest.knee_flexion_deg >= 135.0  # a deep squat (Hartmann: knee included angle 40–45°)
    assert float(s.hip_flexion_deg.max()) == pytest.approx(102.0, abs=8.0)


def test_v6_narrow_neutral_stance_stays_near_100():
    narrow = sweep(A.replace(stance_width_m=0.2, toe_out_deg=0.0))
    wide = sweep(A.replace(stance_width_m=0.6, toe_out_deg=30.0))
    assert float(narrow.hip_flexion_deg.max()) <= 100.0 + 2.0
    assert float(wide.hip_flexion_deg.max()) > float(narrow.hip_flexion_deg.max())


@pytest.mark.parametrize("df", [5.0, 10.0, 15.0])
def test_v7_very_stiff_ankles_cannot_squat_deep_heels_down(df):
    s = sweep(A.replace(ankle_dorsiflexion_deg=df))
    assert s.deepest.knee_flexion_deg < 100.0  # nowhere near a deep squat
    assert s.deepest.thigh_angle_deg < -20.0
    assert "ankle" in s.limits[-1]  # the ankle is at its range where the squat ends
    assert s.ankle_dorsiflexion_deg[-1] == pytest.approx(df, abs=1e-6)


@pytest.mark.parametrize("df", [35.0, 40.0, 45.0, 50.0])
def test_v7_typical_ankles_squat_deep_using_about_38_degrees(df):
    s = sweep(A.replace(ankle_dorsiflexion_deg=df))
    assert s.deepest.knee_flexion_deg >= 135.0
    assert s.deepest.thigh_angle_deg > 10.0
    assert s.ankle_dorsiflexion_deg[-1] == pytest.approx(38.0, abs=5.0)


def _parallel_lumbar(**kw):
    a = A.replace(load_position="high_bar", **kw)
    a = a.replace(load_kg=0.5 * a.body_mass_kg)
    s = sweep(a)
    assert s.deepest.thigh_angle_deg >= 0.0  # reaches parallel
    return solve(a, 0.0).lumbar_flexion_deg


def test_v8_loaded_parallel_squat_lumbar_flexion_men():
    assert _parallel_lumbar() == pytest.approx(26.0, abs=8.0)


def test_v8_loaded_parallel_squat_lumbar_flexion_women():
    women = _parallel_lumbar(sex="female", height_m=1.65, body_mass_kg=62.0)
    assert women == pytest.approx(13.0, abs=8.0)
    assert women < _parallel_lumbar()


def test_v10_heel_wedge_lowers_trunk_lean_a_little():
    leans, knees = [], []
    for mm in (0.0, 25.0, 50.0):
        p = solve(A.replace(heel_elevation_mm=mm), 0.0)
        leans.append(p.trunk_lean_deg)
        knees.append(p.knee_flexion_deg)
    assert leans[0] > leans[1] > leans[2]
    assert leans[0] - leans[1] == pytest.approx(3.0, abs=5.0)
    assert knees[0] < knees[1] < knees[2]


def test_v10_heel_wedge_matters_more_for_stiff_ankles():
    def drop(df):
        a = A.replace(ankle_dorsiflexion_deg=df)
        return solve(a, -20.0).trunk_lean_deg - solve(a.replace(heel_elevation_mm=25.0), -20.0).trunk_lean_deg
    assert drop(20.0) > 2.0 * drop(40.0)


@pytest.mark.parametrize("theta", [-30.0, -10.0, 0.0])
def test_v11_bar_position_orders_trunk_lean(theta):
    def lean(pos, share):
        return solve(A.replace(load_position=pos, load_kg=share * A.body_mass_kg), theta).trunk_lean_deg
    front, high, low = lean("front", 0.8), lean("high_bar", 1.0), lean("low_bar", 1.0)
    assert front < high <= low
    assert low - high < 12.0  # "about 0–10°"; see docs/model.md (Part A) for the 1 × BW gap


def test_v11_goblet_leans_less_than_high_bar():
    for theta in (-40.0, -10.0, 0.0):
        goblet = solve(A.replace(load_position="goblet", load_kg=24.0), theta).trunk_lean_deg
        high = solve(A.replace(load_position="high_bar", load_kg=24.0), theta).trunk_lean_deg
        assert goblet < high
