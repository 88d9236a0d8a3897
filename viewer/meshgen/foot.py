"""Foot skeleton (right; left = mirror) as one mesh, frame origin at the ankle centre.

Talus under the tibia, calcaneus back to the heel (tip 65 mm behind the ankle), navicular,
cuboid, three cuneiforms, five metatarsals (MT1 56 mm … MT2 73 mm, heads at the ball of the
foot, 73 % of foot length from the heel) and toes to 195 mm ahead of the ankle (bones.md §4,
anthropometry). Bones rest ~2–8 mm above the floor (no soft tissue is drawn).
"""

from __future__ import annotations

from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import Op, add, solid
from .sdf import Cone, Ellipsoid, RoundBox, tube_shape


def foot_r(target_triangles: int) -> vtkPolyData:
    """Right foot in its frame (origin at the ankle centre)."""
    seg, _ = ref.reference()
    floor = -seg.ankle_height_m
    ball = seg.heel_to_mtp_m - seg.heel_to_ankle_m
    toe = seg.ankle_to_toe_m
    heel = -seg.heel_to_ankle_m
    ops: list[Op] = [
        add(Ellipsoid((-0.004, -0.010, 0.0), (0.026, 0.015, 0.017))),
        add(Cone((0.002, -0.016, 0.0), (0.030, -0.024, -0.007), 0.013, 0.011), k=0.006),
        add(Cone((-0.004, -0.036, 0.004), (heel + 0.020, floor + 0.024, 0.004), 0.017, 0.020), k=0.010),
        add(Cone((0.000, -0.038, 0.008), (0.034, floor + 0.030, 0.014), 0.014, 0.012), k=0.008),
        add(Ellipsoid((0.040, -0.028, -0.011), (0.008, 0.014, 0.016)), k=0.004),
        add(RoundBox((0.050, floor + 0.028, 0.017), (0.013, 0.011, 0.011), 0.006), k=0.006),
    ]
    for z in (-0.020, -0.006, 0.006):
        ops.append(add(RoundBox((0.058, floor + 0.034, z), (0.009, 0.011, 0.0065), 0.0055), k=0.006))
    # metatarsals and toes: (z at the head, length, radius)
    rays = [(-0.026, 0.058, 0.0075), (-0.010, 0.073, 0.0055), (0.004, 0.069, 0.005), (0.017, 0.067, 0.005),
            (0.029, 0.064, 0.0055)]
    for i, (z, length, r) in enumerate(rays):
        head_x = ball + (0.004 if i == 0 else -0.004 * (i - 1) - 0.002)
        head = (head_x, floor + r + 0.005, z)
        base = (head_x - length, floor + 0.030 - 0.002 * i, z * 0.6 - 0.004)
        ops.append(add(tube_shape([base, head], [r * 1.25, r * 1.15]), k=0.004))
        tip_x = toe - 0.008 - 0.010 * i
        if i == 0:
            pts = [head, (head_x + 0.032, floor + 0.010, z - 0.002), (tip_x, floor + 0.009, z - 0.002)]
            radii = [r, 0.007, 0.006]
        else:
            span = tip_x - head_x
            pts = [head, (head_x + 0.5 * span, floor + 0.011, z), (head_x + 0.78 * span, floor + 0.012, z),
                   (tip_x, floor + 0.007, z)]
            radii = [r * 0.8, 0.0038, 0.0033, 0.0030]
        ops.append(add(tube_shape(pts, radii), k=0.003))
    return solid(ops, voxel=0.0011, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))
