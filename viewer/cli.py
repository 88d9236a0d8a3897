"""Command line: parse flags, then open the window or run a headless export.

Exit status: 0 success, 1 runtime failure (e.g. no usable OpenGL), 2 bad flags or values.
"""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``main.py`` / ``skelly``."""
    parser = argparse.ArgumentParser(prog="skelly", description="Skelly: squat anatomy lab.")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run Skelly with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    build_parser().parse_args(argv)
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("Skelly: squat anatomy lab (window under construction)")
    label.resize(640, 200)
    label.show()
    return app.exec()
