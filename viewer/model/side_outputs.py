"""Per-side outputs of a pose: each hip's flexion, stop and margin, the pelvis's shift, rotation and
obliquity, the load on each foot and how far each knee sits outside its foot (docs/model.md Part A §13).

For a lifter whose sides are the same these are the symmetric values (shift, rotation and obliquity 0,
50 % on each foot, both hips the pose's own); otherwise they come from ``frontal.py``.
"""

from __future__ import annotations

import numpy as np

from .descent import Body
from .frontal import THIGH_SHIFT_SHARE, foot_loads_pct, knee_out_m, pelvis_angles, pelvis_between
from .legs import LegChain


def _rim(hip: np.ndarray, contact: np.ndarray, tilt_rad: np.ndarray, sign: float) -> np.ndarray:
    """Rim contact in the world (N, 3): the right-hip-frame contact turned by the pelvic tilt, at ``hip``."""
    c, s = np.cos(tilt_rad), np.sin(tilt_rad)
    dx = contact[:, 0] * c + contact[:, 1] * s
    dy = -contact[:, 0] * s + contact[:, 1] * c
    return np.stack((hip[:, 0] + dx, hip[:, 1] + dy, hip[:, 2] + sign * contact[:, 2]), axis=-1)


def side_outputs(body: Body, thigh: np.ndarray, legs: LegChain, tilt: np.ndarray, hip_flex: np.ndarray,
                 stop: np.ndarray) -> dict[str, object]:
    """The per-side outputs at thigh angles (N,) (:data:`~.pose.SIDE_FIELDS`), ``rim_contact`` ({"l", "r"}:
    (N, 3), world) and for two-sided lifters ``shift_m`` and ``com_z_m`` (N,).

    ``tilt``, ``hip_flex`` and ``stop`` are the pose's pelvic tilt, hip flexion and deciding stop (°).
    """
    n = thigh.shape[0]
    tr = np.radians(tilt)
    mirror = np.array([1.0, 1.0, -1.0])
    if legs.pair is None:
        out_cm = 100.0 * knee_out_m(legs, body.foot, body.anatomy.toe_out_deg)
        zero, half = np.zeros(n), np.full(n, 50.0)
        contact = np.stack([np.interp(legs.abduction_deg, body.stop_abduction_deg, body.stop_contact_m[:, k])
                            for k in range(3)], axis=-1)
        return {"pelvic_shift_cm": zero, "pelvic_rotation_deg": zero, "pelvic_obliquity_deg": zero,
                "hip_flexion_l_deg": hip_flex, "hip_flexion_r_deg": hip_flex, "hip_stop_l_deg": stop,
                "hip_stop_r_deg": stop, "hip_stop_margin_l_deg": stop - hip_flex,
                "hip_stop_margin_r_deg": stop - hip_flex, "foot_load_l_pct": half, "foot_load_r_pct": half,
                "knee_out_l_cm": out_cm, "knee_out_r_cm": out_cm,
                "rim_contact": {"l": _rim(legs.hip * mirror, contact, tr, -1.0), "r": _rim(legs.hip, contact, tr, 1.0)}}
    left, right = legs.pair
    sl, sr = body.sides
    pelvis = pelvis_between(body.sides, thigh, legs, body.leg_length_difference_mm, contacts=True)
    rotation, obliquity = pelvis_angles(legs, body.seg.hip_width_m, body.leg_length_difference_mm)
    shift = pelvis.shift_m
    moving = body.trunk.mass_kg + THIGH_SHIFT_SHARE * 2.0 * body.seg.thigh_mass_kg
    load_l, load_r = foot_loads_pct(shift * moving / body.mass_kg, sl.foot, sr.foot)
    rim = {"l": _rim(left.hip * mirror + [0.0, 0.0, 1.0] * shift[:, None], pelvis.contact_l_m, tr, -1.0),
           "r": _rim(right.hip + [0.0, 0.0, 1.0] * shift[:, None], pelvis.contact_r_m, tr, 1.0)}
    return {"pelvic_shift_cm": 100.0 * shift, "pelvic_rotation_deg": rotation, "pelvic_obliquity_deg": obliquity,
            "hip_flexion_l_deg": hip_flex, "hip_flexion_r_deg": hip_flex, "hip_stop_l_deg": pelvis.stop_l_deg,
            "hip_stop_r_deg": pelvis.stop_r_deg, "hip_stop_margin_l_deg": pelvis.stop_l_deg - hip_flex,
            "hip_stop_margin_r_deg": pelvis.stop_r_deg - hip_flex, "foot_load_l_pct": load_l,
            "foot_load_r_pct": load_r, "knee_out_l_cm": 100.0 * knee_out_m(left, sl.foot, sl.anatomy.toe_out_deg),
            "knee_out_r_cm": 100.0 * knee_out_m(right, sr.foot, sr.anatomy.toe_out_deg),
            "shift_m": shift, "com_z_m": shift * moving / body.mass_kg, "rim_contact": rim}


__all__ = ["side_outputs"]
