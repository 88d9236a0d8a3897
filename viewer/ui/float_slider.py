"""One float slider widget: owns the int↔float mapping, shows value + unit, accepts typed values.

Signals follow pyqtgraph's "changing vs changed" split: ``valueChanging`` fires while the
handle is dragged (cheap work only), ``valueCommitted`` when a change is final (handle
released, keyboard step, click on the groove, typed value, double-click reset).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSlider, QWidget

from viewer.model.params import ParamSpec
from viewer.qt_override import qt_override
from viewer.ui.layouts import column, row
from viewer.ui.number_text import format_number, parse_number


def format_value(spec: ParamSpec, value: float) -> str:
    """``value`` with the spec's decimals and unit, e.g. ``"28 °"`` or ``"0.35 m"`` (never ``"-0 °"``)."""
    return format_number(value, spec.decimals, spec.unit)


def parse_value(spec: ParamSpec, text: str) -> float:
    """Parse typed text by the window's one rule (:mod:`viewer.ui.number_text`: ``.`` or ``,`` decimal,
    unit optional) and validate it against ``spec``.

    Raises ``ValueError`` with a message naming the parameter and its range.
    """
    number = parse_number(text, label=spec.label, unit=spec.unit, minimum=spec.minimum, maximum=spec.maximum,
                          decimals=spec.decimals)
    try:
        return float(spec.validate(number))
    except ValueError as exc:  # pragma: no cover - parse_number already checked the range
        raise ValueError(f"{spec.label}: {exc}") from None


class FloatSlider(QWidget):
    """Labelled slider for one float :class:`ParamSpec`.

    Signals:
        valueChanging(float): while dragging.
        valueCommitted(float): a final value.
        inputRejected(str): a typed value was refused; the message says why.
    """

    valueChanging = Signal(float)
    valueCommitted = Signal(float)
    inputRejected = Signal(str)

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if spec.kind != "float":
            raise ValueError(f"FloatSlider needs a float spec, {spec.name} is {spec.kind}")
        self.spec = spec
        self._steps = spec.steps
        self._value = float(spec.default)

        self.label = QLabel(spec.label, self)
        self.entry = QLineEdit(self)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.entry.setMaximumWidth(90)
        self.entry.setObjectName(f"entry_{spec.name}")
        self.describe_label = QLabel("", self)
        self.describe_label.setObjectName(f"describe_{spec.name}")
        self.describe_label.setVisible(bool(spec.value_labels))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName(f"slider_{spec.name}")
        self.slider.setRange(0, self._steps)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(max(1, self._steps // 10))
        self.slider.setAccessibleName(spec.label)

        tip = f"{spec.help}\nRange {spec.minimum:g}–{spec.maximum:g} {spec.unit}; default {spec.default:g}. " \
              "Double-click to reset; type a value in the box."
        for widget in (self, self.label, self.slider, self.entry):
            widget.setToolTip(tip)

        self._top = row(self.label, 1, self.describe_label, self.entry, margins=0)
        self._slider_line = row((self.slider, 1), margins=0)
        column(self._top, self._slider_line, parent=self, margins=(0, 2, 0, 2), spacing=1)

        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.entry.editingFinished.connect(self._on_entry_edited)
        self.slider.installEventFilter(self)
        self.label.installEventFilter(self)
        self.set_value(self._value)

    # --- mapping -------------------------------------------------------------------------
    def to_int(self, value: float) -> int:
        """Slider position of ``value`` (nearest step, clamped): :meth:`ParamSpec.position`."""
        return self.spec.position(value)

    def to_float(self, position: int) -> float:
        """Value at slider ``position``: :meth:`ParamSpec.value_at`."""
        return self.spec.value_at(position)

    # --- public --------------------------------------------------------------------------
    def value(self) -> float:
        """The value shown."""
        return self._value

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting anything (used to sync from the state)."""
        self._value = float(value)
        with QSignalBlocker(self.slider):
            self.slider.setValue(self.to_int(value))
        if not self.entry.hasFocus():
            self.entry.setText(format_value(self.spec, value))
        self.entry.setStyleSheet("")
        if self.spec.value_labels:
            self.describe_label.setText(self.spec.describe(value))

    def place_beside(self, widget: QWidget, in_header: bool) -> None:
        """Put ``widget`` (e.g. a switch that belongs to the row) right of the slider, or in the top line
        right after the label (``in_header``: where it stays in sight while the slider is hidden)."""
        self._top.removeWidget(widget)
        self._slider_line.removeWidget(widget)
        if in_header:
            self._top.insertWidget(1, widget)
        else:
            self._slider_line.addWidget(widget)

    def set_value_shown(self, on: bool) -> None:
        """Show or hide the slider, the typed value and the clinical label (the label stays)."""
        self.slider.setVisible(on)
        self.entry.setVisible(on)
        self.describe_label.setVisible(on and bool(self.spec.value_labels))

    def reset(self) -> None:
        """Go back to the spec's default and commit it."""
        self._commit(float(self.spec.default))

    # --- events --------------------------------------------------------------------------
    @qt_override(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.reset()
            return True
        return super().eventFilter(watched, event)

    def _on_slider_value_changed(self, position: int) -> None:
        value = self.to_float(position)
        if value == self._value:
            return
        self._value = value
        self.entry.setText(format_value(self.spec, value))
        if self.spec.value_labels:
            self.describe_label.setText(self.spec.describe(value))
        if self.slider.isSliderDown():
            self.valueChanging.emit(value)
        else:
            self.valueCommitted.emit(value)

    def _on_slider_released(self) -> None:
        self.valueCommitted.emit(self._value)

    def _on_entry_edited(self) -> None:
        text = self.entry.text()
        if text == format_value(self.spec, self._value):
            return
        try:
            value = parse_value(self.spec, text)
        except ValueError as exc:
            self.entry.setStyleSheet("background: #fdd;")
            self.entry.setToolTip(str(exc))
            self.entry.setText(format_value(self.spec, self._value))
            self.inputRejected.emit(str(exc))
            return
        self._commit(value)

    def _commit(self, value: float) -> None:
        self.set_value(value)
        self.entry.setText(format_value(self.spec, value))
        self.valueCommitted.emit(value)

