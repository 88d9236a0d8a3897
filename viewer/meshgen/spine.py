"""Vertebrae: L1–L5 (one mesh each), the thoracic and cervical columns (one mesh each).

Sizes from bones.md §3 (lumbar bodies, transverse-process spans, spinous processes ≈ 30–35 mm,
body front → spinous tip ≈ 85–95 mm, canal width ≈ 28 mm). Each vertebra is authored in its
own frame (x anterior, y along the body axis, z lateral) and leaned into the reference
standing curve from :mod:`.reference`.
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from . import reference as ref
from .build import Op, add, solid
from .sdf import Cone, EllipticPrism, RoundBox, Shape, Sphere, Union, rot


def _vertebra_parts(width: float, depth: float, height: float, tp_span: float, sp_len: float,
                    sp_height: float, canal_w: float, canal_d: float, detail: str = "lumbar") -> list[Shape]:
    """Parts of a vertebra in its own frame, body centre at the origin (metres)."""
    hw, hd, hh = width / 2, depth / 2, height / 2
    body = EllipticPrism((0, 0, 0), hd, hw, hh, rounding=min(0.0025, hh * 0.3), waist=0.08,
                         back_notch=0.0035 if detail == "lumbar" else 0.0)
    x_back = -hd + 0.002
    ped_end_x = x_back - canal_d * 0.55
    ped_z = canal_w / 2 + 0.003
    ped_r = max(0.0035, height * 0.2)
    lam_x = x_back - canal_d
    y_ped = hh * 0.35
    parts: list[Shape] = [body]
    for s in (-1.0, 1.0):
        ped_a = (x_back + 0.004, y_ped, s * (hw - 0.006))
        ped_b = (ped_end_x, y_ped, s * ped_z)
        lam_b = (lam_x, y_ped - hh * 0.2, 0.0)
        parts.append(Cone(ped_a, ped_b, ped_r, ped_r * 0.95))
        parts.append(Cone(ped_b, lam_b, ped_r * 0.85, ped_r * 0.9))
        # transverse process: lateral, slightly back and up
        tp_tip = (ped_end_x - 0.006, y_ped + 0.002, s * tp_span / 2)
        parts.append(Cone(ped_b, tp_tip, ped_r * 0.8, ped_r * 0.55))
        # articular processes: superior (up and back), inferior (down, nearer the midline)
        sup = (ped_end_x - 0.006, hh + 0.006, s * (ped_z + 0.001))
        inf = (lam_x + 0.002, -hh - 0.007, s * (ped_z - 0.005))
        parts.append(Cone(ped_b, sup, ped_r * 0.85, ped_r * 0.75))
        parts.append(Cone(lam_b if detail == "lumbar" else ped_b, inf, ped_r * 0.8, ped_r * 0.7))
    # spinous process: a flat blade going back (and down for the thoracic)
    tilt = -10.0 if detail == "lumbar" else -40.0
    blade = RoundBox((-sp_len / 2, 0, 0), (sp_len / 2, sp_height / 2, 0.0035), 0.003)
    parts.append(blade.moved(rot("z", tilt), (lam_x + 0.003, y_ped - hh * 0.2, 0)))
    return parts


def lumbar_ops(level: int) -> list[Op]:
    """Operations for L``level`` (1–5) in world coordinates of the reference pose."""
    vert = ref.lumbar()[level - 1]
    w, d, h = (x * vert.scale for x in ref.LUMBAR_BODY_M[level - 1])
    parts = _vertebra_parts(w, d, h, ref.LUMBAR_TP_SPAN_M[level - 1] * vert.scale, 0.036, 0.020 - 0.001 * level,
                            0.024 + 0.001 * level, 0.017)
    shape = Union(parts, k=0.0035).moved(rot("z", -vert.lean_deg), vert.centre)
    return [add(shape)]


def lumbar_vertebra(level: int, joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """Mesh of L``level`` (1–5) in its frame (origin ``joint_centre``)."""
    if level not in (1, 2, 3, 4, 5):
        raise ValueError(f"lumbar level must be 1–5, got {level!r}")
    return solid(lumbar_ops(level), voxel=0.0008, target_triangles=target_triangles, joint_centre=joint_centre)


def thoracic_spine(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """T1–T12 as one mesh (bodies, pedicles, transverse and spinous processes)."""
    ops: list[Op] = []
    for i, vert in enumerate(ref.thoracic()):  # T12 first
        f = 1.0 - i / 11.0  # 1 at T12, 0 at T1
        w = 0.027 + 0.013 * f
        d = 0.017 + 0.013 * f
        h = (0.015 + 0.008 * f) * vert.scale
        parts = _vertebra_parts(w, d, h, 0.065 + 0.010 * (1 - f), 0.030, 0.010, 0.018, 0.014, detail="thoracic")
        ops.append(add(Union(parts, k=0.003).moved(rot("z", -vert.lean_deg), vert.centre)))
    return solid(ops, voxel=0.0012, target_triangles=target_triangles, joint_centre=joint_centre)


def cervical_spine(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """C1–C7 as one mesh; C2 has a dens, C1 is a ring."""
    ops: list[Op] = []
    verts = ref.cervical()  # C7 first
    for i, vert in enumerate(verts):
        name = vert.name
        move = (rot("z", -vert.lean_deg), vert.centre)
        if name == "c1":
            ring = [Cone((0.010, 0, 0), (0.004, 0, 0.018), 0.004, 0.005),
                    Cone((0.010, 0, 0), (0.004, 0, -0.018), 0.004, 0.005),
                    Cone((0.004, 0, 0.018), (-0.022, 0, 0.012), 0.005, 0.0035),
                    Cone((0.004, 0, -0.018), (-0.022, 0, -0.012), 0.005, 0.0035),
                    Cone((-0.022, 0, 0.012), (-0.030, 0, 0.0), 0.0035, 0.004),
                    Cone((-0.022, 0, -0.012), (-0.030, 0, 0.0), 0.0035, 0.004),
                    Cone((0.0, 0, 0.020), (-0.002, 0, 0.038), 0.004, 0.003),
                    Cone((0.0, 0, -0.020), (-0.002, 0, -0.038), 0.004, 0.003)]
            ops.append(add(Union(ring, k=0.003).moved(*move)))
            continue
        w, d, h = 0.016 + 0.004 * (6 - i) / 6, 0.016, 0.012 * vert.scale
        parts = _vertebra_parts(w, d, h, 0.050 + 0.012 * (6 - i) / 6, 0.014 + 0.016 * (6 - i) / 6, 0.007, 0.022,
                                0.014, detail="thoracic")
        if name == "c2":
            parts.append(Cone((0.001, 0, 0), (0.001, 0.020, 0), 0.005, 0.004))
        ops.append(add(Union(parts, k=0.0025).moved(*move)))
    ops.append(add(Sphere(tuple(verts[-1].centre), 0.001)))
    return solid(ops, voxel=0.0009, target_triangles=target_triangles, joint_centre=joint_centre)
