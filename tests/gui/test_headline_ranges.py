"""The headline tells an uncertain anatomy's onsets as ranges, in plain words."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.uncertainty import Band, Spread
from viewer.state import AppState, derive
from viewer.ui.headline import Headline, story
from viewer.ui.range_words import range_story, span


@pytest.mark.parametrize(("low", "high", "words"), [
    (-4.2, 3.4, "between 4° above and 3° below parallel"),
    (10.0, 20.0, "between 10° and 20° below parallel"),
    (-10.0, -2.0, "between 10° and 2° above parallel"),
    (0.2, 5.0, "between parallel and 5° below parallel"),
    (-0.3, 0.4, "at about parallel"),
    (6.0, 6.2, "at about 6° below parallel"),
])
def test_span_words(low, high, words):
    assert span(low, high) == words


def _band(tuck: Spread, rounding: Spread) -> Band:
    g = np.zeros(3)
    return Band(g, np.zeros((3, 3)), np.zeros((3, 3)), g, tuck, rounding, Spread(40.0, 45.0, 50.0, 1.0), 64)


def test_range_story_tells_both_onsets_and_tails_that_never_get_there():
    text = range_story(_band(Spread(-4.0, 0.0, 3.0, 1.0), Spread(8.0, 12.0, 15.0, 1.0)))
    assert text == ("Your pelvis most likely starts to tuck between 4° above and 3° below parallel; your lower "
                    "back most likely rounds between 8° and 15° below parallel (8 in 10 of the anatomies your "
                    "tests allow).")
    tail = range_story(_band(Spread(5.0, 9.0, None, 0.8), Spread(None, None, None, 0.05)))
    assert "starts to tuck below 5° below parallel, or never tucks (20% of" in tail
    assert "your lower back most likely keeps its curve (it does in 5% of" in tail


def test_the_headline_switches_between_exact_story_and_ranges(qtbot):
    headline = Headline()
    qtbot.addWidget(headline)
    solution = derive(AppState())
    headline.apply(solution)
    assert headline.plain_text() == story(solution.sweep)
    band = _band(Spread(-4.0, 0.0, 3.0, 1.0), Spread(8.0, 12.0, 15.0, 1.0))
    headline.set_band(band)
    assert headline.plain_text() == range_story(band)
    assert 'color:#D55E00">starts to tuck' in headline.story_label.text()  # the same colours as the story
    headline.set_band(None)
    assert headline.plain_text() == story(solution.sweep)
