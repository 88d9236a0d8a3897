"""Arithmetic on 3-vectors held as tuples of Python floats (pure stdlib).

The per-frame kinematics (:func:`viewer.model.kinematics.segment_frames`) builds about thirty small
rotations from joint positions on every slider tick. On (3,) numpy arrays each of its ~300
operations costs a numpy call (≈ 0.5–1 µs); on float tuples it costs a fraction of that. These
helpers keep the same formulas (and the same order of products and sums as the numpy versions).
"""

from __future__ import annotations

import math

Vec3 = tuple[float, float, float]
#: Three axes of a frame, each a unit world vector: (x axis, y axis, z axis) = the rotation's columns.
Axes = tuple[Vec3, Vec3, Vec3]

UP: Vec3 = (0.0, 1.0, 0.0)
DOWN: Vec3 = (-0.0, -1.0, -0.0)
X_AXIS: Vec3 = (1.0, 0.0, 0.0)
Z_AXIS: Vec3 = (0.0, 0.0, 1.0)


def add(a: Vec3, b: Vec3) -> Vec3:
    """a + b."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec3, b: Vec3) -> Vec3:
    """a − b."""
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec3, k: float) -> Vec3:
    """k · a."""
    return (a[0] * k, a[1] * k, a[2] * k)


def add_scaled(a: Vec3, b: Vec3, k: float) -> Vec3:
    """a + k · b."""
    return (a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k)


def dot(a: Vec3, b: Vec3) -> float:
    """a · b."""
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec3, b: Vec3) -> Vec3:
    """a × b."""
    a0, a1, a2 = a
    b0, b1, b2 = b
    return (a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0)


def norm(a: Vec3) -> float:
    """|a|."""
    x, y, z = a
    return math.sqrt(x * x + y * y + z * z)


def unit(a: Vec3, fallback: Vec3 | None = None) -> Vec3:
    """a / |a|; ``fallback`` when |a| < 1e-12, or ``ValueError`` without one (two joints coincide)."""
    x, y, z = a
    n = math.sqrt(x * x + y * y + z * z)
    if n < 1e-12:
        if fallback is None:
            raise ValueError("degenerate direction in pose (two joints coincide)")
        return fallback
    return (x / n, y / n, z / n)


def reject(a: Vec3, u: Vec3) -> Vec3:
    """a with its component along the unit vector ``u`` removed: a − (a·u) u."""
    d = a[0] * u[0] + a[1] * u[1] + a[2] * u[2]
    return (a[0] - d * u[0], a[1] - d * u[1], a[2] - d * u[2])


def frame_y_z(y: Vec3, z_hint: Vec3) -> Axes:
    """Axes whose y is ``y`` (normalised) and whose z is ``z_hint`` made orthogonal to it.

    A hint within ~1e-6 rad of ``y`` is treated as along it (any perpendicular will do): what is
    left of it after removing its ``y`` part is then mostly rounding error, not a direction.
    """
    y = unit(y)
    z = reject(z_hint, y)
    if norm(z) < 1e-6 * norm(z_hint) or norm(z) < 1e-12:  # z_hint along y: any perpendicular will do
        z = unit(cross(X_AXIS, y), fallback=UP)
    else:
        z = unit(z)
    return (cross(y, z), y, z)


def frame_x_y(x: Vec3, y_hint: Vec3) -> Axes:
    """Axes whose x is ``x`` (normalised) and whose y is ``y_hint`` made orthogonal to it."""
    x = unit(x)
    y = unit(reject(y_hint, x))
    return (x, y, cross(x, y))


def sagittal(body: Axes, forward_deg: float) -> Axes:
    """``body`` turned about its z axis by ``forward_deg`` (+ tips its y axis toward its x axis)."""
    a = math.radians(-forward_deg)
    c, s = math.cos(a), math.sin(a)
    bx, by, bz = body
    return ((bx[0] * c + by[0] * s, bx[1] * c + by[1] * s, bx[2] * c + by[2] * s),
            (bx[0] * -s + by[0] * c, bx[1] * -s + by[1] * c, bx[2] * -s + by[2] * c),
            bz)


def to_local(axes: Axes, v: Vec3) -> Vec3:
    """``v`` in the frame's coordinates (the transposed rotation applied to ``v``)."""
    return (dot(axes[0], v), dot(axes[1], v), dot(axes[2], v))


def forward_angle_deg(v_local: Vec3) -> float:
    """Sagittal angle of a vector from vertical, + forward (toward +x), degrees."""
    return math.degrees(math.atan2(v_local[0], v_local[1]))
