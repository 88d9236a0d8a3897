"""Synthetic poses for render tests: rigid, planar, with known tuck, lumbar curve and hip-stop state.

They stand in for ``squat.solve`` so that the pixels tested depend only on the scene code.
"""

from __future__ import annotations

import math

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.anthropometry import segments, standing_landmarks
from viewer.model.pose import Pose

#: Lumbar flexion (°) at which the synthetic poses' lumbar curve is flat (the model's default: half of 50°).
FLAT_DEG = 25.0


def _rz(deg: float) -> np.ndarray:
    a = math.radians(-deg)  # forward turn
    return np.array([[math.cos(a), -math.sin(a), 0.0], [math.sin(a), math.cos(a), 0.0], [0, 0, 1.0]])


def make_pose(anatomy: Anatomy, *, thigh_deg: float = -90.0, shank_deg: float = 0.0, tilt_deg: float = 0.0,
              lumbar_deg: float = 0.0, at_stop: bool = False, toe_out_deg: float = 0.0,
              tuck_deg: float = 0.0, added_deg: float = 0.0, curve_deg: float | None = None) -> Pose:
    """Pose with the feet flat, the given segment angles, lumbar flexion spread 10/15/20/25/30 % L1→S1.

    Derived figures: ``pelvic_tuck_deg`` = ``tuck_deg``, ``lumbar_flexion_added_deg`` = ``added_deg``,
    ``lumbar_curve_deg`` = ``curve_deg`` (default: :data:`FLAT_DEG` − lumbar flexion).
    """
    seg = segments(anatomy)
    lm = standing_landmarks(seg)
    half = seg.hip_width_m / 2.0
    j: dict[str, np.ndarray] = {}
    for s, sign in (("l", -1.0), ("r", 1.0)):
        ankle = np.array([0.0, seg.ankle_height_m, sign * half])
        yaw = math.radians(toe_out_deg) * sign
        fwd = np.array([math.cos(yaw), 0.0, math.sin(yaw)])
        j[f"toe_{s}"] = np.array([0.0, 0.0, sign * half]) + fwd * seg.ankle_to_toe_m
        j[f"heel_{s}"] = np.array([0.0, 0.0, sign * half]) - fwd * seg.heel_to_ankle_m
        j[f"ankle_{s}"] = ankle
        sh = math.radians(shank_deg)
        knee = ankle + seg.shank_length_m * np.array([math.sin(sh), math.cos(sh), 0.0])
        th = math.radians(thigh_deg)
        j[f"knee_{s}"] = knee
        j[f"hip_{s}"] = knee - seg.thigh_length_m * np.array([math.cos(th), math.sin(th), 0.0])
    mid = 0.5 * (j["hip_l"] + j["hip_r"])
    j["mid_hip"] = mid
    j["lumbosacral"] = mid + _rz(tilt_deg) @ (lm["lumbosacral"] - lm["mid_hip"])
    levels = np.array([0.10, 0.15, 0.20, 0.25, 0.30]) * lumbar_deg
    angle, p = tilt_deg, j["lumbosacral"].copy()
    for lev in levels[::-1]:
        angle += lev
        p = p + _rz(angle) @ np.array([0.0, seg.lumbar_length_m / 5.0, 0.0])
    j["thoracolumbar"] = p
    j["neck"] = p + _rz(angle) @ (lm["neck"] - lm["thoracolumbar"])
    j["head"] = j["neck"] + _rz(min(angle, 30.0)) @ (lm["head"] - lm["neck"])
    for s in ("l", "r"):
        j[f"shoulder_{s}"] = j["neck"] + _rz(angle) @ (lm[f"shoulder_{s}"] - lm["neck"])
    j["com"] = np.array([0.06, mid[1] + 0.1, 0.0])
    rim = {s: j[f"hip_{s}"] + _rz(tilt_deg) @ np.array([0.03, 0.02, 0.0]) for s in ("l", "r")}
    hip_flex = (thigh_deg + 90.0) + tilt_deg
    return Pose(thigh_angle_deg=thigh_deg, ankle_dorsiflexion_deg=shank_deg,
                knee_flexion_deg=thigh_deg + 90 + shank_deg,
                hip_flexion_deg=hip_flex, hip_abduction_deg=0.0, hip_external_rotation_deg=0.0,
                pelvic_tilt_deg=tilt_deg, lumbar_flexion_deg=float(levels.sum()), lumbar_levels_deg=levels,
                trunk_lean_deg=angle, hip_height_pct_leg=50.0, com_x_m=0.06, hip_stop_deg=100.0,
                hip_stop_margin_deg=0.0 if at_stop else 20.0, balanced=True,
                limits=frozenset({"hip_stop"}) if at_stop else frozenset(), joints=j, rim_contact=rim,
                muscles={"semimembranosus": 1.08, "biceps_femoris_long_head": 1.1, "rectus_femoris": 0.99},
                pelvic_tuck_deg=tuck_deg, lumbar_flexion_added_deg=added_deg,
                lumbar_curve_deg=FLAT_DEG - float(levels.sum()) if curve_deg is None else curve_deg)


def standing(anatomy: Anatomy) -> Pose:
    """Standing: lumbar curve +25° (curved in), no tuck."""
    return make_pose(anatomy)


def before_tuck(anatomy: Anatomy) -> Pose:
    """Above parallel, pelvis tilted forward, spine near neutral, hip clear of its stop."""
    return make_pose(anatomy, thigh_deg=-25.0, shank_deg=30.0, tilt_deg=20.0, lumbar_deg=8.0)


def deep_tucked(anatomy: Anatomy) -> Pose:
    """Below parallel with the pelvis tucked 20°: lumbar flexion 30° (22° added), curve −5° (rounded),
    hip at its stop."""
    return make_pose(anatomy, thigh_deg=15.0, shank_deg=38.0, tilt_deg=0.0, lumbar_deg=30.0, at_stop=True,
                     tuck_deg=20.0, added_deg=22.0)
