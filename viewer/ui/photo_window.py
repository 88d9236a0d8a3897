""""Your squat photo": a side-view photo of the lifter's squat, measured and laid over the model.

The lifter opens a photo (PNG or JPEG), clicks heel, toe, ankle, knee, hip, shoulder and ear in turn
(:mod:`viewer.ui.photo_canvas`; markers can be dragged, undo and reset), and the window shows the shin
angle, thigh angle, trunk lean and proportions the photo gives (``viewer.model.photo_fit``), the model's
own squat at the photo's depth drawn over it (:mod:`viewer.ui.photo_compare`) and where they differ.
"Fit Skelly to my photo" sets every input ``photo_fit.fit_photo`` changed (the thigh, shank and trunk
length ratios; the ankle dorsiflexion where the photo shows it) and adds the photo's results to the
lifter's own-anatomy results (``uncertain_anatomy.with_photo``: the headline's ranges then include the
photo), all in one undo step of the store; it lists what it changed, the fit's error and its notes.
"Show this depth in Skelly" sets the store's depth to the photo's thigh angle. The window follows the
store: a change of anatomy redraws the outline and the notes.

Other windows open it with :func:`show_photo_window` (one per main window, reused).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from viewer.model.anatomy import Anatomy
from viewer.model.params import spec
from viewer.model.photo_fit import POINT_NAMES, PhotoFit, fit_photo
from viewer.model.uncertain_anatomy import photo_observations, with_photo
from viewer.state import AppState, Solution, Store
from viewer.ui.layouts import column, row, text_label
from viewer.ui.photo_canvas import PhotoCanvas
from viewer.ui.photo_compare import Comparison, compare

#: The length ratios the photo gives.
RATIO_NAMES: tuple[str, ...] = ("thigh_length_ratio", "shank_length_ratio", "trunk_length_ratio")
#: Photo files read (Qt image format names).
FORMATS: tuple[str, ...] = ("png", "jpeg", "jpg")
FILE_FILTER = "Photos (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG);;All files (*)"
#: Largest file and image read; larger ones get a message (bytes; pixels).
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 200_000_000
#: Photos with a longer side are decoded at this size (pixels): enough to click on, light to draw.
WORKING_SIDE_PX = 3000
#: Where each landmark is, for the instruction line.
WHERE: dict[str, str] = {
    "heel": "the back of the heel, on the floor",
    "toe": "the tip of the shoe",
    "ankle": "the ankle bone on the outside of the ankle",
    "knee": "the middle of the knee, seen from the side",
    "hip": "the bony point at the side of the hip (the hip joint)",
    "shoulder": "the middle of the shoulder",
    "ear": "the ear hole",
}
HOW_TO = ("A side view at the bottom of your squat: the camera at hip height, a few metres away, the whole "
          "body and both feet in the picture. Click the leg nearer the camera; the foot (heel to toe) is the "
          "photo's ruler. A standing side view gives the proportions too. The mouse wheel zooms, the right "
          "button pans, a right double-click shows the whole photo.")
_ERROR_STYLE = "color: #b00000;"


def read_photo(path: str | os.PathLike[str]) -> QImage:
    """Read a PNG or JPEG photo, turned as the camera held it (EXIF) and shrunk to at most
    :data:`WORKING_SIDE_PX` on its longer side.

    Raises:
        ValueError: the file is missing, too large, not a PNG/JPEG image or damaged; the message says which.
    """
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"{p.name}: there is no such file.")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{p.name} is {size / 1024 / 1024:.0f} MB; Skelly reads photos up to "
                         f"{MAX_FILE_BYTES // 1024 // 1024} MB. Save a smaller copy (a few megapixels is plenty).")
    reader = QImageReader(str(p))
    reader.setAutoTransform(True)
    fmt = bytes(reader.format().data()).decode(errors="replace").lower()
    if not reader.canRead() or fmt not in FORMATS:
        kind = f"a {fmt.upper()} image" if reader.canRead() else "not an image Skelly can read"
        raise ValueError(f"{p.name} is {kind}. Open a PNG or JPEG photo of your squat.")
    full = reader.size()
    if not full.isValid() or full.width() * full.height() > MAX_PIXELS:
        raise ValueError(f"{p.name} is {full.width()} × {full.height()} pixels; Skelly reads photos up to "
                         f"{MAX_PIXELS // 1_000_000} megapixels. Save a smaller copy.")
    longest = max(full.width(), full.height())
    if longest > WORKING_SIDE_PX:
        k = WORKING_SIDE_PX / longest
        reader.setScaledSize(QSize(max(1, round(full.width() * k)), max(1, round(full.height() * k))))
    reader.setAllocationLimit(0)  # the size is checked above
    image = reader.read()
    if image.isNull():
        raise ValueError(f"{p.name} could not be read ({reader.errorString()}). Open a PNG or JPEG photo.")
    return image


class PhotoWindow(QDialog):
    """The "Your squat photo" window (non-modal). ``store`` is the app's state store.

    Signals:
        fitApplied(Anatomy): "Fit Skelly to my photo" set this anatomy in the store.
    """

    fitApplied = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo_window")
        self.setWindowTitle("Your squat photo")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.store = store
        self.comparison: Comparison | None = None
        self.fit: PhotoFit | None = None
        self.photo_path: str = ""
        self._anatomy = store.state.anatomy
        self._applied: Anatomy | None = None  # what "Fit Skelly to my photo" set, while its points stay

        self.canvas = PhotoCanvas(self)
        self.instruction = text_label(self, "photo_instruction")
        bold = self.instruction.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.instruction.setFont(bold)
        self.open_button = QPushButton("Open photo…", self)
        self.open_button.setObjectName("photo_open")
        self.undo_button = QPushButton("Undo point", self)
        self.undo_button.setObjectName("photo_undo")
        self.reset_button = QPushButton("Reset points", self)
        self.reset_button.setObjectName("photo_reset")
        self.file_label = text_label(self)
        self.message = text_label(self, "photo_message", style=_ERROR_STYLE)
        self.problem = text_label(self, "photo_problem", style=_ERROR_STYLE)
        self.results = text_label(self, "photo_results", rich=True)
        self.notes = text_label(self, "photo_notes", rich=True)
        self.fit_button = QPushButton("Fit Skelly to my photo", self)
        self.fit_button.setObjectName("photo_fit")
        self.fit_button.setToolTip("Set the proportions (and the ankle's range where the photo shows it) so "
                                   "Skelly's squat matches the photo, and add the photo to your own-anatomy "
                                   "results (Ctrl+Z in the main window undoes it)")
        self.depth_button = QPushButton("Show this depth in Skelly", self)
        self.depth_button.setObjectName("photo_depth")
        self.depth_button.setToolTip("Set the main window's depth to the photo's thigh angle")
        self.applied = text_label(self, "photo_applied", rich=True)
        for label in (self.message, self.problem, self.results, self.notes, self.applied):
            label.setVisible(False)

        panel = QWidget(self)
        column(self.open_button, self.file_label, text_label(self, text=HOW_TO),
               row(self.undo_button, self.reset_button), self.message, self.problem, self.results, self.notes,
               self.fit_button, self.depth_button, self.applied, 1, parent=panel)
        panel.setFixedWidth(360)
        panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        row((column(self.instruction, (self.canvas, 1)), 1), panel, parent=self)
        self.resize(1040, 800)

        self.open_button.clicked.connect(self.ask_open_photo)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.reset_button.clicked.connect(self.canvas.reset)
        self.fit_button.clicked.connect(self.apply_fit)
        self.depth_button.clicked.connect(self.show_depth)
        self.canvas.pointsChanged.connect(lambda: self._refresh(fit=False))  # a drag: the outline follows
        self.canvas.editFinished.connect(self._on_points_settled)
        self.store.stateChanged.connect(self._on_store_state_changed)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo)
        QShortcut(QKeySequence.StandardKey.Open, self, self.ask_open_photo)
        self._refresh(fit=True)

    # --- the photo -----------------------------------------------------------------------
    def ask_open_photo(self) -> None:
        """Ask for a photo file and open it."""
        start = str(Path(self.photo_path).parent) if self.photo_path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open a side-view photo of your squat", start, FILE_FILTER)
        if path:
            self.open_photo(path)

    def open_photo(self, path: str | os.PathLike[str]) -> bool:
        """Show the photo at ``path`` with no points; on a file that cannot be used, say why in the window
        and keep the photo and points shown. Returns whether it opened."""
        try:
            image = read_photo(path)
        except ValueError as exc:
            _say(self.message, str(exc))
            return False
        self.photo_path = str(path)
        self.file_label.setText(f"{html.escape(Path(path).name)} ({image.width()} × {image.height()} px)")
        _say(self.message, "")
        self.canvas.set_image(image)
        return True

    # --- measuring -----------------------------------------------------------------------
    def _on_points_settled(self) -> None:
        _say(self.applied, "")  # what was set came from the points before
        self._applied = None
        self._refresh(fit=True)

    def _on_store_state_changed(self, state: AppState, _solution: Solution) -> None:
        if state.anatomy != self._anatomy:
            self._anatomy = state.anatomy
            # the fit just applied stays the fit (fitting again from its result could move a ratio by a
            # grid step); any other anatomy is fitted afresh
            self._refresh(fit=state.anatomy != self._applied)
        else:  # the own-anatomy results may have changed (an undo)
            self.fit_button.setEnabled(self._fit_would_change())

    def _refresh(self, *, fit: bool) -> None:
        """Measure the placed points against the store's anatomy; ``fit``: also fit the proportions."""
        nxt = self.canvas.next_point()
        has_image = not self.canvas.image().isNull()
        self.undo_button.setEnabled(self.canvas.can_undo)
        self.reset_button.setEnabled(bool(self.canvas.points()))
        if not has_image:
            self.instruction.setText("Open a side-view photo of your squat (PNG or JPEG).")
        elif nxt is not None:
            step = POINT_NAMES.index(nxt) + 1
            self.instruction.setText(f"Click the {nxt} ({step} of {len(POINT_NAMES)}): {WHERE[nxt]}.")
        else:
            self.instruction.setText("All points placed. Drag a point to correct it.")
        self.comparison = None
        if fit:
            self.fit = None
        if nxt is not None or not has_image:
            self._show_results(None)
            return
        points = self.canvas.points()
        anatomy = self.store.state.anatomy
        try:
            self.comparison = compare(points, anatomy)
            if fit:
                self.fit = fit_photo(points, anatomy)
        except ValueError as exc:
            self.comparison = self.fit = None
            self._show_results(str(exc))
            return
        self._show_results(None)

    def _show_results(self, problem: str | None) -> None:
        c = self.comparison
        self.canvas.set_outline(c.joints_px if c is not None else None, c.head_radius_px if c is not None else 0.0)
        _say(self.problem, "" if problem is None else problem[:1].upper() + problem[1:])
        if c is None:
            _say(self.results, "")
            _say(self.notes, "")
            self.fit_button.setEnabled(False)
            self.depth_button.setEnabled(False)
            return
        m = c.measures
        rows = [
            ("Shin angle", f"{m.shin_from_vertical_deg:.0f}° from vertical", f"{c.model_shin_deg:.0f}°"),
            ("Thigh angle", _depth_text(m.thigh_below_horizontal_deg), "same depth"),
            ("Trunk lean", f"{m.trunk_lean_deg:.0f}° from vertical", f"{c.model_trunk_lean_deg:.0f}°"),
            ("Thigh ÷ shin", f"{c.photo_thigh_to_shin:.2f}", f"{c.model_thigh_to_shin:.2f}"),
            ("Trunk ÷ shin", f"{c.photo_trunk_to_shin:.2f}", f"{c.model_trunk_to_shin:.2f}"),
        ]
        table = "".join(f"<tr><td>{a}</td><td><b>{b}</b></td><td style='color:#0070a0'>{d}</td></tr>"
                        for a, b, d in rows)
        text = ("<table cellspacing='4'><tr><td></td><td>Your photo</td>"
                f"<td style='color:#0070a0'>Model</td></tr>{table}</table>")
        if self.fit is not None:
            f = self.fit
            ratios = ", ".join(f"{spec(n).label.lower()} {getattr(f.anatomy, n):.2f}× ± {f.sd[n]:.2f}"
                               for n in RATIO_NAMES)
            text += f"<p>Your proportions for your height: {html.escape(ratios)} (1 = average).</p>"
            changed = change_list(f, self.store.state.anatomy)
            text += (f"<p>Fitting Skelly to the photo changes: {html.escape(changed)}.</p>" if changed else
                     "<p>Skelly's inputs already match the photo.</p>")
            text += f"<p>{html.escape(fit_error_text(f))}</p>"
        _say(self.results, text)
        notes = list(c.notes) + (list(self.fit.notes) if self.fit is not None else [])
        _say(self.notes, "<p style='color:#0070a0'>Blue: the model at your depth.</p><ul>" + "".join(
            f"<li>{html.escape(n[:1].upper() + n[1:], quote=False)}</li>" for n in notes) + "</ul>")
        self.fit_button.setEnabled(self._fit_would_change())
        self.depth_button.setEnabled(True)

    # --- applying ------------------------------------------------------------------------
    def proposed_anatomy(self) -> Anatomy | None:
        """The store's anatomy with every input the fit changed (None before a fit)."""
        if self.fit is None:
            return None
        values = {n: spec(n).validate(after) for n, (_before, after) in self.fit.changes.items()}
        return self.store.state.anatomy.replace(**values)

    def _fit_would_change(self) -> bool:
        """Whether "Fit Skelly to my photo" would change the anatomy or the own-anatomy results."""
        if self.fit is None:
            return False
        state = self.store.state
        return (self.proposed_anatomy() != state.anatomy
                or photo_observations(state.own_anatomy) != self.fit.observations())

    def apply_fit(self) -> bool:
        """Set every input the fit changed and add the photo's results to the own-anatomy results, as one
        undo step of the store; say what changed, the fit's error and its notes."""
        fit = self.fit
        anatomy = self.proposed_anatomy()
        if fit is None or anatomy is None:
            return False
        own = with_photo(anatomy, self.store.state.own_anatomy, fit.observations())  # in place of an earlier photo's
        changed = change_list(fit, self.store.state.anatomy)
        self._applied = anatomy
        if not self.store.set_anatomy(anatomy, own):
            return False
        lines = [f"Changed: {changed}." if changed else "No input needed changing.",
                 fit_error_text(fit),
                 "Your photo's results are part of your own anatomy now: the headline's ranges include them.",
                 "Ctrl+Z in the main window undoes it."]
        _say(self.applied, "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
             + "".join(f"<p>{html.escape(n[:1].upper() + n[1:], quote=False)}.</p>" for n in fit.notes))
        self.fitApplied.emit(anatomy)
        return True

    def show_depth(self) -> bool:
        """Set the store's depth to the photo's thigh angle (the main window shows the model there)."""
        if self.comparison is None:
            return False
        return self.store.set_depth(self.comparison.measures.thigh_below_horizontal_deg)


def _say(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label``; an empty label takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


def _value_text(name: str, value: float) -> str:
    if name.endswith("_ratio"):
        return f"{value:.2f}×"
    return f"{value:.1f}".removesuffix(".0") + spec(name).unit


def change_list(fit: PhotoFit, anatomy: Anatomy) -> str:
    """What the fit changes in ``anatomy``, one input after another: "thigh length 1.00× → 1.09×; ankle
    dorsiflexion 40° → 33°" (empty when nothing changes). A dorsiflexion the photo shows only a lower
    bound of says so."""
    parts = []
    for name, (_fitted_from, after) in fit.changes.items():
        before = getattr(anatomy, name)
        if before == after:
            continue
        text = f"{spec(name).label.lower()} {_value_text(name, before)} → {_value_text(name, after)}"
        if name == "ankle_dorsiflexion_deg" and not fit.ankle_holds:
            text += " (at least what the photo uses; the photo does not show the ankle's limit)"
        parts.append(text)
    return "; ".join(parts)


def fit_error_text(fit: PhotoFit) -> str:
    """The fit's stated error: shin and trunk-lean differences (model − photo) and the joints' RMS distance."""
    return (f"Fit error: shin {fit.shin_error_deg:+.1f}°, trunk lean {fit.trunk_lean_error_deg:+.1f}° (the "
            f"model's balance, not fitted), knee, hip and shoulder {fit.joint_error_m * 1000:.0f} mm from the "
            f"photo's (RMS).")


def _depth_text(thigh_deg: float) -> str:
    return f"{abs(thigh_deg):.0f}° {'below' if thigh_deg >= 0 else 'above'} parallel"


def show_photo_window(main_window: QWidget) -> PhotoWindow:
    """Open (or bring back) ``main_window``'s photo window; ``main_window`` has ``store`` and ``files``
    (a :class:`viewer.ui.main_window.MainWindow`)."""
    window = main_window.findChild(PhotoWindow)
    if window is None:
        window = PhotoWindow(main_window.store, main_window)  # type: ignore[attr-defined]
        files = getattr(main_window, "files", None)
        if files is not None:  # the anatomy is no longer the named profile's
            window.fitApplied.connect(lambda _a: files.set_profile_name(""))
    window.show()
    window.raise_()
    window.activateWindow()
    return window

