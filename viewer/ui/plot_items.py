"""Light graphics items for the plots' per-frame parts (plain Qt items, set in a few microseconds).

pyqtgraph's own items re-lay themselves out on every change: ``TextItem.setText`` re-lays out a
rich-text document and its transform, an ``InfiniteLine`` with a label repositions the label and
recomputes its bounds. The budget gauge changes its text and its stop line on almost every frame of
a depth scrub, and the onset lines move on every event of an anatomy drag, so they use these
instead. Coordinates are the plot's data coordinates.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from viewer.qt_override import qt_override
from viewer.ui.plot_texts import DEPTH_TICKS, depth_ticks


class Bar(QGraphicsRectItem):
    """One horizontal bar in data coordinates (x0 … x0 + width at height y): the budget gauge's bars, the
    angle plot's shading of the depths past the tuck onset.

    A plain rectangle item: moving it only sets its rectangle (pyqtgraph's ``BarGraphItem``
    rebuilds its arrays and picture on every change).
    """

    def __init__(self, y: float, height: float, brush: object, pen: object) -> None:
        super().__init__()
        self._y, self._height = float(y), float(height)
        self.setBrush(brush)
        self.setPen(pen)
        self.set_span(0.0, 0.0)

    def set_span(self, x0: float, width: float) -> None:
        """Bar from ``x0`` over ``width`` (degrees; ≥ 0)."""
        rect = QRectF(float(x0), self._y - self._height / 2.0, max(float(width), 0.0), self._height)
        if rect != self.rect():
            self.setRect(rect)

    def span(self) -> tuple[float, float]:
        """(x0, width) shown, degrees."""
        r = self.rect()
        return r.x(), r.width()


class BandCurve(pg.PlotCurveItem):
    """A curve that always lies inside a fixed rectangle of its plot (``rect``, data coordinates).

    The depth plots' ranges are fixed (``plot_curves`` bands; a robustness test keeps every curve
    inside its band), so the curve's bounding rectangle can be that rectangle: new data then need no
    geometry change and no news to the view. :meth:`set_xy` is pyqtgraph's public
    ``setData(x, y, skipFiniteCheck=True)`` (the model's values are always finite).
    """

    def __init__(self, rect: QRectF, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._rect = QRectF(rect)

    def set_xy(self, x: np.ndarray, y: np.ndarray) -> None:
        """Show the points (x[i], y[i]): 1-D float arrays of one length, inside the rectangle."""
        if x.ndim != 1 or x.shape != y.shape:
            raise ValueError(f"x and y must be 1-D and of one length, got {x.shape} and {y.shape}")
        self.setData(x, y, skipFiniteCheck=True)

    @qt_override(QRectF())
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        """The fixed rectangle (data coordinates)."""
        return self._rect

    def prepareGeometryChange(self) -> None:  # noqa: N802 (Qt name)
        """Nothing to prepare: the bounding rectangle never changes (pyqtgraph calls this on new data)."""

    def informViewBoundsChanged(self) -> None:  # noqa: N802 (pyqtgraph name)
        """Nothing to tell: the plot's ranges do not follow the data."""


class PixelText(QGraphicsSimpleTextItem):
    """Plain text of a fixed pixel size, upright, anchored at a point in data coordinates.

    ``anchor`` = (fraction of the width, fraction of the height) of the text that sits on the
    point: (0, 0.5) left-aligned and vertically centred, (0.5, 0) centred below the point;
    ``offset_px`` then moves it by whole pixels (x right, y down). ``background``: a colour
    (with alpha) filled behind the text, so that lines crossing it do not cross the words out.
    """

    def __init__(self, text: str = "", colour: str = "#222", anchor: tuple[float, float] = (0.0, 0.5),
                 offset_px: tuple[float, float] = (0.0, 0.0), background: QColor | None = None) -> None:
        super().__init__(text)
        self._anchor = (float(anchor[0]), float(anchor[1]))
        self._offset = (float(offset_px[0]), float(offset_px[1]))
        self._background = background
        self._flipped = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)  # no zoom, no y flip
        self.setBrush(QColor(colour))
        self._align()

    def _align(self) -> None:
        r = self.boundingRect()
        self.setTransform(QTransform.fromTranslate(self._offset[0] - self._anchor[0] * r.width(),
                                                   self._offset[1] - self._anchor[1] * r.height()))

    @qt_override()
    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        """Fill the background (if any), then draw the text."""
        if self._background is not None:
            painter.fillRect(self.boundingRect(), self._background)
        super().paint(painter, option, widget)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        """Show ``text`` (re-anchored when its size changes)."""
        if text != self.text():
            super().setText(text)
            if self._anchor[0] or self._anchor[1]:
                self._align()

    def setFont(self, font: QFont) -> None:  # noqa: N802 (Qt name)
        """Use ``font`` (re-anchored)."""
        super().setFont(font)
        self._align()

    def set_offset_y(self, offset_px: float) -> None:
        """Move the text ``offset_px`` whole pixels down (negative: up) from its anchored place."""
        if float(offset_px) != self._offset[1]:
            self._offset = (self._offset[0], float(offset_px))
            self._align()

    def set_anchor_y(self, anchor_y: float) -> None:
        """Which point of the text's height sits on its point (0 its top: the text below; 1 above)."""
        if float(anchor_y) != self._anchor[1]:
            self._anchor = (self._anchor[0], float(anchor_y))
            self._align()

    def set_flipped(self, flipped: bool) -> None:
        """Put the text on the other side of its point (mirrored anchor and offset in x)."""
        ax = 1.0 - self._anchor[0] if flipped != self._flipped else self._anchor[0]
        ox = -self._offset[0] if flipped != self._flipped else self._offset[0]
        if flipped != self._flipped:
            self._flipped = flipped
            self._anchor = (ax, self._anchor[1])
            self._offset = (ox, self._offset[1])
            self._align()

    def is_flipped(self) -> bool:
        """Whether :meth:`set_flipped` put the text on the other side."""
        return self._flipped

    def toPlainText(self) -> str:  # noqa: N802 (the name pyqtgraph's TextItem uses)
        """The text shown."""
        return self.text()


class StopLine(QGraphicsLineItem):
    """A vertical line at ``x`` from ``y0`` to ``y1`` (data coordinates) with a small label beside it.

    The label sits right of the line at ``label_at`` (fraction of y0 → y1); ``label_anchor`` is the
    point of the text placed there (default: its bottom-left corner, the text above the point);
    ``background`` as for :class:`PixelText`. For the plots' fixed y ranges, give the range as
    y0, y1 and the line spans the whole plot.
    """

    def __init__(self, y0: float, y1: float, pen: QPen, label: str, colour: str = "#222",
                 label_at: float = 0.1, label_anchor: tuple[float, float] = (0.0, 1.0),
                 background: QColor | None = None) -> None:
        super().__init__(QLineF(0.0, float(y0), 0.0, float(y1)))
        self.setPen(pen)
        self._x = 0.0
        self.label = PixelText(label, colour, anchor=label_anchor, offset_px=(4.0, 0.0), background=background)
        self.label.setParentItem(self)
        self._label_at = float(label_at)
        self.set_span(y0, y1)

    def set_span(self, y0: float, y1: float) -> None:
        """Run the line from ``y0`` to ``y1`` (data units), its label at the same fraction of that span
        (a plot whose y range changed)."""
        y0, y1 = float(y0), float(y1)
        self.setLine(QLineF(0.0, y0, 0.0, y1))
        self.label.setPos(0.0, y0 + self._label_at * (y1 - y0))

    def setValue(self, x: float) -> None:  # noqa: N802 (the name pyqtgraph's InfiniteLine uses)
        """Move the line to ``x`` (degrees)."""
        x = float(x)
        if x != self._x:
            self._x = x
            self.setPos(x, 0.0)

    def value(self) -> float:
        """Where the line is (degrees)."""
        return self._x


class GridLines(QGraphicsItem):
    """A plot's grid: opaque 1-pixel lines in data coordinates, major and minor, meant to lie under the curves.

    pyqtgraph draws its grid as see-through extensions of the axis ticks, over the curves; blending
    them in software made every repaint after a relayout (a window resize, presentation mode)
    12–20 ms slower here. These lines are opaque, in the colour the see-through lines gave on the
    white background. The plot sets the lines (:meth:`set_lines`) when its size changes.
    """

    def __init__(self, major: str, minor: str) -> None:
        super().__init__()
        self._pens = []
        for colour in (minor, major):
            pen = QPen(QColor(colour))
            pen.setCosmetic(True)  # one pixel wide whatever the data scale
            pen.setWidth(1)
            self._pens.append(pen)
        self._lines: tuple[list[QLineF], list[QLineF]] = ([], [])
        self._rect = QRectF()

    def set_lines(self, major: list[QLineF], minor: list[QLineF]) -> None:
        """Draw these lines (data coordinates); the minor ones under the major ones."""
        self.prepareGeometryChange()
        self._lines = (list(minor), list(major))
        rect = QRectF()
        for line in (*minor, *major):
            rect = rect.united(QRectF(line.p1(), line.p2()).normalized())
        # the outermost lines lie on the rectangle's edge: widen it a little (1 %) so that their
        # pixel is inside what Qt repaints for this item
        self._rect = rect.adjusted(-0.01 * rect.width(), -0.01 * rect.height(), 0.01 * rect.width(),
                                   0.01 * rect.height())
        self.update()

    def lines(self) -> tuple[list[QLineF], list[QLineF]]:
        """(major, minor) lines drawn."""
        return self._lines[1], self._lines[0]

    def colours(self) -> tuple[QColor, QColor]:
        """(major, minor) line colours (opaque)."""
        return self._pens[1].color(), self._pens[0].color()

    @qt_override(QRectF())
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        """The lines' extent (data coordinates), a little widened."""
        return self._rect

    @qt_override()
    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        """Minor lines, then major lines."""
        for pen, lines in zip(self._pens, self._lines, strict=True):
            if lines:
                painter.setPen(pen)
                painter.drawLines(lines)


class NumberAxis(pg.AxisItem):
    """A left axis whose numbers stand at least :attr:`LINES_APART` lines of their font apart: pyqtgraph
    spaces its ticks by the axis's length alone, and on a low plot wrote 90, 100, 110 and 120 on top of
    each other. The finer level (every half or fifth step) gets numbers where pyqtgraph finds room."""

    LINES_APART = 1.6

    def __init__(self) -> None:
        super().__init__("left")

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N802, N803
        """(major, minor) spacings: the smallest of 1, 2, 5 × 10ⁿ that leaves room for the numbers."""
        span = maxVal - minVal
        if span <= 0 or size <= 0:
            return super().tickSpacing(minVal, maxVal, size)
        line_px = QFontMetrics(self.style["tickFont"] or self.font()).height()
        steps = max(size / (self.LINES_APART * line_px), 1.0)  # as many numbers as fit, less one
        least = span / steps
        power = 10.0 ** math.floor(math.log10(least))
        mantissa = next(m for m in (1, 2, 5, 10) if m * power >= least * (1.0 - 1e-9))
        major = mantissa * power
        return [(major, 0.0), (major / (5 if mantissa == 5 else 2), 0.0)]


class DepthAxis(pg.AxisItem):
    """The depth plots' bottom axis: a tick every 30°, labelled "−90 standing" and "0 parallel" where
    the axis is long enough, plain numbers where not, every other number on a short axis
    (:func:`~viewer.ui.plot_texts.depth_ticks`). The axis chooses from its own length, which
    pyqtgraph passes to :meth:`tickValues`, as pyqtgraph's own axes choose their spacing."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.enableAutoSIPrefix(False)
        #: The ticks drawn last: (thigh angle °, label).
        self.shown: list[tuple[float, str]] = list(DEPTH_TICKS)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803 (pyqtgraph names)
        """One level of ticks: those of :func:`depth_ticks` for ``size`` px over ``minVal`` … ``maxVal``°."""
        if maxVal <= minVal or size <= 0:
            return []
        advance = QFontMetrics(self.style["tickFont"] or self.font()).horizontalAdvance
        self.shown = [(x, text) for x, text in depth_ticks(size / (maxVal - minVal), advance) if minVal <= x <= maxVal]
        return [(30.0, [x for x, _ in self.shown])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        """The labels of :attr:`shown` for ``values``."""
        labels = dict(self.shown)
        return [labels.get(v, f"{v:.0f}") for v in values]
