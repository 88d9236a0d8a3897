"""Signed-distance field → smooth, decimated triangle mesh with normals (VTK), plus mesh helpers.

Pipeline: ``vtkFlyingEdges3D`` (zero level set) → ``vtkWindowedSincPolyDataFilter`` (smoothing) →
``vtkQuadricDecimation`` (to a triangle budget) → ``vtkPolyDataNormals`` (outward point normals).
Coordinates are rounded to 10 µm so the written files are identical from run to run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from vtkmodules.util import numpy_support as ns
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
from vtkmodules.vtkFiltersCore import (
    vtkCleanPolyData,
    vtkFeatureEdges,
    vtkFlyingEdges3D,
    vtkPolyDataNormals,
    vtkQuadricDecimation,
    vtkTriangleFilter,
    vtkWindowedSincPolyDataFilter,
)
from vtkmodules.vtkIOXML import vtkXMLPolyDataReader, vtkXMLPolyDataWriter

from .sdf import Field

QUANTUM_M = 1e-5  # coordinates are rounded to this (10 µm)


def field_to_polydata(field: Field, target_triangles: int, smooth_iterations: int = 20,
                      passband: float = 0.08) -> vtkPolyData:
    """Mesh the zero level set of ``field`` into about ``target_triangles`` triangles (metres).

    Raises ``ValueError`` when the field has no surface (nothing inside).
    """
    nx, ny, nz = field.shape
    img = vtkImageData()
    img.SetDimensions(nx, ny, nz)
    img.SetSpacing(field.voxel, field.voxel, field.voxel)
    img.SetOrigin(*field.origin)
    flat = np.ascontiguousarray(-field.values.transpose(2, 1, 0).ravel(), dtype=np.float32)  # + inside
    arr = ns.numpy_to_vtk(flat, deep=True)
    arr.SetName("sdf")
    img.GetPointData().SetScalars(arr)
    fe = vtkFlyingEdges3D()
    fe.SetInputData(img)
    fe.SetValue(0, 0.0)
    fe.ComputeNormalsOff()
    fe.ComputeGradientsOff()
    fe.ComputeScalarsOff()
    fe.Update()
    surf = fe.GetOutput()
    if surf.GetNumberOfCells() == 0:
        raise ValueError("the shape has no surface: the signed-distance field is positive everywhere")
    return polish(surf, target_triangles, smooth_iterations, passband)


def polish(surf: vtkPolyData, target_triangles: int, smooth_iterations: int = 20,
           passband: float = 0.08) -> vtkPolyData:
    """Smooth, decimate to ``target_triangles``, compute normals, round coordinates."""
    sm = vtkWindowedSincPolyDataFilter()
    sm.SetInputData(surf)
    sm.SetNumberOfIterations(smooth_iterations)
    sm.SetPassBand(passband)
    sm.NormalizeCoordinatesOn()
    sm.BoundarySmoothingOff()
    sm.FeatureEdgeSmoothingOff()
    sm.NonManifoldSmoothingOn()
    sm.Update()
    smooth = sm.GetOutput()
    n = smooth.GetNumberOfCells()
    if n <= target_triangles:
        return finish(smooth, merge_points=False)
    # quadric decimation now and then leaves a pinched (non-manifold) edge; try nearby budgets
    best, best_bad = None, None
    for factor in (1.0, 0.98, 1.02, 0.96, 1.04, 0.94, 0.92):
        dec = vtkQuadricDecimation()
        dec.SetInputData(smooth)
        dec.SetTargetReduction(1.0 - min(target_triangles * factor, n) / n)
        dec.VolumePreservationOn()
        dec.Update()
        out = finish(dec.GetOutput(), merge_points=False)
        bad = sum(edge_counts(out))
        if best_bad is None or bad < best_bad:
            best, best_bad = out, bad
        if bad == 0:
            break
    return best


def coarse_copy(poly: vtkPolyData, keep: float) -> vtkPolyData:
    """A copy of a finished mesh with about ``keep`` (0–1) of its triangles and fresh smooth point
    normals, for faint overlays that need the shape, not the detail. Meshes of fewer than 200
    triangles (or ``keep`` ≥ 1) are copied as they are."""
    if poly.GetNumberOfCells() < 200 or keep >= 1.0:
        out = vtkPolyData()
        out.DeepCopy(poly)
        return out
    dec = vtkQuadricDecimation()
    dec.SetInputData(poly)
    dec.SetTargetReduction(1.0 - max(float(keep), 0.01))
    dec.VolumePreservationOn()
    normals = vtkPolyDataNormals()
    normals.SetInputConnection(dec.GetOutputPort())
    normals.SplittingOff()
    normals.ConsistencyOff()  # the input is oriented already
    normals.Update()
    out = vtkPolyData()
    out.ShallowCopy(normals.GetOutput())
    return out


def finish(poly: vtkPolyData, merge_points: bool = True) -> vtkPolyData:
    """Triangulate, clean, round points to :data:`QUANTUM_M`, and add outward point normals.

    ``merge_points``: merge coincident points (needed for parametric sources, whose faces have
    their own points; off for decimated meshes, where merging could pinch the surface).
    """
    tri = vtkTriangleFilter()
    tri.SetInputData(poly)
    clean = vtkCleanPolyData()
    clean.SetInputConnection(tri.GetOutputPort())
    clean.SetPointMerging(merge_points)
    clean.Update()
    pts = points_of(clean.GetOutput())
    return with_normals(np.round(pts / QUANTUM_M) * QUANTUM_M, triangles_of(clean.GetOutput()))


def points_of(poly: vtkPolyData) -> np.ndarray:
    """Point coordinates (N, 3) float64 (a copy)."""
    return np.array(ns.vtk_to_numpy(poly.GetPoints().GetData()), dtype=float)


def triangles_of(poly: vtkPolyData) -> np.ndarray:
    """Triangle vertex indices (T, 3) int64 (polys must be triangles)."""
    conn = ns.vtk_to_numpy(poly.GetPolys().GetConnectivityArray())
    return np.array(conn, dtype=np.int64).reshape(-1, 3)


def make_polydata(points: np.ndarray, triangles: np.ndarray) -> vtkPolyData:
    """vtkPolyData from points (N, 3) and triangles (T, 3), points stored as float32."""
    poly = vtkPolyData()
    vp = vtkPoints()
    vp.SetData(ns.numpy_to_vtk(np.ascontiguousarray(points, dtype=np.float32), deep=True))
    poly.SetPoints(vp)
    tri = np.ascontiguousarray(triangles, dtype=np.int64)
    cells = vtkCellArray()
    offsets = np.arange(0, 3 * len(tri) + 1, 3, dtype=np.int64)
    cells.SetData(ns.numpy_to_vtkIdTypeArray(offsets, deep=True),
                  ns.numpy_to_vtkIdTypeArray(tri.ravel(), deep=True))
    poly.SetPolys(cells)
    return poly


def with_normals(points: np.ndarray, triangles: np.ndarray) -> vtkPolyData:
    """Polydata with area-weighted outward point normals ("Normals", float32)."""
    poly = make_polydata(points, triangles)
    p = np.asarray(points, dtype=float)
    t = np.asarray(triangles)
    fn = np.cross(p[t[:, 1]] - p[t[:, 0]], p[t[:, 2]] - p[t[:, 0]])
    vn = np.zeros_like(p)
    for k in range(3):
        np.add.at(vn, t[:, k], fn)
    norm = np.linalg.norm(vn, axis=1, keepdims=True)
    vn = vn / np.maximum(norm, 1e-20)
    arr = ns.numpy_to_vtk(np.ascontiguousarray(vn, dtype=np.float32), deep=True)
    arr.SetName("Normals")
    poly.GetPointData().SetNormals(arr)
    return poly


def mirror_z(poly: vtkPolyData) -> vtkPolyData:
    """Exact mirror image z → −z (right ↔ left) with outward normals kept outward."""
    pts = points_of(poly)
    pts[:, 2] = -pts[:, 2]
    tri = triangles_of(poly)[:, ::-1]
    return with_normals(pts, tri)


def merge(parts: list[vtkPolyData]) -> vtkPolyData:
    """One polydata holding all ``parts`` (separate closed pieces)."""
    pts, tris, off = [], [], 0
    for p in parts:
        pp = points_of(p)
        pts.append(pp)
        tris.append(triangles_of(p) + off)
        off += len(pp)
    return with_normals(np.vstack(pts), np.vstack(tris))


def edge_counts(poly: vtkPolyData) -> tuple[int, int]:
    """(boundary edges, non-manifold edges) of a triangle mesh."""
    fe = vtkFeatureEdges()
    fe.SetInputData(poly)
    fe.BoundaryEdgesOn()
    fe.NonManifoldEdgesOff()
    fe.FeatureEdgesOff()
    fe.ManifoldEdgesOff()
    fe.Update()
    boundary = fe.GetOutput().GetNumberOfCells()
    fe.BoundaryEdgesOff()
    fe.NonManifoldEdgesOn()
    fe.Update()
    return boundary, fe.GetOutput().GetNumberOfCells()


def write_vtp(poly: vtkPolyData, path: Path) -> None:
    """Write ``poly`` as a zlib-compressed binary .vtp (32-bit ids, float32 points/normals)."""
    w = vtkXMLPolyDataWriter()
    w.SetFileName(str(path))
    w.SetInputData(poly)
    w.SetDataModeToAppended()
    w.EncodeAppendedDataOff()
    w.SetCompressorTypeToZLib()
    w.SetCompressionLevel(9)
    w.SetIdTypeToInt32()
    w.SetHeaderTypeToUInt32()
    if not w.Write():
        raise OSError(f"could not write {path}")


def read_vtp(path: Path) -> vtkPolyData:
    """Read a .vtp file; ``FileNotFoundError`` if missing, ``ValueError`` if it holds no triangles."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"mesh file not found: {p}")
    r = vtkXMLPolyDataReader()
    r.SetFileName(str(p))
    r.Update()
    out = vtkPolyData()
    out.ShallowCopy(r.GetOutput())
    if out.GetNumberOfCells() == 0:
        raise ValueError(f"mesh file {p} holds no triangles (corrupt or empty)")
    return out


def normals_array(poly: vtkPolyData) -> np.ndarray | None:
    """Point normals (N, 3) or ``None`` when the mesh has none."""
    arr = poly.GetPointData().GetNormals()
    return None if arr is None else ns.vtk_to_numpy(arr)
