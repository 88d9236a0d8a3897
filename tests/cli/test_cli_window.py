"""Without export flags the CLI opens the window with the state its flags describe."""

from __future__ import annotations

import pytest

from viewer import cli
from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS


def test_no_flags_restores_last_session(app_calls):
    assert cli.main([]) == 0
    assert app_calls == [(None, {"restore": True})]


def test_no_restore(app_calls):
    assert cli.main(["--no-restore"]) == 0
    assert app_calls == [(None, {"restore": False})]


def test_preset_depth_and_camera_set_the_first_state(app_calls):
    from viewer.model.squat import sweep

    assert cli.main(["--preset", "goblet squat", "--depth", "50", "--camera", "front"]) == 0
    (state, kwargs), = app_calls
    anatomy = PRESETS["Goblet squat"].anatomy
    s = sweep(anatomy)
    assert state.anatomy == anatomy and state.camera == "front"
    assert state.thigh_angle_deg == pytest.approx(0.5 * (s.thigh_angle_deg[0] + s.thigh_angle_deg[-1]))
    assert kwargs == {"restore": False}


def test_thigh_angle_is_passed_through(app_calls):
    assert cli.main(["--thigh-angle", "-45"]) == 0
    (state, _), = app_calls
    assert state.anatomy == Anatomy() and state.thigh_angle_deg == -45.0


def test_bad_profile_never_opens_the_window(app_calls, tmp_path, capsys):
    bad = tmp_path / "p.json"
    bad.write_text("[1, 2]")
    assert cli.main(["--profile", str(bad)]) == 2
    assert app_calls == []
    assert "not a Skelly profile" in capsys.readouterr().err


def test_no_screen_is_a_clear_message_not_a_qt_abort(app_calls, monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert cli.main(["--preset", "Stiff ankles"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("skelly: no screen to open the window on") and "--screenshot" in err
    assert app_calls == []


def test_no_screen_in_a_real_process():
    import os
    import subprocess
    import sys
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        pytest.skip("display servers are a Linux/BSD matter")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "main.py", "--no-restore"], cwd=Path(__file__).parents[2], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "no screen to open the window on" in result.stderr


def test_missing_xcb_cursor_library_is_named(app_calls, monkeypatch, capsys):
    import ctypes

    def no_library(name, *args, **kwargs):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", no_library)
    assert cli.main([]) == 1
    assert "apt install libxcb-cursor0" in capsys.readouterr().err
    assert app_calls == []


@pytest.mark.parametrize("platform", [None, "xcb"])
def test_wayland_without_xwayland_is_a_clear_message(app_calls, monkeypatch, capsys, platform):
    """Left to Qt, this aborts with "xcb-cursor0 or libxcb-cursor0 is needed", which is not the problem."""
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.delenv("DISPLAY", raising=False)
    if platform is None:
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    else:
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)  # as a launcher may set it
    monkeypatch.setattr("sys.platform", "linux")
    assert cli.main(["--no-restore"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("skelly: the window cannot start: this Wayland session has no XWayland")
    assert "xwayland" in err and "--screenshot" in err and "xcb-cursor" not in err
    assert app_calls == []


def test_wayland_with_xwayland_uses_it(app_calls, monkeypatch):
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(cli, "_xcb_library_problem", lambda: None)
    assert cli.main(["--no-restore"]) == 0
    assert app_calls == [(None, {"restore": False})]


def test_wayland_without_xwayland_in_a_real_process(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        pytest.skip("display servers are a Linux/BSD matter")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env.update(WAYLAND_DISPLAY="wayland-skelly-test", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "main.py", "--no-restore"], cwd=Path(__file__).parents[2], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("skelly: the window cannot start: this Wayland session has no XWayland")
    assert "xcb-cursor" not in result.stderr


@pytest.mark.parametrize("signame, expected", [("SIGINT", KeyboardInterrupt), ("SIGTERM", cli.Stopped),
                                               ("SIGHUP", cli.Stopped)])
def test_a_stop_signal_while_qt_loads_is_held_then_acted_on(monkeypatch, signame, expected):
    import builtins
    import os
    import signal

    real_import = builtins.__import__
    sent = []

    def import_and_signal(name, *args, **kwargs):
        if name == "viewer.ui.main_window" and not sent:  # arrives in the middle of the imports
            sent.append(1)
            os.kill(os.getpid(), getattr(signal, signame))
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", import_and_signal)
    before = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGINT", "SIGTERM", "SIGHUP")}
    with pytest.raises(expected) as caught:
        cli._load_window_modules()
    if expected is cli.Stopped:
        assert caught.value.signum == getattr(signal, signame)
    assert {name: signal.getsignal(getattr(signal, name)) for name in before} == before
