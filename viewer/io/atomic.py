"""Atomic file writes: the destination is either the old file or the complete new one.

The data goes to a temporary file in the destination's folder (same file system),
is flushed and ``fsync``-ed, then renamed over the destination with ``os.replace``
(atomic on POSIX and Windows), and finally the folder is ``fsync``-ed so the rename
itself survives a power cut. If anything fails, or the writer is interrupted
(``KeyboardInterrupt``, a cancelled export), the temporary file is removed and the
destination is left untouched.

A symbolic link at the destination is followed (its target is replaced, the link stays); an
existing folder, device, pipe or socket is never replaced.

Temporary files are named ``.<name>.<random>.tmp<suffix>`` (hidden; the name cut to
:data:`TEMP_NAME_CHARS` characters and a suffix longer than :data:`TEMP_SUFFIX_CHARS` left out), so
a temporary name is never longer than 180 bytes: any destination name the file system accepts
(up to 255 bytes) can be written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_MARKER = ".tmp"
#: Characters of the destination's name kept in a temporary file's name (≤ 4 UTF-8 bytes each).
TEMP_NAME_CHARS = 32
#: Longest destination suffix (characters, with the dot) that temporary names keep.
TEMP_SUFFIX_CHARS = 8


def describe_os_error(exc: OSError) -> str:
    """A short human description of why a file could not be read or written ("permission denied"…)."""
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def temp_prefix(path: str | os.PathLike[str]) -> str:
    """Prefix of the temporary files used for ``path`` (for cleanup checks in tests)."""
    return f".{Path(path).name[:TEMP_NAME_CHARS]}."


def temp_suffix(path: str | os.PathLike[str]) -> str:
    """Suffix of the temporary files used for ``path``: ``.tmp`` plus the destination's short suffix."""
    suffix = Path(path).suffix
    return TEMP_MARKER + (suffix if len(suffix) <= TEMP_SUFFIX_CHARS else "")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _final_mode(path: Path) -> int:
    """Mode for the new file: keep an existing file's permissions, else 0o666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` atomically.

    The caller writes (and closes) the temporary file inside the ``with`` block.
    On normal exit the file is fsync-ed and renamed to ``path``; on any exception
    (including ``KeyboardInterrupt``) it is deleted and the exception propagates.

    Raises:
        OSError: the folder does not exist or is not writable, the disk is full…
    """
    target = Path(path)
    if target.is_symlink():  # write through the link: the user's link stays a link
        target = Path(os.path.realpath(target))
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a device, pipe or socket)", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=temp_suffix(target), dir=folder)
    tmp = Path(tmp_name)
    try:
        os.close(fd)
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see module docstring). Raises ``OSError``."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        _write_all(handle, data)
        handle.flush()


def _write_all(handle: BinaryIO, data: bytes) -> None:
    # A separate function so tests can inject a failure mid-write.
    handle.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically with ``encoding`` and ``\\n`` line ends. Raises ``OSError``."""
    atomic_write_bytes(path, text.encode(encoding))
