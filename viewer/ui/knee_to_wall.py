"""Knee-to-wall helper: type the lunge-test distance (cm or inches), get the dorsiflexion.

The conversion is the model's (``viewer.model.ankle``, the geometric formula of
biomechanics.md §3, which depends on the lifter's shank and foot lengths).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from viewer.model.anatomy import Anatomy

CM_PER_INCH = 2.54


def _converters() -> tuple | None:
    try:
        from viewer.model import ankle
    except ImportError:
        return None
    to_deg = getattr(ankle, "knee_to_wall_to_dorsiflexion_deg", None)
    to_m = getattr(ankle, "dorsiflexion_to_knee_to_wall_m", None)
    if to_deg is None or to_m is None:
        return None
    return to_deg, to_m


class KneeToWallHelper(QWidget):
    """Distance box + unit + "Use" button; emits the dorsiflexion for the typed distance.

    Signals:
        dorsiflexionRequested(float): degrees, already clamped to the parameter's range.
    """

    dorsiflexionRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anatomy = Anatomy()
        self.distance = QDoubleSpinBox(self)
        self.distance.setObjectName("knee_to_wall_distance")
        self.distance.setDecimals(1)
        self.distance.setRange(-5.0, 30.0)
        self.distance.setSingleStep(0.5)
        self.unit = QComboBox(self)
        self.unit.addItems(["cm", "in"])
        self.result = QLabel("", self)
        self.apply_button = QPushButton("Use", self)
        self.apply_button.setObjectName("knee_to_wall_apply")
        # as narrow as its word allows (a push button's usual 80 px would widen the whole panel)
        self.apply_button.setMinimumWidth(self.apply_button.fontMetrics().horizontalAdvance("Use") + 24)
        self.apply_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Knee-to-wall", self))
        layout.addWidget(self.distance, 1)
        layout.addWidget(self.unit)
        layout.addWidget(self.result)
        layout.addWidget(self.apply_button)
        tip = ("Weight-bearing lunge test: largest toe-to-wall distance with the knee touching the wall "
               "and the heel down. Converted with this lifter's shank and foot lengths.")
        self.setToolTip(tip)
        self.distance.valueChanged.connect(self._update_result)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.setEnabled(_converters() is not None)
        self.set_anatomy(self._anatomy)

    def distance_m(self) -> float:
        """The typed distance in metres."""
        value = self.distance.value()
        return value * (CM_PER_INCH if self.unit.currentText() == "in" else 1.0) / 100.0

    def dorsiflexion_deg(self) -> float | None:
        """Dorsiflexion for the typed distance, clamped to the parameter range; None if unavailable."""
        conv = _converters()
        if conv is None:
            return None
        from viewer.model.params import spec

        s = spec("ankle_dorsiflexion_deg")
        return float(min(max(conv[0](self.distance_m(), self._anatomy), s.minimum), s.maximum))

    def set_anatomy(self, anatomy: Anatomy) -> None:
        """Use ``anatomy``'s segment lengths; show its current dorsiflexion as a distance."""
        self._anatomy = anatomy
        conv = _converters()
        if conv is None:
            return
        if not self.distance.hasFocus():
            metres = conv[1](anatomy.ankle_dorsiflexion_deg, anatomy)
            factor = CM_PER_INCH if self.unit.currentText() == "in" else 1.0
            self.distance.blockSignals(True)
            self.distance.setValue(metres * 100.0 / factor)
            self.distance.blockSignals(False)
        self._update_result()

    def _on_unit_changed(self, _index: int) -> None:
        self.distance.blockSignals(True)
        if self.unit.currentText() == "in":
            self.distance.setRange(-2.0, 12.0)
            self.distance.setValue(self.distance.value() / CM_PER_INCH)
        else:
            self.distance.setRange(-5.0, 30.0)
            self.distance.setValue(self.distance.value() * CM_PER_INCH)
        self.distance.blockSignals(False)
        self.set_anatomy(self._anatomy)

    def _update_result(self) -> None:
        deg = self.dorsiflexion_deg()
        self.result.setText("" if deg is None else f"= {deg:.0f}°")

    def _on_apply_clicked(self) -> None:
        deg = self.dorsiflexion_deg()
        if deg is not None:
            self.dorsiflexionRequested.emit(round(deg))
