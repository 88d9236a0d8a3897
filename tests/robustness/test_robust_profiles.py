"""Issue 5 §2: no profile file crashes Skelly or changes anything, in the window as on disk.

``tests/io/test_profile_files.py`` covers each bad file in ``load_profile`` (one-line
``ProfileError`` naming the file), migration and atomic saving; ``tests/cli`` the exit status 2.
Here: every one of those files opened **through the window** (File ▸ Open with the dialog
answered, and File ▸ Open recent) shows exactly one message box naming the file and changes
nothing (state, undo history, title, recent files); a failed save through the window keeps the
old profile byte for byte; and a fuzzer mutating valid profiles never gets anything but a valid
profile or a ``ProfileError`` out of ``load_profile``.
"""

from __future__ import annotations

import builtins
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.io.profiles import (
    MAX_PROFILE_BYTES,
    SCHEMA_VERSION,
    ProfileError,
    dumps_profile,
    load_profile,
    save_profile,
)
from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS

GOOD = json.loads(dumps_profile(PRESETS["Stiff ankles"].anatomy, "stiff"))


def _with(**changes) -> bytes:
    data = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if key in data:
            data[key] = value
        else:
            data["anatomy"][key] = value
    return json.dumps(data).encode()


BAD_FILES: dict[str, bytes | None] = {
    "truncated": dumps_profile(Anatomy(), "t").encode()[:40],
    "invalid JSON": b'{"format": "skelly-profile", schema_version: 1}',
    "JSON array": b"[1, 2, 3]",
    "JSON string": b'"profile"',
    "wrong type": _with(ankle_dorsiflexion_deg="forty"),
    "out of range": _with(height_m=3.5),
    "NaN": dumps_profile(Anatomy(), "n").replace('"height_m": 1.75', '"height_m": NaN').encode(),
    "unknown key": _with(shoe_size_eu=44),
    "future version": _with(schema_version=99),
    "400-digit load": _with(load_kg=10**400),
    "5,000-digit load": dumps_profile(Anatomy(), "d").replace('"load_kg": 0.0', '"load_kg": 1' + "0" * 5000).encode(),
    "5,000-digit version": dumps_profile(Anatomy(), "v").replace(f'"schema_version": {SCHEMA_VERSION}',
                                                                 '"schema_version": 1' + "0" * 5000).encode(),
    "other format": _with(format="something-else"),
    "huge": dumps_profile(Anatomy(), "h").encode() + b" " * (MAX_PROFILE_BYTES + 10),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "not UTF-8": dumps_profile(Anatomy(), "José").encode("latin-1"),
    "empty": b"",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "missing": None,
    "folder": b"<dir>",
    "unreadable": b"<unreadable>",
}


def _make_bad(tmp_path: Path, kind: str, monkeypatch) -> Path:
    path = tmp_path / f"{kind.replace(' ', '_')}.json"
    content = BAD_FILES[kind]
    if content is None:
        return path
    if content == b"<dir>":
        path.mkdir()
        return path
    if content == b"<unreadable>":  # chmod does not stop root: refuse the open instead
        save_profile(path, Anatomy(), "secret")
        real_open = builtins.open

        def no_read(file, *args, **kwargs):
            if isinstance(file, (str, Path)) and Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", no_read)
        return path
    path.write_bytes(content)
    return path


def _snapshot(window) -> tuple:
    return (window.store.state, window.store.can_undo, window.store.can_redo, window.windowTitle(),
            window.files.profile_name, [a.text() for a in window.files.recent_menu.actions()])


@pytest.mark.parametrize("kind", BAD_FILES, ids=list(BAD_FILES))
def test_bad_profile_through_file_open_shows_one_message_and_changes_nothing(shared_window, tmp_path, boxes,
                                                                            monkeypatch, kind):
    from PySide6.QtWidgets import QFileDialog

    window = shared_window
    window.preset_actions["Deep sockets (Scottish hip)"].trigger()
    window.store.set_anatomy_value("toe_out_deg", 31.0)
    window.flush()
    before = _snapshot(window)
    path = _make_bad(tmp_path, kind, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Skelly profiles (*.json)"))
    window.act_open.trigger()
    window.flush()
    assert len(boxes) == 1, boxes
    title, text = boxes[0]
    assert title == "Cannot open profile" and path.name in text and "\n" not in text
    assert _snapshot(window) == before


@pytest.mark.parametrize("kind", ["truncated", "future version", "binary", "missing"])
def test_bad_profile_through_open_recent(make_window, settings, tmp_path, boxes, monkeypatch, kind):
    path = _make_bad(tmp_path, kind, monkeypatch)
    settings.setValue("recent_files", [str(path)])
    window = make_window()
    before = window.store.state
    window.files.recent_menu.actions()[0].trigger()
    assert len(boxes) == 1 and path.name in boxes[0][1]
    assert window.store.state == before


def test_good_profile_after_bad_ones_still_opens(shared_window, tmp_path, boxes, monkeypatch):
    window = shared_window
    for kind in ("truncated", "binary", "future version"):
        window.files.open_profile(_make_bad(tmp_path, kind, monkeypatch))
    good = save_profile(tmp_path / "good.json", PRESETS["Goblet squat"].anatomy, "good")
    assert window.files.open_profile(good)
    assert window.store.state.anatomy == PRESETS["Goblet squat"].anatomy
    assert len(boxes) == 3


@pytest.mark.parametrize("fault", ["disk full mid-write", "interrupted mid-write", "folder in the way"])
def test_failed_save_through_the_window_keeps_the_old_profile(shared_window, tmp_path, boxes, monkeypatch, fault):
    path = save_profile(tmp_path / "lifter.json", PRESETS["Stiff ankles"].anatomy, "old")
    old = path.read_bytes()
    window = shared_window
    window.preset_actions["Goblet squat"].trigger()
    if fault == "folder in the way":
        path = tmp_path / "folder.json"
        path.mkdir()
    else:
        error = OSError(28, "No space left on device") if fault == "disk full mid-write" else OSError(5, "I/O error")

        def half_then_fail(handle, data):
            handle.write(data[: len(data) // 2])
            handle.flush()
            raise error

        monkeypatch.setattr("viewer.io.atomic._write_all", half_then_fail)
    assert window.files.save_profile(path) is False
    assert len(boxes) == 1 and boxes[0][0] == "Cannot save profile" and path.name in boxes[0][1]
    if fault != "folder in the way":
        assert path.read_bytes() == old  # the old profile is intact
        assert load_profile(path).name == "old"
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []


# ----------------------------------------------------------------------------- fuzzing the loader
def _mutations():
    text = dumps_profile(PRESETS["Stiff ankles"].anatomy, "stiff")
    raw = text.encode()
    json_values = st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
                               lambda inner: st.lists(inner, max_size=3)
                               | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
    cut = st.integers(0, len(raw)).map(lambda i: raw[:i])
    flip = st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)).map(
        lambda t: raw[:t[0]] + bytes([t[1]]) + raw[t[0] + 1:])
    names = list(GOOD["anatomy"]) + ["format", "schema_version", "name", "anatomy"]

    def replace(pair):
        key, value = pair
        data = json.loads(text)
        (data if key in data else data["anatomy"])[key] = value
        return json.dumps(data, allow_nan=True).encode()

    swapped = st.tuples(st.sampled_from(names), json_values).map(replace)
    return st.one_of(cut, flip, swapped, st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_mutations())
def test_mutated_profiles_load_or_fail_with_a_profile_error(tmp_path, content):
    path = tmp_path / "fuzz.json"
    path.write_bytes(content)
    try:
        profile = load_profile(path)
    except ProfileError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message
        return
    assert Anatomy.from_dict(profile.anatomy.to_dict()) == profile.anatomy  # a valid anatomy, nothing else


# ----------------------------------------------------------------------------- what the user protected
def _answer(monkeypatch, yes: bool) -> list[str]:
    """Answer every question box with Yes or No; return the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    def answer(self) -> int:
        asked.append(self.text())
        return button.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return asked


@pytest.mark.parametrize("yes", [False, True], ids=["No", "Yes"])
def test_saving_over_a_read_only_profile_asks_first(shared_window, tmp_path, boxes, monkeypatch, yes):
    """Permissions are checked by Skelly from the file's bits, so this holds when the tests run as root."""
    path = save_profile(tmp_path / "anna.json", PRESETS["Stiff ankles"].anatomy, "anna")
    path.chmod(0o444)
    old = path.read_bytes()
    window = shared_window
    window.preset_actions["Goblet squat"].trigger()
    asked = _answer(monkeypatch, yes)
    assert window.files.save_profile(path) is yes
    assert len(asked) == 1 and "“anna.json” is read-only" in asked[0]
    assert boxes == []  # a question, not an error
    if yes:
        assert load_profile(path).anatomy == PRESETS["Goblet squat"].anatomy
        assert (path.stat().st_mode & 0o777) == 0o444  # it stays read-only
    else:
        assert path.read_bytes() == old
        assert "Not saved: anna.json is read-only" in window.statusBar().currentMessage()
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


@pytest.mark.parametrize("yes", [False, True], ids=["No", "Yes"])
def test_exporting_over_a_read_only_csv_asks_first(shared_window, tmp_path, boxes, monkeypatch, yes):
    path = tmp_path / "sweep.csv"
    path.write_text("the user's own notes\n")
    path.chmod(0o444)
    window = shared_window
    asked = _answer(monkeypatch, yes)
    assert window.files.export_csv(path) is yes
    assert len(asked) == 1 and boxes == []
    assert path.read_text().startswith("# Skelly") if yes else path.read_text() == "the user's own notes\n"
    assert (path.stat().st_mode & 0o777) == 0o444


def test_saving_a_hard_linked_profile_through_the_window_keeps_its_other_name(shared_window, tmp_path, boxes):
    path = save_profile(tmp_path / "anna.json", PRESETS["Stiff ankles"].anatomy, "anna")
    other = tmp_path / "coach" / "anna.json"
    other.parent.mkdir()
    os.link(path, other)
    window = shared_window
    window.preset_actions["Goblet squat"].trigger()
    assert window.files.save_profile(path)
    assert load_profile(other).anatomy == PRESETS["Goblet squat"].anatomy and boxes == []


def test_a_save_into_a_read_only_folder_says_why_in_words(shared_window, tmp_path, boxes):
    folder = tmp_path / "handouts"
    folder.mkdir()
    folder.chmod(0o555)
    window = shared_window
    try:
        assert window.files.save_profile(folder / "anna.json") is False
    finally:
        folder.chmod(0o755)
    assert len(boxes) == 1
    assert f'the folder "{folder}" is read-only for you, so no new file can be made in it' in boxes[0][1]
    assert list(folder.iterdir()) == []
