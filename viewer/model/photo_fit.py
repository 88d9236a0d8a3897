"""A side-view photo of the lifter's squat: measure it, check it, and fit the model's pose to it.

Input: clicked image points (pixels, x right, y **down**) named :data:`POINT_NAMES`: heel, toe (tip),
ankle (lateral malleolus), knee (femoral epicondyle), hip (greater trochanter), shoulder and ear. The
skin landmarks are taken as the joint centres the model uses [D: each sits a centimetre or two off
its joint centre; that is part of the click error below].

**Measures** (:func:`measure`): the side of the photo the lifter faces, the shin's angle from vertical,
the thigh's angle below horizontal (the model's depth), the hip→shoulder line from vertical (trunk
lean) and the segment lengths. The photo has no scale of its own: the foot (heel to toe tip) is the
ruler, at de Leva's foot length for the lifter's height and sex, seen from the side as the model places
it (turned out by the toe-out, tilted by a heel plate). A foot 5 % longer than average therefore reads as
every other segment 5 % shorter.

**Fit** (:func:`fit_photo`): the depth is the photo's thigh angle; the inputs a side photo can show are
set so the model's pose at that depth matches it:

* thigh and shank length ratios: the model's side-projected segment ÷ the photo's (fixed point, a few
  iterations); trunk length ratio the same with the hip→shoulder distance;
* ankle dorsiflexion: the shin angle is the dorsiflexion *used* (plus the heel plate's tilt). Where the
  model's knees would travel further than the photo shows, the dorsiflexion is set to what the photo
  uses (the ankle then holds the knees, as in the photo); where the photo's knees are further forward
  than the model's pattern, the dorsiflexion is raised to at least what the photo uses and the shin's
  remaining difference is reported.

The trunk lean is an output of the model's balance, not an input: it is reported next to the photo's.
Stated error (synthetic photos from the model's own poses, tests/model/test_photo_fit.py): the
dorsiflexion used within 0.5° and the length ratios within 0.01. For a real photo the clicks dominate:
:data:`CLICK_ERROR_PX` per point gives the spreads in :attr:`PhotoFit.sd`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .anatomy import Anatomy
from .descent import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG
from .params import SPECS_BY_NAME
from .self_tests import SELF_TESTS, Observation
from .squat import solve

POINT_NAMES: tuple[str, ...] = ("heel", "toe", "ankle", "knee", "hip", "shoulder", "ear")
#: [E] how far a click lands from the landmark (pixels, 1 SD per coordinate) in a phone photo.
CLICK_ERROR_PX = 5.0
#: A side view shows the foot at ≈ 0.59 of the shin's length (de Leva); a front view hides it. Below this
#: share the photo is not read as a side view.
MIN_FOOT_TO_SHIN = 0.30
#: The heel→toe line may rise at most this much (°) in a side view (heel plates tilt the foot ≤ 15°).
MAX_FOOT_SLOPE_DEG = 25.0
_ITERATIONS = 8
#: Shoulder miss (m) above which the trunk ratio is searched for directly; golden-section steps.
_REFINE_ABOVE_M = 0.005
_GOLDEN_STEPS = 14
_RATIOS = ("thigh_length_ratio", "shank_length_ratio", "trunk_length_ratio")


@dataclass(frozen=True, slots=True)
class PhotoMeasures:
    """What the photo shows, in the model's side plane (x forward, y up; metres after scaling by the foot).

    Attributes:
        facing: "right" or "left" (which way the toes point in the image).
        shin_from_vertical_deg: ankle→knee from vertical, + knee in front of the ankle.
        thigh_below_horizontal_deg: hip→knee below horizontal (the model's depth; + hip below the knee).
        trunk_lean_deg: hip→shoulder line from vertical, + forward.
        metres_per_px: the scale (de Leva foot length ÷ heel→toe in pixels).
        points_m: each point in metres, relative to the ankle (x forward, y up).
        foot_px, shank_px, thigh_px, trunk_px: heel→toe, ankle→knee, knee→hip, hip→shoulder lengths (px).
    """

    facing: str
    shin_from_vertical_deg: float
    thigh_below_horizontal_deg: float
    trunk_lean_deg: float
    metres_per_px: float
    points_m: Mapping[str, tuple[float, float]]
    foot_px: float
    shank_px: float
    thigh_px: float
    trunk_px: float


def model_foot_side_m(anatomy: Anatomy) -> float:
    """Heel→toe distance (m) of the model's foot seen from the side: de Leva's foot for the height and sex,
    turned out by the toe-out and tilted by the heel plate as the model places it (the photo's ruler)."""
    j = solve(anatomy, THIGH_ANGLE_MIN_DEG).joints
    return float(np.hypot(*(np.asarray(j["toe_r"])[:2] - np.asarray(j["heel_r"])[:2])))


def _points(points: Mapping[str, object]) -> dict[str, np.ndarray]:
    if not isinstance(points, Mapping):
        raise ValueError(f"the photo's points must be a mapping of names to (x, y) pixels, got "
                         f"{type(points).__name__}")
    missing = [n for n in POINT_NAMES if n not in points]
    unknown = [str(n) for n in points if n not in POINT_NAMES]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown {', '.join(unknown)}")
        raise ValueError(f"the photo needs the points {', '.join(POINT_NAMES)} ({'; '.join(parts)})")
    out = {}
    for name in POINT_NAMES:
        p = points[name]
        try:
            xy = np.array([float(p[0]), float(p[1])])  # type: ignore[index]
            if len(p) != 2:  # type: ignore[arg-type]
                raise ValueError
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"the {name} point must be two numbers (x, y pixels), got {p!r}") from None
        if not np.all(np.isfinite(xy)):
            raise ValueError(f"the {name} point must be finite pixel coordinates, got {p!r}")
        out[name] = xy
    return out


def measure(points: Mapping[str, object], anatomy: Anatomy) -> PhotoMeasures:
    """Read a side-view squat photo's clicked points (pixels, y down) for ``anatomy``'s body.

    Raises ``ValueError`` with what the photo needs when points are missing or not numbers, coincide,
    are in an impossible order (e.g. the knee below the ankle, the shoulder below the hip, the ear below
    the shoulder, the ankle not over the foot) or the photo is not a side view (the foot is
    foreshortened or tilted).
    """
    p = _points(points)
    # image → side plane: y up; x toward the toes
    up = {n: np.array([v[0], -v[1]]) for n, v in p.items()}
    foot_vec = up["toe"] - up["heel"]
    foot_px = float(np.hypot(*foot_vec))
    shank_px = float(np.hypot(*(up["knee"] - up["ankle"])))
    thigh_px = float(np.hypot(*(up["hip"] - up["knee"])))
    trunk_px = float(np.hypot(*(up["shoulder"] - up["hip"])))
    head_px = float(np.hypot(*(up["ear"] - up["shoulder"])))
    scale = max(foot_px, shank_px, thigh_px, trunk_px, 1.0)
    for name, length in (("heel and toe", foot_px), ("ankle and knee", shank_px), ("knee and hip", thigh_px),
                         ("hip and shoulder", trunk_px), ("shoulder and ear", head_px)):
        if length < 0.02 * scale:
            raise ValueError(f"the {name} points are on top of each other: click each landmark where it is")
    facing = "right" if foot_vec[0] > 0 else "left"
    sign = 1.0 if facing == "right" else -1.0
    side = {n: np.array([sign * v[0], v[1]]) for n, v in up.items()}
    slope = math.degrees(math.atan2(abs(foot_vec[1]), abs(foot_vec[0]))) if foot_vec[0] else 90.0
    if foot_px < MIN_FOOT_TO_SHIN * shank_px or slope > MAX_FOOT_SLOPE_DEG:
        raise ValueError(
            f"this does not look like a side view: the foot (heel to toe) is {foot_px / shank_px:.0%} of the "
            f"shin's length at {slope:.0f}° to the horizontal; a side view shows it at about 60 % and nearly "
            f"level. Take the photo from the side, the camera at hip height, the whole body in the picture.")
    order = (
        (side["knee"][1] > side["ankle"][1], "the knee must be above the ankle"),
        (side["ankle"][1] > min(side["heel"][1], side["toe"][1]), "the ankle must be above the heel and toe"),
        (side["hip"][1] > side["ankle"][1], "the hip must be above the ankle"),
        (side["shoulder"][1] > side["hip"][1], "the shoulder must be above the hip"),
        (side["ear"][1] > side["shoulder"][1], "the ear must be above the shoulder"),
        (side["heel"][0] - 0.3 * foot_px <= side["ankle"][0] <= side["toe"][0],
         "the ankle must be over the foot, between heel and toe"),
    )
    for ok, text in order:
        if not ok:
            raise ValueError(f"the points are in an impossible order: {text}. Check that each point is on "
                             f"its landmark ({', '.join(POINT_NAMES)}).")
    metres_per_px = model_foot_side_m(anatomy) / foot_px
    shin = side["knee"] - side["ankle"]
    thigh = side["knee"] - side["hip"]
    trunk = side["shoulder"] - side["hip"]
    pts = MappingProxyType({n: (float((v[0] - side["ankle"][0]) * metres_per_px),
                                float((v[1] - side["ankle"][1]) * metres_per_px)) for n, v in side.items()})
    return PhotoMeasures(
        facing=facing,
        shin_from_vertical_deg=math.degrees(math.atan2(shin[0], shin[1])),
        thigh_below_horizontal_deg=math.degrees(math.atan2(thigh[1], thigh[0])),
        trunk_lean_deg=math.degrees(math.atan2(trunk[0], trunk[1])),
        metres_per_px=metres_per_px, points_m=pts,
        foot_px=foot_px, shank_px=shank_px, thigh_px=thigh_px, trunk_px=trunk_px)


@dataclass(frozen=True, slots=True)
class PhotoFit:
    """The model fitted to a photo.

    Attributes:
        measures: what the photo shows.
        anatomy: the anatomy with the photo's inputs set.
        thigh_angle_deg: the depth (° below horizontal).
        changes: parameter → (before, after) for every input the fit changed.
        dorsiflexion_used_deg: the photo's shin angle less the heel plate's tilt.
        shin_error_deg, trunk_lean_error_deg: model − photo at the fitted depth (°); the trunk lean is
            the model's prediction (balance), not fitted.
        joint_error_m: RMS distance of the model's knee, hip and shoulder from the photo's (ankle on ankle).
        sd: spread (1 SD) of the fitted inputs from :data:`CLICK_ERROR_PX` per click.
        notes: what the fit could not do (a ratio at its range's end, knees further forward than the model).
        ankle_holds: whether the photo's knees travel less than the model's pattern would at this depth,
            so that the ankle's range (not the pattern) sets the shin: then the photo reads the range
            itself; otherwise only a lower bound.
    """

    measures: PhotoMeasures
    anatomy: Anatomy
    thigh_angle_deg: float
    changes: Mapping[str, tuple[float, float]]
    dorsiflexion_used_deg: float
    shin_error_deg: float
    trunk_lean_error_deg: float
    joint_error_m: float
    sd: Mapping[str, float]
    notes: tuple[str, ...]
    ankle_holds: bool

    def observations(self) -> tuple[Observation, ...]:
        """The photo as results for :func:`viewer.model.uncertain_anatomy.combine`: the three length ratios,
        and the ankle dorsiflexion where the ankle holds the knees (elsewhere the photo only shows a lower
        bound, which the combination does not take), each with its spread from the clicks."""
        out = [Observation(SELF_TESTS[key], float(getattr(self.anatomy, name)), "photo", float(self.sd[name]))
               for key, name in (("photo_thigh", "thigh_length_ratio"), ("photo_shank", "shank_length_ratio"),
                                 ("photo_trunk", "trunk_length_ratio"))]
        if self.ankle_holds:
            out.append(Observation(SELF_TESTS["photo_dorsiflexion"], self.dorsiflexion_used_deg, "photo",
                                   float(self.sd["dorsiflexion_used_deg"])))
        return tuple(out)


def _model_side(anatomy: Anatomy, thigh_deg: float) -> tuple[dict[str, np.ndarray], float]:
    """The model's right-side joints at ``thigh_deg`` in the side plane (relative to the ankle), and its
    shin inclination (° from vertical, sagittal)."""
    pose = solve(anatomy, thigh_deg)
    j = pose.joints
    ankle = np.asarray(j["ankle_r"])[:2]
    pts = {"knee": np.asarray(j["knee_r"])[:2] - ankle, "hip": np.asarray(j["hip_r"])[:2] - ankle,
           "shoulder": np.asarray(j["shoulder_r"])[:2] - ankle}
    shin = math.degrees(math.atan2(pts["knee"][0], pts["knee"][1]))
    return pts, shin


def _range_reaching_the_shin(anatomy: Anatomy, theta: float, photo_shin_deg: float, tolerance_deg: float) -> Anatomy:
    """The smallest ankle dorsiflexion (°, bisected to 0.02°) whose descent reaches the photo's shin at ``theta``.

    Dorsiflexion used can peak above the bottom's: a lifter whose range is the bottom's value meets it
    earlier in the descent and keeps the knees back from there, so the model's shin stays behind the
    photo's. Unchanged when the model's shin already reaches the photo's, or when no range in the model
    does.
    """
    def reaches(df: float) -> bool:
        return _model_side(anatomy.replace(ankle_dorsiflexion_deg=df), theta)[1] >= photo_shin_deg - tolerance_deg

    lo, hi = anatomy.ankle_dorsiflexion_deg, SPECS_BY_NAME["ankle_dorsiflexion_deg"].maximum
    if reaches(lo) or not reaches(hi):
        return anatomy
    while hi - lo > 0.02:
        mid = (lo + hi) / 2.0
        lo, hi = (lo, mid) if reaches(mid) else (mid, hi)
    return anatomy.replace(ankle_dorsiflexion_deg=hi)


def _shoulder_miss_m(anatomy: Anatomy, theta: float, shoulder: np.ndarray) -> float:
    return float(np.hypot(*(_model_side(anatomy, theta)[0]["shoulder"] - shoulder)))


def _refine_trunk(anatomy: Anatomy, theta: float, shoulder: np.ndarray) -> Anatomy:
    """Golden-section search of the trunk ratio (over its range) for the least shoulder miss."""
    s = SPECS_BY_NAME["trunk_length_ratio"]
    lo, hi = s.minimum, s.maximum
    g = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa = _shoulder_miss_m(anatomy.replace(trunk_length_ratio=a), theta, shoulder)
    fb = _shoulder_miss_m(anatomy.replace(trunk_length_ratio=b), theta, shoulder)
    for _ in range(_GOLDEN_STEPS):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = _shoulder_miss_m(anatomy.replace(trunk_length_ratio=a), theta, shoulder)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = _shoulder_miss_m(anatomy.replace(trunk_length_ratio=b), theta, shoulder)
    best = anatomy.replace(trunk_length_ratio=(lo + hi) / 2.0)
    return best if _shoulder_miss_m(best, theta, shoulder) < _shoulder_miss_m(anatomy, theta, shoulder) else anatomy


def fit_photo(points: Mapping[str, object], anatomy: Anatomy, shin_tolerance_deg: float = 0.25) -> PhotoFit:
    """Fit ``anatomy``'s depth, length ratios and ankle dorsiflexion to a side-view squat photo.

    ``anatomy`` gives the height, sex, stance, load and heel plates (what the photo cannot show). Raises
    ``ValueError`` as :func:`measure` does, and when the photo's thigh angle is outside the model's
    range.
    """
    if not isinstance(anatomy, Anatomy):
        raise TypeError(f"anatomy must be an Anatomy, got {type(anatomy).__name__}")
    m = measure(points, anatomy)
    theta = m.thigh_below_horizontal_deg
    if not THIGH_ANGLE_MIN_DEG <= theta <= THIGH_ANGLE_MAX_DEG:
        raise ValueError(f"the thigh in the photo is {theta:.0f}° below horizontal; a squat photo shows it between "
                         f"{THIGH_ANGLE_MIN_DEG:g}° (standing) and {THIGH_ANGLE_MAX_DEG:g}°")
    photo = {n: np.array(m.points_m[n]) for n in ("knee", "hip", "shoulder")}
    photo_len = {"shank_length_ratio": float(np.hypot(*photo["knee"])),
                 "thigh_length_ratio": float(np.hypot(*(photo["hip"] - photo["knee"]))),
                 "trunk_length_ratio": float(np.hypot(*(photo["shoulder"] - photo["hip"])))}
    fitted = anatomy
    tilt = solve(anatomy, theta).foot_tilt_deg
    used = m.shin_from_vertical_deg - tilt
    notes: list[str] = []
    spec_df = SPECS_BY_NAME["ankle_dorsiflexion_deg"]
    if not spec_df.minimum <= used <= spec_df.maximum:
        notes.append(f"the photo's shin uses {used:.1f}° of dorsiflexion, outside the model's "
                     f"{spec_df.minimum:g}–{spec_df.maximum:g}°")
    for _ in range(_ITERATIONS):
        pts, shin = _model_side(fitted, theta)
        model_len = {"shank_length_ratio": float(np.hypot(*pts["knee"])),
                     "thigh_length_ratio": float(np.hypot(*(pts["hip"] - pts["knee"]))),
                     "trunk_length_ratio": float(np.hypot(*(pts["shoulder"] - pts["hip"])))}
        changes = {n: SPECS_BY_NAME[n].clip(getattr(fitted, n) * photo_len[n] / model_len[n]) for n in _RATIOS}
        df = fitted.ankle_dorsiflexion_deg
        if abs(shin - m.shin_from_vertical_deg) > shin_tolerance_deg / 4:
            # the ankle holds the knees where the model would travel further; otherwise at least the range used
            df = used if shin > m.shin_from_vertical_deg else max(df, used)
        changes["ankle_dorsiflexion_deg"] = SPECS_BY_NAME["ankle_dorsiflexion_deg"].clip(df)
        fitted = fitted.replace(**changes)
    fitted = _range_reaching_the_shin(fitted, theta, m.shin_from_vertical_deg, shin_tolerance_deg / 4)
    pts, shin = _model_side(fitted, theta)
    if float(np.hypot(*(pts["shoulder"] - photo["shoulder"]))) > _REFINE_ABOVE_M:
        # near the balance edge the hip→shoulder distance also follows the lumbar flexion, so its length
        # does not pin the trunk: take the trunk ratio that puts the shoulder where the photo has it
        fitted = _refine_trunk(fitted, theta, photo["shoulder"])
    # on the sliders' grid (≤ 0.0025 of a ratio, ≤ 0.1° of dorsiflexion), so the window shows these values
    snapped = _RATIOS + ("ankle_dorsiflexion_deg",)
    fitted = fitted.replace(**{n: SPECS_BY_NAME[n].snap(getattr(fitted, n)) for n in snapped})
    pts, shin = _model_side(fitted, theta)
    for n in _RATIOS:
        s = SPECS_BY_NAME[n]
        if getattr(fitted, n) in (s.minimum, s.maximum):
            notes.append(f"{s.label.lower()} is at the end of its range ({getattr(fitted, n):g}×): the photo's "
                         f"proportion is outside what the model holds, or the foot (the photo's ruler) is unusual")
    if shin < m.shin_from_vertical_deg - shin_tolerance_deg:
        notes.append(f"the knees in the photo are {m.shin_from_vertical_deg - shin:.1f}° further forward than the "
                     f"model's knee travel at this depth; the ankle range is set to at least what the photo uses")
    free, _ = _model_side(fitted.replace(ankle_dorsiflexion_deg=spec_df.maximum), theta)
    free_shin = math.degrees(math.atan2(free["knee"][0], free["knee"][1]))
    ankle_holds = free_shin > m.shin_from_vertical_deg + shin_tolerance_deg
    model_lean = math.degrees(math.atan2(*(pts["shoulder"] - pts["hip"])))
    err = math.sqrt(np.mean([float(np.sum((pts[n] - photo[n]) ** 2)) for n in photo]))
    changed = MappingProxyType({n: (getattr(anatomy, n), getattr(fitted, n)) for n in _RATIOS
                                + ("ankle_dorsiflexion_deg",) if getattr(anatomy, n) != getattr(fitted, n)})
    click = math.sqrt(2.0) * CLICK_ERROR_PX
    foot_rel = click / m.foot_px
    sd = MappingProxyType({
        "dorsiflexion_used_deg": math.degrees(click / m.shank_px),
        "thigh_angle_deg": math.degrees(click / m.thigh_px),
        "thigh_length_ratio": fitted.thigh_length_ratio * math.hypot(click / m.thigh_px, foot_rel),
        "shank_length_ratio": fitted.shank_length_ratio * math.hypot(click / m.shank_px, foot_rel),
        "trunk_length_ratio": fitted.trunk_length_ratio * math.hypot(click / m.trunk_px, foot_rel),
    })
    return PhotoFit(measures=m, anatomy=fitted, thigh_angle_deg=theta, changes=changed, dorsiflexion_used_deg=used,
                    shin_error_deg=shin - m.shin_from_vertical_deg, trunk_lean_error_deg=model_lean - m.trunk_lean_deg,
                    joint_error_m=err, sd=sd, notes=tuple(notes), ankle_holds=ankle_holds)


def side_points_px(anatomy: Anatomy, thigh_angle_deg: float, px_per_m: float = 400.0,
                   origin_px: tuple[float, float] = (300.0, 900.0),
                   facing: str = "right") -> dict[str, tuple[float, float]]:
    """The model's own pose as the clicks of a side-view photo (pixels, y down): heel, toe, ankle, knee,
    hip, shoulder of the right side and the head centre as the ear. For tests and a preview."""
    if facing not in ("right", "left"):
        raise ValueError(f"facing must be 'right' or 'left', got {facing!r}")
    j = solve(anatomy, thigh_angle_deg).joints
    names = {"heel": "heel_r", "toe": "toe_r", "ankle": "ankle_r", "knee": "knee_r", "hip": "hip_r",
             "shoulder": "shoulder_r", "ear": "head"}
    sign = 1.0 if facing == "right" else -1.0
    return {k: (origin_px[0] + sign * px_per_m * float(j[v][0]), origin_px[1] - px_per_m * float(j[v][1]))
            for k, v in names.items()}


__all__ = ["POINT_NAMES", "CLICK_ERROR_PX", "PhotoMeasures", "PhotoFit", "measure", "fit_photo", "side_points_px",
           "model_foot_side_m"]
