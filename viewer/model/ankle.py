"""Knee-to-wall (weight-bearing lunge test) ↔ dorsiflexion, and heel elevation → foot tilt.

Geometry (biomechanics.md §3, [D]): with the heel down and the knee touching the wall, the toe-to-wall
distance for a shank inclined θ from vertical is

    d = L_shank·sin θ + r_k·cos θ − a

L_shank = knee centre → ankle (de Leva shank, with the anatomy's shank ratio), r_k = anterior knee
offset (0.045 m at 1.75 m, scaled by height) [E], a = toe tip → ankle centre = 0.75 × foot length [E].
d rises monotonically with θ over 0–50° (its maximum is at atan(L_shank / r_k) ≈ 84°), so the
inverse is the closed form θ = asin((d + a) / R) − β with R = √(L² + r_k²), β = atan2(r_k, L).

The local slope is 1.6–2.3° per cm (not the often-quoted 3.6°/cm).

Heel elevation [D]: foot tilt = atan(h / L_heel→metatarsal heads), L = 0.73 × foot length
(0.19 m at 1.75 m).
"""

from __future__ import annotations

import math

import numpy as np

from .anatomy import Anatomy
from .anthropometry import Segments, segments

CM_PER_INCH = 2.54
KNEE_OFFSET_FRAC = 0.045 / 1.75
"""[E] anterior knee offset r_k as a fraction of stature (0.045 m at 1.75 m), §3."""
DORSIFLEXION_RANGE_DEG = (0.0, 50.0)
"""Range over which the converters work (the model's dorsiflexion range); angles and distances are clamped to it."""


def _segments_for(height_m: float, sex: str) -> Segments:
    # Anatomy validates height and sex with a message naming the parameter and its range.
    return segments(Anatomy(height_m=height_m, sex=sex))


def _geometry(seg: Segments) -> tuple[float, float, float]:
    """(L_shank, r_k, a) in metres."""
    return seg.shank_length_m, KNEE_OFFSET_FRAC * seg.height_m, seg.ankle_to_toe_m


def _distance_m(theta_deg: np.ndarray, geo: tuple[float, float, float]) -> np.ndarray:
    shank, r_k, a = geo
    t = np.radians(theta_deg)
    return shank * np.sin(t) + r_k * np.cos(t) - a


def _angle_deg(distance_m: np.ndarray, geo: tuple[float, float, float]) -> np.ndarray:
    shank, r_k, a = geo
    radius = math.hypot(shank, r_k)
    return np.degrees(np.arcsin(np.clip((distance_m + a) / radius, -1.0, 1.0)) - math.atan2(r_k, shank))


def _out(arr: np.ndarray) -> np.ndarray | float:
    """0-d results as float, arrays unchanged."""
    return float(arr) if np.ndim(arr) == 0 else arr


def dorsiflexion_to_knee_to_wall_m(dorsiflexion_deg: float, anatomy: Anatomy) -> float:
    """Lunge-test distance (m) for ``anatomy`` (its height, sex and shank ratio); angle clamped to 0–50°."""
    theta = min(max(float(dorsiflexion_deg), DORSIFLEXION_RANGE_DEG[0]), DORSIFLEXION_RANGE_DEG[1])
    return float(_distance_m(np.array(theta), _geometry(segments(anatomy))))


def knee_to_wall_to_dorsiflexion_deg(distance_m: float, anatomy: Anatomy) -> float:
    """Dorsiflexion (degrees) for a lunge-test distance (m) for ``anatomy``, clamped to 0–50° (never raises
    for a finite distance: out-of-range distances give the range's end)."""
    if not math.isfinite(distance_m):
        raise ValueError(f"knee-to-wall distance must be a finite number of metres, got {distance_m!r}")
    geo = _geometry(segments(anatomy))
    lo = float(_distance_m(np.array(DORSIFLEXION_RANGE_DEG[0]), geo))
    hi = float(_distance_m(np.array(DORSIFLEXION_RANGE_DEG[1]), geo))
    return float(np.clip(_angle_deg(np.array(min(max(distance_m, lo), hi)), geo), *DORSIFLEXION_RANGE_DEG))


def foot_tilt_deg(heel_elevation_mm: np.ndarray | float, height_m: float, sex: str = "male") -> np.ndarray | float:
    """Foot tilt (degrees) on a heel plate of ``heel_elevation_mm``: atan(h / L_heel→metatarsal heads).

    L = 0.73 × foot length (0.19 m at 1.75 m) [E/D]. Scalar in → float out; arrays keep their shape.
    Raises ``ValueError`` for negative or non-finite heights.
    """
    h = np.asarray(heel_elevation_mm, dtype=float)
    if not np.all(np.isfinite(h)) or np.any(h < 0.0):
        raise ValueError(f"heel_elevation_mm = {heel_elevation_mm} must be a finite height ≥ 0 mm")
    length_m = _segments_for(height_m, sex).heel_to_mtp_m
    return _out(np.degrees(np.arctan2(h / 1000.0, length_m)))
