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
