"""Rib cage: twelve pairs of ribs with costal cartilages and the sternum, one mesh (thorax segment).

Rib cage max width ≈ 290 mm at rib 8, AP depth ≈ 200 mm (bones.md §3); sternum: manubrium 54,
body 101 mm, xiphoid; ribs 1–7 reach the sternum, 8–10 join the cartilage above, 11–12 float.
Ribs hang from the thoracic vertebrae of :func:`reference.thoracic` and slope down anteriorly.
"""

from __future__ import annotations

import math

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import Op, add, solid
from .sdf import RoundBox, rot, tube_shape

_HALF_WIDTH_M = (0.058, 0.086, 0.104, 0.117, 0.127, 0.135, 0.141, 0.145, 0.144, 0.138, 0.126, 0.110)


def sternum_points() -> dict[str, np.ndarray]:
    """Jugular notch, sternal angle, xiphisternal joint and xiphoid tip (world, m)."""
    neck = ref.landmark("neck")
    jug = neck + np.array([0.066, -0.050, 0.0])
    angle = jug + np.array([0.008, -0.052, 0.0])
    xs = angle + np.array([0.024, -0.098, 0.0])
    tip = xs + np.array([0.004, -0.040, 0.0])
    return {"jugular": jug, "angle": angle, "xiphisternal": xs, "xiphoid": tip}


def _sternum_at(y: float) -> np.ndarray:
    s = sternum_points()
    pts = [s["jugular"], s["angle"], s["xiphisternal"], s["xiphoid"]]
    for a, b in zip(pts, pts[1:], strict=False):
        if b[1] <= y <= a[1]:
            t = (a[1] - y) / (a[1] - b[1])
            return a + t * (b - a)
    return pts[0] if y > pts[0][1] else pts[-1]


def ops() -> list[Op]:
    """SDF operations of the rib cage (right and left ribs, sternum), world coordinates."""
    verts = list(reversed(ref.thoracic()))  # T1 first
    out: list[Op] = []
    s = sternum_points()
    ends_y = [s["jugular"][1] - 0.010, s["angle"][1], s["angle"][1] - 0.020, s["angle"][1] - 0.040,
              s["angle"][1] - 0.060, s["angle"][1] - 0.078, s["xiphisternal"][1] + 0.004]
    for i, v in enumerate(verts):
        w = _HALF_WIDTH_M[i]
        spine_x = v.centre[0]
        head_y = v.centre[1] + 0.004
        if i < 7:
            end = _sternum_at(ends_y[i]) + np.array([-0.006, 0.0, 0.0])
            psi_end, bone_frac = math.pi * 0.94, 0.72 - 0.02 * i
        elif i < 10:
            end = _sternum_at(ends_y[6]) + np.array([-0.020 - 0.012 * (i - 6), -0.018 * (i - 6), 0.0])
            psi_end, bone_frac = math.pi * 0.86, 0.70
        else:
            end = None
            psi_end, bone_frac = math.pi * (0.62 - 0.10 * (i - 10)), 1.0
        drop = 0.075 + 0.006 * i if i < 10 else 0.05
        front_x = (end[0] if end is not None else spine_x + 0.17) + 0.004
        back_x = spine_x - 0.040 - 0.004 * min(i, 6)
        xc, dx = (front_x + back_x) / 2, (front_x - back_x) / 2
        psi0 = 0.22
        for side in (-1.0, 1.0):
            pts = [np.array([spine_x - 0.010, head_y, side * 0.020])]
            n = 9
            for k in range(n + 1):
                psi = psi0 + (psi_end - psi0) * k / n
                t = k / n
                x = xc - dx * math.cos(psi)
                z = side * w * math.sin(psi) ** (0.8 if i > 0 else 1.0)
                y = head_y - 0.004 - drop * (t ** 1.3)
                pts.append(np.array([x, y, z]))
            n_bone = max(2, int(round(bone_frac * (len(pts) - 1))))
            r = 0.0040 if i > 0 else 0.0046
            # a flat band: two tubes 3 mm apart (rib ≈ 14 × 8 mm), except at the neck of the rib
            for dy in (-0.0017, 0.0017):
                band = [q + np.array([0.0, dy * min(k, 2) / 2, 0.0]) for k, q in enumerate(pts[: n_bone + 1])]
                out.append(add(tube_shape(band, [r * 0.9] + [r] * n_bone), k=0.002))
            cart = pts[n_bone:]
            if end is not None:
                cart = cart[:-1] + [np.array([end[0], end[1], side * 0.012])]
            if len(cart) >= 2:
                out.append(add(tube_shape(cart, 0.0036), k=0.002))
    # sternum: manubrium, body, xiphoid (flat plates leaning back at the top)
    pieces = ((s["jugular"], s["angle"], 0.026, 0.006), (s["angle"], s["xiphisternal"], 0.016, 0.005),
              (s["xiphisternal"], s["xiphoid"], 0.008, 0.003))
    for a, b, half_w, half_t in pieces:
        mid = (a + b) / 2
        length = float(np.linalg.norm(b - a))
        lean = math.degrees(math.atan2(a[0] - b[0], a[1] - b[1]))
        box = RoundBox((0, 0, 0), (half_t, length / 2, half_w), min(half_t, 0.004))
        out.append(add(box.moved(rot("z", -lean), mid), k=0.004))
    return out


def rib_cage(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """Rib cage + sternum mesh in its frame (origin ``joint_centre``)."""
    return solid(ops(), voxel=0.0016, target_triangles=target_triangles, joint_centre=joint_centre,
                 smooth_iterations=15)
