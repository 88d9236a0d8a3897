"""The squat solver: ``solve(anatomy, thigh_angle_deg) -> Pose`` and ``sweep(anatomy) -> Sweep``.

Quasi-static, one pose per depth; the independent variable is the sagittal thigh angle below
horizontal (−90 standing, 0 parallel, + below). At each depth (docs/model.md (Part A)):

1. the legs follow the knee-travel pattern, capped by ankle range + plate tilt, the toes
   (knees-behind-toes) and the knee's fold (``legs.py``);
2. stance and toe-out give hip abduction and external rotation; ``hip.hip_stops`` gives the
   effective hip stop there;
3. balance (whole-body COM incl. load on the mid-foot target) sets the trunk lean; before the
   stop the pelvis takes a share of the lean (rhythm), at the stop the pelvis is held by the
   stop and each further degree of depth tucks it (``trunk.py``);
4. lumbar flexion = lean − tilt, shared over L1–L5; limits and onsets are read off.

``sweep`` evaluates a dense grid in one vectorised pass (plus a coarse pass that finds the
deepest reachable depth) and is cached per ``Anatomy``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments, segments
from .hip import hip_stops
from .legs import KNEE_MAX_DEG, Foot, LegChain, LegConstants, leg_at, leg_chain, leg_constants, place_foot
from .muscles import muscle_lengths as _muscle_lengths
from .muscles import muscle_lengths_one
from .pose import JOINT_NAMES, LIMIT_NAMES, MUSCLE_NAMES, Onset, Pose, Sweep
from .trunk import (
    LUMBAR_LEVEL_WEIGHTS,
    NEAR_TIE,
    TRUNK_LEAN_MAX_DEG,
    Trunk,
    TrunkConstants,
    arm_raise_deg,
    interp_one,
    moments_one,
    part_angles_deg,
    part_angles_one,
    pre_stop_table,
    solve_balance,
    solve_balance_one,
    trunk_constants,
    trunk_model,
    x_moment,
    y_moment,
)

#: Allowed thigh angles for ``solve`` (°). 70° below horizontal is past every knee's fold.
THIGH_ANGLE_MIN_DEG = -90.0
THIGH_ANGLE_MAX_DEG = 70.0
#: Grid sizes: the coarse pass that finds the deepest point, its refinements, and the returned sweep.
COARSE_STEP_DEG = 2.0
REFINE_POINTS = 24
SWEEP_POINTS = 241
#: The lumbar spine counts as "flat" (rounding onset) when its flexion from standing reaches this share
#: of the standing lordosis [E]; see docs/model.md (Part A) §7 for why a share and not all of it.
ROUNDING_SHARE_OF_LORDOSIS = 0.5
#: Balance target: this share of foot length from the heel (mid-foot, biomechanics.md §7: 0.4–0.5) [E].
BALANCE_TARGET_FRAC_OF_FOOT = 0.40
#: The balance target moves from the upright COM of the body (standing; no load, arms hanging) to the
#: mid-foot over this much depth (°) [E]; a load in front simply puts the COM ahead of it (no lean).
TARGET_BLEND_DEG = 30.0
#: Numerical tolerance for the limit flags (°, m).
_TOL_DEG = 1e-6
_TOL_M = 1e-6


# ----------------------------------------------------------------------------- per-anatomy constants
#: Inputs that only the hip reads (``hip.py``: the bony stop and its motor-control margin). Anatomies
#: that differ in these alone share every other per-anatomy constant (:class:`_Body`), so a drag of a
#: hip slider pays for the hip's stop table and nothing else (tests/model/test_model_constants.py).
HIP_ONLY_FIELDS = frozenset({"femoral_anteversion_deg", "acetabular_lce_deg", "acetabular_version_deg",
                             "neck_shaft_angle_deg", "alpha_angle_deg", "motor_control"})
_BODY_FIELDS = tuple(f.name for f in fields(Anatomy) if f.name not in HIP_ONLY_FIELDS)


@dataclass(frozen=True, slots=True)
class _Body:
    """Per-anatomy constants that do not depend on the hip's shape (see :data:`HIP_ONLY_FIELDS`)."""

    seg: Segments
    foot: Foot
    trunk: Trunk
    table: tuple[np.ndarray, np.ndarray]
    mass_kg: float
    upright_com_x_m: float
    abduction_range_deg: tuple[float, float]  # hip abduction from standing to the deepest thigh angle


class _BodyKey:
    """An anatomy hashed and compared by its non-hip inputs only (the cache key of :func:`_body`)."""

    __slots__ = ("anatomy", "_key")

    def __init__(self, anatomy: Anatomy) -> None:
        self.anatomy = anatomy
        self._key = tuple(getattr(anatomy, name) for name in _BODY_FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _BodyKey) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)


@dataclass(frozen=True, slots=True)
class _Model:
    """Per-anatomy constants: the body's (shared by hip variants) and the hip's stop table."""

    anatomy: Anatomy
    body: _Body
    stops: tuple[np.ndarray, np.ndarray, np.ndarray]


@lru_cache(maxsize=256)
def _body(key: _BodyKey) -> _Body:
    anatomy = key.anatomy
    seg = segments(anatomy)
    foot = place_foot(anatomy, seg, BALANCE_TARGET_FRAC_OF_FOOT)
    trunk = trunk_model(anatomy, seg)
    # a few depths: the standing reference and the range of hip abduction the squat can use
    probe = leg_chain(anatomy, seg, foot, np.array([-90.0, -45.0, 0.0, 35.0, THIGH_ANGLE_MAX_DEG]))
    # upright reference of the body alone (no load, arms hanging, trunk upright, pelvis neutral): a
    # property of the body, so that every load position shares the same balance target
    body = trunk_model(anatomy, seg, unloaded=True)
    legs_x, _ = _leg_moments(seg, foot, probe)
    parts = x_moment(body, part_angles_deg(np.zeros(1), np.zeros(1)))
    com_x = (float(legs_x[0]) + body.mass_kg * float(probe.hip[0, 0]) + float(parts[0])) / seg.body_mass_kg
    return _Body(seg, foot, trunk, pre_stop_table(trunk), seg.body_mass_kg - seg.hat_mass_kg + trunk.mass_kg,
                 min(com_x, foot.midfoot_x_m),
                 (float(probe.abduction_deg.min()), float(probe.abduction_deg.max())))


@lru_cache(maxsize=256)
def _model(anatomy: Anatomy) -> _Model:
    body = _body(_BodyKey(anatomy))
    stops = _stop_table(anatomy, *body.abduction_range_deg)
    return _Model(anatomy, body, stops)


@dataclass(frozen=True, slots=True)
class _OneDepth:
    """Per-anatomy floats for the one-depth path of ``solve`` (kept apart so that ``sweep`` never pays)."""

    legs: LegConstants
    trunk: TrunkConstants
    stops: tuple[tuple[float, ...], ...]  # abduction grid, effective stop, rim contact x, y, z


@lru_cache(maxsize=256)
def _one_depth(anatomy: Anatomy) -> _OneDepth:
    model = _model(anatomy)
    grid, eff, contact = model.stops
    stops = tuple(tuple(v.tolist()) for v in (grid, eff, contact[:, 0], contact[:, 1], contact[:, 2]))
    body = model.body
    return _OneDepth(leg_constants(anatomy, body.seg, body.foot), trunk_constants(body.trunk, body.table), stops)


def _leg_moments(seg: Segments, foot: Foot, legs: LegChain) -> tuple[np.ndarray, np.ndarray]:
    """x- and y-moments (kg·m, about the origin) of both legs (N,)."""
    hip, knee = legs.hip, legs.knee
    ankle = np.asarray(foot.ankle)
    thigh = hip + seg.thigh_com_frac * (knee - hip)
    shank = knee + seg.shank_com_frac * (ankle - knee)
    mx = seg.thigh_mass_kg * thigh[:, 0] + seg.shank_mass_kg * shank[:, 0] + seg.foot_mass_kg * foot.com[0]
    my = seg.thigh_mass_kg * thigh[:, 1] + seg.shank_mass_kg * shank[:, 1] + seg.foot_mass_kg * foot.com[1]
    return 2.0 * mx, 2.0 * my


def _rotate(a: float | np.ndarray, b: float | np.ndarray, ang_rad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Frame point (a anterior, b up) of a part turned forward by ``ang_rad`` → world (dx, dy)."""
    c, s = np.cos(ang_rad), np.sin(ang_rad)
    return a * c + b * s, -a * s + b * c


# ----------------------------------------------------------------------------- the vectorised core
#: The hip stop is tabulated once per anatomy at this many abductions spanning the squat's range (the
#: external rotation is the same at every depth); the solver interpolates linearly (≤ 0.05° from a direct
#: call in the tests).
_STOP_TABLE_POINTS = 25


def _stop_table(anatomy: Anatomy, abd_lo: float, abd_hi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Abductions (M,), effective hip stop (M,) and right-side rim contact (M, 3, pelvis frame).

    Both sides have the same anatomy and stance today, so the right side is solved and the left is its
    mirror image; with per-side parameters this becomes one table per side.
    """
    grid = np.linspace(abd_lo - 2.0, abd_hi + 2.0, _STOP_TABLE_POINTS)
    st = hip_stops(anatomy, grid, np.full(grid.shape, anatomy.toe_out_deg), "r")
    eff = np.asarray(st.effective_deg, dtype=float).reshape(-1)
    contact = np.asarray(st.contact_pelvis_m, dtype=float).reshape(-1, 3)
    for arr in (grid, eff, contact):
        arr.setflags(write=False)
    return grid, eff, contact


def _hip_stop(model: _Model, abduction_deg: np.ndarray, full: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Effective hip stop (N,) and, if ``full``, the right rim contact (N, 3) at each depth."""
    grid, eff_tab, contact_tab = model.stops
    eff = np.interp(abduction_deg, grid, eff_tab)
    if not full:
        return eff, None
    contact = np.stack([np.interp(abduction_deg, grid, contact_tab[:, k]) for k in range(3)], axis=-1)
    return eff, contact


def _evaluate(model: _Model, thigh: np.ndarray, full: bool = True) -> dict[str, object]:
    """Every output at the thigh angles ``thigh`` (N,); arrays (N,) / (N, 3) / (N, 5).

    With ``full=False`` only what the search for the deepest point needs (no joints, rim, muscles).
    """
    an, seg, foot, trunk = model.anatomy, model.body.seg, model.body.foot, model.body.trunk
    n = thigh.shape[0]
    legs = leg_chain(an, seg, foot, thigh)
    er = np.full(n, an.toe_out_deg)  # knees track the toes: external rotation ≈ toe-out (§2b) [E]
    eff, contact_r = _hip_stop(model, legs.abduction_deg, full)
    flex_thigh = thigh + 90.0  # sagittal thigh flexion from vertical
    stop_tilt = eff - flex_thigh
    legs_mx, legs_my = _leg_moments(seg, foot, legs)
    hip_x, hip_y = legs.hip[:, 0], legs.hip[:, 1]
    raise_rad = np.radians(arm_raise_deg(thigh))
    arm_mx = trunk.arm_world_mass_kg * trunk.arm_reach_m * np.sin(raise_rad)
    arm_my = -trunk.arm_world_mass_kg * trunk.arm_reach_m * np.cos(raise_rad)
    blend = np.clip((thigh + 90.0) / TARGET_BLEND_DEG, 0.0, 1.0)
    blend = blend * blend * (3.0 - 2.0 * blend)
    target = model.body.upright_com_x_m + (foot.midfoot_x_m - model.body.upright_com_x_m) * blend
    required = model.body.mass_kg * target - legs_mx - trunk.mass_kg * hip_x - arm_mx
    bal = solve_balance(trunk, model.body.table, required, stop_tilt)
    lean, tilt = bal.lean_deg, bal.tilt_deg
    angles = part_angles_deg(lean, tilt)
    com_x = (legs_mx + trunk.mass_kg * hip_x + arm_mx + x_moment(trunk, angles)) / model.body.mass_kg
    com_y = (legs_my + trunk.mass_kg * hip_y + arm_my + y_moment(trunk, angles)) / model.body.mass_kg
    lumbar = lean - tilt
    if not full:
        return {"com_x_m": com_x, "lumbar_flexion_deg": lumbar, "knee_flexion_deg": legs.knee_flexion_deg,
                "at_ankle": legs.at_ankle, "at_toes": legs.at_toes}
    levels = lumbar[:, None] * np.asarray(LUMBAR_LEVEL_WEIGHTS)[None, :]
    hip_flex = flex_thigh + tilt
    margin = eff - hip_flex
    balanced = (com_x >= foot.heel_x_m - _TOL_M) & (com_x <= foot.mtp_x_m + _TOL_M)
    # joint centres (right leg solved, left mirrored)
    joints = _joints(model, legs, angles, com_x, com_y)
    # rim contact: pelvis-frame point relative to the hip centre, turned with the pelvis
    tr = np.radians(tilt)
    rim = {}
    dx, dy = _rotate(contact_r[:, 0], contact_r[:, 1], tr)
    for s, sign in (("l", -1.0), ("r", 1.0)):
        rim[s] = np.stack((hip_x + dx, hip_y + dy, sign * (legs.hip[:, 2] + contact_r[:, 2])), axis=-1)
    dorsi = legs.shank_incl_deg - foot.tilt_deg
    muscles = _muscle_lengths(hip_flex, legs.knee_flexion_deg, dorsi)
    return {
        "thigh_angle_deg": thigh,
        "ankle_dorsiflexion_deg": dorsi,
        "knee_flexion_deg": legs.knee_flexion_deg,
        "hip_flexion_deg": hip_flex,
        "hip_abduction_deg": legs.abduction_deg,
        "hip_external_rotation_deg": er,
        "pelvic_tilt_deg": tilt,
        "lumbar_flexion_deg": lumbar,
        "lumbar_levels_deg": levels,
        "trunk_lean_deg": lean,
        "hip_height_pct_leg": 100.0 * hip_y / seg.leg_length_m,
        "com_x_m": com_x,
        "hip_stop_deg": eff,
        "hip_stop_margin_deg": margin,
        "balanced": balanced,
        "foot_tilt_deg": np.full(n, foot.tilt_deg),
        "at_ankle": legs.at_ankle,
        "at_toes": legs.at_toes,
        "at_stop": bal.at_stop,
        "pre_margin_deg": bal.pre_margin_deg,
        "joints": joints,
        "rim_contact": rim,
        "muscles": {k: np.asarray(muscles[k], dtype=float) for k in MUSCLE_NAMES},
    }


_JOINT_INDEX = {name: i for i, name in enumerate(JOINT_NAMES)}


def _joints(model: _Model, legs: LegChain, angles: np.ndarray, com_x: np.ndarray,
            com_y: np.ndarray) -> np.ndarray:
    """All joint centres as one array (N, len(JOINT_NAMES), 3), world frame, metres."""
    seg, foot, trunk = model.body.seg, model.body.foot, model.body.trunk
    n = com_x.shape[0]
    out = np.zeros((n, len(JOINT_NAMES), 3))
    ix = _JOINT_INDEX
    mirror = np.array([1.0, 1.0, -1.0])
    for name, pt in (("toe", foot.toe), ("heel", foot.heel), ("ankle", foot.ankle)):
        out[:, ix[f"{name}_r"]] = pt
        out[:, ix[f"{name}_l"]] = np.asarray(pt) * mirror
    out[:, ix["knee_r"]] = legs.knee
    out[:, ix["knee_l"]] = legs.knee * mirror
    out[:, ix["hip_r"]] = legs.hip
    out[:, ix["hip_l"]] = legs.hip * mirror
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
    th = rad[6]
    c, s = np.cos(th), np.sin(th)
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
    return out


def _limits(model: _Model, ev: Mapping[str, object]) -> list[frozenset[str]]:
    an = model.anatomy
    flags = {
        "ankle": np.asarray(ev["at_ankle"]),
        "toes": np.asarray(ev["at_toes"]),
        "hip_stop": np.asarray(ev["at_stop"]),
        "knee": np.asarray(ev["knee_flexion_deg"]) >= KNEE_MAX_DEG - _TOL_DEG,
        "lumbar": np.asarray(ev["lumbar_flexion_deg"]) >= an.lumbar_flexion_max_deg - _TOL_DEG,
        "balance": ~np.asarray(ev["balanced"]),
    }
    names = [name for name in LIMIT_NAMES if name in flags]
    # one bit per limit: each depth's set of limits is a small integer; one frozenset per distinct set
    codes = np.zeros(np.shape(flags[names[0]]), dtype=np.int64)
    for bit, name in enumerate(names):
        codes |= flags[name].astype(np.int64) << bit
    sets = {code: frozenset(name for bit, name in enumerate(names) if code >> bit & 1)
            for code in np.unique(codes).tolist()}
    return [sets[code] for code in codes.tolist()]


# ----------------------------------------------------------------------------- one depth, scalar
_LIMIT_ORDER = tuple(n for n in LIMIT_NAMES if n in ("ankle", "toes", "hip_stop", "knee", "lumbar", "balance"))
_LEVEL_WEIGHTS = tuple(float(w) for w in LUMBAR_LEVEL_WEIGHTS)
_NEAR_TIE = NEAR_TIE


def _pose_vectorised(model: _Model, th: float) -> Pose:
    ev = _evaluate(model, np.array([th]))
    return _pose_from(ev, 0, _limits(model, ev)[0])


def _solve_one(model: _Model, one: _OneDepth, th: float) -> Pose:
    """:func:`_evaluate` + :func:`_limits` + :func:`_pose_from` at one thigh angle with plain floats.

    The same arithmetic in the same order as the vectorised core (numpy's per-call overhead dominates on
    one-element arrays); results agree with it to rounding (≈ 1e-13, tests/model/test_solve_fast_path.py).
    Where a discontinuous decision (limit flag, balance branch) is within :data:`_NEAR_TIE` of flipping,
    rounding could change it, so that depth goes through the vectorised core instead.
    """
    an, seg, foot, trunk = model.anatomy, model.body.seg, model.body.foot, model.body.trunk
    d, at_ankle, at_toes, kx, ky, kz, hx, hy, knee_flex, abd = leg_at(one.legs, th)
    hz = one.legs.hip_z_m
    grid, eff_tab, c0, c1, c2 = one.stops
    eff = interp_one(abd, grid, eff_tab)
    flex_thigh = th + 90.0
    stop_tilt = eff - flex_thigh
    # legs' moments (_leg_moments)
    ax, ay, az = foot.ankle
    ft, fs = seg.thigh_com_frac, seg.shank_com_frac
    tx, ty = hx + ft * (kx - hx), hy + ft * (ky - hy)
    sx, sy = kx + fs * (ax - kx), ky + fs * (ay - ky)
    legs_mx = 2.0 * (seg.thigh_mass_kg * tx + seg.shank_mass_kg * sx + seg.foot_mass_kg * foot.com[0])
    legs_my = 2.0 * (seg.thigh_mass_kg * ty + seg.shank_mass_kg * sy + seg.foot_mass_kg * foot.com[1])
    raise_rad = math.radians(90.0 * min(max((th + 90.0) / 90.0, 0.0), 1.0))
    arm_mx = trunk.arm_world_mass_kg * trunk.arm_reach_m * math.sin(raise_rad)
    arm_my = -trunk.arm_world_mass_kg * trunk.arm_reach_m * math.cos(raise_rad)
    blend = min(max((th + 90.0) / TARGET_BLEND_DEG, 0.0), 1.0)
    blend = blend * blend * (3.0 - 2.0 * blend)
    target = model.body.upright_com_x_m + (foot.midfoot_x_m - model.body.upright_com_x_m) * blend
    required = model.body.mass_kg * target - legs_mx - trunk.mass_kg * hx - arm_mx
    lean, tilt, at_stop, _, near = solve_balance_one(one.trunk, required, stop_tilt)
    angles = part_angles_one(lean, tilt)
    mx, my = moments_one(one.trunk, angles)
    com_x = (legs_mx + trunk.mass_kg * hx + arm_mx + mx) / model.body.mass_kg
    com_y = (legs_my + trunk.mass_kg * hy + arm_my + my) / model.body.mass_kg
    lumbar = lean - tilt
    hip_flex = flex_thigh + tilt
    balanced = foot.heel_x_m - _TOL_M <= com_x <= foot.mtp_x_m + _TOL_M
    if (near or abs(knee_flex - (KNEE_MAX_DEG - _TOL_DEG)) <= _NEAR_TIE
            or abs(lumbar - (an.lumbar_flexion_max_deg - _TOL_DEG)) <= _NEAR_TIE
            or abs(com_x - (foot.heel_x_m - _TOL_M)) <= _NEAR_TIE or abs(com_x - (foot.mtp_x_m + _TOL_M)) <= _NEAR_TIE):
        # a decision within rounding of flipping: take the vectorised path's answer, exactly
        return _pose_vectorised(model, th)
    # joints (_joints)
    rad = [math.radians(a) for a in angles]
    lx, ly = trunk.lumbosacral
    c, s = math.cos(rad[0]), math.sin(rad[0])
    x, y = hx + (lx * c + ly * s), hy + (-lx * s + ly * c)
    lumbosacral = (x, y, 0.0)
    step = trunk.lumbar_step_m
    sin_sum = cos_sum = 0.0
    for r in rad[1:6]:
        sin_sum += math.sin(r)
        cos_sum += math.cos(r)
    x, y = x + step * sin_sum, y + step * cos_sum
    c, s = math.cos(rad[6]), math.sin(rad[6])
    (na, nb), (ha, hb), (sa, sb) = trunk.neck, trunk.head, trunk.shoulder
    sh_x, sh_y, sh_z = x + sa * c + sb * s, y - sa * s + sb * c, seg.shoulder_half_width_m
    toe, heel = foot.toe, foot.heel
    joints = np.array((
        (toe[0], toe[1], toe[2] * -1.0), toe, (heel[0], heel[1], heel[2] * -1.0), heel,
        (ax, ay, az * -1.0), foot.ankle, (kx, ky, kz * -1.0), (kx, ky, kz), (hx, hy, hz * -1.0), (hx, hy, hz),
        (hx, hy, 0.0), lumbosacral, (x, y, 0.0), (x + na * c + nb * s, y - na * s + nb * c, 0.0),
        (x + ha * c + hb * s, y - ha * s + hb * c, 0.0), (sh_x, sh_y, -sh_z), (sh_x, sh_y, sh_z),
        (com_x, com_y, 0.0)))
    joints.setflags(write=False)
    # rim contact: pelvis-frame point relative to the hip centre, turned with the pelvis
    cr0, cr1, cr2 = (interp_one(abd, grid, tab) for tab in (c0, c1, c2))
    tr = math.radians(tilt)
    c, s = math.cos(tr), math.sin(tr)
    rx, ry = hx + (cr0 * c + cr1 * s), hy + (-cr0 * s + cr1 * c)
    rim_l = np.array((rx, ry, -1.0 * (hz + cr2)))
    rim_r = np.array((rx, ry, 1.0 * (hz + cr2)))
    levels = np.array([lumbar * w for w in _LEVEL_WEIGHTS])
    for arr in (rim_l, rim_r, levels):
        arr.setflags(write=False)
    dorsi = d - foot.tilt_deg
    flags = {
        "ankle": at_ankle, "toes": at_toes, "hip_stop": at_stop,
        "knee": knee_flex >= KNEE_MAX_DEG - _TOL_DEG,
        "lumbar": lumbar >= an.lumbar_flexion_max_deg - _TOL_DEG,
        "balance": not balanced,
    }
    return Pose(thigh_angle_deg=th, ankle_dorsiflexion_deg=dorsi, knee_flexion_deg=knee_flex,
                hip_flexion_deg=hip_flex, hip_abduction_deg=abd, hip_external_rotation_deg=an.toe_out_deg,
                pelvic_tilt_deg=tilt, lumbar_flexion_deg=lumbar, lumbar_levels_deg=levels, trunk_lean_deg=lean,
                hip_height_pct_leg=100.0 * hy / seg.leg_length_m, com_x_m=com_x, hip_stop_deg=eff,
                hip_stop_margin_deg=eff - hip_flex, balanced=balanced,
                limits=frozenset(n for n in _LIMIT_ORDER if flags[n]),
                joints=MappingProxyType(dict(zip(JOINT_NAMES, joints, strict=True))),
                rim_contact=MappingProxyType({"l": rim_l, "r": rim_r}),
                muscles=MappingProxyType(dict(zip(MUSCLE_NAMES, muscle_lengths_one(hip_flex, knee_flex, dorsi),
                                                  strict=True))),
                foot_tilt_deg=foot.tilt_deg)


# ----------------------------------------------------------------------------- public API
def check_thigh_angle(thigh_angle_deg: object) -> float:
    """Validate a thigh angle (° below horizontal) for :func:`solve`; return it as float.

    Raises ``TypeError`` for non-numbers and ``ValueError`` for NaN or values outside
    [THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG].
    """
    if isinstance(thigh_angle_deg, bool) or not isinstance(thigh_angle_deg, (int, float, np.floating, np.integer)):
        raise TypeError(f"thigh_angle_deg must be a number, got {thigh_angle_deg!r}")
    value = float(thigh_angle_deg)
    if not math.isfinite(value) or not THIGH_ANGLE_MIN_DEG <= value <= THIGH_ANGLE_MAX_DEG:
        raise ValueError(f"thigh_angle_deg = {value:g} is out of range "
                         f"{THIGH_ANGLE_MIN_DEG:g}–{THIGH_ANGLE_MAX_DEG:g} °")
    return value


def _check_anatomy(anatomy: object) -> Anatomy:
    if not isinstance(anatomy, Anatomy):
        raise TypeError(f"anatomy must be an Anatomy, got {type(anatomy).__name__}")
    return anatomy


def solve(anatomy: Anatomy, thigh_angle_deg: float) -> Pose:
    """The body at one depth.

    Args:
        anatomy: the lifter (validated :class:`Anatomy`).
        thigh_angle_deg: sagittal thigh angle below horizontal, degrees, in
            [THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG] (−90 standing, 0 parallel).

    Returns:
        A :class:`Pose` (metres, degrees). Depths past the deepest reachable are still solved;
        their ``limits`` say what is exceeded (e.g. "lumbar", "knee", "balance").

    Raises:
        TypeError / ValueError: bad anatomy or thigh angle (the message names the parameter).
    """
    anatomy = _check_anatomy(anatomy)
    model = _model(anatomy)
    return _solve_one(model, _one_depth(anatomy), check_thigh_angle(thigh_angle_deg))


def _solve_vectorised(anatomy: Anatomy, thigh_angle_deg: float) -> Pose:
    """:func:`solve` through the vectorised core (the path ``sweep`` uses); the reference for the tests."""
    return _pose_vectorised(_model(_check_anatomy(anatomy)), check_thigh_angle(thigh_angle_deg))


def _ro(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float) if a.dtype != bool else np.array(a)
    a.setflags(write=False)
    return a


def _pose_from(ev: Mapping[str, object], i: int, limits: frozenset[str]) -> Pose:
    row = np.array(ev["joints"][i])
    row.setflags(write=False)
    joints = dict(zip(JOINT_NAMES, row, strict=True))
    rim = {k: _ro(np.asarray(v)[i]) for k, v in ev["rim_contact"].items()}
    f = {k: float(np.asarray(ev[k])[i]) for k in _SCALARS}
    return Pose(**f, lumbar_levels_deg=_ro(np.asarray(ev["lumbar_levels_deg"])[i]),
                balanced=bool(np.asarray(ev["balanced"])[i]), limits=limits,
                joints=MappingProxyType(joints),
                rim_contact=MappingProxyType(rim),
                muscles=MappingProxyType({k: float(ev["muscles"][k][i]) for k in MUSCLE_NAMES}))


_SCALARS = ("thigh_angle_deg", "ankle_dorsiflexion_deg", "knee_flexion_deg", "hip_flexion_deg",
            "hip_abduction_deg", "hip_external_rotation_deg", "pelvic_tilt_deg", "lumbar_flexion_deg",
            "trunk_lean_deg", "hip_height_pct_leg", "com_x_m", "hip_stop_deg", "hip_stop_margin_deg",
            "foot_tilt_deg")


def _crossing(x0: float, x1: float, f0: float, f1: float) -> float:
    """Where a linear f from f0 (at x0, < 0) to f1 (at x1, ≥ 0) crosses zero."""
    if f1 == f0:
        return x1
    return x0 + (x1 - x0) * min(max(-f0 / (f1 - f0), 0.0), 1.0)


def _ended(model: _Model, grid: np.ndarray) -> tuple[dict[str, np.ndarray], Mapping[str, object]]:
    """Per limit, where (≥ 0) the squat must end at each thigh angle of ``grid``; and the evaluation."""
    an, foot = model.anatomy, model.body.foot
    ev = _evaluate(model, grid, full=False)
    com = np.asarray(ev["com_x_m"])
    quantities = {
        "lumbar": np.asarray(ev["lumbar_flexion_deg"]) - an.lumbar_flexion_max_deg,
        "knee": np.asarray(ev["knee_flexion_deg"]) - KNEE_MAX_DEG,
        "balance": np.maximum(foot.heel_x_m - com, com - foot.mtp_x_m),
    }
    return quantities, ev


def _past_limits(model: _Model, ev: Mapping[str, object]) -> np.ndarray:
    an, foot = model.anatomy, model.body.foot
    com = np.asarray(ev["com_x_m"])
    return ((np.asarray(ev["lumbar_flexion_deg"]) > an.lumbar_flexion_max_deg + 1e-6)
            | (np.asarray(ev["knee_flexion_deg"]) > KNEE_MAX_DEG + 1e-6)
            | (com < foot.heel_x_m - _TOL_M) | (com > foot.mtp_x_m + _TOL_M))


def _deepest(model: _Model, upper_deg: float = THIGH_ANGLE_MAX_DEG) -> tuple[float, str]:
    """Deepest reachable thigh angle and what ends the squat there.

    A coarse pass brackets the first depth where a limit is reached; a finer pass of
    :data:`REFINE_POINTS` points narrows the bracket (robust to jumps in the solution, e.g. when
    balance fails suddenly); the deepest is the last depth inside every limit.
    """
    grid = np.arange(THIGH_ANGLE_MIN_DEG, upper_deg + COARSE_STEP_DEG / 2, COARSE_STEP_DEG)
    grid[-1] = min(grid[-1], upper_deg)
    for _ in range(2):
        q, ev = _ended(model, grid)
        ended = np.zeros(grid.shape, dtype=bool)
        for v in q.values():
            ended |= v >= 0.0
        if not ended.any():
            return float(grid[-1]), "knee"
        i = int(np.argmax(ended))
        if i == 0:
            break
        lo, hi = float(grid[i - 1]), float(grid[i])
        grid = np.linspace(lo, hi, REFINE_POINTS)
    name = next(k for k, v in q.items() if v[i] >= 0.0)
    if name == "balance":
        name = _balance_cause(ev, i)
    return float(grid[max(i - 1, 0)]), name


def _balance_cause(ev: Mapping[str, object], i: int) -> str:
    if bool(np.asarray(ev["at_toes"])[i]):
        return "toes"
    if bool(np.asarray(ev["at_ankle"])[i]):
        return "ankle"
    return "balance"


def _interp_at(grid: np.ndarray, values: np.ndarray, x: float) -> float:
    return float(np.interp(x, grid, values))


def _onsets(model: _Model, ev: Mapping[str, object], grid: np.ndarray
            ) -> tuple[Onset | None, Onset | None, Onset]:
    knee = np.asarray(ev["knee_flexion_deg"])
    hip_pct = np.asarray(ev["hip_height_pct_leg"])

    def onset(x: float) -> Onset:
        return Onset(thigh_angle_deg=float(x), knee_flexion_deg=_interp_at(grid, knee, x),
                     hip_height_pct_leg=_interp_at(grid, hip_pct, x))

    at_stop = np.asarray(ev["at_stop"])
    tuck = rounding = None
    if at_stop.any():
        i = int(np.argmax(at_stop))
        pre = np.asarray(ev["pre_margin_deg"])
        tuck_x = float(grid[0]) if i == 0 else _crossing(grid[i - 1], grid[i], -pre[i - 1], -pre[i])
        tuck = onset(tuck_x)
        lumbar = np.asarray(ev["lumbar_flexion_deg"])
        threshold = ROUNDING_SHARE_OF_LORDOSIS * model.anatomy.lordosis_deg
        flat = (lumbar >= threshold) & (np.arange(grid.shape[0]) >= i)
        if flat.any():
            j = int(np.argmax(flat))
            x = float(grid[j]) if j == 0 else _crossing(grid[j - 1], grid[j], lumbar[j - 1] - threshold,
                                                        lumbar[j] - threshold)
            rounding = onset(max(x, tuck_x))
    deepest = onset(float(grid[-1]))
    return tuck, rounding, deepest


def _build_sweep(anatomy: Anatomy) -> Sweep:
    model = _model(anatomy)
    deep, limited_by = _deepest(model)
    for _ in range(3):
        grid = np.linspace(THIGH_ANGLE_MIN_DEG, deep, SWEEP_POINTS)
        ev = _evaluate(model, grid)
        # the coarse search can step over a short excursion past a limit: re-search below it
        bad = _past_limits(model, ev)[:-1]
        if not bad.any():
            break
        j = int(np.argmax(bad))
        deep, limited_by = _deepest(model, float(grid[j]))
    limits = _limits(model, ev)
    if limited_by in LIMIT_NAMES:
        limits[-1] = limits[-1] | {limited_by}
    tuck, rounding, deepest = _onsets(model, ev, grid)
    stack = np.asarray(ev["joints"])
    stack.setflags(write=False)
    joints = {k: stack[:, i] for i, k in enumerate(JOINT_NAMES)}
    arrays = {k: _ro(np.asarray(ev[k])) for k in _SCALARS}
    return Sweep(**arrays,
                 lumbar_levels_deg=_ro(ev["lumbar_levels_deg"]),
                 balanced=_ro(np.asarray(ev["balanced"], dtype=bool)),
                 limits=tuple(limits),
                 joints=MappingProxyType(joints),
                 rim_contact=MappingProxyType({k: _ro(v) for k, v in ev["rim_contact"].items()}),
                 muscles=MappingProxyType({k: _ro(v) for k, v in ev["muscles"].items()}),
                 tuck_onset=tuck, rounding_onset=rounding, deepest=deepest, deepest_limited_by=limited_by,
                 joints_stack=stack)


#: Sweeps kept (least recently used first out): the anatomy shown, the A/B reference, the levers'
#: six and the slider values a drag is about to reach (``viewer.ui.sweep_prefetch``); ≈ 0.14 MB each.
SWEEP_CACHE_SIZE = 128
_sweeps: OrderedDict[Anatomy, Sweep] = OrderedDict()


def sweep(anatomy: Anatomy) -> Sweep:
    """The squat from standing to the deepest reachable depth, on a grid of SWEEP_POINTS thigh angles.

    Cached per anatomy (LRU, :data:`SWEEP_CACHE_SIZE`); arrays are read-only. Raises ``TypeError``
    for a non-Anatomy.
    """
    key = _check_anatomy(anatomy)
    hit = _sweeps.get(key)
    if hit is not None:
        _sweeps.move_to_end(key)
        return hit
    built = _build_sweep(key)
    _sweeps[key] = built
    while len(_sweeps) > SWEEP_CACHE_SIZE:
        _sweeps.popitem(last=False)
    return built


def is_cached(anatomy: Anatomy) -> bool:
    """Whether :func:`sweep` has ``anatomy``'s sweep at hand (no work, no change of the LRU order)."""
    return anatomy in _sweeps


def clear_cache() -> None:
    """Forget cached sweeps and per-anatomy constants (benchmarks and tests)."""
    _sweeps.clear()
    _model.cache_clear()
    _body.cache_clear()
    _one_depth.cache_clear()


__all__ = ["solve", "sweep", "is_cached", "check_thigh_angle", "clear_cache", "THIGH_ANGLE_MIN_DEG",
           "THIGH_ANGLE_MAX_DEG", "SWEEP_POINTS", "ROUNDING_SHARE_OF_LORDOSIS", "TRUNK_LEAN_MAX_DEG"]
