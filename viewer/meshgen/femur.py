"""Femur (right side; the left is its mirror image), frame origin at the head centre.

Sizes (bones.md §1, 1.75 m male): head Ø 49 mm, neck axis length (head centre → shaft axis)
54 mm, neck Ø 33 × 27 mm, greater trochanter tip ~8 mm above the head centre, lesser trochanter
~50 mm from the head centre (posteromedial), midshaft Ø ~30 mm, anterior bow (~12 mm rise),
epicondylar width 88 mm, condyle AP depth 61 mm, notch width 22 mm. The knee centre (between the
epicondyles) is one thigh length below the head centre on the vertical (mechanical) axis; the
shaft (anatomical) axis leans ~5–6° from it, set by the neck–shaft angle and anteversion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from viewer.model.params import spec

from . import reference as ref
from .build import Op, add, cut, solid
from .sdf import Cone, Ellipsoid, Sphere, tube_shape

HEAD_RADIUS_M = 0.0245
NECK_LENGTH_M = 0.054


@dataclass(frozen=True, slots=True)
class FemurDesign:
    """Key points of a right femur (metres, head centre at the origin).

    ``neck_base``: where the neck axis meets the shaft axis; ``neck_dir``: unit vector from the
    neck base toward the head centre; ``shaft_dir``: unit vector up the shaft axis; ``knee``:
    knee centre; ``lean_deg``: shaft lean from vertical (lateral at the top).
    """

    neck_base: np.ndarray
    neck_dir: np.ndarray
    shaft_dir: np.ndarray
    knee: np.ndarray
    lean_deg: float


def design(neck_shaft_angle_deg: float, femoral_anteversion_deg: float) -> FemurDesign:
    """Neck and shaft axes for the given neck–shaft angle and anteversion (degrees, within the
    parameters' ranges: :func:`viewer.meshgen.parametric.femur_points` checks them)."""
    seg, _ = ref.reference()
    knee = np.array([0.0, -seg.thigh_length_m, 0.0])
    av = math.radians(femoral_anteversion_deg)
    beta = math.radians(6.0)
    for _ in range(8):
        phi = math.radians(180.0 - neck_shaft_angle_deg) - beta
        s = math.sin(phi)
        neck_dir = np.array([s * math.sin(av), math.cos(phi), -s * math.cos(av)])
        base = -NECK_LENGTH_M * neck_dir
        beta = math.atan2(base[2] - knee[2], base[1] - knee[1])
    shaft = base - knee
    shaft /= np.linalg.norm(shaft)
    return FemurDesign(base, neck_dir, shaft, knee, math.degrees(beta))


#: Neck–shaft angle and anteversion (degrees) of the committed mesh: the parameters' defaults.
DEFAULT = (float(spec("neck_shaft_angle_deg").default), float(spec("femoral_anteversion_deg").default))


def femur_ops(neck_shaft_angle_deg: float = DEFAULT[0], femoral_anteversion_deg: float = DEFAULT[1]) -> list[Op]:
    """SDF operations of the right femur in its frame."""
    d = design(neck_shaft_angle_deg, femoral_anteversion_deg)
    b, n, k = d.neck_base, d.neck_dir, d.knee
    up_axis = d.shaft_dir
    # a frame across the neck: "sup" in the neck's frontal plane, "ant" perpendicular
    ant = np.cross(n, up_axis)
    ant = ant if ant[0] > 0 else -ant
    ant /= np.linalg.norm(ant)
    sup = np.cross(ant, n)
    sup = sup if sup[1] > 0 else -sup
    ops: list[Op] = [add(Sphere((0, 0, 0), HEAD_RADIUS_M))]
    # neck: two overlapping cones give the 33 × 27 mm oval, flaring toward the shaft
    for off in (-0.0035, 0.0035):
        a = -n * 0.010 + sup * off
        e = b + n * 0.012 + sup * off * 1.6
        ops.append(add(Cone(tuple(a), tuple(e), 0.0135, 0.0175), k=0.006))
    lat = np.array([0.0, 0.0, 1.0])
    # greater trochanter: lateral and a little posterior of the neck base, tip ~8 mm above the head centre
    gt = b + lat * 0.013 + np.array([-0.007, 0.0, 0.0])
    gt[1] = -0.012
    ops.append(add(Ellipsoid(tuple(gt), (0.021, 0.022, 0.014)), k=0.012))
    ops.append(add(Cone(tuple(gt + np.array([0.0, -0.01, -0.004])), tuple(b - up_axis * 0.05), 0.016, 0.017),
                   k=0.01))
    # lesser trochanter: posteromedial knob below the neck
    lt = np.array([-0.016, -0.055, b[2] - 0.018])
    lt_root = b - up_axis * 0.052 + np.array([-0.004, 0.0, 0.0])
    ops.append(add(Cone(tuple(lt_root), tuple(lt), 0.011, 0.0065), k=0.006))
    # intertrochanteric crest (posterior), from the greater to the lesser trochanter
    ops.append(add(Cone(tuple(gt + np.array([-0.010, -0.010, -0.002])), tuple(lt + np.array([0.004, 0.004, 0.004])),
                        0.0065, 0.005), k=0.006))
    # shaft along the anatomical axis with an anterior bow; radii (m) from top to bottom
    top = b - up_axis * 0.020
    bottom = k + np.array([-0.002, 0.070, 0.0])
    ts = np.linspace(0.0, 1.0, 9)
    pts = np.array([top + (bottom - top) * t + np.array([0.012 * math.sin(math.pi * t), 0.0, 0.0]) for t in ts])
    radii = [0.0175, 0.0160, 0.0150, 0.0145, 0.0145, 0.0148, 0.0160, 0.0185, 0.0215]
    ops.append(add(tube_shape(pts, radii), k=0.01))
    # linea aspera: a posterior ridge on the middle of the shaft
    ridge = [p + np.array([-r * 0.85, 0.0, 0.0]) for p, r in zip(pts[2:7], radii[2:7], strict=True)]
    ops.append(add(tube_shape(ridge, [0.003, 0.0045, 0.005, 0.0045, 0.003]), k=0.006))
    # distal metaphysis and condyles (medial −z, lateral +z for the right femur)
    ops.append(add(Ellipsoid((k[0] - 0.004, k[1] + 0.030, 0.0), (0.026, 0.038, 0.037)), k=0.012))
    for z, drop in ((-0.021, 0.002), (0.021, 0.0)):
        ops.append(add(Ellipsoid((k[0] - 0.006, k[1] + 0.004 - drop, z), (0.030, 0.026, 0.0185)), k=0.012))
        ops.append(add(Sphere((k[0] - 0.004, k[1] + 0.010, math.copysign(0.031, z)), 0.012), k=0.012))
    # trochlear groove (front) and intercondylar notch (back, below)
    ops.append(cut(Cone((k[0] + 0.036, k[1] + 0.050, 0.0), (k[0] + 0.027, k[1] - 0.008, 0.0), 0.010, 0.008),
                   k=0.004))
    ops.append(cut(Cone((k[0] - 0.045, k[1] - 0.014, 0.0), (k[0] + 0.004, k[1] - 0.018, 0.0), 0.011, 0.009),
                   k=0.003))
    # fovea capitis: a small pit on the medial head
    ops.append(cut(Sphere(tuple(n * 0.0 + np.array([0.004, -0.006, -HEAD_RADIUS_M - 0.002])), 0.005), k=0.002))
    return ops


def femur_r(target_triangles: int) -> vtkPolyData:
    """Right femur mesh (the parameters' default angles) in its frame (origin at the head centre)."""
    return solid(femur_ops(), voxel=0.0014, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))


def patella_r(target_triangles: int) -> vtkPolyData:
    """Right patella in its frame (origin at its centre): 45 wide, 22 thick, ~45 mm tall, apex down."""
    body = Ellipsoid((0.0, 0.002, 0.0), (0.011, 0.020, 0.0225))
    apex = Cone((0.0, -0.004, 0.0), (0.001, -0.021, 0.0), 0.013, 0.004)
    ops = [add(body), add(apex, k=0.008), cut(Cone((-0.018, 0.01, 0.0), (-0.018, -0.012, 0.0), 0.009, 0.008),
                                               k=0.003)]
    return solid(ops, voxel=0.0012, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))
