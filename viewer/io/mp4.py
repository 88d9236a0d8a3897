"""MP4 (H.264) written frame by frame through the ffmpeg program that ``imageio-ffmpeg`` ships.

Frames go down a pipe to ffmpeg as they come, so memory stays flat in the number of frames.
:meth:`Mp4Writer.abort` kills ffmpeg at once (a cancel or Ctrl+C does not wait for it to encode
what it already has); the caller deletes the half-written file.
"""

from __future__ import annotations

import errno
import signal
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np

#: ffmpeg's H.264 encoder (the ffmpeg that imageio-ffmpeg ships has it).
H264_ENCODER = "libx264"


class Mp4Writer:
    """Write RGB uint8 frames (H, W, 3), all the same size, to an MP4 file at ``fps`` frames per second."""

    def __init__(self, path: Path, fps: float) -> None:
        if not (np.isfinite(fps) and fps > 0):
            raise ValueError(f"fps must be a positive number, got {fps!r}")
        self.path = Path(path)
        self.fps = float(fps)
        self.frames = 0
        self._shape: tuple[int, ...] | None = None
        self._process: subprocess.Popen | None = None
        self._log = None

    def append(self, frame: np.ndarray) -> None:
        """Send one RGB(A) uint8 frame (H, W, 3|4) to ffmpeg; the alpha channel is ignored.

        Raises:
            OSError: ffmpeg stopped (its last message says why, e.g. the disk is full).
            ValueError: the frame's size differs from the first frame's.
        """
        rgb = np.ascontiguousarray(frame[:, :, :3], dtype=np.uint8)
        if self._process is None:
            self._start(rgb.shape[1], rgb.shape[0])
            self._shape = rgb.shape
        elif rgb.shape != self._shape:
            raise ValueError(f"frame {self.frames + 1} has shape {rgb.shape}, the first had {self._shape}")
        try:
            self._process.stdin.write(memoryview(rgb).cast("B"))
        except BrokenPipeError:
            raise self._failure() from None
        self.frames += 1

    def finish(self) -> None:
        """Let ffmpeg encode the rest and close the file; raise ``OSError`` if it failed."""
        if self._process is None:
            raise ValueError("a video needs at least one frame")
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        if self._process.wait() != 0:
            raise self._failure()
        self._close_log()
        self._process = None

    def abort(self) -> None:
        """Stop ffmpeg now without waiting for it to encode (nothing if it is not running)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    try:
                        pipe.close()
                    except OSError:
                        pass
            self._process = None
        self._close_log()

    def _start(self, width: int, height: int) -> None:
        import imageio_ffmpeg

        try:
            program = imageio_ffmpeg.get_ffmpeg_exe()
        except RuntimeError as exc:  # no ffmpeg program for this system
            raise OSError(errno.EIO, f"cannot find ffmpeg ({exc})") from None
        rate = Fraction(self.fps).limit_denominator(1001)
        command = [
            program, "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(rate), "-i", "-",
            "-an", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",  # H.264 in yuv420p needs even sides
            "-c:v", H264_ENCODER, "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", "-f", "mp4", f"file:{self.path}",  # "file:": a ":" in the name is no protocol
        ]
        self._log = tempfile.TemporaryFile()  # ffmpeg's messages; unnamed, gone when closed
        # its own session: a Ctrl+C in the terminal reaches Skelly, which then stops ffmpeg itself
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=self._log, start_new_session=True)
        except OSError as exc:  # not "the folder does not exist": it is the program that is missing
            self._close_log()
            raise OSError(errno.EIO, f"cannot run ffmpeg ({exc.strerror or exc})") from None

    def _failure(self) -> OSError:
        """An ``OSError`` saying why ffmpeg stopped (its last message line, or the signal that ended it)."""
        message = ""
        if self._log is not None:
            self._log.seek(0)
            lines = self._log.read().decode(errors="replace").strip().splitlines()
            message = lines[-1] if lines else ""
        status = None
        if self._process is not None:  # it closed its end of the pipe or exited: it is ending
            try:
                status = self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.abort()
        if "No space left" in message:
            return OSError(errno.ENOSPC, "No space left on device")
        if "File too large" in message or status == -getattr(signal, "SIGXFSZ", 0):
            return OSError(errno.EFBIG, "File too large")
        if not message and status is not None and status < 0:
            message = f"ended by {signal.Signals(-status).name}"
        return OSError(errno.EIO, f"ffmpeg failed ({message or f'exit status {status}'})")

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
