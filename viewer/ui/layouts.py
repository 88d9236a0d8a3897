"""Building blocks of the panels: rows and columns of widgets in one call (Qt's box layouts without a
line per widget), and the panels' word-wrapping text label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

#: An item of a box: a widget or layout; ``(widget or layout, stretch)``; ``(widget, stretch, alignment)``;
#: or an ``int``, a stretch of that factor.
Item = QWidget | QLayout | int | tuple


def _box(box: QBoxLayout, items: tuple[Item, ...], margins: int | tuple[int, int, int, int] | None,
         spacing: int | None) -> QBoxLayout:
    if margins is not None:
        box.setContentsMargins(*((margins,) * 4 if isinstance(margins, int) else margins))
    if spacing is not None:
        box.setSpacing(spacing)
    for item in items:
        if isinstance(item, int):
            box.addStretch(item)
            continue
        thing, *extra = item if isinstance(item, tuple) else (item,)
        if isinstance(thing, QLayout):
            box.addLayout(thing, *extra)
        else:
            box.addWidget(thing, *extra)
    return box


def row(*items: Item, parent: QWidget | None = None, margins: int | tuple[int, int, int, int] | None = None,
        spacing: int | None = None) -> QHBoxLayout:
    """A row of ``items``, left to right; on ``parent`` if given; ``margins`` (px, all four or
    left, top, right, bottom) and ``spacing`` (px) as the style has them when ``None``."""
    return _box(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items, margins, spacing)


def column(*items: Item, parent: QWidget | None = None, margins: int | tuple[int, int, int, int] | None = None,
           spacing: int | None = None) -> QVBoxLayout:
    """A column of ``items``, top to bottom (arguments as :func:`row`)."""
    return _box(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items, margins, spacing)


def text_label(parent: QWidget, name: str = "", text: str = "", *, rich: bool = False, wrap: bool = True,
               style: str = "") -> QLabel:
    """A word-wrapping label named ``name`` (its object name), rich text if ``rich``, with style sheet ``style``."""
    label = QLabel(text, parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if style:
        label.setStyleSheet(style)
    return label
