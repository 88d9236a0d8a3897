"""Recent files shared by two running Skellys: neither loses the other's additions.

Two windows of one process share Qt's in-memory copy of a settings file, so the other Skelly here is
a child process writing the same file, as a second app would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from viewer.io.profiles import save_profile
from viewer.model.presets import PRESETS
from viewer.ui import session

ROOT = Path(__file__).parents[2]


def _other_skelly_adds(ini: Path, profile: Path) -> None:
    """Another Skelly process opens ``profile`` (adds it to the recent files in ``ini``) and quits."""
    code = ("import sys\nfrom PySide6.QtCore import QSettings\nfrom viewer.ui import session\n"
            "settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
            "session.add_recent_file(settings, sys.argv[2])\nsettings.sync()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code, str(ini), str(profile)], cwd=ROOT, env=env, check=True, timeout=60)


def test_two_skellys_keep_each_others_recent_files(make_window, settings, tmp_path):
    ini = Path(settings.fileName())
    mine, theirs, later = (tmp_path / f"{name}.json" for name in ("mine", "theirs", "later"))
    for path in (mine, theirs, later):
        save_profile(path, PRESETS["Stiff ankles"].anatomy, path.stem)
    window = make_window()
    assert window.files.open_profile(mine)
    _other_skelly_adds(ini, theirs)  # while this window is open
    window.file_menu.aboutToShow.emit()  # opening the File menu lists the other Skelly's file too
    assert [a.text() for a in window.files.recent_menu.actions()] == [str(theirs), str(mine)]
    assert window.files.save_profile(later)
    assert session.recent_files(settings) == [str(later), str(theirs), str(mine)]
    window.close()  # closing writes the session: the list in the file keeps every addition
    on_disk = QSettings(str(ini), QSettings.Format.IniFormat)
    assert session.recent_files(on_disk) == [str(later), str(theirs), str(mine)]


def test_an_addition_of_the_other_skelly_after_ours_survives_our_close(make_window, settings, tmp_path):
    ini = Path(settings.fileName())
    mine, theirs = tmp_path / "mine.json", tmp_path / "theirs.json"
    for path in (mine, theirs):
        save_profile(path, PRESETS["Goblet squat"].anatomy, path.stem)
    window = make_window()
    assert window.files.save_profile(mine)
    _other_skelly_adds(ini, theirs)
    window.close()
    on_disk = QSettings(str(ini), QSettings.Format.IniFormat)
    assert session.recent_files(on_disk) == [str(theirs), str(mine)]


def test_a_recent_list_that_cannot_be_read_is_empty(monkeypatch, settings):
    def broken(*_args, **_kwargs):
        raise RuntimeError("unreadable")

    monkeypatch.setattr(settings, "value", broken)
    assert session.recent_files(settings) == []
