#!/usr/bin/env bash
# Run Skelly: sets itself up on first use, then starts the app. Extra arguments go to main.py
# (try --help). Example: scripts/app.sh --preset "Stiff ankles"
# Runs in the folder it is called from, so relative paths (--profile me.json, --screenshot out.png)
# are the user's, not the repository's.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bash "$repo/scripts/setup.sh" >&2  # set-up messages on stderr: stdout is the app's (--sweep-csv -)
# Wayland sessions: the app itself uses XWayland (VTK needs an X window id), or says clearly that it is missing.
exec "$repo/.venv/bin/python" "$repo/main.py" "$@"
