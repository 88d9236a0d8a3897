"""Issue 5 §6: a corrupt settings file, a vanished profile or a missing OpenGL never stop the window.

The window-level tests run in this process on private settings; the no-OpenGL case runs the
real app in a child process on the test's X screen with Mesa told to offer only OpenGL 2.1
(VTK needs 3.2 and used to segfault on its first render).
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings

from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS
from viewer.state import AppState

CORRUPT_SETTINGS = {
    "random bytes": bytes(range(256)) * 8 + b"\xff\xfe\x00",
    "truncated": b"[session]\nanatomy=\"{\\\"height_m\\\": 1.8",
    "wrong types": (b"[session]\nanatomy=@ByteArray(\\0garbage)\n"
                    b"thigh_angle_deg=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x12Q)\n"
                    b"camera=@Invalid()\n[General]\nrecent_files=3\n"),
    "out of range": b"[session]\nanatomy=\"{\\\"height_m\\\": 9.0}\"\nthigh_angle_deg=1e308\ncamera=sideways\n",
    "huge": b"[session]\nanatomy=" + b"x" * 3_000_000 + b"\n",
    "NUL bytes": b"\x00\x01garbage" * 50,
    "400-digit numbers": (b'[session]\nanatomy="{\\"load_kg\\": 1' + b"0" * 400 + b'}"\nthigh_angle_deg=1'
                          + b"0" * 400 + b"\n"),
    "5,000-digit numbers": (b'[session]\nanatomy="{\\"load_kg\\": 1' + b"0" * 5000 + b'}"\nthigh_angle_deg=-1'
                            + b"0" * 5000 + b"\n"),
    "empty": b"",
}


@pytest.mark.parametrize("content", CORRUPT_SETTINGS.values(), ids=CORRUPT_SETTINGS.keys())
def test_corrupt_settings_file_is_ignored_with_a_notice(make_window, tmp_path, content):
    path = tmp_path / "corrupt.ini"
    path.write_bytes(content)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    window = make_window(settings=settings)
    notices = window.restore_session()
    state = window.store.state
    assert isinstance(state, AppState) and Anatomy.from_dict(state.anatomy.to_dict()) == state.anatomy
    if content:  # something was there and could not be used: the user is told, in one status-bar line
        assert notices, "a corrupt settings file was ignored silently"
        assert window.statusBar().currentMessage() == " ".join(notices)
    else:
        assert notices == [] and state == AppState()
    # closing writes a good session over it, and the next start restores it without notices
    window.preset_actions["Deep sockets (Scottish hip)"].trigger()
    window.close()
    again = make_window(settings=QSettings(str(path), QSettings.Format.IniFormat))
    assert again.restore_session() == []
    assert again.store.state.anatomy == PRESETS["Deep sockets (Scottish hip)"].anatomy


@pytest.mark.parametrize("part", ["session", "layout", "both"])
def test_restoring_that_raises_anything_still_starts_the_window(make_window, settings, monkeypatch, part):
    """Whatever goes wrong while the last session is restored, the window starts at the defaults with one
    notice, and closing it writes a good session for the next start."""
    from viewer.ui import session
    from viewer.ui.main_window import MainWindow

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a fault nobody foresaw")

    if part in ("session", "both"):
        monkeypatch.setattr(session, "load_session", broken)
    if part in ("layout", "both"):
        monkeypatch.setattr(MainWindow, "_restore_layout", broken)
    window = make_window()
    notices = window.restore_session()
    assert window.store.state == AppState()
    assert len(notices) == (2 if part == "both" else 1)
    assert all("could not be restored (a fault nobody foresaw)" in notice for notice in notices)
    assert window.statusBar().currentMessage() == " ".join(notices)
    monkeypatch.undo()
    window.preset_actions["Stiff ankles"].trigger()
    window.close()
    again = make_window(settings=settings)
    assert again.restore_session() == []
    assert again.store.state.anatomy == PRESETS["Stiff ankles"].anatomy


def test_a_saved_session_of_huge_numbers_never_stops_the_app_from_starting(tmp_path):
    """The real app, started on a settings file whose anatomy holds 1 followed by 400 zeros (float() of it
    raises OverflowError), shows its window and replaces the bad session when it closes."""
    from robust_process import interrupt_when_shown, start_app

    ini = tmp_path / "config" / "Skelly" / "Skelly.ini"
    ini.parent.mkdir(parents=True)
    ini.write_bytes(CORRUPT_SETTINGS["400-digit numbers"])
    child = start_app(tmp_path)
    code, err = interrupt_when_shown(child)
    assert code in (0, 130), err
    assert "Traceback" not in err and "Error" not in err, err
    restored = QSettings(str(ini), QSettings.Format.IniFormat)  # the session saved on exit replaced the bad one
    assert Anatomy.from_dict(json.loads(restored.value("session/anatomy"))) == Anatomy()


@pytest.mark.parametrize("where", ["in a file's place", "a folder"])
def test_settings_that_cannot_be_saved_are_said_once_at_start_up(make_window, tmp_path, where):
    """Settings that cannot be saved are said at start-up, in the status bar, also in front of the restore
    notices (a file where the folder should be stops root as well)."""
    if where == "a folder":
        path = tmp_path / "skelly.ini"
        path.mkdir()
    else:
        (tmp_path / "config").write_text("a file, not a folder")
        path = tmp_path / "config" / "skelly.ini"
    window = make_window(settings=QSettings(str(path), QSettings.Format.IniFormat))
    notice = window.settings_notice
    assert notice is not None and str(path) in notice and "will not be remembered" in notice
    assert window.statusBar().currentMessage().startswith(notice)
    window.restore_session()
    assert window.statusBar().currentMessage().startswith(notice)
    window.store.set_depth(-30.0)
    window.close()  # nothing to save to: no crash


def test_writable_settings_give_no_notice(make_window):
    window = make_window()
    assert window.settings_notice is None and window.startup_notices() == []


def test_settings_path_that_is_a_folder_is_not_a_crash(make_window, tmp_path):
    folder = tmp_path / "skelly.ini"
    folder.mkdir()
    window = make_window(settings=QSettings(str(folder), QSettings.Format.IniFormat))
    window.restore_session()
    assert window.store.state == AppState()
    window.store.set_depth(-30.0)
    window.close()  # saving the session cannot write there: no crash, the folder is untouched
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_recent_profile_that_no_longer_exists_is_a_notice_and_leaves_the_list(make_window, settings, tmp_path,
                                                                              boxes):
    from viewer.io.profiles import save_profile

    kept = tmp_path / "kept.json"
    gone = tmp_path / "gone.json"
    save_profile(kept, PRESETS["Stiff ankles"].anatomy, name="kept")
    save_profile(gone, PRESETS["Goblet squat"].anatomy, name="gone")
    settings.setValue("recent_files", [str(gone), str(kept)])
    gone.unlink()
    window = make_window()
    window.store.set_anatomy_value("toe_out_deg", 33.0)
    before = window.store.state
    entry = next(a for a in window.files.recent_menu.actions() if a.text() == str(gone))
    entry.trigger()
    assert window.store.state == before
    assert len(boxes) == 1 and "gone.json" in boxes[0][1]
    assert [a.text() for a in window.files.recent_menu.actions()] == [str(kept)]
    next(a for a in window.files.recent_menu.actions() if a.text() == str(kept)).trigger()
    assert window.store.state.anatomy == PRESETS["Stiff ankles"].anatomy


def test_garbage_recent_files_entry_is_dropped(make_window, settings):
    settings.setValue("recent_files", [3, "", None, json.dumps({"a": 1})])
    window = make_window()
    assert [a.text() for a in window.files.recent_menu.actions()] == [json.dumps({"a": 1})]


def test_window_without_usable_opengl_shows_the_rest_and_says_why(make_window, monkeypatch):
    import viewer.io.glcheck

    monkeypatch.setattr(viewer.io.glcheck, "window_gl_problem",
                        lambda: "no usable OpenGL for the 3D view (OpenGL 2.1 found, OpenGL 3.2 needed)")
    window = make_window()
    assert not window.scene.has_view
    from PySide6.QtWidgets import QLabel

    label = window.scene.findChild(QLabel, "scene_placeholder")
    assert label is not None and "OpenGL 3.2" in label.text() and label.text().startswith("No usable OpenGL")
    # everything else works; exports of the 3D view fail with the reason instead of crashing
    window.preset_actions["Stiff ankles"].trigger()
    window.store.set_depth_fraction(1.0)
    window.flush()
    assert window.plots.isVisible() and "thigh" in window.depth_bar.readout.text()
    with pytest.raises(RuntimeError, match="OpenGL"):
        window.scene.grab_image()


def test_opengl_is_usable_here():
    from viewer.io.glcheck import window_gl_problem

    assert window_gl_problem() is None


def test_no_opengl_window_process_prints_what_is_missing_and_keeps_running(tmp_path):
    from robust_process import interrupt_when_shown, start_app

    child = start_app(tmp_path, "--no-restore", extra_env={"MESA_GL_VERSION_OVERRIDE": "2.1"})
    code, err = interrupt_when_shown(child)
    assert code in (0, 130), err
    assert "skelly: No usable OpenGL for the 3D view" in err and "3.2" in err
    assert "Traceback" not in err and "Segmentation" not in err
