"""Pose → bone matrices (viewer.model.kinematics), without VTK."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from viewer.model import kinematics as kin
from viewer.model.anatomy import Anatomy
from viewer.model.anthropometry import segments, standing_landmarks
from viewer.model.pose import JOINT_NAMES, LUMBAR_LEVELS, Pose

MIRROR = np.diag([1.0, 1.0, -1.0])


def _rz(deg: float) -> np.ndarray:
    a = math.radians(-deg)  # forward turn = rotation about z by −deg
    return np.array([[math.cos(a), -math.sin(a), 0.0], [math.sin(a), math.cos(a), 0.0], [0, 0, 1.0]])


def make_pose(anatomy: Anatomy, *, thigh_deg: float = -90.0, shank_deg: float = 0.0, tilt_deg: float = 0.0,
              levels_deg: tuple[float, ...] = (0.0,) * 5, head_deg: float = 0.0, toe_out_deg: float = 0.0,
              heel_tilt_deg: float = 0.0, stance_half_m: float | None = None) -> Pose:
    """A rigid, planar pose built from the standing landmarks and simple angles (test double of solve())."""
    seg = segments(anatomy)
    lm = standing_landmarks(seg)
    half = seg.hip_width_m / 2.0 if stance_half_m is None else stance_half_m
    j: dict[str, np.ndarray] = {}
    for s, sign in (("l", -1.0), ("r", 1.0)):
        ankle = np.array([0.0, seg.ankle_height_m, sign * half])
        yaw = math.radians(toe_out_deg) * sign
        tilt = math.radians(heel_tilt_deg)
        fwd = np.array([math.cos(yaw) * math.cos(tilt), -math.sin(tilt), math.sin(yaw) * math.cos(tilt)])
        up = np.array([math.sin(tilt) * math.cos(yaw), math.cos(tilt), math.sin(tilt) * math.sin(yaw)])
        toe_off = lm["toe_r"] - lm["ankle_r"]
        heel_off = lm["heel_r"] - lm["ankle_r"]
        j[f"toe_{s}"] = ankle + toe_off[0] * fwd + toe_off[1] * up
        j[f"heel_{s}"] = ankle + heel_off[0] * fwd + heel_off[1] * up
        j[f"ankle_{s}"] = ankle
        sh = math.radians(shank_deg)
        knee = ankle + seg.shank_length_m * np.array([math.sin(sh), math.cos(sh), 0.0])
        th = math.radians(thigh_deg)
        hip = knee - seg.thigh_length_m * np.array([math.cos(th), math.sin(th), 0.0])
        hip[2] = sign * seg.hip_width_m / 2.0
        j[f"knee_{s}"] = np.array([knee[0], knee[1], hip[2]])
        j[f"hip_{s}"] = hip
    mid = 0.5 * (j["hip_l"] + j["hip_r"])
    j["mid_hip"] = mid
    j["lumbosacral"] = mid + _rz(tilt_deg) @ (lm["lumbosacral"] - lm["mid_hip"])
    angle = tilt_deg
    p = j["lumbosacral"].copy()
    for lev in reversed(levels_deg):
        angle += lev
        p = p + _rz(angle) @ np.array([0.0, seg.lumbar_length_m / 5.0, 0.0])
    j["thoracolumbar"] = p
    j["neck"] = p + _rz(angle) @ (lm["neck"] - lm["thoracolumbar"])
    j["head"] = j["neck"] + _rz(head_deg) @ (lm["head"] - lm["neck"])
    for s in ("l", "r"):
        j[f"shoulder_{s}"] = j["neck"] + _rz(angle) @ (lm[f"shoulder_{s}"] - lm["neck"])
    j["com"] = mid.copy()
    for v in j.values():
        v.setflags(write=False)
    assert set(j) == set(JOINT_NAMES)
    lv = np.array(levels_deg, dtype=float)
    return Pose(thigh_angle_deg=thigh_deg, ankle_dorsiflexion_deg=shank_deg, knee_flexion_deg=0.0,
                hip_flexion_deg=0.0, hip_abduction_deg=0.0, hip_external_rotation_deg=0.0,
                pelvic_tilt_deg=tilt_deg, lumbar_flexion_deg=float(lv.sum()), lumbar_levels_deg=lv,
                trunk_lean_deg=angle, hip_height_pct_leg=100.0, com_x_m=0.0, hip_stop_deg=110.0,
                hip_stop_margin_deg=10.0, balanced=True, limits=frozenset(), joints=j,
                rim_contact={"l": j["hip_l"], "r": j["hip_r"]}, muscles={}, foot_tilt_deg=heel_tilt_deg)


def make_rig() -> dict[str, dict]:
    """Stand-in rig: bones at landmarks of the reference standing pose (and a few off-centre ones)."""
    lm = standing_landmarks(segments(Anatomy()))
    ref = kin.reference_origins()
    rig: dict[str, dict] = {}

    def bone(bone_id: str, segment: str, centre: np.ndarray) -> None:
        rig[bone_id] = {"segment": segment, "joint_centre": [float(c) for c in centre]}

    for s in ("l", "r"):
        bone(f"femur_{s}", f"thigh_{s}", lm[f"hip_{s}"])
        bone(f"tibia_{s}", f"shank_{s}", lm[f"knee_{s}"])
        bone(f"talus_{s}", f"foot_{s}", lm[f"ankle_{s}"])
        bone(f"toes_{s}", f"foot_{s}", lm[f"toe_{s}"])
        bone(f"patella_{s}", f"patella_{s}", lm[f"knee_{s}"] + np.array([0.05, 0.0, 0.0]))
        bone(f"pelvis_{s}", "pelvis", lm[f"hip_{s}"])
        bone(f"humerus_{s}", f"upper_arm_{s}", lm[f"shoulder_{s}"])
        bone(f"radius_{s}", f"forearm_{s}", ref[f"forearm_{s}"])
        bone(f"hand_{s}", f"hand_{s}", ref[f"hand_{s}"])
        bone(f"clavicle_{s}", "thorax", lm[f"shoulder_{s}"])
        bone(f"heel_plate_{s}", f"heel_plate_{s}", lm[f"heel_{s}"])
    bone("sacrum", "pelvis", lm["lumbosacral"])
    for name in ("l5", "l4", "l3", "l2", "l1"):
        bone(name, name, ref[name] + np.array([0.035, 0.02, 0.0]))
    bone("ribcage", "thorax", lm["thoracolumbar"])
    bone("cervical", "thorax", lm["neck"])
    bone("skull", "head", lm["head"])
    bone("barbell", "barbell", lm["neck"] + np.array([-0.05, 0.0, 0.0]))
    bone("kettlebell", "kettlebell", lm["neck"] + np.array([0.25, -0.15, 0.0]))
    return rig


#: bone id → joint that its joint centre must land on in any pose
ON_JOINT = {"femur_l": "hip_l", "femur_r": "hip_r", "tibia_l": "knee_l", "tibia_r": "knee_r",
            "talus_l": "ankle_l", "talus_r": "ankle_r", "toes_l": "toe_l", "toes_r": "toe_r",
            "pelvis_l": "hip_l", "pelvis_r": "hip_r", "sacrum": "lumbosacral", "ribcage": "thoracolumbar",
            "cervical": "neck", "skull": "head", "humerus_l": "shoulder_l", "humerus_r": "shoulder_r"}

SQUAT = dict(thigh_deg=5.0, shank_deg=35.0, tilt_deg=25.0, levels_deg=(2.0, 3.0, 4.0, 6.0, 7.0), head_deg=20.0)


def _split(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.linalg.norm(m[:3, :3], axis=0)
    return m[:3, :3] / scale[None, :], scale


def test_reference_standing_pose_gives_pure_translations_to_the_joint_centres():
    a = Anatomy()
    rig = make_rig()
    mats = kin.bone_matrices(make_pose(a), a, rig)
    assert set(mats) == set(rig)
    for bone_id, spec in rig.items():
        np.testing.assert_allclose(mats[bone_id][:3, :3], np.eye(3), atol=1e-9, err_msg=bone_id)
        np.testing.assert_allclose(mats[bone_id][:3, 3], spec["joint_centre"], atol=1e-9, err_msg=bone_id)
        np.testing.assert_allclose(mats[bone_id][3], [0, 0, 0, 1])


@pytest.mark.parametrize("anatomy", [
    Anatomy(),
    Anatomy(height_m=1.58, sex="female", thigh_length_ratio=1.1, shank_length_ratio=0.9, trunk_length_ratio=0.88),
    Anatomy(height_m=2.0, trunk_length_ratio=1.12),
], ids=["reference", "short-female", "tall"])
@pytest.mark.parametrize("angles", [{}, SQUAT, dict(SQUAT, toe_out_deg=30.0, heel_tilt_deg=6.0)],
                         ids=["standing", "squat", "squat-toe-out-heel-tilt"])
def test_bone_joint_centres_land_on_the_pose_joints(anatomy, angles):
    pose = make_pose(anatomy, **angles)
    mats = kin.bone_matrices(pose, anatomy, make_rig())
    for bone_id, joint in ON_JOINT.items():
        np.testing.assert_allclose(mats[bone_id][:3, 3], pose.joints[joint], atol=1e-6,
                                   err_msg=f"{bone_id} vs {joint}")
    # the shoulder's drop below C7 is not scaled with trunk length, so the girdle may sit a few mm off
    for s in ("l", "r"):
        assert np.linalg.norm(mats[f"clavicle_{s}"][:3, 3] - pose.joints[f"shoulder_{s}"]) < 0.008


def test_rotations_are_orthonormal_with_positive_determinant():
    a = Anatomy(height_m=1.62, thigh_length_ratio=1.1, load_position="front", load_kg=40.0)
    mats = kin.bone_matrices(make_pose(a, **SQUAT, toe_out_deg=25.0), a, make_rig())
    for bone_id, m in mats.items():
        rot, scale = _split(m)
        np.testing.assert_allclose(rot.T @ rot, np.eye(3), atol=1e-9, err_msg=bone_id)
        assert np.linalg.det(rot) == pytest.approx(1.0, abs=1e-9), bone_id
        assert np.all(scale > 0.5) and np.all(scale < 2.0), bone_id


@pytest.mark.parametrize("load", ["none", "goblet", "front", "high_bar", "low_bar"])
def test_symmetric_anatomy_gives_mirror_symmetric_matrices(load):
    a = Anatomy(load_position=load, load_kg=20.0)
    rig = make_rig()
    mats = kin.bone_matrices(make_pose(a, **SQUAT, toe_out_deg=20.0, stance_half_m=0.2), a, rig)
    for bone_id, m in mats.items():
        twin = bone_id[:-2] + {"_l": "_r", "_r": "_l"}[bone_id[-2:]] if bone_id[-2:] in ("_l", "_r") else bone_id
        expected = np.eye(4)
        expected[:3, :3] = MIRROR @ mats[twin][:3, :3] @ MIRROR
        expected[:3, 3] = MIRROR @ mats[twin][:3, 3]
        np.testing.assert_allclose(m, expected, atol=1e-9, err_msg=f"{bone_id} vs {twin}")


def test_pelvis_and_each_lumbar_vertebra_turn_by_tilt_plus_the_levels_below():
    a = Anatomy()
    levels = (1.0, 2.0, 3.0, 8.0, 10.0)
    frames = kin.segment_frames(make_pose(a, **dict(SQUAT, tilt_deg=12.0, levels_deg=levels)), a)

    def fwd(name: str) -> float:
        y = frames[name].rotation[:, 1]
        return math.degrees(math.atan2(y[0], y[1]))

    assert fwd("pelvis") == pytest.approx(12.0, abs=1e-6)  # + anterior tilt turns the pelvis forward
    expected = 12.0
    for name, level in zip(("l5", "l4", "l3", "l2", "l1"), reversed(levels), strict=True):
        expected += level
        assert fwd(name) == pytest.approx(expected, abs=1e-6), name
    assert fwd("thorax") == pytest.approx(12.0 + sum(levels), abs=1e-6)
    assert len(LUMBAR_LEVELS) == 5


def test_ghost_pelvis_is_turned_forward_by_the_tuck_and_its_spine_gives_the_flexion_back():
    a = Anatomy()
    pose = make_pose(a, **dict(SQUAT, tilt_deg=5.0, levels_deg=(3.0, 4.0, 5.0, 9.0, 9.0)))
    real = kin.segment_frames(pose, a)
    ghost = kin.neutral_frames(pose, a, tuck_deg=12.0)
    assert set(ghost) == kin.GHOST_SEGMENTS

    def fwd(fr: kin.SegmentFrame) -> float:
        return math.degrees(math.atan2(fr.rotation[0, 1], fr.rotation[1, 1]))

    assert fwd(ghost["pelvis"]) - fwd(real["pelvis"]) == pytest.approx(12.0, abs=1e-6)
    np.testing.assert_allclose(ghost["pelvis"].origin, real["pelvis"].origin)
    assert fwd(ghost["l1"]) == pytest.approx(fwd(real["l1"]), abs=1e-6)  # thorax held: same top vertebra
    assert fwd(ghost["l5"]) < fwd(real["l5"]) + 12.0
    rig = make_rig()
    gm = kin.neutral_matrices(pose, a, rig, 12.0)
    assert set(gm) == {"pelvis_l", "pelvis_r", "sacrum", "l1", "l2", "l3", "l4", "l5"}
    assert not np.allclose(gm["sacrum"], kin.bone_matrices(pose, a, rig)["sacrum"])
    np.testing.assert_allclose(kin.neutral_matrices(pose, a, rig, 0.0)["l3"], kin.bone_matrices(pose, a, rig)["l3"],
                               atol=1e-9)


def test_ghost_spine_gives_back_the_lumbar_flexion_added_and_defaults_to_the_poses_own_figures():
    a = Anatomy()
    levels = (3.0, 4.0, 5.0, 9.0, 9.0)
    pose = replace(make_pose(a, **dict(SQUAT, tilt_deg=5.0, levels_deg=levels)),
                   pelvic_tuck_deg=6.0, lumbar_flexion_added_deg=15.0)
    real = kin.segment_frames(pose, a)

    def fwd(fr: kin.SegmentFrame) -> float:
        return math.degrees(math.atan2(fr.rotation[0, 1], fr.rotation[1, 1]))

    def turn_l5_to_l1(frames: object) -> float:
        return fwd(frames["l1"]) - fwd(frames["l5"])

    small = kin.neutral_frames(pose, a, 6.0, lumbar_deg=3.0)
    large = kin.neutral_frames(pose, a, 6.0, lumbar_deg=15.0)
    assert fwd(large["pelvis"]) - fwd(real["pelvis"]) == pytest.approx(6.0, abs=1e-6)
    # giving back more flexion leaves less of it between L5 and L1: the ghost's lower back is straighter
    assert turn_l5_to_l1(large) < turn_l5_to_l1(small) - 1.0
    rig = make_rig()
    np.testing.assert_allclose(kin.neutral_matrices(pose, a, rig)["l3"],
                               kin.neutral_matrices(pose, a, rig, 6.0, lumbar_deg=15.0)["l3"], atol=1e-12)


@pytest.mark.parametrize("load", ["high_bar", "low_bar", "front", "goblet"])
def test_hands_hold_the_load(load):
    a = Anatomy(load_position=load, load_kg=40.0)
    pose = make_pose(a, **SQUAT)
    frames = kin.segment_frames(pose, a)
    seg = segments(a)
    centre = kin.load_point(pose, a)
    np.testing.assert_allclose(frames["barbell"].origin, centre)
    for s in ("l", "r"):
        hand = frames[f"hand_{s}"]
        grip = hand.origin - hand.rotation[:, 1] * 0.5 * seg.hand_length_m
        elbow = frames[f"forearm_{s}"].origin
        assert np.linalg.norm(elbow - pose.joints[f"shoulder_{s}"]) == pytest.approx(seg.upper_arm_length_m)
        assert np.linalg.norm(grip - centre) < 0.35, (s, grip, centre)
    thorax = frames["thorax"].rotation
    behind = np.dot(centre - 0.5 * (pose.joints["shoulder_l"] + pose.joints["shoulder_r"]), thorax[:, 0])
    assert (behind < 0) == (load in ("high_bar", "low_bar"))


def test_arms_hang_at_standing_and_reach_forward_at_depth_without_load():
    a = Anatomy()
    stand = kin.segment_frames(make_pose(a), a)
    deep = kin.segment_frames(make_pose(a, **SQUAT), a)
    np.testing.assert_allclose(stand["upper_arm_r"].rotation, np.eye(3), atol=1e-6)
    assert deep["hand_r"].origin[0] > deep["upper_arm_r"].origin[0] + 0.4  # hands well in front of the shoulders


def test_hidden_props_follow_the_anatomy():
    assert kin.hidden_segments(Anatomy()) == {"barbell", "kettlebell", "heel_plate_l", "heel_plate_r"}
    assert kin.hidden_segments(Anatomy(load_position="goblet", load_kg=24.0, heel_elevation_mm=20.0)) == {"barbell"}
    assert "barbell" not in kin.hidden_segments(Anatomy(load_position="low_bar"))


def test_heel_plate_sits_on_the_floor_under_the_heel_and_scales_with_elevation():
    a = Anatomy(heel_elevation_mm=50.0)
    pose = make_pose(a, **dict(SQUAT, heel_tilt_deg=8.0, toe_out_deg=20.0))
    fr = kin.segment_frames(pose, a)["heel_plate_r"]
    assert fr.origin[1] == 0.0
    assert fr.origin[0] == pytest.approx(pose.joints["heel_r"][0])
    assert fr.scale[1] == pytest.approx(2.0)
    assert fr.rotation[1, 1] == pytest.approx(1.0)  # flat on the floor, only turned with the toe-out


def test_muscle_paths_attach_to_their_segments_and_hamstrings_lengthen_with_hip_flexion():
    a = Anatomy()
    stand = kin.muscle_paths(make_pose(a), a)
    assert set(stand) == {f"{m}_{s}" for m in kin.MUSCLES_DRAWN for s in ("l", "r")}
    pose = make_pose(a, thigh_deg=0.0, shank_deg=-90.0)  # hip flexed 90°, knee straight
    bent = kin.muscle_paths(pose, a)

    def length(p: np.ndarray) -> float:
        return float(np.sum(np.linalg.norm(np.diff(p, axis=0), axis=1)))

    assert length(bent["semimembranosus_r"]) > 1.05 * length(stand["semimembranosus_r"])
    # origin on the pelvis: a few cm behind and below the hip centre
    d = stand["semimembranosus_r"][0] - make_pose(a).joints["hip_r"]
    assert -0.06 < d[0] < -0.02 and -0.06 < d[1] < -0.01
    np.testing.assert_allclose(stand["semimembranosus_l"], stand["semimembranosus_r"] @ MIRROR, atol=1e-12)


def test_bad_input_raises_clear_errors():
    a = Anatomy()
    pose = make_pose(a)
    with pytest.raises(ValueError, match="unknown segment 'wing'"):
        kin.bone_matrices(pose, a, {"x": {"segment": "wing", "joint_centre": [0, 0, 0]}})
    with pytest.raises(ValueError, match="joint_centre"):
        kin.bone_matrices(pose, a, [{"id": "x", "segment": "pelvis", "joint_centre": [0, 0]}])
    joints = dict(pose.joints)
    del joints["knee_l"]
    broken = Pose(**{f: getattr(pose, f) for f in Pose.__slots__ if f != "joints"}, joints=joints)
    with pytest.raises(ValueError, match="knee_l"):
        kin.bone_matrices(broken, a, make_rig())


def test_matrices_are_read_only():
    a = Anatomy()
    m = kin.bone_matrices(make_pose(a), a, make_rig())["femur_l"]
    with pytest.raises(ValueError):
        m[0, 0] = 2.0


@pytest.mark.parametrize("bad", [[float("nan"), 0.0, 0.0], [0.0, 1.0], "knee"])
def test_a_malformed_joint_is_named_in_the_error(bad):
    a = Anatomy()
    pose = make_pose(a)
    joints = dict(pose.joints)
    joints["shoulder_r"] = bad
    broken = Pose(**{f: getattr(pose, f) for f in Pose.__slots__ if f != "joints"}, joints=joints)
    with pytest.raises(ValueError, match="shoulder_r"):
        kin.bone_matrices(broken, a, make_rig())


def test_every_matrix_follows_the_render_contract_formula():
    """M = [R·S | p + R·S·(c_bone − c_segment_ref)] for each bone, from its segment's frame."""
    a = Anatomy(height_m=1.62, trunk_length_ratio=1.1)
    pose = make_pose(a, thigh_deg=-40.0, shank_deg=25.0, tilt_deg=12.0)
    rig = make_rig()
    frames = kin.segment_frames(pose, a)
    mats = kin.matrices_from_frames(frames, rig)
    ref = kin.reference_origins()
    for bone_id, spec in rig.items():
        if spec["segment"] not in frames:  # a prop without a load stays parked (own test)
            continue
        fr = frames[spec["segment"]]
        rs = fr.rotation * fr.scale[None, :]
        expected = np.eye(4)
        expected[:3, :3] = rs
        expected[:3, 3] = fr.origin + rs @ (np.asarray(spec["joint_centre"]) - ref[spec["segment"]])
        np.testing.assert_allclose(mats[bone_id], expected, atol=1e-12, err_msg=bone_id)
