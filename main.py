"""Skelly entry point: ``python main.py --help``."""

import sys

try:
    from viewer.cli import main
except KeyboardInterrupt:  # Ctrl+C while Python loads: no traceback
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
