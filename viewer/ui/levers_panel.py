"""'What would buy depth': the lifter's levers for the current anatomy, best first; a click tries one.

The panel only shows :func:`viewer.model.levers.lever_effects`. It is refreshed when the anatomy
settles (slider released, preset, profile, undo), never on every drag event (each lever costs a
sweep); while a slider is dragged the list is greyed as out of date. When the state has own-anatomy
results, each gain also carries its 10–90 % range over the anatomies they allow
(:mod:`viewer.model.lever_ranges`), e.g. "+6° (3–9°) → …", once those are computed (:meth:`set_ranges`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from viewer.model.anatomy import Anatomy
from viewer.model.lever_ranges import LeverRange
from viewer.model.levers import LeverEffect, lever_effects
from viewer.model.squat import sweep
from viewer.ui.layouts import column, text_label
from viewer.wording import at, where

#: Gains smaller than this (degrees of thigh angle) are reported as "no change".
NOTICEABLE_DEG = 0.5


def range_text(lever_range: LeverRange | None) -> str:
    """A gain's range in brackets after a space, e.g. " (3–9°)", " (−2 to +4°)"; empty without a range or
    when its ends round to the same degree."""
    if lever_range is None:
        return ""
    low, high = round(lever_range.low_deg), round(lever_range.high_deg)
    if low == high:
        return ""
    if low >= 0:
        return f" ({low}–{high}°)"
    if high <= 0:
        return f" (−{-low} to {'−' if high < 0 else ''}{-high}°)"
    return f" (−{-low} to +{high}°)"


def effect_text(effect: LeverEffect, lever_range: LeverRange | None = None) -> str:
    """What ``effect`` buys in a few words, e.g. "+9° → tucks at 1° below parallel"; with the gain's range
    over an uncertain anatomy, "+9° (6–12°) → tucks at 1° below parallel"."""
    gain = effect.gain_deg
    spread = range_text(lever_range)
    after = at(effect.neutral_after_deg)
    if gain >= NOTICEABLE_DEG:
        if not effect.tucks_after:
            return f"+{gain:.0f}°{spread} → no tuck, neutral to the deepest point, {where(effect.neutral_after_deg)}"
        return f"+{gain:.0f}°{spread} → tucks {after}"
    if gain <= -NOTICEABLE_DEG:
        if not effect.tucks_after:
            return f"−{-gain:.0f}°{spread} → no tuck, but the squat ends {after}"
        return f"−{-gain:.0f}°{spread} → tucks earlier, {after}"
    deeper = effect.deepest_gain_deg
    if abs(deeper) >= NOTICEABLE_DEG:
        return f"±0°{spread} before the tuck; deepest {'+' if deeper > 0 else '−'}{abs(deeper):.0f}°"
    return f"no change{spread}"


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
        self.intro = text_label(self)
        self.list = QListWidget(self)
        self.list.setObjectName("levers_list")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        column(self.intro, (self.list, 1), parent=self, margins=4)
        self._anatomy: Anatomy | None = None
        self._effects: list[LeverEffect] = []
        self._ranges: tuple[Anatomy, dict[str, LeverRange]] | None = None  # (for which anatomy, ranges)

    def show_for(self, anatomy: Anatomy) -> None:
        """List the levers of ``anatomy`` (recomputed only when the anatomy changed)."""
        if anatomy != self._anatomy:
            self._anatomy = anatomy
            self._effects = lever_effects(anatomy)
            self.intro.setText(intro_text(anatomy))
            self._fill()
        self.list.setEnabled(True)
        self.list.setToolTip("")

    def set_ranges(self, ranges: tuple[Anatomy, dict[str, LeverRange]] | None) -> None:
        """Show each gain's range: ``(anatomy, {lever key: LeverRange})``, used while ``anatomy`` is the
        one listed (ranges for another anatomy wait for it); ``None`` drops them (plain gains)."""
        if ranges == self._ranges:
            return
        self._ranges = ranges
        self._fill()

    def ranges(self) -> dict[str, LeverRange]:
        """The ranges shown with the listed gains (empty when none are)."""
        if self._ranges is None or self._ranges[0] != self._anatomy:
            return {}
        return dict(self._ranges[1])

    def _fill(self) -> None:
        shown = self.ranges()
        self.list.clear()
        for effect in self._effects:
            item = QListWidgetItem(f"{effect.lever.label}\n    {effect_text(effect, shown.get(effect.lever.key))}")
            item.setToolTip(effect.lever.how)
            if effect.gain_deg < NOTICEABLE_DEG:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)

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
