"""Tibia, fibula and patella placement (right side; left = mirror). Frames: origin at the knee centre.

Sizes (bones.md §4): plateau 80 × 50 mm, shank knee → ankle 436 mm, malleoli: medial tip ~5 mm and
lateral tip ~15 mm below the ankle centre, lateral ~10 mm more posterior; fibula Ø ~13 mm.
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import add, cut, solid
from .sdf import Cone, Ellipsoid, EllipticPrism, Sphere, tube_shape

#: Patella centre relative to the knee centre in the standing reference (m) [E].
PATELLA_OFFSET_M = (0.037, 0.024, 0.0)


def _shank() -> float:
    return ref.reference()[0].shank_length_m


def tibia_r(target_triangles: int) -> vtkPolyData:
    """Right tibia in its frame (origin at the knee centre)."""
    a = -_shank()  # ankle centre height in this frame
    ops = [
        add(EllipticPrism((-0.004, -0.040, 0.0), 0.026, 0.040, 0.012, 0.004)),
        add(Ellipsoid((-0.004, -0.058, 0.001), (0.024, 0.032, 0.033)), k=0.012),
        add(Ellipsoid((0.019, -0.078, 0.004), (0.008, 0.016, 0.010)), k=0.010),
        add(tube_shape([(-0.003, -0.075, 0.002), (0.002, -0.20, 0.0), (0.001, -0.33, -0.003), (0.0, a + 0.05, -0.004)],
                       [0.018, 0.0135, 0.0125, 0.016]), k=0.012),
        # anterior crest
        add(tube_shape([(0.012, -0.10, 0.002), (0.014, -0.22, 0.0), (0.010, -0.33, -0.003)], [0.006, 0.006, 0.005]),
            k=0.008),
        add(Ellipsoid((0.001, a + 0.030, -0.003), (0.021, 0.022, 0.025)), k=0.012),
        add(Cone((0.003, a + 0.020, -0.019), (0.005, a - 0.004, -0.022), 0.009, 0.006), k=0.006),
        # the two shallow plateau facets
        cut(Sphere((-0.004, -0.028 + 0.060 - 0.0015, -0.020), 0.060), k=0.002),
        cut(Sphere((-0.004, -0.028 + 0.060 - 0.0012, 0.020), 0.060), k=0.002),
    ]
    return solid(ops, voxel=0.0015, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))


def fibula_r(target_triangles: int) -> vtkPolyData:
    """Right fibula in its frame (origin at the knee centre)."""
    a = -_shank()
    ops = [
        add(Ellipsoid((-0.014, -0.072, 0.036), (0.011, 0.012, 0.010))),
        add(tube_shape([(-0.014, -0.080, 0.036), (-0.010, -0.22, 0.034), (-0.010, -0.36, 0.031),
                        (-0.012, a + 0.02, 0.030)], [0.0075, 0.0065, 0.006, 0.0075]), k=0.006),
        add(Ellipsoid((-0.013, a - 0.002, 0.031), (0.010, 0.016, 0.0075)), k=0.008),
    ]
    return solid(ops, voxel=0.0012, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))


def patella_centre_r() -> np.ndarray:
    """Right patella centre, world (3,) m."""
    return ref.landmark("knee_r") + np.array(PATELLA_OFFSET_M)
