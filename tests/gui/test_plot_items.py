"""The light plot items of the budget gauge: anchored text with a background, and the stop line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from viewer.ui.plot_items import PixelText, StopLine


@pytest.fixture
def scene(qapp):
    s = QGraphicsScene()
    yield s
    s.clear()


def test_text_sits_left_aligned_and_vertically_centred_on_its_point_whatever_its_length(scene):
    text = PixelText("needs 100°", anchor=(0.0, 0.5))
    scene.addItem(text)
    text.setPos(10.0, 20.0)
    for s in ("needs 100°", "needs 109°, stop 106°: pelvis tucks 3°"):
        text.setText(s)
        box = text.sceneBoundingRect()
        assert text.toPlainText() == s
        assert box.left() == pytest.approx(10.0)
        assert box.center().y() == pytest.approx(20.0)
    wide = text.sceneBoundingRect().width()
    text.setText("x")
    assert text.sceneBoundingRect().width() < wide / 5


def test_offset_and_background(scene):
    label = PixelText("stop", anchor=(0.0, 1.0), offset_px=(4.0, 0.0), background=QColor(255, 0, 0))
    scene.addItem(label)
    box = label.sceneBoundingRect()
    assert box.left() == pytest.approx(4.0) and box.bottom() == pytest.approx(0.0)
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 60, 40), QRectF(box.left(), box.top(), 60, 40))
    painter.end()
    assert QColor(image.pixel(1, 1)) == QColor(255, 0, 0)  # a corner of the text box: background, not text


def test_stop_line_moves_with_its_label_to_the_right_of_it(scene):
    line = StopLine(-1.0, 1.5, QPen(QColor("#222")), "stop")
    scene.addItem(line)
    line.setValue(106.0)
    assert line.value() == 106.0
    assert line.pos() == QPointF(106.0, 0.0)
    assert line.line().y1() == -1.0 and line.line().y2() == 1.5
    label = line.label.sceneBoundingRect()
    assert label.left() == pytest.approx(110.0)  # 4 px right of the line
    assert label.bottom() == pytest.approx(-1.0 + 0.1 * 2.5)


def test_stop_line_label_can_hang_below_its_point_on_a_background(scene):
    line = StopLine(-35.0, 200.0, QPen(QColor("#D55E00")), "pelvis tucks", label_at=0.2,
                    label_anchor=(0.0, 0.0), background=QColor(0, 0, 255))
    scene.addItem(line)
    line.setValue(-8.0)
    label = line.label.sceneBoundingRect()
    assert label.left() == pytest.approx(-4.0)
    assert label.top() == pytest.approx(-35.0 + 0.2 * 235.0)  # the text's top-left corner sits on the point
    image = QImage(int(label.width()), int(label.height()), QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), label)
    painter.end()
    corner = QColor(image.pixel(image.width() - 2, image.height() - 2))
    assert corner == QColor(0, 0, 255)  # a corner of the label box: its background, not the line or the text


def test_onset_lines_span_the_joint_angle_plot_with_their_labels_inside_it(window, qtbot):
    window.store.set_depth_fraction(1.0)
    window.flush()
    qtbot.wait(50)
    sweep = window.store.solution.sweep
    assert sweep.tuck_onset is not None and sweep.rounding_onset is not None
    plot = window.plots.angles_plot
    view = plot.mapFromScene(plot.getPlotItem().getViewBox().sceneBoundingRect()).boundingRect()

    def on_screen(item):  # pixels in the plot widget (labels ignore the view's scaling)
        return item.deviceTransform(plot.viewportTransform()).mapRect(item.boundingRect())

    labels = []
    for line in (window.plots.tuck_line, window.plots.round_line):
        box = plot.mapFromScene(line.sceneBoundingRect()).boundingRect()
        assert box.top() <= view.top() + 2 and box.bottom() >= view.bottom() - 2  # top to bottom of the plot
        label = on_screen(line.label)
        assert view.contains(label.toRect()) and label.left() > box.center().x()  # inside, right of the line
        assert 30 < label.width() < 200
        labels.append(label)
    assert labels[0].bottom() <= labels[1].top() + 1  # "pelvis tucks" above "back rounds", not on top of it


def test_a_stop_line_takes_a_new_span_with_its_label_at_the_same_fraction(scene):
    line = StopLine(-10.0, 30.0, QPen(QColor("#222")), "stop", label_at=0.25)
    scene.addItem(line)
    assert (line.line().y1(), line.line().y2()) == (-10.0, 30.0)
    assert line.label.pos().y() == pytest.approx(0.0)
    line.set_span(-20.0, 60.0)
    assert (line.line().y1(), line.line().y2()) == (-20.0, 60.0)
    assert line.label.pos().y() == pytest.approx(0.0)  # −20 + 0.25 × 80
    line.set_span(0.0, 100.0)
    assert line.label.pos().y() == pytest.approx(25.0)
