"""The hip budget gauge: hip flexion needed vs the bony stop, and the frozen B's need."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.ui.plot_curves import hip_flexion_needed_deg


def _needed_now(solution) -> float:
    sweep = solution.sweep
    return float(np.interp(solution.thigh_angle_deg, np.asarray(sweep.thigh_angle_deg), hip_flexion_needed_deg(sweep)))


def test_standing_needs_less_than_the_stop_and_nothing_is_over(window):
    window.store.set_depth_fraction(0.0)
    window.flush()
    sol = window.store.solution
    needed, stop = _needed_now(sol), float(sol.pose.hip_stop_deg)
    assert needed < stop
    assert window.plots.budget_ok.span() == pytest.approx((0.0, needed))
    assert window.plots.budget_over.span()[1] == 0.0
    assert window.plots.budget_stop.value() == pytest.approx(stop)
    assert window.plots.budget_text.toPlainText() == f"needs {needed:.0f}° of {stop:.0f}°"


def test_at_the_bottom_the_excess_over_the_stop_is_the_tuck_bar(window):
    window.store.set_depth_fraction(1.0)
    window.flush()
    sol = window.store.solution
    needed, stop = _needed_now(sol), float(sol.pose.hip_stop_deg)
    assert needed > stop + 1.0  # the default lifter tucks at the bottom
    assert window.plots.budget_ok.span() == pytest.approx((0.0, stop))
    assert window.plots.budget_over.span() == pytest.approx((stop, needed - stop))
    assert "pelvis tucks" in window.plots.budget_text.toPlainText()
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
                             hip_flexion_needed_deg(b)))
    assert window.plots.budget_compare.isVisible()
    assert window.plots.budget_compare.span() == pytest.approx((0.0, need_b))
    assert need_b != pytest.approx(_needed_now(sol), abs=0.5)  # B differs from now: two different bars
    window.store.clear_compare()
    window.flush()
    assert not window.plots.budget_compare.isVisible()


def _boxes(plots):
    widget = plots.budget_plot
    widget.getPlotItem().getViewBox().updateMatrix()
    to_device = widget.viewportTransform()
    return [item.deviceTransform(to_device).mapRect(item.boundingRect())
            for item in (plots.budget_text, plots.budget_stop.label)]


def test_the_stop_label_hides_only_where_the_gauge_s_text_would_cover_it(window, qtbot):
    """A low gauge (a 1280×720 screen) ran its text over the "stop" label under the line; the label
    now gives way (the text names the stop), and comes back where there is room."""
    plots = window.plots
    window.store.set_depth_fraction(1.0)  # the long text: "needs …, stop …: pelvis tucks …"
    window.resize(1560, 960)
    window.flush()
    qtbot.wait(200)
    assert "pelvis tucks" in plots.budget_text.toPlainText()
    assert plots.budget_stop.label.isVisible()
    text_box, label_box = _boxes(plots)
    assert not text_box.intersects(label_box)
    window.resize(1264, 672)  # a 1280×720 screen's free area
    qtbot.wait(300)
    text_box, label_box = _boxes(plots)
    assert text_box.intersects(label_box), (text_box, label_box)  # where the label would be
    assert not plots.budget_stop.label.isVisible()
    window.resize(1560, 960)
    qtbot.waitUntil(lambda: plots.budget_stop.label.isVisible(), timeout=3000)
    text_box, label_box = _boxes(plots)
    assert not text_box.intersects(label_box)
