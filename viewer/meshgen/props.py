"""Props from VTK parametric sources: barbell (bar, sleeves, collars, one plate a side),
kettlebell (bell + handle, 16 kg size) and a heel plate (25 mm thick, origin on the floor under the
heel, scaled by the scene to the heel elevation).
"""

from __future__ import annotations

from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersSources import vtkCubeSource, vtkCylinderSource

from viewer.model.body_frames import HEEL_PLATE_REF_MM

from .build import add, cut, solid
from .mesh import finish, merge, points_of, triangles_of, with_normals
from .sdf import RoundBox, Sphere, Torus, rot

BAR_RADIUS_M = 0.014
PLATE_RADIUS_M = 0.225
#: The plate's thickness: the one the scene scales to the heel elevation.
HEEL_PLATE_THICKNESS_M = HEEL_PLATE_REF_MM / 1000.0


def _cylinder_z(radius: float, z0: float, z1: float, resolution: int) -> vtkPolyData:
    src = vtkCylinderSource()
    src.SetRadius(radius)
    src.SetHeight(z1 - z0)
    src.SetResolution(resolution)
    src.CappingOn()
    src.Update()
    poly = finish(src.GetOutput())
    pts = points_of(poly) @ rot("x", 90.0).T
    pts[:, 2] += (z0 + z1) / 2
    return with_normals(pts, triangles_of(poly))


def barbell() -> vtkPolyData:
    """Olympic bar along z centred at the origin, with collars and a 450 mm plate on each sleeve."""
    parts = [_cylinder_z(BAR_RADIUS_M, -0.64, 0.64, 16)]
    for s in (-1.0, 1.0):
        zs = sorted((s * 0.64, s * 1.10))
        parts.append(_cylinder_z(0.025, zs[0], zs[1], 16))
        zc = sorted((s * 0.640, s * 0.665))
        parts.append(_cylinder_z(0.040, zc[0], zc[1], 16))
        zp = sorted((s * 0.67, s * 0.73))
        parts.append(_cylinder_z(PLATE_RADIUS_M, zp[0], zp[1], 40))
    return merge(parts)


def kettlebell(target_triangles: int) -> vtkPolyData:
    """Kettlebell (bell Ø 210 mm, handle above), origin at the bell's centre."""
    ops = [
        add(Sphere((0.0, 0.0, 0.0), 0.105)),
        cut(RoundBox((0.0, -0.16, 0.0), (0.2, 0.065, 0.2), 0.0)),
        add(Torus((0.0, 0.0, 0.0), 0.068, 0.016).moved(rot("x", 90.0), (0.0, 0.105, 0.0)), k=0.02),
    ]
    return solid(ops, voxel=0.004, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))


def heel_plate() -> vtkPolyData:
    """A 120 × 25 × 100 mm plate, bottom on y = 0, reaching from behind the heel toward mid-foot."""
    src = vtkCubeSource()
    src.SetBounds(-0.03, 0.09, 0.0, HEEL_PLATE_THICKNESS_M, -0.05, 0.05)
    src.Update()
    poly = finish(src.GetOutput())
    return with_normals(points_of(poly), triangles_of(poly))

