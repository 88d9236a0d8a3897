"""Help / about dialog: keyboard shortcuts and where the model's numbers come from."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QWidget

import viewer
from viewer.ui.layouts import column

#: (keys, what they do), shown in the dialog and in the README.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Space", "play / pause the squat"),
    ("Right / Left", "step deeper / shallower"),
    (". and ,", "step deeper / shallower (anywhere)"),
    ("T / R", "go to the tuck onset / the rounding onset"),
    ("Home / End", "standing / deepest"),
    ("F11 (Esc to leave)", "presentation mode: full screen, large text, keyboard driven"),
    ("1 … 9 (presentation mode)", "choose a preset"),
    ("Alt+1 … Alt+6", "camera: side, front, three-quarter, back, hip close-up, top"),
    ("L / A / M / G", "bone labels / angle readouts / muscles / ghost on or off"),
    ("P", "see-through pelvis (watch the femoral neck meet the socket rim)"),
    ("H", "muscle-length plot on or off (presentation mode: in place of the joint angles)"),
    ("Ctrl+B / Ctrl+Shift+B", "freeze the current anatomy as B (ghost) / clear B"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a parameter change"),
    ("Ctrl+O / Ctrl+S", "open / save a profile"),
    ("Ctrl+Shift+R", "reset every parameter to its default"),
    ("Double-click a slider", "reset that parameter"),
    ("Click a 'What would buy depth' row", "try that change (heel plates, ankle mobility, stance…); Ctrl+Z undoes it"),
    ("F1", "this help"),
)

#: Sources of the model's numbers (docs/biomechanics.md).
SOURCES: tuple[tuple[str, str], ...] = (
    ("de Leva 1996", "segment lengths, masses and centres of mass (J Biomech 29:1223)"),
    ("Winter 2009", "ankle height, arm segments (Biomechanics and Motor Control of Human Movement)"),
    ("Hara et al. 2014", "femur-on-pelvis flexion and pelvic tilt in the deep squat, bone tracking "
                         "(BioMed Res Int 2014:457573)"),
    ("Tannast et al. 2015", "socket coverage: lateral centre-edge angle bands (CORR 473:1234)"),
    ("McKean et al. 2010", "lumbar flexion during a loaded squat (JSCR 24:2731)"),
    ("Calatayud et al. 2015", "knee-to-wall lunge test norms (IJSPT 10:197)"),
    ("Yamasaki et al. 2010; Kasuyama et al. 2009; Kim et al. 2015; Hemmerich et al. 2006",
     "ankle dorsiflexion needed for a deep squat"),
    ("Monteiro et al. 2022", "heel elevation and trunk inclination (Hum Mov 23:97)"),
    ("Delp et al. 1990; Rajagopal et al. 2016", "muscle-tendon geometry (OpenSim models)"),
)


def help_html() -> str:
    """The dialog's text as HTML."""
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in SHORTCUTS)
    refs = "".join(f"<li><b>{html.escape(a)}</b>: {html.escape(b)}</li>" for a, b in SOURCES)
    return (
        f"<h2>Skelly {viewer.__version__}</h2>"
        "<p>A jointed skeleton squats. At the bottom of a deep squat the femoral neck meets the rim of the "
        "hip socket; from then on the thigh can only close toward the trunk if the pelvis tilts backwards "
        "(tucks), and the tucking pelvis bends the lower back: the “butt wink”. Move the sliders to see "
        "how anatomy, stance and load move that point.</p>"
        f"<h3>Keyboard</h3><table cellspacing='4'>{rows}</table>"
        f"<h3>Where the numbers come from</h3><ul>{refs}</ul>"
        "<p>Estimates and design choices are flagged in docs/biomechanics.md and docs/model.md. "
        "This is a teaching model, not a diagnosis.</p>"
    )


class HelpDialog(QDialog):
    """Non-modal dialog showing :func:`help_html`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skelly: help and sources")
        self.resize(720, 640)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        column(self.browser, buttons, parent=self)
