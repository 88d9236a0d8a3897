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
#: The mobile lumbar spine is flat when its flexion from standing reaches this share of the standing
#: L1–S1 lordosis [E]: about half of the Cobb lordosis is built into the wedge of L5 and the L5–S1 disc
#: (bones.md: L4–S1 ≈ 71 % of it), so the moving levels straighten after roughly half.
FLAT_SHARE_OF_LORDOSIS = 0.5
#: While the hip can still flex, the lumbar share of the trunk lean saturates at this share of the lower
#: of the flat point and the tolerated flexion [E]: a squatter hinges at the hip and keeps the lower back
#: short of flat until the hip stops (the rest of the lean tilts the pelvis further forward).
LUMBAR_CEILING_SHARE = 0.8
#: Range of trunk lean the balance solve may use (°, + forward) [E]: past 80° forward the lifter can
#: lean no further (the squat ends: "balance"); a load far in front may make the lifter lean back, at
#: most 20° (past that the COM leaves the toes: "balance" too).
TRUNK_LEAN_MAX_DEG = 80.0
TRUNK_LEAN_MIN_DEG = -20.0
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
    lumbar_ceiling_deg: float  # the lumbar flexion the rhythm approaches but never reaches before the stop
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
                 lumbar_ceiling_deg=LUMBAR_CEILING_SHARE * min(FLAT_SHARE_OF_LORDOSIS * anatomy.lordosis_deg,
                                                               anatomy.lumbar_flexion_max_deg),
                 lumbosacral=ls, lumbar_step_m=step, neck=neck, head=head, shoulder=shoulder,
                 arm_world_mass_kg=arm_world, arm_reach_m=ARM_COM_FRAC_H * h)


def arm_raise_deg(thigh_angle_deg: np.ndarray) -> np.ndarray:
    """Unloaded arms rise forward with depth: 0° standing → 90° at parallel (as kinematics draws them)."""
    return 90.0 * np.clip((thigh_angle_deg + 90.0) / 90.0, 0.0, 1.0)


def rhythm_lumbar_deg(trunk: Trunk, lean_deg: np.ndarray | float) -> np.ndarray:
    """Lumbar flexion (°) of the lumbopelvic rhythm at trunk lean τ, before the hip stop.

    ``C·tanh((1 − k)·τ / C)``: the lumbar spine takes share 1 − k of a small lean, and approaches the
    ceiling C (:data:`LUMBAR_CEILING_SHARE`) for large ones; the pelvis takes the rest (p = τ − l).
    Increasing in τ, as is the pelvis's part.
    """
    c = trunk.lumbar_ceiling_deg
    return c * np.tanh((1.0 - trunk.pelvis_share) * np.asarray(lean_deg, dtype=float) / c)


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


def rhythm_table(trunk: Trunk) -> tuple[np.ndarray, np.ndarray]:
    """x-moment of the upper body along the lumbopelvic rhythm (:func:`rhythm_lumbar_deg`), as an increasing table.

    Returns leans (°) from :data:`TRUNK_LEAN_MIN_DEG` and their x-moments (kg·m about the mid-hip). Past
    its peak, leaning further moves the COM back (a load far in front swings down): the table stops there.
    """
    lean = np.arange(TRUNK_LEAN_MIN_DEG, TRUNK_LEAN_MAX_DEG + _TABLE_STEP_DEG / 2, _TABLE_STEP_DEG)
    g = x_moment(trunk, part_angles_deg(lean, lean - rhythm_lumbar_deg(trunk, lean)))
    k = int(np.argmax(g))
    return lean[: k + 1], np.maximum.accumulate(g[: k + 1])


def lean_on_rhythm(table: tuple[np.ndarray, np.ndarray], required: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lean (°) whose rhythm-posture x-moment equals ``required`` (N,), clamped to the table's ends, and
    the shortfall (kg·m, > 0 where even the largest lean leaves the moment short of ``required``)."""
    lean_tab, g_tab = table
    return np.interp(required, g_tab, lean_tab), required - g_tab[-1]


#: Safeguarded Newton steps from the rhythm's lean (≈ 1e-8° after 6; the moment is smooth in the lean).
_NEWTON_STEPS = 6
#: Part angles with the pelvis held at p are ``_A0·p + _A1·τ`` (pelvis p; lumbar bodies p + C_j (τ − p); thorax τ).
_A0 = np.concatenate(([1.0], 1.0 - CUM_WEIGHTS, [0.0]))
_A1 = np.concatenate(([0.0], CUM_WEIGHTS, [1.0]))


def _g_and_slope(trunk: Trunk, base_deg: np.ndarray, lean_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x-moment g and dg/dτ (per degree) at leans ``lean_deg`` (K,) with part angles base (7, K) + A1·τ."""
    a = np.radians(base_deg + _A1[:, None] * lean_deg[None, :])
    c, s = np.cos(a), np.sin(a)
    g = trunk.x_coef @ c + trunk.y_coef @ s
    dg = (trunk.y_coef * _A1) @ c - (trunk.x_coef * _A1) @ s
    return g, dg * (math.pi / 180.0)


def lean_with_pelvis_held(trunk: Trunk, required: np.ndarray, tilt_deg: np.ndarray, guess_deg: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Lean (°) with the pelvis held at ``tilt_deg`` (M,) whose x-moment equals ``required`` (M,).

    Safeguarded Newton from ``guess_deg`` (M,) inside [TRUNK_LEAN_MIN_DEG, TRUNK_LEAN_MAX_DEG]; the moment
    grows with the lean there, so the root is unique, and a moment out of reach gives the range's end.
    Also returns the shortfall (kg·m): ``required`` minus the moment at the largest lean (> 0: no lean is
    enough; where leaning further moves the COM back, the moment at the lean of its peak).
    """
    base = _A0[:, None] * tilt_deg[None, :]  # (7, M)
    lo = np.full(required.shape, TRUNK_LEAN_MIN_DEG)
    hi = np.full(required.shape, TRUNK_LEAN_MAX_DEG)
    t = np.clip(guess_deg, lo, hi)
    for _ in range(_NEWTON_STEPS):
        gv, dg = _g_and_slope(trunk, base, t)
        fv = gv - required
        neg = fv < 0.0
        lo = np.where(neg, t, lo)
        hi = np.where(neg, hi, t)
        newton = t - fv / np.where(dg > 1e-9, dg, 1e-9)
        ok = (dg > 1e-9) & (newton >= lo) & (newton <= hi)
        t = np.where(ok, newton, 0.5 * (lo + hi))
    top, slope_top = _g_and_slope(trunk, base, np.full(required.shape, TRUNK_LEAN_MAX_DEG))
    peak = np.where(slope_top < 0.0, np.maximum(top, _g_and_slope(trunk, base, t)[0]), top)
    return t, required - peak
