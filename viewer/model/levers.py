"""What would buy a lifter depth: small changes a lifter can make, and what each does to the squat.

A *lever* is a change the lifter controls (shoes, stance, mobility, practice), never the bones.
Its effect is measured on the model's own sweeps: the depth reached with a neutral pelvis (the
tuck onset, or the deepest point when the pelvis never tucks) and the deepest reachable depth,
before and after. Depths are thigh angles below horizontal in degrees (positive = below parallel),
so a positive gain is depth bought. Pure numpy/stdlib (via the model); no UI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .anatomy import Anatomy
from .params import side_name, spec
from .pose import Sweep
from .sides import side_value
from .squat import sweep


@dataclass(frozen=True, slots=True)
class Lever:
    """One change a lifter can try.

    Attributes:
        key: identifier.
        label: short text, e.g. "Heel plates +20 mm".
        how: one sentence on what it means in practice and why it helps (tooltip).
        change: the anatomy with the lever pulled, or ``None`` when it does not apply
            (already at the end of the parameter's range, or nothing to change).
    """

    key: str
    label: str
    how: str
    change: Callable[[Anatomy], Anatomy | None]


def _raised(name: str, by: float) -> Callable[[Anatomy], Anatomy | None]:
    """``name`` increased by ``by`` (clipped to its spec); ``None`` if it is already at the top."""
    s = spec(name)

    def change(anatomy: Anatomy) -> Anatomy | None:
        now = float(getattr(anatomy, name))
        new = round(min(now + by, s.maximum), 6)
        return None if new <= now + 1e-9 else anatomy.replace(**{name: new})

    return change


def _raised_on_the_stiffer_side(name: str, side: str, by: float) -> Callable[[Anatomy], Anatomy | None]:
    """``side``'s value of two-sided ``name`` raised by ``by`` (clipped), where that side is the lower one;
    ``None`` when the sides are equal there or the other side is lower."""
    s, other = spec(name), {"l": "r", "r": "l"}[side]

    def change(anatomy: Anatomy) -> Anatomy | None:
        now = side_value(anatomy, name, side)
        if now >= side_value(anatomy, name, other):
            return None
        new = round(min(now + by, s.maximum), 6)
        return anatomy.replace(**{side_name(name, {"l": "left", "r": "right"}[side]): new})

    return change


def _set(name: str, value: object) -> Callable[[Anatomy], Anatomy | None]:
    def change(anatomy: Anatomy) -> Anatomy | None:
        return None if getattr(anatomy, name) == value else anatomy.replace(**{name: value})

    return change


#: The levers, in the order they are listed when their gains tie.
LEVERS: tuple[Lever, ...] = (
    Lever("heels", "Heel plates +20 mm",
          "Squat with the heels on 20 mm plates or in lifting shoes: the shin can lean further, so the "
          "trunk stays more upright and the hip needs less flexion at the same depth.",
          _raised("heel_elevation_mm", 20.0)),
    Lever("ankle", "Ankle mobility +5°",
          "Five more degrees in the knee-to-wall test (calf and ankle mobility work): the knees travel "
          "further forward, the trunk leans less.",
          _raised("ankle_dorsiflexion_deg", 5.0)),
    Lever("toe_out", "Toes out +10°",
          "Turn the feet (and knees) out ten more degrees: the hips rotate out and abduct, which moves the "
          "femoral neck away from the front of the socket rim.",
          _raised("toe_out_deg", 10.0)),
    Lever("stance", "Stance 10 cm wider",
          "Feet ten centimetres wider apart: more hip abduction, more room before the neck meets the rim.",
          _raised("stance_width_m", 0.10)),
    Lever("control", "Full hip range (practice)",
          "Practise the bottom position (e.g. paused goblet squats) until the pelvis stays neutral up to "
          "the bony stop, instead of tucking early.",
          _set("motor_control", 1.0)),
    Lever("ankle_left", "Left ankle mobility +5°",
          "Five more degrees in the left knee-to-wall test: the stiffer ankle catches up, the left knee travels "
          "further, and the pelvis no longer has to shift and turn toward the right.",
          _raised_on_the_stiffer_side("ankle_dorsiflexion_deg", "l", 5.0)),
    Lever("ankle_right", "Right ankle mobility +5°",
          "Five more degrees in the right knee-to-wall test: the stiffer ankle catches up, the right knee travels "
          "further, and the pelvis no longer has to shift and turn toward the left.",
          _raised_on_the_stiffer_side("ankle_dorsiflexion_deg", "r", 5.0)),
    Lever("knees_out", "Knees out 5 cm",
          "Push the knees 5 cm further out past the toes at the bottom, feet where they are: the hips abduct and "
          "turn out, which moves the femoral neck away from the front of the socket rim.",
          _raised("knees_out_cm", 5.0)),
    Lever("knees", "Let the knees pass the toes",
          "Drop the 'knees behind toes' cue: the knees travel forward and the trunk no longer has to fold.",
          _set("knees_behind_toes", False)),
)


def neutral_depth_deg(s: Sweep) -> float:
    """Deepest thigh angle reached with a neutral pelvis: the tuck onset, or the deepest point if
    the pelvis never tucks (degrees below horizontal)."""
    return float(s.tuck_onset.thigh_angle_deg) if s.tuck_onset is not None else float(s.deepest.thigh_angle_deg)


@dataclass(frozen=True, slots=True)
class LeverEffect:
    """What one lever does to one anatomy.

    Attributes:
        lever: the lever.
        anatomy: the anatomy with the lever pulled.
        neutral_before_deg, neutral_after_deg: :func:`neutral_depth_deg` before and after.
        deepest_before_deg, deepest_after_deg: deepest reachable thigh angle before and after.
        tucks_after: whether the pelvis still tucks after the change.
    """

    lever: Lever
    anatomy: Anatomy
    neutral_before_deg: float
    neutral_after_deg: float
    deepest_before_deg: float
    deepest_after_deg: float
    tucks_after: bool

    @property
    def gain_deg(self) -> float:
        """Depth bought before the pelvis tucks (degrees of thigh angle; negative = depth lost)."""
        return self.neutral_after_deg - self.neutral_before_deg

    @property
    def deepest_gain_deg(self) -> float:
        """Change of the deepest reachable depth (degrees)."""
        return self.deepest_after_deg - self.deepest_before_deg


def lever_effects(anatomy: Anatomy, levers: tuple[Lever, ...] = LEVERS) -> list[LeverEffect]:
    """The effect of every lever that applies to ``anatomy``, most depth bought first.

    Costs one (cached) sweep per lever, about 2 ms each. Raises ``TypeError`` for a non-Anatomy.
    """
    if not isinstance(anatomy, Anatomy):
        raise TypeError(f"anatomy must be an Anatomy, got {type(anatomy).__name__}")
    before = sweep(anatomy)
    neutral, deepest = neutral_depth_deg(before), float(before.deepest.thigh_angle_deg)
    out = []
    for lever in levers:
        changed = lever.change(anatomy)
        if changed is None:
            continue
        after = sweep(changed)
        out.append(LeverEffect(lever, changed, neutral, neutral_depth_deg(after), deepest,
                               float(after.deepest.thigh_angle_deg), after.tuck_onset is not None))
    order = {lever.key: i for i, lever in enumerate(levers)}
    out.sort(key=lambda e: (-round(e.gain_deg, 6), -round(e.deepest_gain_deg, 6), order[e.lever.key]))
    return out
