"""Signed-distance shapes sampled on a regular grid (pure numpy).

A bone is authored as a sequence of operations (union, smooth union, subtraction,
intersection) of simple shapes on a :class:`Field`. Every shape knows its signed distance
(metres, negative inside) at an ``(N, 3)`` array of points and its axis-aligned bounding
box, so the field evaluates each shape only inside that box (plus a pad): far from a shape
its distance cannot change the zero level set that is meshed.

All coordinates are metres in the bone's frame (origin at its joint centre, world axes).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_BIG = 1.0  # metres: "far away" for every bone


def _v(p: Sequence[float]) -> np.ndarray:
    return np.asarray(p, dtype=float).reshape(3)


def rot(axis: str, angle_deg: float) -> np.ndarray:
    """3×3 rotation about the x, y or z axis by ``angle_deg`` (right-handed)."""
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]], dtype=float)
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]], dtype=float)
    if axis == "z":
        return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]], dtype=float)
    raise ValueError(f"axis must be 'x', 'y' or 'z', got {axis!r}")


class Shape:
    """A signed-distance shape: ``sdf(P)`` for points (N, 3) → (N,), ``bounds()`` → (lo, hi)."""

    def sdf(self, p: np.ndarray) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - interface
        raise NotImplementedError

    def moved(self, rotation: np.ndarray | None = None, offset: Sequence[float] = (0, 0, 0)) -> Shape:
        """This shape rotated by ``rotation`` (about the origin) then translated by ``offset``."""
        return Moved(self, np.eye(3) if rotation is None else np.asarray(rotation, float), _v(offset))


@dataclass(frozen=True)
class Sphere(Shape):
    centre: tuple[float, float, float]
    radius: float

    def sdf(self, p: np.ndarray) -> np.ndarray:
        return np.linalg.norm(p - _v(self.centre), axis=1) - self.radius

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c = _v(self.centre)
        return c - self.radius, c + self.radius


@dataclass(frozen=True)
class Ellipsoid(Shape):
    """Axis-aligned ellipsoid (approximate distance, exact sign); rotate it with ``moved``."""

    centre: tuple[float, float, float]
    radii: tuple[float, float, float]

    def sdf(self, p: np.ndarray) -> np.ndarray:
        r = _v(self.radii)
        q = (p - _v(self.centre)) / r
        k0 = np.linalg.norm(q, axis=1)
        k1 = np.linalg.norm(q / r, axis=1)
        return k0 * (k0 - 1.0) / np.maximum(k1, 1e-12)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c, r = _v(self.centre), _v(self.radii)
        return c - r, c + r


@dataclass(frozen=True)
class Cone(Shape):
    """Round cone ("tapered capsule") from ``a`` (radius ``ra``) to ``b`` (radius ``rb``)."""

    a: tuple[float, float, float]
    b: tuple[float, float, float]
    ra: float
    rb: float

    def sdf(self, p: np.ndarray) -> np.ndarray:
        a, b = _v(self.a), _v(self.b)
        ba = b - a
        l2 = float(ba @ ba)
        rr = self.ra - self.rb
        if l2 <= rr * rr + 1e-18:  # one end's sphere swallows the other
            big = (a, self.ra) if self.ra >= self.rb else (b, self.rb)
            return np.linalg.norm(p - big[0], axis=1) - big[1]
        a2 = l2 - rr * rr
        il2 = 1.0 / l2
        pa = p - a
        y = pa @ ba
        z = y - l2
        xv = pa * l2 - y[:, None] * ba
        x2 = np.einsum("ij,ij->i", xv, xv)
        y2 = y * y * l2
        z2 = z * z * l2
        k = math.copysign(1.0, rr) * rr * rr * x2
        out = (np.sqrt(x2 * a2 * il2) + y * rr) * il2 - self.ra
        out = np.where(np.sign(y) * a2 * y2 < k, np.sqrt(x2 + y2) * il2 - self.ra, out)
        return np.where(np.sign(z) * a2 * z2 > k, np.sqrt(x2 + z2) * il2 - self.rb, out)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        a, b = _v(self.a), _v(self.b)
        lo = np.minimum(a - self.ra, b - self.rb)
        hi = np.maximum(a + self.ra, b + self.rb)
        return lo, hi


@dataclass(frozen=True)
class RoundBox(Shape):
    """Box of half-sizes ``half`` centred at ``centre`` with edges rounded by ``radius``."""

    centre: tuple[float, float, float]
    half: tuple[float, float, float]
    radius: float = 0.0

    def sdf(self, p: np.ndarray) -> np.ndarray:
        q = np.abs(p - _v(self.centre)) - (_v(self.half) - self.radius)
        outside = np.linalg.norm(np.maximum(q, 0.0), axis=1)
        inside = np.minimum(q.max(axis=1), 0.0)
        return outside + inside - self.radius

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c, h = _v(self.centre), _v(self.half)
        return c - h, c + h


@dataclass(frozen=True)
class Torus(Shape):
    """Torus around the y axis through ``centre``: ring radius ``major``, tube radius ``minor``."""

    centre: tuple[float, float, float]
    major: float
    minor: float

    def sdf(self, p: np.ndarray) -> np.ndarray:
        q = p - _v(self.centre)
        ring = np.hypot(q[:, 0], q[:, 2]) - self.major
        return np.hypot(ring, q[:, 1]) - self.minor

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c = _v(self.centre)
        e = np.array([self.major + self.minor, self.minor, self.major + self.minor])
        return c - e, c + e


class Sheet(Shape):
    """A thickened triangle mesh: distance to the triangles minus a per-vertex half-thickness.

    ``vertices`` (V, 3) metres, ``triangles`` (T, 3) indices, ``half_thickness`` (V,) metres,
    interpolated across each triangle. A handy way to author plates (ilium, scapula, sacrum).
    """

    def __init__(self, vertices: Sequence, triangles: Sequence, half_thickness: Sequence | float) -> None:
        self.v = np.asarray(vertices, dtype=float)
        self.t = np.asarray(triangles, dtype=int)
        ht = np.broadcast_to(np.asarray(half_thickness, dtype=float), (len(self.v),))
        self.h = np.array(ht)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        m = float(self.h.max())
        return self.v.min(axis=0) - m, self.v.max(axis=0) + m

    #: beyond this distance (m) from a triangle's box its exact distance is not computed
    reach: float = 0.015

    def sdf(self, p: np.ndarray) -> np.ndarray:
        out = np.full(len(p), _BIG)
        for i0, i1, i2 in self.t:
            corners = self.v[[i0, i1, i2]]
            pad = self.reach + float(self.h[[i0, i1, i2]].max())
            near = np.all((p >= corners.min(axis=0) - pad) & (p <= corners.max(axis=0) + pad), axis=1)
            idx = np.nonzero(near)[0]
            if idx.size == 0:
                continue
            d = _triangle_distance(p[idx], self.v[i0], self.v[i1], self.v[i2], self.h[i0], self.h[i1], self.h[i2])
            out[idx] = np.minimum(out[idx], d)
        return out


def _segment_closest(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-18), 0.0, 1.0)
    q = a + t[:, None] * ab
    return np.linalg.norm(p - q, axis=1), t


def _triangle_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray,
                       ha: float, hb: float, hc: float) -> np.ndarray:
    ab, ac = b - a, c - a
    n = np.cross(ab, ac)
    nn = float(n @ n)
    ap = p - a
    # barycentric coordinates of the projection onto the plane
    v = (np.cross(ap, ac) @ n) / nn
    w = (np.cross(ab, ap) @ n) / nn
    u = 1.0 - v - w
    inside = (u >= 0) & (v >= 0) & (w >= 0)
    d_plane = np.abs(ap @ n) / math.sqrt(nn)
    h_in = u * ha + v * hb + w * hc
    d1, t1 = _segment_closest(p, a, b)
    d2, t2 = _segment_closest(p, b, c)
    d3, t3 = _segment_closest(p, c, a)
    e1 = d1 - (ha + (hb - ha) * t1)
    e2 = d2 - (hb + (hc - hb) * t2)
    e3 = d3 - (hc + (ha - hc) * t3)
    edge = np.minimum(np.minimum(e1, e2), e3)
    return np.where(inside, np.minimum(d_plane - h_in, edge), edge)


class Moved(Shape):
    """``shape`` rotated by ``rotation`` then moved by ``offset``."""

    def __init__(self, shape: Shape, rotation: np.ndarray, offset: np.ndarray) -> None:
        self.shape, self.r, self.o = shape, rotation, offset

    def sdf(self, p: np.ndarray) -> np.ndarray:
        return self.shape.sdf((p - self.o) @ self.r)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.shape.bounds()
        corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
        world = corners @ self.r.T + self.o
        return world.min(axis=0), world.max(axis=0)


class Union(Shape):
    """Union of shapes, smoothed with blend radius ``k`` (0 = sharp)."""

    def __init__(self, shapes: Sequence[Shape], k: float = 0.0) -> None:
        self.shapes, self.k = list(shapes), k

    def sdf(self, p: np.ndarray) -> np.ndarray:
        out = self.shapes[0].sdf(p)
        for s in self.shapes[1:]:
            out = smin(out, s.sdf(p), self.k)
        return out

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        los, his = zip(*(s.bounds() for s in self.shapes), strict=True)
        return np.min(los, axis=0), np.max(his, axis=0)


def smin(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum with blend radius ``k`` metres (``k = 0``: plain minimum)."""
    if k <= 0:
        return np.minimum(a, b)
    h = np.maximum(k - np.abs(a - b), 0.0) / k
    return np.minimum(a, b) - h * h * k * 0.25


class Field:
    """A signed-distance grid over a box, built by successive operations.

    ``lo``, ``hi``: box corners (metres); ``voxel``: spacing (metres). The grid is padded by
    two voxels so the meshed surface is closed. Values start "far outside" (+1 m).
    """

    def __init__(self, lo: Sequence[float], hi: Sequence[float], voxel: float) -> None:
        lo_a, hi_a = _v(lo) - 3 * voxel, _v(hi) + 3 * voxel
        self.voxel = float(voxel)
        self.shape = tuple(int(math.ceil((hi_a[i] - lo_a[i]) / voxel)) + 1 for i in range(3))
        # snap the origin to the voxel lattice so identical inputs give identical grids
        self.origin = np.floor(lo_a / voxel) * voxel
        self.values = np.full(self.shape, _BIG, dtype=np.float64)  # indexed [ix, iy, iz]

    def _block(self, shape: Shape, pad: float) -> tuple[tuple[slice, slice, slice], np.ndarray] | None:
        lo, hi = shape.bounds()
        i0 = np.floor((lo - pad - self.origin) / self.voxel).astype(int)
        i1 = np.ceil((hi + pad - self.origin) / self.voxel).astype(int) + 1
        i0 = np.clip(i0, 0, self.shape)
        i1 = np.clip(i1, 0, self.shape)
        if np.any(i1 <= i0):
            return None
        axes = [self.origin[d] + self.voxel * np.arange(i0[d], i1[d]) for d in range(3)]
        gx, gy, gz = np.meshgrid(*axes, indexing="ij")
        pts = np.column_stack((gx.ravel(), gy.ravel(), gz.ravel()))
        return (slice(i0[0], i1[0]), slice(i0[1], i1[1]), slice(i0[2], i1[2])), pts

    def add(self, shape: Shape, k: float = 0.0, *, cut: bool = False) -> Field:
        """Union with ``shape``, smoothed by blend radius ``k`` (metres); ``cut``: subtract it instead."""
        blk = self._block(shape, pad=k + 3 * self.voxel)
        if blk is not None:
            sl, pts = blk
            cur = self.values[sl]
            d = shape.sdf(pts).reshape(cur.shape)
            self.values[sl] = -smin(-cur, d, k) if cut else smin(cur, d, k)  # max(cur, −d), smoothed
        return self

    def clip(self, shape: Shape) -> Field:
        """Intersect with ``shape`` (evaluated everywhere)."""
        lo = self.origin
        hi = self.origin + self.voxel * (np.array(self.shape) - 1)
        sl, pts = self._block(RoundBox(tuple((lo + hi) / 2), tuple((hi - lo) / 2)), pad=0.0)
        cur = self.values[sl]
        self.values[sl] = np.maximum(cur, shape.sdf(pts).reshape(cur.shape))
        return self


@dataclass(frozen=True)
class EllipticPrism(Shape):
    """Elliptic cylinder along y: semi-axes ``rx`` (x), ``rz`` (z), half-height, edge rounding.

    ``waist`` (0–0.3) narrows the middle like a vertebral body; ``back_notch`` (m) flattens
    the posterior (−x) side into a kidney shape. Distance is approximate, sign exact.
    """

    centre: tuple[float, float, float]
    rx: float
    rz: float
    half_height: float
    rounding: float = 0.0
    waist: float = 0.0
    back_notch: float = 0.0

    def sdf(self, p: np.ndarray) -> np.ndarray:
        q = p - _v(self.centre)
        t = np.clip(q[:, 1] / self.half_height, -1.0, 1.0)
        shrink = 1.0 - self.waist * (1.0 - t * t)
        rx = (self.rx - self.rounding) * shrink
        rz = (self.rz - self.rounding) * shrink
        x = q[:, 0]
        if self.back_notch > 0:
            zn = q[:, 2] / rz
            x = x - self.back_notch * np.exp(-(zn * 2.2) ** 2) * (x < 0)
        k = np.hypot(x / rx, q[:, 2] / rz)
        d2 = (k - 1.0) * np.minimum(rx, rz)
        dy = np.abs(q[:, 1]) - (self.half_height - self.rounding)
        out = np.hypot(np.maximum(d2, 0), np.maximum(dy, 0)) + np.minimum(np.maximum(d2, dy), 0)
        return out - self.rounding

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        c = _v(self.centre)
        e = np.array([self.rx, self.half_height, self.rz])
        return c - e, c + e


def tube_shape(points: Sequence[Sequence[float]], radii: Sequence[float] | float) -> Shape:
    """One shape: round cones along a polyline (``points`` (n, 3) m, ``radii`` (m) per point or one
    value) joined without blending bulges."""
    pts = np.asarray(points, dtype=float)
    r = np.broadcast_to(np.asarray(radii, dtype=float), (len(pts),))
    return Union([Cone(tuple(pts[i]), tuple(pts[i + 1]), float(r[i]), float(r[i + 1])) for i in range(len(pts) - 1)])


def grid_triangles(rows: int, columns: int) -> list[tuple[int, int, int]]:
    """Triangles (two per cell) of a ``rows`` × ``columns`` grid of vertices listed row after row, for a
    :class:`Sheet`."""
    tris = []
    for r in range(rows - 1):
        for i in range(columns - 1):
            a, b, c, d = r * columns + i, r * columns + i + 1, (r + 1) * columns + i, (r + 1) * columns + i + 1
            tris += [(a, c, b), (b, c, d)]
    return tris
