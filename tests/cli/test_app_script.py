"""scripts/app.sh runs in the folder it is called from: relative paths are the user's."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from viewer.io.profiles import load_profile, save_profile
from viewer.model import Anatomy

ROOT = Path(__file__).resolve().parents[2]


def test_relative_profile_and_output_paths_are_read_and_written_where_the_user_is(tmp_path):
    save_profile(tmp_path / "me.json", Anatomy(ankle_dorsiflexion_deg=20.0), name="me")
    assert load_profile(tmp_path / "me.json").anatomy.ankle_dorsiflexion_deg == 20.0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "app.sh"), "--profile", "me.json",
                             "--sweep-csv", "me.csv"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "me.csv"
    assert written.is_file() and not (ROOT / "me.csv").exists()
    assert "# anatomy.ankle_dorsiflexion_deg: 20" in written.read_text()  # the profile in this folder was read


def test_first_run_set_up_messages_stay_off_standard_output(tmp_path):
    # `app.sh --sweep-csv - | head` on a first run: the CSV alone reaches the pipe
    (tmp_path / "scripts").mkdir()
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / "scripts" / "app.sh").write_text((ROOT / "scripts" / "app.sh").read_text())
    (tmp_path / "scripts" / "setup.sh").write_text('echo "skelly setup: creating .venv"\n')
    python = tmp_path / ".venv" / "bin" / "python"
    python.write_text('#!/bin/sh\necho "time,thigh_angle_deg"\n')
    python.chmod(0o755)
    result = subprocess.run(["bash", str(tmp_path / "scripts" / "app.sh"), "--sweep-csv", "-"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "time,thigh_angle_deg\n"
    assert "skelly setup: creating .venv" in result.stderr
