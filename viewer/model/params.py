"""Parameter specifications: one :class:`ParamSpec` per model input.

The specs are the single source of truth for every input of the squat model.
Sliders, validation, presets, profile files and parametrised tests all read
them. Adding a parameter is one entry in :data:`PARAM_SPECS` plus a typed field
(no default: it comes from the spec) on :class:`viewer.model.anatomy.Anatomy`;
the two are checked to agree when the module loads.

Units are carried in the names (``_deg``, ``_m``, ``_mm``, ``_kg``); ratios and
shares are dimensionless.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

ParamKind = Literal["float", "choice", "bool"]

#: Order of the control groups in the UI.
GROUPS: tuple[str, ...] = ("Ankle", "Hip", "Stance", "Load", "Body", "Control & spine")

LOAD_POSITIONS: tuple[str, ...] = ("none", "goblet", "front", "high_bar", "low_bar")
SEXES: tuple[str, ...] = ("male", "female")


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """Specification of one model input.

    Attributes:
        name: field name on ``Anatomy``; carries the unit (``_deg``, ``_m`` …).
        label: short human label for the UI.
        unit: display unit ("°", "m", "mm", "kg", "" for ratios).
        kind: "float", "choice" or "bool".
        group: UI group, one of :data:`GROUPS`.
        default: default value (float, str or bool according to ``kind``).
        minimum, maximum: closed range for floats (``nan`` for others).
        step: slider step for floats.
        choices: allowed values for ``kind == "choice"``.
        help: one-line help text for tooltips.
        advanced: shown under "advanced" in the UI.
        decimals: digits shown in the UI.
        choice_labels: human labels for the choices, same order.
        value_labels: for floats, ordered ``(upper_bound, label)`` bands that
            name a value clinically (e.g. socket depth); empty when unused.
    """

    name: str
    label: str
    unit: str
    kind: ParamKind
    group: str
    default: float | str | bool
    minimum: float = math.nan
    maximum: float = math.nan
    step: float = math.nan
    choices: tuple[str, ...] = ()
    help: str = ""
    advanced: bool = False
    decimals: int = 0
    choice_labels: tuple[str, ...] = ()
    value_labels: tuple[tuple[float, str], ...] = ()
    #: For a one-side override (:data:`SIDE_SPECS`): the two-sided parameter it overrides; ``None`` is
    #: then allowed and means "the same as that parameter".
    both: str = ""

    def validate(self, value: object) -> float | str | bool:
        """Return ``value`` checked (floats coerced to ``float``, −0.0 to 0.0).

        Raises:
            TypeError: wrong type (e.g. a string for a float, a float for a bool).
            ValueError: NaN, infinite, out of range, or not one of the choices.
                The message names the parameter, the value and the range.
        """
        if value is None and self.both:
            return None
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise TypeError(f"{self.name} must be true or false, got {shown_value(value)}")
            return value
        if self.kind == "choice":
            if not isinstance(value, str):
                raise TypeError(f"{self.name} must be one of {', '.join(self.choices)}, got {shown_value(value)}")
            if value not in self.choices:
                raise ValueError(f"{self.name} = {shown_value(value)} is not one of {', '.join(self.choices)}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{self.name} must be a number, got {shown_value(value)}")
        if isinstance(value, int) and not self.minimum <= value <= self.maximum:  # exact, also past float's range
            raise ValueError(f"{self.name} = {shown_value(value)} is out of range "
                             f"{self.minimum:g}–{self.maximum:g} {self.unit}".rstrip())
        number = float(value) + 0.0  # −0.0 → 0.0: one spelling per value (an Anatomy is a cache key)
        if not math.isfinite(number):
            raise ValueError(f"{self.name} = {number} is not a finite number "
                             f"(allowed {self.minimum:g}–{self.maximum:g} {self.unit})")
        if number < self.minimum or number > self.maximum:
            raise ValueError(f"{self.name} = {number:g} is out of range "
                             f"{self.minimum:g}–{self.maximum:g} {self.unit}".rstrip())
        return number

    @property
    def steps(self) -> int:
        """Number of slider steps from :attr:`minimum` to :attr:`maximum` (floats only)."""
        return max(1, round((self.maximum - self.minimum) / self.step))

    def position(self, value: float) -> int:
        """Slider position (0 … :attr:`steps`) of ``value``: the nearest step, clamped."""
        pos = round((value - self.minimum) / self.step)
        return int(min(max(pos, 0), self.steps))

    def value_at(self, position: int) -> float:
        """The value at slider ``position``, rounded as the slider writes it and clamped to the range.

        Every slider value goes through here, so a value met again is bit-for-bit the same float
        (the model caches sweeps by the anatomy's values).
        """
        value = self.minimum + position * self.step
        value = round(value, max(self.decimals, _decimals_of(self.step)))
        return min(max(value, self.minimum), self.maximum)

    def clip(self, value: float) -> float:
        """``value`` as a float clamped to [:attr:`minimum`, :attr:`maximum`]."""
        return min(max(float(value), self.minimum), self.maximum)

    def snap(self, value: float) -> float:
        """The slider value nearest ``value`` (clamped): what a slider set to it would hold."""
        return self.value_at(self.position(self.clip(value)))

    def describe(self, value: float) -> str:
        """Clinical label of a float value from :attr:`value_labels` ("" if none)."""
        for upper, text in self.value_labels:
            if value <= upper:
                return text
        return self.value_labels[-1][1] if self.value_labels else ""


#: Whole numbers from this size on are shown by their number of digits in messages.
_LONG_INT = 10**15
#: Longest ``repr`` shown in a message before it is cut (characters).
_SHOWN_CHARS = 40


def shown_value(value: object) -> str:
    """``value`` for a one-line message: its ``repr``, cut to :data:`_SHOWN_CHARS` characters; a whole
    number of 16 digits or more as its size ("a 401-digit number").

    Never raises: ``repr`` of an int beyond Python's digit limit (4,300) would raise ``ValueError``, and
    a 400-digit number or a megabyte of text is no use in a status-bar line.
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _LONG_INT:
        magnitude = abs(value)
        digits = int(magnitude.bit_length() * 0.30102999566398120)  # log10(2): the count, or one less
        if magnitude >= 10**digits:
            digits += 1
        return f"a {'negative ' if value < 0 else ''}{digits:,}-digit number"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


def _decimals_of(step: float) -> int:
    """Decimal digits of a slider step (0.01 → 2, 2.5 → 1, 1 → 0)."""
    if step <= 0 or not math.isfinite(step):
        return 0
    text = f"{step:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _f(name: str, label: str, unit: str, group: str, default: float, lo: float, hi: float,
       step: float, help: str, *, advanced: bool = False, decimals: int = 0,
       value_labels: tuple[tuple[float, str], ...] = ()) -> ParamSpec:
    return ParamSpec(name=name, label=label, unit=unit, kind="float", group=group,
                     default=float(default), minimum=float(lo), maximum=float(hi),
                     step=float(step), help=help, advanced=advanced, decimals=decimals,
                     value_labels=value_labels)


PARAM_SPECS: tuple[ParamSpec, ...] = (
    # --- Ankle -------------------------------------------------------------------------
    _f("ankle_dorsiflexion_deg", "Ankle dorsiflexion", "°", "Ankle", 40.0, 0.0, 50.0, 0.2,
       "Weight-bearing ankle dorsiflexion range (knee-to-wall lunge test), tibia from vertical.", decimals=1),
    _f("heel_elevation_mm", "Heel elevation", "mm", "Ankle", 0.0, 0.0, 50.0, 1.0,
       "Height of plates or lifting shoes under the heels; tilts the foot and lends ankle range."),
    # --- Hip ---------------------------------------------------------------------------
    _f("femoral_anteversion_deg", "Femoral torsion", "°", "Hip", 12.0, -20.0, 45.0, 1.0,
       "Femoral neck version: + anteversion (neck points forward), − retroversion. Normal 10–15°."),
    _f("acetabular_lce_deg", "Socket depth (LCE)", "°", "Hip", 28.0, 10.0, 50.0, 1.0,
       "Lateral centre-edge angle: how far the socket covers the femoral head. Normal 23–33°.",
       value_labels=((19.99, "dysplastic"), (33.0, "normal"), (44.0, "deep"), (90.0, "protrusio"))),
    _f("acetabular_version_deg", "Socket version", "°", "Hip", 20.0, 0.0, 35.0, 1.0,
       "Acetabular anteversion: how far the socket opening faces forward. Normal ~17–25°; low = retroverted."),
    _f("neck_shaft_angle_deg", "Neck–shaft angle", "°", "Hip", 130.0, 115.0, 145.0, 0.5,
       "Angle between femoral neck and shaft in the frontal plane. Normal ~125–130°.", advanced=True,
       decimals=1),
    _f("alpha_angle_deg", "Alpha angle (cam)", "°", "Hip", 42.0, 35.0, 85.0, 0.5,
       "Head–neck junction shape; ≥ 55° is a cam bump that meets the rim early.", advanced=True, decimals=1),
    # --- Stance ------------------------------------------------------------------------
    _f("stance_width_m", "Stance width", "m", "Stance", 0.35, 0.15, 0.80, 0.01,
       "Distance between the heel centres.", decimals=2),
    _f("toe_out_deg", "Toe-out", "°", "Stance", 15.0, 0.0, 45.0, 1.0,
       "Foot angle from straight ahead; knees track over the toes, so it turns the hips out."),
    _f("knees_out_cm", "Knees out", "cm", "Stance", 0.0, -8.0, 12.0, 0.5,
       "How far the knees are pushed out past the line of the toes at the bottom, feet where they are "
       "(hip abduction and external rotation); negative: knees caving in.", decimals=1),
    # --- Load --------------------------------------------------------------------------
    ParamSpec(name="load_position", label="Load position", unit="", kind="choice", group="Load",
              default="none", choices=LOAD_POSITIONS,
              choice_labels=("None (arms forward)", "Goblet", "Front squat", "High-bar back", "Low-bar back"),
              help="Where the load is carried; it moves the centre of mass and so the trunk lean."),
    _f("load_kg", "Load", "kg", "Load", 0.0, 0.0, 250.0, 1.0,
       "Mass of the bar or kettlebell (ignored when the load position is 'none')."),
    ParamSpec(name="knees_behind_toes", label="Knees behind toes", unit="", kind="bool", group="Load",
              default=False, help="Coaching restriction: the knees may not pass the toes."),
    # --- Body --------------------------------------------------------------------------
    _f("height_m", "Height", "m", "Body", 1.75, 1.40, 2.10, 0.01,
       "Standing height; segment lengths scale with it (de Leva 1996).", decimals=2),
    _f("body_mass_kg", "Body mass", "kg", "Body", 75.0, 35.0, 160.0, 1.0,
       "Body mass; sets how much a given load shifts the centre of mass."),
    ParamSpec(name="sex", label="Sex", unit="", kind="choice", group="Body", default="male",
              choices=SEXES, choice_labels=("Male", "Female"),
              help="Selects the de Leva segment tables (lengths, masses, centres of mass)."),
    _f("thigh_length_ratio", "Thigh length", "×", "Body", 1.0, 0.85, 1.15, 0.005,
       "Femur length as a multiple of the average for this height and sex.", decimals=3),
    _f("shank_length_ratio", "Shank length", "×", "Body", 1.0, 0.85, 1.15, 0.005,
       "Shin length as a multiple of the average for this height and sex.", decimals=3),
    _f("leg_length_difference_mm", "Leg length difference", "mm", "Body", 0.0, -30.0, 30.0, 1.0,
       "Right leg minus left leg (+: the right leg is longer); the difference is in the shin.",
       advanced=True),
    _f("trunk_length_ratio", "Trunk length", "×", "Body", 1.0, 0.85, 1.15, 0.005,
       "Trunk length as a multiple of the average for this height and sex.", decimals=3),
    # --- Control & spine ---------------------------------------------------------------
    _f("motor_control", "Motor control", "", "Control & spine", 0.95, 0.5, 1.0, 0.01,
       "Share of the bony hip range used before the pelvis starts to tuck (1 = all of it).",
       decimals=2),
    _f("lordosis_deg", "Standing lordosis", "°", "Control & spine", 50.0, 10.0, 70.0, 1.0,
       "Standing lumbar lordosis L1–S1 (Cobb); it is used up before the back rounds."),
    _f("lumbar_flexion_max_deg", "Tolerated lumbar flexion", "°", "Control & spine", 35.0, 10.0,
       60.0, 1.0, "Lumbar flexion from standing the lifter accepts under load; the squat ends there."),
)

#: The two-sided parameters that may differ left and right (each also has a left and a right override).
SIDED: tuple[str, ...] = ("ankle_dorsiflexion_deg", "heel_elevation_mm", "femoral_anteversion_deg",
                          "acetabular_lce_deg", "acetabular_version_deg", "neck_shaft_angle_deg",
                          "alpha_angle_deg", "toe_out_deg")
SIDES: tuple[str, ...] = ("left", "right")


def side_name(name: str, side: str) -> str:
    """The override of two-sided ``name`` for ``side`` ("left"/"right"): unit suffix kept last
    (``femoral_anteversion_deg`` → ``femoral_anteversion_left_deg``)."""
    stem, _, unit = name.rpartition("_")
    return f"{stem}_{side}_{unit}"


def _side_spec(base: ParamSpec, side: str) -> ParamSpec:
    return ParamSpec(name=side_name(base.name, side), label=f"{base.label} ({side})", unit=base.unit,
                     kind="float", group=base.group, default=None, minimum=base.minimum,  # type: ignore[arg-type]
                     maximum=base.maximum, step=base.step, help=f"{side.capitalize()} side only; unset: "
                     f"the two-sided value. {base.help}", advanced=True, decimals=base.decimals,
                     value_labels=base.value_labels, both=base.name)


#: One-side overrides, left then right for each of :data:`SIDED`: same range and step as the two-sided
#: spec; default ``None`` ("the same as both"). Not sliders of their own: the "left ≠ right" switch of
#: the two-sided slider drives them.
SIDE_SPECS: tuple[ParamSpec, ...] = tuple(_side_spec(next(s for s in PARAM_SPECS if s.name == name), side)
                                          for name in SIDED for side in SIDES)

SPECS_BY_NAME: dict[str, ParamSpec] = {spec.name: spec for spec in PARAM_SPECS + SIDE_SPECS}


def spec(name: str) -> ParamSpec:
    """Return the spec called ``name``; ``KeyError`` with the known names otherwise."""
    try:
        return SPECS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown parameter {name!r}; known: {', '.join(SPECS_BY_NAME)}") from None


def specs_in_group(group: str) -> tuple[ParamSpec, ...]:
    """Specs of one UI group, in declaration order."""
    return tuple(s for s in PARAM_SPECS if s.group == group)
