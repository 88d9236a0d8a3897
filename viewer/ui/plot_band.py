"""The uncertainty band on the joint-angle plot: lumbar flexion's 10–90 % range over the anatomies the
lifter's results allow (a shaded band around its curve), and the 10–90 % range of depths where the pelvis
starts to tuck (a labelled bar along the plot's top, clear of the full-height shading past the exact onset)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from viewer.model.uncertainty import Band
from viewer.ui.plot_items import Bar, PixelText

LUMBAR_FILL = (204, 121, 167, 110)  # the lumbar-flexion curve's colour (#CC79A7), see-through
TUCK_FILL = (213, 94, 0, 170)  # the tuck onset's colour (#D55E00)
#: Height of the tuck-onset bar, share of the plot's y range, and its centre from the top.
TUCK_BAR_SHARE = 0.035
TUCK_BAR_TEXT = "pelvis likely tucks here"


class BandOverlay:
    """Items added to a depth plot (``plot``, a ``pg.PlotItem`` whose y values are degrees); hidden until
    :meth:`show` gets a band."""

    def __init__(self, plot: pg.PlotItem, y_range: tuple[float, float]) -> None:
        self._low = pg.PlotCurveItem([], [], pen=pg.mkPen(None))
        self._high = pg.PlotCurveItem([], [], pen=pg.mkPen(None))
        self.lumbar_fill = pg.FillBetweenItem(self._low, self._high, brush=pg.mkBrush(*LUMBAR_FILL))
        self.lumbar_fill.setZValue(-10)
        lo, hi = y_range
        height = TUCK_BAR_SHARE * (hi - lo)
        self._bar_y = hi - 1.5 * height
        self.tuck_span = Bar(self._bar_y, height, pg.mkBrush(*TUCK_FILL), pg.mkPen(None))
        self.tuck_span.setZValue(15)
        self.tuck_label = PixelText(TUCK_BAR_TEXT, "#8a3b00", anchor=(1.0, 0.5), offset_px=(-4.0, 0.0),
                                    background=QColor(255, 255, 255, 200))
        self.tuck_label.setZValue(16)
        for item in (self._low, self._high, self.lumbar_fill, self.tuck_span, self.tuck_label):
            plot.addItem(item, ignoreBounds=True)
        self.band: Band | None = None
        self.show(None)

    def show(self, band: Band | None) -> None:
        """Draw ``band`` (``None``: hide)."""
        self.band = band
        visible = band is not None
        self.lumbar_fill.setVisible(visible)
        self.tuck_span.setVisible(False)
        self.tuck_label.setVisible(False)
        if band is None:
            return
        lumbar = band.lumbar_flexion_deg
        ok = np.isfinite(lumbar[0]) & np.isfinite(lumbar[2])
        x = np.asarray(band.thigh_deg)[ok]
        self._low.setData(x, lumbar[0][ok])
        self._high.setData(x, lumbar[2][ok])
        t = band.tuck_onset
        if t.low_deg is not None:
            high = t.high_deg if t.high_deg is not None else float(x[-1]) if x.size else t.low_deg
            self.tuck_span.set_span(t.low_deg, high - t.low_deg)
            self.tuck_span.setVisible(True)
            self.tuck_label.setPos(t.low_deg, self._bar_y)
            self.tuck_label.setVisible(True)

    def lumbar_range(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(thigh °, 10th, 90th percentile of lumbar flexion °) drawn."""
        x, low = self._low.getData()
        _, high = self._high.getData()
        return np.asarray(x), np.asarray(low), np.asarray(high)
