"""Typed numbers: the one rule every number box of the window follows (no Qt, no locale).

- The decimal separator is ``.`` or ``,`` whatever the system's language (``12.5`` and ``12,5`` are
  both twelve and a half); a number holds at most one of them, so ``1,234.5`` is refused rather
  than guessed at. There are no thousands separators.
- A sign may lead: ``+``, ``-`` or the typographic minus ``−`` (U+2212). ``-0`` is 0.
- The box's unit may follow (``12.5 cm``); exponents are read (``1e1`` is 10).
- A value outside the box's range, or one too large to be a number at all (``1e999``), is refused
  with a message naming the box, what was typed and the range: it is never clamped into range.

Numbers are shown with a fixed count of decimals and never as ``-0``.
"""

from __future__ import annotations

import math
import re

#: What a typed number may look like once spaces, the unit and the minus signs are tidied.
_NUMBER = re.compile(r"[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][+-]?[0-9]+)?")
#: Longest typed text repeated in a message (characters).
_ECHO_CHARS = 24


def format_number(value: float, decimals: int, unit: str = "") -> str:
    """``value`` with ``decimals`` digits after the point and ``unit`` after a space; −0 shows as 0."""
    text = f"{round(float(value), decimals) + 0.0:.{decimals}f}"  # + 0.0 turns −0.0 into 0.0
    return f"{text} {unit}" if unit else text


def value_text(value: float, unit: str) -> str:
    """A result as the guide and the photo window list it: ``"1.08×"``, ``"12.3°"``, ``"12.3 cm"``."""
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.1f}{unit}" if unit == "°" else f"{value:.1f} {unit}"


def format_range(minimum: float, maximum: float, decimals: int, unit: str = "") -> str:
    """``"0–50 °"``: the range as shown in messages (the ends to ``decimals`` digits without trailing
    zeros, − for minus)."""
    low, high = (_trimmed(format_number(v, decimals)).replace("-", "−") for v in (minimum, maximum))
    return f"{low}–{high} {unit}".rstrip()


def _trimmed(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def parse_number(text: str, *, label: str, unit: str, minimum: float, maximum: float, decimals: int = 0) -> float:
    """The number typed as ``text`` in the box called ``label``, checked against ``minimum``–``maximum``.

    Args:
        text: what was typed (see the module docstring for what is read).
        label: the box's name for messages ("Ankle dorsiflexion", "Knee-to-wall (ankle): Left foot").
        unit: the box's unit, optional after the number ("°", "cm", "" for none).
        minimum, maximum: the allowed range, in ``unit``; both ends allowed.
        decimals: digits of the range's ends in messages.

    Raises:
        ValueError: not a number, or out of range; the message is one line naming ``label``, the
            typed text and the range.
    """
    typed = " ".join(text.split())
    echo = typed if len(typed) <= _ECHO_CHARS else typed[:_ECHO_CHARS - 1] + "…"
    allowed = format_range(minimum, maximum, decimals, unit)
    cleaned = typed
    if unit and cleaned.endswith(unit):
        cleaned = cleaned[: -len(unit)]
    cleaned = cleaned.replace(" ", "").replace("\u2212", "-")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{label}: “{echo}” is not a number (allowed {allowed})")
    number = float(cleaned.replace(",", ".")) + 0.0  # + 0.0: "-0" is 0
    if not (math.isfinite(number) and minimum <= number <= maximum):
        raise ValueError(f"{label}: {echo} is out of range {allowed}")
    return number
