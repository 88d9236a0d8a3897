#!/usr/bin/env bash
# Run Skelly's checks: sets itself up (system packages incl. Xvfb, .venv, test extras), then
# ruff and the whole pytest suite (slow tests included; pass -m "not slow" to skip them).
# pytest-xvfb starts a virtual X screen for the GUI and render tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/python -m ruff check viewer tests benchmarks main.py skeleton_assets
# every folder and every test (pyproject's defaults are the fast tier); options given here come last and win
has_path=0
for arg in "$@"; do if [ -e "${arg%%::*}" ]; then has_path=1; fi; done
[ "$has_path" = 1 ] || set -- tests "$@"
# one worker per core (SKELLY_TEST_WORKERS=0 runs in this process); a test file stays on one worker, so
# it builds its shared window once
exec .venv/bin/python -m pytest -m "slow or not slow" -n "${SKELLY_TEST_WORKERS:-auto}" --dist loadfile "$@"
