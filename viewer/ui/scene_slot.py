"""The 3D view's place in the window: wraps the VTK scene widget (``viewer.render``).

The window talks to the scene only through this slot: ``apply`` (state and solution → one
``SceneInput`` → the scene; one render per event-loop turn), ``edit_finished`` (mesh
regeneration after a drag), image grabs for exports, and ``finalize`` on close. When the 3D view
cannot be built (no usable OpenGL), a plain placeholder says so and image grabs raise ``RuntimeError``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from viewer.qt_override import qt_override
from viewer.render.scene_input import SceneInput
from viewer.state import AppState, Solution
from viewer.ui.layouts import column, text_label


class SceneSlot(QWidget):
    """Container for the 3D view (``view``: a ``viewer.render.view_widget.SceneView``) or a placeholder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = None
        self.compare = None
        self.error = ""
        self._closed = False  # finalized: GL resources released, nothing is drawn any more
        # the B ghost's bones get lighter meshes one per idle turn after start-up (≈ 0.1 s in all)
        self._simplify_timer = QTimer(self)
        self._simplify_timer.setInterval(15)
        self._simplify_timer.timeout.connect(self._simplify_step)
        self._build_view()
        if self.view is None:
            shown = text_label(self, "scene_placeholder", self.error,
                               style="background: #3a4250; color: #eee; font-size: 16px;")
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            shown = self.view
        column(shown, parent=self, margins=0)
        self.setMinimumSize(270, 180)  # the 3D view's narrowest and lowest (an 800×600 screen)

    def _build_view(self) -> None:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() != "offscreen":  # off-screen views use EGL, checked by the CLI
            from viewer.io.glcheck import window_gl_problem

            problem = window_gl_problem()
            if problem:  # rendering would segfault: show the rest of the app and say why
                self.error = problem[0].upper() + problem[1:]
                return
        try:
            from viewer.render.view_widget import SceneView

            self.view = SceneView(self)
            self.compare = self.view.scene.compare  # the A/B ghost, shown from SceneInput.compare
            self._simplify_timer.start(500)  # then every 15 ms (see _simplify_step)
        except Exception as exc:  # noqa: BLE001 - any GL/VTK failure: show the rest of the app
            self.view = None
            self.error = f"The 3D view could not start ({type(exc).__name__}: {exc}). Plots and readouts still work."

    def _simplify_step(self) -> None:
        """One more B-ghost bone gets its light mesh (``CompareGhost.simplify_next``), one per turn."""
        if self._closed:
            self._simplify_timer.stop()
            return
        more = self.compare.simplify_next()
        if self.compare.visible:
            self.view.request_render()
        if more:
            self._simplify_timer.setInterval(15)  # after the first, start-up-delayed step
        else:
            self._simplify_timer.stop()

    @qt_override()
    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        camera = self.view.scene.camera_name if self.view is not None else None
        if camera is not None and not self.view.camera_animating:
            self.view.set_camera(camera, animate=False, settle=True)  # framing follows the aspect ratio

    @property
    def has_view(self) -> bool:
        """Whether a real 3D view is shown."""
        return self.view is not None

    def apply(self, state: AppState, solution: Solution, *, animate: bool = True) -> None:
        """Show ``solution`` (bone matrices, flags, camera, A/B ghost); the render is coalesced. Camera
        changes animate if ``animate`` (the first state frames the lifter at once)."""
        if self.view is None or self._closed:
            return
        self.view.show_scene(SceneInput.of(state, solution), animate=animate)
        if self.compare.simplifying and not self._simplify_timer.isActive():  # B's own hip shapes
            self._simplify_timer.start(15)

    def edit_finished(self, state: AppState, solution: Solution) -> None:
        """A slider was released: regenerate what is too slow to rebuild while dragging."""
        if self.view is not None and not self._closed:
            self.view.edit_finished(state.anatomy)

    def grab_image(self) -> np.ndarray:
        """The 3D view as RGB uint8 (H, W, 3); ``RuntimeError`` without a view or once it is closed."""
        if self.view is None:
            raise RuntimeError(self.error)
        if self._closed:
            raise RuntimeError("the 3D view was closed")
        return self.view.grab_image()

    def render_state_image(self, state: AppState, solution: Solution) -> np.ndarray:
        """Show ``solution`` now and return the frame (for animation exports; errors as :meth:`grab_image`)."""
        self.apply(state, solution, animate=False)
        return self.grab_image()

    def finalize(self) -> None:
        """Release the GL resources (call from the window's closeEvent); safe to call twice."""
        self._closed = True
        self._simplify_timer.stop()
        if self.view is not None:
            self.view.finalize()
