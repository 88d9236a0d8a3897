"""The headline widget grows to show every line when a text wraps (and only touches changed labels)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.anatomy import Anatomy
from viewer.state import AppState, derive
from viewer.ui.headline import COMPARE_HINT, Headline, story


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


@pytest.fixture
def headline(qtbot):
    widget = Headline()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture(scope="module")
def solutions():
    """30 depths of the default lifter, then one with B frozen (last)."""
    out = []
    for angle in np.linspace(-90.0, 40.0, 30):
        out.append(derive(AppState(anatomy=Anatomy(), thigh_angle_deg=float(angle))))
    frozen = AppState(anatomy=Anatomy(ankle_dorsiflexion_deg=25.0), compare_anatomy=Anatomy(), thigh_angle_deg=0.0)
    out.append(derive(frozen))
    return out


def test_every_line_stays_visible_in_a_narrow_headline(headline, solutions, qtbot):
    headline.resize(260, 40)
    headline.show()
    from PySide6.QtTest import QTest
    assert QTest.qWaitForWindowExposed(headline)
    for solution in solutions:
        headline.apply(solution)
        need = headline.layout().totalHeightForWidth(headline.width())
        assert headline.minimumHeight() >= need, solution.thigh_angle_deg
    assert headline.compare_label.isVisible()
    assert headline.compare_label.text().startswith("B (ghost)")


def test_only_changed_texts_are_set_again(headline, solutions):
    headline.apply(solutions[10])
    assert headline.plain_text() == story(solutions[10].sweep)
    sets = []
    headline.story_label.setText = lambda text, _orig=headline.story_label.setText: (sets.append(text), _orig(text))
    headline.apply(solutions[11])  # same anatomy, another depth: the story sentence is the same
    assert sets == []
    assert headline.detail_label.text().startswith("Now ")


def test_the_ab_line_shows_how_to_compare_until_b_is_frozen(headline, solutions):
    headline.apply(solutions[0])
    assert headline.compare_label.text() == COMPARE_HINT
    headline.apply(solutions[-1])  # B frozen
    assert headline.compare_label.text().startswith("B (ghost)")
    headline.apply(solutions[1])  # B cleared
    assert headline.compare_label.text() == COMPARE_HINT


def test_freezing_and_clearing_b_does_not_move_the_3d_view(window, qtbot):
    qtbot.wait(50)
    geometry = window.scene.geometry()
    window.store.freeze_compare()
    window.flush()
    qtbot.wait(50)
    assert window.scene.geometry() == geometry
    window.store.clear_compare()
    window.flush()
    qtbot.wait(50)
    assert window.scene.geometry() == geometry


def test_presentation_mode_keeps_the_ab_line_blank_until_b_is_frozen(window):
    window.set_presentation(True)
    window.flush()
    assert window.headline.compare_label.text() == " "
    window.store.freeze_compare()
    window.flush()
    assert window.headline.compare_label.text().startswith("B (ghost)")
    window.store.clear_compare()
    window.flush()
    assert window.headline.compare_label.text() == " "
    window.set_presentation(False)
    window.flush()
    assert window.headline.compare_label.text() == COMPARE_HINT
