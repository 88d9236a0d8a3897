"""Segment lengths, masses and centres of mass from height and sex (de Leva 1996).

Sources (see docs/model.md): de Leva P. (1996) J Biomech 29:1223 for lengths,
mass fractions and centre-of-mass positions; Winter (2009) Table 4.1 for ankle
height; bones.md for pelvis and spine landmark offsets (estimates flagged there).

All lengths in metres, masses in kg, as fractions of stature H unless stated.
``standing_landmarks`` gives the neutral standing pose (feet under the hips,
toes straight ahead) that the generated bone meshes are authored in.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .anatomy import Anatomy

# de Leva 1996 length fractions of stature (male / female), [S] in biomechanics.md §1a.
_THIGH_FRAC = {"male": 0.2425, "female": 0.2124}
_SHANK_FRAC = {"male": 0.2493, "female": 0.2492}
_FOOT_FRAC = {"male": 0.1482, "female": 0.1316}
_TRUNK_FRAC = {"male": 0.3055, "female": 0.3051}  # suprasternale → mid-hip
# Mass fractions, de Leva ♂/♀ [S] §1b.
_MASS_FRAC = {
    "male": {"foot": 0.0137, "shank": 0.0433, "thigh": 0.1416},
    "female": {"foot": 0.0129, "shank": 0.0481, "thigh": 0.1478},
}
# Centre of mass from the proximal end, de Leva [S]: thigh HJC→KJC, shank KJC→ankle centre.
_COM_FRAC = {
    "male": {"thigh": 0.4095, "shank": 0.4395, "foot": 0.4415},
    "female": {"thigh": 0.3612, "shank": 0.4352, "foot": 0.4014},
}
ANKLE_HEIGHT_FRAC = 0.039        # Winter 2009 [S]
HIP_WIDTH_FRAC = 0.097           # inter-HJC distance, bones.md §2 [D]
ANKLE_TO_TOE_FRAC_OF_FOOT = 0.75  # toe tip → ankle centre, biomechanics.md §3 [E]
MTP_FRAC_OF_FOOT = 0.73          # heel → metatarsal heads, as a share of foot length [E]
MIDFOOT_FRAC_OF_FOOT = 0.45      # balance target from the heel, biomechanics.md §7 [E]
# Trunk landmarks as fractions of H (bones.md §2–3, estimates [E]); scaled by trunk_length_ratio.
LUMBOSACRAL_UP_FRAC = 0.055      # L5–S1 disc centre above the mid-hip point
LUMBOSACRAL_BACK_FRAC = 0.030    # … and behind it
LUMBAR_LENGTH_FRAC = 0.110       # L5–S1 → T12–L1 (five bodies + discs, ≈195 mm at 1.75 m)
THORACIC_LENGTH_FRAC = 0.145     # T12–L1 → C7–T1
SHOULDER_DOWN_FRAC = 0.022       # shoulder joint centre below C7–T1
SHOULDER_FRONT_FRAC = 0.035      # … and in front of it
SHOULDER_HALF_WIDTH_FRAC = 0.095  # glenohumeral centres 0.19H apart (bones.md §5)
HEAD_UP_FRAC = 0.085             # head centre above C7–T1
UPPER_ARM_FRAC, FOREARM_FRAC, HAND_FRAC = 0.186, 0.146, 0.108  # Winter 2009 [S]


@dataclass(frozen=True, slots=True)
class Segments:
    """Segment dimensions for one lifter (metres, kg).

    ``*_mass_kg`` are per segment on one side; ``*_com_frac`` are from the
    proximal joint. ``hat_mass_kg`` is head + arms + trunk (everything above the
    hips). Lengths already include the anatomy's length ratios.
    """

    height_m: float
    body_mass_kg: float
    foot_length_m: float
    ankle_height_m: float
    heel_to_ankle_m: float
    ankle_to_toe_m: float
    heel_to_mtp_m: float
    heel_to_midfoot_m: float
    shank_length_m: float
    thigh_length_m: float
    leg_length_m: float
    hip_width_m: float
    trunk_length_m: float
    lumbosacral_up_m: float
    lumbosacral_back_m: float
    lumbar_length_m: float
    thoracic_length_m: float
    shoulder_down_m: float
    shoulder_front_m: float
    shoulder_half_width_m: float
    head_up_m: float
    upper_arm_length_m: float
    forearm_length_m: float
    hand_length_m: float
    foot_mass_kg: float
    shank_mass_kg: float
    thigh_mass_kg: float
    hat_mass_kg: float
    foot_com_frac: float
    shank_com_frac: float
    thigh_com_frac: float


def segments(anatomy: Anatomy) -> Segments:
    """Segment lengths, masses and COM fractions for ``anatomy`` (de Leva 1996, scaled to height).

    Length ratios scale the thigh, shank and trunk (lumbar + thoracic + pelvis offsets).
    """
    h = anatomy.height_m
    sex = anatomy.sex
    mass = anatomy.body_mass_kg
    foot = _FOOT_FRAC[sex] * h
    thigh = _THIGH_FRAC[sex] * h * anatomy.thigh_length_ratio
    shank = _SHANK_FRAC[sex] * h * anatomy.shank_length_ratio
    ankle_h = ANKLE_HEIGHT_FRAC * h
    tr = anatomy.trunk_length_ratio
    mf = _MASS_FRAC[sex]
    leg_mass = mf["foot"] + mf["shank"] + mf["thigh"]
    ankle_to_toe = ANKLE_TO_TOE_FRAC_OF_FOOT * foot
    return Segments(
        height_m=h,
        body_mass_kg=mass,
        foot_length_m=foot,
        ankle_height_m=ankle_h,
        heel_to_ankle_m=foot - ankle_to_toe,
        ankle_to_toe_m=ankle_to_toe,
        heel_to_mtp_m=MTP_FRAC_OF_FOOT * foot,
        heel_to_midfoot_m=MIDFOOT_FRAC_OF_FOOT * foot,
        shank_length_m=shank,
        thigh_length_m=thigh,
        leg_length_m=thigh + shank + ankle_h,
        hip_width_m=HIP_WIDTH_FRAC * h,
        trunk_length_m=_TRUNK_FRAC[sex] * h * tr,
        lumbosacral_up_m=LUMBOSACRAL_UP_FRAC * h * tr,
        lumbosacral_back_m=LUMBOSACRAL_BACK_FRAC * h,
        lumbar_length_m=LUMBAR_LENGTH_FRAC * h * tr,
        thoracic_length_m=THORACIC_LENGTH_FRAC * h * tr,
        shoulder_down_m=SHOULDER_DOWN_FRAC * h,
        shoulder_front_m=SHOULDER_FRONT_FRAC * h,
        shoulder_half_width_m=SHOULDER_HALF_WIDTH_FRAC * h,
        head_up_m=HEAD_UP_FRAC * h,
        upper_arm_length_m=UPPER_ARM_FRAC * h,
        forearm_length_m=FOREARM_FRAC * h,
        hand_length_m=HAND_FRAC * h,
        foot_mass_kg=mf["foot"] * mass,
        shank_mass_kg=mf["shank"] * mass,
        thigh_mass_kg=mf["thigh"] * mass,
        hat_mass_kg=(1.0 - 2.0 * leg_mass) * mass,
        foot_com_frac=_COM_FRAC[sex]["foot"],
        shank_com_frac=_COM_FRAC[sex]["shank"],
        thigh_com_frac=_COM_FRAC[sex]["thigh"],
    )


def standing_landmarks(seg: Segments) -> MappingProxyType:
    """Neutral standing landmarks, world frame (x anterior, y up, z right), metres.

    Feet under the hips, toes straight ahead, legs vertical, trunk upright.
    Keys: ``toe_l/r``, ``heel_l/r``, ``ankle_l/r``, ``knee_l/r``, ``hip_l/r``,
    ``mid_hip``, ``lumbosacral``, ``thoracolumbar``, ``neck`` (C7–T1), ``head``,
    ``shoulder_l/r``. Values are read-only arrays of shape (3,).
    """
    half = seg.hip_width_m / 2.0
    y_ankle = seg.ankle_height_m
    y_knee = y_ankle + seg.shank_length_m
    y_hip = y_knee + seg.thigh_length_m
    pts: dict[str, np.ndarray] = {}
    for side, z in (("l", -half), ("r", half)):
        pts[f"toe_{side}"] = np.array([seg.ankle_to_toe_m, 0.0, z])
        pts[f"heel_{side}"] = np.array([-seg.heel_to_ankle_m, 0.0, z])
        pts[f"ankle_{side}"] = np.array([0.0, y_ankle, z])
        pts[f"knee_{side}"] = np.array([0.0, y_knee, z])
        pts[f"hip_{side}"] = np.array([0.0, y_hip, z])
    ls = np.array([-seg.lumbosacral_back_m, y_hip + seg.lumbosacral_up_m, 0.0])
    tl = ls + np.array([0.0, seg.lumbar_length_m, 0.0])
    neck = tl + np.array([0.0, seg.thoracic_length_m, 0.0])
    pts["mid_hip"] = np.array([0.0, y_hip, 0.0])
    pts["lumbosacral"] = ls
    pts["thoracolumbar"] = tl
    pts["neck"] = neck
    pts["head"] = neck + np.array([0.01 * seg.height_m, seg.head_up_m, 0.0])
    for side, z in (("l", -seg.shoulder_half_width_m), ("r", seg.shoulder_half_width_m)):
        pts[f"shoulder_{side}"] = neck + np.array([seg.shoulder_front_m, -seg.shoulder_down_m, z])
    for v in pts.values():
        v.setflags(write=False)
    return MappingProxyType(pts)
