"""The plots' words in a long and a short form, and how a narrow plots panel chooses between them.

On a 1024-px screen the plots panel is ≈ 260 px wide: pyqtgraph would clip the legends, titles and
the gauge's text. The panel (:class:`viewer.ui.plots.PlotsPanel`) asks here which words fit.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg

#: Shorter legend labels for a narrow panel (a 1024-px screen): full label → short one.
SHORT_LABELS: dict[str, str] = {
    "Pelvic tilt": "Pelvis", "Lumbar flexion": "Lumbar", "Trunk lean": "Trunk",
    "Hamstring (semimembr.)": "Semimem.", "Hamstring (biceps fem.)": "Biceps f.",
    "Rectus femoris": "Rectus f.", "Calf (gastrocnemius)": "Calf",
}
#: Each plot's title, and the shorter one used when the panel is too narrow for it.
TITLES: dict[str, tuple[str, str]] = {
    "angles": ("Joint angles", "Joint angles"),
    "muscles": ("Muscle length vs standing", "Muscle length"),
    "budget": ("Hip flexion: needed vs bony stop", "Hip flexion vs stop"),
}
#: The depth axis's label, and the shorter one for a narrow panel.
DEPTH_LABELS: tuple[str, str] = ("Depth: thigh angle below parallel (°)", "Thigh below parallel (°)")
#: The depth axis's ticks: (thigh angle °, label), and the plain numbers for a narrow panel.
DEPTH_TICKS: tuple[tuple[float, str], ...] = ((-90.0, "−90 standing"), (-60.0, "−60"), (-30.0, "−30"),
                                              (0.0, "0 parallel"), (30.0, "30"), (60.0, "60"))
DEPTH_TICKS_SHORT: tuple[tuple[float, str], ...] = tuple((x, f"{x:.0f}".replace("-", "−")) for x, _ in DEPTH_TICKS)
#: Legend columns when there is room (normal, presentation mode); fewer when the panel is narrow.
LEGEND_COLUMNS: dict[str, tuple[int, int]] = {"angles": (3, 2), "muscles": (2, 2)}


def budget_text(needed_deg: float, stop_deg: float, pelvic_tuck_deg: float, compact: bool = False) -> str:
    """The hip gauge's words: flexion the depth needs against the bony stop, and the pelvic tuck that
    makes up the difference (degrees; ``Pose.hip_flexion_needed_deg``, ``hip_stop_deg``, ``pelvic_tuck_deg``)."""
    if round(pelvic_tuck_deg) <= 0:
        return f"needs {needed_deg:.0f}° of {stop_deg:.0f}°"
    if compact:
        return f"needs {needed_deg:.0f}° > stop {stop_deg:.0f}°"
    return f"needs {needed_deg:.0f}°, stop {stop_deg:.0f}°: pelvis tucks {pelvic_tuck_deg:.0f}°"


#: Space between a legend's line samples and labels, px (pyqtgraph's default is 5; 2 lets a two-column
#: legend of the short muscle names fit a 1024-px screen's 205-px plots).
LEGEND_SPACING_PX = 2
#: A legend column's width beyond its widest text, and the legend frame's, px. Measured on pyqtgraph
#: 0.14 legends of 1–4 columns at 9 and 16 pt: 0–4 px wider than the legends, never narrower (the
#: + 34 px per column used before came out up to 30 px too narrow, and legends ran off their plots).
LEGEND_COLUMN_PX = 33
LEGEND_FRAME_PX = 15
#: A plot whose view box is lower than this (px) puts its legend in as few rows as fit (short labels
#: before a second row): on a 720-px screen the muscle plot is ≈ 60 px high and a two-row legend hid it.
SHORT_PLOT_PX = 150
#: The most legend columns a low plot may use.
LOW_PLOT_COLUMNS = 4
#: A legend frame's margins, px (left, top, right, bottom). Qt's default is 9 all round: a two-row
#: legend was 56 px high, and 44 px with 3 px above and below its rows.
LEGEND_MARGINS_PX = (9, 3, 9, 3)
#: Space kept between a legend's bottom and the highest a curve can reach, px.
LEGEND_GAP_PX = 4


#: A curve's line sample in a legend written as a plot's title (see :func:`title_legend`).
TITLE_SAMPLE = "━━"


def title_legend(entries: list[tuple[str, str]], width_px: int, advance: Callable[[str], int]) -> str | None:
    """A low plot's legend as its title line, so that the curves get the plot's whole height: each
    label after a line sample in its curve's colour (rich text), the full labels if they fit
    ``width_px``, else the :data:`SHORT_LABELS`; ``None`` if neither fits.

    ``entries``: (full label, colour) in legend order; ``advance(text)``: width in px at the title's font.
    """
    for texts in ([label for label, _ in entries], [SHORT_LABELS.get(label, label) for label, _ in entries]):
        if advance("   ".join(f"{TITLE_SAMPLE} {text}" for text in texts)) <= width_px:
            return "&nbsp;&nbsp;&nbsp;".join(f'<span style="color:{colour}">{TITLE_SAMPLE}</span>&nbsp;{text}'
                                             for text, (_label, colour) in zip(texts, entries, strict=True))
    return None


def range_top_clear_of_legend(band: tuple[float, float], view_px: float, legend_px: float) -> float:
    """Top of a plot's y range (data units) that puts the curves' ``band`` (lowest, highest value
    any curve can reach; the range's bottom is the band's bottom) below a legend at the plot's top.

    ``view_px``: the view box's height; ``legend_px``: from the view box's top to the legend's
    bottom. The band gets the height under the legend less :data:`LEGEND_GAP_PX`, but never less
    than half the view (a legend taller than that covers the top of the band).
    """
    lo, hi = float(band[0]), float(band[1])
    if view_px <= 0.0:
        return hi
    below = max(view_px - legend_px - LEGEND_GAP_PX, 0.5 * view_px)
    return lo + view_px * (hi - lo) / below


def legend_layout(labels: list[str], columns: int, width_px: int, advance: Callable[[str], int],
                  fewest_rows: bool = False) -> tuple[list[str], int]:
    """Legend texts and column count that fit ``width_px``: the full labels in as many of
    ``columns`` as fit (at least two), else the :data:`SHORT_LABELS` in as many as fit (at least one).
    ``fewest_rows`` (a low plot): the most columns that fit, with the full labels if they fit in
    that many, else the short ones.

    ``advance(text)`` is the text's width in px at the legend's font. pyqtgraph fills the legend
    row by row (entry ``i`` in column ``i % n``); a column takes its widest text +
    :data:`LEGEND_COLUMN_PX` (line sample and gaps), the frame :data:`LEGEND_FRAME_PX` more.
    """
    def width(texts: list[str], n: int) -> int:
        columns = min(n, len(texts))
        return sum(max(advance(t) for t in texts[c::n]) + LEGEND_COLUMN_PX for c in range(columns)) + LEGEND_FRAME_PX

    short = [SHORT_LABELS.get(t, t) for t in labels]
    if fewest_rows:
        candidates = [(texts, n) for n in range(columns, 0, -1) for texts in (labels, short)]
    else:
        candidates = [(labels, n) for n in range(columns, 1, -1)] + [(short, n) for n in range(columns, 0, -1)]
    for texts, n in candidates:
        if width(texts, n) <= width_px:
            return list(texts), n
    return short, 1


def fit_legend(legend: pg.LegendItem, full_labels: list[str], columns: int, width_px: int,
               advance: Callable[[str], int], fewest_rows: bool = False) -> None:
    """Give ``legend`` the texts and column count of :func:`legend_layout` and a frame that fits them."""
    texts, n = legend_layout(full_labels, columns, width_px, advance, fewest_rows)
    for (_sample, label), text in zip(legend.items, texts, strict=True):
        if label.text != text:
            label.setText(text)
    if legend.columnCount != n:
        legend.setColumnCount(n)
    # shrink the frame to its least and lay the labels out in it, then fit the frame round them
    # (pyqtgraph sizes the frame from the labels' last widths, and the labels fill the frame)
    legend.resize(0, 0)
    legend.layout.activate()
    legend.updateSize()


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
