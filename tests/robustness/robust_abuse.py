"""A random user for the real window (issue 5 §3): thousands of actions through its widgets and actions.

Used by ``test_robust_gui_abuse.py`` (fixed seed in CI, random seed in the slow run) and by
``benchmarks/soak.py``. Every action goes through what a user touches: sliders (dragged,
clicked, keyed, typed into, double-click reset), combo boxes, check boxes, menu actions and
their shortcuts' actions, camera buttons, the depth bar, window resizes and presentation mode.

Each action's work is timed per event-loop pass, which is what blocks the UI thread (Qt reads
input between passes): the action's own code with the first pass (the store, the views' update),
then each later pass until its frame is drawn (the render, a relayout's repaint). The time from
the action to its frame is kept apart (``Run.latency_ms``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from viewer.model import kinematics as kin
from viewer.model import self_tests as st
from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS
from viewer.state import CAMERAS, AppState, clamp_depth
from viewer.ui.anatomy_guide import AnatomyGuide
from viewer.ui.controls import BoolControl, ChoiceControl
from viewer.ui.float_slider import FloatSlider

#: Text a user might type into a value box: numbers in and out of range, junk, NaN, infinities.
TYPED = ["0", "-1", "1e309", "-1e309", "nan", "inf", "-inf", "abc", "", " ", "1,5", "12..5", "٣", "9" * 400,
         "0x10", "1e-320", "+5", "40°", "None"]


@contextlib.contextmanager
def recording_excepthook() -> Iterator[list[str]]:
    """Record every exception that reaches ``sys.excepthook`` (slots, VTK observers, timers)."""
    import traceback

    seen: list[str] = []
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        seen.append("".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
    try:
        yield seen
    finally:
        sys.excepthook = previous


def float_controls(window) -> list[FloatSlider]:
    return [c for c in window.controls.controls.values() if isinstance(c, FloatSlider)]


def _slider_drag(window, rng: random.Random) -> str:
    control = rng.choice(float_controls(window))
    slider = control.slider
    slider.setSliderDown(True)
    for _ in range(rng.randint(1, 4)):
        slider.setValue(rng.choice([0, slider.maximum(), rng.randint(0, slider.maximum())]))
    slider.setSliderDown(False)
    return f"drag {control.spec.name} to {control.value()}"


def _slider_click(window, rng: random.Random) -> str:
    control = rng.choice(float_controls(window))
    control.slider.setValue(rng.randint(0, control.slider.maximum()))
    return f"click {control.spec.name} to {control.value()}"


def _slider_key(window, rng: random.Random) -> str:
    control = rng.choice(float_controls(window))
    key = rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
                      Qt.Key.Key_Home, Qt.Key.Key_End])
    QTest.keyClick(control.slider, key)
    return f"key {key.name} on {control.spec.name}"


def _type_value(window, rng: random.Random) -> str:
    control = rng.choice(float_controls(window))
    spec = control.spec
    text = rng.choice(TYPED + [f"{rng.uniform(spec.minimum, spec.maximum):.3f}",
                               f"{spec.maximum + 1:g}", f"{spec.minimum - 1:g}"])
    control.entry.setText(text)
    control.entry.editingFinished.emit()
    return f"type {text!r} into {spec.name}"


def _reset_one(window, rng: random.Random) -> str:
    control = rng.choice(float_controls(window))
    QTest.mouseDClick(control.slider, Qt.MouseButton.LeftButton)
    return f"double-click {control.spec.name}"


def _choice(window, rng: random.Random) -> str:
    control = rng.choice([c for c in window.controls.controls.values() if isinstance(c, ChoiceControl)])
    control.combo.setCurrentIndex(rng.randrange(control.combo.count()))
    return f"choose {control.combo.currentText()} for {control.spec.name}"


def _toggle(window, rng: random.Random) -> str:
    control = rng.choice([c for c in window.controls.controls.values() if isinstance(c, BoolControl)])
    control.click()
    return f"toggle {control.spec.name}"


def _preset(window, rng: random.Random) -> str:
    name = rng.choice(list(PRESETS))
    if rng.random() < 0.5:
        window.preset_actions[name].trigger()
    else:
        window.preset_list.itemClicked.emit(window.preset_list.item(list(PRESETS).index(name)))
    return f"preset {name}"


def _action(name: str) -> Callable[[object, random.Random], str]:
    def run(window, _rng: random.Random) -> str:
        getattr(window, name).trigger()
        return name

    return run


def _camera(window, rng: random.Random) -> str:
    name = rng.choice(CAMERAS)
    if rng.random() < 0.5:
        window.camera_buttons[name].click()
    else:
        window.camera_actions[name].trigger()
    return f"camera {name}"


def _depth_slider(window, rng: random.Random) -> str:
    slider = window.depth_bar.slider
    slider.setValue(rng.choice([0, slider.maximum(), rng.randint(0, slider.maximum())]))
    return f"depth slider {slider.value()}"


def _depth_key(window, rng: random.Random) -> str:
    key = rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
                      Qt.Key.Key_End])
    shift = Qt.KeyboardModifier.ShiftModifier if rng.random() < 0.3 else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(window, key, shift)
    return f"window key {key.name}"


def _tempo(window, rng: random.Random) -> str:
    combo = window.depth_bar.tempo
    combo.setCurrentIndex(rng.randrange(combo.count()))
    return f"tempo {combo.currentText()}"


def _resize(window, rng: random.Random) -> str:
    w, h = rng.randint(500, 1600), rng.randint(400, 1000)
    window.resize(w, h)
    return f"resize {w}x{h}"


def _escape(window, _rng: random.Random) -> str:
    window.set_presentation(False)  # what the Esc shortcut does
    return "escape"


def _knee_to_wall(window, rng: random.Random) -> str:
    """The Ankle group's "Knee-to-wall test…": one foot's distance typed in the guide, then "Apply"."""
    window.controls.knee_to_wall_button.click()
    guide = window.findChild(AnatomyGuide)
    page = guide.stack.currentWidget()
    low, high = st.knee_to_wall_range_cm(guide.anatomy)
    text = rng.choice([f"{rng.uniform(low, high):.1f}", f"{rng.uniform(low, high):.1f}".replace(".", ","),
                       rng.choice(TYPED)])  # mostly good distances, some junk (refused with a message)
    side = rng.choice(["left", "right"])
    for box in page.inputs.values():
        box.clear()
    page.inputs[side].setText(text)
    guide.go_to(guide.result_index)
    guide.apply_button.click()  # closes the guide; refused text: disabled, the result page says why
    applied = not guide.isVisible()
    guide.reject()
    window.activateWindow()  # the window's shortcuts again
    return f"knee-to-wall {side} {text!r} ({'applied' if applied else 'refused'})"


def _lever(window, rng: random.Random) -> str:
    lst = window.levers.list
    if lst.count() == 0:
        return "lever (none listed yet)"
    row = rng.randrange(lst.count())
    lst.itemClicked.emit(lst.item(row))  # greyed while a slider is dragged: then ignored
    return f"lever {lst.item(row).text().splitlines()[0] if lst.item(row) else row}"


#: (name, weight, action). Presentation mode and resizes are rarer: they re-lay out the whole window.
ACTIONS: list[tuple[str, float, Callable[[object, random.Random], str]]] = [
    ("slider_drag", 10, _slider_drag), ("slider_click", 6, _slider_click), ("slider_key", 4, _slider_key),
    ("type_value", 4, _type_value), ("double_click_reset", 2, _reset_one), ("choice", 3, _choice),
    ("toggle", 2, _toggle), ("preset", 4, _preset), ("undo", 5, _action("act_undo")),
    ("redo", 3, _action("act_redo")), ("reset_defaults", 1, _action("act_reset")),
    ("play_pause", 3, _action("act_play")), ("tempo", 1, _tempo), ("camera", 3, _camera),
    ("freeze_b", 2, _action("act_freeze")), ("clear_b", 1, _action("act_clear_b")),
    ("ghost", 1, _action("act_ghost")), ("labels", 2, _action("act_labels")),
    ("muscles", 2, _action("act_muscles")), ("depth_slider", 8, _depth_slider), ("depth_key", 5, _depth_key),
    ("go_to_tuck", 2, _action("act_tuck")), ("go_to_rounding", 2, _action("act_round")),
    ("step_deeper", 2, _action("act_deeper")), ("step_shallower", 2, _action("act_shallower")),
    ("resize", 1, _resize), ("presentation", 0.6, _action("act_presentation")), ("escape", 0.4, _escape),
    ("knee_to_wall", 1, _knee_to_wall), ("lever", 1.5, _lever),
]


@dataclasses.dataclass
class Run:
    """What a run did: how many actions of each kind, how long each blocked the UI thread."""

    seed: int
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    stalls_ms: list[tuple[float, str]] = dataclasses.field(default_factory=list)
    #: per action: from the action to its frame drawn (the event-loop passes in between, and the waits)
    latency_ms: list[tuple[float, str]] = dataclasses.field(default_factory=list)
    log: list[str] = dataclasses.field(default_factory=list)

    def worst(self, n: int = 5) -> list[tuple[float, str]]:
        return sorted(self.stalls_ms, reverse=True)[:n]

    def percentile_ms(self, q: float) -> float:
        return float(np.percentile([t for t, _ in self.stalls_ms], q)) if self.stalls_ms else 0.0

    def worst_by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for t, kind in self.stalls_ms:
            out[kind] = max(out.get(kind, 0.0), t)
        return out


#: Longest wait for an action's update and frame (s); camera moves and playback keep asking for frames.
FINISH_S = 0.25


def wait_first_frame(window, timeout_s: float = 10.0) -> None:
    """Run the event loop until the window has drawn its first frame and applied its state, as the app
    does at start-up (the first frame compiles the shaders: ≈ 0.1 s here). Fails if it never does."""
    app = QApplication.instance()
    end = time.perf_counter() + timeout_s
    while (_renders(window) == 0 or window.update_pending) and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    assert _renders(window) > 0 and not window.update_pending, "the window drew no first frame"


def _renders(window) -> int:
    view = window.scene.view
    return view.render_count if view is not None else 0


def _finish(app, window, kind: str, run: Run, on_turn: Callable[[str, float, float, float], None] | None,
            t0: float, renders_before: int) -> None:
    """Run the event loop until the action's update is applied and its frame drawn; time each pass.

    The window applies a state in one event-loop iteration and draws its frame in a later one (a
    timer started in a timer's callback fires in the next iteration; a relayout's frame waits
    RELAYOUT_SETTLE_MS). Qt reads the user's input between iterations, so each pass that did work
    (> 1 ms, not an idle poll) is one stall of its own, charged to the action. Stops at the action's
    first frame (a camera move or the playing squat go on asking for frames) and records the time
    from the action to it in ``run.latency_ms``.
    """
    end = time.perf_counter() + FINISH_S
    while window.update_pending and _renders(window) == renders_before and time.perf_counter() < end:
        _timed_pass(app, kind, run, on_turn)
    run.latency_ms.append(((time.perf_counter() - t0) * 1000.0, kind))


def _timed_pass(app, kind: str, run: Run, on_turn: Callable[[str, float, float, float], None] | None) -> None:
    """One ``processEvents()`` pass; recorded as a stall of ``kind`` if it did work (> 1 ms, not an idle
    poll). ``on_turn`` gets (kind, start, start, end): a pass after the action's first has no action part."""
    t3 = time.perf_counter()
    app.processEvents()
    t4 = time.perf_counter()
    if (t4 - t3) * 1000.0 > 1.0:
        run.stalls_ms.append(((t4 - t3) * 1000.0, kind))
        if on_turn is not None:
            on_turn(kind, t3, t3, t4)


def run_actions(window, n: int, rng: random.Random, run: Run, check: Callable[[], None] | None = None,
                batch: int = 100, on_turn: Callable[[str, float, float, float], None] | None = None) -> None:
    """Perform ``n`` random actions on ``window``; time each event-loop pass; ``check`` after each batch.

    ``on_turn(kind, t0, t1, t2)`` (for benchmarks/ui_stalls.py) gets each timed pass's
    ``time.perf_counter()`` stamps in seconds: start, action done (store updated; = start for the
    later passes of an action and for animation frames), pass done.
    """
    names = [a[0] for a in ACTIONS]
    weights = [a[1] for a in ACTIONS]
    table = {a[0]: a[2] for a in ACTIONS}
    app = QApplication.instance()
    for i in range(n):
        kind = rng.choices(names, weights)[0]
        renders_before = _renders(window)
        t0 = time.perf_counter()
        what = table[kind](window, rng)
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        run.stalls_ms.append(((t2 - t0) * 1000.0, kind))
        if on_turn is not None:
            on_turn(kind, t0, t1, t2)
        _finish(app, window, kind, run, on_turn, t0, renders_before)
        run.counts[kind] = run.counts.get(kind, 0) + 1
        run.log.append(what)
        if window.depth_bar.is_playing() and rng.random() < 0.25:  # let the animation run a few frames
            end = time.perf_counter() + 0.04
            while time.perf_counter() < end:
                _timed_pass(app, "playing", run, on_turn)  # animation frames
        if check is not None and (i + 1) % batch == 0:
            check()


def image_is_not_blank(image: np.ndarray) -> float:
    """Share of pixels that are not the background colour (0 … 1)."""
    from viewer.render.scene import BACKGROUND

    bg = np.array(BACKGROUND) * 255.0
    far = np.abs(image.astype(float) - bg).max(axis=2) > 40
    return float(far.mean())


def check_window(window) -> None:
    """The window shows a valid state, consistently everywhere, and a non-blank 3D view."""
    window.depth_bar.set_playing(False)
    QApplication.processEvents()
    window.flush()
    store = window.store
    state, solution = store.state, store.solution
    # a valid AppState: every field passes validation again
    assert isinstance(state, AppState)
    assert Anatomy.from_dict(state.anatomy.to_dict()) == state.anatomy
    assert AppState(**{f: getattr(state, f) for f in AppState.__dataclass_fields__}) == state
    if state.compare_anatomy is not None:
        assert Anatomy.from_dict(state.compare_anatomy.to_dict()) == state.compare_anatomy
    # derived consistently
    assert solution.thigh_angle_deg == clamp_depth(solution.sweep, state.thigh_angle_deg)
    assert (solution.compare_pose is None) == (state.compare_anatomy is None)
    # every view shows the state
    for name, control in window.controls.controls.items():
        assert control.value() == getattr(state.anatomy, name), name
    assert window.depth_bar.fraction() == solution.depth_fraction
    assert window.act_undo.isEnabled() == store.can_undo and window.act_redo.isEnabled() == store.can_redo
    assert window.is_presentation() == state.presentation
    assert state.presentation or not window.isFullScreen()  # (a resize while full screen leaves it, as in Qt)
    assert window.act_labels.isChecked() == state.show_labels
    assert window.act_muscles.isChecked() == state.show_muscles
    scene = window.scene.view.scene
    expected = kin.bone_matrices(solution.pose, state.anatomy, scene.specs)
    for bone_id, actor in scene.bones.actors.items():
        m = actor.GetUserMatrix()
        got = np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])
        np.testing.assert_allclose(got, expected[bone_id], atol=1e-9, err_msg=bone_id)
    # and the 3D view still draws the skeleton
    image = window.scene.grab_image()
    assert image.ndim == 3 and image.shape[0] > 50 and image.shape[1] > 50
    share = image_is_not_blank(image)
    assert share > 0.01, f"3D view looks blank ({share:.2%} non-background pixels, camera {state.camera})"
