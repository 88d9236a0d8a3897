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

from .params import PARAM_SPECS, SIDE_SPECS, SPECS_BY_NAME


@dataclass(frozen=True, slots=True)
class Anatomy:
    """All inputs of the squat model. Field names carry units; see ``params.py``.

    Raises ``ValueError`` (out of range, NaN, unknown choice) or ``TypeError``
    (wrong type) naming the parameter when a value is not allowed.
    """

    ankle_dorsiflexion_deg: float = 40.0
    heel_elevation_mm: float = 0.0
    femoral_anteversion_deg: float = 12.0
    acetabular_lce_deg: float = 28.0
    acetabular_version_deg: float = 20.0
    neck_shaft_angle_deg: float = 130.0
    alpha_angle_deg: float = 42.0
    stance_width_m: float = 0.35
    toe_out_deg: float = 15.0
    load_position: str = "none"
    load_kg: float = 0.0
    knees_behind_toes: bool = False
    height_m: float = 1.75
    body_mass_kg: float = 75.0
    sex: str = "male"
    thigh_length_ratio: float = 1.0
    shank_length_ratio: float = 1.0
    trunk_length_ratio: float = 1.0
    motor_control: float = 0.95
    lordosis_deg: float = 50.0
    lumbar_flexion_max_deg: float = 35.0
    knees_out_cm: float = 0.0
    leg_length_difference_mm: float = 0.0
    # one-side overrides (params.SIDE_SPECS): None = the two-sided value
    ankle_dorsiflexion_left_deg: float | None = None
    ankle_dorsiflexion_right_deg: float | None = None
    heel_elevation_left_mm: float | None = None
    heel_elevation_right_mm: float | None = None
    femoral_anteversion_left_deg: float | None = None
    femoral_anteversion_right_deg: float | None = None
    acetabular_lce_left_deg: float | None = None
    acetabular_lce_right_deg: float | None = None
    acetabular_version_left_deg: float | None = None
    acetabular_version_right_deg: float | None = None
    neck_shaft_angle_left_deg: float | None = None
    neck_shaft_angle_right_deg: float | None = None
    alpha_angle_left_deg: float | None = None
    alpha_angle_right_deg: float | None = None
    toe_out_left_deg: float | None = None
    toe_out_right_deg: float | None = None

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            checked = SPECS_BY_NAME[field.name].validate(getattr(self, field.name))
            object.__setattr__(self, field.name, checked)

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
    for f in dataclasses.fields(Anatomy):
        if f.default != SPECS_BY_NAME[f.name].default:
            raise RuntimeError(f"default of {f.name} differs between Anatomy and its spec")


_check_fields_match_specs()

DEFAULT_ANATOMY = Anatomy()
