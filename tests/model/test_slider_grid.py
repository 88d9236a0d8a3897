"""The slider grid of a float spec, and the sweep cache."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import viewer.model.squat as squat
from viewer.model import Anatomy
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


def test_sweep_cache_keeps_the_most_recent(monkeypatch):
    built = []
    monkeypatch.setattr(squat, "_solve_anatomy", lambda a: built.append(a) or SimpleNamespace(sweep=object()))
    monkeypatch.setattr(squat, "SWEEP_CACHE_SIZE", 3)
    monkeypatch.setattr(squat, "_solved", type(squat._solved)())  # an empty cache of this test's own
    a = [Anatomy().replace(acetabular_lce_deg=float(v)) for v in (20, 21, 22, 23)]
    first = squat.sweep(a[0])
    assert squat.sweep(a[0]) is first and built == [a[0]]  # a hit builds nothing
    squat.sweep(a[1])
    squat.sweep(a[2])
    squat.sweep(a[0])  # a[0] is now the most recently used: a[1] is the oldest
    squat.sweep(a[3])
    built.clear()
    for x in (a[0], a[2], a[3]):
        squat.sweep(x)
    assert built == []  # kept
    squat.sweep(a[1])
    assert built == [a[1]]  # a[1] went first
