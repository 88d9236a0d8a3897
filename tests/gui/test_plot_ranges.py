"""A squat deeper than the depth plots' usual end (45° below parallel), or a hip that needs more than the
gauge's 150°, widens the plot to show it; the axes go back when no shown squat needs the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from viewer.model import PRESETS, Anatomy
from viewer.ui.plot_curves import (
    BUDGET_RANGE_DEG,
    DEEP_DEPTH_RANGE_DEG,
    DEPTH_RANGE_DEG,
    WIDE_BUDGET_RANGE_DEG,
    range_for,
)

DEEP = "Wide stance, toes out"  # deepest 52° below parallel
#: Shallow, anteverted sockets in the widest stance, toes far out: the hip needs ~152° at the bottom.
HIP_HUNGRY = Anatomy(acetabular_lce_deg=10.0, acetabular_version_deg=35.0, femoral_anteversion_deg=45.0,
                     stance_width_m=0.8, toe_out_deg=45.0, alpha_angle_deg=35.0)


def test_range_for_picks_the_wide_range_only_past_the_normal_end():
    assert range_for(43.0, DEPTH_RANGE_DEG, DEEP_DEPTH_RANGE_DEG, 2.0) == DEPTH_RANGE_DEG
    assert range_for(43.01, DEPTH_RANGE_DEG, DEEP_DEPTH_RANGE_DEG, 2.0) == DEEP_DEPTH_RANGE_DEG
    assert range_for(-20.0, BUDGET_RANGE_DEG, WIDE_BUDGET_RANGE_DEG, 5.0) == BUDGET_RANGE_DEG
    assert range_for(160.0, BUDGET_RANGE_DEG, WIDE_BUDGET_RANGE_DEG, 5.0) == WIDE_BUDGET_RANGE_DEG


def _x_range(widget) -> tuple[float, float]:
    return tuple(widget.getPlotItem().getViewBox().viewRange()[0])


def test_a_squat_past_45_degrees_widens_the_depth_plots_and_the_cursor_stays_in_view(window, qtbot):
    plots = window.plots
    window.store.set_anatomy(PRESETS[DEEP].anatomy)
    window.store.set_depth_fraction(1.0)
    window.flush()
    deepest = window.store.solution.thigh_angle_deg
    assert deepest > 50.0
    for widget in (plots.angles_plot, plots.muscles_plot):
        x0, x1 = _x_range(widget)
        assert (x0, x1) == pytest.approx(DEEP_DEPTH_RANGE_DEG)
        assert x0 < deepest < x1
    axis = plots.angles_plot.getPlotItem().getAxis("bottom")
    assert 60.0 in axis.tickValues(*DEEP_DEPTH_RANGE_DEG, axis.width())[0][1]
    # the cursor at the deepest point is inside the view box, the onset labels too
    widget = plots.angles_plot
    vb = widget.getPlotItem().getViewBox()
    view_rect = vb.sceneBoundingRect()
    assert view_rect.contains(plots.cursors[0].scenePos().x(), view_rect.center().y())
    view_px = widget.mapFromScene(view_rect).boundingRect()
    for line in (plots.tuck_line, plots.round_line):  # (the labels keep their size: device pixels)
        label = line.label.deviceTransform(widget.viewportTransform()).mapRect(line.label.boundingRect())
        assert view_px.left() <= label.left() and label.right() <= view_px.right() + 1
    # a click near the deepest point asks for that depth (it was clamped to 45° before)
    pos = plots.angles_plot.mapFromScene(vb.mapViewToScene(QPointF(deepest - 3.0, 0.0)))
    qtbot.mouseClick(plots.angles_plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    window.flush()
    assert window.store.state.thigh_angle_deg == pytest.approx(deepest - 3.0, abs=1.5)
    # back to a squat that ends above 45°: the usual range
    window.store.set_anatomy(PRESETS["Average lifter"].anatomy)
    window.flush()
    assert _x_range(plots.angles_plot) == pytest.approx(DEPTH_RANGE_DEG)
    assert _x_range(plots.muscles_plot) == pytest.approx(DEPTH_RANGE_DEG)


def test_the_frozen_b_keeps_the_wide_range_while_it_is_shown(window):
    plots = window.plots
    window.store.set_anatomy(PRESETS[DEEP].anatomy)
    window.act_freeze.trigger()
    window.store.set_anatomy(PRESETS["Average lifter"].anatomy)
    window.flush()
    assert _x_range(plots.angles_plot) == pytest.approx(DEEP_DEPTH_RANGE_DEG)  # B's dashed curves reach 61°
    window.act_clear_b.trigger()
    window.flush()
    assert _x_range(plots.angles_plot) == pytest.approx(DEPTH_RANGE_DEG)


def test_a_hip_that_needs_more_than_150_degrees_widens_the_gauge(window):
    plots = window.plots
    window.store.set_anatomy(HIP_HUNGRY)
    window.store.set_depth_fraction(1.0)
    window.flush()
    needed = float(window.store.solution.sweep.hip_flexion_needed_deg.max())
    assert needed > 150.0
    assert _x_range(plots.budget_plot) == pytest.approx(WIDE_BUDGET_RANGE_DEG)
    x0, width = plots.budget_over.span()
    assert x0 + width < WIDE_BUDGET_RANGE_DEG[1]  # the bar's end is in the gauge
    window.store.set_anatomy(PRESETS["Average lifter"].anatomy)
    window.flush()
    assert _x_range(plots.budget_plot) == pytest.approx(BUDGET_RANGE_DEG)
