"""Headless snapshots through the real solver: render_png, OffscreenRenderer, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.anatomy import Anatomy
from viewer.render.snapshot import OffscreenRenderer, render_png
from viewer.state import AppState


def test_render_png_writes_a_picture_of_the_skeleton(tmp_path):
    import imageio.v3 as iio

    path = render_png(AppState(Anatomy(), -90.0), tmp_path / "stand.png", size=(320, 200))
    img = iio.imread(path)
    assert img.shape[:2] == (200, 320)
    fg = np.abs(img[..., :3].astype(int) - img[:, :1, :3].astype(int)).sum(axis=2) > 40
    rows = np.nonzero(fg)[0]
    assert rows.size > 500 and rows.min() < 0.2 * 200  # a standing figure reaching near the top


def test_offscreen_renderer_follows_depth_and_clamps_to_the_reachable_range(standin_bones):
    a = Anatomy()
    with OffscreenRenderer(a, size=(160, 100), bones=standin_bones) as r:
        r.show(-90.0)
        top = r.scene.pose.joints["mid_hip"][1]
        r.show(500.0)  # far below anything reachable: clamped to the deepest pose
        assert r.scene.pose.thigh_angle_deg == pytest.approx(float(r.sweep.thigh_angle_deg[-1]))
        assert r.scene.pose.joints["mid_hip"][1] < top - 0.3
        assert r.render(-60.0).shape == (100, 160, 3)


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown camera 'ceiling'"):
        OffscreenRenderer(Anatomy(), camera="ceiling")
    with pytest.raises(ValueError, match="outside 16–8192"):
        OffscreenRenderer(Anatomy(), size=(4, 4))
    with pytest.raises(TypeError, match="AppState"):
        render_png(object(), tmp_path / "x.png")
