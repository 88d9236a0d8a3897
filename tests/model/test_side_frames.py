"""Left ≠ right in the drawing (``pelvis_pose.py``, ``body_frames.py``): the pelvis shifts, turns and drops as
the pose says, each leg keeps its bones' lengths on its own side's joints, the lower spine rides on the
pelvis, a symmetric lifter is drawn exactly as stored, and mirroring a lifter mirrors the drawing."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from frames_reference import INDICES

from viewer.model import PRESETS, Anatomy, solve, sweep
from viewer.model import kinematics as kin
from viewer.model.anthropometry import segments
from viewer.model.pelvis_pose import is_level, placed_rim_contact
from viewer.model.sides import mirrored

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "symmetric_frames.json").read_text())
MIRROR = np.diag([1.0, 1.0, -1.0])
ASYMMETRIC = {
    "one stiff ankle": PRESETS["One stiff ankle"].anatomy,
    "one retroverted hip": PRESETS["One retroverted hip"].anatomy,
    "longer right leg": Anatomy(leg_length_difference_mm=15.0),
    "stiff ankle, shallow socket, knees out": Anatomy(ankle_dorsiflexion_left_deg=28.0,
                                                      acetabular_lce_right_deg=20.0, knees_out_cm=4.0),
}


def _deep(anatomy: Anatomy, frac: float = 1.0):
    s = sweep(anatomy)
    return solve(anatomy, float(s.thigh_angle_deg[round(frac * (len(s.thigh_angle_deg) - 1))]))


def _twin(name: str) -> str:
    return name[:-2] + {"_l": "_r", "_r": "_l"}[name[-2:]] if name[-2:] in ("_l", "_r") else name


# ----------------------------------------------------------------------------- symmetric: as stored
@pytest.mark.parametrize("name", list(REFERENCE))
def test_symmetric_lifters_are_drawn_exactly_as_stored(name):
    """Every segment of a symmetric lifter (one through the two-sided solver: knees pushed out) is where the
    drawing put it before the sides could differ (tests/model/frames_reference.py)."""
    anatomy = Anatomy(**REFERENCE[name]["overrides"])
    s = sweep(anatomy)
    for i in INDICES:
        pose = solve(anatomy, float(s.thigh_angle_deg[i]))
        assert is_level(pose)
        frames = kin.segment_frames(pose, anatomy)
        stored = REFERENCE[name]["poses"][str(i)]
        assert set(frames) == set(stored)
        for seg, f in frames.items():
            for key in ("rotation", "origin", "scale"):
                np.testing.assert_allclose(getattr(f, key), stored[seg][key], rtol=0, atol=1e-9,
                                           err_msg=f"{name} {i} {seg} {key}")


# ----------------------------------------------------------------------------- the pelvis as the pose says
@pytest.mark.parametrize("name", list(ASYMMETRIC))
def test_the_drawn_pelvis_shifts_turns_and_drops_as_the_pose_says(name):
    anatomy = ASYMMETRIC[name]
    pose = _deep(anatomy)
    assert not is_level(pose)
    frames = kin.segment_frames(pose, anatomy)
    pelvis = frames["pelvis"]
    assert pelvis.origin[2] == pytest.approx(pose.pelvic_shift_cm / 100.0, abs=1e-12)  # + right
    hips = frames["thigh_r"].origin - frames["thigh_l"].origin
    assert np.linalg.norm(hips) == pytest.approx(segments(anatomy).hip_width_m, abs=1e-9)  # one rigid pelvis
    np.testing.assert_allclose(0.5 * (frames["thigh_r"].origin + frames["thigh_l"].origin), pelvis.origin, atol=1e-12)
    assert math.degrees(math.atan2(hips[0], hips[2])) == pytest.approx(pose.pelvic_rotation_deg, abs=1e-9)
    assert math.degrees(math.atan2(hips[1], hips[2])) == pytest.approx(pose.pelvic_obliquity_deg, abs=1e-9)
    # the pelvis bone's own left–right axis is the hip line
    np.testing.assert_allclose(pelvis.rotation[:, 2], hips / np.linalg.norm(hips), atol=1e-9)


def test_a_stiff_left_ankle_turns_the_right_hip_forward_and_drops_it_and_a_restricted_right_hip_shifts_left():
    ankle = _deep(PRESETS["One stiff ankle"].anatomy)
    frames = kin.segment_frames(ankle, PRESETS["One stiff ankle"].anatomy)
    assert ankle.pelvic_rotation_deg > 5.0 and ankle.pelvic_obliquity_deg < -3.0 and ankle.pelvic_shift_cm > 2.0
    assert frames["thigh_r"].origin[0] > frames["thigh_l"].origin[0] + 0.02  # right hip forward
    assert frames["thigh_r"].origin[1] < frames["thigh_l"].origin[1] - 0.01  # and lower
    hip = PRESETS["One retroverted hip"].anatomy
    frames = kin.segment_frames(_deep(hip), hip)
    assert frames["pelvis"].origin[2] < -0.03  # toward the hip with room
    assert frames["thorax"].origin[2] == pytest.approx(frames["pelvis"].origin[2], abs=1e-12)  # the trunk goes too


@pytest.mark.parametrize("name", list(ASYMMETRIC))
@pytest.mark.parametrize("frac", [0.4, 1.0])
def test_each_leg_keeps_its_bone_lengths_from_its_own_ankle_to_the_placed_hip(name, frac):
    anatomy = ASYMMETRIC[name]
    pose = _deep(anatomy, frac)
    frames = kin.segment_frames(pose, anatomy)
    seg = segments(anatomy)
    for s in ("l", "r"):
        hip, knee, ankle = frames[f"thigh_{s}"].origin, frames[f"shank_{s}"].origin, frames[f"foot_{s}"].origin
        np.testing.assert_allclose(ankle, pose.joints[f"ankle_{s}"], atol=1e-12)  # the feet stay
        assert np.linalg.norm(hip - knee) == pytest.approx(seg.thigh_length_m, abs=1e-6)
        shank = np.linalg.norm(knee - np.asarray(pose.joints[f"ankle_{s}"]))
        assert shank == pytest.approx(np.linalg.norm(np.asarray(pose.joints[f"knee_{s}"]) - pose.joints[f"ankle_{s}"]),
                                      abs=1e-9)
        assert np.linalg.norm(knee - pose.joints[f"knee_{s}"]) < 0.03  # the legs take up the rest: a little
        # the bones follow: the thigh's long axis points from the knee to the hip
        np.testing.assert_allclose(frames[f"thigh_{s}"].rotation[:, 1], (hip - knee) / np.linalg.norm(hip - knee),
                                   atol=1e-9)


def test_the_lower_spine_turns_from_the_pelvis_back_to_the_square_thorax():
    anatomy = PRESETS["One stiff ankle"].anatomy
    frames = kin.segment_frames(_deep(anatomy), anatomy)
    slopes = [frames[n].rotation[:, 2][1] for n in ("pelvis", "l5", "l4", "l3", "l2", "l1", "thorax")]
    assert slopes[0] < -0.05  # the pelvis drops on the right
    assert all(a < b for a, b in zip(slopes, slopes[1:], strict=False))  # each level gives some back
    assert slopes[-1] == pytest.approx(0.0, abs=1e-12)
    # the chain still reaches the thoracolumbar joint
    assert frames["l5"].origin[2] > frames["thorax"].origin[2] + 0.005  # L5 rides on the dropped, turned pelvis
    for name in ("pelvis", "l5", "l3", "l1", "thorax"):
        r = frames[name].rotation
        np.testing.assert_allclose(r.T @ r, np.eye(3), atol=1e-9)
        assert np.linalg.det(r) == pytest.approx(1.0, abs=1e-9)


# ----------------------------------------------------------------------------- mirroring
@pytest.mark.parametrize("name", list(ASYMMETRIC))
def test_mirroring_a_lifter_mirrors_every_bone(name):
    anatomy = ASYMMETRIC[name]
    twin = mirrored(anatomy)
    rig = {n: {"segment": n, "joint_centre": o} for n, o in kin.reference_origins().items()}
    for frac in (0.5, 1.0):
        a = kin.bone_matrices(_deep(anatomy, frac), anatomy, rig)
        b = kin.bone_matrices(_deep(twin, frac), twin, rig)
        for bone, m in a.items():
            other = b[_twin(bone)]
            np.testing.assert_allclose(m[:3, :3], MIRROR @ other[:3, :3] @ MIRROR, atol=1e-9, err_msg=bone)
            np.testing.assert_allclose(m[:3, 3], MIRROR @ other[:3, 3], atol=1e-9, err_msg=bone)


# ----------------------------------------------------------------------------- knees out, muscles, rim, props
def test_knees_out_moves_the_drawn_knees_out_and_caving_in_moves_them_in():
    knee_z = {}
    for cm in (-6.0, 0.0, 10.0):
        anatomy = Anatomy(toe_out_deg=5.0, knees_out_cm=cm)
        frames = kin.segment_frames(_deep(anatomy), anatomy)
        knee_z[cm] = (frames["shank_r"].origin[2], -frames["shank_l"].origin[2])
        assert knee_z[cm][0] == pytest.approx(knee_z[cm][1], abs=1e-12)
    assert knee_z[10.0][0] > knee_z[0.0][0] + 0.04
    assert knee_z[-6.0][0] < knee_z[0.0][0] - 0.03


def test_pelvis_muscle_attachments_and_rim_contacts_ride_on_the_placed_hips():
    anatomy = PRESETS["One stiff ankle"].anatomy
    pose = _deep(anatomy)
    frames = kin.segment_frames(pose, anatomy)
    paths = kin.muscle_paths(pose, anatomy, frames)
    plain = kin.muscle_paths(pose, anatomy, dict(frames))  # the mapping path agrees with the block path
    hips = {s: frames[f"thigh_{s}"].origin for s in ("l", "r")}
    rim = placed_rim_contact(pose, hips)
    for s in ("l", "r"):
        np.testing.assert_allclose(paths[f"semimembranosus_{s}"], plain[f"semimembranosus_{s}"], atol=1e-12)
        assert np.linalg.norm(paths[f"semimembranosus_{s}"][0] - hips[s]) < 0.08
        assert np.linalg.norm(rim[s] - hips[s]) == pytest.approx(
            np.linalg.norm(np.asarray(pose.rim_contact[s]) - pose.joints[f"hip_{s}"]), abs=1e-12)
    level = _deep(Anatomy())
    assert all(np.array_equal(placed_rim_contact(level, {})[s], level.rim_contact[s]) for s in ("l", "r"))


def test_heel_plates_follow_each_sides_heel_elevation():
    anatomy = Anatomy(heel_elevation_left_mm=25.0)
    assert kin.hidden_segments(anatomy) >= {"heel_plate_r", "kettlebell"}
    assert "heel_plate_l" not in kin.hidden_segments(anatomy)
    frames = kin.segment_frames(_deep(anatomy), anatomy)
    assert frames["heel_plate_l"].scale[1] == pytest.approx(1.0)
    both = Anatomy(heel_elevation_mm=50.0, heel_elevation_right_mm=12.5)
    frames = kin.segment_frames(_deep(both), both)
    assert (frames["heel_plate_l"].scale[1], frames["heel_plate_r"].scale[1]) == pytest.approx((2.0, 0.5))


def test_a_longer_right_leg_draws_a_longer_right_shin():
    anatomy = Anatomy(leg_length_difference_mm=20.0)
    frames = kin.segment_frames(_deep(anatomy, 0.0), anatomy)
    ref = kin.segment_frames(_deep(Anatomy(), 0.0), Anatomy())
    length = segments(Anatomy()).shank_length_m
    assert frames["shank_r"].scale[1] * length == pytest.approx(ref["shank_r"].scale[1] * length + 0.010, abs=1e-9)
    assert frames["shank_l"].scale[1] * length == pytest.approx(ref["shank_l"].scale[1] * length - 0.010, abs=1e-9)
