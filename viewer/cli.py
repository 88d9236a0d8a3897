"""Command line: parse flags, then open the window or run headless exports.

``python main.py --help`` (or the installed ``skelly`` command) lists the flags.

- No export flag: the window opens (``--preset``/``--profile``/``--depth`` set its first state;
  ``--no-restore`` skips restoring the last session).
- Any of ``--screenshot``, ``--sweep-csv``, ``--gif``: headless mode. The exports are written and
  the program exits without opening a window; no screen is needed (off-screen EGL rendering).

Depth (both optional, mutually exclusive):

- ``--depth PCT``: percent of the deepest squat this anatomy reaches, 0 standing … 100 deepest.
- ``--thigh-angle DEG``: thigh angle below horizontal in degrees: −90 standing, 0 thigh parallel
  to the floor, positive below parallel. It must lie within what the anatomy reaches.

Without either, screenshots show the deepest point (where the lower back rounds) and the window
opens at its own default.

``--sweep-csv -`` writes the CSV to standard output (the other messages then go to standard
error). Numbers may be written with the minus sign "−" (U+2212) that ``--help`` prints.

An output file that exists and is read-only (its permission bits deny writing it) is never
replaced: the command exits 2 before rendering anything and says so. There is no flag to force
it; making the file writable is the user's own, deliberate step.

Exit status: 0 success; 1 runtime failure (no usable OpenGL, disk full, render error);
2 bad flags or values (unknown flag, unknown preset, unreadable or invalid profile, depth out of
range, output path that cannot be written, a read-only output file, an image too large for the
free memory); 130 interrupted by Ctrl+C, 143 stopped by SIGTERM, 129 by SIGHUP (no partial file
left; the window saves the session first, as when it is closed).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import math
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from . import __version__
from .model.pose import Sweep
from .model.presets import PRESETS
from .model.squat import DEPTH_LIMITS_DEG, check_thigh_angle
from .render.cameras import PRESETS as CAMERAS  # camera views: pure data, importing it loads no VTK

EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: Signals that stop the program like Ctrl+C does (a logout, a shutdown, a closed terminal); the exit
#: status is 128 + the signal's number.
STOP_SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGHUP")
#: ``--sweep-csv`` value meaning standard output.
STDOUT = Path("-")

DEFAULT_SIZE: tuple[int, int] = (1280, 800)
MIN_SIDE_PX, MAX_SIDE_PX = 16, 8192


class UsageError(Exception):
    """A bad value on the command line (exit status 2)."""


class RuntimeFailureError(Exception):
    """Something the user cannot fix with different flags failed (exit status 1)."""


class Stopped(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """A stop signal (SIGTERM, SIGHUP) arrived; raised in the main thread as Ctrl+C raises KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        self.signum = int(signum)
        super().__init__(signal.Signals(self.signum).name)


# --- argument types ------------------------------------------------------------------------------

def _parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800 (width x height in pixels)")
    width, height = int(match.group(1)), int(match.group(2))
    for side in (width, height):
        if not MIN_SIDE_PX <= side <= MAX_SIDE_PX:
            raise argparse.ArgumentTypeError(
                f"{text!r}: each side must be {MIN_SIDE_PX}–{MAX_SIDE_PX} pixels")
    return width, height


def _plain_minus(text: str) -> str:
    """``text`` with the typographic minus "−" (U+2212, as ``--help`` prints it) as an ASCII hyphen."""
    return text.replace("\u2212", "-")


def _finite(text: str) -> float:
    try:
        value = float(_plain_minus(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _in_range(low: float, high: float, unit: str, *, strip: str = "") -> Callable[[str], float]:
    """An argument type: a finite number (``strip`` characters cut from its end) within ``low``–``high``."""
    def parse(text: str) -> float:
        value = _finite(text.strip().rstrip(strip) if strip else text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range {low:g}–{high:g} {unit}")
        return value
    return parse


def _thigh_angle(text: str) -> float:
    try:
        return check_thigh_angle(_finite(text), DEPTH_LIMITS_DEG)
    except ValueError:
        limits = "…".join(f"{limit:g}".replace("-", "−") for limit in DEPTH_LIMITS_DEG)
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range {limits}° (−90 standing, 0 parallel, positive below parallel)") from None


def _positive_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(_plain_minus(text))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range {low}–{high}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``main.py`` / ``skelly``."""
    parser = argparse.ArgumentParser(
        prog="skelly",
        description="Skelly: squat anatomy lab. Opens the window, or with --screenshot/--sweep-csv/--gif "
                    "writes the files without a window (no screen needed) and exits.",
        epilog="Exit status: 0 ok, 1 runtime failure (e.g. no usable OpenGL), 2 bad flags or values, "
               "130 interrupted. Example: skelly --preset 'Stiff ankles' --depth 100 --screenshot bottom.png",
    )
    parser.add_argument("--version", action="version", version=f"skelly {__version__}")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--preset", metavar="NAME",
                     help="start from a named anatomy (see --list-presets); case and spaces don't matter")
    who.add_argument("--profile", metavar="FILE", type=Path, help="start from a saved profile (.json)")
    parser.add_argument("--list-presets", action="store_true", help="print the preset names and stories, then exit")
    depth = parser.add_mutually_exclusive_group()
    depth.add_argument("--depth", metavar="PCT", type=_in_range(0.0, 100.0, "% (0 standing, 100 deepest)", strip="%"),
                       help="depth as percent of the deepest this anatomy reaches: 0 standing … 100 deepest")
    depth.add_argument("--thigh-angle", metavar="DEG", type=_thigh_angle,
                       help="depth as thigh angle below horizontal in degrees: −90 standing, 0 parallel, "
                            "positive below parallel")
    out = parser.add_argument_group("headless exports (no window; several may be combined)")
    out.add_argument("--screenshot", metavar="OUT.png", type=Path, help="render the 3D view to a PNG file")
    out.add_argument("--sweep-csv", metavar="OUT.csv", type=Path,
                     help="write every depth of the squat (angles, onsets, joints) as CSV ('-' for standard output)")
    out.add_argument("--gif", metavar="OUT.gif", type=Path,
                     help="animate one squat cycle, down and up (.gif, or .mp4 for a video)")
    out.add_argument("--size", metavar="WxH", type=_parse_size, default=DEFAULT_SIZE,
                     help=f"image size in pixels for --screenshot and --gif (default "
                          f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]})")
    out.add_argument("--camera", choices=CAMERAS, help="camera view (default side)")
    out.add_argument("--frames", metavar="N", type=_positive_int(2, 600), default=48,
                     help="frames in the --gif squat cycle (default 48)")
    out.add_argument("--fps", metavar="F", type=_in_range(1.0, 60.0, "frames per second"), default=20.0,
                     help="--gif frames per second (default 20; a .gif plays at most 50, an .mp4 up to 60)")
    parser.add_argument("--no-restore", action="store_true", help="don't restore the last session in the window")
    return parser


# --- resolving values ------------------------------------------------------------------------------

def _normalise(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def resolve_preset(name: str) -> str:
    """The exact preset name matching ``name`` (case, spaces and punctuation ignored); ``UsageError`` otherwise."""
    wanted = _normalise(name)
    for preset_name in PRESETS:
        if _normalise(preset_name) == wanted:
            return preset_name
    names = ", ".join(f'"{n}"' for n in PRESETS)
    raise UsageError(f"unknown preset {name!r}; valid presets: {names}")


def _resolve_anatomy(args: argparse.Namespace) -> tuple[object, str, object]:
    """(anatomy, name, the profile's own-anatomy results or ``None``) of ``--preset``/``--profile``."""
    from .model.anatomy import Anatomy

    if args.preset is not None:
        name = resolve_preset(args.preset)
        return PRESETS[name].anatomy, name, None
    if args.profile is not None:
        from .io.profiles import ProfileError, load_profile

        try:
            profile = load_profile(args.profile)
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        return profile.anatomy, profile.name, profile.own_anatomy
    return Anatomy(), "", None


def _output_paths(args: argparse.Namespace) -> list[tuple[str, Path]]:
    return [(flag, getattr(args, attr)) for flag, attr in
            (("--screenshot", "screenshot"), ("--sweep-csv", "sweep_csv"), ("--gif", "gif"))
            if getattr(args, attr) is not None]


def _check_outputs(outputs: list[tuple[str, Path]]) -> None:
    from .io.exports import ANIMATION_SUFFIXES, ExportError, check_writable, mp4_available

    seen: dict[Path, str] = {}
    for flag, path in outputs:
        if flag == "--sweep-csv" and path == STDOUT:
            continue
        if flag == "--screenshot" and path.suffix.lower() != ".png":
            raise UsageError(f"{flag} {path}: the file name must end in .png")
        if flag == "--gif" and path.suffix.lower() not in ANIMATION_SUFFIXES:
            raise UsageError(f"{flag} {path}: the file name must end in .gif (or .mp4)")
        if flag == "--gif" and path.suffix.lower() == ".mp4" and not mp4_available():
            raise UsageError(f"{flag} {path}: MP4 needs the package imageio-ffmpeg, which is missing "
                             "(pip install imageio-ffmpeg); use a .gif name instead")
        key = path.resolve()
        if key in seen:
            raise UsageError(f"{flag} and {seen[key]} name the same file {path}")
        seen[key] = flag
        try:
            check_writable(path)
        except ExportError as exc:
            hint = "; make it writable (chmod u+w) or write another file" if exc.read_only else ""
            raise UsageError(f"{flag}: {exc}{hint}") from None


def _check_images(args: argparse.Namespace) -> None:
    """Refuse, before any work, an animation rate a GIF cannot play and images too large for the free memory."""
    from .io.exports import available_memory_bytes, frame_memory_bytes
    from .io.gif import MAX_FPS

    if args.gif is not None and args.gif.suffix.lower() == ".gif" and args.fps > MAX_FPS:
        raise UsageError(f"--fps {args.fps:g}: a GIF plays at most {MAX_FPS:g} frames per second (its frame "
                         "delays are whole 1/100 s, and browsers play shorter ones at 10 fps); use --fps 50 or "
                         "less, or an .mp4 name")
    if args.screenshot is None and args.gif is None:
        return
    width, height = args.size
    need, free = frame_memory_bytes(width, height), available_memory_bytes()
    if free is not None and need > free:
        raise UsageError(f"--size {width}x{height}: rendering images this large needs about {need / 1e9:.1f} GB "
                         f"of memory, and only {free / 1e9:.1f} GB is free (the system's available memory); "
                         "use a smaller --size")


def _thigh_angle_for(sweep: Sweep, args: argparse.Namespace, default_pct: float) -> float:
    top = float(sweep.thigh_angle_deg[0])
    bottom = float(sweep.thigh_angle_deg[-1])
    if args.thigh_angle is not None:
        angle = args.thigh_angle
        if not top - 1e-9 <= angle <= bottom + 1e-9:
            raise UsageError(f"--thigh-angle {angle:g}: this anatomy reaches thigh angles {top:.1f}° (standing) "
                             f"to {bottom:.1f}° (deepest); use a value in that range or --depth 0–100")
        return min(max(angle, top), bottom)
    return sweep.thigh_angle_at_pct(default_pct if args.depth is None else args.depth)


# --- headless mode --------------------------------------------------------------------------------

def _progress_printer(stream: TextIO, label: str) -> Callable[[int, int], bool]:
    interactive = stream.isatty()

    def progress(done: int, total: int) -> bool:
        if interactive:
            stream.write(f"\r{label}: frame {done}/{total}")
            if done == total:
                stream.write("\n")
            stream.flush()
        return True
    return progress


def run_headless(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Write the requested exports without a window; return the exit status.

    Exports are written in the order CSV, PNG, GIF; each is complete or absent. If a later one
    fails, the earlier ones stay (they are complete) and the error names the one that failed.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    outputs = _output_paths(args)
    _check_outputs(outputs)
    _check_images(args)
    csv_to_stdout = args.sweep_csv == STDOUT
    info = err if csv_to_stdout else out  # the messages must not mix with CSV on standard output
    anatomy, name, _own = _resolve_anatomy(args)
    needs_gl = args.screenshot is not None or args.gif is not None
    if needs_gl:
        from .io.glcheck import offscreen_gl_problem

        problem = offscreen_gl_problem()
        if problem is not None:
            raise RuntimeFailureError(problem)
    from .io import exports
    from .model.squat import sweep as compute_sweep

    sweep = compute_sweep(anatomy)
    thigh_angle = _thigh_angle_for(sweep, args, default_pct=100.0)
    try:
        if csv_to_stdout:
            _write_utf8(out, exports.sweep_csv_text(sweep, anatomy, name))
            print(f"Wrote the sweep to standard output ({len(sweep.thigh_angle_deg)} depths)", file=info)
        elif args.sweep_csv is not None:
            exports.export_sweep_csv(args.sweep_csv, sweep, anatomy, name=name)
            print(f"Wrote {args.sweep_csv} ({len(sweep.thigh_angle_deg)} depths)", file=info)
        if needs_gl:
            from .render.snapshot import OffscreenRenderer

            with OffscreenRenderer(anatomy, sweep, size=args.size, camera=args.camera or "side") as renderer:
                if args.screenshot is not None:
                    exports.export_png(args.screenshot, renderer.render(thigh_angle))
                    print(f"Wrote {args.screenshot} ({args.size[0]}x{args.size[1]}, thigh angle "
                          f"{thigh_angle:.1f}°)", file=info)
                if args.gif is not None:
                    angles = exports.cycle_thigh_angles(sweep, args.frames)
                    exports.export_animation(args.gif, renderer.render, angles, fps=args.fps,
                                             progress=_progress_printer(err, str(args.gif)))
                    print(f"Wrote {args.gif} ({args.frames} frames, {args.size[0]}x{args.size[1]})", file=info)
    except exports.ExportError as exc:
        raise RuntimeFailureError(str(exc)) from None
    except RuntimeError as exc:  # e.g. the GL context failed mid-export
        raise RuntimeFailureError(f"rendering failed: {exc}") from None
    return EXIT_OK


def _write_utf8(stream: TextIO, text: str) -> None:
    """Write ``text`` to ``stream`` as UTF-8 whatever the stream's own encoding (the CSV format is UTF-8)."""
    binary = getattr(stream, "buffer", None)
    if binary is None:
        stream.write(text)
        return
    stream.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


@contextlib.contextmanager
def _stop_signals(handler: Callable[[int, object], None]) -> Iterator[None]:
    """Inside: ``handler(signum, frame)`` takes Ctrl+C, SIGTERM and SIGHUP; afterwards the caller's
    handlers are back. Outside the main thread nothing changes (Python allows handlers only there)."""
    previous: dict[int, object] = {}
    try:
        for name in ("SIGINT", *STOP_SIGNALS):
            if hasattr(signal, name):
                previous[getattr(signal, name)] = signal.signal(getattr(signal, name), handler)
    except ValueError:  # not the main thread: leave the caller's handling alone
        pass
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def _raise_on_stop(signum: int, _frame: object) -> None:
    """Ctrl+C raises ``KeyboardInterrupt``, SIGTERM and SIGHUP raise :class:`Stopped`.

    Either way the exception unwinds through the exports, which delete their temporary files. The
    first of these signals also makes the program ignore the others from then on, so a second one
    cannot cut that clean-up short.
    """
    for name in ("SIGINT", *STOP_SIGNALS):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


# --- window mode ----------------------------------------------------------------------------------

def screen_problem() -> str | None:
    """``None`` if a window can be shown, else why not (Linux/BSD without a display server).

    Qt aborts the process when it finds no display, so this is checked before Qt starts.
    """
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if os.environ.get("DISPLAY"):  # X11, or XWayland in a Wayland session (the app uses it there)
        return _xcb_library_problem()
    if os.environ.get("WAYLAND_DISPLAY"):
        return ("the window cannot start: this Wayland session has no XWayland (WAYLAND_DISPLAY is set, DISPLAY "
                "is not), and the 3D view needs an X11 window, which XWayland provides. Install it (Debian/Ubuntu: "
                "apt install xwayland) and log in again, or log in to an X11 session. To write files without a "
                "window use --screenshot, --gif or --sweep-csv")
    return ("no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "To write files without a window use --screenshot, --gif or --sweep-csv; "
            "to run the window on a virtual screen: xvfb-run -a python main.py")


def _xcb_library_problem() -> str | None:
    """Qt's X11 plugin aborts without libxcb-cursor (Qt ≥ 6.5); name the package instead."""
    import ctypes

    try:
        ctypes.CDLL("libxcb-cursor.so.0")
    except OSError:
        return ("the window cannot start: Qt's X11 support needs the libxcb-cursor library, which is missing "
                "(Debian/Ubuntu: apt install libxcb-cursor0)")
    return None


def _load_window_modules() -> None:
    """Import Qt, VTK and the window with Ctrl+C, SIGTERM and SIGHUP held back; act on them afterwards.

    A KeyboardInterrupt inside their C++ start-up aborted, hung or segfaulted the process
    (measured: Ctrl+C 0.4–0.6 s after launch); once imported, ``run_app`` handles these signals
    itself. Raises ``KeyboardInterrupt`` (Ctrl+C) or :class:`Stopped` if one arrived meanwhile.
    """
    held: list[int] = []
    with _stop_signals(lambda signum, _frame: held.append(signum)):
        import PySide6.QtWidgets  # noqa: F401

        import viewer.ui.app  # noqa: F401
        import viewer.ui.main_window  # noqa: F401  (VTK, pyqtgraph)
    if held and held[0] == signal.SIGINT:
        raise KeyboardInterrupt
    if held:
        raise Stopped(held[0])


def run_window(args: argparse.Namespace) -> int:
    """Open the window with the state the flags describe; return the app's exit status.

    The last session is restored only when no flag sets the anatomy, depth or camera and
    ``--no-restore`` is absent.
    """
    explicit_anatomy = args.preset is not None or args.profile is not None
    anatomy, _name, own_anatomy = _resolve_anatomy(args)
    problem = screen_problem()
    if problem is not None:
        raise RuntimeFailureError(problem)
    _load_window_modules()
    from .state import AppState
    from .ui.app import run_app

    changes: dict[str, object] = {}
    if args.depth is not None or args.thigh_angle is not None:
        from .model.squat import sweep as compute_sweep

        changes["thigh_angle_deg"] = _thigh_angle_for(compute_sweep(anatomy), args, default_pct=100.0)
    if args.camera is not None:
        changes["camera"] = args.camera
    if explicit_anatomy or changes:
        return int(run_app(AppState(anatomy=anatomy, own_anatomy=own_anatomy, **changes), restore=False))
    return int(run_app(None, restore=not args.no_restore))


# --- entry point -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Run Skelly with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Never raises for user errors: bad flags/values print one ``skelly: error: …`` line and
    return 2; runtime failures print ``skelly: …`` and return 1; Ctrl+C returns 130.
    """
    parser = None
    try:  # Ctrl+C at any point, the parser's set-up included, ends with 130 and one line
        _make_streams_safe()
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version (0) or argparse's usage error (2)
            return int(exc.code or 0) if isinstance(exc.code, int) or exc.code is None else EXIT_USAGE
        if args.list_presets:
            for preset_name, preset in PRESETS.items():
                print(f"{preset_name}: {preset.story}")
            return EXIT_OK
        if _output_paths(args):
            with _stop_signals(_raise_on_stop):
                return run_headless(args)
        return run_window(args)
    except UsageError as exc:
        if parser is not None:
            parser.print_usage(sys.stderr)
        print(f"skelly: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeFailureError as exc:
        print(f"skelly: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except KeyboardInterrupt:
        _say("\nskelly: interrupted; no partial file was left")
        return EXIT_INTERRUPTED
    except Stopped as stop:
        _say(f"\nskelly: stopped by {signal.Signals(stop.signum).name}; no partial file was left")
        return 128 + stop.signum
    except BrokenPipeError:  # the reader went away, e.g. `skelly --list-presets | head -1`
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _say(message: str) -> None:
    """Print ``message`` to standard error; nothing if it is gone (a closed terminal after SIGHUP)."""
    with contextlib.suppress(OSError):
        print(message, file=sys.stderr, flush=True)


#: ASCII stand-ins for the typographic characters Skelly prints, where the terminal cannot show them.
_ASCII_STAND_INS = {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00d7": "x",
                    "\u00b0": " deg", "\u00b1": "+/-", "\u2264": "<=", "\u2265": ">=", "\u2192": "->",
                    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
_STAND_IN_HANDLER = "skelly-stand-in"


def _stand_in(error: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: typographic characters as ASCII, a file name's undecodable bytes as
    those bytes (as ``surrogateescape`` does), anything else as a ``\\x…`` escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = bytearray()
    for char in error.object[error.start:error.end]:
        if 0xDC80 <= ord(char) <= 0xDCFF:
            out.append(ord(char) - 0xDC00)
        else:
            out += _ASCII_STAND_INS.get(char, char.encode("ascii", "backslashreplace").decode()).encode("ascii")
    return bytes(out), error.end


codecs.register_error(_STAND_IN_HANDLER, _stand_in)


def _make_streams_safe() -> None:
    """Let standard output and error print any text, whatever their encoding (``PYTHONIOENCODING=ascii``,
    a Latin-1 terminal): what they cannot encode is written as :func:`_stand_in` says, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors=_STAND_IN_HANDLER)
