"""Safe writes: complete file or old file, never a temporary left behind; what the user protected is kept."""

from __future__ import annotations

import os

import pytest

from viewer.io.atomic import (
    ReadOnlyFileError,
    WriteRefusedError,
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    bits_allow_writing,
    describe_os_error,
    temp_prefix,
)


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


def test_new_file_mode_follows_umask(tmp_path, monkeypatch):
    import viewer.io.atomic as atomic

    old = os.umask(0o027)
    try:  # the module reads the umask once at import (not reloaded: its exception classes must stay the same)
        monkeypatch.setattr(atomic, "_UMASK", atomic._current_umask())
        atomic.atomic_write_text(tmp_path / "m.txt", "x")
    finally:
        os.umask(old)
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


# --- what the user protected (decided from the permission bits, so these hold when run as root) -----------
def _stat(mode: int, uid: int, gid: int, nlink: int = 1) -> os.stat_result:
    return os.stat_result((mode, 1, 1, nlink, uid, gid, 0, 0, 0, 0))


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and groups")
def test_the_bits_that_apply_to_this_user_decide():
    me, my_group = os.geteuid(), os.getegid()
    stranger, strangers = me + 12345, 54321
    strangers = strangers if strangers not in os.getgroups() and strangers != my_group else strangers + 1
    assert bits_allow_writing(_stat(0o100644, me, strangers))
    assert not bits_allow_writing(_stat(0o100444, me, strangers))
    assert not bits_allow_writing(_stat(0o100466, me, my_group))  # the owner's bits, not the group's
    assert bits_allow_writing(_stat(0o100464, stranger, my_group))
    assert not bits_allow_writing(_stat(0o100646, stranger, my_group))
    assert bits_allow_writing(_stat(0o100446, stranger, strangers))
    assert not bits_allow_writing(_stat(0o100664, stranger, strangers))


def test_a_read_only_file_is_not_replaced_unless_told(tmp_path):
    path = tmp_path / "keep.json"
    path.write_text("old")
    path.chmod(0o444)
    assert not bits_allow_writing(path.stat())
    with pytest.raises(ReadOnlyFileError) as info:
        atomic_write_text(path, "new")
    assert describe_os_error(info.value) == "the file is read-only (its permissions protect it from changes)"
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["keep.json"]
    atomic_write_text(path, "new", replace_read_only=True)
    assert path.read_text() == "new" and (path.stat().st_mode & 0o777) == 0o444  # it stays read-only
    assert os.listdir(tmp_path) == ["keep.json"]


def test_a_hard_linked_file_is_written_in_place_so_every_name_shows_it(tmp_path):
    path, other = tmp_path / "anna.json", tmp_path / "backup-name.json"
    path.write_text("old content")
    os.link(path, other)
    inode = path.stat().st_ino
    atomic_write_text(path, "new")
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text() == "new" and path.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["anna.json", "backup-name.json"]


def test_a_failed_write_of_a_hard_linked_file_changes_neither_name(tmp_path, monkeypatch):
    path, other = tmp_path / "anna.json", tmp_path / "other.json"
    path.write_text("old content")
    os.link(path, other)

    def full(handle, data):
        handle.write(data[: len(data) // 2])
        handle.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("viewer.io.atomic._write_all", full)  # the first write: the complete new copy
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(path, "new " * 1000)
    assert path.read_text() == other.read_text() == "old content"
    assert sorted(os.listdir(tmp_path)) == ["anna.json", "other.json"]


@pytest.mark.parametrize("fault", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk full", "Ctrl+C"])
def test_a_fault_while_copying_in_place_writes_the_old_bytes_back(tmp_path, monkeypatch, fault):
    import viewer.io.atomic as atomic

    path, other = tmp_path / "anna.json", tmp_path / "other.json"
    path.write_text("old content, a little longer than the start of the new one")
    os.link(path, other)
    real_write = atomic._write_all

    def fail_in_place(handle, data):
        if os.path.samefile(handle.name, path):  # the copy over the file itself, after the complete new copy
            handle.write(data[:5])
            handle.flush()
            raise fault
        real_write(handle, data)

    monkeypatch.setattr(atomic, "_write_all", fail_in_place)
    with pytest.raises(type(fault)):
        atomic_write_text(path, "NEW " * 100)
    assert path.read_text() == other.read_text() == "old content, a little longer than the start of the new one"
    assert sorted(os.listdir(tmp_path)) == ["anna.json", "other.json"]


def test_a_writable_file_in_a_read_only_folder_is_written_in_place(tmp_path):
    import tempfile

    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "anna.json"
    path.write_text("old")
    inode = path.stat().st_ino
    folder.chmod(0o555)
    try:
        atomic_write_text(path, "new")
        assert path.read_text() == "new" and path.stat().st_ino == inode
        assert os.listdir(folder) == ["anna.json"]
        assert not [n for n in os.listdir(tempfile.gettempdir()) if n.startswith(temp_prefix(path))]
        with pytest.raises(WriteRefusedError) as info:  # a new file cannot be made there
            atomic_write_text(folder / "new.json", "x")
    finally:
        folder.chmod(0o755)
    assert describe_os_error(info.value) == (f'permission denied: the folder "{folder}" is read-only for you, '
                                             "so no new file can be made in it")
    assert os.listdir(folder) == ["anna.json"]
