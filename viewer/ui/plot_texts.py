"""The plots' words: titles, legend rows, the depth axis's caption and ticks, the hip gauge's readout.

The words sit in Qt widgets beside the plots (a header row over each plot, a caption under the
depth plots, a readout over the gauge): word-wrapping labels that Qt's layouts size, so that no
text needs fitting into a plot and no plot needs room kept free for a legend.
"""

from __future__ import annotations

import html
from collections.abc import Callable

#: Each plot's title (with the unit of its y axis).
TITLES: dict[str, str] = {
    "angles": "Joint angles (°)",
    "muscles": "Muscle length (% of standing)",
    "budget": "Hip flexion: needed vs bony stop",
}
#: The depth axis's caption (under the depth plots).
DEPTH_CAPTION = "Depth: thigh angle below parallel (°)"
#: The depth axis's ticks: (thigh angle °, label), and the plain numbers where the axis is short.
DEPTH_TICKS: tuple[tuple[float, str], ...] = ((-90.0, "−90 standing"), (-60.0, "−60"), (-30.0, "−30"),
                                              (0.0, "0 parallel"), (30.0, "30"), (60.0, "60"))
DEPTH_TICKS_SHORT: tuple[tuple[float, str], ...] = tuple((x, f"{x:.0f}".replace("-", "−")) for x, _ in DEPTH_TICKS)

#: A legend entry's sample of its curve's line: solid, dotted (the hip stop), dashed (the frozen B),
#: dash-dotted (the right hip's stop).
SOLID_SAMPLE = "━━"
DOTTED_SAMPLE = "┅┅"
DASHED_SAMPLE = "╍╍"
#: The right hip's stop when the sides differ (the left's is dotted).
DASH_DOT_SAMPLE = "━·━"
#: The legend entry of the frozen B's dashed curves.
COMPARE_ENTRY: tuple[str, str, str] = ("B (frozen)", "#666666", DASHED_SAMPLE)


def legend_html(title: str, entries: list[tuple[str, str, str]]) -> str:
    """A plot's header: its title in bold, then each entry (label, colour, line sample) as the sample
    in the curve's colour and the label. Rich text for a word-wrapping ``QLabel``: an entry never
    breaks inside (non-breaking spaces), the row breaks between entries."""
    parts = [f"<b>{html.escape(title)}</b>"]
    for label, colour, sample in entries:
        parts.append(f'<span style="color:{colour}">{sample}</span>&nbsp;{html.escape(label).replace(" ", "&nbsp;")}')
    return "&nbsp;&nbsp; ".join(parts)


def budget_text(needed_deg: float, stop_deg: float, pelvic_tuck_deg: float) -> str:
    """The hip gauge's readout in two lines: flexion the depth needs against the bony stop, and the
    pelvic tuck that makes up the difference (degrees; ``Pose.hip_flexion_needed_deg``,
    ``hip_stop_deg``, ``pelvic_tuck_deg``). The second line is blank while the pelvis does not tuck,
    so that the readout keeps its height."""
    if round(pelvic_tuck_deg) <= 0:
        return f"needs {needed_deg:.0f}° of {stop_deg:.0f}°\n "
    return f"needs {needed_deg:.0f}°, stop {stop_deg:.0f}°:\npelvis tucks {pelvic_tuck_deg:.0f}°"


def depth_ticks(px_per_deg: float, advance: Callable[[str], int], gap_px: int = 10) -> list[tuple[float, str]]:
    """The depth axis's ticks whose labels do not run into each other at ``px_per_deg``: the full
    labels ("0 parallel"), else the plain numbers, else every other number.

    ``advance(text)`` is the text's width in px at the axis's font; labels are centred on their tick.
    """
    def fits(ticks: tuple[tuple[float, str], ...]) -> bool:
        return all((b[0] - a[0]) * px_per_deg >= (advance(a[1]) + advance(b[1])) / 2 + gap_px
                   for a, b in zip(ticks, ticks[1:], strict=False))

    for ticks in (DEPTH_TICKS, DEPTH_TICKS_SHORT):
        if fits(ticks):
            return list(ticks)
    return list(DEPTH_TICKS_SHORT[::2])
