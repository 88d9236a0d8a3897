"""The presets are different squats, and each tells the story it names (compared with the average lifter)."""

import itertools

import pytest

from viewer.model import PRESETS, sweep
from viewer.model.presets import preset

#: Two presets are different squats when one of these figures differs by at least this much (°).
DIFFERENT_DEG = 2.0


def figures(name: str) -> dict[str, float]:
    s = sweep(PRESETS[name].anatomy)
    return {
        "tuck": s.tuck_onset.thigh_angle_deg if s.tuck_onset is not None else s.deepest.thigh_angle_deg + 10.0,
        "rounding": (s.rounding_onset.thigh_angle_deg if s.rounding_onset is not None
                     else s.deepest.thigh_angle_deg + 10.0),
        "deepest": s.deepest.thigh_angle_deg,
        "peak lean": float(s.trunk_lean_deg.max()),
        "hip stop": float(s.hip_stop_deg.max()),
    }


@pytest.mark.parametrize("a, b", list(itertools.combinations(PRESETS, 2)))
def test_no_two_presets_are_the_same_squat(a, b):
    fa, fb = figures(a), figures(b)
    assert max(abs(fa[k] - fb[k]) for k in fa) >= DIFFERENT_DEG, (a, b, fa, fb)


BASE = "Average lifter"


def tuck(name: str) -> float:
    return figures(name)["tuck"]


def lean(name: str) -> float:
    return figures(name)["peak lean"]


def test_every_preset_reaches_its_tuck():
    # each preset shows the butt wink it is about: the hip reaches its stop before the squat ends
    for name in PRESETS:
        assert sweep(PRESETS[name].anatomy).tuck_onset is not None, name


@pytest.mark.parametrize("name", ["Stiff ankles", "Deep sockets (Scottish hip)", "Retroverted femurs",
                                  "Long femurs, short torso", "Low-bar back squat", "Knees kept behind toes",
                                  "Poor motor control"])
def test_stories_of_an_earlier_tuck(name):
    assert tuck(name) < tuck(BASE) - 5.0


@pytest.mark.parametrize("name", ["Shallow sockets", "Anteverted femurs", "Wide stance, toes out"])
def test_stories_of_a_later_tuck(name):
    assert tuck(name) > tuck(BASE) + 5.0


@pytest.mark.parametrize("name", ["Stiff ankles", "Long femurs, short torso", "Low-bar back squat",
                                  "Knees kept behind toes"])
def test_stories_of_more_trunk_lean(name):
    assert lean(name) > lean(BASE) + 10.0


def test_plates_lend_the_stiff_ankles_range():
    assert tuck("Plates under heels") > tuck("Stiff ankles") + 5.0
    assert lean("Plates under heels") < lean("Stiff ankles") - 10.0
    assert figures("Plates under heels")["deepest"] > figures("Stiff ankles")["deepest"] + 10.0


def test_goblet_is_more_upright_than_arms_forward_and_low_bar_leans_most_of_the_loads():
    assert lean("Goblet squat") < lean(BASE) - 5.0
    low_bar = lean("Low-bar back squat")
    base = PRESETS[BASE].anatomy
    for position in ("goblet", "front", "high_bar"):
        other = float(sweep(base.replace(load_position=position, load_kg=75.0)).trunk_lean_deg.max())
        assert other < low_bar, position


def test_deep_sockets_and_poor_control_lower_the_hip_stop():
    stop = figures(BASE)["hip stop"]
    assert figures("Deep sockets (Scottish hip)")["hip stop"] < stop - 10.0
    assert figures("Poor motor control")["hip stop"] < stop - 20.0
    assert figures("Shallow sockets")["hip stop"] > stop + 5.0


def test_stories_quote_the_numbers_of_their_anatomy():
    assert "−12°" in preset("Retroverted femurs").story
    assert preset("Retroverted femurs").anatomy.femoral_anteversion_deg == -12.0
    assert "LCE 42°" in preset("Deep sockets (Scottish hip)").story
    assert "28°" in preset("Stiff ankles").story


def test_one_stiff_ankle_shifts_onto_the_mobile_side_and_the_crowded_hip_stops_first():
    s = sweep(PRESETS["One stiff ankle"].anatomy)
    assert s.pelvic_shift_cm[-1] > 2.0 and s.foot_load_r_pct[-1] > 54.0
    assert s.first_stop_side == "r"
    assert tuck("One stiff ankle") < tuck(BASE) - 5.0
    assert tuck("Stiff ankles") < tuck("One stiff ankle")  # one stiff ankle costs less than two


def test_one_retroverted_hip_decides_the_tuck_and_the_pelvis_shifts_away_from_it():
    s = sweep(PRESETS["One retroverted hip"].anatomy)
    assert s.first_stop_side == "r" and s.hip_stop_onset_l is None
    assert s.pelvic_shift_cm[-1] < -2.0 and s.foot_load_l_pct[-1] > 55.0
    assert tuck("One retroverted hip") < tuck(BASE) - 10.0


def test_knees_out_with_the_feet_forward_buys_what_toes_out_buys_and_caving_in_costs_depth():
    feet_forward = sweep(PRESETS[BASE].anatomy.replace(toe_out_deg=5.0)).tuck_onset.thigh_angle_deg
    assert tuck("Knees out, feet forward") > feet_forward + 5.0
    assert tuck("Knees out, feet forward") > tuck(BASE) + 2.0
    assert tuck("Knees caving in") < tuck(BASE) - 2.0
    out, caving = (sweep(PRESETS[n].anatomy) for n in ("Knees out, feet forward", "Knees caving in"))
    assert out.knee_out_r_cm[-1] > 0.0 > caving.knee_out_r_cm[-1]
    assert not out.pelvic_shift_cm.any() and not caving.pelvic_shift_cm.any()  # both sides alike
