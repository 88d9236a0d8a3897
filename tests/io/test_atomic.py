"""Atomic writes: complete file or old file, never a temporary left behind."""

from __future__ import annotations

import os

import pytest

from viewer.io.atomic import atomic_path, atomic_write_bytes, atomic_write_text, describe_os_error


def test_writes_exact_bytes_and_replaces(tmp_path):
    path = tmp_path / "a.bin"
    atomic_write_bytes(path, b"first")
    atomic_write_bytes(path, b"\x00second")
    assert path.read_bytes() == b"\x00second"
    assert os.listdir(tmp_path) == ["a.bin"]


def test_text_is_utf8_with_unix_newlines(tmp_path):
    path = tmp_path / "t.txt"
    atomic_write_text(path, "Zoë\nline 2\n")
    assert path.read_bytes() == "Zoë\nline 2\n".encode()


def test_relative_path_in_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    atomic_write_text("rel.txt", "ok")
    assert (tmp_path / "rel.txt").read_text() == "ok"


def test_new_file_mode_follows_umask(tmp_path):
    old = os.umask(0o027)
    try:
        import importlib

        import viewer.io.atomic as atomic

        importlib.reload(atomic)  # the module reads the umask once at import
        atomic.atomic_write_text(tmp_path / "m.txt", "x")
    finally:
        os.umask(old)
        importlib.reload(atomic)
    assert ((tmp_path / "m.txt").stat().st_mode & 0o777) == 0o640


def test_exception_inside_block_removes_temp_and_keeps_old(tmp_path):
    path = tmp_path / "keep.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        tmp.write_text("half")
        assert tmp.parent == tmp_path and tmp.name.startswith(".keep.txt.") and tmp.name.endswith(".tmp.txt")
        raise RuntimeError("boom")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["keep.txt"]


def test_missing_folder_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "nope" / "x.txt", "x")


def test_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


def test_never_replaces_a_device(tmp_path):
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write_text("/dev/null", "x")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_never_replaces_a_folder(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(IsADirectoryError):
        atomic_write_text(tmp_path / "d", "x")
    assert os.listdir(tmp_path) == ["d"]


@pytest.mark.parametrize(("error", "words"), [
    (FileNotFoundError(2, "No such file or directory"), "the folder does not exist"),
    (PermissionError(13, "Permission denied"), "permission denied"),
    (IsADirectoryError(21, "Is a directory"), "it is a folder"),
    (OSError(28, "No space left on device"), "the disk is full"),
    (OSError(5, "Input/output error"), "Input/output error"),
])
def test_os_errors_are_described_in_plain_words_for_profiles_and_exports(error, words):
    assert describe_os_error(error) == words
