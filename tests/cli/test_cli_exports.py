"""Headless exports through ``main.py`` in subprocesses with no screen (``DISPLAY`` unset)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest

from viewer import cli
from viewer.model.presets import PRESETS

ROOT = Path(__file__).parents[2]
SIZE = (320, 200)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("VTK_DEFAULT_OPENGL_WINDOW", None)
    env.update(extra)
    return env


def _skelly(*argv: str, env: dict[str, str] | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, env=env or _env(), capture_output=True,
                          text=True, timeout=timeout, check=False)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One headless run writing all three exports (keeps the suite fast)."""
    folder = tmp_path_factory.mktemp("exports")
    result = _skelly("--preset", "Stiff ankles", "--depth", "100", "--size", f"{SIZE[0]}x{SIZE[1]}",
                     "--screenshot", str(folder / "shot.png"), "--sweep-csv", str(folder / "sweep.csv"),
                     "--gif", str(folder / "cycle.gif"), "--frames", "6")
    return folder, result


def test_headless_run_succeeds_without_a_screen(exported):
    folder, result = exported
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["cycle.gif", "shot.png", "sweep.csv"]
    assert "Traceback" not in result.stderr
    assert "ERR|" not in result.stderr, result.stderr[-2000:]  # VTK's error lines


def test_a_screenshot_above_the_tuck_prints_no_vtk_errors(tmp_path):
    """The angle readouts asked where their joints were on screen before the export had set its
    camera: ten "no active camera" errors on stderr per screenshot (above the tuck, where nothing
    else had made the camera yet)."""
    result = _skelly("--depth", "60", "--size", "640x400", "--screenshot", str(tmp_path / "shot.png"))
    assert result.returncode == 0, result.stderr
    assert "ERR|" not in result.stderr and "no active camera" not in result.stderr, result.stderr[-2000:]


def test_screenshot_is_a_rendered_skeleton(exported):
    folder, result = exported
    assert result.returncode == 0, result.stderr
    image = iio.imread(folder / "shot.png")
    assert image.shape[:2] == (SIZE[1], SIZE[0])
    rgb = image[:, :, :3].reshape(-1, 3).astype(int)
    assert len(np.unique(rgb, axis=0)) > 200  # shaded geometry, not a flat fill
    background = rgb[0]
    differs = np.abs(rgb - background).sum(axis=1) > 30
    assert 0.02 < differs.mean() < 0.9  # something drawn, not everything
    bone_like = (rgb.min(axis=1) > 120) & (rgb[:, 0] >= rgb[:, 2])  # light, warm-white bone shading
    assert bone_like.sum() > 100


def test_sweep_csv_equals_the_model(exported):
    from viewer.model.squat import sweep

    folder, result = exported
    assert result.returncode == 0, result.stderr
    expected = sweep(PRESETS["Stiff ankles"].anatomy)
    text = (folder / "sweep.csv").read_text(encoding="utf-8")
    header = {line[2:].split(": ", 1)[0]: line[2:].split(": ", 1)[1] for line in text.splitlines()
              if line.startswith("# ") and ": " in line}
    body = [line for line in text.splitlines() if not line.startswith("#")]
    names = body[0].split(",")
    rows = [line.split(",") for line in body[1:]]
    assert len(rows) == len(expected.thigh_angle_deg)
    for column in ("thigh_angle_deg", "knee_flexion_deg", "hip_flexion_deg", "pelvic_tilt_deg",
                   "lumbar_flexion_deg", "trunk_lean_deg", "ankle_dorsiflexion_deg"):
        values = np.array([float(r[names.index(column)]) for r in rows])
        np.testing.assert_allclose(values, getattr(expected, column), rtol=0, atol=1e-9)
    knee_l = np.array([[float(r[names.index(f"joint_knee_l_{a}_m")]) for a in "xyz"] for r in rows])
    np.testing.assert_allclose(knee_l, expected.joints["knee_l"], atol=1e-12)
    assert header["profile_name"] == "Stiff ankles"
    assert header["anatomy.ankle_dorsiflexion_deg"] == str(PRESETS["Stiff ankles"].anatomy.ankle_dorsiflexion_deg)
    assert header["deepest_limited_by"] == expected.deepest_limited_by
    if expected.tuck_onset is not None:
        assert float(header["tuck_onset.thigh_angle_deg"]) == pytest.approx(expected.tuck_onset.thigh_angle_deg)


def test_gif_is_an_animated_squat(exported):
    folder, result = exported
    assert result.returncode == 0, result.stderr
    frames = iio.imread(folder / "cycle.gif", index=None)
    assert frames.shape[0] == 6 and frames.shape[1:3] == (SIZE[1], SIZE[0])
    assert not np.array_equal(frames[0], frames[3])  # standing vs the bottom


def test_no_opengl_exits_1_with_a_message(tmp_path):
    # With no EGL vendor library, VTK's EGL window segfaults on its first render (measured):
    # the probe must meet that in its child process and report it.
    result = _skelly("--screenshot", str(tmp_path / "x.png"), "--size", "64x64",
                     env=_env(__EGL_VENDOR_LIBRARY_FILENAMES=str(tmp_path / "no-such-vendor.json")))
    assert result.returncode == 1, result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("skelly: no usable OpenGL") and "EGL" in message
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum, status, words", [
    (signal.SIGINT, 130, "interrupted"),
    (signal.SIGTERM, 143, "stopped by SIGTERM"),
    (signal.SIGHUP, 129, "stopped by SIGHUP"),
])
def test_a_stop_signal_during_a_long_gif_stops_it_at_once_and_leaves_nothing(tmp_path, signum, status, words):
    """Frames are written as they come, so stopping 1 MB into a 600-frame export at the default size
    takes one frame. (A writer that holds every frame writes nothing until the end, so this test then
    times out; and it makes a stop wait for all frames so far to be encoded.)"""
    out = tmp_path / "long.gif"
    child = subprocess.Popen([sys.executable, "main.py", "--gif", str(out), "--frames", "600"],
                             cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while sum(p.stat().st_size for p in tmp_path.iterdir()) < 1_000_000:  # ≈ 20 frames written
            assert child.poll() is None, child.communicate()[1]
            assert time.monotonic() < deadline, "no frame was written within 2 minutes"
            time.sleep(0.05)
        sent = time.monotonic()
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == status, err
    assert words in err and "no partial file was left" in err and "Traceback" not in err, err
    assert took < 3.0, f"took {took:.1f} s to stop"
    assert list(tmp_path.iterdir()) == []


def _peak_mib(*argv: str) -> int:
    """Run ``main.py`` with ``argv``; its peak resident memory in MiB (``wait4``: this child alone)."""
    child = subprocess.Popen([sys.executable, "main.py", *argv], cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode()
    child.stderr.close()
    assert child.returncode == 0, err
    return usage.ru_maxrss // 1024  # KiB on Linux


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
def test_gif_export_peak_memory_does_not_grow_with_frames(tmp_path):
    """The real headless export, rendering included: 60 and 240 frames peak alike. Holding every frame
    peaked at 662 and 1547 MiB at 1280×800 (docs/reliability.md); here 640×400 keeps the test short."""
    short = _peak_mib("--gif", str(tmp_path / "a.gif"), "--frames", "60", "--size", "640x400")
    long = _peak_mib("--gif", str(tmp_path / "b.gif"), "--frames", "240", "--size", "640x400")
    assert long - short < 30, f"peak {short} MiB for 60 frames, {long} MiB for 240"


def _file_size_limit(limit: int):
    def limit_file_size() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


@pytest.mark.parametrize("name, limit", [("c.gif", 100_000), ("c.mp4", 20_000)])
def test_a_write_failure_mid_animation_gives_one_message_and_leaves_nothing(tmp_path, name, limit):
    """A file-size limit fails the write after a few frames, as a full disk does: one message, no file,
    and no "Exception ignored" traceback from a writer that fails again when it is collected."""
    if name.endswith(".mp4"):
        pytest.importorskip("imageio_ffmpeg")
    out = tmp_path / name
    result = subprocess.run([sys.executable, "main.py", "--gif", str(out), "--frames", "60", "--size", "640x400"],
                            cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=240, check=False,
                            preexec_fn=_file_size_limit(limit))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f'skelly: Cannot write "{out}"'), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sweep_csv_to_standard_output(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--preset", "Stiff ankles", "--sweep-csv", "-"],
                            cwd=tmp_path, env=_env(), capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # no file called "-"
    from viewer.io.exports import sweep_csv_text
    from viewer.model.squat import sweep

    anatomy = PRESETS["Stiff ankles"].anatomy
    assert result.stdout.decode("utf-8") == sweep_csv_text(sweep(anatomy), anatomy, "Stiff ankles")
    assert b"Wrote the sweep to standard output" in result.stderr


def test_help_and_a_non_ascii_name_on_an_ascii_terminal(tmp_path):
    """``--help`` prints "−90", "…" and "×", and the "Wrote" line an output name with an accent: both
    must print (with ASCII stand-ins) when standard output is not UTF-8, not raise UnicodeEncodeError."""
    env = _env(PYTHONIOENCODING="ascii")
    help_result = _skelly("--help", env=env)
    assert help_result.returncode == 0, help_result.stderr
    assert "degrees: -90" in help_result.stdout and "Traceback" not in help_result.stderr
    out = tmp_path / "café.csv"
    result = _skelly("--sweep-csv", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Wrote ") and "caf\\xe9.csv" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["café.csv"]


@pytest.mark.parametrize("flag, suffix", [("--sweep-csv", ".csv"), ("--gif", ".gif"), ("--screenshot", ".png")])
def test_the_longest_name_the_file_system_accepts_can_be_written(tmp_path, flag, suffix):
    """The temporary file's name must stay shorter than the longest name the file system accepts: a
    temporary name made of the whole output name plus a prefix and a random part fails for ≈ 240–255 bytes."""
    out = tmp_path / ("é" * 100 + "a" * (255 - 200 - len(suffix)) + suffix)
    assert len(os.fsencode(out.name)) == 255
    result = _skelly(flag, str(out), "--size", "64x48", "--frames", "3")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_failed_write_exits_1_and_leaves_no_partial_file(tmp_path, monkeypatch, capsys):
    target = tmp_path / "s.csv"

    def disk_full(handle, data):
        handle.write(data[:64])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("viewer.io.atomic._write_all", disk_full)
    code = cli.main(["--sweep-csv", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == f'skelly: Cannot write "{target}": the disk is full'
    assert list(tmp_path.iterdir()) == []


def test_thigh_angle_beyond_reach_exits_2(tmp_path, capsys):
    from viewer.model.squat import sweep

    deepest = float(sweep(PRESETS["Stiff ankles"].anatomy).thigh_angle_deg[-1])
    if deepest >= 89.0:
        pytest.skip("this anatomy reaches every thigh angle")
    code = cli.main(["--preset", "Stiff ankles", "--thigh-angle", "89.5", "--sweep-csv", str(tmp_path / "s.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "this anatomy reaches thigh angles" in err


def test_render_failure_mid_gif_exits_1_and_leaves_no_gif(tmp_path, monkeypatch, capsys):
    import viewer.io.glcheck
    import viewer.render.snapshot as snapshot

    class BrokenRenderer:
        def __init__(self, *args, **kwargs):
            self.calls = 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def render(self, angle):
            self.calls += 1
            if self.calls > 2:
                raise RuntimeError("GL context lost")
            return np.zeros((16, 16, 3), np.uint8)

    monkeypatch.setattr(viewer.io.glcheck, "offscreen_gl_problem", lambda: None)
    monkeypatch.setattr(snapshot, "OffscreenRenderer", BrokenRenderer)
    code = cli.main(["--gif", str(tmp_path / "c.gif"), "--frames", "6"])
    assert code == 1
    assert capsys.readouterr().err.strip() == "skelly: rendering failed: GL context lost"
    assert list(tmp_path.iterdir()) == []
