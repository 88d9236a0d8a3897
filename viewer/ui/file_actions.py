"""File menu actions of the main window: profiles (open, save, recent files) and exports.

:class:`FileActions` gets what it works with when it is made: the store, the settings, the 3D view's
slot, the depth bar (an export stops playback) and the status bar; its parent, the window, is the
parent of its dialogs and the picture a window export takes. It owns the "Open recent" menu and the
name of the profile being edited (``profile_name``; ``profileNamed`` tells the window's title).
Every failure is shown (message box + status bar) and changes nothing.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QStatusBar, QWidget

from viewer.state import Store, derive
from viewer.ui import session
from viewer.ui.depth_bar import DepthBar
from viewer.ui.scene_slot import SceneSlot

#: The File menu's exports: ``export_<key>`` method → save dialog's title, default name, file types, suffix.
EXPORTS: dict[str, tuple[str, str, str, str]] = {
    "scene_png": ("Export 3D view", "skelly.png", "PNG images (*.png)", "png"),
    "window_png": ("Export window", "skelly-window.png", "PNG images (*.png)", "png"),
    "gif": ("Export squat animation", "skelly.gif", "GIF animations (*.gif);;MP4 videos (*.mp4)", "gif"),
    "csv": ("Export sweep", "skelly-sweep.csv", "CSV files (*.csv)", "csv"),
}


class FileActions(QObject):
    """Profiles and exports of the window ``parent``.

    Signals:
        profileNamed(str): the name of the profile being edited changed ("" for none).

    Attributes:
        recent_menu: the "Open recent" menu (the window puts it in its File menu).
        profile_name: the profile the anatomy came from or was last saved as ("" for none).
        last_error: the last failure's message ("" before any).
    """

    profileNamed = Signal(str)

    def __init__(self, parent: QWidget, store: Store, settings: QSettings, scene: SceneSlot, depth_bar: DepthBar,
                 status_bar: QStatusBar) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._scene = scene
        self._depth_bar = depth_bar
        self._status = status_bar
        self.profile_name = ""
        self.last_error = ""
        self.recent_menu = QMenu("Open &recent", parent)

    def _window(self) -> QWidget:
        """The window these actions belong to (not kept as an attribute: the window keeps them)."""
        return self.parent()

    def set_profile_name(self, name: str) -> None:
        """Call the anatomy ``name`` ("" for none: a slider moved, a lever was tried)."""
        if name == self.profile_name:
            return
        self.profile_name = name
        self.profileNamed.emit(name)

    def show_error(self, title: str, message: str) -> None:
        """Show ``message`` in a non-blocking message box and the status bar."""
        self.last_error = message
        self._status.showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self._window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("error_box")
        box.open()

    # --- profiles ------------------------------------------------------------------------
    def open_profile(self, path: str | os.PathLike[str]) -> bool:
        """Load the profile at ``path`` (one undo step); on failure show why and change nothing."""
        from viewer.io.profiles import ProfileError, load_profile

        try:
            profile = load_profile(path)
        except ProfileError as exc:
            self.show_error("Cannot open profile", str(exc))
            return False
        self._store.set_anatomy(profile.anatomy, profile.own_anatomy)
        self.set_profile_name(profile.name or os.path.splitext(os.path.basename(os.fspath(path)))[0])
        session.add_recent_file(self._settings, path)
        self.rebuild_recent_menu()
        self._status.showMessage(f"Opened profile “{self.profile_name}”.", 8000)
        return True

    def save_profile(self, path: str | os.PathLike[str], name: str | None = None) -> bool:
        """Save the current anatomy to ``path``; a read-only file only if the user agrees; on failure show why."""
        from viewer.io.profiles import ProfileError, save_profile

        name = name or self.profile_name or os.path.splitext(os.path.basename(os.fspath(path)))[0]
        state = self._store.state
        if not self._write(path, lambda replace: save_profile(path, state.anatomy, name=name, replace_read_only=replace,
                                                              own_anatomy=state.own_anatomy),
                           "Cannot save profile", (ProfileError,)):
            return False
        self.set_profile_name(name)
        session.add_recent_file(self._settings, path)
        self.rebuild_recent_menu()
        self._status.showMessage(f"Saved profile “{name}”.", 8000)
        return True

    def ask_open_profile(self) -> None:
        """Ask for a profile to open (File ▸ Open profile…)."""
        path, _ = QFileDialog.getOpenFileName(self._window(), "Open profile", session.last_folder(self._settings),
                                              "Skelly profiles (*.json);;All files (*)")
        if path:
            session.remember_folder(self._settings, path)
            self.open_profile(path)

    def ask_save_profile(self) -> None:
        """Ask where to save the profile (File ▸ Save profile…)."""
        path = self._ask_path("Save profile", f"{self.profile_name or 'profile'}.json", "Skelly profiles (*.json)",
                              "json")
        if path:
            self.save_profile(path)

    def ask_export(self, kind: str) -> None:
        """Ask where to write export ``kind`` (a key of :data:`EXPORTS`; File menu) and write it."""
        path = self._ask_path(*EXPORTS[kind])
        if path:
            getattr(self, f"export_{kind}")(path)

    def rebuild_recent_menu(self) -> None:
        """List the recent files as they are in the settings file now (another Skelly may have added some)."""
        self.recent_menu.clear()
        files = session.recent_files(self._settings, reread=True)
        for path in files:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _checked=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(files))

    def _open_recent(self, path: str) -> None:
        if not self.open_profile(path) and not os.path.exists(path):
            session.remove_recent_file(self._settings, path)
            self.rebuild_recent_menu()

    def confirm_replace_read_only(self, path: str | os.PathLike[str]) -> bool:
        """Ask whether to replace the read-only file ``path``; a "No" is said in the status bar."""
        name = os.path.basename(os.fspath(path))
        box = QMessageBox(QMessageBox.Icon.Question, "Replace a read-only file?",
                          f"“{name}” is read-only: its permissions protect it from changes.\n\n"
                          "Replace it anyway? It stays read-only.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self._window())
        box.setObjectName("read_only_box")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Yes.value:
            return True
        self._status.showMessage(f"Not saved: {name} is read-only and was left as it was.", 8000)
        return False

    def _write(self, path: str | os.PathLike[str], write: Callable[[bool], object], title: str,
               errors: tuple[type[Exception], ...]) -> bool:
        """Run ``write(replace_read_only)``; a read-only file (an error with ``read_only`` set) is replaced
        only if the user agrees; on one of ``errors`` show why under ``title``. Returns whether it wrote."""
        try:
            try:
                write(False)
            except errors as exc:
                if not getattr(exc, "read_only", False):
                    raise
                if not self.confirm_replace_read_only(path):
                    return False
                write(True)
        except errors as exc:
            self.show_error(title, str(exc))
            return False
        return True

    # --- exports -------------------------------------------------------------------------
    def _export(self, path: str | os.PathLike[str], write: Callable[[bool], object]) -> bool:
        """Run ``write(replace_read_only)`` as :meth:`_write` does and say what was written."""
        from viewer.io.exports import ExportError

        if not self._write(path, write, "Export failed", (ExportError, RuntimeError)):
            return False
        self._status.showMessage(f"Wrote {path}", 8000)
        return True

    def export_csv(self, path: str | os.PathLike[str]) -> bool:
        """Write the current sweep as CSV; on failure show why."""
        from viewer.io.exports import export_sweep_csv

        sweep, anatomy, name = self._store.solution.sweep, self._store.state.anatomy, self.profile_name
        return self._export(path, lambda replace: export_sweep_csv(path, sweep, anatomy, name,
                                                                   replace_read_only=replace))

    def export_scene_png(self, path: str | os.PathLike[str]) -> bool:
        """Write the 3D view as PNG; on failure show why."""
        from viewer.io.exports import export_png

        return self._export(path, lambda replace: export_png(path, self._scene.grab_image(),
                                                             replace_read_only=replace))

    def export_window_png(self, path: str | os.PathLike[str]) -> bool:
        """Write the whole window (with the 3D view composed in) as PNG; on failure show why."""
        from viewer.io.exports import export_png

        return self._export(path, lambda replace: export_png(path, self.grab_window_image(),
                                                             replace_read_only=replace))

    def grab_window_image(self) -> np.ndarray:
        """The whole window as RGB uint8 (H, W, 3), with the 3D view painted in."""
        from viewer.ui.imaging import compose_window_image

        return compose_window_image(self._window(), self._scene)

    def export_gif(self, path: str | os.PathLike[str], frames: int = 48) -> bool:
        """Write one squat cycle of the 3D view as GIF (or MP4, by the suffix) with a cancellable progress dialog.

        Each frame is written as it is rendered, so Cancel (or closing the window, or a stop signal,
        which closes it) returns after the frame being rendered and leaves no file.

        A read-only file is asked about before anything is rendered.
        """
        from viewer.io.exports import ExportCancelled, ExportError, check_writable, cycle_thigh_angles, export_animation

        replace = False
        try:
            check_writable(path)
        except ExportError as exc:
            if exc.read_only and self.confirm_replace_read_only(path):
                replace = True
            elif exc.read_only:
                return False
            else:
                self.show_error("Export failed", str(exc))
                return False
        self._depth_bar.set_playing(False)
        sweep = self._store.solution.sweep
        angles = cycle_thigh_angles(sweep, frames)
        dialog = QProgressDialog("Rendering the squat…", "Cancel", 0, len(angles), self._window())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        base = self._store.state

        first_shape: list[tuple[int, ...]] = []

        def render(angle: float) -> np.ndarray:
            state = dataclasses.replace(base, thigh_angle_deg=float(angle))
            image = self._scene.render_state_image(state, derive(state))
            if not first_shape:
                first_shape.append(image.shape)
            return _fit_frame(image, first_shape[0])  # the view may be resized while exporting

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()
            return not dialog.wasCanceled() and self._window().isVisible()  # closing the window cancels

        try:
            export_animation(path, render, angles, progress=progress, replace_read_only=replace)
        except ExportCancelled:
            self._status.showMessage("Export cancelled; nothing written.", 8000)
            return False
        except (ExportError, RuntimeError) as exc:
            self.show_error("Export failed", str(exc))
            return False
        finally:
            dialog.close()
            dialog.deleteLater()
            self._scene.apply(self._store.state, self._store.solution)
        self._status.showMessage(f"Wrote {path}", 8000)
        return True

    def _ask_path(self, title: str, default: str, filters: str, suffix: str) -> str:
        """The file to save to, from a save dialog ("" when cancelled). A name typed without a suffix
        gets ``suffix`` ("anna" → "anna.json"), so that the Open dialog's filter shows the file; the
        dialog asks about replacing an existing file under that full name."""
        # opens where they last saved
        dialog = QFileDialog(self._window(), title, session.last_folder(self._settings), filters)
        dialog.setObjectName("save_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        # with several types to choose from, a bare name gets the chosen type's suffix
        dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(
            chosen.split("(*.", 1)[-1].split(")", 1)[0].split()[0] if "(*." in chosen else suffix))
        dialog.selectFile(default)
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted.value:
                return ""
            files = dialog.selectedFiles()
            if files:
                session.remember_folder(self._settings, files[0])
            return files[0] if files else ""
        finally:
            dialog.deleteLater()


def _fit_frame(image: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``image`` cropped or padded (with its corner colour) to ``shape``, centred."""
    if image.shape == shape:
        return image
    out = np.empty(shape, dtype=image.dtype)
    out[...] = image[0, 0]
    h, w = min(shape[0], image.shape[0]), min(shape[1], image.shape[1])
    oy, ox = (shape[0] - h) // 2, (shape[1] - w) // 2
    iy, ix = (image.shape[0] - h) // 2, (image.shape[1] - w) // 2
    out[oy:oy + h, ox:ox + w] = image[iy:iy + h, ix:ix + w]
    return out
