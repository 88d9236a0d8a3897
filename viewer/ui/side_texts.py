"""What the window says about left and right: whether a squat's sides differ, the headline's sentence
about them, and the plots' readout of the pelvis's shift (docs/model.md Part A §13).

A symmetric lifter's squat has equal sides (shift, rotation and obliquity 0, both hips stopping
together): the window then says and draws what it always did.
"""

from __future__ import annotations

import numpy as np

from viewer.model.pose import Pose, Sweep
from viewer.wording import SIDE_WORDS, at, pelvis_words, shift_words

#: Below this (cm or °) the sides count as equal (the model's own rounding noise is far smaller).
SIDE_TOLERANCE = 0.05


def sides_differ(sweep: Sweep) -> bool:
    """Whether left and right differ anywhere along the squat: one hip stops first, or the pelvis shifts,
    turns or drops, or the two hips' stops differ."""
    if sweep.first_stop_side in ("l", "r"):
        return True
    arrays = (sweep.pelvic_shift_cm, sweep.pelvic_rotation_deg, sweep.pelvic_obliquity_deg,
              np.asarray(sweep.hip_stop_l_deg) - np.asarray(sweep.hip_stop_r_deg))
    return any(float(np.max(np.abs(a))) > SIDE_TOLERANCE for a in arrays)


def first_stop_text(sweep: Sweep) -> str:
    """Which hip meets its stop first and where: "The right hip meets its stop first, at 9° above parallel"
    ("" when neither does, or both together). The plots show where the other one does."""
    side = sweep.first_stop_side
    if side not in ("l", "r"):
        return ""
    first = sweep.hip_stop_onset_l if side == "l" else sweep.hip_stop_onset_r
    return f"The {SIDE_WORDS[side]} hip meets its stop first, {at(first.thigh_angle_deg)}"


def sides_text(sweep: Sweep) -> str:
    """The headline's sentence on left and right ("" for a squat whose sides are the same): which hip meets
    its stop first, and what the pelvis does at the deepest point."""
    if not sides_differ(sweep):
        return ""
    pelvis = pelvis_words(float(sweep.pelvic_shift_cm[-1]), float(sweep.pelvic_rotation_deg[-1]),
                          float(sweep.pelvic_obliquity_deg[-1]))
    first = first_stop_text(sweep)
    if first:
        return f"{first}; at the bottom the pelvis {pelvis}."
    return f"At the bottom the pelvis {pelvis}."


def shift_readout(pose: Pose) -> str:
    """The plots' short readout of the pelvis's sideways shift at the depth shown: "Pelvis shift: 3.4 cm right"."""
    words = shift_words(pose.pelvic_shift_cm)
    return f"Pelvis shift: {'none' if words == 'centred' else words}"
