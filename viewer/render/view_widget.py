"""Qt widget showing the scene: a QVTKRenderWindowInteractor wrapped by composition.

- One render per event-loop turn: :meth:`SceneView.request_render` sets a dirty flag and arms a
  zero-delay single-shot timer; however many state changes arrive in a turn, one frame is drawn.
- Camera presets animate over :data:`viewer.render.cameras.TRANSITION_MS` with a 16 ms timer.
- HiDPI: the pixel ratio is the widget's own, not that of the screen under the cursor.
- MSAA off (software GL); :meth:`SceneView.finalize` releases GL (call it from ``closeEvent``).
- Hovering a bone shows its name in the corner.
- Under ``QT_QPA_PLATFORM=offscreen`` the widget renders into an off-screen EGL window instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor

from viewer.model.anatomy import Anatomy
from viewer.qt_override import qt_override

from . import cameras
from .bones import RenderBone
from .overlays import screen_text
from .scene import Scene, SceneInput, Shown
from .snapshot import grab_rgb
from .vtk_imports import vtkEGLRenderWindow

#: A repaint or resize waits this long for its frame, so the 2-5 relayouts of one window resize
#: (or presentation mode, or a headline that wraps) are drawn once; state changes draw at once.
#: Such a frame is also drawn in an event-loop iteration of its own, after the one that re-laid out
#: and repainted the window (see :meth:`SceneView.request_render`).
RELAYOUT_SETTLE_MS = 12


class _Interactor(QVTKRenderWindowInteractor):
    """The stock widget with the HiDPI ratio taken from this widget, VTK's key commands off, and
    repaints turned into coalesced frame requests (``request_frame``)."""

    #: Called instead of rendering at once when Qt repaints the widget (set by :class:`SceneView`).
    request_frame: Callable[[], None] | None = None
    #: Called after a resize, once VTK's widget has set the window's size and DPI (72 × pixel ratio).
    resized: Callable[[], None] | None = None

    @qt_override()
    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.resized is not None:
            self.resized()

    # The stock widget renders inside every paint event. Qt repaints the view several times while it
    # re-lays out a window (resize, presentation mode, a headline growing by a line), and each of those
    # renders cost a whole software-GL frame: 2-5 frames in one event-loop turn. Asking for the
    # once-per-turn frame instead draws one.
    @qt_override()
    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if self.request_frame is not None:
            self.request_frame()
        else:
            super().paintEvent(event)

    def _getPixelRatio(self) -> float:  # noqa: N802 (VTK's name)
        return float(self.devicePixelRatioF())

    # VTK's interactor style has its own single-key commands (w wireframe, 3 stereo, e/q exit,
    # f fly-to, r reset camera, p pick, j/t/u …). In class, a key pressed while the 3D view has
    # focus must reach the window's shortcuts instead, so VTK never sees the keyboard: the
    # default QWidget handler ignores the event and Qt passes it to the parent widgets.
    @qt_override()
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        QWidget.keyPressEvent(self, event)

    @qt_override()
    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        QWidget.keyReleaseEvent(self, event)


class SceneView(QWidget):
    """The 3D view. Feed it with :meth:`show_scene`; it renders at most once per event-loop turn.

    Signals:
        rendered(): a frame was drawn.
        boneHovered(str): the id of the bone under the mouse ("" when none).
    """

    rendered = Signal()
    boneHovered = Signal(str)

    def __init__(self, parent: QWidget | None = None, bones: list[RenderBone] | None = None,
                 font_scale: float = 1.0) -> None:
        super().__init__(parent)
        rw = None
        if QGuiApplication.platformName() == "offscreen":  # GLX needs a display: use EGL off-screen
            rw = vtkEGLRenderWindow()
            rw.SetOffScreenRendering(1)
            rw.SetMultiSamples(0)
            rw.Render()
        self.vtk = _Interactor(self, rw=rw) if rw is not None else _Interactor(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.vtk)
        self.window = self.vtk.GetRenderWindow()
        self.window.SetMultiSamples(0)
        self.vtk.request_frame = lambda: self.request_render(RELAYOUT_SETTLE_MS)
        self.scene = Scene(self.window, bones=bones, font_scale=font_scale)
        self.vtk.resized = self._on_vtk_resized
        from vtkmodules.vtkInteractionStyle import vtkInteractorStyleTrackballCamera

        self.vtk.SetInteractorStyle(vtkInteractorStyleTrackballCamera())
        self._dirty = False
        self._after_relayout = False  # a repaint or resize asked for the pending frame
        self._finalized = False
        self.render_count = 0
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._flush)
        self._anim = QTimer(self)
        self._anim.setInterval(16)
        self._anim.timeout.connect(self._on_anim_tick)
        self._anim_from: cameras.CameraPose | None = None
        self._anim_to_name = "side"
        self._anim_start = 0.0
        self._hover = screen_text(self.scene.renderer, 0.02, 0.86, round(20 * font_scale), (1.0, 1.0, 0.85))
        self._hover_pos: tuple[int, int] | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(60)
        self._hover_timer.timeout.connect(self._on_hover_timeout)
        self._observers = [(self.vtk, self.vtk.AddObserver("MouseMoveEvent", self._on_vtk_mouse_move)),
                           (self.window, self.window.AddObserver("EndEvent", self._on_window_rendered))]
        self._hovered = ""

    # ------------------------------------------------------------------------- feeding
    @property
    def finalized(self) -> bool:
        """Whether :meth:`finalize` ran (the view then ignores updates and refuses image grabs)."""
        return self._finalized

    def _require_open(self) -> None:
        if self._finalized:
            raise RuntimeError("the 3D view is closed")

    def show_scene(self, inp: SceneInput, *, animate: bool = True) -> Shown | None:
        """Show ``inp`` (:meth:`Scene.show`) in the next frame. A camera change animates, unless
        ``animate`` is false or nothing was shown yet (then the camera jumps). No-op once finalized."""
        if self._finalized:
            return None
        if animate and self.scene.pose is not None and inp.camera != self.scene.camera_target:
            self._start_camera_move(inp.camera)
        shown = self.scene.show(inp)
        if not animate and self.camera_animating:
            self.set_camera(inp.camera, animate=False)
        self.request_render()
        return shown

    def edit_finished(self, anatomy: Anatomy) -> list[str]:
        """A slider was released: regenerate the parametric meshes (femur, acetabulum) for ``anatomy``;
        returns the rebuilt bone ids."""
        if self._finalized:
            return []
        done = self.scene.update_parametric_meshes(anatomy)
        if done:
            self.request_render()
        return done

    # ------------------------------------------------------------------------- camera
    def set_camera(self, name: str, animate: bool = True, *, settle: bool = False) -> None:
        """Go to camera preset ``name``; smoothly unless ``animate`` is false. ``settle``: the jump
        follows a resize, so its frame waits for the relayout to settle (see :meth:`request_render`)."""
        if name not in cameras.PRESETS:
            raise ValueError(f"unknown camera preset {name!r}; known: {', '.join(cameras.PRESETS)}")
        if self._finalized:
            return
        if not animate or self.scene.pose is None:
            self._anim.stop()
            self._anim_to_name = name
            self.scene.set_camera(name)
            self.request_render(RELAYOUT_SETTLE_MS if settle else 0)
            return
        self._start_camera_move(name)

    def _start_camera_move(self, name: str) -> None:
        self._anim_to_name = name
        self._anim_from = self.scene.current_camera()
        self._anim_start = time.monotonic()
        self.scene.begin_camera_move(name)
        self._anim.start()

    @property
    def camera_animating(self) -> bool:
        """Whether a camera transition is running."""
        return self._anim.isActive()

    def _on_anim_tick(self) -> None:
        if self._finalized:
            return
        t = (time.monotonic() - self._anim_start) * 1000.0 / cameras.TRANSITION_MS
        target = self.scene.camera_pose(self._anim_to_name)
        if t >= 1.0 or self._anim_from is None:
            self._anim.stop()
            self.scene.set_camera(self._anim_to_name)
        else:
            self.scene.set_camera_pose(cameras.interpolate(self._anim_from, target, t))
        self.request_render()

    # ------------------------------------------------------------------------- rendering
    def request_render(self, delay_ms: int = 0) -> None:
        """Ask for a frame; frames are coalesced to one per event-loop turn.

        ``delay_ms`` > 0 (repaints and resizes: :data:`RELAYOUT_SETTLE_MS`) lets a cascade of
        relayouts settle first, so they share one frame; a later request with a shorter delay
        (a state change) brings the frame forward.

        A frame that a relayout asked for (alone or with state changes, as when presentation mode
        switches) is moreover drawn in the event-loop iteration after the one whose timers find it
        due: that iteration has just re-laid out and repainted the window (30-60 ms here on a resize
        or a presentation-mode switch), and rendering in it too kept the event loop from the user's
        input for both (up to ≈ 110 ms). In between, Qt reads the input; the 3D view shows its frame
        one iteration later. Frames for state changes alone are drawn in their own iteration.
        """
        if self._finalized:
            return
        if delay_ms > 0:
            self._after_relayout = True
        self._dirty = True
        timer = self._frame_timer
        if not timer.isActive() or timer.remainingTime() > delay_ms:
            timer.start(delay_ms)

    def _flush(self) -> None:
        if not self._dirty or self._finalized:
            return
        if self._after_relayout:  # a timer started in a timer's callback is due in the next iteration
            self._after_relayout = False
            self._frame_timer.start(0)
            return
        self._dirty = False
        self.window.Render()

    @property
    def frame_pending(self) -> bool:
        """Whether a frame has been asked for and not drawn yet."""
        return self._dirty and not self._finalized

    def set_text_boost(self, boost: float) -> None:
        """Let the view's text grow up to ``boost`` × its normal size (presentation mode) or not (1): refitted at once,
        the camera re-framed for the readouts' new room, one frame asked for."""
        if boost == self.scene.text_boost:
            return
        self.scene.set_text_boost(boost)
        if self._finalized:
            return
        if self.scene.fit_text_to_view(float(self.vtk.devicePixelRatioF())) and self.scene.pose is not None:
            if self.camera_animating:  # the move's last step frames the view for the new text
                self.request_render(RELAYOUT_SETTLE_MS)
            else:
                self.set_camera(self.scene.camera_name, animate=False, settle=True)

    def _on_vtk_resized(self) -> None:
        """The 3D view's text follows its new size (and the screen's pixel ratio): Scene.fit_text_to_view."""
        if not self._finalized and self.scene.fit_text_to_view(float(self.vtk.devicePixelRatioF())):
            self.request_render(RELAYOUT_SETTLE_MS)

    def _on_window_rendered(self, *_: object) -> None:
        self.render_count += 1
        self.rendered.emit()

    def grab_image(self) -> np.ndarray:
        """The current frame as RGB uint8 (H, W, 3), top row first; ``RuntimeError`` once finalized."""
        self._require_open()
        return grab_rgb(self.window)

    # ------------------------------------------------------------------------- hover
    def _on_vtk_mouse_move(self, obj: Any, _event: str) -> None:
        if self._finalized:
            return
        self._hover_pos = tuple(obj.GetEventPosition())
        if not self._hover_timer.isActive():
            self._hover_timer.start()

    def _on_hover_timeout(self) -> None:
        if self._hover_pos is None or self._finalized:
            return
        bone = self.scene.bone_at(*self._hover_pos) or ""
        if bone != self._hovered:
            self._hovered = bone
            b = self.scene.bones.bones.get(bone)
            self._hover.SetInput(b.label or bone if b is not None else "")
            self.boneHovered.emit(bone)
            self.request_render()

    # ------------------------------------------------------------------------- teardown
    def finalize(self) -> None:
        """Release GL resources; safe to call twice. Call from the main window's ``closeEvent``."""
        if self._finalized:
            return
        self._finalized = True
        self._anim.stop()
        self._hover_timer.stop()
        self._frame_timer.stop()
        for obj, tag in self._observers:
            obj.RemoveObserver(tag)
        self._observers.clear()
        self.vtk.request_frame = self.vtk.resized = None
        # VTK's widget observes its own interactor and window with its bound methods: a cycle through
        # VTK that only the garbage collector could free (with the Qt widget in it) unless cut here
        self.vtk._Iren.RemoveObservers("CreateTimerEvent")  # noqa: SLF001 (the stock widget's own field)
        self.vtk._Iren.RemoveObservers("DestroyTimerEvent")  # noqa: SLF001
        self.window.RemoveObservers("CursorChangedEvent")
        self.scene.close()
        self.vtk.Finalize()
        self.layout().removeWidget(self.vtk)
        self.vtk.setParent(None)
        self.vtk.deleteLater()
        self.vtk = self.window = self.scene = self._hover = None  # drop every VTK reference

    @qt_override()
    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """Finalize on close."""
        self.finalize()
        super().closeEvent(event)

