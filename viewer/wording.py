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
