"""A slider drag's sweeps are computed ahead, in idle turns, so a drag event's update finds them cached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

import viewer.model.squat as squat
from viewer.model import Anatomy
from viewer.ui.sweep_prefetch import SweepPrefetcher


@pytest.fixture
def builds(monkeypatch):
    """The anatomies whose sweep the model builds (not cache hits), in order; the cache starts empty."""
    squat.clear_cache()
    built: list[Anatomy] = []
    plain = squat._solve_anatomy

    def counted(anatomy):
        built.append(anatomy)
        return plain(anatomy)

    monkeypatch.setattr(squat, "_solve_anatomy", counted)
    yield built
    squat.clear_cache()


def _handle_centre(slider) -> QPoint:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center()


def test_pressing_a_slider_computes_its_neighbours_sweeps(window, qtbot, builds):
    control = window.controls.controls["acetabular_lce_deg"]
    window.controls.ensureWidgetVisible(control)
    anatomy = window.store.state.anatomy
    value = anatomy.acetabular_lce_deg
    neighbours = [anatomy.replace(acetabular_lce_deg=value + d) for d in (-2.0, -1.0, 1.0, 2.0)]
    qtbot.waitUntil(lambda: not window._levers_timer.isActive())  # the start-up levers' sweeps are done
    qtbot.wait(20)
    builds.clear()
    assert not any(squat.is_cached(a) for a in neighbours)
    qtbot.mousePress(control.slider, Qt.MouseButton.LeftButton, pos=_handle_centre(control.slider))
    try:
        assert control.slider.isSliderDown()
        qtbot.waitUntil(lambda: window.prefetch.idle, timeout=10000)
        assert all(squat.is_cached(a) for a in neighbours)
        assert window.store.state.anatomy == anatomy  # a press alone changes nothing
        assert builds[:2] == [anatomy.replace(acetabular_lce_deg=value - 1.0),
                              anatomy.replace(acetabular_lce_deg=value + 1.0)]  # nearest first
    finally:
        qtbot.mouseRelease(control.slider, Qt.MouseButton.LeftButton, pos=_handle_centre(control.slider))


@pytest.fixture
def app_turn(qtbot):
    """Run the event loop until the window has drawn what it was given and then had one idle turn, in
    which the prefetcher computes one sweep (as between two drag events; the events of a drag are
    ≥ 10 ms apart, and the prefetcher waits 2 ms after a busy turn)."""

    def turn(window) -> None:
        qtbot.waitUntil(lambda: not window.update_pending, timeout=5000)
        done = window.prefetch.computed
        qtbot.waitUntil(lambda: window.prefetch.computed > done or window.prefetch.idle, timeout=5000)

    return turn


def test_a_drag_after_the_press_builds_no_sweep_in_its_updates(window, qtbot, app_turn, builds):
    """A drag through the real slider, two steps per event, with the event loop's turns in between: every
    event after the first finds its sweep cached (the first may have had no idle turn before it); the
    prefetcher guessed the drag's pace (nearest first would compute the value skipped in between)."""
    slider = window.controls.controls["body_mass_kg"].slider
    view_anatomies = []
    slider.setSliderDown(True)
    try:
        for step in range(1, 13):
            builds.clear()
            slider.setValue(slider.value() + 2)
            window.flush()
            view_anatomies.append(window.store.state.anatomy)
            if step > 1:
                assert builds == [], f"event {step} built its own sweep"
            app_turn(window)
    finally:
        slider.setSliderDown(False)
    assert len(set(view_anatomies)) == 12  # every event was a new anatomy


@pytest.fixture
def make_prefetcher():
    """Factory of prefetchers, stopped after the test (a failed test must not feed the next one sweeps)."""
    made: list[SweepPrefetcher] = []

    def make(**kwargs) -> SweepPrefetcher:
        made.append(SweepPrefetcher(**kwargs))
        return made[-1]

    yield make
    for prefetch in made:
        prefetch.stop()

def test_the_prefetcher_waits_while_the_window_is_busy(qtbot, builds, make_prefetcher):
    busy = [True]
    prefetch = make_prefetcher(busy=lambda: busy[0])
    prefetch.follow(Anatomy(), "height_m")
    qtbot.wait(60)
    assert builds == [] and not prefetch.idle
    busy[0] = False
    qtbot.waitUntil(lambda: prefetch.computed >= 2, timeout=5000)
    assert builds[0] == Anatomy().replace(height_m=Anatomy().height_m - 0.01)
    prefetch.stop()
    assert prefetch.idle


def test_the_prefetcher_runs_ahead_of_the_drag(qtbot, builds, make_prefetcher):
    busy = [True]
    prefetch = make_prefetcher(busy=lambda: busy[0])
    a = Anatomy().replace(acetabular_lce_deg=30.0)
    prefetch.follow(a, "acetabular_lce_deg")
    prefetch.follow(a.replace(acetabular_lce_deg=32.0), "acetabular_lce_deg")  # the drag moved up 2 steps
    busy[0] = False
    qtbot.waitUntil(lambda: prefetch.computed >= 3, timeout=5000)
    assert [b.acetabular_lce_deg for b in builds[:3]] == [34.0, 33.0, 35.0]


def test_another_change_between_two_edits_is_not_a_drag_direction(qtbot, builds, make_prefetcher):
    busy = [True]
    prefetch = make_prefetcher(busy=lambda: busy[0])
    a = Anatomy().replace(acetabular_lce_deg=30.0)
    prefetch.follow(a, "acetabular_lce_deg")
    b = a.replace(acetabular_lce_deg=32.0, height_m=1.9)  # e.g. a preset came in between
    prefetch.follow(b, "acetabular_lce_deg")
    busy[0] = False
    qtbot.waitUntil(lambda: prefetch.computed >= 2, timeout=5000)
    assert [x.acetabular_lce_deg for x in builds[:2]] == [31.0, 33.0]  # nearest first, as after a press
    assert all(x.height_m == 1.9 for x in builds)


def test_cached_sweeps_are_skipped_and_choices_ignored(qtbot, builds, make_prefetcher):
    a = Anatomy()
    squat.sweep(a.replace(toe_out_deg=a.toe_out_deg - 1.0))
    builds.clear()
    prefetch = make_prefetcher()
    prefetch.follow(a, "sex")
    assert prefetch.idle
    prefetch.follow(a, "toe_out_deg")
    qtbot.waitUntil(lambda: prefetch.computed >= 2, timeout=5000)
    assert a.replace(toe_out_deg=a.toe_out_deg - 1.0) not in builds
    assert builds[0] == a.replace(toe_out_deg=a.toe_out_deg + 1.0)
