"""Last session and recent files, kept in ``QSettings``.

Everything read back is validated; a corrupt or foreign value is ignored and reported as
a notice (one line for the status bar), never raised.
"""

from __future__ import annotations

import dataclasses
import json
import os

from PySide6.QtCore import QByteArray, QSettings

from viewer.model.anatomy import Anatomy
from viewer.model.uncertain_anatomy import PROFILE_KEY, from_profile_section, to_profile_section
from viewer.state import CAMERAS, AppState

ORGANISATION = "Skelly"
APPLICATION = "Skelly"
MAX_RECENT = 8
_KEY_ANATOMY = "session/anatomy"
_KEY_DEPTH = "session/thigh_angle_deg"
_KEY_CAMERA = "session/camera"
_KEY_OWN_ANATOMY = "session/own_anatomy"
_KEY_RECENT = "recent_files"
_KEY_LAST_FOLDER = "last_folder"
_KEY_GEOMETRY = "window/geometry"
_KEY_SPLITTER = "window/splitter"


def default_settings() -> QSettings:
    """The user's settings (INI file in the platform's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def settings_problem(settings: QSettings) -> str | None:
    """One line for the status bar when ``settings`` cannot be saved (a read-only file or folder, a
    folder in the file's place); None when they can."""
    try:
        if settings.isWritable():
            return None
    except Exception:  # noqa: BLE001 - a settings file must never stop the app
        pass
    return (f"Settings cannot be saved to {settings.fileName()}: this session, the recent files and the "
            "window layout will not be remembered.")


def save_session(settings: QSettings, state: AppState) -> None:
    """Remember the anatomy, depth and camera of ``state``, and its "Find my anatomy" results."""
    settings.setValue(_KEY_ANATOMY, json.dumps(state.anatomy.to_dict()))
    if state.own_anatomy is None:
        settings.remove(_KEY_OWN_ANATOMY)
    else:
        settings.setValue(_KEY_OWN_ANATOMY, json.dumps(to_profile_section(state.own_anatomy)[PROFILE_KEY]))
    settings.setValue(_KEY_DEPTH, float(state.thigh_angle_deg))
    settings.setValue(_KEY_CAMERA, state.camera)
    settings.sync()


def load_session(settings: QSettings, base: AppState | None = None) -> tuple[AppState, list[str]]:
    """The remembered state on top of ``base`` (default ``AppState()``) and the notices.

    Each value that cannot be read is left at ``base``'s value and adds one notice.
    """
    state = base if base is not None else AppState()
    notices: list[str] = []
    raw = settings.value(_KEY_ANATOMY)
    if raw is not None:
        try:
            if not isinstance(raw, str):
                raise TypeError("not text")
            anatomy = Anatomy.from_dict(json.loads(raw))
            state = dataclasses.replace(state, anatomy=anatomy)
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            notices.append(f"Last session's anatomy could not be restored ({short_error(exc)}); using defaults.")
    raw = settings.value(_KEY_OWN_ANATOMY)
    if raw is not None:
        try:
            if not isinstance(raw, str):
                raise TypeError("not text")
            own = from_profile_section(json.loads(raw), state.anatomy)
            state = dataclasses.replace(state, own_anatomy=own)
        except (ValueError, TypeError, AttributeError, ArithmeticError, RecursionError) as exc:
            notices.append(f"Last session's test results could not be restored ({short_error(exc)}); "
                           "no ranges are shown.")
    raw = settings.value(_KEY_DEPTH)
    if raw is not None:
        try:
            state = dataclasses.replace(state, thigh_angle_deg=float(raw))
        except (ValueError, TypeError, OverflowError) as exc:
            notices.append(f"Last session's depth could not be restored ({short_error(exc)}).")
    raw = settings.value(_KEY_CAMERA)
    if raw is not None:
        if isinstance(raw, str) and raw in CAMERAS:
            state = dataclasses.replace(state, camera=raw)
        else:
            notices.append("Last session's camera could not be restored.")
    settings.allKeys()  # parses the whole file, so that a format error shows in status()
    if settings.status() == QSettings.Status.FormatError:  # e.g. a settings file of binary junk
        notices.append(f"The settings file {settings.fileName()} could not be read; it will be rewritten.")
    return state, notices


def save_layout(settings: QSettings, geometry: QByteArray, splitter: QByteArray) -> None:
    """Remember the window's geometry (``QWidget.saveGeometry``) and its 3D view / plots split."""
    settings.setValue(_KEY_GEOMETRY, geometry)
    settings.setValue(_KEY_SPLITTER, splitter)
    settings.sync()


def load_layout(settings: QSettings) -> tuple[QByteArray | None, QByteArray | None]:
    """The remembered window geometry and split: ``None`` when absent, an empty ``QByteArray`` when
    the value is not one (``restoreGeometry``/``restoreState`` then refuse it, and the window says so)."""
    out = []
    for key in (_KEY_GEOMETRY, _KEY_SPLITTER):
        raw = settings.value(key)
        out.append(raw if raw is None or isinstance(raw, QByteArray) else QByteArray())
    return out[0], out[1]


def last_folder(settings: QSettings) -> str:
    """The folder the user last saved to or opened from, if it still exists; else their home folder."""
    value = settings.value(_KEY_LAST_FOLDER, "")
    if isinstance(value, str) and value and os.path.isdir(value):
        return value
    return os.path.expanduser("~")


def remember_folder(settings: QSettings, path: str | os.PathLike[str]) -> None:
    """Remember the folder of ``path`` (a file just saved or opened) for the next file dialog."""
    settings.setValue(_KEY_LAST_FOLDER, os.path.dirname(os.path.abspath(os.fspath(path))))


def recent_files(settings: QSettings, *, reread: bool = False) -> list[str]:
    """Recently used profile paths, newest first (invalid entries dropped; an unreadable value: none).

    ``reread``: first read the settings file again, for what another running Skelly wrote since.
    """
    try:
        if reread:
            settings.sync()
        raw = settings.value(_KEY_RECENT)
    except Exception:  # noqa: BLE001 - a settings file must never stop the app
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return []
    return [p for p in raw if isinstance(p, str) and p][:MAX_RECENT]


def add_recent_file(settings: QSettings, path: str | os.PathLike[str]) -> list[str]:
    """Put ``path`` first in the recent files, written at once; return the new list.

    Two Skelly windows (two processes) share one settings file. Each change is made to the list in
    the file as it is now (read again first) and written at once, so neither window's additions are
    lost when the other one saves or closes.
    """
    text = os.path.abspath(os.fspath(path))
    files = [text] + [p for p in recent_files(settings, reread=True) if p != text]
    return _write_recent(settings, files[:MAX_RECENT])


def remove_recent_file(settings: QSettings, path: str) -> list[str]:
    """Drop ``path`` from the recent files (e.g. it no longer opens), written at once; return the new list."""
    return _write_recent(settings, [p for p in recent_files(settings, reread=True) if p != path])


def _write_recent(settings: QSettings, files: list[str]) -> list[str]:
    settings.setValue(_KEY_RECENT, files)
    settings.sync()
    return files


def short_error(exc: BaseException) -> str:
    """``exc`` as at most 120 characters for a status-bar notice (its type's name when it has no text)."""
    try:
        text = str(exc) or type(exc).__name__
    except Exception:  # noqa: BLE001 - an exception whose text cannot be made
        text = type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"
