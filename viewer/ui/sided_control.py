"""One row of the controls panel for a parameter that may differ left and right (``params.SIDED``).

Off (the default), its slider drives both sides, as every other slider does. Its "L ≠ R" switch
shows a Left and a Right slider instead, each setting only that side's override
(``params.SIDE_SPECS``); switching it off clears both overrides, so the row's one value holds again.
The row only emits intents (``edited``) and shows the anatomy it is given (``sync``).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from viewer.model.anatomy import Anatomy
from viewer.model.params import SIDES, ParamSpec, side_name, spec
from viewer.model.sides import side_value
from viewer.ui.float_slider import FloatSlider
from viewer.ui.layouts import column

SWITCH_TEXT = "L≠R"
SWITCH_TIP = ("Left ≠ right: set the left and the right side apart. Off: one value for both sides "
              "(switching it off makes the sides equal again).")


class SidedSlider(QWidget):
    """A float slider for two-sided ``base`` with a "left ≠ right" switch and a slider per side.

    The switch sits right of the two-sided slider (the slider gives up the room, so the panel is no
    wider than without it); while split, it moves into the label's line in place of the typed value.

    Attributes:
        both: the two-sided slider (its label and switch stay shown; its slider hides while split).
        switch: the checkable "L ≠ R" button.
        sides: ``{"left": FloatSlider, "right": FloatSlider}`` for the one-side overrides.

    Signals:
        edited(str, object, bool): parameter name (two-sided or one-side), value (``None`` clears an
            override), whether the edit is final.
        inputRejected(str): a typed value was refused.
    """

    edited = Signal(str, object, bool)
    inputRejected = Signal(str)

    def __init__(self, base: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = base
        self.both = FloatSlider(base, self)
        self.switch = QToolButton(self)
        self.switch.setObjectName(f"sides_{base.name}")
        self.switch.setText(SWITCH_TEXT)
        self.switch.setCheckable(True)
        self.switch.setToolTip(SWITCH_TIP)
        self.switch.setAccessibleName(f"{base.label}: left ≠ right")
        self.both.place_beside(self.switch, in_header=False)
        self.split_box = QWidget(self)
        self.sides: dict[str, FloatSlider] = {}
        for side in SIDES:
            one = spec(side_name(base.name, side))
            shown = dataclasses.replace(one, label=side.capitalize(), default=base.default)
            self.sides[side] = FloatSlider(shown, self.split_box)
            self.sides[side].slider.setAccessibleName(one.label)
        column(*self.sides.values(), parent=self.split_box, margins=(12, 0, 0, 0), spacing=0)
        self.split_box.setVisible(False)
        column(self.both, self.split_box, parent=self, margins=0, spacing=0)
        self._overrides_set = False  # whether the anatomy last shown has a one-side value
        for slider in (self.both, *self.sides.values()):
            name = slider.spec.name
            slider.valueChanging.connect(lambda v, n=name: self.edited.emit(n, v, False))
            slider.valueCommitted.connect(lambda v, n=name: self.edited.emit(n, v, True))
            slider.inputRejected.connect(self.inputRejected)
        self.switch.toggled.connect(self._on_switch_toggled)

    def sync(self, anatomy: Anatomy) -> None:
        """Show ``anatomy`` (no signals). Sides that differ turn the switch on; sides made equal from
        outside (a profile, a preset, undo) turn it off; equal sides set by the row's own sliders leave
        it on."""
        name = self.spec.name
        base = getattr(anatomy, name)
        if self.both.value() != base:
            self.both.set_value(base)
        self._overrides_set = any(getattr(anatomy, side_name(name, side)) is not None for side in SIDES)
        moved_outside = False
        for side, slider in self.sides.items():
            value = side_value(anatomy, name, side[0])
            if slider.value() != value:
                moved_outside = True
                slider.set_value(value)
        if self._overrides_set != self.switch.isChecked() and (self._overrides_set or moved_outside):
            with QSignalBlocker(self.switch):
                self.switch.setChecked(self._overrides_set)
            self._show_split(self._overrides_set)

    def _show_split(self, on: bool) -> None:
        # beside the slider while it drives both sides; in the label's line while the sides have their own
        self.both.place_beside(self.switch, in_header=on)
        self.both.set_value_shown(not on)
        self.split_box.setVisible(on)

    def _on_switch_toggled(self, on: bool) -> None:
        self._show_split(on)
        if not on and self._overrides_set:  # one value for both sides again: the row's own
            left, right = (side_name(self.spec.name, side) for side in SIDES)
            self.edited.emit(left, None, False)
            self.edited.emit(right, None, True)
