"""Camera presets and smooth transitions between them (pure numpy; VTK cameras are duck-typed).

Presets frame the lifter from the anatomy's height, not the current pose, so the picture does not
jump while scrubbing depth; only the hip close-up follows the right hip joint. The side view looks
from the lifter's right (+z) so the lifter faces screen-right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.pose import Pose

#: Preset names, in menu order (also the cameras ``AppState`` may name and ``--camera`` accepts).
PRESETS: tuple[str, ...] = ("side", "front", "three_quarter", "back", "hip", "top")
TRANSITION_MS = 300
VIEW_ANGLE_DEG = 20.0


@dataclass(frozen=True, slots=True)
class CameraPose:
    """A camera: position, focal point (m, world), view-up (unit) and vertical view angle (deg)."""

    position: tuple[float, float, float]
    focal_point: tuple[float, float, float]
    view_up: tuple[float, float, float]
    view_angle_deg: float = VIEW_ANGLE_DEG


def _t(v: np.ndarray) -> tuple[float, float, float]:
    return (float(v[0]), float(v[1]), float(v[2]))


def preset(name: str, anatomy: Anatomy, pose: Pose | None = None, aspect: float = 1.6) -> CameraPose:
    """The camera for preset ``name`` (see :data:`PRESETS`), framing a lifter of ``anatomy``.

    ``pose`` is needed only by ``hip`` (it centres on the right hip joint). ``aspect`` = width / height.
    Raises ``ValueError`` for an unknown name.
    """
    if name not in PRESETS:
        raise ValueError(f"unknown camera preset {name!r}; known: {', '.join(PRESETS)}")
    h = anatomy.height_m
    half_angle = math.radians(VIEW_ANGLE_DEG / 2.0)
    # fit the standing body (+ margins) vertically, and ±0.55 H horizontally
    need = max(0.54 * h, 0.5 * h / aspect)
    dist = need / math.tan(half_angle)
    focal = np.array([0.08, 0.48 * h, 0.0])
    up = np.array([0.0, 1.0, 0.0])
    if name == "hip":
        hip = np.asarray(pose.joints["hip_r"], float) if pose is not None else np.array([0.0, 0.53 * h, 0.09 * h])
        # from above, in front and to the right: looking down into the hip crease, where the
        # femoral neck meets the front of the socket rim in a deep squat
        direction = np.array([0.55, 0.75, 0.55])
        direction /= np.linalg.norm(direction)
        focal = hip + np.array([0.03, 0.0, -0.02]) * h / 1.75
        return CameraPose(_t(focal + direction * 0.10 * h / math.tan(half_angle)), _t(focal), _t(up))
    directions = {"side": (0.0, 0.0, 1.0), "front": (1.0, 0.0, 0.0), "back": (-1.0, 0.0, 0.0),
                  "three_quarter": (0.75, 0.25, 0.65), "top": (0.15, 1.0, 0.02)}
    d = np.array(directions[name], float)
    d /= np.linalg.norm(d)
    if name == "top":
        up = np.array([1.0, 0.0, 0.0])
        focal = np.array([0.05, 0.3 * h, 0.0])
    return CameraPose(_t(focal + d * dist), _t(focal), _t(up))


def ease(t: float) -> float:
    """Smoothstep easing of a transition fraction (0 → 0, 1 → 1, zero slope at both ends)."""
    t = min(max(float(t), 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def _slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    dot = float(np.clip(np.dot(a, b), -1.0, 1.0))
    if dot > 0.9999:
        v = a + t * (b - a)
        return v / np.linalg.norm(v)
    if dot < -0.9999:  # opposite: swing round through a perpendicular (prefer over the top)
        perp = np.cross(a, np.array([0.0, 1.0, 0.0]))
        if np.linalg.norm(perp) < 1e-6:
            perp = np.cross(a, np.array([1.0, 0.0, 0.0]))
        perp /= np.linalg.norm(perp)
        ang = math.pi * t
        return math.cos(ang) * a + math.sin(ang) * perp
    omega = math.acos(dot)
    return (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / math.sin(omega)


def interpolate(a: CameraPose, b: CameraPose, t: float) -> CameraPose:
    """Camera part-way from ``a`` to ``b`` (``t`` 0–1, eased): orbits round the focal point.

    The focal point moves linearly, the viewing direction turns on a great circle, the distance
    changes geometrically and the view-up turns with it, so the lifter never leaves the picture.
    """
    s = ease(t)
    fa, fb = np.array(a.focal_point), np.array(b.focal_point)
    oa, ob = np.array(a.position) - fa, np.array(b.position) - fb
    da, db = float(np.linalg.norm(oa)), float(np.linalg.norm(ob))
    focal = fa + s * (fb - fa)
    direction = _slerp(oa, ob, s)
    dist = da * (db / da) ** s
    up = _slerp(np.array(a.view_up), np.array(b.view_up), s)
    up = up - np.dot(up, direction) * direction
    if np.linalg.norm(up) < 1e-9:
        up = np.array(b.view_up)
    up /= np.linalg.norm(up)
    return CameraPose(_t(focal + direction * dist), _t(focal), _t(up),
                      a.view_angle_deg + s * (b.view_angle_deg - a.view_angle_deg))


def apply_camera(camera: Any, pose: CameraPose) -> None:
    """Set a ``vtkCamera`` (or anything with the same setters) to ``pose``."""
    camera.SetFocalPoint(*pose.focal_point)
    camera.SetPosition(*pose.position)
    camera.SetViewUp(*pose.view_up)
    camera.SetViewAngle(pose.view_angle_deg)
    camera.OrthogonalizeViewUp()


def read_camera(camera: Any) -> CameraPose:
    """The current pose of a ``vtkCamera``."""
    return CameraPose(tuple(camera.GetPosition()), tuple(camera.GetFocalPoint()), tuple(camera.GetViewUp()),
                      float(camera.GetViewAngle()))
