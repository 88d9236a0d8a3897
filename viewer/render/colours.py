"""Colour scales of the 3D view (pure numpy; the scene turns them into VTK lookup tables).

The tuck scale runs ivory (the bone colour: no tuck) → orange → deep purple. Its lightness
falls monotonically, so it reads in greyscale, on a washed-out projector and for the common
colour-vision deficiencies. The muscle scale is diverging: blue (shorter than standing) →
light grey (standing length) → vermilion (longer), a pair that colour-blind viewers separate.
"""

from __future__ import annotations

import numpy as np

#: Tuck scale range, degrees of lumbar flexion beyond the neutral (untucked) spine.
TUCK_RANGE_DEG: tuple[float, float] = (0.0, 30.0)
#: (fraction, RGB) stops of the tuck scale.
TUCK_STOPS: tuple[tuple[float, tuple[float, float, float]], ...] = (
    (0.0, (0.93, 0.90, 0.82)),
    (0.15, (0.98, 0.80, 0.45)),
    (0.45, (0.96, 0.50, 0.10)),
    (0.75, (0.70, 0.15, 0.35)),
    (1.0, (0.30, 0.05, 0.42)),
)
#: Muscle length relative to standing shown at the ends of the muscle scale.
MUSCLE_RANGE: tuple[float, float] = (0.85, 1.15)
MUSCLE_STOPS: tuple[tuple[float, tuple[float, float, float]], ...] = (
    (0.0, (0.13, 0.40, 0.80)),
    (0.5, (0.86, 0.86, 0.86)),
    (1.0, (0.84, 0.29, 0.0)),
)
_MUSCLE_XS = np.array([s[0] for s in MUSCLE_STOPS])
_MUSCLE_RGB = np.array([s[1] for s in MUSCLE_STOPS])
#: Highlight of the rim contact point: vivid cyan, far from every tuck and bone colour.
CONTACT_COLOUR: tuple[float, float, float] = (0.0, 0.85, 1.0)


def _ramp(stops: tuple[tuple[float, tuple[float, float, float]], ...], t: float) -> tuple[float, float, float]:
    xs = np.array([s[0] for s in stops])
    rgb = np.array([s[1] for s in stops])
    t = float(np.clip(t, 0.0, 1.0))
    return tuple(float(np.interp(t, xs, rgb[:, k])) for k in range(3))  # type: ignore[return-value]


def tuck_colour(tuck_deg: float) -> tuple[float, float, float]:
    """RGB (0–1) for a tuck of ``tuck_deg`` degrees (clamped to :data:`TUCK_RANGE_DEG`)."""
    lo, hi = TUCK_RANGE_DEG
    return _ramp(TUCK_STOPS, (float(tuck_deg) - lo) / (hi - lo))


def muscle_colour(length_ratio: float) -> tuple[float, float, float]:
    """RGB (0–1) for a muscle length relative to standing (1 = standing)."""
    lo, hi = MUSCLE_RANGE
    return _ramp(MUSCLE_STOPS, (float(length_ratio) - lo) / (hi - lo))


def muscle_colours(length_ratios: np.ndarray) -> np.ndarray:
    """RGB (0–1), shape (n, 3), for n length ratios at once; row i equals ``muscle_colour(length_ratios[i])``."""
    lo, hi = MUSCLE_RANGE
    t = np.clip((np.asarray(length_ratios, dtype=float) - lo) / (hi - lo), 0.0, 1.0)
    return np.stack([np.interp(t, _MUSCLE_XS, _MUSCLE_RGB[:, k]) for k in range(3)], axis=-1)


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0–1)."""
    c = np.asarray(rgb, dtype=float)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])
