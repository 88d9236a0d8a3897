"""Muscle–tendon lengths relative to standing (1.0 = standing), from cited moment arms.

Hamstrings (biceps femoris long head) and rectus femoris: the integral of the d length / d angle
table of the OpenSim ``gait10dof18musc`` model (biomechanics.md §6, [S]):

    L(H, K) = L0 + ∫₀ᴴ dL/dH dH + ∫₀ᴷ dL/dK dK

The table is "nearly independent of the other joint's angle", so the two integrals are separable.
Each tabulated column (0, 30, 60, 90, 120°) is interpolated by the quartic through its five
values (exact at the nodes) and integrated in closed form; outside 0–120° the derivative is held at
its end value (the table's straight via-point paths are not trustworthy there). L0 is the model's
standing length (0.4202 m hamstrings, 0.4103 m rectus femoris). The result reproduces the OpenSim
lengths at the five tabulated poses within 0.6 % of standing length (V12 asks for ±2 %).

Semimembranosus [D/E]: the gait10dof18musc model has no separate SM path, so SM takes the BFLH
relative length changes scaled by the SM/BFLH ratios of the project's straight-line Rajagopal 2016
fit (§6): 0.86 for the hip term and 1.02 for the knee term (least-squares ratios of the two fits'
relative changes over 0–120°).

Gastrocnemius [S]: Hawkins & Hull 1990 medial head, L/L_shank = 0.900 − 0.00062·K + 0.00214·A
(A = 90° + dorsiflexion), relative to standing (K = 0, A = 90°); the shank length cancels.
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import polynomial as npoly

# --- OpenSim gait10dof18musc reference (biomechanics.md §6) [S] -----------------------------------
TABLE_ANGLES_DEG = (0.0, 30.0, 60.0, 90.0, 120.0)
"""Joint angles of the d length / d angle table, degrees."""

#: d length / d angle, mm per radian (+ = lengthens as the joint flexes), at TABLE_ANGLES_DEG.
DERIVATIVE_TABLE_MM_PER_RAD: dict[tuple[str, str], tuple[float, ...]] = {
    ("biceps_femoris_long_head", "hip"): (56.7, 65.9, 57.3, 36.1, 8.0),
    ("biceps_femoris_long_head", "knee"): (-27.5, -34.8, -30.6, -17.4, 1.9),
    ("rectus_femoris", "hip"): (-42.5, -53.3, -50.6, -32.2, -1.8),
    ("rectus_femoris", "knee"): (49.7, 49.6, 39.8, 26.9, 18.9),
}
#: Standing (0° / 0°) muscle–tendon lengths of that model, metres.
STANDING_LENGTH_M: dict[str, float] = {"biceps_femoris_long_head": 0.4202, "rectus_femoris": 0.4103}

# --- semimembranosus from BFLH [D/E] ------------------------------------------------------------------
SM_HIP_RATIO = 0.86
"""SM/BFLH ratio of relative length change with hip flexion (Rajagopal-based fit, §6) [D/E]."""
SM_KNEE_RATIO = 1.02
"""SM/BFLH ratio of relative length change with knee flexion (Rajagopal-based fit, §6) [D/E]."""

# --- gastrocnemius, Hawkins & Hull 1990 medial head [S] ----------------------------------------------
GASTROC_C0 = 0.900
GASTROC_KNEE_PER_DEG = -0.00062
GASTROC_ANKLE_PER_DEG = 0.00214
GASTROC_NEUTRAL_ANKLE_DEG = 90.0

_NODES_RAD = np.radians(TABLE_ANGLES_DEG)
_LO, _HI = float(_NODES_RAD[0]), float(_NODES_RAD[-1])


def _make_integral(values_mm_per_rad: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Coefficients of the quartic derivative (m/rad) and of its integral from 0, plus end slopes."""
    deriv = npoly.polyfit(_NODES_RAD, np.asarray(values_mm_per_rad) / 1000.0, len(_NODES_RAD) - 1)
    integral = npoly.polyint(deriv, lbnd=_LO)
    return deriv, integral, float(npoly.polyval(_LO, deriv)), float(npoly.polyval(_HI, deriv))


_FITS = {key: _make_integral(vals) for key, vals in DERIVATIVE_TABLE_MM_PER_RAD.items()}


def _length_change_m(muscle: str, joint: str, angle_deg: np.ndarray) -> np.ndarray:
    """∫₀^angle dL/dθ dθ in metres; derivative held at its end values outside 0–120°."""
    _, integral, slope_lo, slope_hi = _FITS[(muscle, joint)]
    a = np.radians(angle_deg)
    inside = npoly.polyval(np.clip(a, _LO, _HI), integral)
    return inside + slope_lo * np.minimum(a - _LO, 0.0) + slope_hi * np.maximum(a - _HI, 0.0)


def length_derivative_mm_per_rad(muscle: str, joint: str, angle_deg: np.ndarray | float) -> np.ndarray:
    """Model dL/dθ (mm per radian) of ``muscle`` ("biceps_femoris_long_head" or "rectus_femoris") vs
    ``joint`` ("hip" or "knee") at ``angle_deg``: the quartic through the OpenSim table."""
    if (muscle, joint) not in _FITS:
        raise ValueError(f"no moment-arm table for {muscle!r} at the {joint!r}; "
                         f"known: {sorted(set(m for m, _ in _FITS))} × hip/knee")
    deriv, _, slope_lo, slope_hi = _FITS[(muscle, joint)]
    a = np.radians(np.asarray(angle_deg, dtype=float))
    return 1000.0 * np.where(a < _LO, slope_lo, np.where(a > _HI, slope_hi, npoly.polyval(a, deriv)))


def _checked(name: str, value: np.ndarray | float) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers (degrees)")
    return arr


def muscle_lengths(hip_flexion_deg: np.ndarray | float, knee_flexion_deg: np.ndarray | float,
                   ankle_dorsiflexion_deg: np.ndarray | float = 0.0) -> dict[str, np.ndarray]:
    """Muscle–tendon lengths relative to standing (1.0 = standing length), vectorised.

    Args:
        hip_flexion_deg: femur on pelvis, degrees (0 standing).
        knee_flexion_deg: degrees, 0 straight.
        ankle_dorsiflexion_deg: shank on foot, degrees, 0 standing (only the gastrocnemius uses it).

    Returns:
        dict with keys exactly :data:`MUSCLE_KEYS`; read-only arrays of the broadcast input shape.

    Raises:
        ValueError: non-finite angles.
    """
    hip, knee, ankle = np.broadcast_arrays(_checked("hip_flexion_deg", hip_flexion_deg),
                                           _checked("knee_flexion_deg", knee_flexion_deg),
                                           _checked("ankle_dorsiflexion_deg", ankle_dorsiflexion_deg))
    bf, rf = "biceps_femoris_long_head", "rectus_femoris"
    bf_hip = _length_change_m(bf, "hip", hip) / STANDING_LENGTH_M[bf]
    bf_knee = _length_change_m(bf, "knee", knee) / STANDING_LENGTH_M[bf]
    out = {
        "semimembranosus": 1.0 + SM_HIP_RATIO * bf_hip + SM_KNEE_RATIO * bf_knee,
        bf: 1.0 + bf_hip + bf_knee,
        rf: 1.0 + (_length_change_m(rf, "hip", hip) + _length_change_m(rf, "knee", knee)) / STANDING_LENGTH_M[rf],
        "gastrocnemius": gastrocnemius_length(knee, ankle),
    }
    for arr in out.values():
        arr.setflags(write=False)
    return out


def gastrocnemius_length(knee_flexion_deg: np.ndarray | float, ankle_dorsiflexion_deg: np.ndarray | float,
                         ) -> np.ndarray:
    """Gastrocnemius (medial head) length relative to standing, Hawkins & Hull 1990 [S]."""
    knee = np.asarray(knee_flexion_deg, dtype=float)
    ankle = GASTROC_NEUTRAL_ANKLE_DEG + np.asarray(ankle_dorsiflexion_deg, dtype=float)
    standing = GASTROC_C0 + GASTROC_ANKLE_PER_DEG * GASTROC_NEUTRAL_ANKLE_DEG
    return (GASTROC_C0 + GASTROC_KNEE_PER_DEG * knee + GASTROC_ANKLE_PER_DEG * ankle) / standing
