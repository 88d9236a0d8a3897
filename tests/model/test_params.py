"""Parameter specs ↔ Anatomy, validation messages, presets."""

import dataclasses
import math

import pytest

from viewer.model import DEFAULT_ANATOMY, PARAM_SPECS, PRESETS, Anatomy
from viewer.model.params import GROUPS, SPECS_BY_NAME, spec

ISSUE_FIELDS = {
    "height_m", "body_mass_kg", "sex", "ankle_dorsiflexion_deg", "heel_elevation_mm", "femoral_anteversion_deg",
    "acetabular_lce_deg", "acetabular_version_deg", "neck_shaft_angle_deg", "alpha_angle_deg", "stance_width_m",
    "toe_out_deg", "load_position", "load_kg", "knees_behind_toes", "motor_control", "lordosis_deg",
    "lumbar_flexion_max_deg", "thigh_length_ratio", "shank_length_ratio", "trunk_length_ratio",
}
# Ranges the issue requires the specs to cover (at least).
REQUIRED_RANGES = {
    "height_m": (1.40, 2.10), "body_mass_kg": (35, 160), "ankle_dorsiflexion_deg": (0, 50),
    "heel_elevation_mm": (0, 50), "femoral_anteversion_deg": (-20, 45), "acetabular_lce_deg": (10, 50),
    "acetabular_version_deg": (0, 35), "neck_shaft_angle_deg": (115, 145), "alpha_angle_deg": (35, 85),
    "stance_width_m": (0.15, 0.80), "toe_out_deg": (0, 45), "load_kg": (0, 250), "motor_control": (0.5, 1.0),
    "lordosis_deg": (10, 70), "lumbar_flexion_max_deg": (10, 60), "thigh_length_ratio": (0.85, 1.15),
    "shank_length_ratio": (0.85, 1.15), "trunk_length_ratio": (0.85, 1.15),
}


def test_specs_and_anatomy_fields_agree():
    names = {f.name for f in dataclasses.fields(Anatomy)}
    assert names == set(SPECS_BY_NAME)
    assert ISSUE_FIELDS <= names
    for f in dataclasses.fields(Anatomy):
        assert f.default == SPECS_BY_NAME[f.name].default


@pytest.mark.parametrize("s", PARAM_SPECS, ids=lambda s: s.name)
def test_spec_is_complete(s):
    assert s.label and s.help and s.group in GROUPS
    if s.kind == "float":
        assert s.minimum <= s.default <= s.maximum
        assert s.step > 0 and math.isfinite(s.step)
    elif s.kind == "choice":
        assert s.default in s.choices and len(s.choice_labels) == len(s.choices)
    else:
        assert isinstance(s.default, bool)


@pytest.mark.parametrize("name", sorted(REQUIRED_RANGES))
def test_ranges_cover_the_issue(name):
    lo, hi = REQUIRED_RANGES[name]
    assert spec(name).minimum <= lo and spec(name).maximum >= hi


@pytest.mark.parametrize("s", [s for s in PARAM_SPECS if s.kind == "float"], ids=lambda s: s.name)
def test_out_of_range_names_parameter_value_and_range(s):
    too_big = s.maximum + max(1.0, abs(s.maximum))
    with pytest.raises(ValueError) as err:
        Anatomy(**{s.name: too_big})
    text = str(err.value)
    assert s.name in text and f"{too_big:g}" in text and f"{s.minimum:g}" in text and f"{s.maximum:g}" in text
    with pytest.raises(ValueError, match=s.name):
        Anatomy(**{s.name: math.nan})
    with pytest.raises(TypeError, match=s.name):
        Anatomy(**{s.name: "1"})
    # the ends of the range are allowed
    assert getattr(Anatomy(**{s.name: s.minimum}), s.name) == s.minimum
    assert getattr(Anatomy(**{s.name: s.maximum}), s.name) == s.maximum


def test_choices_and_bools_are_checked():
    with pytest.raises(ValueError, match="load_position"):
        Anatomy(load_position="overhead")
    with pytest.raises(TypeError, match="sex"):
        Anatomy(sex=1)
    with pytest.raises(TypeError, match="knees_behind_toes"):
        Anatomy(knees_behind_toes=1)
    with pytest.raises(ValueError, match="unknown"):
        DEFAULT_ANATOMY.replace(shoe_size=42)


def test_anatomy_is_hashable_and_round_trips():
    a = Anatomy(height_m=1.8, sex="female")
    assert hash(a) == hash(Anatomy.from_dict(a.to_dict()))
    assert a == Anatomy.from_dict(a.to_dict())


REQUIRED_PRESETS = ("Average lifter", "Stiff ankles", "Plates under heels", "Deep sockets (Scottish hip)",
                    "Shallow sockets", "Retroverted femurs", "Anteverted femurs", "Wide stance, toes out",
                    "Long femurs, short torso", "Goblet squat", "Low-bar back squat", "Knees kept behind toes",
                    "Poor motor control")


def test_presets_exist_are_valid_and_tell_a_story():
    assert set(REQUIRED_PRESETS) <= set(PRESETS)
    for p in PRESETS.values():
        assert isinstance(p.anatomy, Anatomy) and p.story
        assert set(p.overrides) <= set(SPECS_BY_NAME)


@pytest.mark.parametrize("value", [10**400, -(10**400), 10**4000, 10**15, 251], ids=["400 digits", "minus 400 digits",
                                                                                     "4000 digits", "16 digits", "251"])
def test_whole_numbers_of_any_size_are_a_value_error_with_a_short_message(value):
    """A whole number past float's range (≈ 1.8e308) is a ValueError, not float()'s OverflowError."""
    with pytest.raises(ValueError) as err:
        Anatomy(load_kg=value)
    text = str(err.value)
    assert text.startswith("load_kg = ") and "out of range 0–250 kg" in text and len(text) < 100
    if abs(value) > 10**15:
        assert "-digit number" in text


def test_messages_show_long_values_cut():
    with pytest.raises(TypeError) as err:
        Anatomy(load_kg="9" * 100_000)
    assert len(str(err.value)) < 100
