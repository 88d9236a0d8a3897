"""Exports: CSV equals the sweep, PNG/GIF are decodable, cancel/failure leave no partial file."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest

from viewer.io import exports
from viewer.io.exports import (
    ExportCancelled,
    ExportError,
    cycle_thigh_angles,
    export_animation,
    export_png,
    export_sweep_csv,
    sweep_csv_text,
)
from viewer.model.anatomy import Anatomy
from viewer.model.pose import JOINT_NAMES, LUMBAR_LEVELS, MUSCLE_NAMES


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _read_csv(path: Path) -> tuple[dict[str, str], dict[str, np.ndarray]]:
    """Parse the export as documented: '# key: value' header lines, then a plain CSV table."""
    text = path.read_text(encoding="utf-8")
    header = {}
    body = []
    for line in text.splitlines():
        if line.startswith("# "):
            if ": " in line:
                key, value = line[2:].split(": ", 1)
                header[key] = value
        else:
            body.append(line)
    rows = list(csv.reader(body))
    names, data = rows[0], rows[1:]
    table = {}
    for i, name in enumerate(names):
        cells = [r[i] for r in data]
        table[name] = np.array(cells) if name == "limits" else np.array([float(c) for c in cells])
    return header, table


def test_csv_values_equal_the_sweep(tmp_path, synthetic_sweep):
    sweep = synthetic_sweep
    anatomy = Anatomy(ankle_dorsiflexion_deg=22.0)
    path = export_sweep_csv(tmp_path / "sweep.csv", sweep, anatomy, name="Stiff ankles")
    header, table = _read_csv(path)
    assert len(table["thigh_angle_deg"]) == len(sweep.thigh_angle_deg)
    for name in ("thigh_angle_deg", "knee_flexion_deg", "hip_flexion_deg", "pelvic_tilt_deg",
                 "lumbar_flexion_deg", "trunk_lean_deg", "com_x_m", "hip_stop_margin_deg", "foot_tilt_deg"):
        np.testing.assert_array_equal(table[name], getattr(sweep, name))  # shortest repr is exact
    for i, level in enumerate(LUMBAR_LEVELS):
        column = "lumbar_" + level.replace("-", "_") + "_flexion_deg"
        np.testing.assert_array_equal(table[column], sweep.lumbar_levels_deg[:, i])
    for joint in JOINT_NAMES:
        for axis, letter in enumerate("xyz"):
            np.testing.assert_array_equal(table[f"joint_{joint}_{letter}_m"], sweep.joints[joint][:, axis])
    for muscle in MUSCLE_NAMES:
        np.testing.assert_array_equal(table[f"muscle_{muscle}_length_ratio"], sweep.muscles[muscle])
    np.testing.assert_array_equal(table["rim_contact_r_z_m"], sweep.rim_contact["r"][:, 2])
    np.testing.assert_array_equal(table["balanced"].astype(bool), sweep.balanced)
    assert header["profile_name"] == "Stiff ankles"
    assert header["anatomy.ankle_dorsiflexion_deg"] == "22.0"
    assert header["tuck_onset.thigh_angle_deg"] == "-8.25"
    assert header["tuck_onset.knee_flexion_deg"] == "104.5"
    assert header["rounding_onset"] == "none"
    assert header["deepest_limited_by"] == "lumbar"


def test_csv_limits_column(synthetic_sweep):
    lines = [line for line in sweep_csv_text(synthetic_sweep).splitlines() if not line.startswith("#")]
    names = lines[0].split(",")
    col = names.index("limits")
    assert lines[1].split(",")[col] == ""
    assert lines[-1].split(",")[col] == "ankle;hip_stop"  # LIMIT_NAMES order


def test_csv_every_column_has_a_unit_or_is_a_flag(synthetic_sweep):
    names = [line for line in sweep_csv_text(synthetic_sweep).splitlines() if not line.startswith("#")][0]
    for name in names.split(","):
        assert name in ("balanced", "limits") or name.endswith(("_deg", "_m", "_cm", "_pct_leg", "_pct",
                                                                               "_length_ratio")), name


def test_csv_to_missing_folder_leaves_nothing(tmp_path, synthetic_sweep):
    with pytest.raises(ExportError) as info:
        export_sweep_csv(tmp_path / "missing" / "s.csv", synthetic_sweep)
    assert "does not exist" in str(info.value) and "s.csv" in str(info.value)
    assert _files(tmp_path) == []


def test_csv_disk_full_leaves_old_file(tmp_path, synthetic_sweep, monkeypatch):
    path = tmp_path / "s.csv"
    path.write_text("old\n")

    def full(handle, data):
        handle.write(data[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("viewer.io.atomic._write_all", full)
    with pytest.raises(ExportError, match="disk is full"):
        export_sweep_csv(path, synthetic_sweep)
    assert path.read_text() == "old\n"
    assert _files(tmp_path) == ["s.csv"]


def test_png_round_trip(tmp_path):
    image = np.random.default_rng(1).integers(0, 256, (40, 60, 3), dtype=np.uint8)
    path = export_png(tmp_path / "a.png", image)
    np.testing.assert_array_equal(iio.imread(path), image)
    assert _files(tmp_path) == ["a.png"]


def test_png_rejects_non_image(tmp_path):
    with pytest.raises(ValueError, match="RGB"):
        export_png(tmp_path / "a.png", np.zeros((4, 4)))
    assert _files(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_png_into_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            export_png(folder / "a.png", np.zeros((4, 4, 3), np.uint8))
    finally:
        folder.chmod(0o700)


def test_cycle_goes_down_and_up(synthetic_sweep):
    angles = cycle_thigh_angles(synthetic_sweep, 40)
    assert angles.shape == (40,)
    assert angles[0] == pytest.approx(synthetic_sweep.thigh_angle_deg[0])
    assert angles[20] == pytest.approx(synthetic_sweep.thigh_angle_deg[-1])
    assert np.all(np.diff(angles[:21]) > 0) and np.all(np.diff(angles[20:]) < 0)
    assert angles[-1] < angles[0] + 0.1 * (angles[20] - angles[0])  # back near standing


def _renderer(calls: list[float]):
    def render(angle: float) -> np.ndarray:
        calls.append(angle)
        frame = np.zeros((24, 32, 3), np.uint8)
        frame[:, : 1 + int(abs(angle)) % 32] = (230, 220, 200)
        return frame
    return render


def test_gif_has_one_frame_per_angle(tmp_path):
    calls: list[float] = []
    seen: list[tuple[int, int]] = []
    angles = [-90.0, -60.0, -30.0, -10.0, -30.0, -60.0]
    path = export_animation(tmp_path / "c.gif", _renderer(calls), angles, fps=10,
                            progress=lambda d, t: seen.append((d, t)) or True)
    frames = iio.imread(path, index=None)
    assert frames.shape[0] == len(angles) and frames.shape[1:3] == (24, 32)
    assert calls == angles
    assert seen == [(i, len(angles)) for i in range(len(angles) + 1)]
    assert iio.immeta(path)["duration"] == 100
    assert _files(tmp_path) == ["c.gif"]


def test_gif_cancel_leaves_no_file(tmp_path):
    path = tmp_path / "c.gif"
    path.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        export_animation(path, _renderer([]), [-90.0, -45.0, 0.0, -45.0], progress=lambda d, t: d < 2)
    assert path.read_bytes() == b"old"
    assert _files(tmp_path) == ["c.gif"]


def test_gif_render_failure_leaves_no_file(tmp_path):
    def broken(angle: float) -> np.ndarray:
        if angle > -50:
            raise RuntimeError("GL context lost")
        return np.zeros((8, 8, 3), np.uint8)

    with pytest.raises(RuntimeError, match="GL context lost"):
        export_animation(tmp_path / "c.gif", broken, [-90.0, -60.0, -30.0])
    assert _files(tmp_path) == []


def test_gif_keyboard_interrupt_leaves_no_file(tmp_path):
    def interrupted(angle: float) -> np.ndarray:
        if angle > -50:
            raise KeyboardInterrupt
        return np.zeros((8, 8, 3), np.uint8)

    with pytest.raises(KeyboardInterrupt):
        export_animation(tmp_path / "c.gif", interrupted, [-90.0, -60.0, -30.0])
    assert _files(tmp_path) == []


def test_unsupported_animation_suffix(tmp_path):
    with pytest.raises(ExportError, match="unsupported animation type"):
        export_animation(tmp_path / "c.avi", _renderer([]), [-90.0])


def test_mp4_without_ffmpeg_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "mp4_available", lambda: False)
    with pytest.raises(ExportError, match="imageio-ffmpeg"):
        export_animation(tmp_path / "c.mp4", _renderer([]), [-90.0])
    assert _files(tmp_path) == []


def test_csv_columns_match_the_sweep_fields_exactly(synthetic_sweep):
    """Every per-depth field is written once; the (N, J, 3) duplicate ``joints_stack`` is not."""
    import dataclasses

    stack = np.stack([synthetic_sweep.joints[k] for k in JOINT_NAMES], axis=1)
    sweep = dataclasses.replace(synthetic_sweep, joints_stack=stack)
    names = [c for c, _ in exports.sweep_columns(sweep)]
    assert len(names) == len(set(names))
    # scalars (14 measured + 4 derived: tuck, hip needed, lumbar curve, lumbar added; 13 left ≠ right),
    # levels, flags, …
    expected = 18 + 13 + 5 + 2 + 3 * len(JOINT_NAMES) + 6 + len(MUSCLE_NAMES)
    assert len(names) == expected
    assert {"pelvic_shift_cm", "pelvic_rotation_deg", "pelvic_obliquity_deg", "foot_load_l_pct",
            "foot_load_r_pct", "hip_stop_margin_l_deg", "hip_stop_margin_r_deg"} <= set(names)


def test_csv_of_an_asymmetric_lifter_names_each_hips_stop_and_the_first_side():
    from viewer.model import Anatomy, sweep
    anatomy = Anatomy(femoral_anteversion_right_deg=-8.0)
    text = exports.sweep_csv_text(sweep(anatomy), anatomy, "one retroverted hip")
    lines = text.splitlines()
    assert "# first_stop_side: r" in lines
    assert "# anatomy.femoral_anteversion_right_deg: -8.0" in lines
    assert not any(line.startswith("# anatomy.femoral_anteversion_left_deg") for line in lines)
    assert any(line.startswith("# hip_stop_onset_r.thigh_angle_deg: ") for line in lines)
    rows = [line for line in lines if not line.startswith("#")]
    header = rows[0].split(",")
    last = dict(zip(header, rows[-1].split(","), strict=True))
    assert float(last["pelvic_shift_cm"]) < -1.0  # toward the roomier left hip
    assert float(last["foot_load_l_pct"]) > 50.0 > float(last["foot_load_r_pct"])


def test_gif_disk_full_is_an_export_error_and_leaves_nothing(tmp_path, monkeypatch):
    from viewer.io.gif import GifWriter

    real_append = GifWriter.append
    count = {"n": 0}

    def append_until_the_disk_is_full(self, frame):
        count["n"] += 1
        if count["n"] == 2:
            raise OSError(28, "No space left on device")
        return real_append(self, frame)

    monkeypatch.setattr(GifWriter, "append", append_until_the_disk_is_full)
    with pytest.raises(ExportError, match="the disk is full"):
        export_animation(tmp_path / "c.gif", _renderer([]), [-90.0, -60.0, -30.0])
    assert _files(tmp_path) == []


def test_a_read_only_csv_is_replaced_only_when_the_caller_says_so(tmp_path, synthetic_sweep):
    path = tmp_path / "s.csv"
    path.write_text("old\n")
    path.chmod(0o444)
    with pytest.raises(ExportError) as info:
        export_sweep_csv(path, synthetic_sweep)
    assert info.value.read_only and "read-only" in str(info.value)
    assert path.read_text() == "old\n"
    export_sweep_csv(path, synthetic_sweep, replace_read_only=True)
    assert path.read_text().startswith("# Skelly") and (path.stat().st_mode & 0o777) == 0o444
    assert _files(tmp_path) == ["s.csv"]


def test_a_read_only_gif_is_refused_before_any_frame_is_rendered(tmp_path):
    path = tmp_path / "a.gif"
    path.write_bytes(b"old")
    path.chmod(0o444)
    rendered = []

    def render(angle):
        rendered.append(angle)
        return np.zeros((8, 8, 3), np.uint8)

    with pytest.raises(ExportError) as info:
        export_animation(path, render, [0.0, 10.0])
    assert info.value.read_only and rendered == [] and path.read_bytes() == b"old"
    export_animation(path, render, [0.0, 10.0], replace_read_only=True)
    assert len(rendered) == 2 and path.read_bytes()[:3] == b"GIF"


def test_a_hard_linked_png_keeps_its_other_name(tmp_path):
    path, other = tmp_path / "a.png", tmp_path / "b.png"
    export_png(path, np.zeros((4, 4, 3), np.uint8))
    os.link(path, other)
    image = np.full((6, 5, 3), 200, np.uint8)
    export_png(path, image)
    np.testing.assert_array_equal(iio.imread(other), image)
