"""The controls panel, generated from ``PARAM_SPECS``: one widget per parameter, grouped.

Adding a parameter to the specs adds its control here; a parameter that may differ left and right
(``params.SIDED``) gets a :class:`~viewer.ui.sided_control.SidedSlider` with its "L ≠ R" switch. Under
the ankle's dorsiflexion, "Knee-to-wall test…" asks for the "Find my anatomy" guide at that test's page
(``guideRequested``). The panel only emits intents (``anatomyEdited``, ``guideRequested``) and shows the
anatomy it is given (``sync``, under signal blockers).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

from viewer.model.anatomy import Anatomy
from viewer.model.params import GROUPS, PARAM_SPECS, SIDED, ParamSpec, specs_in_group
from viewer.ui.float_slider import FloatSlider
from viewer.ui.layouts import column, row
from viewer.ui.sided_control import SidedSlider


class ChoiceControl(QWidget):
    """Combo box for a "choice" spec; emits the choice value (not its label)."""

    valueCommitted = Signal(str)

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"combo_{spec.name}")
        labels = spec.choice_labels or spec.choices
        for value, label in zip(spec.choices, labels, strict=True):
            self.combo.addItem(label, value)
        self.combo.setToolTip(spec.help)
        # may be narrower than its longest choice (a small screen): the closed box then cuts the text
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(8)
        row(QLabel(spec.label, self), (self.combo, 1), parent=self, margins=0)
        self.combo.currentIndexChanged.connect(self._on_combo_index_changed)

    def value(self) -> str:
        """The selected choice."""
        return str(self.combo.currentData())

    def set_value(self, value: str) -> None:
        """Show ``value`` without emitting."""
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(self.spec.choices.index(value))

    def _on_combo_index_changed(self, _index: int) -> None:
        self.valueCommitted.emit(self.value())


class BoolControl(QCheckBox):
    """Check box for a "bool" spec."""

    valueCommitted = Signal(bool)

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec.label, parent)
        self.spec = spec
        self.setObjectName(f"check_{spec.name}")
        self.setToolTip(spec.help)
        self.toggled.connect(self.valueCommitted)

    def value(self) -> bool:
        """Whether it is checked."""
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        """Show ``value`` without emitting."""
        with QSignalBlocker(self):
            self.setChecked(bool(value))


Control = FloatSlider | ChoiceControl | BoolControl


def make_control(spec: ParamSpec, parent: QWidget | None = None) -> Control:
    """The widget for one spec, by its kind."""
    if spec.kind == "float":
        return FloatSlider(spec, parent)
    if spec.kind == "choice":
        return ChoiceControl(spec, parent)
    return BoolControl(spec, parent)


#: The panel's narrowest width (px), unless its controls need more.
MIN_WIDTH_PX = 240


class ControlsPanel(QScrollArea):
    """All anatomy controls, grouped as in :data:`GROUPS`; advanced ones collapsible.

    Signals:
        anatomyEdited(str, object, bool): parameter name, new value, and whether the edit is
            final (False while a slider is being dragged).
        inputRejected(str): a typed value was refused (message for the status bar).
        guideRequested(str): open the "Find my anatomy" guide at this test's page (a key of its pages).
    """

    anatomyEdited = Signal(str, object, bool)
    inputRejected = Signal(str)
    guideRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        #: each parameter's control (for a two-sided one, its two-sided slider)
        self.controls: dict[str, Control] = {}
        #: the rows of the parameters that may differ left and right, by two-sided name
        self.sided: dict[str, SidedSlider] = {}
        self.advanced_boxes: dict[str, QWidget] = {}
        self.group_boxes: dict[str, QGroupBox] = {}
        inner = QWidget(self)
        column(*(self._build_group(group, inner) for group in GROUPS), 1, parent=inner, margins=6)
        self.setWidget(inner)
        # never narrower than the controls themselves: the panel scrolls only vertically
        self.setMinimumWidth(max(MIN_WIDTH_PX, inner.minimumSizeHint().width() + 2 * self.frameWidth()
                                 + self.verticalScrollBar().sizeHint().width()))
        missing = {s.name for s in PARAM_SPECS} - set(self.controls)
        if missing:  # pragma: no cover - a spec kind this panel does not know
            raise RuntimeError(f"no control for {sorted(missing)}")

    def _build_group(self, group: str, parent: QWidget) -> QGroupBox:
        box = QGroupBox(group, parent)
        box.setObjectName(f"group_{group}")
        self.group_boxes[group] = box
        layout = column(parent=box, spacing=4)
        advanced = QWidget(box)
        adv_layout = column(parent=advanced, margins=0)
        has_advanced = False
        for spec in specs_in_group(group):
            row: QWidget
            if spec.name in SIDED:
                row = SidedSlider(spec, box)
                row.edited.connect(self.anatomyEdited)
                row.inputRejected.connect(self.inputRejected)
                self.sided[spec.name] = row
                control = row.both
            else:
                control = row = make_control(spec, box)
                self._connect(control)
            self.controls[spec.name] = control
            if spec.advanced:
                adv_layout.addWidget(row)
                has_advanced = True
            else:
                layout.addWidget(row)
            if spec.name == "ankle_dorsiflexion_deg":
                self.knee_to_wall_button = self._guide_link("knee_to_wall", "Knee-to-wall test…", box,
                                                            "Your dorsiflexion from the knee-to-wall lunge test "
                                                            "(cm or inches), in the “Find my anatomy” guide")
                layout.addWidget(self.knee_to_wall_button, 0, Qt.AlignmentFlag.AlignLeft)
        if has_advanced:
            toggle = QToolButton(box)
            toggle.setObjectName(f"advanced_{group}")
            toggle.setText("Advanced")
            toggle.setCheckable(True)
            toggle.setArrowType(Qt.ArrowType.RightArrow)
            toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            toggle.setAutoRaise(True)
            advanced.setVisible(False)

            def _toggle(on: bool, toggle: QToolButton = toggle, advanced: QWidget = advanced) -> None:
                advanced.setVisible(on)
                toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

            toggle.toggled.connect(_toggle)
            layout.addWidget(toggle)
            layout.addWidget(advanced)
            self.advanced_boxes[group] = advanced
        return box

    def _connect(self, control: Control) -> None:
        name = control.spec.name
        if isinstance(control, FloatSlider):
            control.valueChanging.connect(lambda v, n=name: self.anatomyEdited.emit(n, v, False))
            control.inputRejected.connect(self.inputRejected)
        control.valueCommitted.connect(lambda v, n=name: self.anatomyEdited.emit(n, v, True))

    def _guide_link(self, test: str, text: str, parent: QWidget, tip: str) -> QPushButton:
        """A flat, link-like button that asks for the guide at ``test``'s page."""
        button = QPushButton(text, parent)
        button.setObjectName(f"guide_link_{test}")
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; border: none; "
                             "padding: 1px 2px; text-align: left; }")
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.guideRequested.emit(test))
        return button

    def sync(self, anatomy: Anatomy) -> None:
        """Show ``anatomy`` in every control (no signals are emitted)."""
        for name, control in self.controls.items():
            if name in self.sided:
                self.sided[name].sync(anatomy)
                continue
            value = getattr(anatomy, name)
            if control.value() != value:
                control.set_value(value)
