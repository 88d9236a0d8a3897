"""'What would buy depth': the lifter's levers for the current anatomy, best first; a click tries one.

The panel only shows :func:`viewer.model.levers.lever_effects`. It is refreshed when the anatomy
settles (slider released, preset, profile, undo), never on every drag event (each lever costs a
sweep); while a slider is dragged the list is greyed as out of date.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from viewer.model.anatomy import Anatomy
from viewer.model.levers import LeverEffect, lever_effects
from viewer.model.squat import sweep
from viewer.wording import at, where

#: Gains smaller than this (degrees of thigh angle) are reported as "no change".
NOTICEABLE_DEG = 0.5


def effect_text(effect: LeverEffect) -> str:
    """What ``effect`` buys in a few words, e.g. "+9° → tucks at 1° below parallel"."""
    gain = effect.gain_deg
    after = at(effect.neutral_after_deg)
    if gain >= NOTICEABLE_DEG:
        if not effect.tucks_after:
            return f"+{gain:.0f}° → no tuck, neutral to the deepest point, {where(effect.neutral_after_deg)}"
        return f"+{gain:.0f}° → tucks {after}"
    if gain <= -NOTICEABLE_DEG:
        if not effect.tucks_after:
            return f"−{-gain:.0f}° → no tuck, but the squat ends {after}"
        return f"−{-gain:.0f}° → tucks earlier, {after}"
    deeper = effect.deepest_gain_deg
    if abs(deeper) >= NOTICEABLE_DEG:
        return f"±0° before the tuck; deepest {'+' if deeper > 0 else '−'}{abs(deeper):.0f}°"
    return "no change"


def intro_text(anatomy: Anatomy) -> str:
    """Where the pelvis tucks now, and what the list means."""
    s = sweep(anatomy)
    now = (f"Now the pelvis tucks {at(s.tuck_onset.thigh_angle_deg)}." if s.tuck_onset is not None
           else f"Now the pelvis stays neutral to the deepest point, {where(s.deepest.thigh_angle_deg)}.")
    return f"{now} Depth each change buys before the tuck; click one to try it (Ctrl+Z undoes it)."


class LeversPanel(QWidget):
    """List of levers for one anatomy. Signals: ``leverChosen(LeverEffect)`` when a row is clicked."""

    leverChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel("", self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("levers_list")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        self._anatomy: Anatomy | None = None
        self._effects: list[LeverEffect] = []

    def show_for(self, anatomy: Anatomy) -> None:
        """List the levers of ``anatomy`` (recomputed only when the anatomy changed)."""
        if anatomy != self._anatomy:
            self._anatomy = anatomy
            self._effects = lever_effects(anatomy)
            self.intro.setText(intro_text(anatomy))
            self.list.clear()
            for effect in self._effects:
                item = QListWidgetItem(f"{effect.lever.label}\n    {effect_text(effect)}")
                item.setToolTip(effect.lever.how)
                if effect.gain_deg < NOTICEABLE_DEG:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.list.addItem(item)
        self.list.setEnabled(True)
        self.list.setToolTip("")

    def mark_changing(self, anatomy: Anatomy) -> None:
        """The anatomy is being dragged away from the one listed: grey the list until it settles."""
        if anatomy != self._anatomy:
            self.list.setEnabled(False)
            self.list.setToolTip("Updates when you release the slider")

    @property
    def anatomy(self) -> Anatomy | None:
        """The anatomy the list is for (``None`` before the first listing)."""
        return self._anatomy

    def effects(self) -> list[LeverEffect]:
        """The effects listed, in their order."""
        return list(self._effects)

    def row_texts(self) -> list[str]:
        """The rows as shown (label, new line, effect)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _on_item(self, item: QListWidgetItem) -> None:
        if not self.list.isEnabled():
            return
        row = self.list.row(item)
        if 0 <= row < len(self._effects):
            self.leverChosen.emit(self._effects[row])
