"""The "Your squat photo" window, driven with real clicks on a photo drawn with known angles."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtTest import QTest

from viewer.model.photo_fit import POINT_NAMES
from viewer.model.squat import solve
from viewer.state import Store

SHIN_DEG, THIGH_DEG, LEAN_DEG = 30.0, 10.0, 30.0
SIZE_PX = (700, 900)


def squat_points(shin_deg: float = SHIN_DEG, thigh_deg: float = THIGH_DEG, lean_deg: float = LEAN_DEG,
                 ) -> dict[str, tuple[float, float]]:
    """Landmarks (image pixels, y down) of a lifter facing right: shin ``shin_deg`` from vertical, thigh
    ``thigh_deg`` below horizontal, hip→shoulder ``lean_deg`` from vertical."""
    heel, toe, ankle = (330.0, 840.0), (480.0, 840.0), (360.0, 810.0)
    s, t, lean = (math.radians(a) for a in (shin_deg, thigh_deg, lean_deg))
    knee = (ankle[0] + 260.0 * math.sin(s), ankle[1] - 260.0 * math.cos(s))
    hip = (knee[0] - 270.0 * math.cos(t), knee[1] + 270.0 * math.sin(t))
    shoulder = (hip[0] + 260.0 * math.sin(lean), hip[1] - 260.0 * math.cos(lean))
    ear = (shoulder[0] + 20.0, shoulder[1] - 95.0)
    return {"heel": heel, "toe": toe, "ankle": ankle, "knee": knee, "hip": hip, "shoulder": shoulder, "ear": ear}


def draw_squat_photo(path, points: dict[str, tuple[float, float]] | None = None,
                     size_px: tuple[int, int] = SIZE_PX) -> str:
    """Draw a side-view lifter at ``points`` (default :func:`squat_points`) into a PNG at ``path``."""
    p = points or squat_points()
    image = QImage(*size_px, QImage.Format.Format_RGB32)
    image.fill(QColor(226, 222, 212))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    floor = max(p["heel"][1], p["toe"][1]) + 5
    painter.fillRect(0, int(floor), size_px[0], size_px[1] - int(floor), QColor(150, 120, 90))

    def limb(a: str, b: str, width: float, colour: QColor) -> None:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(*p[a]), QPointF(*p[b]))

    shoe, skin, shorts, shirt = QColor(40, 40, 60), QColor(214, 170, 140), QColor(50, 60, 90), QColor(170, 40, 40)
    limb("heel", "toe", 34, shoe)
    limb("ankle", "knee", 44, skin)
    limb("knee", "hip", 62, shorts)
    limb("hip", "shoulder", 90, shirt)
    limb("shoulder", "ear", 34, skin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(skin)
    painter.drawEllipse(QPointF(p["ear"][0] + 8, p["ear"][1] - 10), 44, 50)
    painter.end()
    assert image.save(str(path))
    return str(path)


@pytest.fixture
def photo_window(qtbot):
    from viewer.ui.photo_window import PhotoWindow

    window = PhotoWindow(Store())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):  # a context manager: a bare call would not wait
        window.show()
    return window


def click_at(window, x: float, y: float) -> None:
    canvas = window.canvas
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     canvas.image_to_widget(x, y).toPoint())


def click_all(window, points: dict[str, tuple[float, float]]) -> None:
    for name in POINT_NAMES:
        assert window.canvas.next_point() == name
        assert f"Click the {name}" in window.instruction.text()
        click_at(window, *points[name])


def test_clicked_photo_reads_the_drawn_angles(photo_window, tmp_path, qtbot):
    assert photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    click_all(photo_window, squat_points())
    m = photo_window.comparison.measures
    assert m.facing == "right"
    assert m.shin_from_vertical_deg == pytest.approx(SHIN_DEG, abs=1.0)
    assert m.thigh_below_horizontal_deg == pytest.approx(THIGH_DEG, abs=1.0)
    assert m.trunk_lean_deg == pytest.approx(LEAN_DEG, abs=1.0)
    assert m.thigh_px / m.shank_px == pytest.approx(270.0 / 260.0, abs=0.01)
    assert "All points placed" in photo_window.instruction.text()
    text = photo_window.results.text()
    for needle in ("30° from vertical", "10° below parallel", "1.04"):
        assert needle in text
    assert photo_window.fit is not None and photo_window.fit_button.isEnabled()
    qtbot.mouseClick(photo_window.depth_button, Qt.MouseButton.LeftButton)
    assert photo_window.store.solution.thigh_angle_deg == pytest.approx(m.thigh_below_horizontal_deg, abs=1e-9)


def test_dragging_a_point_updates_the_measures(photo_window, tmp_path, qtbot):
    photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    pts = squat_points()
    click_all(photo_window, pts)
    canvas = photo_window.canvas
    moved = squat_points(shin_deg=20.0)["knee"]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     canvas.image_to_widget(*pts["knee"]).toPoint())
    mid = canvas.image_to_widget((pts["knee"][0] + moved[0]) / 2, (pts["knee"][1] + moved[1]) / 2).toPoint()
    QTest.mouseMove(canvas, mid)
    QTest.mouseMove(canvas, canvas.image_to_widget(*moved).toPoint())
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       canvas.image_to_widget(*moved).toPoint())
    m = photo_window.comparison.measures
    assert m.shin_from_vertical_deg == pytest.approx(20.0, abs=1.0)
    assert photo_window.canvas.next_point() is None  # the drag moved the knee, it placed nothing
    # the thigh now runs from the moved knee to the same hip
    dx, dy = moved[0] - pts["hip"][0], pts["hip"][1] - moved[1]
    assert m.thigh_below_horizontal_deg == pytest.approx(math.degrees(math.atan2(dy, dx)), abs=1.0)
    qtbot.mouseClick(photo_window.undo_button, Qt.MouseButton.LeftButton)  # the whole drag is one step
    assert photo_window.comparison.measures.shin_from_vertical_deg == pytest.approx(SHIN_DEG, abs=1.0)
    qtbot.mouseClick(photo_window.reset_button, Qt.MouseButton.LeftButton)
    assert canvas.points() == {} and photo_window.comparison is None and canvas.outline() is None
    assert "Click the heel" in photo_window.instruction.text()


def wheel(widget, pos: QPointF, steps: int) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_zoomed_in_clicks_read_the_same_angles(photo_window, tmp_path):
    photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    canvas = photo_window.canvas
    knee = squat_points()["knee"]
    at = canvas.image_to_widget(*knee)
    wheel(canvas, at, 3)
    assert canvas.zoom() == pytest.approx(1.25 ** 3)
    assert canvas.image_rect().width() > canvas.width()  # larger than the canvas: clicks are finer
    moved = canvas.image_to_widget(*knee)  # the point under the wheel stays there
    assert (moved.x(), moved.y()) == pytest.approx((at.x(), at.y()), abs=1e-6)
    pts = squat_points()
    pans = 0
    for name in POINT_NAMES:  # points off the zoomed view are brought in by panning with the right button
        target = canvas.image_to_widget(*pts[name])
        if not canvas.rect().contains(target.toPoint()):
            centre = QPointF(canvas.width() / 2.0, canvas.height() / 2.0)
            to = (centre + (centre - target)).toPoint()  # drags the target to the centre
            QTest.mousePress(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, centre.toPoint())
            QTest.mouseMove(canvas, to)
            QTest.mouseRelease(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, to)
            target = canvas.image_to_widget(*pts[name])
            assert canvas.rect().contains(target.toPoint()), name
            pans += 1
        click_at(photo_window, *pts[name])
    assert pans >= 1 and canvas.points().keys() == set(POINT_NAMES)  # the right button placed no point
    m = photo_window.comparison.measures
    assert m.shin_from_vertical_deg == pytest.approx(SHIN_DEG, abs=0.5)
    assert m.trunk_lean_deg == pytest.approx(LEAN_DEG, abs=0.5)
    wheel(canvas, at, -5)
    assert canvas.zoom() == 1.0 and canvas.image_rect().width() <= canvas.width()


def test_outline_is_the_models_squat_at_the_photos_depth(photo_window, tmp_path):
    photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    pts = squat_points()
    click_all(photo_window, pts)
    c = photo_window.comparison
    outline = photo_window.canvas.outline()
    joints = solve(photo_window.store.state.anatomy, c.measures.thigh_below_horizontal_deg).joints
    model = {k: np.asarray(joints[v])[:2] for k, v in (("ankle", "ankle_r"), ("knee", "knee_r"), ("hip", "hip_r"),
                                                        ("shoulder", "shoulder_r"), ("head", "head"))}
    leg_m = np.hypot(*(model["knee"] - model["ankle"])) + np.hypot(*(model["hip"] - model["knee"]))
    scale = (c.measures.shank_px + c.measures.thigh_px) / leg_m
    ankle_px = np.array(photo_window.canvas.points()["ankle"])
    for name in ("knee", "hip", "shoulder", "head"):
        d = model[name] - model["ankle"]
        expected = ankle_px + scale * np.array([d[0], -d[1]])
        np.testing.assert_allclose(outline[name], expected, atol=1e-6, err_msg=name)
    np.testing.assert_allclose(outline["ankle"], ankle_px, atol=1e-9)
    # the model's own trunk lean at this depth, and its difference from the photo's in a note
    trunk = model["shoulder"] - model["hip"]
    lean = math.degrees(math.atan2(trunk[0], trunk[1]))
    assert c.model_trunk_lean_deg == pytest.approx(lean, abs=1e-9)
    diff = LEAN_DEG - lean
    assert abs(diff) > 3.0
    word = "more" if diff > 0 else "less"
    assert f"Your trunk leans {abs(c.measures.trunk_lean_deg - lean):.0f}° {word} than the model's" in \
        photo_window.notes.text()
    # drawn: the middle of the model's shin line is the outline's blue
    image = photo_window.canvas.grab().toImage()
    mid = (np.array(outline["ankle"]) + np.array(outline["knee"])) / 2.0
    colour = image.pixelColor(photo_window.canvas.image_to_widget(*mid).toPoint())
    assert colour.blue() > 180 and colour.red() < 100, colour.name()
    # another anatomy, another outline: a longer trunk puts the model's shoulder further from its hip
    before = np.hypot(*(np.array(outline["shoulder"]) - np.array(outline["hip"])))
    photo_window.store.set_anatomy_value("trunk_length_ratio", 1.1)
    after_outline = photo_window.canvas.outline()
    after = np.hypot(*(np.array(after_outline["shoulder"]) - np.array(after_outline["hip"])))
    assert after > before * 1.05


def test_a_standing_photo_facing_left_gives_the_models_own_proportions(photo_window, tmp_path, qtbot):
    """The model's own standing pose of a known anatomy, drawn facing left: its ratios come back."""
    from viewer.model.anatomy import Anatomy
    from viewer.model.photo_fit import side_points_px

    known = Anatomy(thigh_length_ratio=1.06, shank_length_ratio=0.96, trunk_length_ratio=1.03)
    pts = side_points_px(known, -85.0, px_per_m=450.0, origin_px=(620.0, 960.0), facing="left")
    photo_window.open_photo(draw_squat_photo(tmp_path / "standing.png", pts, size_px=(900, 1000)))
    click_all(photo_window, pts)
    c = photo_window.comparison
    assert c.measures.facing == "left"
    assert c.measures.thigh_below_horizontal_deg == pytest.approx(-85.0, abs=1.0)
    assert "85° above parallel" in photo_window.results.text()
    assert c.joints_px["toe"][0] < c.joints_px["heel"][0]  # the outline faces the photo's way
    qtbot.mouseClick(photo_window.fit_button, Qt.MouseButton.LeftButton)
    got = photo_window.store.state.anatomy
    # photo_fit's stated 0.01, plus the clicks landing on whole screen pixels (≈ 1 % of the 113-px foot ruler)
    for n in ("thigh_length_ratio", "shank_length_ratio", "trunk_length_ratio"):
        assert getattr(got, n) == pytest.approx(getattr(known, n), abs=0.02), n
    assert f"thigh length 1.00× → {got.thigh_length_ratio:.2f}×" in photo_window.applied.text()
    # Ctrl+Z in the photo window takes back the last point, not the proportions
    with qtbot.waitActive(photo_window):  # shortcuts need the active window
        photo_window.activateWindow()
    QTest.keyClick(photo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert photo_window.canvas.next_point() == "ear" and photo_window.store.state.anatomy == got
    assert not photo_window.applied.isVisible()


def test_fit_skelly_to_my_photo_sets_what_the_fit_changed(photo_window, tmp_path, qtbot):
    store = photo_window.store
    photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    click_all(photo_window, squat_points())
    fit = photo_window.fit
    before = store.state.anatomy
    assert {"thigh_length_ratio", "shank_length_ratio"} <= set(fit.changes)
    assert "Fitting Skelly to the photo changes: thigh length 1.00× →" in photo_window.results.text()
    with qtbot.waitSignal(photo_window.fitApplied):
        qtbot.mouseClick(photo_window.fit_button, Qt.MouseButton.LeftButton)
    after = store.state.anatomy
    for n, (was, now) in fit.changes.items():
        assert getattr(before, n) == was and getattr(after, n) == pytest.approx(now, abs=1e-9), n
    assert after.replace(**{n: getattr(before, n) for n in fit.changes}) == before  # nothing else
    # the photo's results are the store's own-anatomy results (no home tests here)
    assert store.state.own_anatomy.observations == fit.observations()
    applied = photo_window.applied.text()
    assert f"thigh length 1.00× → {after.thigh_length_ratio:.2f}×" in applied
    assert f"{fit.joint_error_m * 1000:.0f} mm" in applied and "trunk lean" in applied
    # the model now has the photo's proportions: the outline's thigh ÷ shin is the photo's
    c = photo_window.comparison
    assert c.model_thigh_to_shin == pytest.approx(c.photo_thigh_to_shin, rel=0.02)
    assert not photo_window.fit_button.isEnabled()  # nothing left to change
    assert store.undo() and store.state.anatomy == before and store.state.own_anatomy is None  # one step


def test_a_file_that_is_not_an_image_gets_a_message_and_keeps_the_photo(photo_window, tmp_path):
    assert photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    click_at(photo_window, *squat_points()["heel"])
    bad = tmp_path / "notes.png"
    bad.write_text("this is not a photo")
    assert not photo_window.open_photo(bad)
    assert "notes.png is not an image Skelly can read" in photo_window.message.text()
    assert not photo_window.canvas.image().isNull() and list(photo_window.canvas.points()) == ["heel"]
    assert not photo_window.open_photo(tmp_path / "missing.jpg")
    assert "no such file" in photo_window.message.text()
    assert photo_window.open_photo(tmp_path / "squat.png") and photo_window.message.text() == ""


def test_a_huge_image_gets_a_message(photo_window, tmp_path, monkeypatch):
    from viewer.ui import photo_window as module

    path = draw_squat_photo(tmp_path / "squat.png")
    monkeypatch.setattr(module, "MAX_PIXELS", 100_000)  # the 700 × 900 drawing counts as huge
    assert not photo_window.open_photo(path)
    assert "700 × 900 pixels" in photo_window.message.text() and "megapixels" in photo_window.message.text()
    assert photo_window.canvas.image().isNull()


def test_a_large_photo_is_read_smaller_with_the_same_angles(photo_window, tmp_path, monkeypatch):
    from viewer.ui import photo_window as module

    path = draw_squat_photo(tmp_path / "squat.png")
    monkeypatch.setattr(module, "WORKING_SIDE_PX", 450)
    assert photo_window.open_photo(path)
    assert (photo_window.canvas.image().width(), photo_window.canvas.image().height()) == (350, 450)
    click_all(photo_window, {n: (x / 2.0, y / 2.0) for n, (x, y) in squat_points().items()})
    assert photo_window.comparison.measures.shin_from_vertical_deg == pytest.approx(SHIN_DEG, abs=1.0)


def test_points_in_an_impossible_order_are_explained(photo_window, tmp_path):
    photo_window.open_photo(draw_squat_photo(tmp_path / "squat.png"))
    pts = squat_points()
    pts["shoulder"], pts["hip"] = pts["hip"], pts["shoulder"]  # shoulder clicked below the hip
    click_all(photo_window, pts)
    assert "impossible order" in photo_window.problem.text()
    assert photo_window.comparison is None and photo_window.canvas.outline() is None
    assert not photo_window.fit_button.isEnabled() and not photo_window.depth_button.isEnabled()


def test_menu_opens_one_photo_window_on_the_app_store(make_window):
    from viewer.ui.photo_window import PhotoWindow

    window = make_window()
    window.act_photo.trigger()
    photo = window.findChild(PhotoWindow)
    assert photo is not None and photo.isVisible() and photo.store is window.store
    window.act_photo.trigger()
    assert window.findChildren(PhotoWindow) == [photo]
    photo.close()


# --- the end-to-end path: home tests and one photo ----------------------------------------------------------
KNOWN_RATIOS = {"thigh_length_ratio": 1.08, "shank_length_ratio": 0.96, "trunk_length_ratio": 1.04}
KNOWN_DORSIFLEXION_DEG = 33.0  # below the app's 40°: the ankle holds the knees in this photo


def fit_known_photo(photo_window, tmp_path) -> tuple:
    """Open a photo drawn from the model's own squat (10° below parallel, facing right) of the store's
    lifter with :data:`KNOWN_RATIOS` and :data:`KNOWN_DORSIFLEXION_DEG`, and click its landmarks; returns
    the known anatomy and the fit. (The lifter's own hip shape: it sets the pelvis tuck, and with it
    where the shoulder sits for a given trunk length.)"""
    from viewer.model.photo_fit import side_points_px

    known = photo_window.store.state.anatomy.replace(ankle_dorsiflexion_deg=KNOWN_DORSIFLEXION_DEG, **KNOWN_RATIOS)
    pts = side_points_px(known, 10.0, px_per_m=600.0, origin_px=(300.0, 1150.0))
    assert photo_window.open_photo(draw_squat_photo(tmp_path / "known.png", pts, size_px=(800, 1200)))
    click_all(photo_window, pts)
    return known, photo_window.fit


def test_fit_skelly_to_a_known_anatomys_photo_adds_it_to_the_home_tests_in_one_undo_step(make_window, tmp_path,
                                                                                          qtbot):
    from viewer.model import self_tests as st
    from viewer.model.uncertain_anatomy import combine, with_photo
    from viewer.ui.photo_window import show_photo_window

    window = make_window()
    window.band_runner.samples = 16
    window.band_runner.lever_samples = 2
    base = window.store.state.anatomy
    home = combine(base, [st.seated_ir(22.0), st.knee_to_wall(11.0, base, "left")])  # as "Apply" in the guide
    window.store.set_anatomy(home.anatomy.mean, home)
    before = window.store.state
    assert before.anatomy.ankle_dorsiflexion_deg != pytest.approx(KNOWN_DORSIFLEXION_DEG, abs=2.0)

    photo = show_photo_window(window)
    qtbot.waitExposed(photo)
    known, fit = fit_known_photo(photo, tmp_path)
    assert fit.ankle_holds and "ankle_dorsiflexion_deg" in fit.changes
    qtbot.mouseClick(photo.fit_button, Qt.MouseButton.LeftButton)
    state = window.store.state
    # photo_fit's stated error on the model's own poses (0.01, 0.5°) plus clicks on whole screen pixels
    # (≈ 1 % of the 160-px foot ruler); the clicks' own spread (fit.sd) is wider still
    for n, value in KNOWN_RATIOS.items():
        assert getattr(state.anatomy, n) == pytest.approx(value, abs=0.02), n
        assert abs(getattr(state.anatomy, n) - value) < fit.sd[n], n
    assert state.anatomy.ankle_dorsiflexion_deg == pytest.approx(KNOWN_DORSIFLEXION_DEG, abs=1.0)
    changed = set(fit.changes)
    assert state.anatomy.replace(**{n: getattr(before.anatomy, n) for n in changed}) == before.anatomy
    # the own-anatomy results: the home tests and the photo's, combined once
    assert state.own_anatomy == with_photo(state.anatomy, home, fit.observations())
    keys = [o.test.key for o in state.own_anatomy.observations]
    assert keys[:2] == ["seated_ir", "knee_to_wall"] and {"photo_thigh", "photo_dorsiflexion"} <= set(keys)
    assert state.own_anatomy.anatomy.sd["thigh_length_ratio"] < home.anatomy.sd["thigh_length_ratio"]
    assert window.band_runner.running  # the headline's ranges are computed again, with the photo
    applied = photo.applied.text()
    was = before.anatomy.ankle_dorsiflexion_deg
    assert f"ankle dorsiflexion {was:.1f}".removesuffix(".0") + "° → " in applied
    assert f"thigh length {before.anatomy.thigh_length_ratio:.2f}× → {state.anatomy.thigh_length_ratio:.2f}×" in applied
    assert "Fit error: shin" in applied and "headline's ranges include them" in applied
    assert not photo.fit_button.isEnabled()

    # one Ctrl+Z in the main window takes back the anatomy and the photo's results together
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.state.anatomy == before.anatomy and window.store.state.own_anatomy == home
    assert photo.fit_button.isEnabled()  # the photo can be fitted again
    photo.close()


def _go_to_photo_page(qtbot, guide) -> None:
    for _ in range(guide.photo_index):
        qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    assert guide.stack.currentWidget() is guide.photo_page


def test_the_guides_photo_page_opens_the_photo_window(make_window, qtbot):
    from viewer.ui.photo_window import PhotoWindow

    window = make_window()
    guide = window.show_guide()
    _go_to_photo_page(qtbot, guide)
    assert guide.next_button.text() == "See the result"
    assert guide.photo_page.status.text() == "No photo fit is included yet."
    assert window.findChild(PhotoWindow) is None
    qtbot.mouseClick(guide.photo_page.open_button, Qt.MouseButton.LeftButton)
    photo = window.findChild(PhotoWindow)
    assert photo is not None and photo.isVisible() and photo.store is window.store
    photo.close()


def test_walking_the_guide_with_a_photo_shows_and_applies_it(make_window, tmp_path, qtbot):
    from viewer.model import self_tests as st
    from viewer.model.uncertain_anatomy import combine
    from viewer.ui.photo_window import PhotoWindow

    window = make_window()
    window.band_runner.samples = 16
    window.band_runner.lever_samples = 2
    guide = window.show_guide()
    seated = next(p for p in guide.pages if p.page.key == "seated_ir")
    qtbot.keyClicks(seated.inputs["ir"], "22")
    _go_to_photo_page(qtbot, guide)
    qtbot.mouseClick(guide.photo_page.open_button, Qt.MouseButton.LeftButton)
    photo = window.findChild(PhotoWindow)
    _known, fit = fit_known_photo(photo, tmp_path)
    qtbot.mouseClick(photo.fit_button, Qt.MouseButton.LeftButton)
    photo_obs = fit.observations()
    assert guide.photo == photo_obs
    status = guide.photo_page.status.text()
    assert status.startswith("Included: your photo's thigh length 1.0") and "; ankle 3" in status

    qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    assert guide.stack.currentIndex() == guide.result_index
    text = guide.result_label.text()
    assert "Seated hip internal rotation" in text  # the tests' results ...
    assert "From your squat photo:</b> thigh length" in text  # ... and the photo's beside them
    qtbot.mouseClick(guide.apply_button, Qt.MouseButton.LeftButton)
    state = window.store.state
    assert state.own_anatomy == combine(guide.anatomy, [st.seated_ir(22.0), *photo_obs])
    assert [o.test.key for o in state.own_anatomy.observations][0] == "seated_ir"

    # the photo's fit undone: the guide no longer includes it
    window.store.undo()
    window.store.undo()
    assert window.store.state.own_anatomy is None
    assert guide.photo == () and guide.photo_page.status.text() == "No photo fit is included yet."
    photo.close()
