"""Tube meshes around polylines, built and moved in numpy (no VTK filter in the update path).

:class:`TubeMesh` lays out, once, the vertices and triangles of one tube per polyline (a ring of
``sides`` vertices at every polyline point, plus a separate ring at each end for the flat caps, so
that the caps get axial normals while the sides keep smooth radial ones). :meth:`TubeMesh.rings`
then turns new polyline points into vertex positions and normals in a handful of vectorised numpy
operations, whatever the number of tubes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Reference direction for the first axis of every ring: the lateral axis (+z). Muscle lines run in
#: (near-)sagittal planes, so it is never close to a tube's direction and the rings do not twist as
#: the pose changes; the fore-aft axis (+x) takes over where a tube runs within ~18° of sideways.
_REFERENCE = np.array([0.0, 0.0, 1.0])
_FALLBACK = np.array([1.0, 0.0, 0.0])


class TubeMesh:
    """Vertex layout and triangles of ``len(counts)`` capped tubes.

    Args:
        counts: number of polyline points of each tube (each ≥ 2).
        radius: tube radius (same unit as the points, metres in the scene).
        sides: vertices around each ring.

    Vertex order: the side rings of every polyline point (tube after tube, point after point,
    ``sides`` each), then the two cap rings of every tube (start, end). Tube ``i``'s vertices are
    listed by :meth:`vertex_slices`.
    """

    def __init__(self, counts: Sequence[int], radius: float, sides: int = 10) -> None:
        counts = [int(k) for k in counts]
        if not counts or min(counts) < 2:
            raise ValueError("every tube needs at least two polyline points")
        if sides < 3:
            raise ValueError("a tube needs at least three sides")
        self.counts = counts
        self.radius = float(radius)
        self.sides = int(sides)
        s = self.sides
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
        self.n_points = int(sum(counts))  # polyline points over all tubes
        self.n_tubes = len(counts)
        self.n_vertices = (self.n_points + 2 * self.n_tubes) * s
        # neighbours of each polyline point inside its own tube (itself at the ends)
        self._first = starts
        self._last = starts + np.asarray(counts) - 1
        angles = 2.0 * np.pi * np.arange(s) / s
        self._cos = np.cos(angles)[None, :, None]
        self._sin = np.sin(angles)[None, :, None]
        self.triangles = self._triangles(starts)
        self._build_maps()

    def _triangles(self, starts: np.ndarray) -> np.ndarray:
        s = self.sides
        j = np.arange(s)
        jn = (j + 1) % s
        tris = []
        for t, (start, k) in enumerate(zip(starts, self.counts, strict=True)):
            for p in range(start, start + k - 1):
                a, b = p * s, (p + 1) * s
                # counter-clockwise seen from outside: the ring runs u → v, the tube along t = u × v
                tris.append(np.stack([a + j, a + jn, b + jn], axis=1))
                tris.append(np.stack([a + j, b + jn, b + j], axis=1))
            cap0 = (self.n_points + 2 * t) * s
            cap1 = cap0 + s
            fan = np.arange(1, s - 1)
            tris.append(np.stack([np.full(s - 2, cap0), fan + 1 + cap0, fan + cap0], axis=1))  # faces −t
            tris.append(np.stack([np.full(s - 2, cap1), fan + cap1, fan + 1 + cap1], axis=1))  # faces +t
        return np.concatenate(tris).astype(np.int64)

    def vertex_slices(self, tube: int) -> tuple[slice, slice]:
        """Side-ring and cap-ring vertex ranges of tube ``tube``."""
        s = self.sides
        start = int(sum(self.counts[:tube]))
        side = slice(start * s, (start + self.counts[tube]) * s)
        cap = slice((self.n_points + 2 * tube) * s, (self.n_points + 2 * tube + 2) * s)
        return side, cap

    def _build_maps(self) -> None:
        """Constant matrices turning polyline points into vertices with a few matrix products.

        Per polyline point the basis rows are ``[p, u, v, t]`` (point, the two ring axes, the tube
        direction); every vertex position and normal is a fixed linear combination of one point's
        rows: side ring ``j``: ``p + r (cos_j u + sin_j v)``, normal ``cos_j u + sin_j v``; cap
        vertices the same position, normal ``∓t``.
        """
        s, n_pts = self.sides, self.n_points
        counts = self.counts
        starts = self._first
        seg_a = np.concatenate([np.arange(a, a + k - 1) for a, k in zip(starts, counts, strict=True)])
        n_seg = len(seg_a)
        self._diff = np.zeros((n_seg, n_pts))  # segment vectors: p[a + 1] − p[a]
        self._diff[np.arange(n_seg), seg_a + 1] = 1.0
        self._diff[np.arange(n_seg), seg_a] = -1.0
        self._incidence = np.zeros((n_pts, n_seg))  # point ← its (one or two) segments
        self._incidence[seg_a, np.arange(n_seg)] = 1.0
        self._incidence[seg_a + 1, np.arange(n_seg)] = 1.0
        cos, sin = self._cos.ravel(), self._sin.ravel()
        n_vert = self.n_vertices
        self._to_points = np.zeros((n_vert, 4 * n_pts))
        self._to_normals = np.zeros((n_vert, 4 * n_pts))
        rows = np.arange(n_vert)
        owner = np.concatenate([np.repeat(np.arange(n_pts), s),
                                np.repeat(np.stack([self._first, self._last], axis=1).ravel(), s)])
        ring_j = np.tile(np.arange(s), n_pts + 2 * self.n_tubes)
        base = 4 * owner
        self._to_points[rows, base] = 1.0
        self._to_points[rows, base + 1] = self.radius * cos[ring_j]
        self._to_points[rows, base + 2] = self.radius * sin[ring_j]
        side = rows < n_pts * s
        self._to_normals[rows[side], base[side] + 1] = cos[ring_j[side]]
        self._to_normals[rows[side], base[side] + 2] = sin[ring_j[side]]
        caps = rows[~side]
        cap_sign = np.where(((caps - n_pts * s) // s) % 2 == 0, -1.0, 1.0)  # start cap faces −t
        self._to_normals[caps, base[~side] + 3] = cap_sign
        self._basis = np.zeros((n_pts, 4, 3))
        self._cross_z = np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # t @ it = t × ẑ

    def rings(self, points: np.ndarray, out_points: np.ndarray, out_normals: np.ndarray) -> None:
        """Fill vertex positions and unit normals for polyline points ``points``.

        Args:
            points: (n_points, 3) polyline points, tube after tube in the order of ``counts``.
            out_points, out_normals: (n_vertices, 3) arrays written in place (any float dtype).

        The ring axes are ``u ∝ ẑ − (ẑ·t) t`` and ``v = t × u`` (see :data:`_REFERENCE`); each
        point's direction ``t`` is the mean of its segments' unit directions, as in vtkTubeFilter.
        Runs in about twenty numpy calls whatever the number of tubes (this is on the frame path).
        """
        p = np.asarray(points, dtype=float)
        seg = self._diff @ p
        seg /= np.sqrt(np.einsum("ij,ij->i", seg, seg) + 1e-24)[:, None]  # (cheaper than np.linalg.norm)
        t = self._incidence @ seg
        t /= np.sqrt(np.einsum("ij,ij->i", t, t) + 1e-24)[:, None]
        tz = t[:, 2:3]
        s2 = 1.0 - tz * tz  # |ẑ − (ẑ·t) t|², the squared length of both unnormalised ring axes
        b = self._basis
        if float(s2.min()) < 0.1:  # some tube runs (nearly) sideways: general frames
            b[:, 1], b[:, 2] = _frames(t)
        else:
            np.multiply(t, -tz, out=b[:, 1])
            b[:, 1, 2] += 1.0
            np.matmul(t, self._cross_z, out=b[:, 2])
            b[:, 1:3] /= np.sqrt(s2)[:, :, None]
        b[:, 0] = p
        b[:, 3] = t
        flat = b.reshape(-1, 3)
        np.matmul(self._to_points, flat, out=out_points)
        np.matmul(self._to_normals, flat, out=out_normals)


def _frames(tangent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit ring axes (u, v), each (n, 3), for unit directions (n, 3), from :data:`_REFERENCE`
    or, where a direction is within ~18° of it, from :data:`_FALLBACK`."""
    along = tangent @ _REFERENCE
    ref = np.where(np.abs(along)[:, None] > 0.95, _FALLBACK, _REFERENCE)
    u = ref - np.sum(ref * tangent, axis=1, keepdims=True) * tangent
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    return u, np.cross(tangent, u)
