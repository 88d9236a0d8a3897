"""Depth bar: the depth slider, play/pause (loops down and up at a tempo), steps, go-to-onset.

The bar only asks for depths (``depthRequested``, thigh angle in degrees); it shows what it
is given in :meth:`apply`. Playing is a view activity, not part of the state or of undo.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QPushButton, QSlider, QStyle, QWidget

from viewer.model.pose import Onset, Sweep
from viewer.qt_override import qt_override
from viewer.state import Solution
from viewer.ui.layouts import row
from viewer.wording import where

SLIDER_STEPS = 1000
#: Seconds for one full rep (standing → deepest → standing).
TEMPI_S: tuple[float, ...] = (2.0, 4.0, 6.0, 10.0)
FRAME_INTERVAL_MS = 33
#: The depth slider is never shorter than this (px) when the bar is on one row.
SLIDER_MIN_PX = 200


def triangle(phase: float) -> float:
    """Depth fraction along a rep: 0 → 1 → 0 as ``phase`` goes 0 → 0.5 → 1 (periodic)."""
    p = phase % 1.0
    return 2.0 * p if p <= 0.5 else 2.0 * (1.0 - p)


class DepthBar(QWidget):
    """Signals: depthRequested(float thigh angle °), playingChanged(bool)."""

    depthRequested = Signal(float)
    playingChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sweep: Sweep | None = None  # the shown anatomy's (its depths and onsets)
        self._fraction = 0.0
        self._phase = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        self.play_button = QPushButton(self)
        self.play_button.setObjectName("play_button")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Play / pause one squat after another (Space)")
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("depth_slider")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setSingleStep(SLIDER_STEPS // 50)
        self.slider.setPageStep(SLIDER_STEPS // 10)
        self.slider.setToolTip("Depth: drag from standing (left) to the deepest this lifter reaches (right). "
                               "Keys: Left/Right step, Home/End.")
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.readout = QLabel(self)
        self.readout.setObjectName("depth_readout")
        # as wide as its longest text, so the bar does not jump while the depth changes
        self.readout.setMinimumWidth(self.readout.fontMetrics().horizontalAdvance("Now: thigh 90° above parallel") + 4)
        self.tempo = QComboBox(self)
        self.tempo.setObjectName("tempo")
        for seconds in TEMPI_S:
            self.tempo.addItem(f"{seconds:g} s / rep", seconds)
        self.tempo.setCurrentIndex(1)
        self.tempo.setToolTip("Tempo of the playback")
        self.tuck_button = QPushButton("Go to tuck", self)
        self.tuck_button.setObjectName("go_to_tuck")
        self.tuck_button.setToolTip("Jump to where the pelvis starts to tuck (T)")
        self.tuck_button.clicked.connect(self.go_to_tuck)
        self.round_button = QPushButton("Go to rounding", self)
        self.round_button.setObjectName("go_to_rounding")
        self.round_button.setToolTip("Jump to where the lower back starts to round (R)")
        self.round_button.clicked.connect(self.go_to_rounding)

        # two groups: the slider and its ends, then the readout and the buttons; side by side when
        # the window is wide enough, else one above the other (a 1024-px projector, a narrow window)
        self._rows = (row(self.play_button, QLabel("Standing", self), (self.slider, 1), QLabel("Deepest", self)),
                      row(self.readout, 1, self.tempo, self.tuck_button, self.round_button))
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(12)
        self._layout.addLayout(self._rows[0], 1)
        self._layout.addLayout(self._rows[1])
        self._update_play_icon()

    # --- one row or two ------------------------------------------------------------------
    def is_two_rows(self) -> bool:
        """Whether the buttons sit under the slider (the bar is too narrow for one row)."""
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def one_row_width(self) -> int:
        """Narrowest width (px) at which everything fits on one row, the slider ≥ SLIDER_MIN_PX."""
        slider_row, button_row = self._rows
        slider_extra = max(SLIDER_MIN_PX - self.slider.minimumSizeHint().width(), 0)
        m = self._layout.contentsMargins()
        return (slider_row.minimumSize().width() + slider_extra + self._layout.spacing()
                + button_row.minimumSize().width() + m.left() + m.right())

    def _two_row_width(self) -> int:
        slider_row, button_row = self._rows
        m = self._layout.contentsMargins()
        return max(slider_row.minimumSize().width(), button_row.minimumSize().width()) + m.left() + m.right()

    def _arrange(self, width: int) -> None:
        two = width < self.one_row_width()
        direction = QBoxLayout.Direction.TopToBottom if two else QBoxLayout.Direction.LeftToRight
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
            self.updateGeometry()  # the bar's height changes: the window lays out again

    @qt_override(QSize())
    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as two rows allow; the height of the current arrangement."""
        return QSize(self._two_row_width(), self._layout.minimumSize().height())

    @qt_override(QSize())
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide enough for one row; the height of the current arrangement."""
        return QSize(self.one_row_width(), self._layout.sizeHint().height())

    @qt_override()
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(event.size().width())

    @qt_override(False)
    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt override
        if event.type() == QEvent.Type.LayoutRequest:  # fonts or shown buttons changed the widths
            self._arrange(self.width())
        return super().event(event)

    def fraction(self) -> float:
        """Depth shown, as a fraction 0 (standing) … 1 (deepest)."""
        return self._fraction

    # --- applying ------------------------------------------------------------------------
    def apply(self, solution: Solution) -> None:
        """Show the solution's depth and remember its range and onsets."""
        self._sweep = sweep = solution.sweep
        self.tuck_button.setEnabled(sweep.tuck_onset is not None)
        self.round_button.setEnabled(sweep.rounding_onset is not None)
        self._fraction = solution.depth_fraction
        with QSignalBlocker(self.slider):
            self.slider.setValue(round(self._fraction * SLIDER_STEPS))
        self.readout.setText(f"Now: thigh {where(solution.thigh_angle_deg)}")

    # --- intents -------------------------------------------------------------------------
    def _request_fraction(self, fraction: float) -> None:
        """Ask for the depth at ``fraction`` (0 standing … 1 deepest) of the shown anatomy's reach."""
        if self._sweep is not None:
            self.depthRequested.emit(self._sweep.thigh_angle_at_pct(100.0 * fraction))

    def _on_slider_value_changed(self, position: int) -> None:
        self._request_fraction(position / SLIDER_STEPS)

    def _go_to(self, onset_name: str) -> None:
        onset: Onset | None = getattr(self._sweep, onset_name, None)
        if onset is not None:
            self.set_playing(False)
            self.depthRequested.emit(onset.thigh_angle_deg)

    def go_to_tuck(self) -> None:
        """Ask for the tuck-onset depth."""
        self._go_to("tuck_onset")

    def go_to_rounding(self) -> None:
        """Ask for the rounding-onset depth."""
        self._go_to("rounding_onset")

    # --- playback ------------------------------------------------------------------------
    def is_playing(self) -> bool:
        """Whether the playback runs."""
        return self._timer.isActive()

    def set_playing(self, on: bool) -> None:
        """Start or stop the playback."""
        self.play_button.setChecked(on)

    def toggle_playing(self) -> None:
        """Play if paused, pause if playing."""
        self.set_playing(not self.is_playing())

    def _on_play_toggled(self, on: bool) -> None:
        if on == self._timer.isActive():
            return
        if on:
            # Start from the shown depth, going down (or up from the very bottom).
            self._phase = self._fraction / 2.0 if self._fraction < 0.999 else 0.5
            self._clock.start()
            self._timer.start()
        else:
            self._timer.stop()
        self._update_play_icon()
        self.playingChanged.emit(on)

    def _on_timer_timeout(self) -> None:
        elapsed_s = self._clock.restart() / 1000.0
        seconds_per_rep = float(self.tempo.currentData())
        self._phase = (self._phase + min(elapsed_s, 0.2) / seconds_per_rep) % 1.0
        self._request_fraction(triangle(self._phase))

    def _update_play_icon(self) -> None:
        playing = self._timer.isActive()
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Pause" if playing else "Play")
