"""'What would buy depth' in the window: listed for the settled anatomy, a click tries a lever."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from viewer.model.levers import lever_effects
from viewer.model.presets import PRESETS
from viewer.ui.levers_panel import effect_text


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _rows(window) -> list[str]:
    return window.levers.row_texts()


def test_the_list_shows_the_levers_of_the_anatomy_best_first(window, qtbot):
    window.apply_preset("Stiff ankles")
    anatomy = PRESETS["Stiff ankles"].anatomy
    expected = [f"{e.lever.label}\n    {effect_text(e)}" for e in lever_effects(anatomy)]
    qtbot.waitUntil(lambda: _rows(window) == expected, timeout=3000)
    assert "tucks at 12° above parallel" in window.levers.intro.text()  # the model: −11.5°
    assert window.levers.list.isEnabled()
    assert window.levers_dock.isVisible()


def test_clicking_a_lever_tries_it_and_undo_takes_it_back(window, qtbot):
    window.apply_preset("Stiff ankles")
    before = window.store.state.anatomy
    qtbot.waitUntil(lambda: window.levers.anatomy == before, timeout=3000)
    best = window.levers.effects()[0]
    lst = window.levers.list
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(0)).center())
    assert window.store.state.anatomy == best.anatomy
    assert best.lever.label in window.statusBar().currentMessage()
    # the list follows the new anatomy (the lever just pulled is gone or shows its next step)
    qtbot.waitUntil(lambda: window.levers.anatomy == best.anatomy, timeout=3000)
    assert window.levers.effects()[0].neutral_before_deg == best.neutral_after_deg
    window.act_undo.trigger()
    assert window.store.state.anatomy == before


def test_dragging_a_slider_greys_the_list_until_release(window, qtbot):
    qtbot.waitUntil(lambda: window.levers.anatomy == window.store.state.anatomy, timeout=3000)
    listed = window.levers.effects()[0].neutral_before_deg
    window.store.set_anatomy_value("ankle_dorsiflexion_deg", 20.0, gesture=True)
    window.flush()
    assert not window.levers.list.isEnabled()
    window.levers._on_item(window.levers.list.item(0))  # a click on a stale row does nothing
    assert window.store.state.anatomy.ankle_dorsiflexion_deg == 20.0
    window.store.end_edit()
    qtbot.waitUntil(window.levers.list.isEnabled, timeout=3000)
    assert window.levers.effects()[0].neutral_before_deg != listed


def test_presentation_mode_hides_the_list(window, qtbot):
    window.set_presentation(True)
    window.flush()
    assert not window.levers_dock.isVisible()
    window.set_presentation(False)
    window.flush()
    assert window.levers_dock.isVisible()
