"""The home tests' positions: the legs turned by the test's hip and knee angles, bones kept whole."""

from __future__ import annotations

import math

import numpy as np
import pytest

from viewer.model.anatomy import Anatomy
from viewer.model.squat import sweep
from viewer.render.test_pictures import POSITIONS, PicturePose, posed_for


def _angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    return math.degrees(math.acos(np.clip(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b), -1.0, 1.0)))


@pytest.mark.parametrize("key", sorted(POSITIONS))
def test_every_position_keeps_the_bones_lengths(key):
    anatomy = Anatomy()
    position = POSITIONS[key]
    base = sweep(anatomy).pose_at(position.thigh_angle_deg)
    pose = posed_for(anatomy, position)
    for side in ("l", "r"):
        for a, b in (("hip", "knee"), ("knee", "ankle"), ("ankle", "toe"), ("heel", "toe")):
            before = np.linalg.norm(base.joints[f"{a}_{side}"] - base.joints[f"{b}_{side}"])
            after = np.linalg.norm(pose.joints[f"{a}_{side}"] - pose.joints[f"{b}_{side}"])
            assert after == pytest.approx(before, abs=1e-9)
    assert pose.pelvic_tuck_deg == 0.0 and pose.lumbar_curve_deg > 0.0  # no squat banners in a picture


def test_a_leg_is_flexed_at_the_hip_and_knee_by_the_tests_angles():
    pose = posed_for(Anatomy(), PicturePose(leg_flexion={"l": (115.0, 120.0)}))
    j = pose.joints
    thigh = j["knee_l"] - j["hip_l"]
    shin = j["ankle_l"] - j["knee_l"]
    assert _angle_deg(thigh * [1, 1, 0], np.array([0.0, -1.0, 0.0])) == pytest.approx(115.0, abs=1.0)  # from hanging
    sagittal = np.array([1.0, 1.0, 0.0])  # the turns are about the side-to-side axis: seen from the side
    assert _angle_deg(thigh * sagittal, shin * sagittal) == pytest.approx(120.0, abs=1.0)  # the knee's bend
    assert thigh[0] > 0 and thigh[1] > 0  # forward and up: toward the chest
    standing = sweep(Anatomy()).pose_at(-90.0).joints
    for name in ("knee_r", "ankle_r", "toe_r"):  # the other leg stays as it stood
        np.testing.assert_array_equal(j[name], standing[name])


def test_internal_rotation_swings_the_foot_away_from_the_midline():
    flexed = PicturePose(leg_flexion={"l": (90.0, 90.0)})
    turned = PicturePose(leg_flexion={"l": (90.0, 90.0)}, leg_rotation={"l": 30.0})
    a, b = posed_for(Anatomy(), flexed).joints, posed_for(Anatomy(), turned).joints
    assert b["ankle_l"][2] < a["ankle_l"][2] - 0.1  # the left foot goes further left (−z)
    assert _angle_deg(a["ankle_l"] - a["knee_l"], b["ankle_l"] - b["knee_l"]) == pytest.approx(30.0, abs=1.0)
