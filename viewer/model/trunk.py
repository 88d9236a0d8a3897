"""Pelvis, lumbar spine, thorax, head, arms and load: masses, geometry and the balance solve.

Sagittal model (docs/model.md (Part A) §4–6). Everything above the hips is a chain of rigid
parts hung on the mid-hip point: the **pelvis** (turned forward by the pelvic tilt p), five
**lumbar bodies** L5 … L1 (each turned by the flexion of the level below it) and the
**thorax** (turned forward by the trunk lean τ), which carries the head, the arms and the load.
Lumbar flexion is ``l = τ − p`` (thorax relative to pelvis) and is shared over the levels by
:data:`LUMBAR_LEVEL_WEIGHTS`.

A part turned forward by α moves a point (a, b) of its own frame (a anterior, b up) to
(a cos α + b sin α, −a sin α + b cos α); so the x-moment of all mass attached to a part is
``X cos α + Y sin α`` with X = Σ m·a, Y = Σ m·b.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments

# de Leva 1996 subdivision of head + arms + trunk, fractions of body mass [M: table values from the
# paper, check against the original]: head+neck, upper (UPT), middle (MPT) and lower (LPT) trunk, arm.
_HAT_FRAC = {
    "male": {"head": 0.0694, "upt": 0.1596, "mpt": 0.1633, "lpt": 0.1117, "arm": 0.0271 + 0.0162 + 0.0061},
    "female": {"head": 0.0668, "upt": 0.1545, "mpt": 0.1465, "lpt": 0.1247, "arm": 0.0255 + 0.0138 + 0.0056},
}
#: Arm centre of mass from the shoulder along the straight arm, share of height (de Leva arm segments) [D].
ARM_COM_FRAC_H = 0.195
#: Part centres of mass in their part's frame, shares of height (a anterior, b up) [E]:
LPT_COM_FRAC = (-0.010, 0.027)   # pelvis frame, from the mid-hip point
MPT_ANTERIOR_FRAC = 0.040        # abdomen in front of each lumbar body
UPT_COM_FRAC = (0.050, 0.60)     # thorax frame: anterior share of H, share of thoracic length up
#: Load centre from the mid-shoulder point in the thorax frame (along the trunk, anterior), metres at
#: 1.75 m, biomechanics.md §7 [E]; kinematics.py draws the load from this table too.
LOAD_OFFSETS_M = {"high_bar": (0.0, -0.05), "low_bar": (-0.06, -0.07), "front": (0.0, 0.08),
                  "goblet": (-0.15, 0.25)}
#: Flexion share of each lumbar level, in ``pose.LUMBAR_LEVELS`` order (L1–L2 … L5–S1) [E]:
#: most at L4–L5 and L5–S1 (Pearcy-type segmental ranges, weighted toward the lower levels).
LUMBAR_LEVEL_WEIGHTS = (0.12, 0.16, 0.20, 0.24, 0.28)
#: Share of the trunk lean taken by the pelvis before the hip stop (lumbopelvic rhythm) [E, calibrated
#: to McKean 2010: men 26°, women 13° lumbar flexion in a 50 % BW parallel squat (V8); women show smaller
#: lumbar contributions (Vazirian 2016 review). Peak anterior pelvic tilt then comes out ≈ 16–20°,
#: above Hara 2014's ≈ 11° (n = 6): see docs/model.md (Part A)].
PELVIS_SHARE = {"male": 0.50, "female": 0.65}
#: Largest trunk lean the balance solve will use (°) [E].
TRUNK_LEAN_MAX_DEG = 80.0
#: Number of rigid parts above the hips: pelvis, L5, L4, L3, L2, L1, thorax.
N_PARTS = 7


def _cumulative_weights() -> np.ndarray:
    """Share of the lumbar flexion below each lumbar body, L5 (index 0) … L1 (index 4)."""
    return np.cumsum(LUMBAR_LEVEL_WEIGHTS[::-1])


CUM_WEIGHTS = _cumulative_weights()


@dataclass(frozen=True, slots=True)
class Trunk:
    """Per-anatomy constants of everything above the hips (kg, m).

    ``x_coef``/``y_coef`` (7,) are the part moments X, Y (kg·m) of the module docstring, for the parts
    pelvis, L5 … L1, thorax. ``mass_kg`` is the total above the hips including the load.
    ``arm_world_mass_kg`` is the arm mass that hangs in world directions (no load: arms rise
    forward with depth); 0 when the arms hold a load.
    """

    mass_kg: float
    x_coef: np.ndarray
    y_coef: np.ndarray
    pelvis_share: float
    lumbosacral: tuple[float, float]  # pelvis frame (a, b) of L5–S1 from the mid-hip
    lumbar_step_m: float
    neck: tuple[float, float]  # thorax frame from T12–L1
    head: tuple[float, float]
    shoulder: tuple[float, float]
    arm_world_mass_kg: float
    arm_reach_m: float


def trunk_model(anatomy: Anatomy, seg: Segments, unloaded: bool = False) -> Trunk:
    """Masses and part moments of the pelvis, lumbar bodies and thorax (with head, arms, load).

    ``unloaded=True``: the body alone (no load, arms free), whatever the anatomy's load position.
    """
    h = seg.height_m
    position = "none" if unloaded else anatomy.load_position
    frac = _HAT_FRAC[anatomy.sex]
    total = sum(frac.values()) + frac["arm"]
    scale = seg.hat_mass_kg / (total * seg.body_mass_kg)  # make the parts add up to the HAT exactly
    m = {k: v * seg.body_mass_kg * scale for k, v in frac.items()}
    arms = 2.0 * m["arm"]
    load = anatomy.load_kg if position != "none" else 0.0
    ls = (-seg.lumbosacral_back_m, seg.lumbosacral_up_m)
    step = seg.lumbar_length_m / 5.0
    neck = (0.0, seg.thoracic_length_m)
    head = (0.01 * h, seg.thoracic_length_m + seg.head_up_m)
    shoulder = (seg.shoulder_front_m, seg.thoracic_length_m - seg.shoulder_down_m)
    # thorax: upper trunk, head, shoulders (+ arms and load)
    th_items = [(m["upt"], (UPT_COM_FRAC[0] * h, UPT_COM_FRAC[1] * seg.thoracic_length_m)),
                (m["head"], head)]
    arm_world = 0.0
    if position == "none":
        th_items.append((arms, shoulder))  # plus a world-direction reach (see arm_world_mass_kg)
        arm_world = arms
    else:
        along, ant = LOAD_OFFSETS_M[position]
        k = h / 1.75
        grip = (shoulder[0] + ant * k, shoulder[1] + along * k)
        drop = 0.05 * h if position in ("high_bar", "low_bar") else 0.0  # elbows hang down
        th_items.append((arms, (0.5 * (shoulder[0] + grip[0]), 0.5 * (shoulder[1] + grip[1]) - drop)))
        th_items.append((load, grip))
    m_th = sum(mi for mi, _ in th_items)
    xs = np.zeros(N_PARTS)
    ys = np.zeros(N_PARTS)
    xs[6] = sum(mi * v[0] for mi, v in th_items)
    ys[6] = sum(mi * v[1] for mi, v in th_items)
    mpt_piece = m["mpt"] / 5.0
    for j in range(5):  # lumbar body j: L5 (0) … L1 (4), vector (0, step) to the next joint
        above = m_th + mpt_piece * (4 - j)
        xs[1 + j] = mpt_piece * MPT_ANTERIOR_FRAC * h
        ys[1 + j] = above * step + mpt_piece * step / 2.0
    above_ls = m_th + m["mpt"]
    xs[0] = above_ls * ls[0] + m["lpt"] * LPT_COM_FRAC[0] * h
    ys[0] = above_ls * ls[1] + m["lpt"] * LPT_COM_FRAC[1] * h
    for a in (xs, ys):
        a.setflags(write=False)
    return Trunk(mass_kg=seg.hat_mass_kg + load, x_coef=xs, y_coef=ys, pelvis_share=PELVIS_SHARE[anatomy.sex],
                 lumbosacral=ls, lumbar_step_m=step, neck=neck, head=head, shoulder=shoulder,
                 arm_world_mass_kg=arm_world, arm_reach_m=ARM_COM_FRAC_H * h)


def arm_raise_deg(thigh_angle_deg: np.ndarray) -> np.ndarray:
    """Unloaded arms rise forward with depth: 0° standing → 90° at parallel (as kinematics draws them)."""
    return 90.0 * np.clip((thigh_angle_deg + 90.0) / 90.0, 0.0, 1.0)


def part_angles_deg(lean_deg: np.ndarray, tilt_deg: np.ndarray) -> np.ndarray:
    """Forward angle (°) of each part (7, N) for trunk lean τ and pelvic tilt p."""
    lumbar = lean_deg - tilt_deg
    out = np.empty((N_PARTS,) + np.shape(lean_deg))
    out[0] = tilt_deg
    out[1:6] = tilt_deg + CUM_WEIGHTS.reshape((5,) + (1,) * np.ndim(lumbar)) * lumbar
    out[6] = lean_deg
    return out


def x_moment(trunk: Trunk, angles_deg: np.ndarray) -> np.ndarray:
    """x-moment (kg·m) about the mid-hip of the parts at ``angles_deg`` (7, N) → (N,)."""
    a = np.radians(angles_deg)
    return trunk.x_coef @ np.cos(a) + trunk.y_coef @ np.sin(a)


def y_moment(trunk: Trunk, angles_deg: np.ndarray) -> np.ndarray:
    """y-moment (kg·m) about the mid-hip of the parts at ``angles_deg`` (7, N) → (N,)."""
    a = np.radians(angles_deg)
    return trunk.y_coef @ np.cos(a) - trunk.x_coef @ np.sin(a)


# ----------------------------------------------------------------------------- balance solve
_TABLE_STEP_DEG = 0.5


def pre_stop_table(trunk: Trunk) -> tuple[np.ndarray, np.ndarray]:
    """x-moment of the upper body along the lumbopelvic rhythm (p = k·τ), as a monotone table."""
    lean = np.arange(0.0, TRUNK_LEAN_MAX_DEG + _TABLE_STEP_DEG / 2, _TABLE_STEP_DEG)
    g = x_moment(trunk, part_angles_deg(lean, trunk.pelvis_share * lean))
    # past its peak, leaning further moves the COM back (a load far in front swings down): stop there
    k = int(np.argmax(g))
    return lean[: k + 1], np.maximum.accumulate(g[: k + 1])


@dataclass(frozen=True, slots=True)
class Balance:
    """Solved trunk lean and pelvic tilt at N depths (degrees, arrays (N,)).

    ``at_stop``: the hip is at its stop (pelvis tilt limited by it); ``pre_margin_deg``: the hip-stop
    margin the rhythm alone would leave (negative past the stop), used to locate the tuck onset.
    """

    lean_deg: np.ndarray
    tilt_deg: np.ndarray
    at_stop: np.ndarray
    pre_margin_deg: np.ndarray


def solve_balance(trunk: Trunk, table: tuple[np.ndarray, np.ndarray], required: np.ndarray,
                  stop_tilt_deg: np.ndarray) -> Balance:
    """Trunk lean that puts the whole-body COM on the target, at each depth.

    ``required`` (N,): x-moment (kg·m about the mid-hip) the upper body must supply;
    ``stop_tilt_deg`` (N,): the pelvic tilt at which the hip reaches its effective stop at that depth
    (= stop − sagittal thigh flexion). Before the stop the pelvis follows the rhythm p = k·τ; at the
    stop p is held there and τ alone moves. The lean is clamped to [0, TRUNK_LEAN_MAX_DEG].
    """
    k = trunk.pelvis_share
    lean_tab, g_tab = table
    lean = np.interp(required, g_tab, lean_tab)  # clamps to the table's ends
    pre_margin = stop_tilt_deg - k * lean
    at_stop = pre_margin < 0.0
    tilt = np.where(at_stop, stop_tilt_deg, k * lean)
    if np.any(at_stop):
        idx = np.nonzero(at_stop)[0]
        lean = lean.copy()
        lean[idx] = _solve_at_stop(trunk, required[idx], stop_tilt_deg[idx])
    return Balance(lean_deg=lean, tilt_deg=tilt, at_stop=at_stop, pre_margin_deg=pre_margin)



_BRACKET_LEANS = np.linspace(0.0, TRUNK_LEAN_MAX_DEG, 9)
#: Safeguarded Newton steps after the 10° scan (quadratic convergence: ≈ 1e-8° after 4).
_NEWTON_STEPS = 4
_RATES = np.concatenate(([0.0], CUM_WEIGHTS, [1.0]))


#: Part angles at the stop are ``_A0·p + _A1·τ`` (pelvis held at p; lumbar bodies p + C_j (τ − p); thorax τ).
_A0 = np.concatenate(([1.0], 1.0 - CUM_WEIGHTS, [0.0]))
_A1 = _RATES


def _g_and_slope(trunk: Trunk, base_deg: np.ndarray, lean_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x-moment g and dg/dτ (per degree) at leans ``lean_deg`` (K,) with part angles base (7, K) + A1·τ."""
    a = np.radians(base_deg + _A1[:, None] * lean_deg[None, :])
    c, s = np.cos(a), np.sin(a)
    g = trunk.x_coef @ c + trunk.y_coef @ s
    dg = (trunk.y_coef * _A1) @ c - (trunk.x_coef * _A1) @ s
    return g, dg * (math.pi / 180.0)


def _g_only(trunk: Trunk, base_deg: np.ndarray, lean_deg: np.ndarray) -> np.ndarray:
    """x-moment g at leans ``lean_deg`` (K,) with part angles base (7, K) + A1·τ (no slope: the scan)."""
    a = np.radians(base_deg + _A1[:, None] * lean_deg[None, :])
    return trunk.x_coef @ np.cos(a) + trunk.y_coef @ np.sin(a)


def _solve_at_stop(trunk: Trunk, required: np.ndarray, tilt_deg: np.ndarray) -> np.ndarray:
    """Lean with the pelvis held at ``tilt_deg`` (M,): first root of g(τ) = required on [p/k, max].

    A 10° scan brackets the first crossing (or finds the best lean when there is none: upright if the
    COM is ahead already, else the lean of the largest forward moment); safeguarded Newton refines it.
    """
    m = required.shape[0]
    # at the stop the pelvis is held at p, which the rhythm reaches at τ = p/k: lean no less than that
    floor = np.clip(tilt_deg / trunk.pelvis_share, 0.0, TRUNK_LEAN_MAX_DEG)
    frac = _BRACKET_LEANS / TRUNK_LEAN_MAX_DEG
    leans = floor[:, None] + (TRUNK_LEAN_MAX_DEG - floor[:, None]) * frac[None, :]
    base = _A0[:, None] * tilt_deg[None, :]  # (7, M)
    g = _g_only(trunk, np.repeat(base, frac.shape[0], axis=1), leans.reshape(-1))
    g = g.reshape(leans.shape)
    f = g - required[:, None]
    above = f >= 0.0
    has = above.any(axis=1)
    k = np.where(has, np.argmax(above, axis=1), 0)
    rows = np.arange(m)
    best = floor
    if not has.all():
        # no root: the lean of the largest forward moment (vertex of a parabola through the scan's best point)
        j = np.clip(np.argmax(g, axis=1), 1, frac.shape[0] - 2)
        g0, g1, g2 = g[rows, j - 1], g[rows, j], g[rows, j + 1]
        curv = g0 - 2.0 * g1 + g2
        shift = np.where(curv < -1e-12, 0.5 * (g0 - g2) / np.where(curv < -1e-12, curv, -1.0), 0.0)
        step = leans[rows, j + 1] - leans[rows, j]
        best = np.clip(leans[rows, j] + np.clip(shift, -1.0, 1.0) * step, floor, TRUNK_LEAN_MAX_DEG)
    lo = np.where(k > 0, leans[rows, np.maximum(k - 1, 0)], floor)
    hi = leans[rows, k]
    t = 0.5 * (lo + hi)
    for _ in range(_NEWTON_STEPS):
        gv, dg = _g_and_slope(trunk, base, t)
        fv = gv - required
        neg = fv < 0.0
        lo = np.where(neg, t, lo)
        hi = np.where(neg, hi, t)
        newton = t - fv / np.where(dg > 1e-9, dg, 1e-9)
        ok = (dg > 1e-9) & (newton >= lo) & (newton <= hi)  # inclusive: a converged step lands on a bound
        t = np.where(ok, newton, 0.5 * (lo + hi))
    out = np.where(has, np.where(k == 0, floor, t), best)
    return out


# ----------------------------------------------------------------------------- one depth, scalar
# The same arithmetic as above with plain floats, for ``squat.solve`` at a single depth (numpy's
# per-call overhead dominates on one-element arrays). Results agree with the vectorised path to
# rounding (≈ 1e-12), see tests/model/test_solve_fast_path.py.
@dataclass(frozen=True, slots=True)
class TrunkConstants:
    """Per-anatomy floats of a :class:`Trunk` and its :func:`pre_stop_table`, for the scalar path."""

    x_coef: tuple[float, ...]
    y_coef: tuple[float, ...]
    x_rate: tuple[float, ...]  # x_coef · _A1 (for dg/dτ at the stop)
    y_rate: tuple[float, ...]
    pelvis_share: float
    lean_tab: tuple[float, ...]
    g_tab: tuple[float, ...]


def trunk_constants(trunk: Trunk, table: tuple[np.ndarray, np.ndarray]) -> TrunkConstants:
    """Floats of ``trunk`` and its pre-stop ``table`` for :func:`solve_balance_one`."""
    return TrunkConstants(x_coef=tuple(trunk.x_coef.tolist()), y_coef=tuple(trunk.y_coef.tolist()),
                          x_rate=tuple((trunk.x_coef * _A1).tolist()), y_rate=tuple((trunk.y_coef * _A1).tolist()),
                          pelvis_share=trunk.pelvis_share, lean_tab=tuple(table[0].tolist()),
                          g_tab=tuple(table[1].tolist()))


def interp_one(x: float, xp: tuple[float, ...], fp: tuple[float, ...]) -> float:
    """``np.interp(x, xp, fp)`` for one float and increasing ``xp`` (the same formula and end clamping)."""
    if x < xp[0]:
        return fp[0]
    if x > xp[-1]:
        return fp[-1]
    j = bisect_right(xp, x) - 1
    if j == len(xp) - 1 or xp[j] == x:
        return fp[j]
    slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    return slope * (x - xp[j]) + fp[j]


_CUM_ONE = tuple(CUM_WEIGHTS.tolist())
_A0_ONE = tuple(_A0.tolist())
_A1_ONE = tuple(_A1.tolist())
_BRACKET_FRAC_ONE = tuple((_BRACKET_LEANS / TRUNK_LEAN_MAX_DEG).tolist())
_DEG = math.pi / 180.0


def part_angles_one(lean_deg: float, tilt_deg: float) -> tuple[float, ...]:
    """:func:`part_angles_deg` at one depth: forward angle (°) of the 7 parts."""
    lumbar = lean_deg - tilt_deg
    return (tilt_deg, *(tilt_deg + w * lumbar for w in _CUM_ONE), lean_deg)


def moments_one(c: TrunkConstants, angles_deg: tuple[float, ...]) -> tuple[float, float]:
    """(:func:`x_moment`, :func:`y_moment`) at one depth, kg·m about the mid-hip."""
    mx = my = 0.0
    for x, y, ang in zip(c.x_coef, c.y_coef, angles_deg, strict=True):
        a = math.radians(ang)
        ca, sa = math.cos(a), math.sin(a)
        mx += x * ca + y * sa
        my += y * ca - x * sa
    return mx, my


def _g_one(c: TrunkConstants, base: tuple[float, ...], lean: float) -> float:
    g = 0.0
    for x, y, b, r in zip(c.x_coef, c.y_coef, base, _A1_ONE, strict=True):
        a = math.radians(b + r * lean)
        g += x * math.cos(a) + y * math.sin(a)
    return g


def _g_and_slope_one(c: TrunkConstants, base: tuple[float, ...], lean: float) -> tuple[float, float]:
    g = dg = 0.0
    for x, y, xr, yr, b, r in zip(c.x_coef, c.y_coef, c.x_rate, c.y_rate, base, _A1_ONE, strict=True):
        a = math.radians(b + r * lean)
        ca, sa = math.cos(a), math.sin(a)
        g += x * ca + y * sa
        dg += yr * ca - xr * sa
    return g, dg * _DEG


#: A decision of the balance solve (a comparison whose two outcomes give different leans) counts as a near
#: tie when its two sides are closer than this (°, kg·m): the scalar path's rounding (≈ 1e-13) could then
#: flip it, so :func:`solve_balance_one` reports it and the caller uses the vectorised path instead.
NEAR_TIE = 1e-9


def _solve_at_stop_one(c: TrunkConstants, required: float, tilt_deg: float) -> tuple[float, bool]:
    """:func:`_solve_at_stop` for one depth (same scan, vertex and safeguarded Newton steps).

    Returns the lean (°) and whether a decision was a near tie (see :data:`NEAR_TIE`).
    """
    floor = min(max(tilt_deg / c.pelvis_share, 0.0), TRUNK_LEAN_MAX_DEG)
    leans = [floor + (TRUNK_LEAN_MAX_DEG - floor) * f for f in _BRACKET_FRAC_ONE]
    base = tuple(a0 * tilt_deg for a0 in _A0_ONE)
    g: list[float] = []
    k = None
    near = False
    for i, lean in enumerate(leans):  # the first crossing; past it the scan is not needed
        g.append(_g_one(c, base, lean))
        f = g[i] - required
        near = near or abs(f) <= NEAR_TIE
        if f >= 0.0:
            k = i
            break
    if k is None:
        # no root: the lean of the largest forward moment (vertex of a parabola through the scan's best point)
        top = max(g)
        j = g.index(top)
        near = near or sum(1 for gi in g if top - gi <= NEAR_TIE) > 1
        j = min(max(j, 1), len(g) - 2)
        g0, g1, g2 = g[j - 1], g[j], g[j + 1]
        curv = g0 - 2.0 * g1 + g2
        near = near or abs(curv + 1e-12) <= NEAR_TIE
        shift = 0.5 * (g0 - g2) / curv if curv < -1e-12 else 0.0
        step = leans[j + 1] - leans[j]
        return min(max(leans[j] + min(max(shift, -1.0), 1.0) * step, floor), TRUNK_LEAN_MAX_DEG), near
    if k == 0:
        return floor, near
    lo, hi = leans[k - 1], leans[k]
    t = 0.5 * (lo + hi)
    for _ in range(_NEWTON_STEPS):
        gv, dg = _g_and_slope_one(c, base, t)
        fv = gv - required
        if fv < 0.0:
            lo = t
            other = hi
        else:
            hi = t
            other = lo
        newton = t - fv / (dg if dg > 1e-9 else 1e-9)
        # the Newton step is on t's side of the bound just set (by the sign of fv); only the other bound,
        # and the slope guard, are decisions that rounding could flip. Either outcome keeps t (now and in
        # later steps) inside [lo, hi], so a flip matters only while the bracket is wider than the tie.
        near = near or (hi - lo > 0.5 * NEAR_TIE
                        and (abs(newton - other) <= NEAR_TIE or abs(dg - 1e-9) <= NEAR_TIE))
        t = newton if (dg > 1e-9 and lo <= newton <= hi) else 0.5 * (lo + hi)
    return t, near


def solve_balance_one(c: TrunkConstants, required: float, stop_tilt_deg: float
                      ) -> tuple[float, float, bool, float, bool]:
    """:func:`solve_balance` at one depth with plain floats.

    Returns ``(lean_deg, tilt_deg, at_stop, pre_margin_deg, near_tie)``; ``near_tie`` says a decision of
    the solve was within :data:`NEAR_TIE` of flipping, where rounding differences from the vectorised
    :func:`solve_balance` could change the answer (the caller should use that instead).
    """
    k = c.pelvis_share
    lean = interp_one(required, c.g_tab, c.lean_tab)
    pre_margin = stop_tilt_deg - k * lean
    near = abs(pre_margin) <= NEAR_TIE
    if pre_margin < 0.0:
        lean_at_stop, near_stop = _solve_at_stop_one(c, required, stop_tilt_deg)
        return lean_at_stop, stop_tilt_deg, True, pre_margin, near or near_stop
    return lean, k * lean, False, pre_margin, near
