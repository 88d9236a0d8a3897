#!/usr/bin/env bash
# Run Skelly: sets itself up on first use, then starts the app. Extra arguments go to main.py
# (try --help). Example: scripts/app.sh --preset "Stiff ankles"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Wayland sessions: VTK needs an X window id, so use XWayland unless the user chose a platform.
if [ -n "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then export QT_QPA_PLATFORM=xcb; fi
exec .venv/bin/python main.py "$@"
