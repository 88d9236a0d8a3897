"""Depths and the lower back's curve in words, one wording for the window, the levers and the gallery.

Pure stdlib (no Qt, VTK): the UI, the render layer and the scripts import it alike.
"""

from __future__ import annotations


def where(thigh_angle_deg: float) -> str:
    """Depth in words: "8° above parallel", "at parallel", "3° below parallel"."""
    rounded = round(thigh_angle_deg)
    if rounded == 0:
        return "at parallel"
    if rounded < 0:
        return f"{-rounded}° above parallel"
    return f"{rounded}° below parallel"


def at(thigh_angle_deg: float) -> str:
    """Depth after a verb: "at 8° above parallel", "at parallel" (never "at at parallel")."""
    words = where(thigh_angle_deg)
    return words if words.startswith("at ") else f"at {words}"


def thigh_words(thigh_angle_deg: float) -> str:
    """Depth as a caption: "standing" at the top (thigh within 0.5° of −90°), "thigh parallel",
    "thigh 8° above parallel"."""
    if thigh_angle_deg <= -89.5:
        return "standing"
    words = where(thigh_angle_deg)
    return "thigh parallel" if words == "at parallel" else f"thigh {words}"


def curve_words(lumbar_curve_deg: float) -> str:
    """The lower back's curve in words, from ``Pose.lumbar_curve_deg`` (+ lordotic, 0 flat, − rounded)."""
    rounded = round(lumbar_curve_deg)
    if rounded > 0:
        return f"lower back curved in {rounded}°"
    if rounded == 0:
        return "lower back flat"
    return f"lower back rounded {-rounded}°"


#: "l"/"r" (``Sweep.first_stop_side``) → the side in words.
SIDE_WORDS: dict[str, str] = {"l": "left", "r": "right"}


def shift_words(shift_cm: float) -> str:
    """The pelvis's sideways shift (``Pose.pelvic_shift_cm``, + to the right) in words: "3.4 cm right",
    "centred" when it rounds to 0.0 cm."""
    rounded = round(shift_cm, 1)
    if rounded == 0:
        return "centred"
    return f"{abs(rounded):.1f} cm {'right' if rounded > 0 else 'left'}"


def pelvis_words(shift_cm: float, rotation_deg: float, obliquity_deg: float) -> str:
    """What the pelvis does seen from the front and from above, after "the pelvis": "shifts 3.4 cm right,
    turns 13° (right hip forward) and drops 7° on the right"; "stays centred and level" when each
    rounds to 0 (``Pose`` signs: shift + right, rotation + right hip forward, obliquity + right hip higher)."""
    parts = []
    if round(shift_cm, 1) != 0:
        parts.append(f"shifts {shift_words(shift_cm)}")
    rotation = round(rotation_deg)
    if rotation != 0:
        parts.append(f"turns {abs(rotation)}° ({'right' if rotation > 0 else 'left'} hip forward)")
    obliquity = round(obliquity_deg)
    if obliquity != 0:
        parts.append(f"drops {abs(obliquity)}° on the {'left' if obliquity > 0 else 'right'}")
    if not parts:
        return "stays centred and level"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
