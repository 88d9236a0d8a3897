"""The headline readout: where the tuck and the rounding start, in plain words, large; for a lifter whose
sides differ, which hip meets its stop first and what the pelvis does at the bottom."""

from __future__ import annotations

import html

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from viewer.model.pose import Onset, Sweep
from viewer.model.uncertainty import Band
from viewer.qt_override import qt_override
from viewer.state import Solution
from viewer.ui.layouts import column, text_label
from viewer.ui.range_words import range_story
from viewer.ui.side_texts import sides_text
from viewer.wording import at, curve_words, where

LIMIT_WORDS: dict[str, str] = {
    "lumbar": "the lower back (tolerated flexion reached)",
    "knee": "the knees (fully bent)",
    "ankle": "ankle range",
    "toes": "the knees reaching the toes",
    "hip_stop": "the hip's bony stop",
}
#: What a balance limit means, by which way the lifter would fall (``Sweep.falls``).
FALL_WORDS: dict[str, str] = {
    "back": "balance (any deeper and the lifter falls backwards)",
    "forward": "balance (any deeper and the lifter falls forwards)",
}


def _onset_words(onset: Onset) -> str:
    return f"{at(onset.thigh_angle_deg)} (knee {onset.knee_flexion_deg:.0f}°)"


def story(sweep: Sweep) -> str:
    """Two sentences: tuck onset, rounding onset (or why there is none)."""
    if sweep.tuck_onset is None:
        tuck = "The pelvis never tucks: the hip keeps bony room all the way down."
    else:
        tuck = f"The pelvis starts to tuck {_onset_words(sweep.tuck_onset)}."
    if sweep.rounding_onset is not None:
        rnd = f"The lower back rounds {at(sweep.rounding_onset.thigh_angle_deg)}."
    elif sweep.deepest_limited_by == "lumbar":
        rnd = "The lower back reaches its tolerated flexion before its curve goes flat."
    else:
        rnd = "The lower back keeps its curve all the way down."
    return f"{tuck} {rnd}"


def limit_reason(sweep: Sweep) -> str:
    """What ends the squat, in a few words (the balance limit says which way the lifter falls)."""
    if sweep.deepest_limited_by == "balance":
        return FALL_WORDS.get(sweep.falls, FALL_WORDS["back"])
    return LIMIT_WORDS.get(sweep.deepest_limited_by, sweep.deepest_limited_by.replace("_", " "))


def limit_text(sweep: Sweep) -> str:
    """What ends the squat, in words."""
    return f"Deepest {where(sweep.deepest.thigh_angle_deg)}, limited by {limit_reason(sweep)}."


def now_text(solution: Solution) -> str:
    """The current depth and what the hip, the pelvis and the lower back are doing there (every figure
    is a field of the pose, rounded to whole degrees)."""
    sweep, pose = solution.sweep, solution.pose
    text = f"Now {where(solution.thigh_angle_deg)}: hip {pose.hip_flexion_deg:.0f}° of {pose.hip_stop_deg:.0f}°"
    onset = sweep.tuck_onset
    if onset is not None and solution.thigh_angle_deg >= onset.thigh_angle_deg:
        text += f", pelvis tucked {pose.pelvic_tuck_deg:.0f}°"
    text += f", {curve_words(pose.lumbar_curve_deg)}."
    return text


#: Shown on the A/B line while nothing is frozen: it says how to compare, and keeps the line's room, so
#: freezing B does not re-lay out the window (and move the 3D view) in front of a class.
COMPARE_HINT = "Tip: Compare ▸ Freeze as B (Ctrl+B) keeps this anatomy as a ghost to compare against."


def compare_text(solution: Solution) -> str:
    """One line about the A/B reference ("" when there is none)."""
    sweep = solution.compare_sweep
    if sweep is None:
        return ""
    tuck = "never tucks" if sweep.tuck_onset is None else f"tucks {at(sweep.tuck_onset.thigh_angle_deg)}"
    return f"B (ghost): pelvis {tuck}; {limit_text(sweep)[0].lower()}{limit_text(sweep)[1:]}"


class Headline(QWidget):
    """Large story line, a smaller line for the current depth and limit, and one for A/B.

    ``sides_label``, the sentence on left and right (shown only when the sides differ), is not in the
    headline's own layout: the window puts it over the 3D view, whose height gives way to it (the plots,
    under the headline too, have no line to spare on a small screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.story_label = text_label(self, "headline_story", rich=True)
        self.sides_label = text_label(self, "headline_sides")
        self.sides_label.setContentsMargins(10, 0, 10, 0)  # the headline's own margins: its text lines up
        self.sides_label.setVisible(False)
        self.detail_label = text_label(self, "headline_detail")
        self.compare_label = text_label(self, "headline_compare")
        column(self.story_label, self.detail_label, self.compare_label, parent=self, margins=(10, 6, 10, 6), spacing=2)
        self.set_scale(1.0)
        self._shown: tuple[str, str, str, str] | None = None
        # per label, the longest text already laid out at this width and scale: only a longer one can
        # need another line (asking Qt for a wrapped label's height costs ~0.2 ms)
        self._fitted_chars: dict[int, int] = {}
        self._hint = COMPARE_HINT
        self._sides_for: object = None  # the sweep whose sentence on left and right is _sides_text
        self._sides_text = ""
        self._band: Band | None = None  # the own anatomy's band: the story gives ranges
        self._solution: Solution | None = None

    def set_band(self, band: Band | None) -> None:
        """Tell the onsets as ranges over ``band`` (an uncertain anatomy's), or exactly (``None``)."""
        self._band = band
        if self._solution is not None:
            self.apply(self._solution)

    def set_hint_visible(self, visible: bool) -> None:
        """Show the how-to-compare tip on the A/B line while no B is frozen (off: a blank line of the
        same height, for presentation mode)."""
        self._hint = COMPARE_HINT if visible else " "
        if self._shown is not None and not self._shown[2]:
            self.compare_label.setText(self._hint)

    def set_scale(self, scale: float) -> None:
        """Font sizes relative to normal (presentation mode uses ~1.6)."""
        self.setMinimumHeight(0)
        self._fitted_chars = {}
        self.story_label.setStyleSheet(f"font-size: {round(20 * scale)}px; font-weight: 600; color: #111;")
        self.sides_label.setStyleSheet(f"font-size: {round(14 * scale)}px; font-weight: 600; color: #0072B2;")
        self.detail_label.setStyleSheet(f"font-size: {round(14 * scale)}px; color: #333;")
        self.compare_label.setStyleSheet(f"font-size: {round(14 * scale)}px; color: #666; font-style: italic;")

    def apply(self, solution: Solution) -> None:
        """Show the texts for ``solution`` (labels are only touched when a text changes)."""
        self._solution = solution
        if solution.sweep is not self._sides_for:  # (once per anatomy, not per depth)
            self._sides_for, self._sides_text = solution.sweep, sides_text(solution.sweep)
        told = story(solution.sweep) if self._band is None else range_story(self._band)
        texts = (told, f"{now_text(solution)}  {limit_text(solution.sweep)}", compare_text(solution),
                 self._sides_text)
        if texts == self._shown:
            return
        old = self._shown or ("", "", "", "")
        first = self._shown is None
        self._shown = texts
        changed = []
        if first or texts[0] != old[0]:
            self.story_label.setText(_emphasise(texts[0]))
            changed.append(self.story_label)
        if first or texts[1] != old[1]:
            self.detail_label.setText(texts[1])
            changed.append(self.detail_label)
        if first or texts[2] != old[2]:
            self.compare_label.setText(texts[2] or self._hint)
            changed.append(self.compare_label)
        if first or texts[3] != old[3]:
            self.sides_label.setText(texts[3])
            self.sides_label.setVisible(bool(texts[3]))
        if first:
            self._fit_height()
        elif any(self._may_need_room(label) for label in changed):
            self._fit_height()  # a changed line wraps onto one more line: grow (laying out all is slower)

    def _may_need_room(self, label: QLabel) -> bool:
        """Whether ``label``'s new text needs more height than it has (checked only for a longer text)."""
        chars = len(label.text())
        if not label.isVisible() or chars <= self._fitted_chars.get(id(label), 0):
            return False
        self._fitted_chars[id(label)] = chars
        return label.heightForWidth(label.width()) > label.height()

    def _fit_height(self) -> None:
        # Grow, never shrink (at a given width): a line that wraps and unwraps while scrubbing would
        # otherwise move the 3D view (a resize and an extra render each time).
        if not self.isVisible() or self.width() <= 0:
            return
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.minimumHeight():
            self.setMinimumHeight(needed)
        self.layout().activate()  # a label that wraps onto another line gets it now, not a turn later

    @qt_override()
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # new width: fit afresh
            self.setMinimumHeight(0)
            self._fitted_chars = {}
            self._fit_height()

    @qt_override()
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_height()

    def plain_text(self) -> str:
        """The story sentence as plain text (what a reader sees)."""
        return self._shown[0] if self._shown else ""

    def sides_plain_text(self) -> str:
        """The sentence on left and right ("" while the sides are the same)."""
        return self._shown[3] if self._shown else ""


def _emphasise(text: str) -> str:
    escaped = html.escape(text)
    for phrase, colour in (("starts to tuck", "#D55E00"), ("rounds", "#CC79A7")):
        escaped = escaped.replace(phrase, f'<span style="color:{colour}">{phrase}</span>')
    return escaped
