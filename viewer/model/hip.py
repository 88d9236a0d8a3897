"""Hip flexion stop: where the femoral neck meets the acetabular rim (per side).

PLACEHOLDER: this first version is the sagittal formula of biomechanics.md §2b so
that the solver can be built against the final API. It is being replaced by the
3D rim/neck geometry; keep the signatures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .anatomy import Anatomy

LABRUM_MARGIN_DEG = 12.0  # [E] biomechanics.md §2b, 10–15°


@dataclass(frozen=True, slots=True)
class HipStops:
    """Hip stop along a set of hip orientations (arrays of shape (N,)).

    Attributes:
        bony_deg: femur-on-pelvis flexion at bone-on-bone contact, degrees.
        effective_deg: the stop the lifter uses = motor control × bony − labrum margin, degrees.
        contact_pelvis_m: (N, 3) contact point on the rim in the pelvis frame, relative to the
            hip joint centre, metres (x anterior, y up, z lateral-positive for the right side).
    """

    bony_deg: np.ndarray
    effective_deg: np.ndarray
    contact_pelvis_m: np.ndarray


def hip_stops(anatomy: Anatomy, abduction_deg: np.ndarray, external_rotation_deg: np.ndarray,
              side: str = "r") -> HipStops:
    """Hip stop for each (abduction, external rotation) pair, degrees; arrays of shape (N,).

    ``side`` is "l" or "r" (the anatomy is symmetric today; the code is per side).
    """
    abd = np.asarray(abduction_deg, dtype=float)
    er = np.asarray(external_rotation_deg, dtype=float)
    ace = 30.0 + 0.7 * (anatomy.acetabular_lce_deg - 28.0) - 0.7 * (anatomy.acetabular_version_deg - 20.0)
    bony = 180.0 - ace - anatomy.alpha_angle_deg + 0.7 * (anatomy.femoral_anteversion_deg + er) + 0.45 * abd
    eff = anatomy.motor_control * bony - LABRUM_MARGIN_DEG
    sign = 1.0 if side == "r" else -1.0
    contact = np.zeros(abd.shape + (3,))
    contact[..., 0] = 0.02
    contact[..., 1] = 0.015
    contact[..., 2] = sign * 0.01
    return HipStops(bony_deg=bony, effective_deg=eff, contact_pelvis_m=contact)
