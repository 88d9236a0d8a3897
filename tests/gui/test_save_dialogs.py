"""Save dialogs add the file type's suffix to a name typed without one.

A profile saved as "anna" without ".json" would be hidden by the Open dialog's filter (*.json); the
same holds for CSV, PNG and GIF exports.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog

from viewer.io.profiles import load_profile
from viewer.model.presets import PRESETS


def _type_in_save_dialog(monkeypatch, name: str) -> list[str]:
    """Make every save dialog answer as if ``name`` was typed and Save pressed; return their titles."""
    titles: list[str] = []

    def typed(self) -> int:
        titles.append(self.windowTitle())
        self.selectFile(name)
        return QFileDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", typed)
    return titles


def test_a_profile_named_without_suffix_is_saved_as_json_and_shown_by_open(window, tmp_path, monkeypatch):
    titles = _type_in_save_dialog(monkeypatch, str(tmp_path / "anna"))
    window.apply_preset("Stiff ankles")
    window.act_save.trigger()
    assert titles == ["Save profile"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == ["anna.json"]
    assert load_profile(tmp_path / "anna.json").anatomy == PRESETS["Stiff ankles"].anatomy
    # the Open dialog's filter finds it
    assert QDir(str(tmp_path)).entryList(["*.json"], QDir.Filter.Files) == ["anna.json"]


@pytest.mark.parametrize(("action", "method", "suffix"), [
    ("act_csv", "export_csv", ".csv"), ("act_png_scene", "export_scene_png", ".png"),
    ("act_png_window", "export_window_png", ".png"), ("act_gif", "export_gif", ".gif"),
])
def test_exports_named_without_suffix_get_theirs(window, tmp_path, monkeypatch, action, method, suffix):
    _type_in_save_dialog(monkeypatch, str(tmp_path / "lifter"))
    written: list[str] = []
    monkeypatch.setattr(window.files, method, lambda path: written.append(str(path)) or True)
    getattr(window, action).trigger()
    assert written == [str(tmp_path / f"lifter{suffix}")]


def test_a_name_with_its_suffix_is_kept_and_a_cancel_saves_nothing(window, tmp_path, monkeypatch):
    _type_in_save_dialog(monkeypatch, str(tmp_path / "sweep.csv"))
    written: list[str] = []
    monkeypatch.setattr(window.files, "export_csv", lambda path: written.append(str(path)) or True)
    window.act_csv.trigger()
    assert written == [str(tmp_path / "sweep.csv")]
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Rejected.value)
    window.act_csv.trigger()
    assert written == [str(tmp_path / "sweep.csv")]


def test_a_save_dialog_opens_where_the_user_last_saved_else_at_home(window, tmp_path, monkeypatch):
    from pathlib import Path

    seen: list[str] = []
    chosen = {"name": str(tmp_path / "first.json")}

    def typed(self) -> int:
        seen.append(self.directory().absolutePath())
        self.selectFile(chosen["name"])
        return QFileDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", typed)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    window.settings.remove("last_folder")
    window.act_save.trigger()  # first save: the home folder
    assert Path(seen[0]) == tmp_path / "home"
    assert (tmp_path / "first.json").is_file()
    chosen["name"] = str(tmp_path / "sweep.csv")
    window.act_csv.trigger()  # next dialog: where the profile went
    assert Path(seen[1]) == tmp_path and (tmp_path / "sweep.csv").is_file()
