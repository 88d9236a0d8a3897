"""Knee-to-wall helper: type the lunge-test distance (cm or inches), get the dorsiflexion.

The conversion is the model's (``viewer.model.ankle``, the geometric formula of
biomechanics.md §3, which depends on the lifter's shank and foot lengths). The distance box
reads what is typed by the window's one rule for numbers (:mod:`viewer.ui.number_text`), like
the sliders' value boxes; it accepts the distances that give this lifter 0–50° of dorsiflexion
(the parameter's range) and refuses any other with a message instead of clamping it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from viewer.model.anatomy import Anatomy
from viewer.model.ankle import CM_PER_INCH, dorsiflexion_to_knee_to_wall_m, knee_to_wall_to_dorsiflexion_deg
from viewer.model.params import spec
from viewer.ui.number_text import format_number, parse_number

#: Digits shown after the point in the distance box.
DECIMALS = 1
LABEL = "Knee-to-wall"
_REJECTED_STYLE = "background: #fdd;"


class KneeToWallHelper(QWidget):
    """Distance box + unit + "Use" button; emits the dorsiflexion for the typed distance.

    Signals:
        dorsiflexionRequested(float): degrees, within the parameter's range.
        inputRejected(str): the typed distance was refused; the message says why.
    """

    dorsiflexionRequested = Signal(float)
    inputRejected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anatomy = Anatomy()
        self.distance = QLineEdit(self)
        self.distance.setObjectName("knee_to_wall_distance")
        self.distance.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit = QComboBox(self)
        self.unit.addItems(["cm", "in"])
        self.result = QLabel("", self)
        self.apply_button = QPushButton("Use", self)
        self.apply_button.setObjectName("knee_to_wall_apply")
        # as narrow as its word allows (a push button's usual 80 px would widen the whole panel)
        self.apply_button.setMinimumWidth(self.apply_button.fontMetrics().horizontalAdvance("Use") + 24)
        self.apply_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # two rows, so that the controls panel stays narrow (an 800-px screen)
        top = QHBoxLayout()
        top.addWidget(QLabel(LABEL, self))
        top.addStretch(1)
        top.addWidget(self.result)
        bottom = QHBoxLayout()
        bottom.addWidget(self.distance, 1)
        bottom.addWidget(self.unit)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._tip = ("Weight-bearing lunge test: largest toe-to-wall distance with the knee touching the wall "
                     "and the heel down. Converted with this lifter's shank and foot lengths.")
        self.setToolTip(self._tip)
        self.distance.textEdited.connect(self._on_text_edited)
        self.distance.returnPressed.connect(self._on_apply_clicked)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.set_anatomy(self._anatomy)

    # --- the numbers ---------------------------------------------------------------------
    def unit_cm(self) -> float:
        """Centimetres per unit of the box (1 for cm, 2.54 for inches)."""
        return CM_PER_INCH if self.unit.currentText() == "in" else 1.0

    def distance_range(self) -> tuple[float, float]:
        """The distances the box accepts, in its unit: those giving this lifter the parameter's
        dorsiflexion range, rounded inward to the box's decimals."""
        s = spec("ankle_dorsiflexion_deg")
        scale = 100.0 / self.unit_cm() * 10**DECIMALS
        low = math.ceil(dorsiflexion_to_knee_to_wall_m(s.minimum, self._anatomy) * scale - 1e-9) / 10**DECIMALS
        high = math.floor(dorsiflexion_to_knee_to_wall_m(s.maximum, self._anatomy) * scale + 1e-9) / 10**DECIMALS
        return low, high

    def typed_distance(self) -> float:
        """The distance typed, in the box's unit.

        Raises:
            ValueError: not a number or outside :meth:`distance_range`; the message says which and why.
        """
        low, high = self.distance_range()
        return parse_number(self.distance.text(), label=LABEL, unit=self.unit.currentText(), minimum=low,
                            maximum=high, decimals=DECIMALS)

    def set_distance(self, value: float) -> None:
        """Show ``value`` (in the box's unit) in the box, without emitting anything."""
        self.distance.setText(format_number(value, DECIMALS))
        self._update_result()

    def distance_m(self) -> float:
        """The typed distance in metres. Raises ``ValueError`` as :meth:`typed_distance`."""
        return self.typed_distance() * self.unit_cm() / 100.0

    def dorsiflexion_deg(self) -> float:
        """Dorsiflexion for the typed distance. Raises ``ValueError`` as :meth:`typed_distance`."""
        s = spec("ankle_dorsiflexion_deg")
        # the range of the box keeps the result within the parameter's; min/max only absorb rounding
        return min(max(knee_to_wall_to_dorsiflexion_deg(self.distance_m(), self._anatomy), s.minimum), s.maximum)

    # --- state ---------------------------------------------------------------------------
    def set_anatomy(self, anatomy: Anatomy) -> None:
        """Use ``anatomy``'s segment lengths; show its current dorsiflexion as a distance."""
        self._anatomy = anatomy
        if not self.distance.hasFocus():
            metres = dorsiflexion_to_knee_to_wall_m(anatomy.ankle_dorsiflexion_deg, anatomy)
            self.distance.setText(format_number(metres * 100.0 / self.unit_cm(), DECIMALS))
            self._show_accepted()
        self._update_result()

    def _on_unit_changed(self, _index: int) -> None:
        try:  # the typed distance in the new unit; else the anatomy's
            value = parse_number(self.distance.text(), label=LABEL, unit="", minimum=-math.inf, maximum=math.inf)
        except ValueError:
            self.distance.clearFocus()
            self.set_anatomy(self._anatomy)
            return
        factor = CM_PER_INCH if self.unit.currentText() == "in" else 1.0 / CM_PER_INCH
        self.set_distance(value / factor)

    def _on_text_edited(self, _text: str) -> None:
        self._show_accepted()
        self._update_result()

    def _update_result(self) -> None:
        try:
            deg = self.dorsiflexion_deg()
        except ValueError:
            deg = None
        self.result.setText("" if deg is None else f"= {deg:.0f}°")

    def _show_accepted(self) -> None:
        self.distance.setStyleSheet("")
        self.distance.setToolTip(self._tip)

    def _on_apply_clicked(self) -> None:
        try:
            deg = self.dorsiflexion_deg()
        except ValueError as exc:
            self.distance.setStyleSheet(_REJECTED_STYLE)
            self.distance.setToolTip(str(exc))
            self.inputRejected.emit(str(exc))
            return
        self.dorsiflexionRequested.emit(round(deg))
