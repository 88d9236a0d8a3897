"""The lifter's anatomy: an immutable, hashable value built from the parameter specs.

``Anatomy`` is what the solver reads and what the depth sweep is cached by.
Every field is validated against its :class:`~viewer.model.params.ParamSpec`
on construction, so an ``Anatomy`` that exists is always inside the model's
domain.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .params import PARAM_SPECS, SIDE_SPECS, SIDED, SPECS_BY_NAME, side_name


def _defaults_from_specs(cls: type) -> type:
    """Give each annotated field of ``cls`` its spec's default (the spec is the one place a default lives).

    Raises ``KeyError`` for a field without a spec; :func:`_check_fields_match_specs` catches the reverse.
    """
    for name in cls.__annotations__:
        setattr(cls, name, SPECS_BY_NAME[name].default)
    return cls


@dataclass(frozen=True, slots=True)
@_defaults_from_specs
class Anatomy:
    """All inputs of the squat model. Field names carry units; see ``params.py``.

    Each field's default is its spec's ``default`` (``Anatomy()`` is the reference lifter).

    Raises ``ValueError`` (out of range, NaN, unknown choice) or ``TypeError``
    (wrong type) naming the parameter when a value is not allowed.
    """

    ankle_dorsiflexion_deg: float
    heel_elevation_mm: float
    femoral_anteversion_deg: float
    acetabular_lce_deg: float
    acetabular_version_deg: float
    neck_shaft_angle_deg: float
    alpha_angle_deg: float
    stance_width_m: float
    toe_out_deg: float
    load_position: str
    load_kg: float
    knees_behind_toes: bool
    height_m: float
    body_mass_kg: float
    sex: str
    thigh_length_ratio: float
    shank_length_ratio: float
    trunk_length_ratio: float
    motor_control: float
    lordosis_deg: float
    lumbar_flexion_max_deg: float
    knees_out_cm: float
    leg_length_difference_mm: float
    # one-side overrides (params.SIDE_SPECS): None = the two-sided value
    ankle_dorsiflexion_left_deg: float | None
    ankle_dorsiflexion_right_deg: float | None
    heel_elevation_left_mm: float | None
    heel_elevation_right_mm: float | None
    femoral_anteversion_left_deg: float | None
    femoral_anteversion_right_deg: float | None
    acetabular_lce_left_deg: float | None
    acetabular_lce_right_deg: float | None
    acetabular_version_left_deg: float | None
    acetabular_version_right_deg: float | None
    neck_shaft_angle_left_deg: float | None
    neck_shaft_angle_right_deg: float | None
    alpha_angle_left_deg: float | None
    alpha_angle_right_deg: float | None
    toe_out_left_deg: float | None
    toe_out_right_deg: float | None

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            checked = SPECS_BY_NAME[field.name].validate(getattr(self, field.name))
            object.__setattr__(self, field.name, checked)
        self._merge_equal_sides()

    def _merge_equal_sides(self) -> None:
        """One spelling per lifter: both sides' overrides equal → the two-sided value; an override equal to
        the two-sided value → unset. (Otherwise a lifter with equal overrides would be solved, cached and
        drawn with the two-sided value its overrides replace.)"""
        for name in SIDED:
            left, right = side_name(name, "left"), side_name(name, "right")
            lv, rv = getattr(self, left), getattr(self, right)
            if lv is not None and lv == rv:
                object.__setattr__(self, name, lv)
            base = getattr(self, name)
            for key, value in ((left, lv), (right, rv)):
                if value is not None and value == base:
                    object.__setattr__(self, key, None)

    def replace(self, **changes: Any) -> Anatomy:
        """Return a copy with ``changes`` applied (validated)."""
        unknown = set(changes) - set(SPECS_BY_NAME)
        if unknown:
            raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, float | str | bool]:
        """Plain dict of all fields (JSON-serialisable)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Anatomy:
        """Build from a mapping; missing keys take defaults, unknown keys raise ``ValueError``.

        Integers are accepted for float parameters.
        """
        if not isinstance(values, Mapping):
            raise TypeError(f"anatomy must be a mapping of parameter names to values, got {type(values).__name__}")
        unknown = set(values) - set(SPECS_BY_NAME)
        if unknown:
            raise ValueError(f"unknown parameter(s): {', '.join(sorted(map(str, unknown)))}")
        return cls(**dict(values))


def _check_fields_match_specs() -> None:
    names = [f.name for f in dataclasses.fields(Anatomy)]
    spec_names = [s.name for s in PARAM_SPECS + SIDE_SPECS]
    if sorted(names) != sorted(spec_names):
        raise RuntimeError("Anatomy fields and PARAM_SPECS disagree")


_check_fields_match_specs()

DEFAULT_ANATOMY = Anatomy()
