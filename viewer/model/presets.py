"""Presets as data: named anatomies that each tell one story in class.

Each preset is a set of overrides on the default :class:`Anatomy` plus a one-line
story for the educator. ``PRESETS`` keeps declaration order (number keys 1–9 in
presentation mode follow it).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .anatomy import Anatomy


@dataclass(frozen=True, slots=True)
class Preset:
    """A named anatomy with the story it tells."""

    name: str
    story: str
    overrides: MappingProxyType

    @property
    def anatomy(self) -> Anatomy:
        """The preset's anatomy (defaults plus overrides)."""
        return Anatomy(**dict(self.overrides))


def _p(name: str, story: str, **overrides: Any) -> Preset:
    return Preset(name=name, story=story, overrides=MappingProxyType(overrides))


_ALL: tuple[Preset, ...] = (
    _p("Average lifter",
       "Typical adult man: normal hips and ankles, bodyweight squat, hip-width stance."),
    _p("Stiff ankles",
       "Knee-to-wall ≈ 5 cm (28°): the knees cannot travel, the trunk leans more and the pelvis tucks above parallel.",
       ankle_dorsiflexion_deg=28.0),
    _p("Plates under heels",
       "Same stiff ankles in lifting shoes (15 mm heel): the foot tilt lends ankle range, the trunk stays more "
       "upright and the tuck comes later.",
       ankle_dorsiflexion_deg=28.0, heel_elevation_mm=15.0),
    _p("Deep sockets (Scottish hip)",
       "Deep acetabulum (LCE 42°): the rim meets the femoral neck early, so the tuck starts high.",
       acetabular_lce_deg=42.0, acetabular_version_deg=14.0),
    _p("Shallow sockets",
       "Shallow, dysplastic-leaning socket (LCE 18°): lots of bony room, the pelvis tucks late.",
       acetabular_lce_deg=18.0, acetabular_version_deg=24.0),
    _p("Retroverted femurs",
       "Femoral neck twisted backwards (−12°): it meets the front of the rim sooner.",
       femoral_anteversion_deg=-12.0),
    _p("Anteverted femurs",
       "Femoral neck twisted forwards (28°): more clearance in flexion, deeper before the tuck.",
       femoral_anteversion_deg=28.0),
    _p("Wide stance, toes out",
       "Abduction and external rotation swing the neck away from the rim: the tuck comes later.",
       stance_width_m=0.60, toe_out_deg=35.0),
    _p("Long femurs, short torso",
       "Long thighs and a short trunk: more lean to stay over the mid-foot, more hip flexion, earlier tuck.",
       thigh_length_ratio=1.12, trunk_length_ratio=0.90),
    _p("Goblet squat",
       "A 24 kg kettlebell held in front counterbalances the hips: the trunk stays more upright than with "
       "arms forward.",
       load_position="goblet", load_kg=24.0),
    _p("Low-bar back squat",
       "Bar low on the back at bodyweight: the trunk leans more than with any other load, the tuck comes early.",
       load_position="low_bar", load_kg=75.0),
    _p("Knees kept behind toes",
       "The old coaching cue: knees cannot travel, so the trunk folds forward and the tuck comes early.",
       knees_behind_toes=True),
    _p("Poor motor control",
       "Bony room is there, but the lifter tucks after using only 70 % of it.",
       motor_control=0.70),
    _p("One stiff ankle",
       "Left ankle 25°, right 40°: the left knee cannot follow, the pelvis shifts right onto the mobile side, "
       "turns and tips, and the right hip, crowded by the shift, meets its stop first.",
       ankle_dorsiflexion_left_deg=25.0),
    _p("One retroverted hip",
       "Right femur retroverted (−6°), left normal (12°): the right hip meets the rim first and the whole "
       "pelvis tucks there; it shifts left, toward the hip with room.",
       femoral_anteversion_right_deg=-6.0),
    _p("Knees out, feet forward",
       "Feet nearly straight (5°) with the knees pushed 10 cm out: the hips abduct and turn out as with the "
       "toes out, and the neck clears the rim for longer.",
       toe_out_deg=5.0, knees_out_cm=10.0),
    _p("Knees caving in",
       "Knees 6 cm in at the bottom: the hips adduct and turn in (the impingement-test direction), so the neck "
       "meets the rim sooner.",
       knees_out_cm=-6.0),
)

PRESETS: MappingProxyType = MappingProxyType({p.name: p for p in _ALL})


def preset(name: str) -> Preset:
    """Return the preset called ``name``; ``KeyError`` listing the known names otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}") from None
