"""Left and right: each side's values of an anatomy, whether the sides differ, and the mirror image.

A two-sided parameter (``params.SIDED``, e.g. ``femoral_anteversion_deg``) drives both sides; its
one-side overrides (``femoral_anteversion_left_deg`` / ``_right_deg``, ``None`` = not set) replace it on
one side. ``leg_length_difference_mm`` (+: the right leg is longer) is split half to each side.
"""

from __future__ import annotations

from .anatomy import Anatomy
from .params import SIDED, side_name

#: "l"/"r" → the word used in the override names.
_WORD = {"l": "left", "r": "right"}
_OVERRIDES = tuple(side_name(name, word) for name in SIDED for word in ("left", "right"))
_CLEARED = dict.fromkeys(_OVERRIDES)


def side_value(anatomy: Anatomy, name: str, side: str) -> float:
    """The value of two-sided ``name`` on ``side`` ("l"/"r"): its override if set, else the two-sided value."""
    own = getattr(anatomy, side_name(name, _WORD[side]))
    return float(getattr(anatomy, name) if own is None else own)


def is_symmetric(anatomy: Anatomy) -> bool:
    """Whether left and right are the same lifter: legs equally long and no override set (an ``Anatomy``
    merges overrides equal to each other or to the two-sided value, so a set one always differs)."""
    return anatomy.leg_length_difference_mm == 0.0 and all(getattr(anatomy, k) is None for k in _OVERRIDES)


def side_anatomy(anatomy: Anatomy, side: str) -> Anatomy:
    """A symmetric anatomy with ``side``'s values on both sides (overrides cleared, legs equally long).

    For a symmetric anatomy both sides give the anatomy without its overrides: the same squat.
    """
    if is_symmetric(anatomy):
        return anatomy
    values = {name: side_value(anatomy, name, side) for name in SIDED}
    return anatomy.replace(**values, **_CLEARED, leg_length_difference_mm=0.0)


def mirrored(anatomy: Anatomy) -> Anatomy:
    """The same lifter with left and right swapped (overrides swapped, leg length difference negated)."""
    swap = {}
    for name in SIDED:
        left, right = side_name(name, "left"), side_name(name, "right")
        swap[left], swap[right] = getattr(anatomy, right), getattr(anatomy, left)
    return anatomy.replace(**swap, leg_length_difference_mm=-anatomy.leg_length_difference_mm + 0.0)


def with_sides(anatomy: Anatomy, name: str, left: float, right: float) -> Anatomy:
    """``anatomy`` with two-sided ``name`` set to ``left`` on the left and ``right`` on the right."""
    return anatomy.replace(**{side_name(name, "left"): left, side_name(name, "right"): right})


__all__ = ["side_value", "is_symmetric", "side_anatomy", "mirrored", "with_sides"]
