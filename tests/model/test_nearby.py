"""The slider grid of a float spec, the order in which a drag reaches its values, and the sweep cache."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import viewer.model.squat as squat
from viewer.model import Anatomy
from viewer.model.nearby import BEHIND_WEIGHT, nearby_values
from viewer.model.params import PARAM_SPECS, SPECS_BY_NAME

FLOAT_SPECS = [s for s in PARAM_SPECS if s.kind == "float"]


@pytest.mark.parametrize("s", FLOAT_SPECS, ids=lambda s: s.name)
def test_slider_grid_covers_the_range_and_round_trips(s):
    values = [s.value_at(p) for p in range(s.steps + 1)]
    assert values[0] == s.minimum and values[-1] == s.maximum
    assert all(a < b for a, b in zip(values, values[1:], strict=False))
    assert [s.position(v) for v in values] == list(range(s.steps + 1))
    assert s.position(s.minimum - 10 * s.step) == 0 and s.position(s.maximum + 10 * s.step) == s.steps
    assert s.value_at(-3) == s.minimum and s.value_at(s.steps + 3) == s.maximum


def test_slider_values_are_the_floats_typed_by_hand():
    """A value reached by dragging is the same float as the one typed (the sweep cache keys on it)."""
    assert SPECS_BY_NAME["height_m"].value_at(43) == 1.83
    assert SPECS_BY_NAME["stance_width_m"].value_at(20) == 0.35
    assert SPECS_BY_NAME["load_kg"].value_at(103) == 103.0
    assert SPECS_BY_NAME["ankle_dorsiflexion_deg"].value_at(41) == 8.2
    assert SPECS_BY_NAME["thigh_length_ratio"].value_at(7) == 0.885
    assert SPECS_BY_NAME["motor_control"].value_at(37) == 0.87


def test_a_press_orders_the_nearest_values_first_lower_first():
    s = SPECS_BY_NAME["acetabular_lce_deg"]  # 10 … 50 in 1° steps
    assert nearby_values(s, 30.0, limit=6) == (29.0, 31.0, 28.0, 32.0, 27.0, 33.0)
    assert nearby_values(s, 10.0, limit=3) == (11.0, 12.0, 13.0)  # at the end of the range: one way only


def test_a_moving_drag_orders_the_next_step_first_and_the_way_back_last():
    s = SPECS_BY_NAME["acetabular_lce_deg"]
    up = nearby_values(s, 30.0, previous=28.0, limit=8)
    assert up[:5] == (32.0, 31.0, 33.0, 34.0, 35.0)  # a step of 2 reaches 32 next; then around it, ahead
    assert 29.0 in nearby_values(s, 30.0, previous=28.0, limit=10)
    down = nearby_values(s, 30.0, previous=31.0, limit=4)
    assert down == (29.0, 28.0, 27.0, 26.0)
    # one step back costs as much as BEHIND_WEIGHT steps ahead of the predicted one
    order = nearby_values(s, 30.0, previous=29.0, limit=40)
    assert order.index(29.0) > order.index(31.0 + BEHIND_WEIGHT - 1)


def test_a_parameter_without_a_slider_has_no_values():
    with pytest.raises(ValueError, match="sex"):
        nearby_values(SPECS_BY_NAME["sex"], 0.0)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FLOAT_SPECS), st.data())
def test_nearby_values_are_distinct_grid_values_in_range(s, data):
    here = data.draw(st.integers(0, s.steps))
    previous = data.draw(st.none() | st.integers(0, s.steps).map(s.value_at))
    limit = data.draw(st.integers(0, 200))
    value = s.value_at(here)
    out = nearby_values(s, value, previous, limit)
    assert len(out) == min(limit, s.steps)
    assert len(set(out)) == len(out) and value not in out
    assert all(s.minimum <= v <= s.maximum and s.value_at(s.position(v)) == v for v in out)
    if previous is None or s.position(previous) == here:  # a press: never farther before nearer
        distances = [abs(s.position(v) - here) for v in out]
        assert distances == sorted(distances)
    else:
        stride = here - s.position(previous)
        target = min(max(here + stride, 0), s.steps)
        if out and target != here:
            assert out[0] == s.value_at(target)


def test_sweep_cache_keeps_the_most_recent_and_tells_what_it_has(monkeypatch):
    built = []
    monkeypatch.setattr(squat, "_solve_anatomy", lambda a: built.append(a) or SimpleNamespace(sweep=object()))
    monkeypatch.setattr(squat, "SWEEP_CACHE_SIZE", 3)
    squat.clear_cache()
    a = [Anatomy().replace(acetabular_lce_deg=float(v)) for v in (20, 21, 22, 23)]
    try:
        first = squat.sweep(a[0])
        assert squat.is_cached(a[0]) and not squat.is_cached(a[1])
        assert squat.sweep(a[0]) is first and len(built) == 1  # a hit builds nothing
        squat.sweep(a[1])
        squat.sweep(a[2])
        squat.sweep(a[0])  # a[0] is now the most recently used: a[1] is the oldest
        squat.sweep(a[3])
        assert [squat.is_cached(x) for x in a] == [True, False, True, True]
        assert squat.is_cached(a[2])  # asking does not make a[2] recent …
        squat.sweep(a[1])
        assert not squat.is_cached(a[2])  # … so it goes first
        assert not squat.is_cached("not an anatomy")
    finally:
        squat.clear_cache()
    assert not squat.is_cached(a[0])
