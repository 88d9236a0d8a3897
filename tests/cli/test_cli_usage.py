"""Command line: help, version, and every bad flag or value exits 2 with one clear line (in-process, fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import __version__, cli
from viewer.io.profiles import save_profile
from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS

ROOT = Path(__file__).parents[2]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("skelly: error:")]
    assert len(lines) == 1, err
    return lines[0]


def test_main_py_help_in_a_subprocess():
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0
    for flag in ("--preset", "--profile", "--depth", "--thigh-angle", "--screenshot", "--sweep-csv", "--gif",
                 "--size", "--camera", "--no-restore", "--version"):
        assert flag in result.stdout


def test_version(capsys):
    code, out, _ = _run(capsys, "--version")
    assert code == 0 and out.strip() == f"skelly {__version__}"


@pytest.mark.parametrize("step", ["_make_streams_safe", "build_parser"])
def test_ctrl_c_before_the_flags_are_read_is_one_line_and_130(capsys, monkeypatch, step):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, step, interrupted)
    assert cli.main(["--list-presets"]) == 130
    out = capsys.readouterr()
    assert out.out == "" and out.err.strip() == "skelly: interrupted; no partial file was left"


def test_list_presets(capsys):
    code, out, _ = _run(capsys, "--list-presets")
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == list(PRESETS)


def test_unknown_flag_exits_2(capsys):
    code, _, err = _run(capsys, "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err


def test_bad_preset_lists_valid_names(capsys, tmp_path):
    code, _, err = _run(capsys, "--preset", "Stiff ankle", "--sweep-csv", str(tmp_path / "s.csv"))
    line = _error_line(err)
    assert code == 2 and "unknown preset 'Stiff ankle'" in line
    for name in PRESETS:
        assert f'"{name}"' in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("spelling", ["stiff-ankles", "STIFF ANKLES", "stiff_ankles"])
def test_preset_names_are_forgiving(spelling):
    assert cli.resolve_preset(spelling) == "Stiff ankles"


@pytest.mark.parametrize("argv, words", [
    (["--depth", "120"], "out of range 0–100"),
    (["--depth", "-1"], "out of range 0–100"),
    (["--depth", "nan"], "not a finite number"),
    (["--depth", "deep"], "not a number"),
    (["--thigh-angle", "95"], "out of range −90…90"),
    (["--depth", "50", "--thigh-angle", "0"], "not allowed with argument"),
    (["--size", "640"], "not a size like 1280x800"),
    (["--size", "8x8"], "16–8192 pixels"),
    (["--camera", "sideways"], "invalid choice: 'sideways'"),
    (["--frames", "1"], "out of range 2–600"),
    (["--fps", "0"], "out of range 1–60"),
    (["--preset", "Goblet squat", "--profile", "x.json"], "not allowed with argument"),
])
def test_bad_values_exit_2(capsys, argv, words):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert words in err.splitlines()[-1]


def test_corrupt_profile_exits_2(capsys, tmp_path):
    profile = tmp_path / "bad.json"
    profile.write_text('{"format": "skelly-profile", "schema_version": 1, "anatomy": {"height_m": 3.5}}')
    code, _, err = _run(capsys, "--profile", str(profile), "--sweep-csv", str(tmp_path / "s.csv"))
    line = _error_line(err)
    assert code == 2 and str(profile) in line and "height_m = 3.5 is out of range 1.4–2.1 m" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_future_profile_exits_2(capsys, tmp_path):
    profile = tmp_path / "new.json"
    profile.write_text(json.dumps({"format": "skelly-profile", "schema_version": 99, "anatomy": {}}))
    code, _, err = _run(capsys, "--profile", str(profile), "--sweep-csv", str(tmp_path / "s.csv"))
    assert code == 2 and "newer Skelly" in _error_line(err)


@pytest.mark.parametrize("flag, name, words", [
    ("--sweep-csv", "missing/s.csv", "does not exist"),
    ("--screenshot", "missing/s.png", "does not exist"),
    ("--gif", "missing/s.gif", "does not exist"),
    ("--screenshot", "shot.jpg", "must end in .png"),
    ("--gif", "cycle.avi", "must end in .gif"),
])
def test_unwritable_outputs_exit_2_before_any_work(capsys, tmp_path, flag, name, words):
    code, _, err = _run(capsys, flag, str(tmp_path / name))
    line = _error_line(err)
    assert code == 2 and words in line and flag in line
    assert list(tmp_path.iterdir()) == []


def test_device_as_output_exits_2(capsys):
    code, _, err = _run(capsys, "--sweep-csv", "/dev/null")
    assert code == 2 and "not a regular file" in _error_line(err)


def test_mp4_without_ffmpeg_exits_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("viewer.io.exports.mp4_available", lambda: False)
    code, _, err = _run(capsys, "--gif", str(tmp_path / "c.mp4"))
    assert code == 2 and "imageio-ffmpeg" in _error_line(err)


@pytest.mark.parametrize("content, words", [
    (b'{"format": "skelly-profile", "schema_version": 1, "anat', "ends too early"),
    (b"[1, 2, 3]", "an array"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b'{"format": "skelly-profile", "schema_version": 1, "anatomy": {"hip_angle": 3}}', 'unknown key "hip_angle"'),
    (b'{"format": "skelly-profile", "schema_version": 1, "anatomy": {"sex": "m"}}', "'m' is not one of male"),
    (b" " * (1024 * 1024 + 1), "too large"),
    (b'{"format": "skelly-profile", "schema_version": 1, "anatomy": {"load_kg": 1' + b"0" * 400 + b"}}",
     "load_kg = a 401-digit number is out of range"),
    (b'{"format": "skelly-profile", "schema_version": 1, "anatomy": {"load_kg": 1' + b"0" * 5000 + b"}}",
     "it holds a 5,001-digit number"),
    (b'{"format": "skelly-profile", "schema_version": 1' + b"0" * 5000 + b', "anatomy": {}}',
     "it holds a 5,001-digit number"),
])
def test_every_bad_profile_exits_2_with_one_line(capsys, tmp_path, content, words):
    profile = tmp_path / "p.json"
    profile.write_bytes(content)
    code, _, err = _run(capsys, "--profile", str(profile))
    line = _error_line(err)
    assert code == 2 and words in line and str(profile) in line


def test_profile_that_is_a_folder_exits_2(capsys, tmp_path):
    code, _, err = _run(capsys, "--profile", str(tmp_path))
    assert code == 2 and "folder" in _error_line(err)


def test_read_only_output_is_refused_with_a_hint(capsys, tmp_path):
    out = tmp_path / "s.csv"
    out.write_text("mine\n")
    out.chmod(0o444)
    code, _, err = _run(capsys, "--sweep-csv", str(out))
    line = _error_line(err)
    assert code == 2 and "read-only" in line and "chmod u+w" in line and str(out) in line
    assert out.read_text() == "mine\n"


def test_output_that_is_a_folder_exits_2(capsys, tmp_path):
    (tmp_path / "out.csv").mkdir()
    code, _, err = _run(capsys, "--sweep-csv", str(tmp_path / "out.csv"))
    assert code == 2 and "it is a folder" in _error_line(err)


def test_same_file_twice_exits_2(capsys, tmp_path):
    code, _, err = _run(capsys, "--screenshot", str(tmp_path / "a.png"), "--gif", str(tmp_path / "a.png"))
    assert code == 2


def test_valid_profile_is_accepted_for_export_planning(tmp_path):
    path = save_profile(tmp_path / "p.json", Anatomy(ankle_dorsiflexion_deg=20.0), "Twenty")
    args = cli.build_parser().parse_args(["--profile", str(path)])
    anatomy, name, own = cli._resolve_anatomy(args)
    assert anatomy == Anatomy(ankle_dorsiflexion_deg=20.0) and name == "Twenty" and own is None


def test_a_profile_with_home_test_results_opens_with_them(app_calls, tmp_path):
    from viewer.model.self_tests import seated_ir
    from viewer.model.uncertain_anatomy import combine

    combined = combine(Anatomy(), [seated_ir(24.0)])
    path = save_profile(tmp_path / "me.json", combined.anatomy.mean, "me", own_anatomy=combined)
    assert cli.main(["--profile", str(path)]) == 0
    (state, _), = app_calls
    assert state.anatomy == combined.anatomy.mean and state.own_anatomy == combined


def test_console_script_points_at_cli_main():
    tomllib = pytest.importorskip("tomllib")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["scripts"]["skelly"] == "viewer.cli:main"
    assert callable(cli.main)


@pytest.mark.parametrize("argv, attribute, value", [
    (["--thigh-angle", "\u221260"], "thigh_angle", -60.0),  # the minus sign --help prints: "−90 standing"
    (["--thigh-angle", "\u22120.5"], "thigh_angle", -0.5),
    (["--thigh-angle", "-60"], "thigh_angle", -60.0),
])
def test_the_typographic_minus_is_a_minus(argv, attribute, value):
    args = cli.build_parser().parse_args(argv)
    assert getattr(args, attribute) == value


def test_the_typographic_minus_reaches_the_window(app_calls):
    assert cli.main(["--thigh-angle", "\u221260"]) == 0
    (state, _), = app_calls
    assert state.thigh_angle_deg == -60.0


@pytest.mark.parametrize("fps", ["51", "60", "50.5"])
def test_a_gif_faster_than_50_fps_is_refused_before_any_work(capsys, tmp_path, fps):
    code, _, err = _run(capsys, "--gif", str(tmp_path / "c.gif"), "--fps", fps)
    line = _error_line(err)
    assert code == 2 and "at most 50 frames per second" in line and "1/100 s" in line
    assert list(tmp_path.iterdir()) == []


def test_an_mp4_may_be_faster_than_50_fps(monkeypatch, tmp_path):
    monkeypatch.setattr("viewer.io.exports.mp4_available", lambda: True)
    args = cli.build_parser().parse_args(["--gif", str(tmp_path / "c.mp4"), "--fps", "60"])
    cli._check_images(args)  # no error


@pytest.mark.parametrize("flag, name", [("--gif", "c.gif"), ("--screenshot", "s.png")])
def test_an_image_larger_than_the_free_memory_is_refused_naming_the_limit(capsys, tmp_path, monkeypatch, flag, name):
    """A GIF holds one frame at a time, so the limit is one frame: a size whose frame does not fit in the
    free memory is refused before any work, naming both figures."""
    monkeypatch.setattr("viewer.io.exports.available_memory_bytes", lambda: 2_000_000_000)
    code, _, err = _run(capsys, flag, str(tmp_path / name), "--size", "8192x8192")
    line = _error_line(err)
    assert code == 2 and "--size 8192x8192" in line
    assert "about 4.4 GB of memory" in line and "only 2.0 GB is free" in line
    assert list(tmp_path.iterdir()) == []


def test_the_memory_estimate_covers_the_measured_peaks():
    """Peaks measured with ``wait4`` for headless GIF exports (docs/reliability.md)."""
    from viewer.io.exports import frame_memory_bytes

    for (width, height), peak_mib in {(1280, 800): 364, (4096, 4096): 1206, (8192, 8192): 3985}.items():
        assert frame_memory_bytes(width, height) >= peak_mib * 1024 * 1024


def test_an_output_name_longer_than_the_file_system_allows_is_refused_before_any_work(capsys, tmp_path):
    code, _, err = _run(capsys, "--gif", str(tmp_path / ("a" * 300 + ".gif")))
    line = _error_line(err)
    assert code == 2 and "the file name is too long (304 bytes; this file system allows 255)" in line
    assert list(tmp_path.iterdir()) == []
