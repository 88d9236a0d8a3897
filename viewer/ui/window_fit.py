"""The window on the screen it has: its size and place, presentation mode, the last layout.

A mixin of :class:`~viewer.ui.main_window.MainWindow`: it uses the window's ``store``, ``settings``,
``camera_bar``, ``camera_buttons``, ``splitter``, ``preset_list``, ``headline``, ``plots``, ``depth_bar``, docks,
menu and status bars. Qt's layouts size everything inside the window; the window itself opens no
larger than the screen's free area (:func:`viewer.ui.screen_fit.fitted_rect`), and its smallest size
fits a 1024×768 screen, in presentation mode too (tests/gui/test_screen_fit.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from viewer.ui import screen_fit, session

#: The window's text size in points (presentation mode scales it, see screen_fit.presentation_scale).
BASE_FONT_PT = 10.0


class WindowFitMixin:
    """Size, place, presentation mode and the remembered layout (methods of the main window)."""

    # --- size and place ------------------------------------------------------------------
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
