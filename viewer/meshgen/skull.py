"""Skull (cranium, face, teeth) and mandible, placed around the reference ``head`` landmark.

Cranial length 189, breadth 140 mm, vertex → chin 228 mm (0.13 H), bizygomatic 130 mm,
mandible bicondylar 120 / bigonial 99 mm, ramus 60 mm (bones.md §5).
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import add, cut, solid
from .sdf import Cone, Ellipsoid, Sheet, Sphere, tube_shape


def _h(dx: float, dy: float, dz: float) -> tuple[float, float, float]:
    return tuple(ref.landmark("head") + np.array([dx, dy, dz]))


def tmj_centre() -> np.ndarray:
    """Midpoint of the two jaw joints (world, m): the mandible's joint centre."""
    return np.array(_h(-0.004, -0.012, 0.0))


def skull(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """Cranium and face in the skull frame (origin ``joint_centre``)."""
    ops = [
        add(Ellipsoid(_h(-0.010, 0.047, 0.0), (0.0945, 0.075, 0.070))),
        add(Ellipsoid(_h(0.050, -0.012, 0.0), (0.042, 0.048, 0.050)), k=0.020),
        add(Ellipsoid(_h(0.068, -0.044, 0.0), (0.025, 0.019, 0.032)), k=0.014),
        add(Ellipsoid(_h(-0.024, -0.005, 0.0), (0.050, 0.030, 0.052)), k=0.02),
    ]
    for s in (-1.0, 1.0):
        ops.append(add(Ellipsoid(_h(0.062, -0.008, s * 0.050), (0.014, 0.014, 0.012)), k=0.012))
        ops.append(add(Cone(_h(0.055, -0.012, s * 0.058), _h(0.000, -0.012, s * 0.064), 0.0075, 0.006), k=0.008))
        ops.append(add(Cone(_h(-0.018, -0.008, s * 0.052), _h(-0.020, -0.030, s * 0.050), 0.010, 0.006), k=0.008))
    # upper teeth: an arc of small lumps
    for a in np.linspace(-1.25, 1.25, 12):
        ops.append(add(Sphere(_h(0.048 + 0.036 * np.cos(a), -0.058, 0.030 * np.sin(a)), 0.0055), k=0.002))
    for s in (-1.0, 1.0):
        ops.append(cut(Sphere(_h(0.086, 0.010, s * 0.033), 0.020), k=0.004))  # orbits
    ops.append(cut(Ellipsoid(_h(0.092, -0.024, 0.0), (0.016, 0.017, 0.011)), k=0.003))  # nasal aperture
    for s in (-1.0, 1.0):
        ops.append(cut(Sphere(_h(0.012, -0.012, s * 0.078), 0.012), k=0.003))  # temporal fossa hint
    return solid(ops, voxel=0.0018, target_triangles=target_triangles, joint_centre=joint_centre)


def mandible(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """Mandible in its frame (origin at the jaw-joint midpoint ``joint_centre``)."""
    ops = []
    for s in (-1.0, 1.0):
        ops.append(add(tube_shape([_h(-0.004, -0.012, s * 0.055), _h(0.004, -0.066, s * 0.049),
                                   _h(0.040, -0.084, s * 0.036), _h(0.070, -0.092, s * 0.013), _h(0.078, -0.094, 0.0)],
                                  [0.0065, 0.0095, 0.0085, 0.009, 0.0095]), k=0.008))
        # ramus as a plate from the jaw angle up to the condyle and the coronoid process
        ops.append(add(Sheet([_h(-0.004, -0.016, s * 0.054), _h(0.004, -0.066, s * 0.049), _h(0.026, -0.072, s * 0.043),
                              _h(0.020, -0.022, s * 0.047)], [(0, 1, 2), (0, 2, 3)], 0.003), k=0.005))
        for a in np.linspace(0.1, 1.2, 5):
            ops.append(add(Sphere(_h(0.046 + 0.030 * np.cos(a), -0.070, s * 0.028 * np.sin(a)), 0.005), k=0.002))
    return solid(ops, voxel=0.0014, target_triangles=target_triangles, joint_centre=joint_centre)
