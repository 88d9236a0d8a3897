"""The 3D view's place in the window: wraps the VTK scene widget (``viewer.render``).

The window talks to the scene only through this slot: ``apply`` (state → matrices, one
render per event-loop turn), ``edit_finished`` (expensive work after a drag), image grabs
for exports, and ``finalize`` on close. With ``with_scene=False`` (or when the scene cannot
be built) a plain placeholder takes its place and image grabs raise ``RuntimeError``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from viewer.state import AppState, Solution


class SceneSlot(QWidget):
    """Container for the 3D view (or a placeholder)."""

    def __init__(self, parent: QWidget | None = None, *, with_scene: bool = True) -> None:
        super().__init__(parent)
        self.view = None
        self.error = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if with_scene:
            self.view = self._build_view()
        if self.view is None:
            label = QLabel(self.error or "3D view off", self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: #e8e8e8; color: #555;")
            layout.addWidget(label)
        else:
            layout.addWidget(self.view)
        self.setMinimumSize(320, 300)

    def _build_view(self) -> QWidget | None:
        self.error = "3D view not available yet"
        return None

    @property
    def has_view(self) -> bool:
        """Whether a real 3D view is shown."""
        return self.view is not None

    def apply(self, state: AppState, solution: Solution) -> None:
        """Show ``solution`` (bone matrices, flags, camera); the render is coalesced by the view."""

    def edit_finished(self, state: AppState, solution: Solution) -> None:
        """A slider was released: rebuild what is too slow to rebuild while dragging."""

    def grab_image(self) -> np.ndarray:
        """The 3D view as RGB uint8 (H, W, 3)."""
        raise RuntimeError("the 3D view is not available")

    def render_state_image(self, state: AppState, solution: Solution) -> np.ndarray:
        """Render ``solution`` off the event loop's schedule and return the image (H, W, 3)."""
        raise RuntimeError("the 3D view is not available")

    def finalize(self) -> None:
        """Release the GL resources (call from the window's closeEvent)."""
