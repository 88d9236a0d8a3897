"""Turn a list of signed-distance operations into a bone mesh in its joint frame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from .mesh import field_to_polydata, points_of, triangles_of, with_normals
from .sdf import Field, Shape


@dataclass(frozen=True)
class Op:
    """One step: ``kind`` is "add" (smooth union with blend ``k``), "cut" or "clip"."""

    kind: str
    shape: Shape
    k: float = 0.0


def add(shape: Shape, k: float = 0.0) -> Op:
    """Smooth union with ``shape`` (blend radius ``k`` m)."""
    return Op("add", shape, k)


def cut(shape: Shape, k: float = 0.0) -> Op:
    """Subtract ``shape``."""
    return Op("cut", shape, k)


def clip(shape: Shape) -> Op:
    """Intersect with ``shape``."""
    return Op("clip", shape, 0.0)


def solid(ops: Sequence[Op], voxel: float, target_triangles: int, joint_centre: Sequence[float],
          smooth_iterations: int = 20) -> vtkPolyData:
    """Mesh the shape built by ``ops`` (authored in world coordinates of the reference pose).

    Returns the mesh in the bone frame: points minus ``joint_centre`` (metres).
    """
    adds = [o.shape for o in ops if o.kind == "add"]
    if not adds:
        raise ValueError("a solid needs at least one added shape")
    los, his = zip(*(s.bounds() for s in adds), strict=True)
    field = Field(np.min(los, axis=0) - 0.003, np.max(his, axis=0) + 0.003, voxel)
    for o in ops:
        if o.kind == "clip":
            field.clip(o.shape)
        else:
            field.add(o.shape, o.k, cut=o.kind == "cut")
    poly = field_to_polydata(field, target_triangles, smooth_iterations=smooth_iterations)
    return shifted(poly, -np.asarray(joint_centre, dtype=float))


def shifted(poly: vtkPolyData, offset: np.ndarray) -> vtkPolyData:
    """``poly`` translated by ``offset`` (3,) m, rounded to 10 µm."""
    pts = np.round((points_of(poly) + offset) / 1e-5) * 1e-5
    return with_normals(pts, triangles_of(poly))
