"""The hip budget gauge: hip flexion needed vs the bony stop, and the frozen B's need."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _needed_now(solution) -> float:
    """The model's figure, interpolated from the sweep independently of the gauge's own reading."""
    sweep = solution.sweep
    return float(np.interp(solution.thigh_angle_deg, np.asarray(sweep.thigh_angle_deg),
                           np.asarray(sweep.hip_flexion_needed_deg)))


def test_standing_needs_less_than_the_stop_and_nothing_is_over(window):
    window.store.set_depth_fraction(0.0)
    window.flush()
    sol = window.store.solution
    needed, stop = _needed_now(sol), float(sol.pose.hip_stop_deg)
    assert needed < stop
    assert window.plots.budget_ok.span() == pytest.approx((0.0, needed))
    assert window.plots.budget_over.span()[1] == 0.0
    assert window.plots.budget_stop.value() == pytest.approx(stop)
    assert window.plots.budget_text.text() == f"needs {needed:.0f}° of {stop:.0f}°\n "


def test_at_the_bottom_the_excess_over_the_stop_is_the_tuck_bar(window):
    window.store.set_depth_fraction(1.0)
    window.flush()
    sol = window.store.solution
    needed, stop = _needed_now(sol), float(sol.pose.hip_stop_deg)
    assert needed > stop + 1.0  # the default lifter tucks at the bottom
    assert window.plots.budget_ok.span() == pytest.approx((0.0, stop))
    assert window.plots.budget_over.span() == pytest.approx((stop, needed - stop))
    tuck = float(sol.pose.pelvic_tuck_deg)
    assert window.plots.budget_text.text() == f"needs {needed:.0f}°, stop {stop:.0f}°:\npelvis tucks {tuck:.0f}°"
    assert round(needed - stop) == round(tuck)  # the bar over the stop is the tuck the headline names
    # moving back up shrinks the bars again (they follow every depth, not only the first)
    window.store.set_depth_fraction(0.3)
    window.flush()
    assert window.plots.budget_over.span()[1] == 0.0
    assert window.plots.budget_ok.span()[1] == pytest.approx(_needed_now(window.store.solution))


def test_a_frozen_b_shows_its_own_need_as_a_grey_bar_and_clearing_hides_it(window):
    window.store.set_depth_fraction(0.8)
    window.store.freeze_compare()
    window.store.set_anatomy_value("ankle_dorsiflexion_deg", 20.0)
    window.flush()
    sol = window.store.solution
    b = sol.compare_sweep
    need_b = float(np.interp(sol.compare_pose.thigh_angle_deg, np.asarray(b.thigh_angle_deg),
                             np.asarray(b.hip_flexion_needed_deg)))
    assert window.plots.budget_compare.isVisible()
    assert window.plots.budget_compare.span() == pytest.approx((0.0, need_b))
    assert need_b != pytest.approx(_needed_now(sol), abs=0.5)  # B differs from now: two different bars
    window.store.clear_compare()
    window.flush()
    assert not window.plots.budget_compare.isVisible()


def test_the_stop_label_stays_inside_the_gauge(window, qtbot):
    """The "stop" label stands right of its line, or left of it where the gauge has no room on the right
    (a stop near the end of the range, a narrow gauge)."""
    plots = window.plots
    widget = plots.budget_plot
    window.store.set_depth_fraction(1.0)
    window.flush()
    splitter = window.splitter
    for plots_px, flipped in ((600, False), (0, None)):
        splitter.setSizes([splitter.width() - plots_px, plots_px])
        qtbot.wait(200)
        view = widget.mapFromScene(widget.getPlotItem().getViewBox().sceneBoundingRect()).boundingRect()
        label = plots.budget_stop.label
        box = label.deviceTransform(widget.viewportTransform()).mapRect(label.boundingRect()).toRect()
        assert label.isVisible() and view.adjusted(-1, -1, 1, 1).contains(box), (plots_px, box, view)
        if flipped is not None:
            assert label.is_flipped() == flipped
