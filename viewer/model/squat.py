"""The squat model's public API: ``solve(anatomy, thigh_angle_deg) -> Pose``, ``sweep(anatomy) -> Sweep``.

Quasi-static, one pose per depth; the independent variable is the sagittal thigh angle below horizontal
(−90 standing, 0 parallel, + below). :mod:`.descent` walks the squat down once per anatomy and fixes the
trunk lean and pelvic tilt at every depth, with the onsets and the deepest point; everything else about a
pose (joint centres, COM, lumbar levels, rim contact, muscle lengths, flags) follows from (thigh angle,
lean, tilt) here. ``sweep`` and ``solve`` read the same descent, which is cached per ``Anatomy`` (one LRU).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .anatomy import Anatomy
from .descent import (
    THIGH_ANGLE_MAX_DEG,
    THIGH_ANGLE_MIN_DEG,
    Body,
    Descent,
    arm_moments,
    body_constants,
    body_leg_moments,
    descend,
    legs_at,
)
from .frontal import side_outputs
from .legs import KNEE_MAX_DEG, LegChain
from .muscles import muscle_lengths
from .pose import JOINT_NAMES, LIMIT_NAMES, MUSCLE_NAMES, SCALAR_FIELDS, Onset, Pose, Sweep
from .trunk import LUMBAR_LEVEL_WEIGHTS, TRUNK_LEAN_MAX_DEG, part_angles_deg, x_moment, y_moment

#: Depths a caller may ask to be shown (thigh angle, degrees): every depth the model reaches and the rest
#: of the way down; a request past an anatomy's deepest point shows that point.
DEPTH_LIMITS_DEG: tuple[float, float] = (THIGH_ANGLE_MIN_DEG, 90.0)
#: Points of the returned sweep, standing → deepest.
SWEEP_POINTS = 241
#: Numerical tolerance for the limit flags (°, m).
_TOL_DEG = 1e-6
_TOL_M = 1e-6


@dataclass(frozen=True, slots=True)
class _Solved:
    """One anatomy solved: its constants, its descent and its sweep (what the cache keeps)."""

    body: Body
    descent: Descent
    sweep: Sweep


def _rotate(a: float | np.ndarray, b: float | np.ndarray, ang_rad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Frame point (a anterior, b up) of a part turned forward by ``ang_rad`` → world (dx, dy)."""
    c, s = np.cos(ang_rad), np.sin(ang_rad)
    return a * c + b * s, -a * s + b * c




def _posture(body: Body, descent: Descent, thigh: np.ndarray) -> dict[str, object]:
    """Every output at the thigh angles ``thigh`` (N,): arrays (N,), (N, 3), (N, 5) and flags."""
    an, seg, foot, trunk = body.anatomy, body.seg, body.foot, body.trunk
    n = thigh.shape[0]
    lean, tilt, stop, caps = descent.state_at(thigh)
    legs = legs_at(body, thigh, caps)
    onset = descent.stop_onset_deg
    at_stop = np.zeros(n, dtype=bool) if onset is None else thigh >= onset
    tuck = descent.tuck_deg(thigh, tilt)
    peak = descent.peak_tilt_deg
    lumbar_at_onset = np.interp(onset, descent.thigh_deg, descent.lean_deg) - peak if onset is not None else 0.0
    legs_mx, legs_my = body_leg_moments(body, legs)
    arm_mx, arm_my = arm_moments(trunk, thigh)
    angles = part_angles_deg(lean, tilt)
    hip_x, hip_y = legs.hip[:, 0], legs.hip[:, 1]
    com_x = (legs_mx + trunk.mass_kg * hip_x + arm_mx + x_moment(trunk, angles)) / body.mass_kg
    com_y = (legs_my + trunk.mass_kg * hip_y + arm_my + y_moment(trunk, angles)) / body.mass_kg
    lumbar = lean - tilt
    flex_thigh = thigh + 90.0
    hip_flex = flex_thigh + tilt
    shortfall = np.interp(thigh, descent.thigh_deg, descent.balance_shortfall)
    balanced = (com_x >= foot.heel_x_m - _TOL_M) & (com_x <= foot.mtp_x_m + _TOL_M) & (shortfall <= 0.0)
    sided = side_outputs(body, thigh, legs, tilt, flex_thigh + tilt, stop)
    rim = sided.pop("rim_contact")
    if legs.pair is None:
        rotation = np.full(n, an.toe_out_deg)  # knees track the toes (§2b) [E]
    else:
        rotation = 0.5 * sum(leg.external_rotation_deg if leg.external_rotation_deg is not None
                             else np.full(n, side.anatomy.toe_out_deg) for leg, side in zip(legs.pair, body.sides,
                                                                                             strict=True))
    foot_tilt = foot.tilt_deg if body.sides is None else 0.5 * sum(side.foot.tilt_deg for side in body.sides)
    dorsi = legs.shank_incl_deg - foot_tilt
    muscles = muscle_lengths(hip_flex, legs.knee_flexion_deg, dorsi)
    flags = {
        "ankle": legs.at_ankle,
        "toes": legs.at_toes,
        "hip_stop": at_stop,
        "knee": legs.knee_flexion_deg >= KNEE_MAX_DEG - _TOL_DEG,
        "lumbar": lumbar >= an.lumbar_flexion_max_deg - _TOL_DEG,
        "balance": ~balanced,
    }
    return {
        "thigh_angle_deg": thigh,
        "ankle_dorsiflexion_deg": dorsi,
        "knee_flexion_deg": legs.knee_flexion_deg,
        "hip_flexion_deg": hip_flex,
        "hip_abduction_deg": legs.abduction_deg,
        "hip_external_rotation_deg": rotation,
        "pelvic_tilt_deg": tilt,
        "lumbar_flexion_deg": lumbar,
        "lumbar_levels_deg": lumbar[:, None] * np.asarray(LUMBAR_LEVEL_WEIGHTS)[None, :],
        "trunk_lean_deg": lean,
        "hip_height_pct_leg": 100.0 * hip_y / seg.leg_length_m,
        "com_x_m": com_x,
        "hip_stop_deg": stop,
        "hip_stop_margin_deg": stop - hip_flex,
        "balanced": balanced,
        "foot_tilt_deg": np.full(n, foot_tilt),
        "pelvic_tuck_deg": tuck,
        "hip_flexion_needed_deg": hip_flex + tuck,
        "lumbar_curve_deg": descent.flat_lumbar_flexion_deg - lumbar,
        "lumbar_flexion_added_deg": np.where(at_stop, np.maximum(lumbar - lumbar_at_onset, 0.0), 0.0),
        "joints": _joints(body, legs, angles, com_x, com_y, sided.pop("shift_m", None), sided.pop("com_z_m", None)),
        **sided,
        "rim_contact": rim,
        "muscles": {k: np.asarray(muscles[k], dtype=float) for k in MUSCLE_NAMES},
        "flags": flags,
    }


_JOINT_INDEX = {name: i for i, name in enumerate(JOINT_NAMES)}


def _joints(body: Body, legs: LegChain, angles: np.ndarray, com_x: np.ndarray, com_y: np.ndarray,
            shift_m: np.ndarray | None = None, com_z: np.ndarray | None = None) -> np.ndarray:
    """All joint centres as one array (N, len(JOINT_NAMES), 3), world frame, metres (left = mirrored right,
    or the left leg's own chain mirrored where the sides differ; everything above the hips moved by the
    pelvis's lateral shift ``shift_m`` (N,))."""
    seg, trunk = body.seg, body.trunk
    n = com_x.shape[0]
    out = np.zeros((n, len(JOINT_NAMES), 3))
    ix = _JOINT_INDEX
    mirror = np.array([1.0, 1.0, -1.0])
    feet = (body.foot, body.foot) if body.sides is None else (body.sides[0].foot, body.sides[1].foot)
    chains = (legs, legs) if legs.pair is None else legs.pair
    for name in ("toe", "heel", "ankle"):
        out[:, ix[f"{name}_r"]] = getattr(feet[1], name)
        out[:, ix[f"{name}_l"]] = np.asarray(getattr(feet[0], name)) * mirror
    out[:, ix["knee_r"]] = chains[1].knee
    out[:, ix["knee_l"]] = chains[0].knee * mirror
    out[:, ix["hip_r"]] = chains[1].hip
    out[:, ix["hip_l"]] = chains[0].hip * mirror
    hx, hy = legs.hip[:, 0], legs.hip[:, 1]
    out[:, ix["mid_hip"], 0] = hx
    out[:, ix["mid_hip"], 1] = hy
    rad = np.radians(angles)
    dx, dy = _rotate(trunk.lumbosacral[0], trunk.lumbosacral[1], rad[0])
    x, y = hx + dx, hy + dy
    out[:, ix["lumbosacral"], 0] = x
    out[:, ix["lumbosacral"], 1] = y
    step = trunk.lumbar_step_m
    x = x + step * np.sin(rad[1:6]).sum(axis=0)
    y = y + step * np.cos(rad[1:6]).sum(axis=0)
    out[:, ix["thoracolumbar"], 0] = x
    out[:, ix["thoracolumbar"], 1] = y
    c, s = np.cos(rad[6]), np.sin(rad[6])
    for name, (a, b) in (("neck", trunk.neck), ("head", trunk.head)):
        out[:, ix[name], 0] = x + a * c + b * s
        out[:, ix[name], 1] = y - a * s + b * c
    a, b = trunk.shoulder
    for name, z in (("shoulder_r", seg.shoulder_half_width_m), ("shoulder_l", -seg.shoulder_half_width_m)):
        out[:, ix[name], 0] = x + a * c + b * s
        out[:, ix[name], 1] = y - a * s + b * c
        out[:, ix[name], 2] = z
    out[:, ix["com"], 0] = com_x
    out[:, ix["com"], 1] = com_y
    if shift_m is not None:
        for name in ("hip_l", "hip_r", "mid_hip", "lumbosacral", "thoracolumbar", "neck", "head", "shoulder_l",
                     "shoulder_r"):
            out[:, ix[name], 2] += shift_m
        out[:, ix["com"], 2] = com_z
    return out


def _limit_sets(flags: dict[str, np.ndarray]) -> list[frozenset[str]]:
    """Per depth, the set of active limits (one shared frozenset per distinct combination)."""
    names = [name for name in LIMIT_NAMES if name in flags]
    codes = np.zeros(np.shape(flags[names[0]]), dtype=np.int64)
    for bit, name in enumerate(names):
        codes |= np.asarray(flags[name]).astype(np.int64) << bit
    sets = {code: frozenset(name for bit, name in enumerate(names) if code >> bit & 1)
            for code in np.unique(codes).tolist()}
    return [sets[code] for code in codes.tolist()]


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float) if a.dtype != bool else np.array(a)
    a.setflags(write=False)
    return a


def _pose_from(ev: dict[str, object], i: int, limits: frozenset[str]) -> Pose:
    row = np.array(ev["joints"][i])
    row.setflags(write=False)
    f = {k: float(np.asarray(ev[k])[i]) for k in SCALAR_FIELDS}
    return Pose(**f, lumbar_levels_deg=_ro(np.asarray(ev["lumbar_levels_deg"])[i]),
                balanced=bool(np.asarray(ev["balanced"])[i]), limits=limits,
                joints=MappingProxyType(dict(zip(JOINT_NAMES, row, strict=True))),
                rim_contact=MappingProxyType({k: _ro(np.asarray(v)[i]) for k, v in ev["rim_contact"].items()}),
                muscles=MappingProxyType({k: float(ev["muscles"][k][i]) for k in MUSCLE_NAMES}))


def _side_onsets(descent: Descent, onset: Callable[[float], Onset]) -> dict[str, object]:
    """Where each hip meets its own stop (``Onset`` or ``None`` past the deepest point) and which is first."""
    found = [None if x is None or x > descent.deepest_deg else x for x in descent.side_stop_onsets_deg]
    left, right = found
    if left is None and right is None:
        first = ""
    elif right is None or (left is not None and left < right):
        first = "l"
    elif left is None or right < left:
        first = "r"
    else:
        first = "both"
    return {"hip_stop_onset_l": None if left is None else onset(left),
            "hip_stop_onset_r": None if right is None else onset(right), "first_stop_side": first}


def _solve_anatomy(anatomy: Anatomy) -> _Solved:
    body = body_constants(anatomy)
    descent = descend(body)
    deep = descent.deepest_deg
    grid = np.linspace(THIGH_ANGLE_MIN_DEG, deep, SWEEP_POINTS)
    ev = _posture(body, descent, grid)
    limits = _limit_sets(ev["flags"])
    limited_by = descent.limited_by
    if deep > THIGH_ANGLE_MIN_DEG:
        limits[-1] = limits[-1] | {limited_by}
    def onset(x: float) -> Onset:
        return Onset(thigh_angle_deg=float(x), knee_flexion_deg=float(np.interp(x, grid, ev["knee_flexion_deg"])),
                     hip_height_pct_leg=float(np.interp(x, grid, ev["hip_height_pct_leg"])))

    tuck = onset(descent.tuck_onset_deg) if descent.tuck_onset_deg is not None else None
    rounding = onset(descent.rounding_onset_deg) if descent.rounding_onset_deg is not None else None
    falls = "back"
    if limited_by in ("balance", "ankle", "toes"):
        j = int(np.argmin(np.abs(descent.thigh_deg - deep)))
        forward = (float(ev["com_x_m"][-1]) - body.foot.mtp_x_m) * body.mass_kg
        falls = "forward" if forward > float(descent.balance_shortfall[j]) else "back"
    stack = np.asarray(ev["joints"])
    stack.setflags(write=False)
    sw = Sweep(**{k: _ro(np.asarray(ev[k])) for k in SCALAR_FIELDS},
               lumbar_levels_deg=_ro(np.asarray(ev["lumbar_levels_deg"])),
               balanced=_ro(np.asarray(ev["balanced"], dtype=bool)),
               limits=tuple(limits),
               joints=MappingProxyType({k: stack[:, i] for i, k in enumerate(JOINT_NAMES)}),
               rim_contact=MappingProxyType({k: _ro(v) for k, v in ev["rim_contact"].items()}),
               muscles=MappingProxyType({k: _ro(v) for k, v in ev["muscles"].items()}),
               tuck_onset=tuck, rounding_onset=rounding, deepest=onset(deep),
               deepest_limited_by=limited_by, flat_lumbar_flexion_deg=descent.flat_lumbar_flexion_deg,
               falls=falls, joints_stack=stack, **_side_onsets(descent, onset))
    return _Solved(body=body, descent=descent, sweep=sw)


# ----------------------------------------------------------------------------- public API
def check_thigh_angle(thigh_angle_deg: object,
                      limits_deg: tuple[float, float] = (THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG)) -> float:
    """Validate a thigh angle (° below horizontal, −90 standing) within ``limits_deg``; return it as float.

    The default limits are :func:`solve`'s; a depth to show (state, session, command line) may ask for
    :data:`DEPTH_LIMITS_DEG`. Raises ``TypeError`` for non-numbers and ``ValueError`` for NaN, infinities
    or values outside the limits (both messages name ``thigh_angle_deg``).
    """
    if isinstance(thigh_angle_deg, bool) or not isinstance(thigh_angle_deg, (int, float, np.floating, np.integer)):
        raise TypeError(f"thigh_angle_deg must be a number, got {thigh_angle_deg!r}")
    value = float(thigh_angle_deg)
    lo, hi = limits_deg
    if not math.isfinite(value) or not lo <= value <= hi:
        raise ValueError(f"thigh_angle_deg = {value:g} is out of range {lo:g}–{hi:g} °")
    return value


#: Anatomies kept solved (least recently used first out): the one shown, the A/B reference, the depth
#: advisor's levers and a slider drag's recent values; ≈ 0.2 MB each.
SWEEP_CACHE_SIZE = 128
_solved: OrderedDict[Anatomy, _Solved] = OrderedDict()


def _lookup(anatomy: Anatomy) -> _Solved:
    if not isinstance(anatomy, Anatomy):
        raise TypeError(f"anatomy must be an Anatomy, got {type(anatomy).__name__}")
    hit = _solved.get(anatomy)
    if hit is not None:
        _solved.move_to_end(anatomy)
        return hit
    built = _solve_anatomy(anatomy)
    _solved[anatomy] = built
    while len(_solved) > SWEEP_CACHE_SIZE:
        _solved.popitem(last=False)
    return built


def sweep(anatomy: Anatomy) -> Sweep:
    """The squat from standing to the deepest reachable depth, on a grid of SWEEP_POINTS thigh angles.

    Cached per anatomy (LRU, :data:`SWEEP_CACHE_SIZE`); arrays are read-only. Raises ``TypeError``
    for a non-Anatomy.
    """
    return _lookup(anatomy).sweep


def solve(anatomy: Anatomy, thigh_angle_deg: float) -> Pose:
    """The body at one depth.

    Args:
        anatomy: the lifter (validated :class:`Anatomy`).
        thigh_angle_deg: sagittal thigh angle below horizontal, degrees, in
            [THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG] (−90 standing, 0 parallel).

    Returns:
        A :class:`Pose` (metres, degrees). Depths past the deepest reachable are still solved (the lifter
        going on down the same way); their ``limits`` say what is exceeded (e.g. "lumbar", "knee").

    Raises:
        TypeError / ValueError: bad anatomy or thigh angle (the message names the parameter).
    """
    solved = _lookup(anatomy)
    th = check_thigh_angle(thigh_angle_deg)
    ev = _posture(solved.body, solved.descent, np.array([th]))
    limits = _limit_sets(ev["flags"])[0]
    return _pose_from(ev, 0, limits)


def clear_cache() -> None:
    """Forget every solved anatomy (benchmarks and tests)."""
    _solved.clear()


__all__ = ["solve", "sweep", "check_thigh_angle", "clear_cache", "THIGH_ANGLE_MIN_DEG",
           "THIGH_ANGLE_MAX_DEG", "DEPTH_LIMITS_DEG", "SWEEP_POINTS", "TRUNK_LEAN_MAX_DEG"]
