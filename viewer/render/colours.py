"""Colour scales of the 3D view (pure numpy; the scene turns them into VTK lookup tables).

The lumbar curve scale is diverging and keyed on ``Pose.lumbar_curve_deg`` (what is left of the
mobile lumbar lordosis): blue while the lower back is still curved in (deep blue at a standing
lordosis, lighter towards flat), then, at flat (0°, the rounding onset), a jump to light orange that
darkens through vermilion to deep purple as it rounds. Blue against orange is a pair every common
colour-vision deficiency separates, and the jump at 0 makes the rounding onset a change of hue, not a
shade. The muscle scale is diverging too: blue (shorter than standing) → light grey (standing
length) → vermilion (longer).
"""

from __future__ import annotations

#: Lumbar curve scale range, degrees of ``Pose.lumbar_curve_deg`` (rounded end, curved-in end).
CURVE_RANGE_DEG: tuple[float, float] = (-15.0, 30.0)
#: (degrees, RGB) stops of the curved-in side, from flat (exclusive) up to a full standing lordosis.
CURVE_IN_STOPS: tuple[tuple[float, tuple[float, float, float]], ...] = (
    (0.0, (0.55, 0.72, 0.93)),
    (15.0, (0.27, 0.49, 0.82)),
    (30.0, (0.10, 0.27, 0.62)),
)
#: (degrees of rounding, RGB) stops of the rounded side, from flat (inclusive) to 15° rounded.
CURVE_ROUNDED_STOPS: tuple[tuple[float, tuple[float, float, float]], ...] = (
    (0.0, (0.99, 0.74, 0.30)),
    (5.0, (0.93, 0.45, 0.05)),
    (10.0, (0.72, 0.15, 0.33)),
    (15.0, (0.36, 0.05, 0.42)),
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


def curve_colour(lumbar_curve_deg: float) -> tuple[float, float, float]:
    """RGB (0–1) of the lumbar curve scale for ``Pose.lumbar_curve_deg`` (degrees: + curved in,
    0 flat, − rounded; clamped to :data:`CURVE_RANGE_DEG`). Flat (≤ 0) is already the rounded side."""
    lo, hi = CURVE_RANGE_DEG
    c = min(max(float(lumbar_curve_deg), lo), hi)
    if c > 0.0:
        return _ramp(CURVE_IN_STOPS, c)
    return _ramp(CURVE_ROUNDED_STOPS, -c)


def muscle_colour(length_ratio: float) -> tuple[float, float, float]:
    """RGB (0–1) for a muscle length relative to standing (1 = standing)."""
    lo, hi = MUSCLE_RANGE
    return _ramp(MUSCLE_STOPS, (float(length_ratio) - lo) / (hi - lo))


