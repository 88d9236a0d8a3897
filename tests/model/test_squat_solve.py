"""The solver's contract: shapes, geometry, consistency between solve, sweep and pose_at."""

import numpy as np
import pytest

from viewer.model import Anatomy, solve, sweep
from viewer.model.anthropometry import segments
from viewer.model.hip import hip_stops
from viewer.model.legs import KNEE_MAX_DEG
from viewer.model.pose import JOINT_NAMES, LIMIT_NAMES, LUMBAR_LEVELS, MUSCLE_NAMES, Pose, Sweep
from viewer.model.squat import SWEEP_POINTS, THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG

A = Anatomy()


def test_solve_returns_a_complete_pose():
    p = solve(A, -30.0)
    assert isinstance(p, Pose)
    assert p.thigh_angle_deg == -30.0
    assert set(p.joints) == set(JOINT_NAMES)
    assert set(p.rim_contact) == {"l", "r"}
    assert set(p.muscles) == set(MUSCLE_NAMES)
    assert p.lumbar_levels_deg.shape == (len(LUMBAR_LEVELS),)
    assert p.limits <= set(LIMIT_NAMES)
    for v in p.joints.values():
        assert v.shape == (3,) and not v.flags.writeable


def test_standing_pose_is_upright_and_neutral():
    p = solve(A, -90.0)
    assert p.trunk_lean_deg == pytest.approx(0.0, abs=1e-9)
    assert p.pelvic_tilt_deg == pytest.approx(0.0, abs=1e-9)
    assert p.lumbar_flexion_deg == pytest.approx(0.0, abs=1e-9)
    assert p.ankle_dorsiflexion_deg == pytest.approx(0.0, abs=1e-9)
    assert p.hip_height_pct_leg == pytest.approx(100.0, abs=1.0)
    assert p.balanced and not p.limits
    assert all(v == pytest.approx(1.0, abs=0.01) for v in p.muscles.values())


@pytest.mark.parametrize("theta", [-90.0, -60.0, -20.0, 0.0, 20.0, 40.0])
def test_segment_lengths_are_kept_and_legs_mirror(theta):
    seg = segments(A)
    p = solve(A, theta)
    j = p.joints
    assert np.linalg.norm(j["knee_r"] - j["ankle_r"]) == pytest.approx(seg.shank_length_m, rel=1e-9)
    assert np.linalg.norm(j["hip_r"] - j["knee_r"]) == pytest.approx(seg.thigh_length_m, rel=1e-9)
    assert np.linalg.norm(j["thoracolumbar"] - j["lumbosacral"]) <= seg.lumbar_length_m + 1e-9
    for name in ("toe", "heel", "ankle", "knee", "hip"):
        assert j[f"{name}_l"] == pytest.approx(j[f"{name}_r"] * np.array([1.0, 1.0, -1.0]))
    # thigh angle is the sagittal projection of hip → knee
    d = j["knee_r"] - j["hip_r"]
    assert np.degrees(np.arctan2(d[1], d[0])) == pytest.approx(theta, abs=1e-9)
    # the COM reported is the one stored in the joints
    assert j["com"][0] == pytest.approx(p.com_x_m)


def test_lumbar_levels_sum_and_are_heaviest_low():
    p = solve(A, 25.0)
    assert p.lumbar_levels_deg.sum() == pytest.approx(p.lumbar_flexion_deg)
    assert p.lumbar_flexion_deg > 0
    levels = list(p.lumbar_levels_deg)
    assert levels == sorted(levels)  # L1–L2 least … L5–S1 most
    assert levels[3] + levels[4] > 0.5 * p.lumbar_flexion_deg


def test_lumbar_identity_and_hip_flexion_definition():
    for theta in (-50.0, 0.0, 30.0):
        p = solve(A, theta)
        assert p.lumbar_flexion_deg == pytest.approx(p.trunk_lean_deg - p.pelvic_tilt_deg)
        assert p.hip_flexion_deg == pytest.approx(theta + 90.0 + p.pelvic_tilt_deg)
        assert p.hip_stop_margin_deg == pytest.approx(p.hip_stop_deg - p.hip_flexion_deg)


def test_past_the_stop_each_degree_of_depth_tucks_the_pelvis():
    s = sweep(A)
    at = np.array(["hip_stop" in lim for lim in s.limits])
    assert at.any()
    i = np.nonzero(at)[0]
    # on the stop: hip flexion equals the stop, the pelvis tilts back as the thigh goes down
    assert np.allclose(s.hip_flexion_deg[i], s.hip_stop_deg[i])
    assert np.all(np.diff(s.pelvic_tilt_deg[i]) < 0)


@pytest.mark.parametrize("bad", [-90.5, THIGH_ANGLE_MAX_DEG + 0.1, float("nan"), float("inf")])
def test_thigh_angle_out_of_range_raises_naming_it(bad):
    with pytest.raises(ValueError, match="thigh_angle_deg"):
        solve(A, bad)


@pytest.mark.parametrize("bad", ["10", None, True])
def test_thigh_angle_wrong_type_raises(bad):
    with pytest.raises(TypeError, match="thigh_angle_deg"):
        solve(A, bad)


def test_bad_anatomy_raises():
    with pytest.raises(TypeError, match="anatomy"):
        solve({"height_m": 1.8}, 0.0)
    with pytest.raises(TypeError, match="anatomy"):
        sweep("average")


def test_sweep_contract():
    s = sweep(A)
    assert isinstance(s, Sweep)
    n = s.thigh_angle_deg.shape[0]
    assert n == SWEEP_POINTS >= 200
    assert s.thigh_angle_deg[0] == THIGH_ANGLE_MIN_DEG
    assert s.thigh_angle_deg[-1] == pytest.approx(s.deepest.thigh_angle_deg)
    assert np.all(np.diff(s.thigh_angle_deg) > 0)
    assert s.lumbar_levels_deg.shape == (n, 5)
    assert len(s.limits) == n
    assert s.joints_stack.shape == (n, len(JOINT_NAMES), 3)
    for k in JOINT_NAMES:
        assert s.joints[k].shape == (n, 3)
    for arr in (s.knee_flexion_deg, s.lumbar_levels_deg, s.joints["hip_r"], s.muscles["rectus_femoris"]):
        assert not arr.flags.writeable
        with pytest.raises(ValueError):
            arr[0] = 1.0
    assert s.deepest_limited_by in s.limits[-1]
    assert sweep(A) is s  # cached


@pytest.mark.parametrize("i", [0, 37, 120, 200, SWEEP_POINTS - 1])
def test_sweep_rows_equal_solve(i):
    s = sweep(A)
    p = solve(A, float(s.thigh_angle_deg[i]))
    assert s.trunk_lean_deg[i] == pytest.approx(p.trunk_lean_deg, abs=1e-9)
    assert s.pelvic_tilt_deg[i] == pytest.approx(p.pelvic_tilt_deg, abs=1e-9)
    assert s.hip_stop_deg[i] == pytest.approx(p.hip_stop_deg, abs=1e-9)
    assert s.knee_flexion_deg[i] == pytest.approx(p.knee_flexion_deg, abs=1e-9)
    assert s.joints["neck"][i] == pytest.approx(p.joints["neck"], abs=1e-12)
    assert s.rim_contact["l"][i] == pytest.approx(p.rim_contact["l"], abs=1e-12)
    assert s.muscles["gastrocnemius"][i] == pytest.approx(p.muscles["gastrocnemius"], abs=1e-12)


@pytest.mark.parametrize("a", [A, A.replace(stance_width_m=0.7, toe_out_deg=40.0), A.replace(alpha_angle_deg=70.0)])
def test_tabulated_hip_stop_matches_hip_module(a):
    s = sweep(a)
    direct = hip_stops(a, s.hip_abduction_deg, s.hip_external_rotation_deg, "r")
    assert s.hip_stop_deg == pytest.approx(np.asarray(direct.effective_deg), abs=0.05)
    left = hip_stops(a, s.hip_abduction_deg, s.hip_external_rotation_deg, "l")
    assert s.hip_stop_deg == pytest.approx(np.asarray(left.effective_deg), abs=0.05)


def test_pose_at_interpolates_close_to_solve():
    s = sweep(A)
    for theta in (-75.3, -12.34, 0.0, s.deepest.thigh_angle_deg - 0.77):
        a, b = s.pose_at(theta), solve(A, theta)
        assert a.thigh_angle_deg == pytest.approx(theta)
        assert a.trunk_lean_deg == pytest.approx(b.trunk_lean_deg, abs=0.3)
        assert a.lumbar_flexion_deg == pytest.approx(b.lumbar_flexion_deg, abs=0.3)
        assert a.joints["shoulder_r"] == pytest.approx(b.joints["shoulder_r"], abs=3e-3)
    # clamped to the sweep's range
    assert s.pose_at(-200.0).thigh_angle_deg == -90.0
    assert s.pose_at(99.0).thigh_angle_deg == pytest.approx(s.thigh_angle_deg[-1])
    assert s.depth_pct(-90.0) == 0.0 and s.depth_pct(s.thigh_angle_deg[-1]) == pytest.approx(100.0)
    assert s.thigh_angle_at_pct(50.0) == pytest.approx(0.5 * (-90.0 + s.thigh_angle_deg[-1]))


def test_deepest_is_where_a_limit_is_reached():
    s = sweep(A)
    last = solve(A, s.deepest.thigh_angle_deg)
    if s.deepest_limited_by == "knee":
        assert last.knee_flexion_deg == pytest.approx(KNEE_MAX_DEG, abs=0.5)
    assert s.deepest.knee_flexion_deg == pytest.approx(s.knee_flexion_deg[-1])
    lumbar = sweep(A.replace(lumbar_flexion_max_deg=20.0))
    assert lumbar.deepest_limited_by == "lumbar"
    assert lumbar.lumbar_flexion_deg[-1] == pytest.approx(20.0, abs=0.5)
    assert np.all(lumbar.lumbar_flexion_deg[:-1] < 20.0 + 0.5)


def test_beyond_the_deepest_the_pose_is_flagged_not_nan():
    a = A.replace(ankle_dorsiflexion_deg=5.0, lumbar_flexion_max_deg=60.0)
    p = solve(a, 40.0)
    assert not p.balanced and "balance" in p.limits and "ankle" in p.limits
    assert np.isfinite(p.trunk_lean_deg) and np.isfinite(p.com_x_m)


def test_rim_contact_is_at_the_hip_and_tilts_with_the_pelvis():
    for theta in (-90.0, 10.0):
        p = solve(A, theta)
        for s in ("l", "r"):
            assert np.linalg.norm(p.rim_contact[s] - p.joints[f"hip_{s}"]) < 0.06
        assert p.rim_contact["l"][2] < 0 < p.rim_contact["r"][2]


def test_onsets_have_consistent_knee_and_hip_height():
    s = sweep(A)
    for onset in (s.tuck_onset, s.rounding_onset, s.deepest):
        assert onset is not None
        assert onset.knee_flexion_deg == pytest.approx(np.interp(onset.thigh_angle_deg, s.thigh_angle_deg,
                                                                 s.knee_flexion_deg))
        assert 0 < onset.hip_height_pct_leg < 100
    # the tuck is where the hip reaches its stop
    p = solve(A, s.tuck_onset.thigh_angle_deg)
    assert p.hip_stop_margin_deg == pytest.approx(0.0, abs=0.2)


def test_knees_behind_toes_keeps_the_knee_front_behind_the_toe():
    a = A.replace(knees_behind_toes=True)
    s = sweep(a)
    assert np.all(s.joints["knee_r"][:, 0] <= s.joints["toe_r"][:, 0])
    assert any("toes" in lim for lim in s.limits)


@pytest.mark.parametrize("a", [A, A.replace(load_position="low_bar", load_kg=100.0), A.replace(sex="female"),
                               A.replace(ankle_dorsiflexion_deg=20.0, heel_elevation_mm=30.0)])
def test_balance_keeps_the_com_in_the_mid_foot_band(a):
    from viewer.model.descent import BALANCE_BAND_FRAC_OF_FOOT, BALANCE_TARGET_FRAC_OF_FOOT, TARGET_BLEND_DEG

    s = sweep(a)
    seg = segments(a)
    cos_g = np.cos(np.radians(a.toe_out_deg))
    target = (BALANCE_TARGET_FRAC_OF_FOOT * seg.foot_length_m - seg.heel_to_ankle_m) * cos_g
    front = target + BALANCE_BAND_FRAC_OF_FOOT * seg.foot_length_m
    free = s.thigh_angle_deg > -90.0 + TARGET_BLEND_DEG
    assert free.sum() > 50
    # the lean is held once reached, so the COM never falls behind the target (the lifter leans further
    # instead) and never passes the band's front (the knees are held back instead)
    assert np.all(s.com_x_m[free] >= target - 2e-4)
    assert np.all(s.com_x_m[free] <= front + 2e-4)
    # where the lean grows it is the lean that puts the COM on the target
    growing = free[1:] & (np.diff(s.trunk_lean_deg) > 1e-3)
    assert growing.any()
    assert np.all(np.abs(s.com_x_m[1:][growing] - target) < 2e-3)


def test_pelvic_tuck_is_the_tilt_given_back_since_its_most_forward_point():
    sw = sweep(A.replace(acetabular_lce_deg=45.0))  # deep sockets: an early tuck
    onset = sw.tuck_onset
    assert onset is not None
    grid, tilt, tuck = sw.thigh_angle_deg, sw.pelvic_tilt_deg, sw.pelvic_tuck_deg
    # above the onset the pelvis tilts forward with the trunk: no tuck yet
    assert np.all(tuck[grid < onset.thigh_angle_deg] == 0.0)
    # at the onset itself 0, and the pose there says so
    assert solve(A.replace(acetabular_lce_deg=45.0), onset.thigh_angle_deg).pelvic_tuck_deg == pytest.approx(0.0,
                                                                                                         abs=1e-6)
    # at the deepest it is the drop from the most forward tilt on the way down (the grid's highest tilt is
    # within a grid step of that peak)
    assert tuck[-1] == pytest.approx(float(tilt.max() - tilt[-1]), abs=0.02)
    assert tuck[-1] > 5.0
    # it grows with depth past the onset (the pelvis keeps tucking), one degree per degree of thigh
    below = grid > onset.thigh_angle_deg
    assert np.all(np.diff(tuck[below]) > 0.0)
    assert np.allclose(tuck[below] + tilt[below], tuck[-1] + tilt[-1], atol=1e-9)
    # hip flexion needed = what the hip has + the tuck: past the onset, more than the stop allows
    assert np.allclose(sw.hip_flexion_needed_deg, sw.hip_flexion_deg + tuck)
    assert np.all(sw.hip_flexion_needed_deg[below] > sw.hip_stop_deg[below])


def test_a_squat_that_never_tucks_reports_no_pelvic_tuck():
    # very stiff ankles: the lifter falls backwards long before the hip reaches its stop
    sw = sweep(A.replace(ankle_dorsiflexion_deg=8.0, femoral_anteversion_deg=30.0))
    assert sw.tuck_onset is None
    assert sw.deepest_limited_by == "ankle"
    assert np.all(sw.pelvic_tuck_deg == 0.0)
    assert np.all(np.diff(sw.pelvic_tilt_deg) >= -1e-9)  # the pelvis never tilts back
