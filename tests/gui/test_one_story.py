"""One number everywhere: every preset walked standing → tuck onset → rounding onset → deepest in the real
window, and every place that shows a figure (headline, gauge, plots, depth bar, depth list, CSV) shows the
model's one figure for it; no text claims a tuck or a rounding the model does not have."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.io.exports import sweep_csv_text
from viewer.model.anatomy import Anatomy
from viewer.model.presets import PRESETS
from viewer.render.scene import lumbar_readout, pelvis_readout
from viewer.wording import at as at_depth
from viewer.wording import curve_words, where


@pytest.fixture
def window(shared_window):
    """The module's one window, reset to the default state (``tests/window_fixtures.py``)."""
    return shared_window


def _texts(window) -> dict[str, str]:
    plots = window.plots
    return {
        "story": window.headline.plain_text(),
        "detail": window.headline.detail_label.text(),
        "gauge": plots.budget_text.text(),
        "depth": window.depth_bar.readout.text(),
        "levers": window.levers.intro.text() + "\n" + "\n".join(window.levers.row_texts()),
    }


def _check_depth(window, label: str) -> None:
    """Every display at the store's current depth shows the pose's figures."""
    sol = window.store.solution
    sweep, pose, thigh = sol.sweep, sol.pose, sol.thigh_angle_deg
    t = _texts(window)
    at = f"{label} at {thigh:.2f}°"
    for text in t.values():
        assert " at at " not in text and "to at " not in text, (at, text)
    # the headline's figures are the pose's
    assert f"Now {where(thigh)}: hip {pose.hip_flexion_deg:.0f}° of {pose.hip_stop_deg:.0f}°" in t["detail"], at
    assert curve_words(pose.lumbar_curve_deg) in t["detail"], at
    tucking = sweep.tuck_onset is not None and thigh >= sweep.tuck_onset.thigh_angle_deg
    assert (f"pelvis tucked {pose.pelvic_tuck_deg:.0f}°" in t["detail"]) == tucking, (at, t["detail"])
    # the gauge: the same hip figure and the same tuck, its bar over the stop the same tuck
    needed, stop, tuck = pose.hip_flexion_needed_deg, pose.hip_stop_deg, pose.pelvic_tuck_deg
    assert t["gauge"].startswith(f"needs {needed:.0f}°"), (at, t["gauge"])
    assert (f"pelvis tucks {tuck:.0f}°" in t["gauge"]) == (round(tuck) > 0), (at, t["gauge"])
    assert window.plots.budget_over.span()[1] == pytest.approx(tuck, abs=0.5), at
    if round(tuck) == 0:
        assert f"of {stop:.0f}°" in t["gauge"], at
    # below the onset the hip sits on its stop: needed − stop is the tuck (one figure, two views)
    if tucking:
        assert needed - stop == pytest.approx(tuck, abs=0.5), at
    else:
        assert tuck == 0.0, at
    # the 3D view's readouts and banners: the same figures, the same onsets
    window.scene.grab_image()
    scene = window.scene.view.scene
    assert scene.angle_labels.text("hip") == f"Hip {pose.hip_flexion_deg:.0f}°", at
    assert scene.angle_labels.text("pelvis") == pelvis_readout(pose.pelvic_tilt_deg, tuck), at
    assert scene.angle_labels.text("lumbar") == lumbar_readout(pose.lumbar_curve_deg), at
    if round(tuck) >= 1:
        assert f"tucked {tuck:.0f}°" in scene.angle_labels.text("pelvis"), at
    assert bool(scene.contact.banner.GetVisibility()) == tucking, at
    rounding = sweep.rounding_onset is not None and thigh >= sweep.rounding_onset.thigh_angle_deg
    assert bool(scene.rounding_banner.GetVisibility()) == rounding, at
    # the plots' cursors and the depth bar show this depth
    for cursor in window.plots.cursors:
        assert cursor.value() == pytest.approx(thigh), at
    assert t["depth"] == f"Now: thigh {where(thigh)}", at


def _check_sweep(window, name: str) -> None:
    """The onsets and what ends the squat, as every place states them."""
    sweep = window.store.solution.sweep
    t = _texts(window)
    plots = window.plots
    tuck, rounding = sweep.tuck_onset, sweep.rounding_onset
    if tuck is None:
        assert "never tucks" in t["story"] and "starts to tuck" not in t["story"], name
        assert not plots.tuck_line.isVisible() and not window.depth_bar.tuck_button.isEnabled(), name
        intro = t["levers"].split("\n")[0]
        assert "tucks" not in intro and "stays neutral to the deepest point" in intro, name
    else:
        assert f"starts to tuck {at_depth(tuck.thigh_angle_deg)}" in t["story"], name
        assert plots.tuck_line.isVisible() and plots.tuck_line.value() == pytest.approx(tuck.thigh_angle_deg)
        assert f"Now the pelvis tucks {at_depth(tuck.thigh_angle_deg)}." in t["levers"], name
    if rounding is None:
        assert "rounds" not in t["story"], (name, t["story"])
        assert not plots.round_line.isVisible() and not window.depth_bar.round_button.isEnabled(), name
    else:
        assert f"rounds {at_depth(rounding.thigh_angle_deg)}" in t["story"], name
        assert plots.round_line.value() == pytest.approx(rounding.thigh_angle_deg)
    assert f"Deepest {where(sweep.deepest.thigh_angle_deg)}" in t["detail"], name
    if sweep.deepest_limited_by == "balance":
        assert ("falls forwards" if sweep.falls == "forward" else "falls backwards") in t["detail"], name
    # the CSV states the same onsets (full precision) and the same per-depth figures
    csv = sweep_csv_text(sweep, window.store.state.anatomy)
    for label, onset in (("tuck_onset", tuck), ("rounding_onset", rounding)):
        if onset is None:
            assert f"# {label}: none" in csv, name
        else:
            assert _header_value(csv, f"{label}.thigh_angle_deg") == pytest.approx(onset.thigh_angle_deg), name
    header = csv.splitlines()[next(i for i, line in enumerate(csv.splitlines()) if not line.startswith("#"))]
    columns = header.split(",")
    rows = [line.split(",") for line in csv.splitlines() if line and not line.startswith("#")][1:]
    for field in ("pelvic_tuck_deg", "hip_flexion_needed_deg", "lumbar_curve_deg", "lumbar_flexion_added_deg"):
        got = np.array([float(r[columns.index(field)]) for r in rows])
        np.testing.assert_allclose(got, getattr(sweep, field), atol=1e-6, err_msg=f"{name}: {field}")


def _header_value(csv: str, key: str) -> float:
    for line in csv.splitlines():
        if line.startswith(f"# {key}: "):
            return float(line.split(": ", 1)[1])
    raise AssertionError(f"{key} not in the CSV header")


def _settle(window, qtbot, anatomy) -> None:
    window.flush()
    qtbot.waitUntil(lambda: window.levers.anatomy == anatomy, timeout=5000)


#: Every preset, and two lifters whose story lacks a part: one never tucks (it falls backwards first), one
#: reaches its tolerated lumbar flexion before its curve goes flat (no rounding).
LIFTERS = {**{name: p.anatomy for name, p in PRESETS.items()},
           "never tucks": Anatomy(ankle_dorsiflexion_deg=8.0, femoral_anteversion_deg=30.0),
           "stops before flat": Anatomy(lordosis_deg=70.0, lumbar_flexion_max_deg=20.0)}


def test_the_lifters_without_a_tuck_or_a_rounding_are_what_they_say():
    from viewer.model.squat import sweep

    assert sweep(LIFTERS["never tucks"]).tuck_onset is None
    stops = sweep(LIFTERS["stops before flat"])
    assert stops.rounding_onset is None and stops.deepest_limited_by == "lumbar"


@pytest.mark.parametrize("name", list(LIFTERS))
def test_every_display_shows_the_model_s_one_figure(window, qtbot, name):
    anatomy = LIFTERS[name]
    window.store.set_anatomy(anatomy)
    _settle(window, qtbot, anatomy)
    _check_sweep(window, name)
    sweep = window.store.solution.sweep
    grid = sweep.thigh_angle_deg
    window.store.set_depth_fraction(0.0)
    window.flush()
    _check_depth(window, f"{name}: standing")
    if sweep.tuck_onset is not None:
        window.act_tuck.trigger()  # T
        window.flush()
        assert window.store.solution.thigh_angle_deg == pytest.approx(sweep.tuck_onset.thigh_angle_deg)
        assert round(window.store.solution.pose.pelvic_tuck_deg) == 0  # tucked 0° at the onset …
        _check_depth(window, f"{name}: tuck onset")
        step = float(grid[1] - grid[0])
        deeper = sweep.tuck_onset.thigh_angle_deg + 3 * step
        if deeper < grid[-1]:
            window.store.set_depth(deeper)
            window.flush()
            assert window.store.solution.pose.pelvic_tuck_deg > 0.0  # … and more just below it
            _check_depth(window, f"{name}: below the tuck onset")
    if sweep.rounding_onset is not None:
        window.act_round.trigger()  # R
        window.flush()
        pose = window.store.solution.pose
        assert pose.lumbar_curve_deg == pytest.approx(0.0, abs=0.5)  # the rounding onset is where it is flat
        assert "lower back flat" in window.headline.detail_label.text()
        _check_depth(window, f"{name}: rounding onset")
    window.store.set_depth_fraction(1.0)
    window.flush()
    _check_depth(window, f"{name}: deepest")
    pose = window.store.solution.pose
    if sweep.rounding_onset is None:
        assert round(pose.lumbar_curve_deg) >= 0  # no rounding anywhere: nothing says "rounded"
        assert "rounded" not in window.headline.detail_label.text()
    if sweep.tuck_onset is None:
        for text in _texts(window).values():
            assert "tucked" not in text and "pelvis tucks" not in text, name
