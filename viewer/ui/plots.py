"""pyqtgraph plots against depth: joint angles, muscle lengths and the hip "budget" gauge.

Curves are made once and updated with ``setData``; ranges change only with a plot's size (the y
range keeps the legend above every curve), so updating costs about a millisecond. Clicking or
dragging on a plot asks for a depth (``depthRequested``); the plots never change the state themselves.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from viewer.model.pose import Sweep
from viewer.model.squat import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG
from viewer.qt_override import qt_override
from viewer.state import Solution
from viewer.ui.plot_curves import (
    ANGLE_CURVES,
    ANGLES_BAND_DEG,
    BUDGET_RANGE_DEG,
    DEEP_DEPTH_RANGE_DEG,
    DEPTH_RANGE_DEG,
    HIP_STOP_KEY,
    MUSCLE_CURVES,
    MUSCLES_BAND_PCT,
    WIDE_BUDGET_RANGE_DEG,
    range_for,
)
from viewer.ui.plot_items import BandAxis, BandCurve, Bar, GridLines, PixelText, StopLine, add_plot_legend
from viewer.ui.plot_texts import (
    DEPTH_LABELS,
    DEPTH_TICKS,
    LEGEND_COLUMNS,
    LEGEND_MARGINS_PX,
    LEGEND_SPACING_PX,
    LOW_PLOT_COLUMNS,
    SHORT_PLOT_PX,
    TITLES,
    budget_text,
    depth_ticks,
    fit_legend,
    range_top_clear_of_legend,
    title_legend,
)

TUCK_COLOUR = "#D55E00"
ROUND_COLOUR = "#CC79A7"
CURSOR_COLOUR = "#222222"


class DepthViewBox(pg.ViewBox):
    """A view box whose clicks and drags ask for a depth (``depthClicked``) instead of panning or zooming.

    A signal, not a stored callback: a bound method of the panel kept here would close a reference
    cycle (panel → plot → view box → panel) that only the garbage collector could free.
    """

    depthClicked = Signal(float)

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)

    @qt_override()
    def mouseClickEvent(self, ev: object) -> None:  # noqa: N802 (pyqtgraph override)
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.depthClicked.emit(self.mapSceneToView(ev.scenePos()).x())
        else:
            ev.ignore()

    @qt_override()
    def mouseDragEvent(self, ev: object, axis: object = None) -> None:  # noqa: N802
        self.mouseClickEvent(ev)  # a drag with the left button sets the depth at every move, as a click does

    @qt_override()
    def wheelEvent(self, ev: object, axis: object = None) -> None:  # noqa: N802
        ev.ignore()


def _depth_plot(title: str, y_label: str, band: tuple[float, float]) -> pg.PlotWidget:
    vb = DepthViewBox()
    widget = pg.PlotWidget(viewBox=vb, axisItems={"left": BandAxis(band[1])}, background="w")
    item = widget.getPlotItem()
    item.setTitle(title, color="#222", size="11pt")
    item.setLabel("left", y_label, color="#222")
    item.setLabel("bottom", DEPTH_LABELS[0], color="#222")
    item.getAxis("bottom").setTicks([list(DEPTH_TICKS)])
    item.setXRange(*DEPTH_RANGE_DEG, padding=0)
    item.setYRange(*band, padding=0)  # (raised above the band for the legend once sizes are known)
    item.hideButtons()
    item.setMenuEnabled(False)
    _style_axes(item)
    for axis in ("left", "bottom"):
        item.getAxis(axis).setStyle(tickLength=0)  # the grid marks the ticks (as pyqtgraph's own grid did)
    grid = GridLines(GRID_MAJOR, GRID_MINOR)
    grid.setZValue(-30)  # under the tuck region (−20) and the curves
    item.addItem(grid, ignoreBounds=True)
    widget.grid = grid
    vb.sigResized.connect(lambda *_: update_grid(item, grid))
    update_grid(item, grid)
    return widget


#: Grid colours of the depth plots: #444 at 15 % / 7.5 % on white (what pyqtgraph's see-through grid gave).
GRID_MAJOR = "#e3e3e3"
GRID_MINOR = "#f1f1f1"


def update_grid(item: pg.PlotItem, grid: GridLines) -> None:
    """Grid lines at the depth ticks (vertical) and at the left axis's ticks for the current height."""
    vb = item.getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    height = float(vb.height())
    if height <= 1.0:
        return
    major = [QLineF(x, y0, x, y1) for x, _ in DEPTH_TICKS if x0 <= x <= x1]
    minor: list[QLineF] = []
    for level, (_spacing, values) in enumerate(item.getAxis("left").tickValues(y0, y1, height)):
        out = major if level == 0 else minor
        out.extend(QLineF(x0, y, x1, y) for y in values if y0 <= y <= y1)
    grid.set_lines(major, minor)


def _style_axes(item: pg.PlotItem) -> None:
    for axis in ("left", "bottom"):
        ax = item.getAxis(axis)
        ax.setPen("#444")
        ax.setTextPen("#222")
        # fixed ranges: the axes (and their grid) never change, so paint them from a cached pixmap
        ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


#: The plots' narrowest (px; an 800-px screen): their axes, ticks and legends still fit (tests/gui/test_screen_fit.py).
MIN_WIDTH_PX = 210


class PlotsPanel(QWidget):
    """Three stacked plots; ``apply(solution)`` updates them in place.

    Signals:
        depthRequested(float): thigh angle in degrees the user clicked or dragged to.
    """

    depthRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pen_width = 2.5
        self._shown_stop: float | None = None
        self._text_pt = 9  # legends and axis text
        self._presentation = False
        self._fitted: tuple[object, ...] | None = None  # what _fit_texts last fitted to
        self._full_labels: dict[int, str] = {}  # legend label item → its full text
        self._compact_budget = False  # the gauge's short text (narrow panel)
        self.depth_ticks_shown: list[tuple[float, str]] = list(DEPTH_TICKS)  # (see plot_texts.depth_ticks)
        self._budget_values: tuple[float, float, float] | None = None  # (needed, stop, tuck) ° in the gauge
        #: x ranges shown (degrees): the depth plots', the gauge's (see plot_curves.range_for)
        self.depth_range: tuple[float, float] = DEPTH_RANGE_DEG
        self.budget_range: tuple[float, float] = BUDGET_RANGE_DEG
        self._ranges_for: tuple[Sweep | None, Sweep | None] = (None, None)  # the sweeps they were fitted to
        self._shown_sweep: Sweep | None = None  # A's sweep the curves show
        self._needed: np.ndarray | None = None  # its hip flexion needed, ° per depth
        self._shown_compare: Sweep | None = None  # B's sweep the dashed curves show
        self._compare_needed: np.ndarray | None = None
        self._shown_budget_text: str | None = None
        self._released = False  # release() ran
        self.angles_plot = _depth_plot(TITLES["angles"][0], "angle (°)", ANGLES_BAND_DEG)
        self.muscles_plot = _depth_plot(TITLES["muscles"][0], "% of standing", MUSCLES_BAND_PCT)
        for plot in (self.angles_plot, self.muscles_plot):
            plot.getPlotItem().getViewBox().depthClicked.connect(self._request_depth)
        self.budget_plot = self._build_budget()
        for plot in (self.angles_plot, self.muscles_plot, self.budget_plot):
            # pyqtgraph makes each plot's options menu without a parent: own it, or it outlives the window
            menu = plot.getPlotItem().ctrlMenu
            menu.setParent(self, menu.windowFlags())
        self.setMinimumWidth(MIN_WIDTH_PX)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.angles_plot, 5)
        layout.addWidget(self.muscles_plot, 3)
        layout.addWidget(self.budget_plot, 2)

        legend_style = {"offset": (4, 2), "labelTextColor": "#222", "brush": pg.mkBrush(255, 255, 255, 200),
                        "verSpacing": -6, "horSpacing": LEGEND_SPACING_PX}
        a = self.angles_plot.getPlotItem()
        self.angles_legend = add_plot_legend(a, colCount=3, **legend_style)
        # the depths past the tuck onset, shaded over the plot's whole height (the view clips it)
        lo, hi = ANGLES_BAND_DEG
        self.tuck_region = Bar(0.5 * (lo + hi), 10.0 * (hi - lo), pg.mkBrush(213, 94, 0, 28), pg.mkPen(None))
        self.tuck_region.setZValue(-20)
        a.addItem(self.tuck_region)
        self.stop_curve = _curve(a, ANGLES_BAND_DEG, pg.mkPen("#009E73", width=1.5, style=Qt.PenStyle.DotLine),
                                 "Hip stop")
        self.angle_curves: dict[str, BandCurve] = {}
        self.compare_angle_curves: dict[str, BandCurve] = {}
        for key, label, colour in ANGLE_CURVES:
            self.angle_curves[key] = _curve(a, ANGLES_BAND_DEG, pg.mkPen(colour, width=self._pen_width), label)
        for key, _label, colour in ANGLE_CURVES:
            curve = _curve(a, ANGLES_BAND_DEG, pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            curve.setVisible(False)
            self.compare_angle_curves[key] = curve
        self.tuck_line = self._onset_line(a, TUCK_COLOUR, "pelvis tucks", 0.21)
        self.round_line = self._onset_line(a, ROUND_COLOUR, "back rounds", 0.11)
        self.compare_tuck_line = pg.InfiniteLine(angle=90, movable=False,
                                                 pen=pg.mkPen(TUCK_COLOUR, width=1, style=Qt.PenStyle.DashLine))
        self.compare_tuck_line.setVisible(False)
        a.addItem(self.compare_tuck_line)
        self.compare_note = pg.TextItem("dashed: B (frozen)", color="#444", anchor=(0, 1))
        self.compare_note.setPos(DEPTH_RANGE_DEG[0] + 2.0, ANGLES_BAND_DEG[0] + 2.0)
        self.compare_note.setVisible(False)
        a.addItem(self.compare_note)

        m = self.muscles_plot.getPlotItem()
        self.muscles_legend = add_plot_legend(m, colCount=2, **legend_style)
        m.addItem(pg.InfiniteLine(pos=100.0, angle=0, pen=pg.mkPen("#999", width=1)))
        for legend in (self.angles_legend, self.muscles_legend):
            legend.layout.setContentsMargins(*LEGEND_MARGINS_PX)
        self.muscle_curves: dict[str, BandCurve] = {}
        self.compare_muscle_curves: dict[str, BandCurve] = {}
        for key, label, colour in MUSCLE_CURVES:
            self.muscle_curves[key] = _curve(m, MUSCLES_BAND_PCT, pg.mkPen(colour, width=self._pen_width), label)
            curve = _curve(m, MUSCLES_BAND_PCT, pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            curve.setVisible(False)
            self.compare_muscle_curves[key] = curve

        # the onset labels' side depends on the room right of their lines, in pixels; a legend's rows
        # on its plot's height
        self.angles_plot.getPlotItem().getViewBox().sigResized.connect(self._side_onset_labels)
        self.budget_plot.getPlotItem().getViewBox().sigResized.connect(self._show_stop_label)
        for plot in (self.angles_plot, self.muscles_plot):
            plot.getPlotItem().getViewBox().sigResized.connect(self._fit_texts)

        self.cursors = []
        for plot in (self.angles_plot, self.muscles_plot):
            cursor = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen(CURSOR_COLOUR, width=2),
                                     hoverPen=pg.mkPen("#000", width=4))
            cursor.setZValue(20)
            # the cursor is never part of the range (fixed): skip pyqtgraph's Python itemChange on every move
            cursor.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, False)
            cursor.sigPositionChanged.connect(self._on_cursor_moved)
            plot.getPlotItem().addItem(cursor)
            self.cursors.append(cursor)

    # --- construction helpers ------------------------------------------------------------
    @staticmethod
    def _onset_line(plot: pg.PlotItem, colour: str, label: str, position: float) -> StopLine:
        # a plain line item over the plot's y range (``set_span`` follows it; an InfiniteLine with a
        # label re-laid out the label and its bounds on every move: ≈ 0.1 ms per anatomy drag event);
        # the label hangs below ``position`` (fraction of the height from the bottom), right of the line
        line = StopLine(*ANGLES_BAND_DEG, pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine), label,
                        colour=colour, label_at=position, label_anchor=(0.0, 0.0),
                        background=QColor(255, 255, 255, 220))
        # above the depth cursor: at the onset depth the thick cursor would cross out the label ("back
        # rounds"); a line that is not movable ignores drags, which still reach the cursor below
        line.setZValue(25)
        plot.addItem(line)
        return line

    def _build_budget(self) -> pg.PlotWidget:
        widget = pg.PlotWidget(background="w")
        item = widget.getPlotItem()
        item.setTitle(TITLES["budget"][0], color="#222", size="11pt")
        item.setMouseEnabled(x=False, y=False)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setXRange(*BUDGET_RANGE_DEG, padding=0)
        item.setYRange(-1.0, 1.5, padding=0)
        self._budget_ticks = item.getAxis("left")
        self._budget_ticks.setTicks([[(1.0, "Now")]])
        item.setLabel("bottom", "hip flexion (°)", color="#222")
        _style_axes(item)
        self.budget_ok = Bar(1.0, 0.6, pg.mkBrush("#009E73"), pg.mkPen(None))
        self.budget_over = Bar(1.0, 0.6, pg.mkBrush("#D55E00"), pg.mkPen(None))
        self.budget_compare = Bar(0.0, 0.45, pg.mkBrush(150, 150, 150, 140), pg.mkPen("#666"))
        self.budget_compare.setVisible(False)
        self.budget_stop = StopLine(-1.0, 1.5, pg.mkPen("#222", width=3), "stop")
        self.budget_text = PixelText("", "#222", anchor=(0.0, 0.5), background=QColor(255, 255, 255, 210))
        self.budget_text.setZValue(5)  # over the stop line
        self.budget_text.setPos(2.0, 0.05)
        for it in (self.budget_ok, self.budget_over, self.budget_compare, self.budget_stop, self.budget_text):
            item.addItem(it)
        return widget

    # --- intents -------------------------------------------------------------------------
    def _request_depth(self, thigh_angle_deg: float) -> None:
        if np.isfinite(thigh_angle_deg):
            lo, hi = self.depth_range
            self.depthRequested.emit(float(min(max(thigh_angle_deg, lo), hi)))

    def _on_cursor_moved(self, line: pg.InfiniteLine) -> None:
        self._request_depth(float(line.value()))  # only a drag by the user gets here (apply blocks it)

    # --- applying ------------------------------------------------------------------------
    def apply(self, solution: Solution) -> None:
        """Show ``solution``: curves (and A/B dashed curves), onset lines, cursor, budget gauge."""
        self._apply_sweep(solution.sweep)
        self._apply_compare(solution.compare_sweep)
        self._fit_ranges(solution.sweep, solution.compare_sweep)
        for cursor in self.cursors:
            # following the state is not a drag: no sigPositionChanged (its slot would only ignore it)
            was_blocked = cursor.blockSignals(True)
            try:
                cursor.setValue(solution.thigh_angle_deg)
            finally:
                cursor.blockSignals(was_blocked)
        self._apply_budget(solution)

    def _apply_sweep(self, sweep: Sweep) -> None:
        if self._shown_sweep is sweep:
            return
        self._shown_sweep = sweep
        x = np.asarray(sweep.thigh_angle_deg)
        for key, curve in self.angle_curves.items():
            curve.set_xy(x, np.asarray(getattr(sweep, key)))
        self.stop_curve.set_xy(x, np.asarray(getattr(sweep, HIP_STOP_KEY)))
        for key, curve in self.muscle_curves.items():
            curve.set_xy(x, 100.0 * np.asarray(sweep.muscles[key]))
        placed = (self.tuck_line.value(), self.round_line.value())
        _place_onset(self.tuck_line, sweep.tuck_onset)
        _place_onset(self.round_line, sweep.rounding_onset)
        if (self.tuck_line.value(), self.round_line.value()) != placed:  # (a resize also re-sides them)
            self._side_onset_labels()
        if sweep.tuck_onset is not None:
            self.tuck_region.set_span(sweep.tuck_onset.thigh_angle_deg, float(x[-1]) - sweep.tuck_onset.thigh_angle_deg)
            self.tuck_region.setVisible(True)
        else:
            self.tuck_region.setVisible(False)
        self._needed = np.asarray(sweep.hip_flexion_needed_deg)

    def _apply_compare(self, sweep: Sweep | None) -> None:
        if self._shown_compare is sweep:
            return
        self._shown_compare = sweep
        visible = sweep is not None
        for curves in (self.compare_angle_curves, self.compare_muscle_curves):
            for curve in curves.values():
                curve.setVisible(visible)
        self.compare_tuck_line.setVisible(visible and sweep.tuck_onset is not None)
        self.compare_note.setVisible(visible)
        if sweep is None:
            self._compare_needed = None
            return
        x = np.asarray(sweep.thigh_angle_deg)
        for key, curve in self.compare_angle_curves.items():
            curve.set_xy(x, np.asarray(getattr(sweep, key)))
        for key, curve in self.compare_muscle_curves.items():
            curve.set_xy(x, 100.0 * np.asarray(sweep.muscles[key]))
        if sweep.tuck_onset is not None:
            self.compare_tuck_line.setValue(sweep.tuck_onset.thigh_angle_deg)
        self._compare_needed = np.asarray(sweep.hip_flexion_needed_deg)

    def _fit_ranges(self, sweep: Sweep, compare: Sweep | None) -> None:
        """The depth plots reach past the deepest depth of A (and B), the gauge past the most hip flexion
        they need (:func:`plot_curves.range_for`); checked when a sweep changes."""
        if self._ranges_for[0] is sweep and self._ranges_for[1] is compare:
            return
        self._ranges_for = (sweep, compare)
        shown = [(sweep, self._needed)] + ([(compare, self._compare_needed)] if compare is not None else [])
        deepest = max(float(s.thigh_angle_deg[-1]) for s, _ in shown)
        needed = max(float(np.max(n)) for _, n in shown)
        depth = range_for(deepest, DEPTH_RANGE_DEG, DEEP_DEPTH_RANGE_DEG, 2.0)
        if depth != self.depth_range:
            self.depth_range = depth
            for plot in (self.angles_plot, self.muscles_plot):
                plot.getPlotItem().setXRange(*depth, padding=0)
                plot.getPlotItem().getViewBox().updateMatrix()  # items in place now, not at the next paint
            self._fitted = None  # the depth ticks' spacing changed
            self._fit_texts()
            self._side_onset_labels()
        budget = range_for(needed, BUDGET_RANGE_DEG, WIDE_BUDGET_RANGE_DEG, 5.0)
        if budget != self.budget_range:
            self.budget_range = budget
            self.budget_plot.getPlotItem().setXRange(*budget, padding=0)
            self._show_stop_label()

    def _apply_budget(self, solution: Solution) -> None:
        pose = solution.pose
        needed = float(pose.hip_flexion_needed_deg)
        stop = float(pose.hip_stop_deg)
        over = max(0.0, needed - stop)
        self.budget_ok.set_span(0.0, min(needed, stop))
        self.budget_over.set_span(stop, over)
        moved = False  # the text or the stop line: does the text now cover the stop's label?
        if stop != self._shown_stop:  # pyqtgraph re-lays out a line and its label on every setValue
            self._shown_stop = stop
            self.budget_stop.setValue(stop)
            moved = True
        self._budget_values = (needed, stop, float(pose.pelvic_tuck_deg))
        text = budget_text(needed, stop, float(pose.pelvic_tuck_deg), self._compact_budget)
        if text != self._shown_budget_text:
            self._shown_budget_text = text
            self.budget_text.setText(text)
            moved = True
        if solution.compare_sweep is not None and solution.compare_pose is not None:
            need_b = float(solution.compare_pose.hip_flexion_needed_deg)
            self.budget_compare.set_span(0.0, need_b)
            if not self.budget_compare.isVisible():
                self.budget_compare.setVisible(True)
                self._budget_ticks.setTicks([[(0.0, "B"), (1.0, "Now")]])
                self.budget_text.setPos(2.0, -0.62)
                moved = True
        elif self.budget_compare.isVisible():
            self.budget_compare.setVisible(False)
            self._budget_ticks.setTicks([[(1.0, "Now")]])
            self.budget_text.setPos(2.0, 0.05)
            moved = True
        if moved:
            self._show_stop_label()

    def _show_stop_label(self, *_: object) -> None:
        """The gauge's "stop" label shows unless the gauge's text covers it (a low gauge, where the
        text runs past the stop line; the text names the stop itself: "stop 106°")."""
        widget, label, text = self.budget_plot, self.budget_stop.label, self.budget_text
        widget.getPlotItem().getViewBox().updateMatrix()  # (deferred after a resize)
        to_device = widget.viewportTransform()
        covered = text.deviceTransform(to_device).mapRect(text.boundingRect()).intersects(
            label.deviceTransform(to_device).mapRect(label.boundingRect()))
        if label.isVisible() == covered:
            label.setVisible(not covered)

    def release(self) -> None:
        """Unhook the legends' anchors before Qt deletes the plots (call on close).

        pyqtgraph re-anchors a legend on every geometry change of the legend or its view box;
        while Qt tears the scene down those changes still arrive and the slot touches the
        already-deleted view box (RuntimeError in the event loop, seen after presentation mode).
        """
        if self._released:
            return
        self._released = True
        self.angles_plot.getPlotItem().getViewBox().sigResized.disconnect(self._side_onset_labels)
        self.budget_plot.getPlotItem().getViewBox().sigResized.disconnect(self._show_stop_label)
        for plot in (self.angles_plot, self.muscles_plot):
            plot.getPlotItem().getViewBox().sigResized.disconnect(self._fit_texts)
        for legend in (self.angles_legend, self.muscles_legend):
            legend.geometryChanged.disconnect()
            legend.parentItem().geometryChanged.disconnect()

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        """Thicker lines and larger axis text for a projector (text ``scale`` × 10 pt, as the window's)."""
        self._pen_width = 5.0 if on else 2.5
        size = round(10 * scale) if on else 9
        font = QFont()
        font.setPointSize(size)
        for key, _label, colour in ANGLE_CURVES:
            self.angle_curves[key].setPen(pg.mkPen(colour, width=self._pen_width))
        for key, _label, colour in MUSCLE_CURVES:
            self.muscle_curves[key].setPen(pg.mkPen(colour, width=self._pen_width))
        for cursor in self.cursors:
            cursor.setPen(pg.mkPen(CURSOR_COLOUR, width=4 if on else 2))
        for line, colour in ((self.tuck_line, TUCK_COLOUR), (self.round_line, ROUND_COLOUR)):
            line.setPen(pg.mkPen(colour, width=4 if on else 2, style=Qt.PenStyle.DashLine))
            line.label.setFont(font)
        for plot in (self.angles_plot, self.muscles_plot, self.budget_plot):
            item = plot.getPlotItem()
            for axis in ("left", "bottom"):
                item.getAxis(axis).setStyle(tickFont=font)
                item.getAxis(axis).label.setFont(font)
        self.budget_text.setFont(font)
        self.compare_note.setFont(font)
        for legend in (self.angles_legend, self.muscles_legend):
            legend.setLabelTextSize(f"{size}pt")
            for _sample, label in legend.items:
                label.setText(label.text, size=f"{size}pt")
        self.budget_stop.label.setFont(font)
        self.muscles_plot.setVisible(not on)
        self._presentation = on
        self._text_pt = size
        self._fitted = None
        self._fit_texts()  # (also the titles' size)
        self._side_onset_labels()
        self._show_stop_label()

    def _plots(self) -> dict[str, pg.PlotWidget]:
        return {"angles": self.angles_plot, "muscles": self.muscles_plot, "budget": self.budget_plot}

    def _fit_texts(self, *_: object) -> None:
        """Legend columns, titles, axis words and ticks that fit the panel (fewer columns, shorter
        words if narrow; legends in fewer rows in a low plot, the muscle plot's as its title) and the
        y ranges that keep the legends above the curves. Runs when a plot's view box changes size
        (the panel was resized, the fonts changed)."""
        width = self.width()
        heights = tuple(round(p.getPlotItem().getViewBox().height()) for p in (self.angles_plot, self.muscles_plot))
        low = {"angles": heights[0] < SHORT_PLOT_PX, "muscles": heights[1] < SHORT_PLOT_PX}
        # the depth axis's length: the view box (the panel less the left axis)
        view_width = self.angles_plot.getPlotItem().getViewBox().width()
        axis_px = round(min(width - 55, view_width if view_width > 0 else width))
        usable = axis_px - 4  # the legends' room: they sit 4 px from the view box's left
        key = (width, axis_px, self._text_pt, self._presentation, heights)
        if key == self._fitted:
            return
        self._fitted = key
        on = self._presentation
        font = QFont()
        font.setPointSize(self._text_pt)
        metrics = QFontMetrics(font)
        title_font = QFont()
        title_font.setPointSize(self._text_pt + 3 if on else 11)
        title_metrics = QFontMetrics(title_font)
        # a low muscle plot shows its legend as its title, when that fits: the curves keep the height
        # (at the legends' font size)
        muscles_title = title_legend([(label, colour) for _key, label, colour in MUSCLE_CURVES], width - 20,
                                     metrics.horizontalAdvance) if low["muscles"] else None
        for name, legend in (("angles", self.angles_legend), ("muscles", self.muscles_legend)):
            in_title = name == "muscles" and muscles_title is not None
            if legend.isVisible() == in_title:
                legend.setVisible(not in_title)
            if in_title:
                continue
            full = [self._full_labels.setdefault(id(label), label.text) for _sample, label in legend.items]
            columns = LOW_PLOT_COLUMNS if low[name] else LEGEND_COLUMNS[name][1 if on else 0]
            fit_legend(legend, full, columns, usable, metrics.horizontalAdvance, fewest_rows=low[name])
        self._clear_the_legends()
        compact = metrics.horizontalAdvance(budget_text(111.0, 106.0, 5.0, False) + "0") > width - 70
        if compact != self._compact_budget:
            self._compact_budget = compact
            if self._budget_values is not None:
                self._shown_budget_text = budget_text(*self._budget_values, compact)
                self.budget_text.setText(self._shown_budget_text)
                self._show_stop_label()
        depth_label = DEPTH_LABELS[0] if metrics.horizontalAdvance(DEPTH_LABELS[0]) <= width - 70 else DEPTH_LABELS[1]
        ticks = depth_ticks(max(axis_px, 1) / (self.depth_range[1] - self.depth_range[0]), metrics.horizontalAdvance)
        for plot in (self.angles_plot, self.muscles_plot):
            axis = plot.getPlotItem().getAxis("bottom")
            if axis.labelText != depth_label:
                axis.setLabel(depth_label)
            if ticks != self.depth_ticks_shown:
                axis.setTicks([ticks])
        self.depth_ticks_shown = ticks
        for name, plot in self._plots().items():
            full, short = TITLES[name]
            # a title is centred over its view box, right of the ≈ 55-px left axis: wider than the view
            # box, it runs off the panel's right edge
            text = full if title_metrics.horizontalAdvance(full) <= width - 50 else short
            size = f"{title_font.pointSize()}pt"
            if name == "muscles" and muscles_title is not None:
                text, size = muscles_title, f"{self._text_pt}pt"
            label = plot.getPlotItem().titleLabel
            if (label.text, label.opts.get("size")) != (text, size):
                label.setText(text, size=size)

    def _clear_the_legends(self) -> None:
        """Set each depth plot's y range so that its legend (at the top) lies above every curve: the
        range runs from the bottom of the plot's curve band to far enough above its top
        (:func:`range_top_clear_of_legend`). Depends only on the plot's and the legend's heights."""
        for plot, legend, band in ((self.angles_plot, self.angles_legend, ANGLES_BAND_DEG),
                                   (self.muscles_plot, self.muscles_legend, MUSCLES_BAND_PCT)):
            item = plot.getPlotItem()
            view = item.getViewBox()
            legend_px = legend.pos().y() + legend.height() if legend.isVisible() else 0.0
            top = range_top_clear_of_legend(band, float(view.height()), float(legend_px))
            if view.viewRange()[1] != [band[0], top]:
                item.setYRange(band[0], top, padding=0)
                update_grid(item, plot.grid)
            if plot is self.angles_plot:
                for line in (self.tuck_line, self.round_line):
                    line.set_span(band[0], top)

    def _side_onset_labels(self, *_: object) -> None:
        """An onset line's label goes left of the line when there is no room for it on the right
        (a narrow panel, an onset near the right end of the depth axis)."""
        view = self.angles_plot.getPlotItem().getViewBox()
        x0, x1 = self.depth_range
        px_per_deg = float(view.width()) / (x1 - x0)
        for line in (self.tuck_line, self.round_line):
            room_px = (x1 - line.value()) * px_per_deg
            flip = room_px < line.label.boundingRect().width() + 8.0
            if flip != line.label.is_flipped():
                line.label.set_flipped(flip)

    def pen_width(self) -> float:
        """Width of the main curves in pixels."""
        return self._pen_width


def _curve(plot: pg.PlotItem, band: tuple[float, float], pen: object, name: str | None = None) -> BandCurve:
    """A light curve (no symbols, no finite check: the model's arrays are finite), added to ``plot``;
    its data stay inside the model's depths × ``band`` (degrees or %), with room for the pen around."""
    lo, hi = band
    x0, x1 = THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG  # every depth the model can reach
    rect = QRectF(x0 - 0.1 * (x1 - x0), lo - 0.1 * (hi - lo), 1.2 * (x1 - x0), 1.2 * (hi - lo))
    curve = BandCurve(rect, pen=pen, skipFiniteCheck=True, name=name)
    plot.addItem(curve)
    return curve


def _place_onset(line: StopLine, onset: object) -> None:
    if onset is None:
        line.setVisible(False)
    else:
        line.setValue(onset.thigh_angle_deg)
        line.setVisible(True)

