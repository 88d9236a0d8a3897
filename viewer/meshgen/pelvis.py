"""Hip bone (right; the left is its mirror) with a parametric acetabulum, and the sacrum + coccyx.

Hip-bone frame: origin at the hip joint centre (HJC). Landmarks relative to the right HJC
(metres, from bones.md §2 with Harrington-type HJC offsets, standing, pubic plane ~vertical):
ASIS ≈ (+0.047, +0.081, +0.032), pubic symphysis at the midline ≈ 0.04 anterior and 0.02–0.06
below, ischial tuberosity ≈ (−0.035, −0.065, −0.027), iliac crest up to ≈ 0.145 above and
0.055 lateral of the HJC, PSIS ≈ (−0.108, +0.108, −0.022).

Acetabulum: a spherical cup around the HJC (inner radius = femoral head + 1.5 mm, 8 mm wall)
whose opening axis is ``opening_axis`` and whose coverage half-angle ``coverage_deg`` is chosen
so that the lateral edge of the socket, seen in the frontal plane through the HJC, sits at the
lateral centre–edge angle (LCE) from vertical.
"""

from __future__ import annotations

import math

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from viewer.model.params import spec

from . import reference as ref
from .build import Op, add, cut, solid
from .femur import HEAD_RADIUS_M
from .sdf import Cone, Ellipsoid, EllipticPrism, RoundBox, Shape, Sheet, Sphere, grid_triangles, rot, tube_shape

CUP_INNER_M = HEAD_RADIUS_M + 0.0015
CUP_OUTER_M = CUP_INNER_M + 0.008
CUP_AXIS_INCLINATION_DEG = 55.0  # opening axis from straight down, toward lateral [E]
DEFAULT_LCE_DEG = float(spec("acetabular_lce_deg").default)  # the committed mesh's socket
DEFAULT_VERSION_DEG = float(spec("acetabular_version_deg").default)


def opening_axis(acetabular_version_deg: float) -> np.ndarray:
    """Unit vector out of the right socket (lateral, down, and forward by the version)."""
    ia, v = math.radians(CUP_AXIS_INCLINATION_DEG), math.radians(acetabular_version_deg)
    return np.array([math.sin(ia) * math.sin(v), -math.cos(ia), math.sin(ia) * math.cos(v)])


def coverage_deg(acetabular_lce_deg: float, acetabular_version_deg: float) -> float:
    """Half-angle of the cup (from its pole) that puts the frontal lateral edge at the LCE (degrees,
    within the parameters' ranges: :func:`viewer.meshgen.parametric.hip_bone_points` checks them)."""
    pole = -opening_axis(acetabular_version_deg)
    lce = math.radians(acetabular_lce_deg)
    edge = np.array([0.0, math.cos(lce), math.sin(lce)])
    return math.degrees(math.acos(float(np.clip(edge @ pole, -1.0, 1.0))))


def _outside_cone(p: np.ndarray, r: np.ndarray, pole: np.ndarray, theta_rad: float) -> np.ndarray:
    """Signed distance (N,) of points ``p`` (N, 3) at radii ``r`` (N,) outside the cone of half-angle
    ``theta_rad`` about ``pole`` (negative inside it)."""
    phi = np.arccos(np.clip((p @ pole) / np.maximum(r, 1e-9), -1, 1))
    return r * np.sin(np.clip(phi - theta_rad, -math.pi / 2, math.pi / 2))


class _CupLip(Shape):
    """Spherical shell between ``r_in`` and ``r_out`` kept within ``theta`` of ``pole``."""

    def __init__(self, r_in: float, r_out: float, pole: np.ndarray, theta_deg: float) -> None:
        self.r_in, self.r_out, self.pole, self.theta = r_in, r_out, pole, math.radians(theta_deg)

    def sdf(self, p: np.ndarray) -> np.ndarray:
        r = np.linalg.norm(p, axis=1)
        return np.maximum(np.maximum(r - self.r_out, self.r_in - r), _outside_cone(p, r, self.pole, self.theta))

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        return np.full(3, -self.r_out), np.full(3, self.r_out)


class _Opening(Shape):
    """The socket's mouth: the ball of radius ``r`` outside the cone of half-angle ``theta``."""

    def __init__(self, r: float, pole: np.ndarray, theta_deg: float) -> None:
        self.r, self.pole, self.theta = r, pole, math.radians(theta_deg)

    def sdf(self, p: np.ndarray) -> np.ndarray:
        r = np.linalg.norm(p, axis=1)
        return np.maximum(r - self.r, -_outside_cone(p, r, self.pole, self.theta))

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        return np.full(3, -self.r), np.full(3, self.r)


def _mm(*p: float) -> tuple[float, float, float]:
    return (p[0] / 1000.0, p[1] / 1000.0, p[2] / 1000.0)


def _chaikin(points: list[tuple[float, float, float]], rounds: int = 2) -> np.ndarray:
    """Corner-cutting subdivision of a polyline (ends kept): a smooth curve through the hull."""
    p = np.asarray(points, dtype=float)
    for _ in range(rounds):
        q = [p[0]]
        for a, b in zip(p[:-1], p[1:], strict=True):
            q += [0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b]
        q.append(p[-1])
        p = np.array(q)
    return p


_CREST_MM = [(48, 80, 30), (30, 112, 47), (5, 134, 55), (-28, 146, 52), (-62, 144, 34), (-90, 128, 8),
             (-108, 106, -20)]
_BASE_MM = [(38, 42, 27), (18, 30, 22), (-2, 32, 18), (-24, 34, 10), (-46, 44, -2), (-72, 62, -16), (-104, 84, -30)]


def _ilium_sheet() -> Sheet:
    """The iliac wing: a smooth curved plate between the crest and the body, thin in the fossa."""
    crest = _chaikin(_CREST_MM) / 1000.0
    base = _chaikin(_BASE_MM) / 1000.0
    n = len(crest)
    rows, half = [], []
    fracs = (0.0, 0.25, 0.5, 0.75, 1.0)
    for f in fracs:
        row = crest * (1 - f) + base * f
        dent = math.sin(math.pi * f) * np.sin(np.linspace(0.0, math.pi, n)) * 0.004
        row = row + np.outer(dent, [0.0, 0.0, -1.0])  # a shallow iliac fossa
        rows.append(row)
        half.append(np.full(n, 0.0042 * (1 - f) ** 2 + 0.0018 + 0.0045 * f ** 2))
    h = np.concatenate(half)
    h[0] = h[n - 1] = 0.0055
    return Sheet(np.vstack(rows), grid_triangles(len(fracs), n), h)


def hip_bone_ops(acetabular_lce_deg: float = DEFAULT_LCE_DEG,
                 acetabular_version_deg: float = DEFAULT_VERSION_DEG) -> list[Op]:
    """SDF operations of the right hip bone in its frame (origin at the HJC)."""
    axis = opening_axis(acetabular_version_deg)
    pole = -axis
    theta = coverage_deg(acetabular_lce_deg, acetabular_version_deg)
    ops: list[Op] = [add(_CupLip(CUP_INNER_M, CUP_OUTER_M, pole, theta))]
    # the bone behind the cup, and the iliac body rising to the wing
    ops.append(add(Sphere(tuple(pole * 0.014), 0.024), k=0.008))
    ops.append(add(Cone(tuple(pole * 0.012 + np.array([0.0, 0.010, 0.0])), _mm(-14, 44, 14), 0.021, 0.014), k=0.010))
    ops.append(add(_ilium_sheet(), k=0.010))
    # crest lip (thicker rim along the top) and the anterior border ASIS → AIIS
    crest = _chaikin(_CREST_MM) / 1000.0
    radii = np.interp(np.linspace(0, 1, len(crest)), np.linspace(0, 1, 7),
                      [0.0055, 0.005, 0.0058, 0.0055, 0.005, 0.0055, 0.0065])
    ops.append(add(tube_shape(crest, radii), k=0.004))
    ops.append(add(tube_shape([_mm(48, 80, 30), _mm(40, 58, 28), _mm(36, 40, 26), _mm(26, 24, 22)],
                              [0.005, 0.0045, 0.0065, 0.008]), k=0.006))
    # posterior border: sacroiliac region → greater sciatic notch → ischial spine
    ops.append(add(Ellipsoid(_mm(-96, 90, -28), (0.018, 0.026, 0.009)), k=0.008))
    ops.append(add(tube_shape([_mm(-104, 84, -30), _mm(-74, 58, -18), _mm(-52, 30, -10), _mm(-40, 6, -12),
                               _mm(-44, -14, -24)], [0.007, 0.006, 0.008, 0.010, 0.004]), k=0.006))
    # ischium body → tuberosity; ischial ramus → inferior pubic ramus → pubic body → superior ramus
    ops.append(add(Cone(_mm(-20, -20, -6), _mm(-34, -56, -24), 0.014, 0.011), k=0.008))
    ops.append(add(Ellipsoid(_mm(-36, -62, -27), (0.013, 0.019, 0.011)), k=0.008))
    ops.append(add(tube_shape([_mm(-34, -72, -30), _mm(-8, -76, -46), _mm(18, -66, -62), _mm(34, -52, -72)],
                              [0.008, 0.0065, 0.0065, 0.008]), k=0.005))
    ops.append(add(RoundBox((0, 0, 0), (0.010, 0.022, 0.0085), 0.005).moved(rot("z", -12.0), _mm(42, -34, -75)),
                   k=0.006))
    ops.append(add(tube_shape([_mm(22, -4, -14), _mm(34, -8, -40), _mm(44, -16, -66)], [0.011, 0.009, 0.0095]),
                   k=0.006))
    # carve the socket and its mouth, and the acetabular notch (inferior)
    ops.append(cut(Sphere((0, 0, 0), CUP_INNER_M)))
    ops.append(cut(_Opening(CUP_OUTER_M + 0.005, pole, theta)))
    notch_dir = np.array([0.25, -1.0, -0.35])
    notch_dir /= np.linalg.norm(notch_dir)
    ops.append(cut(Cone(tuple(notch_dir * 0.012), tuple(notch_dir * 0.045), 0.009, 0.010), k=0.002))
    return ops


def hip_bone_r(target_triangles: int) -> vtkPolyData:
    """Right hip bone mesh (the parameters' default socket) in its frame (origin at the right HJC)."""
    return solid(hip_bone_ops(), voxel=0.0012, target_triangles=target_triangles, joint_centre=(0.0, 0.0, 0.0))


def sacrum(joint_centre: np.ndarray, target_triangles: int) -> vtkPolyData:
    """Sacrum (S1–S5, alae, foramina) and coccyx in world coordinates minus ``joint_centre``."""
    lean = ref.sacral_lean_deg()
    l5 = ref.lumbar()[-1]
    top = l5.disc_below - ref._up(lean) * 0.0065  # S1 endplate centre, under the L5–S1 disc
    r = rot("z", -lean)  # sacrum frame: x forward along the S1 endplate, y along its normal

    def w(x: float, y: float, z: float) -> tuple[float, float, float]:
        return tuple(top + r @ np.array([x, y, z]))

    ops: list[Op] = []
    # S1 body under the endplate
    ops.append(add(EllipticPrism((0, 0, 0), 0.0175, 0.025, 0.012, 0.003).moved(r, top - r @ np.array([0, 0.012, 0]))))
    # the plate: rows across the sacrum from S1 (top) to the apex, curving forward at the bottom
    rows = [(-0.000, -0.005, 0.054, 0.015), (-0.012, -0.040, 0.046, 0.012), (-0.016, -0.068, 0.032, 0.009),
            (-0.012, -0.092, 0.020, 0.006), (-0.002, -0.110, 0.010, 0.0045)]
    verts, half = [], []
    for x, y, hw, t in rows:
        for zf in (-1.0, -0.5, 0.0, 0.5, 1.0):
            verts.append(w(x - 0.012 - 0.006 * abs(zf), y, zf * hw))
            half.append(t * (1.0 - 0.35 * abs(zf)))
    ops.append(add(Sheet(verts, grid_triangles(len(rows), 5), half), k=0.008))
    # alae reaching the sacroiliac joints, and the median crest behind
    for s in (-1.0, 1.0):
        ops.append(add(Cone(w(-0.010, -0.006, s * 0.018), w(-0.026, -0.016, s * 0.052), 0.012, 0.010), k=0.008))
    ops.append(add(tube_shape([w(-0.034, -0.020, 0), w(-0.036, -0.050, 0), w(-0.030, -0.080, 0)],
                              [0.004, 0.004, 0.003]), k=0.004))
    # coccyx: three small pieces curving forward
    ops.append(add(tube_shape([w(-0.012, -0.104, 0), w(-0.004, -0.122, 0), w(0.004, -0.134, 0),
                               w(0.013, -0.142, 0)], [0.0065, 0.005, 0.004, 0.003]), k=0.004))
    # sacral foramina: four pairs of holes through the plate
    for i, y in enumerate((-0.030, -0.052, -0.073, -0.091)):
        z = 0.017 - 0.002 * i
        for s in (-1.0, 1.0):
            ops.append(cut(Cone(w(0.010, y, s * z), w(-0.045, y, s * z), 0.0038 - 0.0004 * i, 0.0032 - 0.0004 * i)))
    return solid(ops, voxel=0.0011, target_triangles=target_triangles, joint_centre=joint_centre)
