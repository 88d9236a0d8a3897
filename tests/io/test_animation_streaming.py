"""Animations are written frame by frame: GIF read back as rendered, sane delays, flat memory, MP4 that works.

The memory test runs the export in a child process and reads its peak resident memory (``VmHWM``), so
nothing else the test process holds is counted.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest

from viewer.io.exports import ExportCancelled, ExportError, export_animation, mp4_available
from viewer.io.gif import MAX_FPS, GifWriter, delay_cs

ROOT = Path(__file__).parents[2]


def _frames(count: int, height: int = 60, width: int = 80) -> list[np.ndarray]:
    """A bar moving over a background, a patch changing colour, and one frame repeated."""
    rng = np.random.default_rng(7)
    frames = []
    for i in range(count):
        frame = np.full((height, width, 3), (40, 60, 90), np.uint8)
        frame[10 + i % 20:30 + i % 20, (5 * i) % (width - 20):(5 * i) % (width - 20) + 20] = (230, 220, 200)
        frame[40:50, 40:70] = rng.integers(0, 255, 3)
        frames.append(frame)
    frames.append(frames[-1].copy())  # an unchanged frame
    return frames


def test_gif_frames_read_back_as_rendered(tmp_path):
    """Each frame only carries the rectangle that changed; the decoded animation is every frame as given."""
    frames = _frames(12)
    path = export_animation(tmp_path / "c.gif", lambda i: frames[int(i)], range(len(frames)), fps=20)
    back = iio.imread(path, index=None)
    assert back.shape[0] == len(frames)
    for decoded, given in zip(back, frames, strict=True):
        np.testing.assert_array_equal(decoded[:, :, :3], given)  # few colours: quantised exactly
    assert iio.immeta(path)["loop"] == 0


def test_gif_frame_rectangles_cover_only_what_changed():
    buffer = io.BytesIO()
    writer = GifWriter(buffer, fps=20)
    still = np.zeros((50, 50, 3), np.uint8)
    writer.append(still)
    moved = still.copy()
    moved[20:22, 30:33] = 255
    writer.append(moved)
    writer.append(moved)  # unchanged: a 1×1 frame
    writer.finish()
    from PIL import Image

    image = Image.open(io.BytesIO(buffer.getvalue()))
    image.seek(1)
    assert image.tile[0][1] == (30, 20, 33, 22)  # the changed rectangle, at its place
    image.seek(2)
    assert image.tile[0][1] == (0, 0, 1, 1)


@pytest.mark.parametrize("fps, delays", [
    (20, [5, 5, 5, 5]),
    (30, [3, 4, 3, 3, 4, 3]),   # 33.3 ms: the rounding is carried, 20 hundredths per 6 frames
    (50, [2, 2, 2]),
    (60, [2, 2, 2]),            # faster than a GIF plays: 50 fps, never 1/100 s (browsers: 10 fps)
    (1, [100, 100]),
])
def test_gif_delays_are_whole_hundredths_of_at_least_two(fps, delays):
    assert [delay_cs(i, fps) for i in range(len(delays))] == delays
    assert MAX_FPS == 50


def test_gif_at_60_fps_stores_20_ms_delays(tmp_path):
    from PIL import Image

    frames = _frames(4)
    path = export_animation(tmp_path / "c.gif", lambda i: frames[int(i)], range(len(frames)), fps=60)
    with Image.open(path) as image:
        durations = []
        for index in range(image.n_frames):
            image.seek(index)
            durations.append(image.info["duration"])
    assert durations == [20] * len(frames)


_MEMORY_CHILD = """
import sys
import numpy as np
from viewer.io.exports import export_animation

frames, width, height, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
background = np.full((height, width, 3), (60, 70, 90), np.uint8)
noise = np.random.default_rng(0).integers(0, 255, (height // 4, width, 3), np.uint8)

def render(angle):
    frame = background.copy()
    x = int(angle * 7) % (width - width // 6)
    frame[height // 8: height - height // 8, x: x + width // 6] = (230, 220, 200)
    frame[:height // 4] = np.roll(noise, int(angle), axis=1)  # many colours, changing every frame
    return frame

export_animation(out, render, [float(i) for i in range(frames)], fps=20)
status = open("/proc/self/status").read()
print(int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) // 1024)
"""


def _peak_mb(frames: int, size: tuple[int, int], out: Path) -> int:
    result = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, str(frames), str(size[0]), str(size[1]), str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")
def test_gif_memory_does_not_grow_with_the_number_of_frames(tmp_path):
    """Holding every frame to the end grows ≈ 1.2 MB per 640×400 frame (≈ 220 MB from 60 to 240 frames)."""
    size = (640, 400)
    short = _peak_mb(60, size, tmp_path / "short.gif")
    long = _peak_mb(240, size, tmp_path / "long.gif")
    assert len(iio.imread(tmp_path / "long.gif", index=None)) == 240
    assert long - short < 25, f"peak {short} MB for 60 frames, {long} MB for 240"


needs_ffmpeg = pytest.mark.skipif(not mp4_available(), reason="imageio-ffmpeg is not installed")


@needs_ffmpeg
def test_mp4_has_every_frame(tmp_path):
    import imageio_ffmpeg

    frames = _frames(30, 61, 81)  # odd sides: padded to even ones for H.264
    path = export_animation(tmp_path / "c.mp4", lambda i: frames[int(i)], range(len(frames)), fps=30)
    count, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert count == len(frames) and seconds == pytest.approx(len(frames) / 30, abs=0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["c.mp4"]


@needs_ffmpeg
def test_mp4_cancel_stops_ffmpeg_at_once_and_leaves_nothing(tmp_path):
    frames = _frames(200, 400, 640)
    stopped_at: list[float] = []

    def progress(done: int, total: int) -> bool:
        if done == 150:
            stopped_at.append(time.perf_counter())
            return False
        return True

    with pytest.raises(ExportCancelled):
        export_animation(tmp_path / "c.mp4", lambda i: frames[int(i)], range(len(frames)), progress=progress)
    assert time.perf_counter() - stopped_at[0] < 1.0  # ffmpeg is killed, not waited for
    assert list(tmp_path.iterdir()) == []


@needs_ffmpeg
def test_mp4_failure_is_one_export_error(tmp_path, monkeypatch):
    monkeypatch.setattr("viewer.io.mp4.H264_ENCODER", "no-such-encoder")
    with pytest.raises(ExportError, match="ffmpeg failed") as caught:
        export_animation(tmp_path / "c.mp4", lambda i: _frames(3)[int(i)], range(3))
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []
