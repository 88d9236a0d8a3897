"""The "Find my anatomy" guide: one page per home test, then the combined result and "Apply".

Each page says what to do and what to measure, shows the test position drawn by Skelly's own skeleton
(:mod:`viewer.render.test_pictures`) and takes the results with their units; "Skip / I don't know" (or
leaving the boxes empty) leaves the test out. Numbers are read by the window's one rule
(:mod:`viewer.ui.number_text`: ``12.5`` or ``12,5``); a knee-to-wall distance (cm or inches) outside what
0–50° of dorsiflexion gives this body is refused with the range in the box's unit, and the dorsiflexion the
distance means is shown beside its box ("= 40°"). The controls panel opens the guide at a test's page
(:meth:`AnatomyGuide.go_to_test`). After the tests, "Your squat photo" says how to take the
photo and opens the photo window (``photoRequested``); whether a photo fit is included follows
:meth:`AnatomyGuide.set_photo` (the main window passes the photo's results in the app state). The result
page combines every result, the photo's too, with the population prior
(:func:`viewer.model.uncertain_anatomy.combine`): each uncertain parameter ± its spread, and the results
that contradict each other. "Apply" sets the anatomy (the most likely values) and the results
into the app state (one undo step); the window then gives the onsets as ranges.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from viewer.model import self_tests as st
from viewer.model.anatomy import Anatomy
from viewer.model.ankle import CM_PER_INCH, knee_to_wall_to_dorsiflexion_deg
from viewer.model.params import SPECS_BY_NAME
from viewer.model.self_tests import Observation, is_photo
from viewer.model.uncertain_anatomy import PRIORS, UNCERTAIN, Combined, combine
from viewer.ui.imaging import rgb_to_qimage
from viewer.ui.layouts import column, row, text_label
from viewer.ui.number_text import parse_number, value_text

PICTURE_SIZE_PX = (360, 300)
_ERROR_STYLE = "color: #b00020;"
_REJECTED_STYLE = "background: #fdd;"
#: Digits after the point of typed values and of the ranges in messages.
DECIMALS = 1

Limits = Callable[[Anatomy], tuple[float, float]]
Meaning = Callable[[float, Anatomy], str]


@dataclass(frozen=True, slots=True)
class Field:
    """One input of a page: its key, its label, "distance" (cm or in) or "angle" (°), whether it may
    stay empty while the others are filled, ``limits`` (the lifter's anatomy → the possible values, cm / °;
    the box refuses others, naming the range in its unit) and ``meaning`` (a value, cm / °, and the
    anatomy → what it means, shown beside the box)."""

    key: str
    label: str
    kind: str = "angle"
    optional: bool = False
    limits: Limits | None = None
    meaning: Meaning | None = None


Observe = Callable[[Mapping[str, float], Anatomy], list[Observation]]


@dataclass(frozen=True, slots=True)
class GuidePage:
    """A test's page as data: ``key`` (its picture), title, its short name in the list of steps, what to
    do, what to measure, the inputs, and ``observe`` (the values typed, cm / °, and the lifter's anatomy →
    the test's observations; ``ValueError`` for an impossible value)."""

    key: str
    title: str
    step: str
    doing: str
    measuring: str
    fields: tuple[Field, ...]
    observe: Observe


def _knee_to_wall(v: Mapping[str, float], a: Anatomy) -> list[Observation]:
    return [st.knee_to_wall(v[side], a, side) for side in ("left", "right") if side in v]


def _dorsiflexion_shown(distance_cm: float, anatomy: Anatomy) -> str:
    """The dorsiflexion a knee-to-wall distance means for ``anatomy``'s body: "= 40°"."""
    return f"= {knee_to_wall_to_dorsiflexion_deg(distance_cm / 100.0, anatomy):.0f}°"


def _distance(key: str, label: str) -> Field:
    return Field(key, label, "distance", limits=st.knee_to_wall_range_cm, meaning=_dorsiflexion_shown)


def _prone(v: Mapping[str, float], _a: Anatomy) -> list[Observation]:
    if ("ir" in v) != ("er" in v):
        raise ValueError("prone hip rotation: enter both the inward and the outward angle, or skip the test")
    return [st.prone_rotation(v["ir"], v["er"])]


PAGES: tuple[GuidePage, ...] = (
    GuidePage(
        "knee_to_wall", "Knee-to-wall (ankle)", "Knee-to-wall",
        "Face a wall in a half-kneeling lunge, the front foot pointing at the wall. Keep the heel down and push "
        "the knee forward until it touches the wall. Move the foot back a little at a time until the knee only "
        "just touches with the heel still down.",
        "Measure from the tip of the big toe to the wall with a tape. Do both feet. Skelly turns the distance "
        "into your ankle's dorsiflexion with your height and shank length.",
        (_distance("left", "Left foot"), _distance("right", "Right foot")), _knee_to_wall),
    GuidePage(
        "rock_back", "Rock-back (hip flexion, hands and knees)", "Rock-back",
        "Kneel on hands and knees, hands under the shoulders, knees under the hips, back flat. Slowly rock the "
        "hips back toward the heels. Stop where the lower back starts to round (a partner or a phone filming "
        "from the side sees it best).",
        "Lay a phone's inclinometer (clinometer app) along the thigh: the thigh's angle from vertical, "
        "positive with the hips moved back. If you can, also the back's slope (shoulders higher is positive).",
        (Field("thigh", "Thigh from vertical"), Field("back", "Back's slope", optional=True)),
        lambda v, _a: [st.rock_back(v["thigh"], v.get("back", 0.0))]),
    GuidePage(
        "lying_hip_flexion", "Lying hip flexion (knee to chest)", "Lying hip flexion",
        "Lie on your back with both legs straight. Pull one knee toward the chest with both hands, slowly. "
        "Stop when the pelvis starts to move: the lower back presses into the floor or the other leg lifts.",
        "The thigh's angle from the floor (a phone's inclinometer along the thigh): 90° is straight up, more "
        "is toward the chest.",
        (Field("thigh", "Thigh from the floor"),), lambda v, _a: [st.lying_hip_flexion(v["thigh"])]),
    GuidePage(
        "prone_rotation", "Prone hip rotation (inward and outward)", "Prone hip rotation",
        "Lie face down, the pelvis flat on the floor. Bend one knee to 90° so the shin points at the ceiling. "
        "Let the foot fall outward as far as it goes without the pelvis lifting (inward rotation), then "
        "inward (outward rotation). (With a partner, Craig's test reads the same.)",
        "The shin's angle from vertical each way, with a phone's inclinometer along the shin.",
        (Field("ir", "Foot falls outward (inward rotation)"), Field("er", "Foot falls inward (outward rotation)")),
        _prone),
    GuidePage(
        "seated_ir", "Seated hip internal rotation at 90°", "Seated hip rotation",
        "Sit tall on a table or a high chair, hips and knees at 90°, the thighs level and together. Keep the "
        "thigh still and swing the foot outward as far as it goes (this turns the hip inward).",
        "The shin's angle from vertical, with a phone's inclinometer along the shin. Low values (below about "
        "27°) go with a cam-shaped femoral head in screening studies.",
        (Field("ir", "Inward rotation"),), lambda v, _a: [st.seated_ir(v["ir"])]),
)


def _picture(key: str) -> QPixmap | None:
    """The test position rendered by the project's renderer (once per key), or ``None`` without GL."""
    try:
        from viewer.render.test_pictures import picture

        return QPixmap.fromImage(rgb_to_qimage(picture(key, PICTURE_SIZE_PX)))
    except Exception:  # noqa: BLE001 - no off-screen GL here: the page works without its picture
        return None


class TestPageWidget(QWidget):
    """One test's page: picture, words, the inputs (with a cm/in unit for distances) and "Skip"."""

    def __init__(self, page: GuidePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.picture = QLabel("", self)
        self.picture.setObjectName(f"guide_picture_{page.key}")
        self.picture.setFixedSize(*PICTURE_SIZE_PX)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #4a5566; color: #ddd;")
        title = QLabel(f"<h3>{html.escape(page.title)}</h3>", self)
        doing = text_label(self, text=f"<b>What to do.</b> {html.escape(page.doing)}")
        measuring = text_label(self, text=f"<b>What to measure.</b> {html.escape(page.measuring)}")
        self.anatomy = Anatomy()
        self.inputs: dict[str, QLineEdit] = {}
        #: what each value means, beside its box ("= 40°"), for the fields that say
        self.meanings: dict[str, QLabel] = {}
        self.unit: QComboBox | None = None
        form = QFormLayout()
        for f in page.fields:
            box = QLineEdit(self)
            box.setObjectName(f"guide_{page.key}_{f.key}")
            box.setPlaceholderText("optional" if f.optional else "")
            box.textEdited.connect(lambda _text, f=f: self._on_edited(f))
            box.editingFinished.connect(self.check)
            self.inputs[f.key] = box
            if f.kind != "distance":
                unit: QWidget = QLabel("°", self)
            elif self.unit is None:
                unit = self.unit = QComboBox(self)
                self.unit.addItems(["cm", "in"])
                self.unit.setObjectName(f"guide_{page.key}_unit")
                self.unit.currentIndexChanged.connect(self._on_unit_changed)
            else:
                unit = QLabel("(same unit)", self)
            line = row((box, 1), unit)
            if f.meaning is not None:
                meaning = self.meanings[f.key] = QLabel("", self)
                meaning.setObjectName(f"guide_{page.key}_{f.key}_means")
                meaning.setMinimumWidth(meaning.fontMetrics().horizontalAdvance("= 50°") + 4)
                line.addWidget(meaning)
            form.addRow(f.label, line)
        self.skip = QCheckBox("Skip / I don't know", self)
        self.skip.setObjectName(f"guide_{page.key}_skip")
        self.skip.toggled.connect(self._on_skip)
        self.error = text_label(self, style=_ERROR_STYLE)
        row((self.picture, 0, Qt.AlignmentFlag.AlignTop),
            (column(title, doing, measuring, form, self.skip, self.error, 1), 1), parent=self)
        self._pictured = False

    def ensure_picture(self) -> None:
        """Render the picture the first time the page is shown."""
        if self._pictured:
            return
        self._pictured = True
        pixmap = _picture(self.page.key)
        if pixmap is None:
            self.picture.setText("(no picture: 3D drawing is not available here)")
        else:
            self.picture.setPixmap(pixmap)

    def _on_skip(self, skipped: bool) -> None:
        for box in self.inputs.values():
            box.setEnabled(not skipped)
            self._mark(box, "")
        if self.unit is not None:
            self.unit.setEnabled(not skipped)
        self.error.setText("")

    def set_anatomy(self, anatomy: Anatomy) -> None:
        """Read the values for ``anatomy``'s body (the ranges and meanings follow)."""
        self.anatomy = anatomy
        self._show_meanings()

    def _unit(self, field: Field) -> tuple[str, float]:
        """The field's unit as typed and centimetres (or degrees) per unit of it."""
        if field.kind != "distance":
            return "°", 1.0
        unit = self.unit.currentText() if self.unit is not None else "cm"
        return unit, CM_PER_INCH if unit == "in" else 1.0

    def value(self, key: str) -> float | None:
        """The number typed in box ``key``, cm or ° (inches converted); ``None`` if empty. ``ValueError``
        naming the box and the allowed range for text that is not a number or a value outside the range."""
        f = next(f for f in self.page.fields if f.key == key)
        text = self.inputs[key].text().strip()
        if not text:
            return None
        unit, scale = self._unit(f)
        if f.limits is None:
            return scale * parse_number(text, label=f"{self.page.title}: {f.label}", unit=unit, minimum=-1e6,
                                        maximum=1e6, decimals=DECIMALS)
        lo, hi = f.limits(self.anatomy)
        step = 10**DECIMALS  # the range in the box's unit, rounded inward to what can be typed
        value = parse_number(text, label=f"{self.page.title}: {f.label}", unit=unit,
                             minimum=math.ceil(lo / scale * step - 1e-9) / step,
                             maximum=math.floor(hi / scale * step + 1e-9) / step, decimals=DECIMALS)
        return min(max(value * scale, lo), hi)  # within the range already: only the unit's rounding is absorbed

    def values(self) -> dict[str, float]:
        """The numbers typed, cm or ° (inches converted); empty boxes left out. ``ValueError`` as
        :meth:`value` for the first box that cannot be read."""
        out: dict[str, float] = {}
        for f in self.page.fields:
            value = self.value(f.key)
            if value is not None:
                out[f.key] = value
        return out

    def check(self) -> list[str]:
        """Mark the boxes whose text cannot be read and show why on the page (as soon as a box is left);
        return the messages."""
        if self.skip.isChecked():
            return []
        messages = []
        for f in self.page.fields:
            try:
                self.value(f.key)
                self._mark(self.inputs[f.key], "")
            except ValueError as exc:
                self._mark(self.inputs[f.key], str(exc))
                messages.append(str(exc))
        self.error.setText("\n".join(messages))
        return messages

    @staticmethod
    def _mark(box: QLineEdit, message: str) -> None:
        box.setStyleSheet(_REJECTED_STYLE if message else "")
        box.setToolTip(message)

    def _on_edited(self, field: Field) -> None:
        self._mark(self.inputs[field.key], "")
        self._show_meanings()

    def _on_unit_changed(self, _index: int) -> None:
        self._show_meanings()
        if any(box.styleSheet() for box in self.inputs.values()):
            self.check()  # a refused distance may be fine in the other unit, or the other way round

    def _show_meanings(self) -> None:
        for f in self.page.fields:
            label = self.meanings.get(f.key)
            if label is None or f.meaning is None:
                continue
            try:
                value = self.value(f.key)
            except ValueError:
                value = None
            label.setText("" if value is None else f.meaning(value, self.anatomy))

    def observations(self, anatomy: Anatomy) -> list[Observation]:
        """This page's results (none when skipped or left empty); ``ValueError`` with a message for
        an impossible or incomplete entry (also shown on the page)."""
        self.error.setText("")
        if self.skip.isChecked():
            return []
        try:
            values = self.values()
            required = [f.key for f in self.page.fields if not f.optional]
            if not any(k in values for k in required):
                return []  # nothing entered: not done
            return self.page.observe(values, anatomy)
        except (ValueError, KeyError) as exc:
            missing = f"{self.page.title}: fill in every box that is not optional, or skip the test"
            message = missing if isinstance(exc, KeyError) else str(exc)
            self.check()  # marks the boxes that cannot be read
            self.error.setText(message)
            raise ValueError(message) from None


PHOTO_TITLE = "Your squat photo"
PHOTO_HOW = (
    "Film or photograph yourself from the side at the bottom of your squat: the camera at hip height, a few "
    "metres away, level and square to you, the whole body and both feet in the picture (shoes on is fine). "
    "In the photo window, open the photo, click seven points (heel, toe, ankle, knee, hip, shoulder, ear) "
    "and press “Fit Skelly to my photo”: Skelly sets the proportions, and the ankle's range where the "
    "photo shows it, so its squat matches yours. The photo's results are then part of your result here.")


def _observation_text(o: Observation) -> str:
    """A photo result as "thigh length 1.08× ± 0.06" (its section says it is the photo's)."""
    spread = f"{o.spread:.2f}" if o.test.unit == "×" else f"{o.spread:.1f}"
    return f"{o.test.title.removeprefix('Squat photo: ')} {value_text(o.value, o.test.unit)} ± {spread}"


def photo_status(photo: Sequence[Observation]) -> str:
    """Whether a photo fit is included, and what it gave."""
    if not photo:
        return "No photo fit is included yet."
    return "Included: your photo's " + "; ".join(_observation_text(o) for o in photo) + "."


class PhotoPageWidget(QWidget):
    """The photo's page: how to take the photo, a button that opens the photo window, and whether a
    photo fit is included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(f"<h3>{html.escape(PHOTO_TITLE)}</h3>", self)
        how = text_label(self, text=f"<b>How to take it.</b> {html.escape(PHOTO_HOW)}")
        self.open_button = QPushButton("Open the photo window…", self)
        self.open_button.setObjectName("guide_photo_open")
        self.status = text_label(self, "guide_photo_status", photo_status(()))
        column(title, how, row(self.open_button, 1), self.status, 1, parent=self)


def result_html(combined: Combined) -> str:
    """The result page: each uncertain parameter ± its spread next to the average lifter's, the
    results used, and the contradictions."""
    ua = combined.anatomy
    sd = ua.sd
    rows = []
    for name in UNCERTAIN:
        spec = SPECS_BY_NAME[name]
        prior = PRIORS[name].sd
        narrowed = sd[name] < 0.9 * prior
        mark = "<b>{}</b>" if narrowed else "{}"
        rows.append(f"<tr><td>{html.escape(spec.label)}</td>"
                    f"<td align='right'>{mark.format(value_text(getattr(ua.mean, name), spec.unit))}</td>"
                    f"<td>± {value_text(sd[name], spec.unit)}</td>"
                    f"<td style='color:#666'>(average lifter ± {value_text(prior, spec.unit)})</td></tr>")
    tests = [o for o in combined.observations if not is_photo(o)]
    photo = [o for o in combined.observations if is_photo(o)]
    used = ", ".join(html.escape(o.name) for o in tests) or (
        "none of the home tests" if photo else "none (the average lifter's spread)")
    parts = [f"<p><b>Results used:</b> {used}.</p>"]
    if photo:
        parts.append("<p><b>From your squat photo:</b> "
                     + html.escape("; ".join(_observation_text(o) for o in photo)) + ".</p>")
    parts += [
             "<p>Each value is the most likely one ± one standard deviation; <b>bold</b> where your tests "
             "narrowed it.</p>",
             "<table cellspacing='6'>" + "".join(rows) + "</table>"]
    if combined.contradictions:
        items = "".join(f"<li>{html.escape(c.message)}</li>" for c in combined.contradictions)
        parts.append(f"<p style='color:#b00020'><b>Results that disagree:</b></p><ul style='color:#b00020'>"
                     f"{items}</ul>")
    else:
        parts.append("<p>No results contradict each other.</p>")
    parts.append("<p>“Apply” sets these values and keeps their spread: the window then tells where your "
                 "pelvis starts to tuck as a range.</p>")
    return "".join(parts)


class AnatomyGuide(QDialog):
    """The guide. ``anatomy`` gives the body and stance the tests are read with (height, sex, …).

    Signals:
        applied(object): the :class:`Combined` result the lifter applied.
        photoRequested(): the photo page's button was pressed (the main window opens the photo window).
    """

    applied = Signal(object)
    photoRequested = Signal()

    def __init__(self, anatomy: Anatomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find my anatomy")
        self.setObjectName("anatomy_guide")
        self.result: Combined | None = None
        self.photo: tuple[Observation, ...] = ()
        self.steps = QListWidget(self)
        self.steps.setObjectName("guide_steps")
        self.stack = QStackedWidget(self)
        self.pages = [TestPageWidget(p, self) for p in PAGES]
        self.anatomy = anatomy
        for i, page in enumerate(self.pages):
            self.steps.addItem(f"{i + 1}. {page.page.step}")
            self.stack.addWidget(page)
        self.photo_page = PhotoPageWidget(self)
        self.steps.addItem(f"{len(self.pages) + 1}. {PHOTO_TITLE}")
        self.stack.addWidget(self.photo_page)
        self.steps.addItem("Your result")
        self.result_label = text_label(self, "guide_result", rich=True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        result_page = QWidget(self)
        column(QLabel("<h3>Your result</h3>", result_page), (self.result_label, 1), parent=result_page)
        self.stack.addWidget(result_page)
        self.steps.setFixedWidth(self.steps.sizeHintForColumn(0) + 24)

        self.back_button = QPushButton("Back", self)
        self.next_button = QPushButton("Next", self)
        self.next_button.setObjectName("guide_next")
        self.apply_button = QPushButton("Apply", self)
        self.apply_button.setObjectName("guide_apply")
        self.cancel_button = QPushButton("Cancel", self)
        intro = text_label(self, text="Tests you can do at home with a tape and a phone, and a photo of your "
                                      "squat. Each one narrows what Skelly assumes about your hips, ankles and "
                                      "proportions; skip any you cannot do.")
        column(intro, (row(self.steps, (self.stack, 1)), 1),
               row(1, self.back_button, self.next_button, self.apply_button, self.cancel_button), parent=self)
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() + 1))
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        self.photo_page.open_button.clicked.connect(self.photoRequested)
        self.steps.currentRowChanged.connect(self.go_to)
        self.resize(940, 560)
        self.go_to(0)

    @property
    def anatomy(self) -> Anatomy:
        """The body and stance the tests are read with."""
        return self._anatomy

    @anatomy.setter
    def anatomy(self, anatomy: Anatomy) -> None:
        self._anatomy = anatomy
        for page in self.pages:
            page.set_anatomy(anatomy)

    @property
    def photo_index(self) -> int:
        """Index of the photo's page (after the tests)."""
        return len(self.pages)

    @property
    def result_index(self) -> int:
        """Index of the result page."""
        return len(self.pages) + 1

    def set_photo(self, photo: Sequence[Observation]) -> None:
        """The squat photo's results to include (none: no photo fit); the pages shown follow."""
        photo = tuple(photo)
        if photo == self.photo:
            return
        self.photo = photo
        self.photo_page.status.setText(photo_status(photo))
        if self.stack.currentIndex() == self.result_index:
            self.show_result()

    def go_to(self, index: int) -> None:
        """Show page ``index`` (the result page after the last test)."""
        index = max(0, min(int(index), self.result_index))
        if index == self.result_index:
            self.show_result()
        elif index < len(self.pages):
            self.pages[index].ensure_picture()
        self.stack.setCurrentIndex(index)
        if self.steps.currentRow() != index:
            with QSignalBlocker(self.steps):
                self.steps.setCurrentRow(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.result_index)
        self.next_button.setText("See the result" if index == self.result_index - 1 else "Next")
        self.apply_button.setVisible(index == self.result_index)

    def go_to_test(self, key: str) -> None:
        """Show the page of the test ``key`` (a :data:`PAGES` key) and put the cursor in its first box."""
        index = next(i for i, page in enumerate(self.pages) if page.page.key == key)
        self.go_to(index)
        self.pages[index].inputs[self.pages[index].page.fields[0].key].setFocus()

    def observations(self) -> list[Observation]:
        """Every page's results; ``ValueError`` (every page's message, one a line) if a page has a bad entry."""
        out: list[Observation] = []
        problems = []
        for page in self.pages:
            try:
                out += page.observations(self.anatomy)
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise ValueError("\n".join(problems))
        return out

    def show_result(self) -> Combined | None:
        """Combine the results and show them (or what must be fixed first)."""
        try:
            obs = self.observations()
        except ValueError as exc:
            self.result = None
            lines = "".join(f"<li>{html.escape(line)}</li>" for line in str(exc).splitlines())
            self.result_label.setText(f"<p style='color:#b00020'><b>Some entries cannot be used:</b></p>"
                                      f"<ul style='color:#b00020'>{lines}</ul>"
                                      "<p>Go back to those pages to correct them or skip the tests.</p>")
            self.apply_button.setEnabled(False)
            return None
        self.result = combine(self.anatomy, obs + list(self.photo))
        self.result_label.setText(result_html(self.result))
        self.apply_button.setEnabled(True)
        return self.result

    def apply(self) -> None:
        """Send the result (``applied``) and close."""
        result = self.show_result()
        if result is None:
            return
        self.applied.emit(result)
        self.accept()
