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
    assert window.plots.budget_text.toPlainText() == f"needs {needed:.0f}° of {stop:.0f}°"


def test_at_the_bottom_the_excess_over_the_stop_is_the_tuck_bar(window):
    window.store.set_depth_fraction(1.0)
    window.flush()
    sol = window.store.solution
    needed, stop = _needed_now(sol), float(sol.pose.hip_stop_deg)
    assert needed > stop + 1.0  # the default lifter tucks at the bottom
    assert window.plots.budget_ok.span() == pytest.approx((0.0, stop))
    assert window.plots.budget_over.span() == pytest.approx((stop, needed - stop))
    tuck = float(sol.pose.pelvic_tuck_deg)
    assert window.plots.budget_text.toPlainText() in (  # the long text, or the compact one of a narrow gauge
        f"needs {needed:.0f}°, stop {stop:.0f}°: pelvis tucks {tuck:.0f}°", f"needs {needed:.0f}° > stop {stop:.0f}°")
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


def _boxes(plots):
    widget = plots.budget_plot
    widget.getPlotItem().getViewBox().updateMatrix()
    to_device = widget.viewportTransform()
    return [item.deviceTransform(to_device).mapRect(item.boundingRect())
            for item in (plots.budget_text, plots.budget_stop.label)]


def test_the_stop_label_hides_exactly_where_the_gauge_s_text_would_cover_it(window, qtbot):
    """A low gauge (a 1280×720 screen) ran its text over the "stop" label under the line; the label gives
    way where the text would cover it (the text names the stop) and shows wherever there is room. Where
    the two meet depends on the fonts, so each size checks the rule, not a font's width."""
    plots = window.plots
    window.store.set_depth_fraction(1.0)  # the long text: "needs …, stop …: pelvis tucks …"
    window.flush()
    shown = []
    for size in ((1560, 960), (1264, 672), (1000, 640), (1560, 960)):
        window.resize(*size)
        qtbot.wait(300)
        assert "stop" in plots.budget_text.toPlainText()  # the text names the stop (long or compact)
        text_box, label_box = _boxes(plots)
        assert plots.budget_stop.label.isVisible() == (not text_box.intersects(label_box)), size
        shown.append(plots.budget_stop.label.isVisible())
    assert shown[0] and shown[-1]  # a full-HD window has room for both, and gets the label back
