"""scripts/setup.sh installs the Python packages only when needed.

The script runs in a scratch copy of the project whose ``.venv/bin/python`` is a stand-in that logs
its arguments, with the Debian package check left out (no ``dpkg-query``/``apt-get`` on the PATH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("bash", "dirname", "touch", "tail", "cat", "grep", "id")


def _project(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    log = tmp_path / "python-calls.log"
    fake = venv_bin / "python"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
    fake.chmod(0o755)
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in TOOLS:
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} not found")
        (tools / name).symlink_to(found)
    return tmp_path, log, {"PATH": str(tools), "HOME": str(tmp_path)}


def _run(project: Path, env: dict[str, str], *args: str) -> str:
    out = subprocess.run(["bash", str(project / "scripts" / "setup.sh"), *args], env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    return out.stdout + out.stderr


def _age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_the_app_set_up_reuses_an_install_made_for_the_tests(tmp_path):
    project, log, env = _project(tmp_path)
    _age(project / "pyproject.toml", 60)
    (project / ".venv" / ".skelly-stamp[test]").touch()  # the test set-up ran after the last pyproject change
    out = _run(project, env)
    assert "installing Python packages" not in out
    assert not log.exists()  # pip never ran


def test_the_app_set_up_installs_when_nothing_is_installed_or_the_project_changed(tmp_path):
    project, log, env = _project(tmp_path)
    out = _run(project, env)
    assert "installing Python packages" in out
    assert "-e ." in log.read_text()
    assert (project / ".venv" / ".skelly-stamp").exists()
    # the test install is older than a change to pyproject.toml: it no longer counts
    log.unlink()
    (project / ".venv" / ".skelly-stamp").unlink()
    stamp = project / ".venv" / ".skelly-stamp[test]"
    stamp.touch()
    _age(stamp, 60)
    out = _run(project, env)
    assert "installing Python packages" in out and "-e ." in log.read_text()


def test_the_test_set_up_installs_the_test_extras_even_after_an_app_install(tmp_path):
    project, log, env = _project(tmp_path)
    _age(project / "pyproject.toml", 60)
    (project / ".venv" / ".skelly-stamp").touch()
    out = _run(project, env, "--test")
    assert "with test extras" in out
    assert "-e .[test]" in log.read_text()
