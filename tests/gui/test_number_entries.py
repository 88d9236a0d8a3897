"""Typed numbers: every number box reads text by one rule (viewer/ui/number_text.py), whatever the locale.

What these tests guard against is a box that reads by the locale and clamps, as a QDoubleSpinBox does:
``12,5`` read as 12 in the C/English locale and ``12.5`` as 12 in German, ``35`` as 3 (cm) and
``1e999`` as 19, silently.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QLocale, Qt

from viewer.model import self_tests as st
from viewer.model.anatomy import Anatomy
from viewer.model.ankle import knee_to_wall_to_dorsiflexion_deg
from viewer.model.uncertain_anatomy import combine
from viewer.ui.anatomy_guide import AnatomyGuide
from viewer.ui.number_text import format_number, parse_number


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window

RANGE = {"label": "Box", "unit": "cm", "minimum": -15.0, "maximum": 16.8, "decimals": 1}


@pytest.mark.parametrize(("typed", "value"), [
    ("12.5", 12.5), ("12,5", 12.5), (" 12,5 cm ", 12.5), ("12.5cm", 12.5), ("\u22123", -3.0), ("-3", -3.0),
    ("+3", 3.0), ("-0", 0.0), (".5", 0.5), ("5.", 5.0), ("1e1", 10.0), ("16.8", 16.8), ("-15", -15.0),
])
def test_the_rule_reads_both_decimal_separators_and_the_minus_sign(typed, value):
    number = parse_number(typed, **RANGE)
    assert number == value and math.copysign(1.0, number) == math.copysign(1.0, value)


@pytest.mark.parametrize(("typed", "words"), [
    ("35", "Box: 35 is out of range −15–16.8 cm"), ("1e999", "Box: 1e999 is out of range"),
    ("16.85", "out of range"), ("-15.1", "out of range"), ("9" * 400, "out of range"),
    ("1,234.5", "“1,234.5” is not a number (allowed −15–16.8 cm)"), ("12..5", "not a number"),
    ("nan", "not a number"), ("inf", "not a number"), ("", "not a number"), ("abc", "not a number"),
    ("12 in", "not a number"), ("0x10", "not a number"),
])
def test_the_rule_refuses_with_a_message_instead_of_clamping(typed, words):
    with pytest.raises(ValueError) as info:
        parse_number(typed, **RANGE)
    message = str(info.value)
    assert words in message and "\n" not in message and len(message) < 120


def test_numbers_never_show_as_minus_zero():
    assert format_number(-0.0, 0, "°") == "0 °"
    assert format_number(-0.3, 0, "°") == "0 °"
    assert format_number(-0.04, 1) == "0.0"
    assert format_number(-0.6, 0) == "-1"


@pytest.fixture(params=["C", "German"])
def locale_window(request, make_window):
    """A window made under the C or the German locale (a spin box would read numbers by it)."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.C) if request.param == "C"
                       else QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield make_window()
    finally:
        QLocale.setDefault(previous)


def _type(qtbot, entry, text: str) -> None:
    entry.setFocus()
    entry.selectAll()
    if text.isascii():
        qtbot.keyClicks(entry, text)
    else:  # QtTest types ASCII keys only
        entry.insert(text)


def _knee_to_wall_page(window, qtbot):
    """The guide as the Ankle group's "Knee-to-wall test…" opens it: at its knee-to-wall page."""
    qtbot.mouseClick(window.controls.knee_to_wall_button, Qt.MouseButton.LeftButton)
    guide = window.findChild(AnatomyGuide)
    page = guide.stack.currentWidget()
    assert guide.isVisible() and page.page.key == "knee_to_wall"
    return guide, page


def _range_typed(anatomy: Anatomy, cm_per_unit: float) -> tuple[float, float]:
    """The knee-to-wall distances that can be typed for ``anatomy`` in a unit (one decimal, rounded inward)."""
    lo, hi = st.knee_to_wall_range_cm(anatomy)
    return math.ceil(lo / cm_per_unit * 10) / 10, math.floor(hi / cm_per_unit * 10) / 10


@pytest.mark.parametrize("typed", ["12,5", "12.5", "12,5 cm"])
def test_knee_to_wall_reads_both_decimal_separators_in_every_locale(locale_window, qtbot, typed):
    window = locale_window
    window.band_runner.samples, window.band_runner.lever_samples = 16, 2  # the reading is tested, not the band
    base = window.store.state.anatomy
    guide, page = _knee_to_wall_page(window, qtbot)
    box = page.inputs["left"]
    _type(qtbot, box, "8")  # first another value, so that 12.5 must really be read
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert page.meanings["left"].text() == f"= {knee_to_wall_to_dorsiflexion_deg(0.08, base):.0f}°"
    _type(qtbot, box, typed)
    assert page.meanings["left"].text() == f"= {knee_to_wall_to_dorsiflexion_deg(0.125, base):.0f}°"
    guide.go_to(guide.result_index)
    qtbot.mouseClick(guide.apply_button, Qt.MouseButton.LeftButton)
    expected = combine(base, [st.knee_to_wall(12.5, base, "left")])
    assert window.store.state.own_anatomy == expected
    assert window.store.state.anatomy.ankle_dorsiflexion_deg == expected.anatomy.mean.ankle_dorsiflexion_deg


@pytest.mark.parametrize("typed", ["35", "1e999", "-20", "abc", "1,234.5"])
def test_knee_to_wall_refuses_what_it_cannot_use_with_a_message(locale_window, qtbot, typed):
    window = locale_window
    before = window.store.state
    guide, page = _knee_to_wall_page(window, qtbot)
    box = page.inputs["left"]
    _type(qtbot, box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    message = page.error.text()
    assert message.startswith("Knee-to-wall (ankle): Left foot: ")
    assert "out of range" in message or "not a number" in message
    low, high = _range_typed(before.anatomy, 1.0)
    assert f"−{-low:g}–{high:g} cm" in message  # the possible range, in the box's unit
    assert box.styleSheet() and box.toolTip() == message  # the box is marked
    assert page.meanings["left"].text() == ""  # no dorsiflexion shown for it
    guide.go_to(guide.result_index)
    assert not guide.apply_button.isEnabled() and "Left foot" in guide.result_label.text()
    guide.apply()
    window.flush()
    assert window.store.state == before


def test_knee_to_wall_accepts_exactly_the_distances_of_the_dorsiflexion_range(qtbot):
    anatomy = Anatomy()
    guide = AnatomyGuide(anatomy)
    qtbot.addWidget(guide)
    page = next(p for p in guide.pages if p.page.key == "knee_to_wall")
    box = page.inputs["left"]
    low, high = _range_typed(anatomy, 1.0)
    for distance, deg in ((low, 0.0), (high, 50.0)):
        _type(qtbot, box, format_number(distance, 1))
        assert page.value("left") == pytest.approx(distance)
        assert float(page.meanings["left"].text().strip("= °")) == pytest.approx(deg, abs=1.0)
        assert page.observations(anatomy) == [st.knee_to_wall(page.value("left"), anatomy, "left")]
    for beyond in (low - 0.1, high + 0.1):
        _type(qtbot, box, format_number(beyond, 1))
        assert page.check() and "out of range" in page.error.text()
    page.unit.setCurrentText("in")
    low_in, high_in = _range_typed(anatomy, 2.54)
    assert low_in == pytest.approx(low / 2.54, abs=0.1) and high_in == pytest.approx(high / 2.54, abs=0.1)
    assert page.check() and f"−{-low_in:g}–{high_in:g} in" in page.error.text()  # 16.9 in: refused, the range in inches
    _type(qtbot, box, format_number(high_in, 1))
    assert page.check() == [] and box.styleSheet() == ""
    assert page.value("left") == pytest.approx(high_in * 2.54)
    assert float(page.meanings["left"].text().strip("= °")) == pytest.approx(50.0, abs=2.0)


@pytest.mark.parametrize(("typed", "value"), [("12,5", 12.5), ("12.5 kg", 12.5), ("\u22120", 0.0)])
def test_slider_boxes_follow_the_same_rule_in_every_locale(locale_window, qtbot, typed, value):
    window = locale_window
    slider = window.controls.controls["load_kg"]
    _type(qtbot, slider.entry, "30")
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    _type(qtbot, slider.entry, typed)
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    assert window.store.state.anatomy.load_kg == value


def test_minus_zero_typed_shows_zero(window, qtbot):
    slider = window.controls.controls["toe_out_deg"]
    _type(qtbot, slider.entry, "-0")
    qtbot.keyClick(slider.entry, Qt.Key.Key_Return)
    window.flush()
    value = window.store.state.anatomy.toe_out_deg
    assert value == 0.0 and math.copysign(1.0, value) == 1.0
    assert slider.entry.text() == "0 °"
