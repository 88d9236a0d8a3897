"""File ▸ Export window PNG on scaled screens (``QT_SCALE_FACTOR`` 1, 1.5, 2), each in a child process.

The 3D view's image is in device pixels: painted in logical units it lands at twice its place and size
(at scale 2 over the plots, leaving its own area black).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_window_png_has_the_3d_view_in_its_place_at_every_screen_scale(tmp_path, scale):
    env = dict(os.environ, QT_SCALE_FACTOR=scale, XDG_CONFIG_HOME=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("robust_window_png.py")),
                             str(tmp_path / "settings.ini")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ratio"] == pytest.approx(float(scale))
    assert report["composed"] == report["plain"]  # the window at full (device) resolution
    assert report["view_std"] > 5  # the 3D view really rendered
    assert report["inside_differs"] == pytest.approx(0.0, abs=0.5), report  # the 3D image, in its place
    assert report["outside_differs"] == pytest.approx(0.0, abs=0.5), report  # the plots and the rest untouched
