"""The model's own squat laid over the lifter's photo, and where the two differ (no Qt: numbers only).

The photo's clicked points (image pixels, y down; :data:`viewer.model.photo_fit.POINT_NAMES`) give its
thigh angle; the model solves the app's current anatomy at that depth (``viewer.model.squat.solve``), and
its right-side joints seen from the side are scaled so that the model's shin + thigh (side-projected)
are as long as the photo's, anchored at the photo's ankle and turned the way the photo faces.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.descent import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG
from viewer.model.photo_fit import PhotoMeasures, measure
from viewer.model.squat import solve

#: Outline joint → the model's joint (``Pose.joints`` key): the right side seen from the side, and the spine.
MODEL_JOINTS: Mapping[str, str] = MappingProxyType({
    "toe": "toe_r", "heel": "heel_r", "ankle": "ankle_r", "knee": "knee_r", "hip": "hip_r",
    "lumbosacral": "lumbosacral", "thoracolumbar": "thoracolumbar", "neck": "neck", "shoulder": "shoulder_r",
    "head": "head"})
#: Lines of the model's outline (pairs of :data:`MODEL_JOINTS` keys).
MODEL_BONES: tuple[tuple[str, str], ...] = (
    ("heel", "toe"), ("heel", "ankle"), ("ankle", "toe"), ("ankle", "knee"), ("knee", "hip"),
    ("hip", "lumbosacral"), ("lumbosacral", "thoracolumbar"), ("thoracolumbar", "neck"), ("neck", "head"),
    ("neck", "shoulder"))
#: Lines between the photo's clicked points.
PHOTO_BONES: tuple[tuple[str, str], ...] = (
    ("heel", "toe"), ("ankle", "knee"), ("knee", "hip"), ("hip", "shoulder"), ("shoulder", "ear"))
#: Differences below these are called a match (degrees; share of a length ratio).
ANGLE_MATCH_DEG = 3.0
RATIO_MATCH = 0.03
#: Radius of the head drawn around the model's head centre (m): de Leva's head, ≈ 0.2 m tall.
HEAD_RADIUS_M = 0.1


@dataclass(frozen=True, slots=True)
class Comparison:
    """The photo against the model at the photo's depth.

    Attributes:
        measures: what the photo shows (:func:`viewer.model.photo_fit.measure`).
        joints_px: the model's outline joints (:data:`MODEL_JOINTS` keys) in image pixels (x, y down).
        px_per_m: the outline's scale (photo shin + thigh pixels ÷ the model's side-projected metres).
        head_radius_px: :data:`HEAD_RADIUS_M` at that scale.
        model_shin_deg: the model's shin from vertical (°, + knee forward of the ankle).
        model_trunk_lean_deg: the model's hip→shoulder line from vertical (°, + forward).
        photo_thigh_to_shin, model_thigh_to_shin: thigh length ÷ shin length (side view).
        photo_trunk_to_shin, model_trunk_to_shin: hip→shoulder ÷ shin length (side view).
        notes: plain sentences for each difference beyond :data:`ANGLE_MATCH_DEG` / :data:`RATIO_MATCH`.
    """

    measures: PhotoMeasures
    joints_px: Mapping[str, tuple[float, float]]
    px_per_m: float
    head_radius_px: float
    model_shin_deg: float
    model_trunk_lean_deg: float
    photo_thigh_to_shin: float
    model_thigh_to_shin: float
    photo_trunk_to_shin: float
    model_trunk_to_shin: float
    notes: tuple[str, ...]


def _angle_note(what: str, photo: float, model: float, more: str, less: str) -> str | None:
    diff = photo - model
    if abs(diff) < ANGLE_MATCH_DEG:
        return None
    return f"{what} {abs(diff):.0f}° {more if diff > 0 else less} the model's."


def _ratio_note(what: str, photo: float, model: float) -> str | None:
    rel = photo / model - 1.0
    if abs(rel) < RATIO_MATCH:
        return None
    return f"{what} is {abs(rel):.0%} {'longer' if rel > 0 else 'shorter'} than the model's."


def compare(points: Mapping[str, object], anatomy: Anatomy) -> Comparison:
    """Measure the photo's ``points`` (image pixels, y down) and lay ``anatomy``'s squat over them.

    Raises ``ValueError`` (the message says what the photo needs) as :func:`measure` does, and when the
    photo's thigh angle is outside the model's range.
    """
    m = measure(points, anatomy)
    theta = m.thigh_below_horizontal_deg
    if not THIGH_ANGLE_MIN_DEG <= theta <= THIGH_ANGLE_MAX_DEG:
        raise ValueError(f"the thigh in the photo is {theta:.0f}° below horizontal; a squat photo shows it "
                         f"between {THIGH_ANGLE_MIN_DEG:g}° (standing) and {THIGH_ANGLE_MAX_DEG:g}°")
    joints = solve(anatomy, theta).joints
    side = {k: np.asarray(joints[v], dtype=float)[:2] for k, v in MODEL_JOINTS.items()}
    shank_m = float(np.hypot(*(side["knee"] - side["ankle"])))
    thigh_m = float(np.hypot(*(side["hip"] - side["knee"])))
    trunk_m = float(np.hypot(*(side["shoulder"] - side["hip"])))
    px_per_m = (m.shank_px + m.thigh_px) / (shank_m + thigh_m)
    sign = 1.0 if m.facing == "right" else -1.0
    ax, ay = (float(points["ankle"][0]), float(points["ankle"][1]))  # type: ignore[index]
    joints_px = MappingProxyType({
        k: (ax + sign * px_per_m * float(v[0] - side["ankle"][0]), ay - px_per_m * float(v[1] - side["ankle"][1]))
        for k, v in side.items()})
    shin = side["knee"] - side["ankle"]
    trunk = side["shoulder"] - side["hip"]
    model_shin = math.degrees(math.atan2(shin[0], shin[1]))
    model_lean = math.degrees(math.atan2(trunk[0], trunk[1]))
    photo_t2s, model_t2s = m.thigh_px / m.shank_px, thigh_m / shank_m
    photo_t2s_trunk, model_t2s_trunk = m.trunk_px / m.shank_px, trunk_m / shank_m
    notes = [n for n in (
        _angle_note("Your trunk leans", m.trunk_lean_deg, model_lean, "more than", "less than"),
        _angle_note("Your knees travel", m.shin_from_vertical_deg, model_shin, "further forward than",
                    "less far forward than"),
        _ratio_note("Your thigh, measured against your shin,", photo_t2s, model_t2s),
        _ratio_note("Your trunk (hip to shoulder), measured against your shin,", photo_t2s_trunk, model_t2s_trunk),
    ) if n]
    if not notes:
        notes.append(f"The model matches your photo within {ANGLE_MATCH_DEG:g}° and {RATIO_MATCH:.0%}.")
    return Comparison(measures=m, joints_px=joints_px, px_per_m=px_per_m,
                      head_radius_px=HEAD_RADIUS_M * px_per_m, model_shin_deg=model_shin,
                      model_trunk_lean_deg=model_lean, photo_thigh_to_shin=photo_t2s, model_thigh_to_shin=model_t2s,
                      photo_trunk_to_shin=photo_t2s_trunk, model_trunk_to_shin=model_t2s_trunk, notes=tuple(notes))


__all__ = ["ANGLE_MATCH_DEG", "Comparison", "HEAD_RADIUS_M", "MODEL_BONES", "MODEL_JOINTS", "PHOTO_BONES",
           "RATIO_MATCH", "compare"]
