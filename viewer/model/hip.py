"""Hip flexion stop in 3D: where the femoral head–neck junction meets the acetabular rim (per side).

Geometry (full derivation and every constant's source in docs/model.md (Part B)):

* Frame: the pelvis frame of one hip, origin at the hip joint centre, x anterior, y up,
  z lateral. The model is computed for a right hip; for the left hip only the sign of z in the
  returned contact point changes (mirror image).
* Rim: the acetabular rim is a closed curve on the femoral-head sphere, described by its
  centre–edge angle ``CE(az)``: the angle from the vertical (up) to the rim edge, at azimuth ``az``
  around the vertical (0 anterior, 90 lateral, 180 posterior). ``CE(90)`` is the lateral
  centre–edge angle (LCE). The covered part of the head is ``polar angle < CE(az)``. The profile
  is **not** uniform: the anterior wall covers less of the head than the posterior wall.
  A deeper socket (LCE) extends the whole rim further over the head (larger CE); acetabular
  retroversion extends the anterior half.
* Neck: the femoral neck axis leaves the head centre at the neck–shaft angle, twisted backwards
  by femoral anteversion. Beyond the head radius the femur occupies a cone of half-angle
  ``gamma`` around the neck axis; ``gamma`` is the alpha angle where the anterosuperior junction
  (the cam site) faces the rim (rim azimuth ≤ 45°), tapering to a normal 42° at the lateral rim.
* Orientation: femur on pelvis in the ISB/Grood–Suntay order: flexion about the pelvis lateral
  axis, then abduction about the floating axis, then external rotation about the femoral
  mechanical axis. The stance angles enter attenuated by ``ABDUCTION_GAIN`` and
  ``EXTERNAL_ROTATION_GAIN`` (calibration to in-vivo squat data, see the doc).
* Contact: a rim point is hit when the angle between it and the neck axis falls to ``gamma``.
  With flexion applied last, ``P cos F + Q sin F + C = cos gamma`` has a closed-form first
  entry per rim point (a quadratic in tan(F/2)), so the stop is the smallest entry flexion over a
  fixed sample of 29 rim points: vectorised over orientations, no iteration.
* Positive stance abduction never gives a stop below the stop without abduction (in cam or deep
  hips, abduction at moderate flexion lifts the neck toward the superolateral rim; the lifter can
  always use less abduction there). Between the two ends small dips (< 0.25°) remain. The bony
  stop saturates smoothly toward 145° (soft tissue takes over from bone).

Effective stop = motor control × bony stop − labrum margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy

# --- constants (labels as in biomechanics.md: [S] source, [D] derived, [E] estimate) ----------------
LABRUM_MARGIN_DEG = 12.0
"""[E] labrum / soft-tissue margin subtracted from the bony stop (biomechanics.md §2a/2b: 10–15°)."""

NORMAL_JUNCTION_DEG = 42.0
"""[S/E] head–neck junction angle away from the cam site: a normal alpha angle (§2b)."""

HEAD_RADIUS_FRAC = 0.0245 / 1.75
"""[E] femoral head radius as a fraction of stature: 24.5 mm at 1.75 m."""

ABDUCTION_GAIN = 0.2
"""[E] share of the stance abduction that moves the neck in the rigid-bone model (calibration, V3/V6)."""

EXTERNAL_ROTATION_GAIN = 0.3
"""[E] share of the stance external rotation that moves the neck (calibration, V3/V6)."""

SOCKET_AXIS_TILT_DEG = 40.0
"""[E] acetabular opening axis below the horizontal; only used to report the rim clock position."""

# Rim centre–edge profile of the reference hip (LCE 28°, acetabular version 20°) [E]:
# CE in degrees at azimuths (0 anterior, 90 lateral, 180 posterior). The lateral knot is the LCE;
# the anterosuperior knots put the anterior edge of the roof at ~36–48° from vertical (Lequesne's
# vertical-centre-anterior angle is ≥ 25°, §2b), the posterior wall reaches below the equator
# (posterior coverage 36–47 % vs anterior 15–26 % of the head, Tannast 2015, §2a).
_PROFILE_AZ_DEG = np.array([-90.0, -45.0, 0.0, 45.0, 90.0, 135.0, 180.0, 225.0])
_PROFILE_CE_DEG = np.array([90.0, 70.0, 50.0, 38.5, 28.0, 45.0, 85.0, 120.0])
_REF_LCE_DEG = 28.0
_REF_AV_DEG = 20.0
_VERSION_GAIN = 0.6
"""[E] degrees of anterior-rim CE per degree of acetabular retroversion (× cos azimuth)."""

# Rim sample: the anterior and superolateral rim, which a flexing neck meets (contacts fall at −10…75°);
# the posterolateral rim (ER / extension impingement) is left out.
_RIM_AZ_DEG = np.arange(-20.0, 90.0 + 1e-9, 5.0)   # 23 points; stop < 0.2° from a 0.25° sample
# Share of the alpha angle used at each rim azimuth: 1 where the anterosuperior junction (cam site)
# faces the rim (anterior to lateral), tapering to the normal junction posteriorly.
_CAM_WEIGHT = np.interp(_RIM_AZ_DEG, [-45.0, 45.0, 90.0, 180.0], [1.0, 1.0, 0.0, 0.0])
_VERSION_ENVELOPE_DEG = 8.0
"""The stop is the better of the femoral version's and 8° less of it (a monotone envelope near the top)."""
_ABDUCTION_ENVELOPE = (1.0, 0.0)
"""Shares of the stance abduction whose best (latest) stop is used (abduction > 0 only): with and without."""
_SOFT_CAP_KNEE_DEG = 115.0
_SOFT_CAP_DEG = 145.0
_GEOMETRY_MAX_DEG = 140.0
"""[E] the bony stop saturates smoothly above _SOFT_CAP_KNEE_DEG toward _SOFT_CAP_DEG, near the top of
clinical passive flexion (120–135°, which includes some pelvic tilt): past the knee the capsule and soft
tissue take over from bone (``soft_cap_deg``). Increasing up to a geometric contact at _GEOMETRY_MAX_DEG,
so every hip input keeps its effect over the physiological range."""


def soft_cap_deg(bony_deg: np.ndarray) -> np.ndarray:
    """The geometric stop (°) saturated smoothly: unchanged up to 115°, then 115 + 30·tanh((x − 115)/30).

    Contacts past 140° of flexion are taken as 140° (no bony contact in the physiological range; there the
    rigid-neck geometry stops following the literature's directions): the stop then tops out at 135.4°.
    """
    x = np.minimum(np.asarray(bony_deg, dtype=float), _GEOMETRY_MAX_DEG)
    span = _SOFT_CAP_DEG - _SOFT_CAP_KNEE_DEG
    return np.where(x <= _SOFT_CAP_KNEE_DEG, x, _SOFT_CAP_KNEE_DEG + span * np.tanh((x - _SOFT_CAP_KNEE_DEG) / span))


@dataclass(frozen=True, slots=True)
class HipStops:
    """Hip stop along a set of hip orientations (arrays of the broadcast shape of the inputs, e.g. (N,)).

    Attributes:
        bony_deg: femur-on-pelvis flexion at bone-on-bone contact, degrees, in [0, 145) (saturating
            smoothly above 115°; 0 = the neck already meets the rim standing).
        effective_deg: the stop the lifter uses = motor control × bony − labrum margin, degrees
            (never below 0).
        contact_pelvis_m: (..., 3) contact point on the rim in the pelvis frame, relative to the
            hip joint centre, metres (x anterior, y up, z lateral-positive for the right side,
            negative for the left).
        contact_clock_h: position of the contact on the acetabular clock face, hours in (0, 12]:
            12 = superior, 3 = anterior, 6 = inferior, 9 = posterior (same for both sides).
    """

    bony_deg: np.ndarray
    effective_deg: np.ndarray
    contact_pelvis_m: np.ndarray
    contact_clock_h: np.ndarray


def rim_ce_deg(acetabular_lce_deg: float, acetabular_version_deg: float,
               azimuth_deg: np.ndarray | float) -> np.ndarray:
    """Rim centre–edge angle (degrees from vertical) at ``azimuth_deg`` (0 anterior, 90 lateral, 180 posterior).

    Larger = the socket covers more of the head there. ``rim_ce_deg(lce, av, 90) == lce``.
    """
    az = np.asarray(azimuth_deg, dtype=float)
    rad = np.radians(az)
    base = np.interp(az, _PROFILE_AZ_DEG, _PROFILE_CE_DEG)
    depth_weight = 0.4 + 0.6 * np.clip(np.sin(rad), 0.0, None)          # 1 laterally, 0.4 front/back
    version_weight = np.clip(np.cos(rad), 0.0, None)                      # anterior half only
    return (base + depth_weight * (acetabular_lce_deg - _REF_LCE_DEG)
            + _VERSION_GAIN * version_weight * (_REF_AV_DEG - acetabular_version_deg))


def _unit_from_ce(ce_deg: np.ndarray, az_deg: np.ndarray) -> np.ndarray:
    c, a = np.radians(ce_deg), np.radians(az_deg)
    return np.stack([np.sin(c) * np.cos(a), np.cos(c), np.sin(c) * np.sin(a)], axis=-1)


def _rim(lce_deg: float, av_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Rim unit directions (M, 3) and their clock hours (M,) for one socket (right-hip frame)."""
    dirs = _unit_from_ce(rim_ce_deg(lce_deg, av_deg, _RIM_AZ_DEG), _RIM_AZ_DEG)
    dirs.setflags(write=False)
    clock = _clock_hours(dirs, av_deg)
    clock.setflags(write=False)
    return dirs, clock


def _clock_hours(dirs: np.ndarray, av_deg: float) -> np.ndarray:
    """Acetabular clock position (hours, 12 superior, 3 anterior) of unit directions (M, 3)."""
    t, v = np.radians(SOCKET_AXIS_TILT_DEG), np.radians(av_deg)
    axis = np.array([np.cos(t) * np.sin(v), -np.sin(t), np.cos(t) * np.cos(v)])
    up = np.array([0.0, 1.0, 0.0])
    sup = up - axis * (up @ axis)
    sup /= np.linalg.norm(sup)
    ant = np.cross(axis, sup)
    if ant[0] < 0.0:
        ant = -ant
    ang = np.degrees(np.arctan2(dirs @ ant, dirs @ sup))
    hours = np.mod(ang / 30.0, 12.0)
    return np.where(hours <= 1e-9, 12.0, hours)


def neck_axis(femoral_anteversion_deg: float, neck_shaft_angle_deg: float) -> np.ndarray:
    """Unit neck axis (head centre → neck) in the femur frame at neutral, right hip: x ant, y up, z lateral.

    The neck is ``neck_shaft_angle − 90`` degrees below the horizontal and twisted backwards by
    the anteversion (the head points forwards, so the neck points backwards from it).
    """
    t = np.radians(180.0 - neck_shaft_angle_deg)
    fv = np.radians(femoral_anteversion_deg)
    return np.array([-np.sin(t) * np.sin(fv), -np.cos(t), np.sin(t) * np.cos(fv)])


def _first_contact(rim_dirs: np.ndarray, gamma_rad: np.ndarray, vx: np.ndarray, vy: np.ndarray,
                   vz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Smallest flexion (rad) in [0, π] at which the neck axis comes within gamma of a rim point.

    ``rim_dirs`` (M, 3), ``gamma_rad`` (M,); ``vx, vy, vz`` (N,) the neck axis after abduction and
    rotation, before flexion. Returns flexion (N,) (π where no rim point is reached) and the index
    of the rim point hit (N,).

    For a neck–rim pair, cos(angle) = P cos F + Q sin F + C. With t = tan(F/2) the contact
    condition P cos F + Q sin F ≥ K (K = cos gamma − C) becomes a quadratic in t whose entry root
    is t = (K − P) / (Q + √(P² + Q² − K²)) (valid when the pair is apart at F = 0 and the root is
    positive). Only square roots per pair; one arctan per orientation.
    A rim point already inside the cone at zero flexion gives a stop of 0 (impinging when
    standing; only extreme corners, e.g. a large cam in a protrusio socket). The rim sample holds
    only the anterior and superolateral rim, which a flexing neck meets.
    """
    # Layout (M, N): the long orientation axis is the contiguous inner loop; float32 halves the
    # memory traffic (angles stay accurate to ~0.001°).
    rx, ry, rz = (rim_dirs[:, j, None].astype(np.float32) for j in range(3))
    vx, vy, vz = (np.asarray(v, dtype=np.float32) for v in (vx, vy, vz))
    cos_gamma = np.cos(gamma_rad)[:, None].astype(np.float32)
    p = rx * vx
    p += ry * vy
    q = ry * vx
    q -= rx * vy
    gap = rz * vz
    np.subtract(cos_gamma, gap, out=gap)
    disc = gap * gap
    gap -= p                                                        # > 0: apart at zero flexion
    np.subtract(p * p + q * q, disc, out=disc)
    den = np.sqrt(np.maximum(disc, 0.0))
    den += q
    valid = (disc >= 0.0) & (gap > 0.0) & (den > 0.0)
    t = np.divide(gap, den, out=np.full(gap.shape, np.inf, dtype=np.float32), where=valid)
    t[gap <= 0.0] = 0.0                                              # inside the cone standing
    idx = np.argmin(t, axis=0)
    t_min = t[idx, np.arange(t.shape[1])]
    return 2.0 * np.arctan(t_min.astype(float)), idx


def bony_stop_deg(acetabular_lce_deg: float, acetabular_version_deg: float, femoral_anteversion_deg: float,
                  alpha_angle_deg: float, neck_shaft_angle_deg: float, abduction_deg: np.ndarray,
                  external_rotation_deg: np.ndarray, rim_dirs: np.ndarray | None = None,
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Bone-on-bone flexion stop (degrees, shape (N,)) and rim-point index, from explicit parameters.

    ``abduction_deg`` and ``external_rotation_deg`` are 1-D arrays of the same length (stance
    angles; the calibration gains are applied here). ``rim_dirs`` (M, 3) replaces the rim sample
    (same azimuths as the default) — used to compare rim shapes.
    """
    if rim_dirs is None:
        rim_dirs = _rim(float(acetabular_lce_deg), float(acetabular_version_deg))[0]
    gamma = np.radians(NORMAL_JUNCTION_DEG + (alpha_angle_deg - NORMAL_JUNCTION_DEG) * _CAM_WEIGHT)
    abd = np.radians(ABDUCTION_GAIN * np.asarray(abduction_deg, dtype=float))
    er = np.radians(EXTERNAL_ROTATION_GAIN * np.asarray(external_rotation_deg, dtype=float))
    ce, se = np.cos(er), np.sin(er)
    n = abd.shape[0]
    xs, ys, zs = [], [], []
    # Near the top of the range (stops of 130° and more) the rigid neck can reach the rim sooner with more
    # version; more anteversion never helps less than a little less of it does, so the stop is the best of
    # the two (the same envelope as for abduction below).
    for version in (femoral_anteversion_deg, femoral_anteversion_deg - _VERSION_ENVELOPE_DEG):
        u = neck_axis(version, neck_shaft_angle_deg)
        # External rotation about the femoral axis (−y): turns the anterior side laterally.
        x1 = u[0] * ce - u[2] * se
        z1 = u[0] * se + u[2] * ce
        # Abduction about the (floating) anterior axis: moves the knee laterally. At moderate flexion
        # (cam or deep hips) abduction can lift the neck toward the superolateral rim and lower the stop;
        # the lifter can always use less abduction there, so positive stance abduction never gives a
        # stop below the one without abduction.
        for f in _ABDUCTION_ENVELOPE:
            a = np.where(abd > 0.0, abd * f, abd)
            ca, sa = np.cos(a), np.sin(a)
            xs.append(x1)
            ys.append(u[1] * ca + z1 * sa)
            zs.append(-u[1] * sa + z1 * ca)
    m = len(xs)
    flex, idx = _first_contact(rim_dirs, gamma, np.concatenate(xs), np.concatenate(ys), np.concatenate(zs))
    best = np.argmax(flex.reshape(m, n), axis=0) * n + np.arange(n)
    return soft_cap_deg(np.degrees(flex[best])), idx[best]


def uniform_rim_dirs(ce_deg: float) -> np.ndarray:
    """Rim sample (M, 3) of a rim of uniform centre–edge angle ``ce_deg`` (for comparisons)."""
    return _unit_from_ce(np.full(_RIM_AZ_DEG.shape, float(ce_deg)), _RIM_AZ_DEG)


def hip_stops(anatomy: Anatomy, abduction_deg: np.ndarray, external_rotation_deg: np.ndarray,
              side: str = "r") -> HipStops:
    """Hip stop for each (abduction, external rotation) pair, degrees.

    Args:
        anatomy: the lifter (hip shape, height, motor control are read).
        abduction_deg: hip abduction (+) / adduction (−), degrees; scalar or array.
        external_rotation_deg: hip external (+) / internal (−) rotation, degrees; broadcastable
            with ``abduction_deg``.
        side: "l" or "r" (the anatomy is symmetric today; the code is per side).

    Returns:
        :class:`HipStops` with arrays of the broadcast input shape (read-only).

    Raises:
        ValueError: unknown side or non-finite angles.
    """
    if side not in ("l", "r"):
        raise ValueError(f"side must be 'l' or 'r', got {side!r}")
    abd, er = np.broadcast_arrays(np.asarray(abduction_deg, dtype=float),
                                  np.asarray(external_rotation_deg, dtype=float))
    shape = abd.shape
    abd, er = abd.ravel(), er.ravel()
    if not (np.all(np.isfinite(abd)) and np.all(np.isfinite(er))):
        raise ValueError("hip abduction and external rotation must be finite numbers (degrees)")
    rim_dirs, rim_clock = _rim(anatomy.acetabular_lce_deg, anatomy.acetabular_version_deg)
    bony, idx = bony_stop_deg(anatomy.acetabular_lce_deg, anatomy.acetabular_version_deg,
                              anatomy.femoral_anteversion_deg, anatomy.alpha_angle_deg,
                              anatomy.neck_shaft_angle_deg, abd, er, rim_dirs)
    effective = np.maximum(anatomy.motor_control * bony - LABRUM_MARGIN_DEG, 0.0)
    contact = rim_dirs[idx] * (HEAD_RADIUS_FRAC * anatomy.height_m)
    if side == "l":
        contact[:, 2] *= -1.0
    clock = rim_clock[idx]
    out = (bony.reshape(shape), effective.reshape(shape), contact.reshape(shape + (3,)), clock.reshape(shape))
    for arr in out:
        arr.setflags(write=False)
    return HipStops(bony_deg=out[0], effective_deg=out[1], contact_pelvis_m=out[2], contact_clock_h=out[3])
