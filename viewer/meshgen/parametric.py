"""Run-time reshaping of the parametric bones: femur (neck–shaft angle, anteversion, alpha angle)
and hip bone (acetabular LCE and version). Called by the scene when a slider is released.

Both deform the committed default mesh (generated with the ``Anatomy`` defaults, see
``catalog.PARAMETRIC_DEFAULTS``) instead of re-meshing, so they take a few milliseconds:

* Femur: the head and neck rotate about the neck base (where the neck axis meets the shaft
  axis) from the default neck direction to the one of :func:`femur.design`; a smooth weight
  (along and around the neck axis) keeps the trochanters and shaft in place. The proximal femur
  is then shifted back so the head centre stays at the origin, tapering to zero at the knee
  (the shaft leans a little more or less, the knee centre stays put). An alpha angle above the
  default raises an anterosuperior bump (cam) at the head–neck junction.
* Hip bone: around the hip joint centre, directions are re-mapped in angle from the cup pole so
  the rim moves from the default coverage half-angle to the one for the new LCE/version, then
  the socket region turns about the vertical axis by the change in version. The weight fades
  out 4–22 mm outside the cup, so the ilium, pubis and ischium keep their shape.

Frames are those of the committed meshes: femur origin at the head centre, hip bone origin at
the hip joint centre; left = mirror image (z → −z) of right.
"""

from __future__ import annotations

import math

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPolyData

from viewer.model.params import spec

from . import femur as femur_mod
from . import pelvis as pelvis_mod
from .mesh import points_of, triangles_of, with_normals

DEFAULT_FEMUR = (*femur_mod.DEFAULT, float(spec("alpha_angle_deg").default))
DEFAULT_HIP = (pelvis_mod.DEFAULT_LCE_DEG, pelvis_mod.DEFAULT_VERSION_DEG)


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _rotate(p: np.ndarray, axis: np.ndarray, angle_rad: np.ndarray) -> np.ndarray:
    """Rotate points ``p`` (N, 3) about unit ``axis`` (3,) or (N, 3) by per-point angles (N,)."""
    k = np.broadcast_to(axis, p.shape)
    c, s = np.cos(angle_rad)[:, None], np.sin(angle_rad)[:, None]
    kdotp = np.einsum("ij,ij->i", k, p)[:, None]
    return p * c + np.cross(k, p) * s + k * kdotp * (1.0 - c)


def _check_side(side: str) -> None:
    if side not in ("l", "r"):
        raise ValueError(f"side must be 'l' or 'r', got {side!r}")


def femur_points(points_r: np.ndarray, neck_shaft_angle_deg: float, femoral_anteversion_deg: float,
                 alpha_angle_deg: float) -> np.ndarray:
    """Deform default right-femur points (N, 3) m to the given angles (degrees); returns (N, 3)."""
    for name, v in (("neck_shaft_angle_deg", neck_shaft_angle_deg),
                    ("femoral_anteversion_deg", femoral_anteversion_deg), ("alpha_angle_deg", alpha_angle_deg)):
        spec(name).validate(v)
    p = np.array(points_r, dtype=float)
    d0 = femur_mod.design(DEFAULT_FEMUR[0], DEFAULT_FEMUR[1])
    d1 = femur_mod.design(neck_shaft_angle_deg, femoral_anteversion_deg)
    b0, n0, n1 = d0.neck_base, d0.neck_dir, d1.neck_dir
    rel = p - b0
    s = rel @ n0 / femur_mod.NECK_LENGTH_M
    rho = np.linalg.norm(rel - np.outer(rel @ n0, n0), axis=1)
    w = _smoothstep(0.05, 0.5, s) * (1.0 - _smoothstep(0.026, 0.036, rho) * (s < 0.85))
    axis = np.cross(n0, n1)
    sin_t = float(np.linalg.norm(axis))
    theta = math.atan2(sin_t, float(n0 @ n1))
    if sin_t > 1e-12:
        axis = axis / sin_t
        p = b0 + _rotate(rel, axis, w * theta)
        head = b0 + _rotate(-b0[None, :], axis, np.array([theta]))[0]
        knee_y = d0.knee[1]
        g = _smoothstep(knee_y + 0.06, b0[1] - 0.02, p[:, 1])
        p = p - g[:, None] * head[None, :]
    extra = alpha_angle_deg - DEFAULT_FEMUR[2]
    if extra > 0:
        p = _cam(p, n1, d1.shaft_dir, extra)
    return p


def _cam(p: np.ndarray, neck_dir: np.ndarray, shaft_dir: np.ndarray, extra_deg: float) -> np.ndarray:
    """Raise an anterosuperior bump at the head–neck junction for an alpha angle ``extra_deg`` above default."""
    r_h = femur_mod.HEAD_RADIUS_M
    down = -neck_dir  # from the head centre along the neck
    ant = np.cross(neck_dir, shaft_dir)
    ant = ant if ant[0] > 0 else -ant
    ant /= np.linalg.norm(ant)
    sup = np.cross(ant, down)
    sup = sup if sup[1] > 0 else -sup
    target = ant * 0.8 + sup * 0.6
    r = np.linalg.norm(p, axis=1)
    gamma = np.degrees(np.arccos(np.clip((p @ down) / np.maximum(r, 1e-9), -1.0, 1.0)))
    alpha = DEFAULT_FEMUR[2] + extra_deg
    lo = 18.0
    hump = np.clip((gamma - lo) / (alpha - lo), 0.0, 1.0)
    hump = np.sin(np.pi * hump) * (gamma < alpha)
    radial = p - np.outer(p @ down, down)
    rn = np.linalg.norm(radial, axis=1)
    cosang = (radial @ target) / np.maximum(rn, 1e-9)
    sector = np.clip((cosang + 0.1) / 1.1, 0.0, 1.0) ** 1.5
    height = 0.005 * min(extra_deg / 30.0, 1.5)
    grow = height * hump * sector * (r < r_h * 1.9)
    return p + (p / np.maximum(r, 1e-9)[:, None]) * grow[:, None]


def hip_bone_points(points_r: np.ndarray, acetabular_lce_deg: float, acetabular_version_deg: float) -> np.ndarray:
    """Deform default right hip-bone points (N, 3) m to the given LCE and version (degrees)."""
    spec("acetabular_lce_deg").validate(acetabular_lce_deg)
    spec("acetabular_version_deg").validate(acetabular_version_deg)
    p = np.array(points_r, dtype=float)
    lce0, v0 = DEFAULT_HIP
    pole0 = -pelvis_mod.opening_axis(v0)
    th0 = math.radians(pelvis_mod.coverage_deg(lce0, v0))
    th1 = math.radians(pelvis_mod.coverage_deg(acetabular_lce_deg, acetabular_version_deg))
    r = np.linalg.norm(p, axis=1)
    w = 1.0 - _smoothstep(pelvis_mod.CUP_OUTER_M + 0.004, pelvis_mod.CUP_OUTER_M + 0.022, r)
    phi = np.arccos(np.clip((p @ pole0) / np.maximum(r, 1e-9), -1.0, 1.0))
    lo, hi = math.radians(35.0), math.radians(170.0)
    new_phi = np.where(phi <= th0, lo + (phi - lo) * (th1 - lo) / (th0 - lo),
                       th1 + (phi - th0) * (hi - th1) / (hi - th0))
    new_phi = np.where((phi < lo) | (phi > hi), phi, new_phi)
    axis = np.cross(np.broadcast_to(pole0, p.shape), p)
    an = np.linalg.norm(axis, axis=1)
    ok = an > 1e-12
    axis[ok] /= an[ok][:, None]
    axis[~ok] = (1.0, 0.0, 0.0)
    p = _rotate(p, axis, np.where(ok, (new_phi - phi) * w, 0.0))
    dv = math.radians(acetabular_version_deg - v0)
    if dv != 0.0:
        p = _rotate(p, np.array([0.0, 1.0, 0.0]), dv * w)
    return p


def _base(bone_id: str) -> tuple[np.ndarray, np.ndarray]:
    from viewer.assets import load_rig

    poly = load_rig().mesh(bone_id)
    pts, tri = points_of(poly), triangles_of(poly)
    pts.setflags(write=False)
    tri.setflags(write=False)
    return pts, tri


def _finish(points_r: np.ndarray, tri: np.ndarray, side: str) -> vtkPolyData:
    if side == "l":
        pts = points_r * np.array([1.0, 1.0, -1.0])
        return with_normals(pts, tri[:, ::-1])
    return with_normals(points_r, tri)


def femur_mesh(neck_shaft_angle_deg: float, femoral_anteversion_deg: float, alpha_angle_deg: float, side: str,
               base: vtkPolyData | None = None) -> vtkPolyData:
    """Femur mesh for the given angles (degrees) and ``side`` ("l"/"r"), in the femur frame.

    ``base``: the default right femur (default: the committed ``femur_r`` mesh). Raises
    ``ValueError`` for an unknown side or angles outside the parameter ranges.
    """
    _check_side(side)
    pts, tri = _base("femur_r") if base is None else (points_of(base), triangles_of(base))
    return _finish(femur_points(pts, neck_shaft_angle_deg, femoral_anteversion_deg, alpha_angle_deg), tri, side)


def hip_bone_mesh(acetabular_lce_deg: float, acetabular_version_deg: float, side: str,
                  base: vtkPolyData | None = None) -> vtkPolyData:
    """Hip-bone mesh for the given LCE and acetabular version (degrees) and ``side``, in its frame.

    ``base``: the default right hip bone (default: the committed ``pelvis_r`` mesh).
    """
    _check_side(side)
    pts, tri = _base("pelvis_r") if base is None else (points_of(base), triangles_of(base))
    return _finish(hip_bone_points(pts, acetabular_lce_deg, acetabular_version_deg), tri, side)
