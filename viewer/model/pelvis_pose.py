"""Where the drawn pelvis, legs and lower spine go when left and right differ (pure stdlib, float triples).

The pose's joints (``Pose.joints``) put each hip where its own leg chain ends, moved sideways by the
pelvic shift (docs/model.md Part A §13). The pelvis is one rigid bone, though: it turns in the transverse
plane by ``pelvic_rotation_deg`` (+ right hip forward) and drops on one side by ``pelvic_obliquity_deg``
(+ right hip higher) about the mid-hip point, and the legs take up the rest ("each thigh a little off the
common thigh angle"). So the drawing:

* places the two hip centres on the pelvis: mid-hip ± half the hip width along the pelvis's left–right
  axis, whose slopes are those of the model's angles (tan rotation = Δx / Δz, tan obliquity = Δy / Δz);
* puts each knee where its thigh and shank, at the lengths the pose gives them, join between that hip and
  the ankle (two-link, bending the way the pose's knee does), so the bones keep their lengths;
* carries the lumbosacral joint with the pelvis and turns the five lumbar vertebrae from the pelvis's
  rotation and obliquity (L5) back to the thorax's (square to the feet, as the pose's trunk joints are),
  the lower spine side-bending and twisting over the pelvis.

A pose without shift, rotation and obliquity (every symmetric lifter) is drawn from its joints as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from . import vec3 as v3
from .pose import Pose
from .vec3 import Axes, Vec3

#: The trunk's frame when the pelvis turns: the pose's trunk joints lie in planes square to the feet.
WORLD_AXES: Axes = (v3.X_AXIS, v3.UP, v3.Z_AXIS)
#: Share of the pelvis's rotation and obliquity each lumbar segment keeps, L5 … L1 (the thorax keeps none).
LUMBAR_SHARES: tuple[float, ...] = (5 / 6, 4 / 6, 3 / 6, 2 / 6, 1 / 6)


def is_level(pose: Pose) -> bool:
    """Whether the pelvis neither shifts, turns nor drops on one side (then the joints are drawn as they are)."""
    return pose.pelvic_shift_cm == 0.0 and pose.pelvic_rotation_deg == 0.0 and pose.pelvic_obliquity_deg == 0.0


def pelvis_axes(rotation_deg: float, obliquity_deg: float) -> Axes:
    """The pelvis's axes (x forward, y up, z left → right) turned by ``rotation_deg`` (+ right hip forward)
    and dropped by ``obliquity_deg`` (+ right hip higher): z along (tan rotation, tan obliquity, 1)."""
    z = v3.unit((math.tan(math.radians(rotation_deg)), math.tan(math.radians(obliquity_deg)), 1.0))
    y = v3.unit(v3.reject(v3.UP, z))
    return (v3.cross(y, z), y, z)


def lumbar_axes(pose: Pose) -> tuple[Axes, ...]:
    """The axes L5 … L1 turn from (before their sagittal flexion): :data:`LUMBAR_SHARES` of the pelvis's
    rotation and obliquity."""
    rot, obl = float(pose.pelvic_rotation_deg), float(pose.pelvic_obliquity_deg)
    return tuple(pelvis_axes(k * rot, k * obl) for k in LUMBAR_SHARES)


def _apply(axes: Axes, v: Vec3) -> Vec3:
    """``v`` given in ``axes``' coordinates, in the world."""
    x, y, z = axes
    return (x[0] * v[0] + y[0] * v[1] + z[0] * v[2], x[1] * v[0] + y[1] * v[1] + z[1] * v[2],
            x[2] * v[0] + y[2] * v[1] + z[2] * v[2])


def _knee(hip: Vec3, ankle: Vec3, thigh_m: float, shank_m: float, pole: Vec3) -> Vec3:
    """The knee joining a thigh of ``thigh_m`` from ``hip`` and a shank of ``shank_m`` from ``ankle``, on the
    side of the hip–ankle line where ``pole`` (the pose's knee) is."""
    d = v3.sub(hip, ankle)
    dist = v3.norm(d)
    u = v3.unit(d, fallback=v3.UP)
    reach = min(max(dist, abs(thigh_m - shank_m) + 1e-6), thigh_m + shank_m)
    along = (shank_m**2 - thigh_m**2 + reach**2) / (2.0 * reach)
    height = math.sqrt(max(shank_m**2 - along**2, 0.0))
    bend = v3.unit(v3.reject(v3.sub(pole, ankle), u), fallback=v3.X_AXIS)
    return v3.add_scaled(v3.add_scaled(ankle, u, along), bend, height)


def placed_joints(pose: Pose, j: Mapping[str, Vec3]) -> dict[str, Vec3]:
    """``j`` (the pose's joints as float triples, hips, knees, ankles, mid-hip and lumbosacral among them)
    with the hips on the turned pelvis, the knees joining them to the ankles and the lumbosacral joint
    carried by the pelvis; ``j`` itself when the pelvis is level (:func:`is_level`)."""
    if is_level(pose):
        return dict(j)
    out = dict(j)
    shift = 0.01 * float(pose.pelvic_shift_cm)
    pelvis = pelvis_axes(float(pose.pelvic_rotation_deg), float(pose.pelvic_obliquity_deg))
    mid = j["mid_hip"]
    half = 0.5 * (j["hip_r"][2] - j["hip_l"][2])
    for s, sign in (("l", -1.0), ("r", 1.0)):
        hip, knee, ankle = j[f"hip_{s}"], j[f"knee_{s}"], j[f"ankle_{s}"]
        chain_hip = (hip[0], hip[1], hip[2] - shift)  # where the leg chain put it, before the shift
        placed = v3.add_scaled(mid, pelvis[2], sign * half)
        out[f"hip_{s}"] = placed
        out[f"knee_{s}"] = _knee(placed, ankle, v3.norm(v3.sub(chain_hip, knee)), v3.norm(v3.sub(knee, ankle)), knee)
    out["lumbosacral"] = v3.add(mid, _apply(pelvis, v3.sub(j["lumbosacral"], mid)))
    return out


def placed_rim_contact(pose: Pose, hips: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The pose's rim contact points (world, m) carried with their hips to the drawn pelvis: each
    contact's offset from the pose's hip centre turned with the pelvis and put at ``hips[side]`` (the
    drawn hip centres, e.g. the thigh segments' origins)."""
    if is_level(pose):
        return {s: np.asarray(p, dtype=float) for s, p in pose.rim_contact.items()}
    pelvis = pelvis_axes(float(pose.pelvic_rotation_deg), float(pose.pelvic_obliquity_deg))
    turn = np.array(pelvis).T  # columns: the pelvis's axes
    out = {}
    for s, p in pose.rim_contact.items():
        hip = np.asarray(pose.joints[f"hip_{s}"], dtype=float)
        out[s] = np.asarray(hips[s], dtype=float) + turn @ (np.asarray(p, dtype=float) - hip)
    return out


__all__ = ["WORLD_AXES", "LUMBAR_SHARES", "is_level", "pelvis_axes", "lumbar_axes", "placed_joints",
           "placed_rim_contact"]
