#!/usr/bin/env bash
# Run Skelly: sets itself up on first use, then starts the app. Extra arguments go to main.py
# (try --help). Example: scripts/app.sh --preset "Stiff ankles"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Wayland sessions: the app itself uses XWayland (VTK needs an X window id), or says clearly that it is missing.
exec .venv/bin/python main.py "$@"
