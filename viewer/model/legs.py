"""Feet, shanks and thighs of the squat: foot placement, knee travel and the 3D leg chain.

Everything here is vectorised over depths (arrays of shape (N,)) and computed for the
**right** leg; the left leg is its mirror image (z → −z). Frames as in ``pose.py``: x
anterior, y up, z to the lifter's right, metres; angles in degrees at the interface.

Model (docs/model.md (Part A) §2–3):

* The foot stands with its heel centre at z = ±stance/2, turned out by the toe-out angle γ
  (foot axis u = (cos γ, 0, sin γ)). A heel plate tilts the foot about the metatarsal heads by
  the foot tilt t; the toes stay on the floor. The ankle joints sit at x = 0.
* The shank leans forward by d (its **sagittal** inclination from vertical, ground referenced) and
  the knee travels **over the toes** (along u), so in the foot's own plane it leans by
  atan(tan d / cos γ). The ankle range and the knee-travel pattern act on d: the weight-bearing
  lunge test measures the tibia's forward lean, and with the foot turned out the extra travel along
  the foot is taken by tibial rotation and foot pronation [E]. The ankle dorsiflexion reported is d − t.
  A constant tilt λ of the shank in the world frontal plane shares
  the lateral offset between ankle and hip with the thigh in proportion to their lengths.
* The hip joint centres stay ± hip-width/2 from the mid-line; the thigh closes the chain from
  the knee to the hip at the requested sagittal thigh angle θ (thigh's sagittal projection).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy
from .ankle import foot_tilt_deg as _foot_tilt_deg
from .anthropometry import Segments

#: Knee-travel pattern: shank inclination (°, ground referenced) a lifter chooses at the bottom of a
#: heels-flat deep squat when the ankle does not limit it [E, calibrated]: Hemmerich et al. 2006 report
#: ≈ 38° ankle dorsiflexion heels-flat (biomechanics.md §3, V7).
KNEE_TRAVEL_BOTTOM_DEG = 38.0
#: Thigh angle of "the bottom" for the pattern (°, sagittal thigh angle below horizontal) [E]; the pattern
#: d = D·(1 − (1 − s)²), s = (θ + 90)/(θ_bottom + 90) ≤ 1, eases out: 0 standing, ≈ 0.7° of shank per
#: degree of thigh at first (about 40 % of the knee flexion), 95 % of D at parallel, D at the bottom.
KNEE_TRAVEL_BOTTOM_THIGH_DEG = 25.0
#: Share of the heel plate's foot tilt that an ankle-unlimited lifter adds to the knee travel
#: [E, calibrated to V10: ≈ 2.5° less trunk lean for a 25 mm raise; Farhad 2024: 3.1 ± 4.6°].
PLATE_TRAVEL_SHARE = 0.15
#: Anterior knee surface in front of the knee joint centre (m at 1.75 m), biomechanics.md §3 [E].
KNEE_FRONT_OFFSET_FRAC = 0.045 / 1.75
#: Maximum knee flexion (°): thigh on calf. Hemmerich 2006: 157 ± 6° heels-up [S].
KNEE_MAX_DEG = 157.0
#: Frontal-plane shank tilt is limited to |sin λ| ≤ this (very wide stances on short legs) [E].
SHANK_TILT_SIN_MAX = 0.7

@dataclass(frozen=True, slots=True)
class Foot:
    """Right foot on the floor or plate: points as (x, y, z) tuples in metres; x extents for balance."""

    tilt_deg: float
    heel: tuple[float, float, float]
    ankle: tuple[float, float, float]
    mtp: tuple[float, float, float]
    toe: tuple[float, float, float]
    com: tuple[float, float, float]
    heel_x_m: float
    mtp_x_m: float
    toe_x_m: float
    midfoot_x_m: float


def foot_tilt(anatomy: Anatomy) -> float:
    """Foot tilt from the heel plate, degrees (0 without a plate)."""
    if anatomy.heel_elevation_mm <= 0.0:
        return 0.0
    return float(_foot_tilt_deg(anatomy.heel_elevation_mm, anatomy.height_m, anatomy.sex))


def place_foot(anatomy: Anatomy, seg: Segments, midfoot_frac: float) -> Foot:
    """Right foot placement: heel centre at z = stance/2, turned out by the toe-out angle.

    ``midfoot_frac`` is the balance target's distance from the heel as a share of foot length, measured
    on the flat foot: the target keeps its distance in front of the ankle on a heel plate [E].
    """
    t = math.radians(foot_tilt(anatomy))
    g = math.radians(anatomy.toe_out_deg)
    ha, at, fl = seg.heel_to_ankle_m, seg.ankle_to_toe_m, seg.foot_length_m
    m = seg.heel_to_mtp_m - ha  # ankle → metatarsal heads along the sole

    def tilted(along: float, up: float) -> tuple[float, float]:
        # rotate about the metatarsal heads (along = m, up = 0) so that the heel rises
        rx, ry = along - m, up
        return m + rx * math.cos(t) + ry * math.sin(t), -rx * math.sin(t) + ry * math.cos(t)

    heel = tilted(-ha, 0.0)
    ankle = tilted(0.0, seg.ankle_height_m)
    com_along = -ha + seg.foot_com_frac * fl
    com = tilted(com_along, 0.02 * seg.height_m)  # the foot's COM lies behind the metatarsal heads
    mtp = (m, 0.0)
    toe = (at, 0.0)
    ux, uz = math.cos(g), math.sin(g)
    # shift so the ankle joint is at x = 0 and the heel centre at z = stance/2
    a0 = ankle[0]
    z0 = anatomy.stance_width_m / 2.0 - (heel[0] - a0) * uz

    def world(p: tuple[float, float]) -> tuple[float, float, float]:
        along = p[0] - a0
        return along * ux, p[1], z0 + along * uz

    pts = {k: world(v) for k, v in (("heel", heel), ("ankle", ankle), ("mtp", mtp), ("toe", toe),
                                    ("com", com))}
    return Foot(tilt_deg=math.degrees(t), heel=pts["heel"], ankle=pts["ankle"], mtp=pts["mtp"], toe=pts["toe"],
                com=pts["com"], heel_x_m=pts["heel"][0], mtp_x_m=pts["mtp"][0], toe_x_m=pts["toe"][0],
                midfoot_x_m=(midfoot_frac * fl - ha) * ux)


def natural_knee_travel_deg(thigh_angle_deg: np.ndarray, plate_tilt_deg: float) -> np.ndarray:
    """Shank inclination (°) a lifter chooses when nothing limits it, growing with depth.

    ``(D + share·tilt)·(1 − (1 − s)²)`` with ``s = (θ + 90)/(θ_bottom + 90)`` clipped to [0, 1]: 0
    standing, ≈ 38° at the bottom of a heels-flat deep squat (V7); a share of the plate's foot tilt
    is added (V10).
    """
    s = np.clip((thigh_angle_deg + 90.0) / (KNEE_TRAVEL_BOTTOM_THIGH_DEG + 90.0), 0.0, 1.0)
    return (KNEE_TRAVEL_BOTTOM_DEG + PLATE_TRAVEL_SHARE * plate_tilt_deg) * (1.0 - (1.0 - s) ** 2)


def depth_ramp(thigh_angle_deg: np.ndarray) -> np.ndarray:
    """0 standing → 1 at the bottom (N,), as the natural knee travel grows: how the knees-out push and the
    asymmetry between the sides build up with depth."""
    return natural_knee_travel_deg(thigh_angle_deg, 0.0) / KNEE_TRAVEL_BOTTOM_DEG


def _sagittal_from_foot_plane(d_foot_deg: float, cos_g: float) -> float:
    """Sagittal inclination (°) of a shank inclined by ``d_foot_deg`` along a foot turned out by γ."""
    return math.degrees(math.atan(math.tan(math.radians(min(d_foot_deg, 89.0))) * cos_g))


def _norm_v(d_deg: np.ndarray | float, cos_l: float, sin_l: float, sin_g: float) -> np.ndarray | float:
    """|cos λ (sin d u + cos d y) + sin λ z| for the foot axis u = (cos γ, 0, sin γ)."""
    return np.sqrt(1.0 + 2.0 * cos_l * sin_l * sin_g * np.sin(np.radians(d_deg)))


@dataclass(frozen=True, slots=True)
class LegChain:
    """Right-leg chain at N depths (arrays (N,) unless stated; metres, degrees).

    ``shank_incl_deg`` is the ground-referenced shank inclination in the foot plane;
    ``at_ankle`` / ``at_toes`` say which cap held the knee back.
    """

    shank_incl_deg: np.ndarray
    at_ankle: np.ndarray
    at_toes: np.ndarray
    knee: np.ndarray  # (N, 3)
    hip: np.ndarray  # (N, 3)
    knee_flexion_deg: np.ndarray
    abduction_deg: np.ndarray
    #: hip external rotation (°) where the knees are pushed out or cave in (else ``None``: the toe-out)
    external_rotation_deg: np.ndarray | None = None
    #: both legs (left, right; each solved as a right leg) where the sides differ (``frontal.two_legs``)
    pair: tuple[LegChain, LegChain] | None = None


def _toes_cap_deg(seg: Segments, foot: Foot, cos_l: float, sin_l: float, cg: float, sg: float) -> float:
    """Sagittal shank inclination (°) at which the knee front reaches the toe tip (knees behind toes)."""
    # knee front (centre + r_k·cos d ahead) may not pass the toe tip; fixed point for the norm of v
    ls = seg.shank_length_m
    b = KNEE_FRONT_OFFSET_FRAC * seg.height_m
    c = foot.toe_x_m - foot.ankle[0]
    toes_cap = 90.0
    for _ in range(4):
        a = ls * cos_l * cg / _norm_v(toes_cap, cos_l, sin_l, sg)
        r = math.hypot(a, b)
        toes_cap = math.degrees(math.asin(min(max(c / r, -1.0), 1.0)) - math.atan2(b, a))
        toes_cap = max(toes_cap, 0.0)
    return _sagittal_from_foot_plane(toes_cap, cg)


def leg_chain(anatomy: Anatomy, seg: Segments, foot: Foot, thigh_angle_deg: np.ndarray,
              travel_cap_deg: np.ndarray | None = None) -> LegChain:
    """Solve the right leg at each sagittal thigh angle (N,) for the chosen knee travel.

    ``travel_cap_deg`` (N,), if given, caps the shank inclination further: the knees kept back where even
    an upright trunk would leave the COM ahead of the mid-foot (``descent.py``).
    """
    th = np.asarray(thigh_angle_deg, dtype=float)
    g = math.radians(anatomy.toe_out_deg)
    cg, sg = math.cos(g), math.sin(g)
    ls, lt = seg.shank_length_m, seg.thigh_length_m
    ax, ay, az = foot.ankle
    hip_z = seg.hip_width_m / 2.0
    # frontal tilt of the shank: its share of the ankle → hip lateral offset
    sin_l = (hip_z - az) / (ls + lt)
    sin_l = min(max(sin_l, -SHANK_TILT_SIN_MAX), SHANK_TILT_SIN_MAX)
    cos_l = math.sqrt(1.0 - sin_l * sin_l)
    # caps on the shank inclination
    tilt = foot.tilt_deg
    natural = natural_knee_travel_deg(th, tilt)
    ankle_cap = anatomy.ankle_dorsiflexion_deg + tilt
    d = np.minimum(natural, ankle_cap)
    at_ankle = natural >= ankle_cap
    at_toes = np.zeros(th.shape, dtype=bool)
    if anatomy.knees_behind_toes:
        toes_cap = _toes_cap_deg(seg, foot, cos_l, sin_l, cg, sg)
        at_toes = d >= toes_cap
        d = np.minimum(d, toes_cap)
    if travel_cap_deg is not None:
        d = np.minimum(d, travel_cap_deg)
    d = np.clip(d, 0.0, None)
    # the knee travels along the (turned-out) foot: its inclination in the foot plane
    d_foot = np.degrees(np.arctan(np.tan(np.radians(d)) / cg))
    dr = np.radians(d_foot)
    sd, cd = np.sin(dr), np.cos(dr)
    # knee = ankle + Ls·v/|v|, v = cos λ (sin d u + cos d y) + sin λ z (u has a z part when toed out)
    scale = ls / _norm_v(d_foot, cos_l, sin_l, sg)
    kx = ax + scale * cos_l * sd * cg
    ky = ay + scale * cos_l * cd
    kz = az + scale * (cos_l * sd * sg + sin_l)
    er = None
    if anatomy.knees_out_cm != 0.0:
        kx, ky, kz, er = _knees_out(anatomy, th, (ax, ay, az), (kx, ky, kz), cg, sg)
    tz = hip_z - kz  # knee → hip, lateral component
    lt_p = np.sqrt(np.maximum(lt * lt - tz * tz, (0.3 * lt) ** 2))
    tr = np.radians(th)
    hx = kx - lt_p * np.cos(tr)
    hy = ky - lt_p * np.sin(tr)
    knee = np.stack((kx, ky, kz), axis=-1)
    hip = np.stack((hx, hy, np.full_like(hx, hip_z)), axis=-1)
    # knee flexion: angle between hip→knee (−T) and knee→ankle (|.| = Ls)
    thigh_len = np.sqrt(lt_p * lt_p + tz * tz)
    dot = (kx - hx) * (ax - kx) + (ky - hy) * (ay - ky) + tz * (kz - az)
    knee_flex = np.degrees(np.arccos(np.clip(dot / (thigh_len * ls), -1.0, 1.0)))
    abd = np.degrees(np.arcsin(np.clip(-tz / thigh_len, -1.0, 1.0)))
    return LegChain(shank_incl_deg=d, at_ankle=at_ankle & ~at_toes, at_toes=at_toes, knee=knee, hip=hip,
                    knee_flexion_deg=knee_flex, abduction_deg=abd, external_rotation_deg=er)


#: The knees-out push builds up with depth like the knee travel: none standing, all of it at the bottom [E].
#: Past this share of the shank's reach about the foot axis the knee cannot be pushed further [E].
KNEES_OUT_REACH_MAX = 0.95


def _knees_out(anatomy: Anatomy, th: np.ndarray, ankle: tuple[float, float, float],
               knee: tuple[np.ndarray, np.ndarray, np.ndarray], cg: float, sg: float
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Knees pushed out (or caving in) with the feet where they are (docs/model.md Part A §3b).

    The shank turns about the foot's long axis (the ankle stays; the foot rolls and the tibia rotates) so
    that the knee centre moves ``knees_out_cm`` × the depth ramp away from the vertical plane of the foot
    axis, its length kept. The knee's flexion plane turns with the shank and the femur with it: the hip
    external rotation is the toe-out plus that turn [E]. Returns the knee (x, y, z) (N,) each and the
    external rotation (°, N).
    """
    ax, ay, az = ankle
    kx, ky, kz = knee
    push = 0.01 * anatomy.knees_out_cm * depth_ramp(th)
    rx, ry, rz = kx - ax, ky - ay, kz - az
    along = rx * cg + rz * sg  # along the foot axis u = (cos γ, 0, sin γ)
    side = -rx * sg + rz * cg  # along n = (−sin γ, 0, cos γ): lateral to the foot plane (right leg)
    reach = np.sqrt(ry * ry + side * side)
    side_new = np.clip(side + push, -KNEES_OUT_REACH_MAX * reach, KNEES_OUT_REACH_MAX * reach)
    up_new = np.sqrt(np.maximum(reach * reach - side_new * side_new, 0.0))
    turn = np.degrees(np.arctan2(side_new, up_new) - np.arctan2(side, ry))
    kx = ax + along * cg - side_new * sg
    kz = az + along * sg + side_new * cg
    return kx, ay + up_new, kz, anatomy.toe_out_deg + turn
