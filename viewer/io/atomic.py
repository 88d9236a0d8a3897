"""Safe file writes: the destination is either the old file or the complete new one.

The data goes to a temporary file in the destination's folder (same file system),
is flushed and ``fsync``-ed, then renamed over the destination with ``os.replace``
(atomic on POSIX and Windows), and finally the folder is ``fsync``-ed so the rename
itself survives a power cut. If anything fails, or the writer is interrupted
(``KeyboardInterrupt``, a cancelled export), the temporary file is removed and the
destination is left untouched.

A symbolic link at the destination is followed (its target is replaced, the link stays); an
existing folder, device, pipe or socket is never replaced.

What the user protected is respected, decided from the permission bits (so also when Skelly runs
as root, whom the operating system lets write anything):

- **A read-only file** (its permission bits deny this user writing) is not replaced: the write
  raises :class:`ReadOnlyFileError` unless the caller passes ``replace_read_only=True`` (the window
  asks the user first; the command line refuses). A replaced read-only file stays read-only.
- **A file with other names (hard links)**, or a writable file in a folder this user may not
  create files in, is written **in place**: renaming a new file over it would split it from its
  other names (they would keep the old content) or is not allowed. The new content is first
  written completely to a temporary file (in the folder, or in the system's temporary folder when
  the folder is read-only), so a failed or cancelled render, a full disk or Ctrl+C while writing it
  never touch the file. Then its bytes are copied over the file's; an error or Ctrl+C during that
  copy writes the old bytes back before it is reported. The trade-off: a power cut or a killed
  process during that copy (one write of the finished bytes) can leave a mix of old and new, which
  a rename never does. Keeping every name of the file pointing at what was saved is worth that
  for these files; every other save uses the rename.
- **A new file in a folder this user may not create files in** is refused with
  :class:`WriteRefusedError`, whose text says so in words.

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


class WriteRefusedError(PermissionError):
    """Skelly will not write here: the permission bits say the user may not (``strerror`` says why in words)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(errno.EACCES, reason, os.fspath(path))


class ReadOnlyFileError(WriteRefusedError):
    """The destination exists and is read-only; it is replaced only with ``replace_read_only=True``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, "the file is read-only (its permissions protect it from changes)")


def describe_os_error(exc: OSError) -> str:
    """A short human description of why a file could not be read or written ("permission denied"…)."""
    if isinstance(exc, WriteRefusedError):
        return str(exc.strerror)
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(exc, NotADirectoryError):
        return exc.strerror or "its folder is not a folder"
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


def bits_allow_writing(info: os.stat_result) -> bool:
    """Whether the permission bits of ``info`` (a file's or folder's ``os.stat``) let this user write it.

    The owner's bits apply to the owner, the group's to its members, the others' to everyone else,
    root included (the operating system lets root write anyway; Skelly follows what the user set).
    """
    if not hasattr(os, "geteuid"):  # Windows: only the read-only attribute
        return bool(info.st_mode & stat.S_IWRITE)
    if info.st_uid == os.geteuid():
        return bool(info.st_mode & stat.S_IWUSR)
    if info.st_gid == os.getegid() or info.st_gid in os.getgroups():
        return bool(info.st_mode & stat.S_IWGRP)
    return bool(info.st_mode & stat.S_IWOTH)


def _final_mode(path: Path) -> int:
    """Mode for the new file: keep an existing file's permissions, else 0o666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def check_destination(path: str | os.PathLike[str], *, replace_read_only: bool = False
                      ) -> tuple[Path, os.stat_result | None, bool]:
    """Check that ``path`` may be written (see the module docstring) before anything is written.

    Returns:
        The file to write (a symbolic link followed), its ``os.stat`` (None when it does not exist yet),
        and whether its folder's permission bits let this user create files there.

    Raises:
        IsADirectoryError, OSError: ``path`` is a folder, or a device, pipe or socket.
        FileNotFoundError: the folder does not exist.
        ReadOnlyFileError: ``path`` is read-only and ``replace_read_only`` is False.
        WriteRefusedError: ``path`` does not exist and its folder does not let this user create files.
    """
    target = Path(path)
    if target.is_symlink():  # write through the link: the user's link stays a link
        target = Path(os.path.realpath(target))
    try:
        info: os.stat_result | None = os.stat(target)
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(target))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a device, pipe or socket)", str(target))
    if info is not None and not replace_read_only and not bits_allow_writing(info):
        raise ReadOnlyFileError(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder_info = os.stat(folder)
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(folder)) from None
    if not stat.S_ISDIR(folder_info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, f'"{folder}" is not a folder', str(folder))
    folder_writable = bits_allow_writing(folder_info)
    if info is None and not folder_writable:
        raise WriteRefusedError(target, f'permission denied: the folder "{folder}" is read-only for you, '
                                        "so no new file can be made in it")
    return target, info, folder_writable


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, replace_read_only: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; on success its content becomes ``path``'s.

    The caller writes (and closes) the temporary file inside the ``with`` block. On normal exit
    the file is fsync-ed and renamed to ``path``, or copied into it in place (hard links, a
    read-only folder: see the module docstring); on any exception (including ``KeyboardInterrupt``)
    it is deleted, ``path`` is as before, and the exception propagates.

    Args:
        path: the destination.
        replace_read_only: replace a destination whose permission bits make it read-only
            (otherwise :class:`ReadOnlyFileError` is raised before anything is written).

    Raises:
        ReadOnlyFileError: ``path`` is read-only and ``replace_read_only`` is False.
        WriteRefusedError: ``path`` does not exist and its folder does not let this user create files.
        OSError: the folder does not exist, the disk is full…
    """
    target, info, folder_writable = check_destination(path, replace_read_only=replace_read_only)
    folder = target.parent
    in_place = info is not None and (info.st_nlink > 1 or not folder_writable)
    temp_folder = folder if folder_writable else None  # None: the system's temporary folder
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=temp_suffix(target), dir=temp_folder)
    tmp = Path(tmp_name)
    try:
        os.close(fd)
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if in_place:
            _copy_in_place(tmp, target)
        else:
            os.chmod(tmp, _final_mode(target))
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if in_place:
        tmp.unlink()
    else:
        _fsync_dir(folder)


def _copy_in_place(source: Path, target: Path) -> None:
    """Write ``source``'s bytes over ``target``'s in the same file (its inode: every hard link shows them).

    An error or interrupt during the copy writes ``target``'s old bytes back before it propagates.
    """
    data = source.read_bytes()
    with open(target, "rb+") as handle:
        old = handle.read()
        try:
            handle.seek(0)
            _write_all(handle, data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            handle.seek(0)
            handle.write(old)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
            raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, replace_read_only: bool = False) -> None:
    """Write ``data`` to ``path`` safely (see module docstring). Raises ``OSError``."""
    with atomic_path(path, replace_read_only=replace_read_only) as tmp, open(tmp, "wb") as handle:
        _write_all(handle, data)
        handle.flush()


def _write_all(handle: BinaryIO, data: bytes) -> None:
    # A separate function so tests can inject a failure mid-write.
    handle.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8", *,
                      replace_read_only: bool = False) -> None:
    """Write ``text`` to ``path`` safely with ``encoding`` and ``\\n`` line ends. Raises ``OSError``."""
    atomic_write_bytes(path, text.encode(encoding), replace_read_only=replace_read_only)
