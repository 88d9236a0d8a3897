"""Exports: the depth sweep as CSV, an image as PNG, one squat cycle as an animated GIF (or MP4).

Every export is written safely (:mod:`viewer.io.atomic`): on failure, cancel or Ctrl+C no
partial file is left and an existing file at the destination is unchanged; a read-only file is
not replaced unless the caller says so (``replace_read_only``), a hard-linked one is written in place. Failures raise
:class:`ExportError` (one line naming the file and the problem); a cancel raises
:class:`ExportCancelled`.

CSV layout (UTF-8, ``\\n`` line ends, comma separated):

1. Header comment lines starting with ``# ``, each ``key: value``: the title, Skelly's version,
   the profile name, every anatomy parameter (``anatomy.<name>``; one-side overrides only where set), and
   the onsets (``tuck_onset.thigh_angle_deg`` …, ``rounding_onset.*``, ``deepest.*``, each hip's own stop
   ``hip_stop_onset_l.*`` / ``hip_stop_onset_r.*``, ``first_stop_side`` l/r/both, ``deepest_limited_by``;
   an onset that does not happen is written as ``none``). ``pandas.read_csv(path, comment="#")``
   skips them; with the ``csv`` module, drop the lines starting with ``#`` first.
2. One row of column names, each carrying its unit: ``_deg`` degrees, ``_m`` metres,
   ``_pct_leg`` percent of leg length, ``_length_ratio`` muscle length relative to standing.
3. One row per depth of the sweep, standing first, deepest last. Numbers are written with
   Python's shortest exact float representation. ``balanced`` is 1/0; ``limits`` lists the
   active limits separated by ``;`` (empty when none).

Columns (in order, following :class:`~viewer.model.pose.Sweep`): every per-depth scalar
(``thigh_angle_deg``, ``ankle_dorsiflexion_deg``, … ``foot_tilt_deg``, then left ≠ right:
``pelvic_shift_cm`` (+ right), ``pelvic_rotation_deg`` (+ right hip forward), ``pelvic_obliquity_deg``
(+ right hip higher), ``hip_flexion_{l,r}_deg``, ``hip_stop_{l,r}_deg``, ``hip_stop_margin_{l,r}_deg``,
``foot_load_{l,r}_pct`` (% of body weight), ``knee_out_{l,r}_cm``), the lumbar levels as
``lumbar_L1_L2_flexion_deg`` … ``lumbar_L5_S1_flexion_deg``, ``balanced``, ``limits``,
``joint_<name>_{x,y,z}_m`` for every joint centre, ``rim_contact_{l,r}_{x,y,z}_m``, and
``muscle_<name>_length_ratio``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import importlib.util
import io
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np

from ..model.anatomy import Anatomy
from ..model.pose import LIMIT_NAMES, LUMBAR_LEVELS, Onset, Sweep
from .atomic import ReadOnlyFileError, atomic_path, atomic_write_text, check_destination, describe_os_error

#: ``progress(done, total) -> bool``; return False to cancel the export.
ProgressCallback = Callable[[int, int], bool]
#: ``render(thigh_angle_deg) -> RGB uint8 array (H, W, 3)`` of the scene at that depth.
FrameRenderer = Callable[[float], np.ndarray]

ANIMATION_SUFFIXES: tuple[str, ...] = (".gif", ".mp4")
DEFAULT_FPS = 20.0
DEFAULT_CYCLE_FRAMES = 48


class ExportError(Exception):
    """An export failed. ``str(error)`` is one human-readable line naming the file.

    ``read_only`` is True when the destination is a read-only file (the export may be repeated with
    ``replace_read_only=True`` once the user agreed).
    """

    def __init__(self, path: str | os.PathLike[str], problem: str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.problem = problem
        self.read_only = read_only
        super().__init__(f'Cannot write "{self.path}": {problem}')


class ExportCancelled(Exception):  # noqa: N818 - a cancel is not an error
    """The user cancelled an export (its progress callback returned False); no file was written."""


@contextlib.contextmanager
def _export_errors(target: Path) -> Iterator[None]:
    """Inside, an ``OSError`` becomes :class:`ExportError` naming ``target`` (``read_only`` set for a read-only
    file)."""
    try:
        yield
    except OSError as exc:
        raise ExportError(target, describe_os_error(exc), read_only=isinstance(exc, ReadOnlyFileError)) from None


def check_writable(path: str | os.PathLike[str], *, replace_read_only: bool = False) -> None:
    """Raise :class:`ExportError` now if ``path`` cannot or may not be written.

    The same checks as the write itself (:func:`viewer.io.atomic.check_destination`): a folder, device
    or missing folder in the way, a read-only file (unless ``replace_read_only``), a new file in a folder
    this user may not create files in, a name longer than the file system accepts. Used before long
    renders so a typo fails in milliseconds; the write itself stays safe.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    name_bytes = len(os.fsencode(target.name))
    if name_bytes > _name_max(folder):
        raise ExportError(target, f"the file name is too long ({name_bytes} bytes; this file system allows "
                                  f"{_name_max(folder)})")
    if not folder.exists():
        raise ExportError(target, f'the folder "{folder}" does not exist')
    if not folder.is_dir():
        raise ExportError(target, f'"{folder}" is not a folder')
    with _export_errors(target):
        check_destination(target, replace_read_only=replace_read_only)
    if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):  # e.g. a read-only mount
        raise ExportError(target, f'permission denied (cannot write in "{folder}")')


def _name_max(folder: Path) -> int:
    """Longest file name (bytes) the file system of ``folder`` accepts; 255 when it cannot tell."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


# --- CSV -------------------------------------------------------------------------------------

#: Sweep fields that repeat other fields in another layout (not written twice).
_DUPLICATE_FIELDS = frozenset({"joints_stack"})


def sweep_columns(sweep: Sweep) -> list[tuple[str, np.ndarray | list[str]]]:
    """The CSV columns of ``sweep`` as ``(name, values)``, each with one value per depth (N).

    Follows the fields of :class:`Sweep` in order, so a per-depth field added later is exported
    too: (N,) arrays as one column, (N, k) as k columns, mappings of those per key.
    """
    n = len(sweep.thigh_angle_deg)
    columns: list[tuple[str, np.ndarray | list[str]]] = []
    for field in dataclasses.fields(sweep):
        value = getattr(sweep, field.name)
        name = field.name
        if isinstance(value, (Onset, str)) or value is None or name in _DUPLICATE_FIELDS:
            continue
        if name == "limits":
            order = {k: i for i, k in enumerate(LIMIT_NAMES)}
            columns.append(("limits", [";".join(sorted(s, key=lambda k: (order.get(k, len(order)), k)))
                                       for s in value]))
        elif isinstance(value, Mapping):
            prefix = {"joints": "joint", "muscles": "muscle"}.get(name, name)
            for key, arr in value.items():
                arr = np.asarray(arr)
                if arr.ndim == 2 and arr.shape[1] == 3:
                    unit = "" if name == "muscles" else "_m"
                    for axis, letter in enumerate("xyz"):
                        columns.append((f"{prefix}_{key}_{letter}{unit}", arr[:, axis]))
                else:
                    suffix = "_length_ratio" if name == "muscles" else ""
                    columns.append((f"{prefix}_{key}{suffix}", arr))
        else:
            arr = np.asarray(value)
            if arr.ndim == 2 and name == "lumbar_levels_deg":
                for i, level in enumerate(LUMBAR_LEVELS):
                    columns.append(("lumbar_" + level.replace("-", "_") + "_flexion_deg", arr[:, i]))
            elif arr.ndim == 2:
                for i in range(arr.shape[1]):
                    columns.append((f"{name}_{i}", arr[:, i]))
            elif arr.ndim == 1 and len(arr) == n:
                columns.append((name, arr))
    return columns


def _cell(value: object) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return repr(number) if math.isfinite(number) else ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def _onset_lines(label: str, onset: Onset | None) -> list[str]:
    if onset is None:
        return [f"{label}: none"]
    return [f"{label}.{f.name}: {_cell(getattr(onset, f.name))}" for f in dataclasses.fields(onset)]


def sweep_csv_text(sweep: Sweep, anatomy: Anatomy | None = None, name: str = "") -> str:
    """The sweep as CSV text in the layout described in this module's docstring."""
    from .. import __version__ as version

    header = ["Skelly squat sweep: one row per depth, standing first, deepest last",
              f"skelly_version: {version}"]
    if name:
        header.append(f"profile_name: {' '.join(name.split())}")
    if anatomy is not None:
        header += [f"anatomy.{key}: {_cell(value)}" for key, value in anatomy.to_dict().items()
                   if value is not None]  # unset one-side overrides: the two-sided value applies
    for label in ("tuck_onset", "rounding_onset", "deepest", "hip_stop_onset_l", "hip_stop_onset_r"):
        header += _onset_lines(label, getattr(sweep, label))
    header.append(f"first_stop_side: {sweep.first_stop_side or 'none'}")
    header.append(f"deepest_limited_by: {sweep.deepest_limited_by}")
    if sweep.deepest_limited_by == "balance":
        header.append(f"falls: {sweep.falls}")
    header.append(f"flat_lumbar_flexion_deg: {_cell(sweep.flat_lumbar_flexion_deg)}")
    header.append("units: _deg degrees, _m metres, _cm centimetres, _pct_leg percent of leg length, _pct percent "
                  "of body weight, _length_ratio muscle length / standing; balanced 1/0; limits separated by ';'")
    columns = sweep_columns(sweep)
    out = io.StringIO()
    for line in header:
        out.write(f"# {line}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c for c, _ in columns])
    n = len(sweep.thigh_angle_deg)
    for i in range(n):
        writer.writerow([_cell(values[i]) for _, values in columns])
    return out.getvalue()


def export_sweep_csv(path: str | os.PathLike[str], sweep: Sweep, anatomy: Anatomy | None = None,
                     name: str = "", *, replace_read_only: bool = False) -> Path:
    """Write :func:`sweep_csv_text` to ``path`` safely; return the path. Raises :class:`ExportError`
    (``read_only`` set for a read-only file, replaced only with ``replace_read_only``)."""
    target = Path(path)
    check_writable(target, replace_read_only=replace_read_only)
    text = sweep_csv_text(sweep, anatomy, name)
    with _export_errors(target):
        atomic_write_text(target, text, replace_read_only=replace_read_only)
    return target


# --- images ------------------------------------------------------------------------------------

def _check_rgb(image: np.ndarray) -> np.ndarray:
    arr = np.asarray(image)
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"expected an RGB(A) uint8 image of shape (H, W, 3|4), got {arr.dtype} {arr.shape}")
    return arr


def export_png(path: str | os.PathLike[str], image: np.ndarray, *, replace_read_only: bool = False) -> Path:
    """Write the RGB(A) uint8 ``image`` (H, W, 3|4) to ``path`` as PNG safely. Raises :class:`ExportError`
    (``read_only`` set for a read-only file, replaced only with ``replace_read_only``)."""
    import imageio.v3 as iio

    target = Path(path)
    arr = _check_rgb(image)
    check_writable(target, replace_read_only=replace_read_only)
    with _export_errors(target), atomic_path(target, replace_read_only=replace_read_only) as tmp:
        iio.imwrite(tmp, arr, extension=".png")
    return target


# --- animation -----------------------------------------------------------------------------------

def cycle_thigh_angles(sweep: Sweep, frames: int = DEFAULT_CYCLE_FRAMES) -> np.ndarray:
    """Thigh angles (degrees, shape (frames,)) of one squat cycle: standing → deepest → back up.

    Depth follows a cosine, so the motion slows at the top and the bottom like a real squat.
    Frame 0 is standing and the last frame is just before standing, so the GIF loops smoothly.
    """
    if isinstance(frames, bool) or not isinstance(frames, int) or frames < 2:
        raise ValueError(f"frames must be an integer ≥ 2, got {frames!r}")
    t = np.arange(frames) / frames
    fraction = 0.5 * (1.0 - np.cos(2.0 * np.pi * t))
    top = float(sweep.thigh_angle_deg[0])
    bottom = float(sweep.thigh_angle_deg[-1])
    return top + fraction * (bottom - top)


def mp4_available() -> bool:
    """True when ``imageio-ffmpeg`` (a dependency: it ships the ffmpeg program MP4 needs) is installed."""
    return importlib.util.find_spec("imageio_ffmpeg") is not None


#: Bytes of memory per pixel of rendering and writing one frame (off-screen GL colour and depth
#: buffers, the read-back image and its copies, the palette image and its compressed data). Measured
#: peaks of 3-frame GIF exports: 1206 MiB at 4096×4096, 3985 MiB at 8192×8192, so 58 bytes per pixel
#: between the two (6 frames at 8192×8192: 3977 MiB).
FRAME_BYTES_PER_PIXEL = 60
#: Memory the program needs besides the frame (Python, numpy, VTK, the model and the bone meshes),
#: bytes; the same measurements give ≈ 290 MB, and a 1280×800 export peaks at ≈ 380 MB.
BASE_MEMORY_BYTES = 400_000_000


def frame_memory_bytes(width: int, height: int) -> int:
    """Peak memory (bytes) of rendering and writing images of ``width`` × ``height`` pixels.

    A GIF or MP4 holds one frame at a time, so this does not grow with the number of frames.
    """
    return BASE_MEMORY_BYTES + FRAME_BYTES_PER_PIXEL * int(width) * int(height)


def available_memory_bytes() -> int | None:
    """Memory the system can give this process without swapping (``MemAvailable``), bytes; None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def export_animation(path: str | os.PathLike[str], render: FrameRenderer, thigh_angles_deg: Iterable[float],
                     fps: float = DEFAULT_FPS, progress: ProgressCallback | None = None, *,
                     replace_read_only: bool = False) -> Path:
    """Render one frame per thigh angle and write them as an animated GIF (or MP4) to ``path``.

    Each frame is encoded and written as soon as it is rendered (:mod:`viewer.io.gif`,
    :mod:`viewer.io.mp4`): memory does not grow with the number of frames, and a cancel or
    Ctrl+C stops after the frame being rendered, leaving no file.

    Args:
        path: destination; the suffix chooses the format (``.gif`` or ``.mp4``).
        render: ``render(thigh_angle_deg)`` → RGB uint8 (H, W, 3); all frames the same size.
        thigh_angles_deg: the depth of each frame, degrees (e.g. :func:`cycle_thigh_angles`).
        fps: frames per second. A GIF stores delays in whole 1/100 s and plays at most
            :data:`viewer.io.gif.MAX_FPS` (50) frames per second: faster rates are written at 50.
        progress: called as ``progress(done, total)`` before the first and after each frame;
            return False to cancel.
        replace_read_only: replace a read-only file at ``path`` (otherwise refused before rendering).

    Raises:
        ExportCancelled: ``progress`` returned False; no file was written.
        ExportError: unsupported suffix, MP4 without imageio-ffmpeg, a read-only file (``read_only``
            set), or a write failure.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    angles = [float(a) for a in thigh_angles_deg]
    total = len(angles)
    if suffix not in ANIMATION_SUFFIXES:
        raise ExportError(target, f"unsupported animation type {suffix or '(none)'!r}; use .gif or .mp4")
    if suffix == ".mp4" and not mp4_available():
        raise ExportError(target, "MP4 needs the package imageio-ffmpeg, which is missing "
                                  "(pip install imageio-ffmpeg); GIF works without it")
    if total < 1:
        raise ValueError("an animation needs at least one frame")
    if not (math.isfinite(fps) and fps > 0):
        raise ValueError(f"fps must be a positive number, got {fps!r}")
    check_writable(target, replace_read_only=replace_read_only)
    if progress is not None and progress(0, total) is False:
        raise ExportCancelled()
    with _export_errors(target), atomic_path(target, replace_read_only=replace_read_only) as tmp:
        _write_frames(tmp, suffix, render, angles, fps, progress)
    return target


def _write_frames(tmp: Path, suffix: str, render: FrameRenderer, angles: list[float], fps: float,
                  progress: ProgressCallback | None) -> None:
    from .gif import GifWriter
    from .mp4 import Mp4Writer

    total = len(angles)
    with contextlib.ExitStack() as stack:
        if suffix == ".gif":
            writer: GifWriter | Mp4Writer = GifWriter(stack.enter_context(open(tmp, "wb")), fps)
        else:
            writer = Mp4Writer(tmp, fps)
            stack.callback(writer.abort)  # stops ffmpeg on any exit; nothing once finished
        for done, angle in enumerate(angles, start=1):
            writer.append(_check_rgb(render(angle)))
            if progress is not None and progress(done, total) is False:
                raise ExportCancelled()
        writer.finish()
