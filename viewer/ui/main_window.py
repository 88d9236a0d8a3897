"""The Skelly main window: 3D view, generated controls, plots, depth bar, headline, menus.

Data flow (docs/architecture.md): every widget emits an intent that becomes one call on the
:class:`~viewer.state.Store`; the store emits ``stateChanged`` and this window applies the
newest state to every view **once per event-loop turn** (a zero-delay single-shot timer), so
a burst of slider events costs one update of the plots and one render.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QListWidget, QMainWindow, QMenu, QPushButton, QSizePolicy, QSplitter, QWidget

from viewer.model.levers import LeverEffect
from viewer.model.presets import PRESETS
from viewer.model.uncertain_anatomy import photo_observations
from viewer.qt_override import qt_override
from viewer.state import CAMERAS, AppState, Solution, Store
from viewer.ui import screen_fit, session
from viewer.ui.anatomy_guide import AnatomyGuide
from viewer.ui.band_runner import BandRunner
from viewer.ui.controls import ControlsPanel
from viewer.ui.depth_bar import DepthBar
from viewer.ui.file_actions import FileActions
from viewer.ui.headline import Headline
from viewer.ui.help_dialog import HelpDialog
from viewer.ui.layouts import column, row
from viewer.ui.levers_panel import LeversPanel, effect_text
from viewer.ui.photo_window import show_photo_window
from viewer.ui.plot_band import BandOverlay
from viewer.ui.plot_curves import ANGLES_BAND_DEG
from viewer.ui.plots import PlotsPanel
from viewer.ui.scene_slot import SceneSlot

#: The window's text size in points (presentation mode scales it, see screen_fit.presentation_scale).
BASE_FONT_PT = 10.0


def camera_name(name: str, short: bool = False) -> str:
    """Camera ``name``'s name in menus and tooltips, or ``short`` on its button (the bar above the 3D view
    fits its narrowest, 270 px)."""
    if name == "hip" and not short:
        return "Hip close-up"
    return "¾" if name == "three_quarter" else name.capitalize()


class MainWindow(QMainWindow):
    """Skelly's window. ``store`` defaults to a new :class:`Store` at the default state.

    Args:
        store: the state store (shared with tests or the command line).
        settings: where the session and recent files are kept (default: the user's settings).

    Signals:
        applied(): after the views were brought up to date with the store.
    """

    applied = Signal()

    def __init__(self, store: Store | None = None, *, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store if store is not None else Store()
        self.settings = settings if settings is not None else session.default_settings()
        self._pending: tuple[AppState, Solution] | None = None
        self._applied_state: AppState | None = None
        self._synced_actions: tuple[object, ...] | None = None  # what _sync_actions last set the actions from
        self._presentation = False
        self._normal_geometry = None
        self.screen_notice: str | None = None  # the screen cannot hold the window (see fit_to_screen)
        self.setWindowTitle("Skelly: squat anatomy lab")
        self.resize(*screen_fit.PREFERRED_SIZE_PX)

        self.headline = Headline(self)
        self.scene = SceneSlot(self)
        self.plots = PlotsPanel(self)
        self.depth_bar = DepthBar(self)
        self.files = FileActions(self, self.store, self.settings, self.scene, self.depth_bar, self.statusBar())
        self._help: HelpDialog | None = None  # made when first asked for
        self.controls = ControlsPanel(self)
        self.levers = LeversPanel(self)
        # the own anatomy's ranges: computed a walk per event-loop turn, shown when ready
        self.band_runner = BandRunner(self)
        self.band_overlay = BandOverlay(self.plots.angles_plot.getPlotItem(), ANGLES_BAND_DEG)
        self._guide: AnatomyGuide | None = None
        # the levers cost six sweeps (≈ 12 ms): listed in a turn of their own, after the frame
        self._levers_timer = QTimer(self)
        self._levers_timer.setSingleShot(True)
        self._levers_timer.setInterval(30)
        self._levers_timer.timeout.connect(self._refresh_levers)
        self._preset_anatomies = {name: preset.anatomy for name, preset in PRESETS.items()}
        self.preset_list = QListWidget(self)
        self.preset_list.setObjectName("preset_list")
        self.preset_list.addItems([f"{i + 1}  {name}" if i < 9 else f"    {name}" for i, name in enumerate(PRESETS)])
        self.preset_list.setToolTip("Presets (number keys in presentation mode)")
        # as wide as its longest name in its font (larger in presentation mode)
        self.preset_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)

        # --- layout: headline, [3D view | plots], depth bar; docks on the left --------------
        self.camera_buttons = {name: self._camera_button(i, name) for i, name in enumerate(CAMERAS)}
        self.camera_bar = QWidget(self)
        row(*self.camera_buttons.values(), 1, parent=self.camera_bar, margins=(4, 0, 4, 0),
            spacing=3)  # narrow enough for the 3D view's narrowest (an 800-px screen)
        self._scale_camera_bar(1.0)
        scene_area = QWidget(self)
        # (the sides' sentence shows only when the sides differ; the 3D view gives way)
        column(self.headline.sides_label, self.camera_bar, (self.scene, 1), parent=scene_area, margins=0, spacing=2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scene_area)
        self.splitter.addWidget(self.plots)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 480])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(QWidget(self))
        column(self.headline, (self.splitter, 1), self.depth_bar, parent=self.centralWidget(), margins=4, spacing=4)
        self.controls_dock = self._dock("Anatomy", "controls_dock", self.controls)
        self.levers_dock = self._dock("What would buy depth", "levers_dock", self.levers)
        self.splitDockWidget(self.controls_dock, self.levers_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.controls_dock, self.levers_dock], [640, 250], Qt.Orientation.Vertical)
        self.resizeDocks([self.controls_dock], [self.controls.sizeHint().width()], Qt.Orientation.Horizontal)
        self.presets_dock = self._dock("Presets", "presets_dock", self.preset_list)
        self.presets_dock.setVisible(False)

        # --- actions (added to the window too: their shortcuts work in full screen) ----------
        s, f = self.store, self.files
        self.act_open = self._action("&Open profile…", f.ask_open_profile, QKeySequence.StandardKey.Open)
        self.act_save = self._action("&Save profile…", f.ask_save_profile, QKeySequence.StandardKey.Save)
        self.act_png_scene = self._action("Export 3D view as PNG…", lambda: f.ask_export("scene_png"))
        self.act_png_window = self._action("Export window as PNG…", lambda: f.ask_export("window_png"))
        self.act_gif = self._action("Export squat animation (GIF)…", lambda: f.ask_export("gif"))
        self.act_csv = self._action("Export sweep as CSV…", lambda: f.ask_export("csv"))
        self.act_photo = self._action("Your squat p&hoto…", lambda: show_photo_window(self),
                                      tip="Click the landmarks on a side-view photo of your squat; compare it "
                                          "with the model and use its proportions")
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_undo = self._action("&Undo", s.undo, "Ctrl+Z")
        self.act_redo = self._action("&Redo", s.redo, "Ctrl+Shift+Z")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_reset = self._action("Reset to &defaults", s.reset_defaults, "Ctrl+Shift+R")
        self.act_freeze = self._action("Freeze as &B (ghost)", s.freeze_compare, "Ctrl+B",
                                       tip="Keep the current anatomy as a translucent ghost and dashed curves")
        self.act_clear_b = self._action("&Clear B", s.clear_compare, "Ctrl+Shift+B")
        self.act_ghost = self._action("Show &ghost", lambda on: s.set_view(show_ghost=on), "G", checkable=True)
        self.act_labels = self._action("Show &labels", lambda on: s.set_view(show_labels=on), "L", checkable=True)
        self.act_muscles = self._action("Show &muscles", lambda on: s.set_view(show_muscles=on), "M",
                                        checkable=True)
        self.act_angles = self._action("Show &angle readouts", lambda on: s.set_view(show_angles=on), "A",
                                       checkable=True)
        self.act_see_through = self._action("See-through &pelvis", lambda on: s.set_view(transparent_pelvis=on),
                                            "P", checkable=True,
                                            tip="Draw the hip bones see-through to watch the femoral neck meet the rim")
        self.act_muscle_plot = self._action("Muscle-length plot", self.set_muscle_plot_shown, "H", checkable=True,
                                            tip="The hamstrings' and other muscles' lengths against depth "
                                                "(in presentation mode in place of the joint angles)")
        self.act_muscle_plot.setChecked(True)
        self.act_presentation = self._action("&Presentation mode", self.toggle_presentation, "F11")
        self.act_help = self._action("&Help and sources…", self.show_help, "F1")
        self.act_guide = self._action("Find my &anatomy…", self.show_guide, "Ctrl+Shift+A",
                                      tip="Home tests (knee-to-wall, rock-back, hip rotation …) → your anatomy "
                                          "with its spread")
        self.act_play = self._action("Play / pause", self.depth_bar.toggle_playing, "Space")
        self.act_tuck = self._action("Go to tuck onset", self.depth_bar.go_to_tuck, "T")
        self.act_round = self._action("Go to rounding onset", self.depth_bar.go_to_rounding, "R")
        self.act_deeper = self._action("Step deeper", lambda: self.step_depth(+1), ".")
        self.act_shallower = self._action("Step shallower", lambda: self.step_depth(-1), ",")
        cameras = QActionGroup(self)
        self.camera_actions = {name: self._action(f"{camera_name(name)} view", lambda n=name: s.set_view(camera=n),
                                                  f"Alt+{i + 1}", group=cameras)
                               for i, name in enumerate(CAMERAS)}
        presets = QActionGroup(self)
        presets.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.preset_actions = {name: self._action(name, lambda n=name: self.apply_preset(n), tip=preset.story,
                                                  group=presets)
                               for name, preset in PRESETS.items()}
        QShortcut(QKeySequence("Esc"), self).activated.connect(lambda: self.set_presentation(False))
        self.file_menu = self._build_menus()
        self.statusBar().showMessage("Pick a preset, press Space to play; F1 for help. Your own hips and ankles: "
                                     "Presets ▸ Find my anatomy…", 8000)
        self._connect()
        self.fit_to_screen()
        self.settings_notice = session.settings_problem(self.settings)
        if self.startup_notices():
            self.statusBar().showMessage(" ".join(self.startup_notices()), 15000)

        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.setInterval(0)
        self._apply_timer.timeout.connect(self.flush)
        self._pending = (self.store.state, self.store.solution)
        self.flush()
        self._levers_timer.start()
        self._start_band()
        self.depth_bar.slider.setFocus()  # arrow keys scrub the depth until the user picks another control

    # --- construction --------------------------------------------------------------------
    def _camera_button(self, index: int, name: str) -> QPushButton:
        """The button of camera ``name`` (the ``index``-th, Alt+index+1) for the bar over the 3D view."""
        button = QPushButton(camera_name(name, short=True), self)
        button.setObjectName(f"camera_{name}")
        button.setCheckable(True)
        button.setToolTip(f"{camera_name(name)} view (Alt+{index + 1})")
        button.clicked.connect(lambda _checked=False: self.store.set_view(camera=name))
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to its text
        return button

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        """A fixed dock on the left holding ``widget``."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    def _action(self, text: str, slot: Callable[..., object], shortcut: str | QKeySequence | None = None,
                *, checkable: bool = False, tip: str = "", group: QActionGroup | None = None) -> QAction:
        """An action of the window; ``checkable``: ``slot`` gets the new check state; in ``group``: checkable,
        one of the group checked, ``slot`` called without arguments."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable or group is not None)
        if group is not None:
            group.addAction(action)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if checkable:
            action.triggered.connect(lambda checked: slot(checked))
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work in full screen, with the menu bar hidden
        return action

    def _build_menus(self) -> QMenu:
        """The menu bar; returns the File menu."""
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.aboutToShow.connect(self.files.rebuild_recent_menu)  # another Skelly may have added files
        menus: dict[str, tuple[QAction | QMenu | None, ...]] = {
            "&Edit": (self.act_undo, self.act_redo, self.act_reset),
            "&Presets": (self.act_guide, None, *self.preset_actions.values()),
            "&View": (*self.camera_actions.values(), None, self.act_labels, self.act_angles, self.act_muscles,
                      self.act_see_through, self.act_muscle_plot, self.act_presentation),
            "&Depth": (self.act_play, self.act_tuck, self.act_round, self.act_deeper, self.act_shallower),
            "&Compare": (self.act_freeze, self.act_clear_b, self.act_ghost),
            "&Help": (self.act_help, self.act_guide),
        }
        for title, items in (("", (self.act_guide, self.act_open, self.files.recent_menu, self.act_save,
                                   self.act_photo, None, self.act_png_scene, self.act_png_window, self.act_gif,
                                   self.act_csv, None, self.act_quit)), *menus.items()):
            menu = bar.addMenu(title) if title else file_menu
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)
            menu.setToolTipsVisible(title == "&Presets")
        self.files.rebuild_recent_menu()
        return file_menu

    def _connect(self) -> None:
        self.store.stateChanged.connect(self._on_store_state_changed)
        self.files.profileNamed.connect(self._update_title)
        self.store.editFinished.connect(self._on_store_edit_finished)
        self.levers.leverChosen.connect(self._on_lever)
        self.store.historyChanged.connect(self._on_store_history_changed)
        self.controls.anatomyEdited.connect(self._on_controls_anatomy_edited)
        self.controls.inputRejected.connect(self._on_input_rejected)
        self.controls.guideRequested.connect(self.show_guide)
        self.plots.depthRequested.connect(self.store.set_depth)
        self.depth_bar.depthRequested.connect(self.store.set_depth)
        self.preset_list.itemActivated.connect(self._on_preset_list_item)
        self.preset_list.itemClicked.connect(self._on_preset_list_item)
        self.band_runner.bandReady.connect(self._on_band_ready)
        self.band_runner.leverRangesReady.connect(self.levers.set_ranges)

    # --- intents → store -----------------------------------------------------------------
    def _on_controls_anatomy_edited(self, name: str, value: object, final: bool) -> None:
        try:
            self.store.set_anatomy_value(name, value, gesture=True)
        except (ValueError, TypeError) as exc:
            self._on_input_rejected(str(exc))
            return
        self.files.set_profile_name("")
        if final:
            self.store.end_edit()

    def step_depth(self, direction: int, fine: bool = False) -> None:
        """Step the depth by 1/50 (``fine``: 1/200) of the reachable range; ``direction`` ±1."""
        delta = (1.0 / 200.0 if fine else 1.0 / 50.0) * (1 if direction > 0 else -1)
        self.depth_bar.set_playing(False)
        self.store.set_depth_fraction(self.store.solution.depth_fraction + delta)

    def _on_input_rejected(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_preset_list_item(self, item: object) -> None:
        self.apply_preset(list(PRESETS)[self.preset_list.row(item)])

    def apply_preset(self, name: str) -> None:
        """Set the anatomy of preset ``name`` (one undo step) and show its story."""
        preset = PRESETS[name]
        self.store.set_anatomy(preset.anatomy)
        self.files.set_profile_name(name)
        self.statusBar().showMessage(f"{name}: {preset.story}", 15000)
        self._update_preset_checks(self.store.state)

    # --- store → views (coalesced) -------------------------------------------------------
    def _on_store_state_changed(self, state: AppState, solution: Solution) -> None:
        self.band_runner.drop_if_stale(None if state.own_anatomy is None else (state.anatomy, state.own_anatomy))
        self._pending = (state, solution)
        if not self._apply_timer.isActive():
            self._apply_timer.start()

    @property
    def update_pending(self) -> bool:
        """Whether a new state waits to be applied to the views, or the 3D view waits to draw it."""
        view = self.scene.view
        return self._pending is not None or (view is not None and view.frame_pending)

    def _on_store_history_changed(self, can_undo: object, can_redo: object) -> None:
        self.act_undo.setEnabled(bool(can_undo))
        self.act_redo.setEnabled(bool(can_redo))

    def _on_store_edit_finished(self) -> None:
        self.scene.edit_finished(self.store.state, self.store.solution)
        self._levers_timer.start()
        self._start_band()

    def _start_band(self) -> None:
        """Start computing the ranges of the settled anatomy when it has own-anatomy results."""
        state = self.store.state
        ua = state.uncertain()
        if ua is not None:
            self.band_runner.start((state.anatomy, state.own_anatomy), ua)

    def _on_band_ready(self, band: object) -> None:
        """Show the own anatomy's band (``None``: drop the stale one)."""
        self.headline.set_band(band)
        self.band_overlay.show(band)

    def _refresh_levers(self) -> None:
        """List what would buy depth for the settled anatomy."""
        self.levers.show_for(self.store.state.anatomy)

    def _on_lever(self, effect: LeverEffect) -> None:
        """Try a lever from the 'What would buy depth' list (one undo step)."""
        self.store.set_anatomy(effect.anatomy, self.store.state.own_anatomy)  # the same lifter: keep the ranges
        self.files.set_profile_name("")
        self.statusBar().showMessage(f"Trying: {effect.lever.label} ({effect_text(effect)}). Ctrl+Z undoes it.",
                                     15000)

    def flush(self) -> None:
        """Apply the newest state to every view now (normally runs once per event-loop turn)."""
        self._apply_timer.stop()
        if self._pending is None:
            return
        state, solution = self._pending
        self._pending = None
        previous = self._applied_state
        self._applied_state = state
        if previous is None or previous.anatomy != state.anatomy:
            self.controls.sync(state.anatomy)
            self._update_preset_checks(state)
            self.levers.mark_changing(state.anatomy)
        self.headline.apply(solution)
        self.plots.apply(solution)
        self.depth_bar.apply(solution)
        self.scene.apply(state, solution)
        if previous is None or previous.presentation != state.presentation:
            self._apply_presentation(state.presentation)
        self._sync_actions(state)
        self.applied.emit()

    def _sync_actions(self, state: AppState) -> None:
        can_undo, can_redo, has_b = self.store.can_undo, self.store.can_redo, state.compare_anatomy is not None
        checks = ((self.act_ghost, state.show_ghost), (self.act_labels, state.show_labels),
                  (self.act_muscles, state.show_muscles), (self.act_angles, state.show_angles),
                  (self.act_see_through, state.transparent_pelvis))
        key = (can_undo, can_redo, has_b, state.camera, *(value for _act, value in checks))
        if key == self._synced_actions:  # a depth scrub: nothing to set (Qt calls are slow right after a frame)
            return
        self._synced_actions = key
        self.act_undo.setEnabled(can_undo)
        self.act_redo.setEnabled(can_redo)
        self.act_clear_b.setEnabled(has_b)
        self.act_ghost.setEnabled(has_b)
        for act, value in checks:
            if act.isChecked() != value:
                with QSignalBlocker(act):
                    act.setChecked(value)
        self.camera_actions[state.camera].setChecked(True)
        for name, button in self.camera_buttons.items():
            button.setChecked(name == state.camera)

    def _update_preset_checks(self, state: AppState) -> None:
        match = next((n for n, a in self._preset_anatomies.items() if a == state.anatomy), None)
        for name, act in self.preset_actions.items():
            act.setChecked(name == match)
        with QSignalBlocker(self.preset_list):
            self.preset_list.setCurrentRow(list(PRESETS).index(match) if match else -1)
        if match:
            self.files.set_profile_name(match)

    def _update_title(self, profile_name: str) -> None:
        name = f" — {profile_name}" if profile_name else ""
        self.setWindowTitle(f"Skelly: squat anatomy lab{name}")

    @qt_override()
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.step_depth(+1, fine)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.step_depth(-1, fine)
        elif key == Qt.Key.Key_Home:
            self.store.set_depth_fraction(0.0)
        elif key == Qt.Key.Key_End:
            self.store.set_depth_fraction(1.0)
        elif self._presentation and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if index < len(PRESETS):
                self.apply_preset(list(PRESETS)[index])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def set_muscle_plot_shown(self, on: bool) -> None:
        """Show or hide the muscle-length plot (H).

        Presentation mode starts without it and shows it *in place of* the joint-angle plot: three plots
        on a 1024×768 projector are too low to read (the class script's last step, Lombard's paradox,
        brings it up; H again brings the joint angles back). Outside presentation mode both are shown.
        """
        on = bool(on)
        self.plots.show_plots(angles=not (on and self._presentation), muscles=on)
        with QSignalBlocker(self.act_muscle_plot):
            self.act_muscle_plot.setChecked(on)

    # --- the window on its screen: size and place ----------------------------------------
    # Qt's layouts size everything inside the window; the window opens no larger than the screen's free
    # area (screen_fit.fitted_rect), and its smallest size fits a 1024×768 screen, in presentation mode
    # too (tests/gui/test_screen_fit.py).
    def _scale_camera_bar(self, scale: float) -> None:
        """The camera buttons' text at ``scale`` × the normal size; each button may shrink to its text
        (a narrow window; a push button is otherwise never narrower than 80 px)."""
        font = self.camera_bar.font()
        font.setPointSizeF(BASE_FONT_PT * scale)
        self.camera_bar.setFont(font)
        for button in self.camera_buttons.values():
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 14)

    def fit_to_screen(self, only_if_outside: bool = False) -> None:
        """Size the window to the screen it opens on (shrunk to a small screen, centred).

        A screen too small even for the window's smallest size sets :attr:`screen_notice`, which the
        window shows in its status bar at start-up.

        ``only_if_outside``: leave a window that already lies within the screen's free area as it is
        (a size restored from the last session).
        """
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        hint = self.minimumSizeHint()
        self.screen_notice = screen_fit.too_small_notice((free.width(), free.height()), (hint.width(), hint.height()))
        frame = self.frameGeometry()
        if only_if_outside and free.contains(frame.topLeft()) and frame.width() <= free.width() \
                and frame.height() <= free.height():
            return
        x, y, width, height = screen_fit.fitted_rect(screen_fit.PREFERRED_SIZE_PX,
                                                     (free.x(), free.y(), free.width(), free.height()),
                                                     (hint.width(), hint.height()))
        self.resize(width, height)
        self.move(x, y)

    # --- presentation mode ---------------------------------------------------------------
    def toggle_presentation(self) -> None:
        """Enter or leave presentation mode (F11)."""
        self.set_presentation(not self.store.state.presentation)

    def set_presentation(self, on: bool) -> None:
        """Ask the store for presentation mode on/off (the view follows the state)."""
        self.store.set_view(presentation=bool(on))

    def is_presentation(self) -> bool:
        """Whether the window shows presentation mode."""
        return self._presentation

    def _apply_presentation(self, on: bool) -> None:
        if on == self._presentation:
            return
        self._presentation = on
        screen = self.screen()
        scale = 1.0
        if on:  # larger text, by how far the screen is projected (see screen_fit.presentation_scale)
            scale = (screen_fit.presentation_scale(screen.geometry().height()) if screen is not None
                     else screen_fit.PRESENTATION_SCALE_MAX)
        self._set_presentation_look(on, scale)
        if on:
            self._normal_geometry = self.geometry()
            if screen is not None:  # without a window manager (e.g. Xvfb) full screen must be sized by hand
                self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.showNormal()
            if self._normal_geometry is not None:
                self.setGeometry(self._normal_geometry)

    def _set_presentation_look(self, on: bool, scale: float) -> None:
        """Fonts ``scale`` × normal (1 when ``on`` is off), thicker lines, presets instead of the controls
        (no geometry change)."""
        font = self.font()
        font.setPointSizeF(BASE_FONT_PT * scale)
        self.centralWidget().setFont(font)
        self.preset_list.setFont(font)
        self.headline.set_scale(scale)
        self._scale_camera_bar(scale)
        if self.scene.view is not None:  # the 3D view's readouts and colour scales too
            self.scene.view.set_text_boost(scale)
        self.headline.set_hint_visible(not on)  # no tips on the projector
        self.plots.set_presentation(on, scale)
        self.set_muscle_plot_shown(not on)  # (H brings it back in presentation mode)
        self.controls_dock.setVisible(not on)
        self.levers_dock.setVisible(not on)
        self.presets_dock.setVisible(on)
        if on:  # no wider than the names: the rest goes to the 3D view and the plots
            self.resizeDocks([self.presets_dock], [self.preset_list.sizeHint().width()], Qt.Orientation.Horizontal)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        self.depth_bar.tempo.setVisible(not on)
        self.depth_bar.slider.setFocus()

    # --- the last layout -----------------------------------------------------------------
    def _restore_layout(self) -> list[str]:
        """The window's last size, place and 3D view / plots split; notices for what could not be used.

        A size that does not fit the screen the window is on now (the laptop was on a larger
        monitor last time) is fitted to it.
        """
        geometry, splitter = session.load_layout(self.settings)
        notices = []
        if geometry is not None:
            if self.restoreGeometry(geometry):
                self.fit_to_screen(only_if_outside=True)
            else:
                notices.append("Last session's window size could not be restored.")
        if splitter is not None and not self.splitter.restoreState(splitter):
            notices.append("Last session's split between the 3D view and the plots could not be restored.")
        return notices

    # --- help ----------------------------------------------------------------------------
    def show_help(self) -> HelpDialog:
        """Open the help / sources dialog (non-modal)."""
        dialog = self._help
        if dialog is None:
            dialog = self._help = HelpDialog(self)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_guide(self, test: str = "") -> AnatomyGuide:
        """Open the "Find my anatomy" guide (non-modal) for the current body, at the page of ``test`` (a key
        of its pages) if given; "Apply" sets its result."""
        dialog = self._guide
        if dialog is None:
            dialog = self._guide = AnatomyGuide(self.store.state.anatomy, self)
            dialog.applied.connect(self._on_guide_applied)
            dialog.photoRequested.connect(lambda: show_photo_window(self))
            self.store.stateChanged.connect(
                lambda state, _solution: dialog.set_photo(photo_observations(state.own_anatomy)))
        dialog.anatomy = self.store.state.anatomy
        dialog.set_photo(photo_observations(self.store.state.own_anatomy))
        dialog.show()
        dialog.raise_()
        if test:
            dialog.go_to_test(test)
        return dialog

    def _on_guide_applied(self, combined: object) -> None:
        self.store.set_anatomy(combined.anatomy.mean, combined)
        self.files.set_profile_name("")
        self.statusBar().showMessage("Your anatomy from the tests is set; the ranges follow in a few seconds. "
                                     "Ctrl+Z undoes it.", 15000)

    # --- session -------------------------------------------------------------------------
    def restore_session(self) -> list[str]:
        """Restore the last session from the settings; return the notices (also shown, after the
        :meth:`startup_notices`, in one status-bar line).

        Nothing in the settings file can stop the window from starting: a value that cannot be used
        is a notice (``session.load_session``), and an error of any kind while restoring leaves that
        part at its default with the notice "the last session could not be restored". The file is
        rewritten with a good session when the window closes.
        """
        try:
            state, notices = session.load_session(self.settings, self.store.state)
            self.store.dispatch(state)
        except Exception as exc:  # noqa: BLE001 - a settings file must never stop the app from starting
            notices = [f"The last session could not be restored ({session.short_error(exc)}); "
                       "starting with the defaults."]
        try:
            notices += self._restore_layout()
        except Exception as exc:  # noqa: BLE001 - as above
            notices.append(f"The last window layout could not be restored ({session.short_error(exc)}).")
        shown = self.startup_notices() + notices
        if shown:
            self.statusBar().showMessage(" ".join(shown), 15000)
        return notices

    def startup_notices(self) -> list[str]:
        """What the user is told once, at start-up, about the machine: settings that cannot be saved, a
        screen too small for the window."""
        return [n for n in (self.settings_notice, self.screen_notice) if n]

    @qt_override()
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.depth_bar.set_playing(False)
        self._apply_timer.stop()
        try:
            if not self._presentation:  # full screen is not the size to come back to
                session.save_layout(self.settings, self.saveGeometry(), self.splitter.saveState())
            session.save_session(self.settings, dataclasses.replace(self.store.state, presentation=False))
        finally:
            self.scene.finalize()
            self.plots.release()
        super().closeEvent(event)
