"""Left ≠ right: each leg solved with its own values, and what the pelvis does where they differ.

Frontal and transverse planes (docs/model.md Part A §13). Each side is solved as the existing right-leg
chain with that side's values (``sides.side_anatomy``; the left leg is then mirrored), each hip against its
own stop. Between the two sides:

* **obliquity** and **rotation** follow from the two legs' hip centres at the common thigh angle: a longer
  leg or a shin that travels less puts its hip higher or further back [D; the rotation takes
  :data:`ROTATION_SHARE` of the fore–aft offset, E];
* the **lateral shift**: the pelvis moves toward the side with more room (a hip with more room before its
  stop, an ankle that lets the knee travel further, the shorter leg) as the squat deepens, saturating at
  :data:`SHIFT_MAX_FRAC_OF_STANCE` of the stance width [E]. The shift abducts the hip it moves away from
  (the restricted one), which clears that hip's rim a little, and adducts the other, through the same
  hip-stop geometry as stance and toe-out; it never moves more room than equalises the two, so the
  restricted hip still reaches its stop first and decides the tuck;
* the **load on each foot** from where the centre of mass sits between the feet.

:func:`side_outputs` gives a pose's per-side outputs (each hip's flexion, stop and margin, the pelvis's
shift, rotation and obliquity, the load on each foot, each knee's distance outside its foot), the
symmetric values (shift, rotation and obliquity 0, 50 % on each foot) for a lifter whose sides are the same.

Everything is vectorised over depths (arrays (N,)). Pure numpy.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments, segments
from .hip import hip_stops
from .legs import Foot, LegChain, depth_ramp, leg_chain, place_foot
from .sides import side_anatomy

if TYPE_CHECKING:
    from .descent import Body

#: Largest lateral shift of the pelvis, as a share of the stance width (heel centres) [E]: 0.12 × 0.35 m =
#: 4.2 cm; lifters filmed from behind shift a few centimetres (no measured range found).
SHIFT_MAX_FRAC_OF_STANCE = 0.12
#: Degrees of room difference that give tanh(1) = 76 % of the largest shift [E].
DRIVE_REF_DEG = 10.0
#: A leg length difference counts as this much room difference per millimetre toward the shorter leg [E]:
#: the shorter limb carries more load (White et al. 2004; Azizan et al. 2018).
LEG_LENGTH_DRIVE_DEG_PER_MM = 0.5
#: Share of the two hips' fore–aft and (beyond the leg length difference) up–down offsets taken by the
#: pelvis's turn and drop; the rest by the legs (each thigh's angle a little off the common one) [E].
ROTATION_SHARE = 0.5
#: Share of the two thighs' mass that moves with the pelvis's shift (the hip end of each thigh) [E].
THIGH_SHIFT_SHARE = 0.5
#: Abduction spacing of the stop tables (°) and their number of external rotations where the knees are
#: pushed out or in (spanning the squat's range): interpolated, the stop is within 0.06° of a direct call.
_TABLE_STEP_DEG = 1.0
_ROTATION_POINTS = 9


@dataclass(frozen=True, slots=True)
class Side:
    """One side's constants: its values as a symmetric lifter, its segments (leg length), its foot (as a
    right foot) and its stop table: effective stop (°) (K, M) and rim contact (K, M, 3; right-hip frame) at
    M abductions and K external rotations (K = 1, the toe-out, unless the knees are pushed out or in)."""

    anatomy: Anatomy
    seg: Segments
    foot: Foot
    stop_abduction_deg: np.ndarray
    stop_rotation_deg: np.ndarray
    stop_deg: np.ndarray
    stop_contact_m: np.ndarray


def make_sides(anatomy: Anatomy, midfoot_frac: float, probe_deg: np.ndarray) -> tuple[Side, Side]:
    """Left and right :class:`Side` of an anatomy (the leg length difference split half to each shin)."""
    out: list[Side] = []
    for side, sign in (("l", -1.0), ("r", 1.0)):
        an = side_anatomy(anatomy, side)
        if out and an == out[0].anatomy and anatomy.leg_length_difference_mm == 0.0:
            return out[0], out[0]  # the same values on both sides (knees pushed out or in): one side serves
        seg = segments(an)
        seg = replace(seg, shank_length_m=seg.shank_length_m + sign * 0.0005 * anatomy.leg_length_difference_mm)
        foot = place_foot(an, seg, midfoot_frac)
        probe = leg_chain(an, seg, foot, np.linspace(probe_deg[0], probe_deg[-1], 17))
        # room for the shift's abduction on either side of the squat's own range, at ≈ 1° spacing
        margin = 2.0 + math.degrees(math.atan(SHIFT_MAX_FRAC_OF_STANCE * an.stance_width_m / seg.thigh_length_m))
        lo, hi = float(probe.abduction_deg.min()) - margin, float(probe.abduction_deg.max()) + margin
        grid = np.linspace(lo, hi, int(math.ceil((hi - lo) / _TABLE_STEP_DEG)) + 1)
        if probe.external_rotation_deg is None:
            rotations = np.array([an.toe_out_deg])
        else:
            er_lo, er_hi = float(probe.external_rotation_deg.min()), float(probe.external_rotation_deg.max())
            rotations = np.linspace(er_lo - 1.0, er_hi + 1.0, _ROTATION_POINTS)
        abd, rot = np.meshgrid(grid, rotations)
        stops = hip_stops(an, abd, rot, "r")
        out.append(Side(anatomy=an, seg=seg, foot=foot, stop_abduction_deg=grid, stop_rotation_deg=rotations,
                        stop_deg=np.asarray(stops.effective_deg, dtype=float),
                        stop_contact_m=np.asarray(stops.contact_pelvis_m, dtype=float)))
    return out[0], out[1]


def _table(side: Side, values: np.ndarray, abduction_deg: np.ndarray, rotation_deg: np.ndarray | None
           ) -> np.ndarray:
    """``values`` (K, M) of a side's table at the N (abduction, rotation) points: linear along abduction in
    each rotation row, then between the two rows around each point's rotation."""
    rows = np.stack([np.interp(abduction_deg, side.stop_abduction_deg, row) for row in values])
    if rows.shape[0] == 1 or rotation_deg is None:
        return rows[0]
    r = side.stop_rotation_deg
    pos = np.clip((rotation_deg - r[0]) / (r[1] - r[0]), 0.0, r.shape[0] - 1.0)
    i = np.minimum(pos.astype(int), r.shape[0] - 2)
    f = pos - i
    cols = np.arange(abduction_deg.shape[0])
    return rows[i, cols] * (1.0 - f) + rows[i + 1, cols] * f


def two_legs(sides: tuple[Side, Side], th: np.ndarray, caps: np.ndarray | None = None) -> LegChain:
    """Both legs at thigh angles (N,) as one chain for the sagittal walk (right-leg frame): hips and knees
    averaged, knee flexion the larger, either cap flagged; ``pair`` holds (left, right) as right legs."""
    if _same_legs(sides):  # the sides differ only at the hip: one leg chain serves both
        leg = leg_chain(sides[1].anatomy, sides[1].seg, sides[1].foot, th, caps)
        return dataclasses.replace(leg, pair=(leg, leg))
    left, right = (leg_chain(s.anatomy, s.seg, s.foot, th, caps) for s in sides)
    return LegChain(shank_incl_deg=0.5 * (left.shank_incl_deg + right.shank_incl_deg),
                    at_ankle=left.at_ankle | right.at_ankle, at_toes=left.at_toes | right.at_toes,
                    knee=0.5 * (left.knee + right.knee), hip=0.5 * (left.hip + right.hip),
                    knee_flexion_deg=np.maximum(left.knee_flexion_deg, right.knee_flexion_deg),
                    abduction_deg=0.5 * (left.abduction_deg + right.abduction_deg), pair=(left, right))


#: The inputs a leg chain reads besides its segments and foot.
_LEG_FIELDS = ("ankle_dorsiflexion_deg", "heel_elevation_mm", "toe_out_deg", "knees_out_cm", "knees_behind_toes")


def _same_legs(sides: tuple[Side, Side]) -> bool:
    """Whether the two legs are the same chain (equal leg inputs, segments and feet)."""
    left, right = sides
    return (left.seg == right.seg and left.foot == right.foot
            and all(getattr(left.anatomy, k) == getattr(right.anatomy, k) for k in _LEG_FIELDS))


def stop_of(side: Side, legs: LegChain, abduction_deg: np.ndarray, contact: bool = False
            ) -> tuple[np.ndarray, np.ndarray | None]:
    """Effective stop (°) of one hip at these abductions and the legs' external rotation, from the side's
    stop table, and (``contact``) the rim contact (N, 3; right-hip frame), else ``None``."""
    rotation = legs.external_rotation_deg
    stop = _table(side, side.stop_deg, abduction_deg, rotation)
    if not contact:
        return stop, None
    return stop, np.stack([_table(side, side.stop_contact_m[..., k], abduction_deg, rotation) for k in range(3)],
                          axis=-1)


@dataclass(frozen=True, slots=True)
class Pelvis:
    """What the pelvis does between the two sides at N depths (arrays (N,)).

    ``shift_m`` + right; ``stop_l_deg``/``stop_r_deg`` each hip's effective stop with the shift's
    abduction; ``contact_l_m``/``contact_r_m`` (N, 3) their rim contacts (right-hip frame).
    """

    shift_m: np.ndarray
    stop_l_deg: np.ndarray
    stop_r_deg: np.ndarray
    contact_l_m: np.ndarray | None
    contact_r_m: np.ndarray | None

    @property
    def stop_deg(self) -> np.ndarray:
        """The stop that decides the tuck: the smaller of the two."""
        return np.minimum(self.stop_l_deg, self.stop_r_deg)


def pelvis_between(sides: tuple[Side, Side], th: np.ndarray, legs: LegChain, leg_length_difference_mm: float,
                   contacts: bool = False) -> Pelvis:
    """The lateral shift and each hip's stop (see the module docstring), at thigh angles (N,); the rim
    contacts only with ``contacts`` (else ``None``)."""
    left, right = legs.pair
    sl, sr = sides
    stop_l0, _ = stop_of(sl, left, left.abduction_deg)
    stop_r0, _ = stop_of(sr, right, right.abduction_deg)
    drive = depth_ramp(th) * ((stop_r0 - stop_l0) + (right.shank_incl_deg - left.shank_incl_deg)) \
        - LEG_LENGTH_DRIVE_DEG_PER_MM * leg_length_difference_mm
    shift = SHIFT_MAX_FRAC_OF_STANCE * sr.anatomy.stance_width_m * np.tanh(drive / DRIVE_REF_DEG)
    # a shift to the right brings the right hip over its knee (less abduction) and the left hip away from its own
    turn = np.degrees(np.arctan(shift / sr.seg.thigh_length_m))
    stop_l, contact_l = stop_of(sl, left, left.abduction_deg + turn, contacts)
    stop_r, contact_r = stop_of(sr, right, right.abduction_deg - turn, contacts)
    return Pelvis(shift_m=shift, stop_l_deg=stop_l, stop_r_deg=stop_r, contact_l_m=contact_l, contact_r_m=contact_r)


def pelvis_angles(legs: LegChain, hip_width_m: float, leg_length_difference_mm: float
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Pelvic rotation (°, + right hip forward) and obliquity (°, + right hip higher) from the two legs'
    hip centres at the common thigh angle (N,) each.

    The leg length difference raises the longer leg's hip in full (its part of the height offset: the
    difference × the cosine of the mean shin inclination); the pelvis takes :data:`ROTATION_SHARE` of the
    rest of the offsets (unequal knee travel), the legs the remainder [E].
    """
    left, right = legs.pair
    dx = right.hip[:, 0] - left.hip[:, 0]
    dy = right.hip[:, 1] - left.hip[:, 1]
    length = 0.001 * leg_length_difference_mm * np.cos(np.radians(legs.shank_incl_deg))
    dy = length + ROTATION_SHARE * (dy - length)
    return ROTATION_SHARE * np.degrees(np.arctan2(dx, hip_width_m)), np.degrees(np.arctan2(dy, hip_width_m))


def foot_loads_pct(com_z_m: np.ndarray, left_foot: Foot, right_foot: Foot) -> tuple[np.ndarray, np.ndarray]:
    """Share of body weight on the left and right foot (%) for a centre of mass at z (N,): the lever rule
    between the two feet's mid-foot points (left mirrored), clipped to 0–100 %."""
    z_r = 0.5 * (right_foot.heel[2] + right_foot.mtp[2])
    z_l = -0.5 * (left_foot.heel[2] + left_foot.mtp[2])
    right = np.clip(50.0 + 100.0 * (com_z_m - 0.5 * (z_r + z_l)) / (z_r - z_l), 0.0, 100.0)
    return 100.0 - right, right


def _rim(hip: np.ndarray, contact: np.ndarray, tilt_rad: np.ndarray, sign: float) -> np.ndarray:
    """Rim contact in the world (N, 3): the right-hip-frame contact turned by the pelvic tilt, at ``hip``."""
    c, s = np.cos(tilt_rad), np.sin(tilt_rad)
    dx = contact[:, 0] * c + contact[:, 1] * s
    dy = -contact[:, 0] * s + contact[:, 1] * c
    return np.stack((hip[:, 0] + dx, hip[:, 1] + dy, hip[:, 2] + sign * contact[:, 2]), axis=-1)


def side_outputs(body: Body, thigh: np.ndarray, legs: LegChain, tilt: np.ndarray, hip_flex: np.ndarray,
                 stop: np.ndarray) -> dict[str, object]:
    """The per-side outputs at thigh angles (N,) (:data:`~.pose.SIDE_FIELDS`), ``rim_contact`` ({"l", "r"}:
    (N, 3), world) and for two-sided lifters ``shift_m`` and ``com_z_m`` (N,).

    ``tilt``, ``hip_flex`` and ``stop`` are the pose's pelvic tilt, hip flexion and deciding stop (°).
    """
    n = thigh.shape[0]
    tr = np.radians(tilt)
    mirror = np.array([1.0, 1.0, -1.0])
    if legs.pair is None:
        out_cm = 100.0 * knee_out_m(legs, body.foot, body.anatomy.toe_out_deg)
        zero, half = np.zeros(n), np.full(n, 50.0)
        contact = np.stack([np.interp(legs.abduction_deg, body.stop_abduction_deg, body.stop_contact_m[:, k])
                            for k in range(3)], axis=-1)
        return {"pelvic_shift_cm": zero, "pelvic_rotation_deg": zero, "pelvic_obliquity_deg": zero,
                "hip_flexion_l_deg": hip_flex, "hip_flexion_r_deg": hip_flex, "hip_stop_l_deg": stop,
                "hip_stop_r_deg": stop, "hip_stop_margin_l_deg": stop - hip_flex,
                "hip_stop_margin_r_deg": stop - hip_flex, "foot_load_l_pct": half, "foot_load_r_pct": half,
                "knee_out_l_cm": out_cm, "knee_out_r_cm": out_cm,
                "rim_contact": {"l": _rim(legs.hip * mirror, contact, tr, -1.0), "r": _rim(legs.hip, contact, tr, 1.0)}}
    left, right = legs.pair
    sl, sr = body.sides
    pelvis = pelvis_between(body.sides, thigh, legs, body.leg_length_difference_mm, contacts=True)
    rotation, obliquity = pelvis_angles(legs, body.seg.hip_width_m, body.leg_length_difference_mm)
    shift = pelvis.shift_m
    moving = body.trunk.mass_kg + THIGH_SHIFT_SHARE * 2.0 * body.seg.thigh_mass_kg
    load_l, load_r = foot_loads_pct(shift * moving / body.mass_kg, sl.foot, sr.foot)
    rim = {"l": _rim(left.hip * mirror + [0.0, 0.0, 1.0] * shift[:, None], pelvis.contact_l_m, tr, -1.0),
           "r": _rim(right.hip + [0.0, 0.0, 1.0] * shift[:, None], pelvis.contact_r_m, tr, 1.0)}
    return {"pelvic_shift_cm": 100.0 * shift, "pelvic_rotation_deg": rotation, "pelvic_obliquity_deg": obliquity,
            "hip_flexion_l_deg": hip_flex, "hip_flexion_r_deg": hip_flex, "hip_stop_l_deg": pelvis.stop_l_deg,
            "hip_stop_r_deg": pelvis.stop_r_deg, "hip_stop_margin_l_deg": pelvis.stop_l_deg - hip_flex,
            "hip_stop_margin_r_deg": pelvis.stop_r_deg - hip_flex, "foot_load_l_pct": load_l,
            "foot_load_r_pct": load_r, "knee_out_l_cm": 100.0 * knee_out_m(left, sl.foot, sl.anatomy.toe_out_deg),
            "knee_out_r_cm": 100.0 * knee_out_m(right, sr.foot, sr.anatomy.toe_out_deg),
            "shift_m": shift, "com_z_m": shift * moving / body.mass_kg, "rim_contact": rim}


def knee_out_m(legs: LegChain, foot: Foot, toe_out_deg: float) -> np.ndarray:
    """The knee centre's distance outside the vertical plane of the foot's long axis (m, + outward), (N,)."""
    g = math.radians(toe_out_deg)
    rx = legs.knee[:, 0] - foot.ankle[0]
    rz = legs.knee[:, 2] - foot.ankle[2]
    return -rx * math.sin(g) + rz * math.cos(g)


__all__ = ["Side", "Pelvis", "make_sides", "two_legs", "pelvis_between", "pelvis_angles", "foot_loads_pct",
           "knee_out_m", "stop_of", "side_outputs"]
