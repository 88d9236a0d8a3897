"""Shoulder girdle and arm (right; left = mirror): clavicle, scapula, humerus, radius + ulna, hand.

Reference pose: arms hang at the sides, palms facing the thighs (thumbs forward). Humerus 339,
radius 254, ulna 273 mm; clavicle ~150 mm; scapula 160 × 105 mm, glenoid height 38 mm
(bones.md §5). Frames: clavicle at the sternoclavicular joint, scapula and humerus at the
shoulder centre, forearm at the elbow, hand at the wrist.
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import Op, add, cut, solid
from .ribcage import sternum_points
from .sdf import Cone, Ellipsoid, RoundBox, Sheet, Sphere, tube_shape


def _j(side: str = "r") -> dict[str, np.ndarray]:
    return ref.arm_joints(side)


def sc_joint_r() -> np.ndarray:
    """Right sternoclavicular joint (world, m)."""
    return sternum_points()["jugular"] + np.array([-0.004, 0.002, 0.022])


def clavicle_r(target_triangles: int) -> vtkPolyData:
    """Right clavicle (S-shaped), frame origin at the sternoclavicular joint."""
    sc, sh = sc_joint_r(), _j()["shoulder"]
    acro = sh + np.array([-0.012, 0.032, -0.016])
    pts = [sc, sc + (acro - sc) * 0.35 + np.array([0.012, 0.004, 0.0]),
           sc + (acro - sc) * 0.75 + np.array([-0.004, 0.0, 0.0]), acro]
    ops = [add(tube_shape(pts, [0.008, 0.0065, 0.006, 0.0075]))]
    return solid(ops, voxel=0.0012, target_triangles=target_triangles, joint_centre=sc)


def scapula_r(target_triangles: int) -> vtkPolyData:
    """Right scapula, frame origin at the shoulder centre."""
    s = _j()["shoulder"]
    glen = s + np.array([-0.004, 0.0, -0.030])
    v = [s + np.array([-0.022, -0.004, -0.040]),  # neck behind the glenoid
         np.array([-0.100, 1.442, 0.072]),  # superior angle
         np.array([-0.112, 1.398, 0.060]),  # root of the spine (medial border)
         np.array([-0.104, 1.287, 0.086]),  # inferior angle
         np.array([-0.074, 1.336, 0.120])]  # lateral border
    sheet = Sheet(v, [(1, 2, 0), (2, 3, 4), (2, 4, 0)], [0.006, 0.003, 0.003, 0.004, 0.004])
    ops: list[Op] = [
        add(sheet),
        add(tube_shape([v[3], v[4], v[0]], [0.004, 0.005, 0.007]), k=0.004),
        add(tube_shape([v[2] + np.array([-0.002, 0.006, 0.0]), np.array([-0.060, 1.430, 0.110]),
                        s + np.array([-0.030, 0.036, -0.004]), s + np.array([-0.004, 0.036, 0.006])],
                       [0.004, 0.006, 0.007, 0.007]), k=0.005),
        add(Ellipsoid(tuple(glen), (0.012, 0.019, 0.006)), k=0.006),
        add(tube_shape([s + np.array([-0.018, 0.012, -0.040]), s + np.array([0.012, 0.024, -0.040]),
                        s + np.array([0.026, 0.016, -0.032])], [0.006, 0.0055, 0.005]), k=0.005),
        cut(Sphere(tuple(s), 0.0245), k=0.002),
    ]
    return solid(ops, voxel=0.0014, target_triangles=target_triangles, joint_centre=s)


def humerus_r(target_triangles: int) -> vtkPolyData:
    """Right humerus, frame origin at the shoulder (head) centre."""
    j = _j()
    s, e = j["shoulder"], j["elbow"]
    ops = [
        add(Sphere(tuple(s), 0.023)),
        add(Sphere(tuple(s + np.array([0.008, 0.000, 0.018])), 0.014), k=0.010),
        add(tube_shape([s + np.array([0.0, -0.020, 0.012]), s + np.array([0.002, -0.12, 0.008]),
                        e + np.array([-0.002, 0.10, 0.002]), e + np.array([-0.002, 0.035, 0.0])],
                       [0.014, 0.0115, 0.0115, 0.014]), k=0.012),
        add(Cone(tuple(e + np.array([-0.004, 0.010, -0.031])), tuple(e + np.array([-0.004, 0.012, 0.028])),
                 0.009, 0.008), k=0.010),
        add(Ellipsoid(tuple(e + np.array([0.004, -0.002, -0.002])), (0.012, 0.011, 0.023)), k=0.008),
        cut(Cone(tuple(e + np.array([-0.022, 0.025, 0.0])), tuple(e + np.array([-0.012, 0.012, 0.0])), 0.008, 0.006),
            k=0.002),
    ]
    return solid(ops, voxel=0.0014, target_triangles=target_triangles, joint_centre=s)


def forearm_r(target_triangles: int) -> vtkPolyData:
    """Right radius and ulna as one mesh, frame origin at the elbow centre."""
    j = _j()
    e, w = j["elbow"], j["wrist"]
    ops = [
        # ulna: olecranon behind the elbow, shaft to the head at the wrist (posteromedial)
        add(Ellipsoid(tuple(e + np.array([-0.016, 0.010, -0.006])), (0.010, 0.016, 0.010))),
        add(tube_shape([e + np.array([-0.010, -0.004, -0.006]), e + np.array([-0.010, -0.08, -0.008]),
                        w + np.array([-0.010, 0.06, -0.008]), w + np.array([-0.010, 0.006, -0.008])],
                       [0.011, 0.008, 0.0065, 0.007]), k=0.008),
        # radius: head at the elbow (lateral), broad distal end in front at the wrist
        add(Cone(tuple(e + np.array([0.004, -0.008, 0.014])), tuple(e + np.array([0.004, -0.018, 0.014])),
                 0.011, 0.009)),
        add(tube_shape([e + np.array([0.004, -0.02, 0.014]), e + np.array([0.008, -0.10, 0.010]),
                        w + np.array([0.010, 0.07, 0.004]), w + np.array([0.008, 0.012, 0.002])],
                       [0.0075, 0.0075, 0.009, 0.011]), k=0.008),
        add(Ellipsoid(tuple(w + np.array([0.006, 0.008, 0.0])), (0.016, 0.010, 0.011)), k=0.008),
    ]
    return solid(ops, voxel=0.0013, target_triangles=target_triangles, joint_centre=e)


def hand_r(target_triangles: int) -> vtkPolyData:
    """Right hand (carpus, metacarpals, fingers, thumb), palm facing medially, origin at the wrist."""
    w = _j()["wrist"]

    def p(x: float, y: float, z: float) -> np.ndarray:
        return w + np.array([x, y, z])

    ops: list[Op] = [add(RoundBox(tuple(p(0.002, -0.017, 0.0)), (0.020, 0.014, 0.009), 0.006))]
    # fingers from index (front) to little (back): x at the knuckles, lengths of the three phalanges
    knuckles = []
    for x, scale in ((0.016, 1.0), (0.005, 1.06), (-0.006, 1.0), (-0.016, 0.82)):
        base = p(x * 0.8, -0.028, 0.0)
        knuckle = p(x, -0.085 * (0.95 + 0.05 * scale), -0.002)
        mid = knuckle + np.array([0.0, -0.040 * scale, -0.008])
        dip = mid + np.array([0.0, -0.024 * scale, -0.009])
        tip = dip + np.array([0.0, -0.018 * scale, -0.007])
        knuckles.append(knuckle)
        ops.append(add(tube_shape([base, knuckle, mid, dip, tip], [0.0055, 0.0062, 0.0052, 0.0046, 0.0040]),
                       k=0.003))
    # a thin web between the metacarpals so the palm reads as a hand from a distance
    palm = Sheet([p(0.016, -0.030, 0.0), p(-0.014, -0.030, 0.0), knuckles[0] + np.array([0, 0.008, 0.0]),
                  knuckles[3] + np.array([0, 0.008, 0.0])], [(0, 2, 1), (1, 2, 3)], 0.0036)
    ops.append(add(palm, k=0.003))
    ops.append(add(tube_shape([p(0.016, -0.022, -0.004), p(0.034, -0.046, -0.010), p(0.046, -0.070, -0.016),
                               p(0.052, -0.092, -0.020)], [0.0065, 0.0058, 0.0050, 0.0043]), k=0.004))
    return solid(ops, voxel=0.0011, target_triangles=target_triangles, joint_centre=w)
