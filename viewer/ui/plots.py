"""pyqtgraph plots against depth: joint angles, muscle lengths and the hip "budget" gauge.

Curves are made once and updated with ``setData``; the y ranges are the bands the curves stay in, so updating
costs about a millisecond. Titles, legends, the depth axis's caption and the gauge's readout are word-wrapping
labels in the panel's layout, over and under the plots: Qt sizes them, and no legend lies over a curve. Where
the lifter's sides differ, the hip's stop is drawn for each hip (L and R, named at the curves' ends and in the
legend) and a readout in the angle plot's corner gives the pelvis's sideways shift. Clicking or dragging on a
plot asks for a depth (``depthRequested``); the plots never change the state themselves.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QLabel, QWidget

from viewer.model.pose import Sweep
from viewer.model.squat import THIGH_ANGLE_MAX_DEG, THIGH_ANGLE_MIN_DEG
from viewer.qt_override import qt_override
from viewer.state import Solution
from viewer.ui.layouts import column, text_label
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
from viewer.ui.plot_items import BandCurve, Bar, DepthAxis, GridLines, NumberAxis, PixelText, StopLine
from viewer.ui.plot_texts import (
    COMPARE_ENTRY,
    DASH_DOT_SAMPLE,
    DEPTH_CAPTION,
    DEPTH_TICKS,
    DOTTED_SAMPLE,
    SOLID_SAMPLE,
    TITLES,
    budget_text,
    legend_html,
)
from viewer.ui.side_texts import shift_readout, sides_differ

TUCK_COLOUR = "#D55E00"
ROUND_COLOUR = "#CC79A7"
CURSOR_COLOUR = "#222222"
STOP_COLOUR = "#009E73"
#: The angle plot's hip-stop legend entries: one stop, or each hip's where the sides differ.
STOP_ENTRIES: list[tuple[str, str, str]] = [("Hip stop", STOP_COLOUR, DOTTED_SAMPLE)]
SIDE_STOP_ENTRIES: list[tuple[str, str, str]] = [("Hip stop: L", STOP_COLOUR, DOTTED_SAMPLE),
                                                 ("R", STOP_COLOUR, DASH_DOT_SAMPLE)]


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


def _depth_plot(band: tuple[float, float]) -> pg.PlotWidget:
    """A plot against depth whose y range is ``band`` (the values its curves can reach)."""
    vb = DepthViewBox()
    widget = pg.PlotWidget(viewBox=vb, axisItems={"bottom": DepthAxis(), "left": NumberAxis()}, background="w")
    item = widget.getPlotItem()
    _fix_ranges(item, DEPTH_RANGE_DEG, band)
    for axis in ("left", "bottom"):
        item.getAxis(axis).setStyle(tickLength=0)  # the grid marks the ticks (as pyqtgraph's own grid did)
    grid = GridLines(GRID_MAJOR, GRID_MINOR)
    grid.setZValue(-30)  # under the tuck region (−20) and the curves
    item.addItem(grid, ignoreBounds=True)
    widget.grid = grid
    vb.sigResized.connect(lambda *_: update_grid(item, grid))
    update_grid(item, grid)
    return widget


def _text_row(parent: QWidget, name: str, text: str = "", wrap: bool = True) -> QLabel:
    """A label of the panel's text (a plot's title and legend, a caption), word-wrapped to the panel's width."""
    label = text_label(parent, name, text, wrap=wrap)
    label.setContentsMargins(4, 0, 4, 0)
    return label


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


def _size_for_font(widget: pg.PlotWidget, font: QFont, lines: int) -> None:
    """Size ``widget`` for its axes' text in ``font``: never lower than ``lines`` lines of it (room for
    the bottom axis and at least two numbers on the left one), and half a line of margin over the plot
    (the left axis's number at the top of the range is centred on it: it would stick out by half its height)."""
    line_px = QFontMetrics(font).height()
    widget.getPlotItem().layout.setContentsMargins(1, line_px // 2 + 1, 1, 1)
    widget.setMinimumHeight(lines * line_px)


def _fix_ranges(item: pg.PlotItem, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    """Show ``item`` over these fixed ranges (no buttons, no menu) with the panel's axis colours."""
    item.setXRange(*x_range, padding=0)
    item.setYRange(*y_range, padding=0)
    item.hideButtons()
    item.setMenuEnabled(False)
    for axis in ("left", "bottom"):
        ax = item.getAxis(axis)
        ax.setPen("#444")
        ax.setTextPen("#222")
        # fixed ranges: the axes (and their grid) never change, so paint them from a cached pixmap
        ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


#: The plots' narrowest (px; wider with larger text, see PlotsPanel.minimumSizeHint), and their lowest
#: in lines of their axes' text: their curves, axes and numbers stay readable (the gauge's two rows,
#: "B" and "Now", each a line high at least).
MIN_WIDTH_PX = 250
MIN_HEIGHT_LINES: dict[str, int] = {"angles": 7, "muscles": 5, "budget": 5}


def _budget_plot(items: tuple[QGraphicsItem, ...]) -> pg.PlotWidget:
    """The hip-flexion gauge: a fixed range, a "Now" row and the given ``items`` (bars, stop line)."""
    widget = pg.PlotWidget(background="w")
    item = widget.getPlotItem()
    item.setMouseEnabled(x=False, y=False)
    _fix_ranges(item, BUDGET_RANGE_DEG, (-0.5, 1.5))  # rows: the frozen B's bar at 0, now's at 1
    item.getAxis("left").setTicks([[(1.0, "Now")]])
    item.setLabel("bottom", "hip flexion (°)", color="#222")
    for it in items:
        item.addItem(it)
    return widget


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
        self._presentation = False
        #: x ranges shown (degrees): the depth plots', the gauge's (see plot_curves.range_for)
        self.depth_range: tuple[float, float] = DEPTH_RANGE_DEG
        self.budget_range: tuple[float, float] = BUDGET_RANGE_DEG
        self._ranges_for: tuple[Sweep | None, Sweep | None] = (None, None)  # the sweeps they were fitted to
        self._shown_sweep: Sweep | None = None  # A's sweep the curves show
        self._shown_compare: Sweep | None = None  # B's sweep the dashed curves show
        self._released = False  # release() ran
        self.angles_plot = _depth_plot(ANGLES_BAND_DEG)
        self.muscles_plot = _depth_plot(MUSCLES_BAND_PCT)
        for plot in (self.angles_plot, self.muscles_plot):
            plot.getPlotItem().getViewBox().depthClicked.connect(self._request_depth)
        # the gauge: rows for the frozen B's bar (0) and now's (1), and the hip's bony stop across both
        self.budget_ok = Bar(1.0, 0.6, pg.mkBrush("#009E73"), pg.mkPen(None))
        self.budget_over = Bar(1.0, 0.6, pg.mkBrush("#D55E00"), pg.mkPen(None))
        self.budget_compare = Bar(0.0, 0.45, pg.mkBrush(150, 150, 150, 140), pg.mkPen("#666"))
        self.budget_compare.setVisible(False)
        self.budget_stop = StopLine(-0.5, 1.5, pg.mkPen("#222", width=3), "stop")
        self.budget_plot = _budget_plot((self.budget_ok, self.budget_over, self.budget_compare, self.budget_stop))
        self._budget_ticks = self.budget_plot.getPlotItem().getAxis("left")
        for plot in (self.angles_plot, self.muscles_plot, self.budget_plot):
            # pyqtgraph makes each plot's options menu without a parent: own it, or it outlives the window
            menu = plot.getPlotItem().ctrlMenu
            menu.setParent(self, menu.windowFlags())
        # each plot's title and legend in a row over it; the depth axis's caption under the depth plots
        self._split = False  # the sides differ: each hip's stop drawn
        self._legend_entries = {
            "angles": [(label, colour, SOLID_SAMPLE) for _key, label, colour in ANGLE_CURVES],
            "muscles": [(label, colour, SOLID_SAMPLE) for _key, label, colour in MUSCLE_CURVES],
        }
        self.angles_header = _text_row(self, "angles_header")
        self.muscles_header = _text_row(self, "muscles_header")
        self._show_legends(compare=False)
        self.depth_caption = _text_row(self, "depth_caption", DEPTH_CAPTION)
        self.depth_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.budget_header = _text_row(self, "budget_header", f"<b>{TITLES['budget']}</b>")
        # the gauge's readout: two lines (the second blank while the pelvis does not tuck), so that its
        # height stays put while the depth changes
        self.budget_text = _text_row(self, "budget_readout", wrap=False)
        self.budget_text.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont()
        font.setPointSize(9)
        for name, plot in self._plots().items():
            _size_for_font(plot, font, MIN_HEIGHT_LINES[name])
        layout = column(self.angles_header, (self.angles_plot, 5), self.muscles_header, (self.muscles_plot, 3),
                        self.depth_caption, parent=self, margins=0, spacing=2)
        layout.addSpacing(4)
        layout.addWidget(self.budget_header)
        layout.addWidget(self.budget_text)
        layout.addWidget(self.budget_plot, 2)

        a = self.angles_plot.getPlotItem()
        # the depths past the tuck onset, shaded over the plot's whole height (the view clips it)
        lo, hi = ANGLES_BAND_DEG
        self.tuck_region = Bar(0.5 * (lo + hi), 10.0 * (hi - lo), pg.mkBrush(213, 94, 0, 28), pg.mkPen(None))
        self.tuck_region.setZValue(-20)
        a.addItem(self.tuck_region)
        self.stop_curve = _curve(a, ANGLES_BAND_DEG, pg.mkPen(STOP_COLOUR, width=1.5, style=Qt.PenStyle.DotLine))
        # where the sides differ, stop_curve is the left hip's and this the right's; each named at its end
        self.stop_curve_r = _curve(a, ANGLES_BAND_DEG, pg.mkPen(STOP_COLOUR, width=1.5, style=Qt.PenStyle.DashDotLine))
        self.stop_curve_r.setVisible(False)
        self.stop_labels: dict[str, PixelText] = {}
        for side in ("L", "R"):
            label = PixelText(side, STOP_COLOUR, offset_px=(4.0, 0.0), background=QColor(255, 255, 255, 220))
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            label.setZValue(25)
            label.setVisible(False)
            a.addItem(label, ignoreBounds=True)
            self.stop_labels[side] = label
        # the pelvis's sideways shift at the depth shown, in the plot's top left corner, where the curves
        # seldom go (only while the sides differ: it costs the crowded panel no row)
        self.shift_text = PixelText("", "#222", anchor=(0.0, 0.0), offset_px=(4.0, 2.0),
                                    background=QColor(255, 255, 255, 220))
        self.shift_text.setZValue(25)
        self.shift_text.setVisible(False)
        a.addItem(self.shift_text, ignoreBounds=True)
        self._place_shift_text()
        self.angle_curves = {key: _curve(a, ANGLES_BAND_DEG, pg.mkPen(colour, width=self._pen_width))
                             for key, _label, colour in ANGLE_CURVES}
        self.compare_angle_curves = {key: _compare_curve(a, ANGLES_BAND_DEG, colour)
                                     for key, _label, colour in ANGLE_CURVES}
        self.tuck_line = self._onset_line(a, TUCK_COLOUR, "pelvis tucks")
        self.round_line = self._onset_line(a, ROUND_COLOUR, "back rounds")
        self._stack_onset_labels()
        self.compare_tuck_line = pg.InfiniteLine(angle=90, movable=False,
                                                 pen=pg.mkPen(TUCK_COLOUR, width=1, style=Qt.PenStyle.DashLine))
        self.compare_tuck_line.setVisible(False)
        a.addItem(self.compare_tuck_line)

        m = self.muscles_plot.getPlotItem()
        m.addItem(pg.InfiniteLine(pos=100.0, angle=0, pen=pg.mkPen("#999", width=1)))
        self.muscle_curves: dict[str, BandCurve] = {}
        self.compare_muscle_curves: dict[str, BandCurve] = {}
        for key, _label, colour in MUSCLE_CURVES:  # (each muscle's B drawn over its A)
            self.muscle_curves[key] = _curve(m, MUSCLES_BAND_PCT, pg.mkPen(colour, width=self._pen_width))
            self.compare_muscle_curves[key] = _compare_curve(m, MUSCLES_BAND_PCT, colour)

        # a line's label goes to the side of the line that has room for it, in pixels
        self.angles_plot.getPlotItem().getViewBox().sigResized.connect(self._side_onset_labels)
        self.budget_plot.getPlotItem().getViewBox().sigResized.connect(self._side_stop_label)

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

    @qt_override(QSize(MIN_WIDTH_PX, 0))
    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """At least :data:`MIN_WIDTH_PX` wide, and as wide as the left axis and two onset labels side
        by side: an onset's label then fits on one side of its line wherever the line is."""
        hint = super().minimumSizeHint()
        label_px = max(line.label.boundingRect().width() for line in (self.tuck_line, self.round_line))
        axis_px = self.angles_plot.getPlotItem().getAxis("left").width()
        return QSize(max(hint.width(), MIN_WIDTH_PX, math.ceil(axis_px + 2 * (label_px + 8.0)) + 2), hint.height())

    def _stack_onset_labels(self) -> None:
        """The onset lines' labels one above the other at the angle plot's bottom, where the curves
        seldom go: "back rounds" on the edge, "pelvis tucks" a line higher (their lines are often a few
        degrees apart, and the labels would cross)."""
        self.round_line.label.set_offset_y(-2.0)
        self.tuck_line.label.set_offset_y(-4.0 - self.round_line.label.boundingRect().height())

    def _show_legends(self, compare: bool) -> None:
        """The depth plots' headers: title and legend, with the frozen B's dashed entry when ``compare``."""
        stops = {"angles": SIDE_STOP_ENTRIES if self._split else STOP_ENTRIES, "muscles": []}
        for name, header in (("angles", self.angles_header), ("muscles", self.muscles_header)):
            entries = stops[name] + self._legend_entries[name] + ([COMPARE_ENTRY] if compare else [])
            header.setText(legend_html(TITLES[name], entries))

    # --- construction helpers ------------------------------------------------------------
    @staticmethod
    def _onset_line(plot: pg.PlotItem, colour: str, label: str) -> StopLine:
        # a plain line item over the plot's y range (an InfiniteLine with a label re-laid out the
        # label and its bounds on every move: ≈ 0.1 ms per anatomy drag event); the label stands on
        # the plot's bottom edge, right of the line (see _stack_onset_labels)
        line = StopLine(*ANGLES_BAND_DEG, pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine), label,
                        colour=colour, label_at=0.0, label_anchor=(0.0, 1.0),
                        background=QColor(255, 255, 255, 220))
        # above the depth cursor: at the onset depth the thick cursor would cross out the label ("back
        # rounds"); a line that is not movable ignores drags, which still reach the cursor below
        line.setZValue(25)
        plot.addItem(line)
        return line

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
            with QSignalBlocker(cursor):
                cursor.setValue(solution.thigh_angle_deg)
        self._apply_budget(solution)

    def _apply_sweep(self, sweep: Sweep) -> None:
        if self._shown_sweep is sweep:
            return
        self._shown_sweep = sweep
        x = _set_curves(sweep, self.angle_curves, self.muscle_curves)
        self._apply_stops(sweep, x)
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

    def _apply_stops(self, sweep: Sweep, x: np.ndarray) -> None:
        """The hip's stop: one dotted curve, or where the sides differ the left's (dotted) and the right's
        (dash-dotted), each named at its deepest end (the higher one's name above its curve, the other's below)."""
        split = sides_differ(sweep)
        if not split:
            self.stop_curve.set_xy(x, np.asarray(getattr(sweep, HIP_STOP_KEY)))
        else:
            left, right = np.asarray(sweep.hip_stop_l_deg), np.asarray(sweep.hip_stop_r_deg)
            self.stop_curve.set_xy(x, left)
            self.stop_curve_r.set_xy(x, right)
            left_higher = float(left[-1]) >= float(right[-1])
            for side, y, above in (("L", left, left_higher), ("R", right, not left_higher)):
                label = self.stop_labels[side]
                label.setPos(float(x[-1]), float(y[-1]))
                label.set_anchor_y(1.0 if above else 0.0)
        if split != self._split:
            self._split = split
            self.stop_curve_r.setVisible(split)
            for label in self.stop_labels.values():
                label.setVisible(split)
            self.shift_text.setVisible(split)
            self._show_legends(compare=self._shown_compare is not None)

    def _place_shift_text(self) -> None:
        self.shift_text.setPos(self.depth_range[0], ANGLES_BAND_DEG[1])

    def _apply_compare(self, sweep: Sweep | None) -> None:
        if self._shown_compare is sweep:
            return
        self._shown_compare = sweep
        visible = sweep is not None
        for curves in (self.compare_angle_curves, self.compare_muscle_curves):
            for curve in curves.values():
                curve.setVisible(visible)
        self.compare_tuck_line.setVisible(visible and sweep.tuck_onset is not None)
        self._show_legends(compare=visible)
        if sweep is None:
            return
        _set_curves(sweep, self.compare_angle_curves, self.compare_muscle_curves)
        if sweep.tuck_onset is not None:
            self.compare_tuck_line.setValue(sweep.tuck_onset.thigh_angle_deg)

    def _fit_ranges(self, sweep: Sweep, compare: Sweep | None) -> None:
        """The depth plots reach past the deepest depth of A (and B), the gauge past the most hip flexion
        they need (:func:`plot_curves.range_for`); checked when a sweep changes."""
        if self._ranges_for[0] is sweep and self._ranges_for[1] is compare:
            return
        self._ranges_for = (sweep, compare)
        shown = [sweep] + ([compare] if compare is not None else [])
        deepest = max(float(s.thigh_angle_deg[-1]) for s in shown)
        needed = max(float(np.max(s.hip_flexion_needed_deg)) for s in shown)
        depth = range_for(deepest, DEPTH_RANGE_DEG, DEEP_DEPTH_RANGE_DEG, 2.0)
        if depth != self.depth_range:
            self.depth_range = depth
            for plot in (self.angles_plot, self.muscles_plot):
                plot.getPlotItem().setXRange(*depth, padding=0)
                plot.getPlotItem().getViewBox().updateMatrix()  # items in place now, not at the next paint
            self._place_shift_text()
            self._side_onset_labels()
        budget = range_for(needed, BUDGET_RANGE_DEG, WIDE_BUDGET_RANGE_DEG, 5.0)
        if budget != self.budget_range:
            self.budget_range = budget
            self.budget_plot.getPlotItem().setXRange(*budget, padding=0)
            self._side_stop_label()

    def _apply_budget(self, solution: Solution) -> None:
        pose = solution.pose
        needed = float(pose.hip_flexion_needed_deg)
        stop = float(pose.hip_stop_deg)
        over = max(0.0, needed - stop)
        self.budget_ok.set_span(0.0, min(needed, stop))
        self.budget_over.set_span(stop, over)
        if stop != self._shown_stop:  # pyqtgraph re-lays out a line and its label on every setValue
            self._shown_stop = stop
            self.budget_stop.setValue(stop)
            self._side_stop_label()
        if self._split:
            shift = shift_readout(pose)
            if shift != self.shift_text.text():
                self.shift_text.setText(shift)
        text = budget_text(needed, stop, float(pose.pelvic_tuck_deg))
        if text != self.budget_text.text():
            self.budget_text.setText(text)
        if solution.compare_sweep is not None and solution.compare_pose is not None:
            need_b = float(solution.compare_pose.hip_flexion_needed_deg)
            self.budget_compare.set_span(0.0, need_b)
            if not self.budget_compare.isVisible():
                self.budget_compare.setVisible(True)
                self._budget_ticks.setTicks([[(0.0, "B"), (1.0, "Now")]])
        elif self.budget_compare.isVisible():
            self.budget_compare.setVisible(False)
            self._budget_ticks.setTicks([[(1.0, "Now")]])

    def release(self) -> None:
        """Unhook the label placement from the view boxes' sizes before Qt deletes the plots (call on close):
        while Qt tears the scene down, size changes still arrive."""
        if self._released:
            return
        self._released = True
        self.angles_plot.getPlotItem().getViewBox().sigResized.disconnect(self._side_onset_labels)
        self.budget_plot.getPlotItem().getViewBox().sigResized.disconnect(self._side_stop_label)

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        """Thicker lines and larger axis text for a projector (text ``scale`` × 10 pt, as the window's;
        the titles, legends and readout are the panel's own text and follow the window's font)."""
        self._pen_width = 5.0 if on else 2.5
        font = QFont()
        font.setPointSize(round(10 * scale) if on else 9)
        for key, _label, colour in ANGLE_CURVES:
            self.angle_curves[key].setPen(pg.mkPen(colour, width=self._pen_width))
        for key, _label, colour in MUSCLE_CURVES:
            self.muscle_curves[key].setPen(pg.mkPen(colour, width=self._pen_width))
        for cursor in self.cursors:
            cursor.setPen(pg.mkPen(CURSOR_COLOUR, width=4 if on else 2))
        for line, colour in ((self.tuck_line, TUCK_COLOUR), (self.round_line, ROUND_COLOUR)):
            line.setPen(pg.mkPen(colour, width=4 if on else 2, style=Qt.PenStyle.DashLine))
            line.label.setFont(font)
        self._stack_onset_labels()
        self.updateGeometry()  # (the labels' width is part of the panel's least width)
        for plot in self._plots().values():
            item = plot.getPlotItem()
            for axis in ("left", "bottom"):
                item.getAxis(axis).setStyle(tickFont=font)
                item.getAxis(axis).label.setFont(font)
        self.budget_stop.label.setFont(font)
        self.shift_text.setFont(font)
        for name, plot in self._plots().items():
            _size_for_font(plot, font, MIN_HEIGHT_LINES[name])
        self._presentation = on
        self._side_onset_labels()
        self._side_stop_label()

    def show_plots(self, angles: bool, muscles: bool) -> None:
        """Show or hide the joint-angle and the muscle-length plot, each with its title and legend."""
        for plot, header, on in ((self.angles_plot, self.angles_header, angles),
                                 (self.muscles_plot, self.muscles_header, muscles)):
            plot.setVisible(on)
            header.setVisible(on)

    def _plots(self) -> dict[str, pg.PlotWidget]:
        return {"angles": self.angles_plot, "muscles": self.muscles_plot, "budget": self.budget_plot}

    def _side_onset_labels(self, *_: object) -> None:
        """An onset line's label goes left of the line when there is no room for it on the right
        (a narrow panel, an onset near the right end of the depth axis)."""
        view = self.angles_plot.getPlotItem().getViewBox()
        for line in (self.tuck_line, self.round_line):
            _side_label(line, view, self.depth_range)

    def _side_stop_label(self, *_: object) -> None:
        """The gauge's "stop" label goes left of the stop line when there is no room on its right."""
        _side_label(self.budget_stop, self.budget_plot.getPlotItem().getViewBox(), self.budget_range)

    def pen_width(self) -> float:
        """Width of the main curves in pixels."""
        return self._pen_width


def _curve(plot: pg.PlotItem, band: tuple[float, float], pen: object) -> BandCurve:
    """A light curve (no symbols, no finite check: the model's arrays are finite), added to ``plot``;
    its data stay inside the model's depths × ``band`` (degrees or %), with room for the pen around."""
    lo, hi = band
    x0, x1 = THIGH_ANGLE_MIN_DEG, THIGH_ANGLE_MAX_DEG  # every depth the model can reach
    rect = QRectF(x0 - 0.1 * (x1 - x0), lo - 0.1 * (hi - lo), 1.2 * (x1 - x0), 1.2 * (hi - lo))
    curve = BandCurve(rect, pen=pen, skipFiniteCheck=True)
    plot.addItem(curve)
    return curve


def _compare_curve(plot: pg.PlotItem, band: tuple[float, float], colour: str) -> BandCurve:
    """The frozen B's dashed curve in ``colour`` (hidden until a B is frozen), added to ``plot``."""
    curve = _curve(plot, band, pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
    curve.setVisible(False)
    return curve


def _set_curves(sweep: Sweep, angle_curves: dict[str, BandCurve], muscle_curves: dict[str, BandCurve]) -> np.ndarray:
    """Show ``sweep``'s joint angles (°) and muscle lengths (% of standing) in the curves of their keys;
    returns the sweep's thigh angles (°), the curves' x."""
    x = np.asarray(sweep.thigh_angle_deg)
    for key, curve in angle_curves.items():
        curve.set_xy(x, np.asarray(getattr(sweep, key)))
    for key, curve in muscle_curves.items():
        curve.set_xy(x, 100.0 * np.asarray(sweep.muscles[key]))
    return x


def _side_label(line: StopLine, view: pg.ViewBox, x_range: tuple[float, float]) -> None:
    """Put ``line``'s label on the side of the line where it fits inside ``view`` (showing ``x_range``, °)."""
    x0, x1 = x_range
    room_px = (x1 - line.value()) * float(view.width()) / (x1 - x0)
    flip = room_px < line.label.boundingRect().width() + 8.0
    if flip != line.label.is_flipped():
        line.label.set_flipped(flip)


def _place_onset(line: StopLine, onset: object) -> None:
    if onset is None:
        line.setVisible(False)
    else:
        line.setValue(onset.thigh_angle_deg)
        line.setVisible(True)

