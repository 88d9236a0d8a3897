"""The reference body the meshes are authored in: landmarks, spinal columns, arm joints.

Reference standing pose = ``standing_landmarks(segments(Anatomy()))`` (1.75 m male). World
frame: x anterior, y up, z to the right, metres. Sagittal angles are degrees from vertical,
positive when the top of a part leans forward (toward +x).

Spinal curves (bones.md §3): segmental lordosis L1–S1 from the model default row scaled to the
``Anatomy`` default (50°), thoracic kyphosis 40°, cervical lordosis 20°; each column is then
rotated and scaled (< ±6 %) so its ends land exactly on the landmarks (lumbosacral →
thoracolumbar → neck). Segment origins follow ``viewer.model.kinematics.reference_origins``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from viewer.model.anatomy import Anatomy
from viewer.model.anthropometry import Segments, segments, standing_landmarks
from viewer.model.body_frames import reference_origins

#: Default segmental lordosis (Cobb, degrees) L1–L2 … L5–S1, bones.md §3 "model default" [E].
_LUMBAR_SEGMENTAL_DEG = (4.0, 8.0, 11.0, 14.0, 18.0)
#: Mid-disc heights (m) below L1 … L5 (Iran-disc [S]); T12–L1 disc taken as 8 mm [E].
_LUMBAR_DISC_M = (0.0100, 0.0116, 0.0125, 0.0138, 0.0130)
_T12_L1_DISC_M = 0.008
#: Lumbar body (width, depth, posterior height) L1 … L5, metres (Panj92 [M], IJSS-L5 [S]).
LUMBAR_BODY_M = ((0.040, 0.033, 0.027), (0.042, 0.034, 0.028), (0.045, 0.035, 0.028),
                 (0.047, 0.035, 0.027), (0.049, 0.037, 0.0268))
#: Transverse-process span (tip to tip) L1 … L5, metres (Panj92 [M]).
LUMBAR_TP_SPAN_M = (0.070, 0.078, 0.088, 0.086, 0.085)
SACRAL_SLOPE_DEG = 39.5  # MacT11 mean [D]
KYPHOSIS_DEG = 40.0
CERVICAL_LORDOSIS_DEG = 20.0


@dataclass(frozen=True, slots=True)
class Vertebra:
    """One vertebra in the reference pose: body centre (3,) m, axis lean (deg, + forward),
    size scale (1 = bones.md size), the centre of the disc below (3,)."""

    name: str
    centre: np.ndarray
    lean_deg: float
    scale: float
    disc_below: np.ndarray


def reference() -> tuple[Segments, MappingProxyType]:
    """(Segments, landmarks) of the reference body."""
    seg = segments(Anatomy())
    return seg, standing_landmarks(seg)


def landmark(name: str) -> np.ndarray:
    """One reference landmark (3,) m."""
    return np.array(reference()[1][name], dtype=float)


def _up(lean_deg: float) -> np.ndarray:
    a = math.radians(lean_deg)
    return np.array([math.sin(a), math.cos(a), 0.0])


def _column(start: np.ndarray, end: np.ndarray, lean0_deg: float, turns_deg: list[float],
            heights: list[float], discs: list[float]) -> tuple[list[np.ndarray], list[float], float, float]:
    """Stack vertebrae from ``start`` (a disc centre) upward, then fit the chain onto ``end``.

    ``turns_deg[i]``: lean change at the disc below vertebra i (+ forward); ``heights``:
    body heights; ``discs[i]``: disc height below vertebra i; a last entry in ``discs`` is the
    disc above the top vertebra (half of it is included). Returns body centres, leans, the
    scale and the rotation (deg, + forward) applied by the fit.
    """
    pos = np.array(start, dtype=float)
    lean = lean0_deg
    centres, leans = [], []
    for i, h in enumerate(heights):
        lean_disc = lean + turns_deg[i] / 2.0
        pos = pos + _up(lean_disc) * discs[i] / 2.0
        lean = lean + turns_deg[i]
        pos = pos + _up(lean_disc) * discs[i] / 2.0
        centres.append(pos + _up(lean) * h / 2.0)
        leans.append(lean)
        pos = pos + _up(lean) * h
    pos = pos + _up(lean) * discs[len(heights)] / 2.0
    chord = pos - start
    want = end - start
    scale = float(np.linalg.norm(want) / np.linalg.norm(chord))
    turn = math.degrees(math.atan2(want[0], want[1]) - math.atan2(chord[0], chord[1]))
    a = math.radians(-turn)  # lean + forward = rotation about z by −angle
    r = np.array([[math.cos(a), -math.sin(a), 0.0], [math.sin(a), math.cos(a), 0.0], [0, 0, 1.0]])
    fitted = [start + scale * (r @ (c - start)) for c in centres]
    return fitted, [le + turn for le in leans], scale, turn


def lumbar() -> tuple[Vertebra, ...]:
    """L1 … L5 in the reference pose (standing lordosis), from the top down."""
    seg, lm = reference()
    total = Anatomy().lordosis_deg
    k = total / sum(_LUMBAR_SEGMENTAL_DEG)
    turns = [-k * a for a in reversed(_LUMBAR_SEGMENTAL_DEG)]  # L5–S1 first, each turns backward
    heights = [LUMBAR_BODY_M[i][2] for i in (4, 3, 2, 1, 0)]
    discs = [_LUMBAR_DISC_M[i] for i in (4, 3, 2, 1, 0)] + [_T12_L1_DISC_M]
    centres, leans, scale, _ = _column(lm["lumbosacral"], lm["thoracolumbar"], SACRAL_SLOPE_DEG, turns,
                                       heights, discs)
    out = []
    names = ("l5", "l4", "l3", "l2", "l1")
    for i, name in enumerate(names):
        h = heights[i] * scale
        below = centres[i] - _up(leans[i]) * (h / 2 + discs[i] * scale / 2)
        out.append(Vertebra(name, centres[i], leans[i], scale, below))
    return tuple(reversed(out))


def sacral_lean_deg() -> float:
    """Lean of the S1 endplate normal in the reference pose (deg from vertical, + forward)."""
    l5 = lumbar()[-1]
    k = Anatomy().lordosis_deg / sum(_LUMBAR_SEGMENTAL_DEG)
    return l5.lean_deg + k * _LUMBAR_SEGMENTAL_DEG[-1]


def thoracic() -> tuple[Vertebra, ...]:
    """T12 … T1 (bottom up) with kyphosis, from the thoracolumbar joint to the neck (C7–T1)."""
    seg, lm = reference()
    heights = [0.015 + (0.023 - 0.015) * (11 - i) / 11 for i in range(12)]
    discs = [0.006] * 13
    turns = [2.0] + [KYPHOSIS_DEG / 11.0] * 11
    l1 = lumbar()[0]
    c, le, s, _ = _column(lm["thoracolumbar"], lm["neck"], l1.lean_deg - 2.0, turns, heights, discs)
    names = [f"t{12 - i}" for i in range(12)]
    return tuple(Vertebra(n, c[i], le[i], s, c[i]) for i, n in enumerate(names))


def skull_base() -> np.ndarray:
    """Occipital condyles / atlanto-occipital joint in the reference pose (3,) m."""
    seg, lm = reference()
    h = seg.height_m / 1.75
    return lm["neck"] + np.array([0.012, 0.128, 0.0]) * h


def cervical() -> tuple[Vertebra, ...]:
    """C7 … C1 (bottom up) with lordosis, from the neck (C7–T1) to the skull base."""
    seg, lm = reference()
    heights = [0.014] * 6 + [0.010]
    discs = [0.0045] * 7 + [0.004]
    turns = [0.0] + [-CERVICAL_LORDOSIS_DEG / 6.0] * 6
    c, le, s, _ = _column(lm["neck"], skull_base(), 20.0, turns, heights, discs)
    names = [f"c{7 - i}" for i in range(7)]
    return tuple(Vertebra(n, c[i], le[i], s, c[i]) for i, n in enumerate(names))


def arm_joints(side: str) -> dict[str, np.ndarray]:
    """Shoulder, elbow and wrist centres (3,) m: arms hang at the sides, palms in."""
    origins = reference_origins()
    return {"shoulder": np.array(origins[f"upper_arm_{side}"]), "elbow": np.array(origins[f"forearm_{side}"]),
            "wrist": np.array(origins[f"hand_{side}"])}


#: The joint or landmark each segment's origin sits on (the manifest's "origin").
_ORIGIN_NAMES: dict[str, str] = {
    "pelvis": "mid_hip", "thorax": "thoracolumbar", "head": "neck",
    **{f"{seg}_{s}": f"{joint}_{s}" for s in ("l", "r")
       for seg, joint in (("foot", "ankle"), ("shank", "knee"), ("patella", "knee"), ("thigh", "hip"),
                          ("upper_arm", "shoulder"), ("forearm", "elbow"), ("hand", "wrist"), ("heel_plate", "heel"))},
    "l5": "lumbosacral", "l4": "disc_l4_l5", "l3": "disc_l3_l4", "l2": "disc_l2_l3", "l1": "disc_l1_l2",
}


def segment_origins() -> dict[str, tuple[str, np.ndarray]]:
    """Segment id → (origin description, reference position (3,) m): the positions are the model's
    (:func:`viewer.model.body_frames.reference_origins`)."""
    origins = reference_origins()
    return {k: (name, np.array(origins[k], dtype=float)) for k, name in _ORIGIN_NAMES.items()}
