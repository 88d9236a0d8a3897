#!/usr/bin/env bash
# Idempotent set-up for Skelly on Debian/Ubuntu: system libraries for Qt + VTK
# (and Xvfb for the tests), then a virtual environment in .venv with the project
# installed in editable mode. Safe to run again; it only does what is missing.
# Usage: scripts/setup.sh [--test]   (--test also installs Xvfb and the test extras)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

pkgs=(python3 python3-venv python3-pip libegl1 libgl1 libglx-mesa0 libgl1-mesa-dri libxkbcommon0
      libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
[ "$want_test" = 1 ] && pkgs+=(xvfb xauth)

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # python3/venv/pip may come from elsewhere (pyenv, conda): skip them if the interpreter works.
  if python3 -m venv --help >/dev/null 2>&1; then
    filtered=(); for p in "${missing[@]}"; do case "$p" in python3|python3-venv|python3-pip) ;; *) filtered+=("$p");; esac; done
    missing=("${filtered[@]}")
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "skelly setup: installing system packages: ${missing[*]}"
    sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "skelly setup: not a Debian system; make sure OpenGL/EGL and the Qt xcb libraries are installed." >&2
fi

py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "skelly setup: creating .venv"
  "$py" -m venv .venv
fi
extras=""; [ "$want_test" = 1 ] && extras="[test]"
stamp=".venv/.skelly-stamp${extras}"
# an install with the test extras also holds everything the app needs: the app's set-up reuses it
test_stamp=".venv/.skelly-stamp[test]"
if [ "$want_test" = 0 ] && [ -f "$test_stamp" ] && [ ! pyproject.toml -nt "$test_stamp" ]; then
  stamp=$test_stamp
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "skelly setup: installing Python packages${extras:+ (with test extras)}"
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install --disable-pip-version-check -e ".${extras}"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "skelly setup: pip install failed (full log: $log)" >&2
    exit 1
  fi
  touch "$stamp"
fi
