"""What would buy depth: each lever's effect is the difference of two sweeps, levers stay in range."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import example, given, settings
from test_properties import anatomies

from viewer.model import Anatomy, sweep
from viewer.model.levers import LEVERS, lever_effects, neutral_depth_deg
from viewer.model.params import SPECS_BY_NAME
from viewer.model.presets import PRESETS
from viewer.model.sides import side_value


def _changed_fields(a: Anatomy, b: Anatomy) -> set[str]:
    return {f.name for f in dataclasses.fields(Anatomy) if getattr(a, f.name) != getattr(b, f.name)}


def _lever_field(a: Anatomy, b: Anatomy) -> str:
    """The one input a lever changed from ``a`` to ``b``. A side's override that equals the new two-sided
    value merges into it (one spelling per lifter), so it may be cleared along with it."""
    changed = _changed_fields(a, b)
    merged = {n for n in changed if n in SPECS_BY_NAME and SPECS_BY_NAME[n].both and getattr(b, n) is None
              and getattr(a, n) == getattr(b, SPECS_BY_NAME[n].both)}
    (name,) = changed - merged
    assert all(SPECS_BY_NAME[n].both == name for n in merged)
    return name


def test_stiff_ankles_gain_most_from_heel_plates_and_ankle_mobility():
    """The ankle is what ends this lifter's knee travel: lending it range moves the tuck deeper."""
    a = PRESETS["Stiff ankles"].anatomy
    effects = {e.lever.key: e for e in lever_effects(a)}
    assert effects["heels"].gain_deg > 5.0 and effects["ankle"].gain_deg > 5.0
    assert effects["heels"].deepest_gain_deg > 10.0  # and the squat itself gets much deeper
    assert "knees" not in effects  # no knees-behind-toes cue to drop


def test_each_effect_is_the_difference_of_the_two_sweeps_and_changes_one_thing():
    a = PRESETS["Knees kept behind toes"].anatomy
    before = sweep(a)
    effects = lever_effects(a)
    assert [e.lever.key for e in effects][0] == "knees"  # dropping the cue buys the most here
    for e in effects:
        after = sweep(e.anatomy)
        assert e.neutral_before_deg == neutral_depth_deg(before)
        assert e.neutral_after_deg == neutral_depth_deg(after)
        assert e.gain_deg == pytest.approx(neutral_depth_deg(after) - neutral_depth_deg(before))
        assert e.deepest_after_deg == after.deepest.thigh_angle_deg
        assert e.tucks_after == (after.tuck_onset is not None)
        _lever_field(a, e.anatomy)


def test_levers_at_the_end_of_their_range_or_already_pulled_are_left_out():
    a = Anatomy(heel_elevation_mm=50.0, ankle_dorsiflexion_deg=48.0, motor_control=1.0, knees_behind_toes=False)
    effects = {e.lever.key: e for e in lever_effects(a)}
    assert "heels" not in effects and "control" not in effects and "knees" not in effects
    assert effects["ankle"].anatomy.ankle_dorsiflexion_deg == 50.0  # +5° clipped to the slider's top


def test_bad_input_names_the_problem():
    with pytest.raises(TypeError, match="Anatomy"):
        lever_effects({"ankle_dorsiflexion_deg": 30.0})


@settings(max_examples=60, deadline=None)
@given(anatomies)
# the right side already at the toe-out lever's new two-sided value: the override merges into it
@example(Anatomy(toe_out_deg=35.0, toe_out_right_deg=45.0, lumbar_flexion_max_deg=10.0))
def test_levers_over_the_whole_parameter_space(a):
    effects = lever_effects(a)
    gains = [e.gain_deg for e in effects]
    assert all(round(x, 6) >= round(y, 6) for x, y in zip(gains, gains[1:], strict=False))  # best first
    assert len({e.lever.key for e in effects}) == len(effects) <= len(LEVERS)
    for e in effects:
        assert all(math.isfinite(v) for v in (e.gain_deg, e.deepest_gain_deg))
        name = _lever_field(a, e.anatomy)
        spec = SPECS_BY_NAME[name]
        value = getattr(e.anatomy, name)
        if spec.kind == "float":
            assert spec.minimum <= value <= spec.maximum
            before = getattr(a, name) if not spec.both else side_value(a, spec.both, name.split("_")[-2][0])
            assert value > before  # every numeric lever raises its parameter


def test_one_stiff_ankle_is_offered_that_ankle_and_knees_out():
    a = PRESETS["One stiff ankle"].anatomy
    effects = {e.lever.key: e for e in lever_effects(a)}
    assert "ankle_right" not in effects  # the right ankle is the mobile one
    left = effects["ankle_left"]
    assert left.lever.label == "Left ankle mobility +5°"
    assert left.anatomy.ankle_dorsiflexion_left_deg == 30.0 and left.anatomy.ankle_dorsiflexion_right_deg is None
    assert left.gain_deg > 1.0
    assert effects["knees_out"].anatomy.knees_out_cm == 5.0 and effects["knees_out"].gain_deg > 0.0


def test_a_symmetric_lifter_is_offered_no_one_side_change():
    keys = {e.lever.key for e in lever_effects(Anatomy())}
    assert "ankle_left" not in keys and "ankle_right" not in keys and "knees_out" in keys
