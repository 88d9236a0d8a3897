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
#: Highlight of the rim contact point: vivid cyan, far from every tuck and bone colour.
CONTACT_COLOUR: tuple[float, float, float] = (0.0, 0.85, 1.0)


def _ramp(stops: tuple[tuple[float, tuple[float, float, float]], ...], t: float) -> tuple[float, float, float]:
    """Piecewise-linear colour at ``t`` (clamped to 0–1), as ``np.interp`` per channel; plain Python
    because it runs on every frame for one value, where numpy's per-call cost dominates."""
    t = min(max(float(t), stops[0][0]), stops[-1][0])
    if t >= stops[-1][0]:
        return stops[-1][1]
    for (x0, c0), (x1, c1) in zip(stops, stops[1:], strict=False):
        if t < x1:
            f = (t - x0) / (x1 - x0)
            return (c0[0] + f * (c1[0] - c0[0]), c0[1] + f * (c1[1] - c0[1]), c0[2] + f * (c1[2] - c0[2]))
    return stops[-1][1]


def tuck_colour(tuck_deg: float) -> tuple[float, float, float]:
    """RGB (0–1) for a tuck of ``tuck_deg`` degrees (clamped to :data:`TUCK_RANGE_DEG`)."""
    lo, hi = TUCK_RANGE_DEG
    return _ramp(TUCK_STOPS, (float(tuck_deg) - lo) / (hi - lo))


def muscle_colour(length_ratio: float) -> tuple[float, float, float]:
    """RGB (0–1) for a muscle length relative to standing (1 = standing)."""
    lo, hi = MUSCLE_RANGE
    return _ramp(MUSCLE_STOPS, (float(length_ratio) - lo) / (hi - lo))


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0–1)."""
    c = np.asarray(rgb, dtype=float)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])
