"""'What would buy depth' with own-anatomy results: the plain gains at once, each gain's range once the
background job ends (the model's own ranges), dropped and recomputed when the anatomy changes; without
results the list is the plain one."""

from __future__ import annotations

import pytest

from viewer.model import self_tests as st
from viewer.model.lever_ranges import LeverRange, lever_ranges
from viewer.model.levers import lever_effects
from viewer.model.uncertain_anatomy import combine
from viewer.ui.levers_panel import effect_text, range_text

LEVER_SAMPLES = 4  # the wiring is tested here; tests/model/test_lever_ranges.py checks the numbers


@pytest.fixture
def window(make_window):
    w = make_window()
    w.band_runner.samples = 8
    w.band_runner.lever_samples = LEVER_SAMPLES
    return w


def _expected_rows(anatomy, ranges=None) -> list[str]:
    ranges = ranges or {}
    return [f"{e.lever.label}\n    {effect_text(e, ranges.get(e.lever.key))}" for e in lever_effects(anatomy)]


@pytest.mark.parametrize(("low", "high", "text"), [
    (3.2, 8.6, " (3–9°)"), (-2.4, 4.0, " (−2 to +4°)"), (-5.0, -0.6, " (−5 to −1°)"), (-3.0, 0.2, " (−3 to 0°)"),
    (5.8, 6.3, ""),
])
def test_range_words(low, high, text):
    assert range_text(LeverRange("heels", (low + high) / 2, low, high, 4)) == text
    assert range_text(None) == ""


def test_the_gains_carry_their_ranges_once_the_job_ends(window, qtbot):
    base = window.store.state.anatomy
    combined = combine(base, [st.knee_to_wall(0.0, base)])  # stiff ankles, the other tests not done
    window.store.set_anatomy(combined.anatomy.mean, combined)
    window.flush()
    state = window.store.state
    # the plain gains are listed meanwhile; the ranges are computed a walk per event-loop turn
    qtbot.waitUntil(lambda: window.levers.anatomy == state.anatomy, timeout=5000)
    assert window.band_runner.running and window.levers.ranges() == {}
    assert window.levers.row_texts() == _expected_rows(state.anatomy)
    qtbot.waitUntil(lambda: window.levers.ranges() != {}, timeout=120_000)
    expected = lever_ranges(state.uncertain(), LEVER_SAMPLES)
    assert window.levers.ranges() == expected
    rows = window.levers.row_texts()
    assert rows == _expected_rows(state.anatomy, expected)
    assert rows != _expected_rows(state.anatomy)  # at least one gain shows a range
    heels = expected["heels"]
    heels_row = next(r for r in rows if r.startswith("Heel plates"))
    assert f"+{heels.central_deg:.0f}° ({round(heels.low_deg)}–{round(heels.high_deg)}°) → " in heels_row

    # a new anatomy (same results): the ranges go at once, the new ones follow
    window.store.set_anatomy_value("ankle_dorsiflexion_deg", 25.0, gesture=True)
    window.flush()
    assert window.levers.ranges() == {} and window.band_runner.lever_ranges is None
    window.store.end_edit()
    moved = window.store.state
    assert window.band_runner.running and window.band_runner.key == (moved.anatomy, moved.own_anatomy)
    qtbot.waitUntil(lambda: window.levers.ranges() != {} and window.levers.anatomy == moved.anatomy,
                    timeout=120_000)
    again = lever_ranges(moved.uncertain(), LEVER_SAMPLES)
    assert again != expected and window.levers.ranges() == again
    assert window.levers.row_texts() == _expected_rows(moved.anatomy, again)

    # a lifter without results: the plain list, exactly as without uncertainty
    window.store.set_anatomy(base)
    window.flush()
    qtbot.waitUntil(lambda: window.levers.anatomy == base, timeout=5000)
    assert window.levers.ranges() == {} and not window.band_runner.running
    assert window.levers.row_texts() == _expected_rows(base)
    assert not any("(" in r.split("\n")[1] for r in window.levers.row_texts())
