"""Labels stay whole inside the view, however small it is (a 1024-px projector's 3D view is ~430 px wide).

Before, the angle readouts that stand left of the body ("Pelvis tucked 5°", "Lumbar 40°") ran
off the view's left edge in a narrow window and were read as "cked 5°" and "umbar 40°".
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from viewer.render.labels import EDGE_PX, TextLabels, _shift_inside
from viewer.render.scene import text_scale_for
from viewer.render.snapshot import offscreen_window, release_window
from viewer.render.vtk_imports import vtkRenderer


@pytest.mark.parametrize(("start", "size", "extent", "shift"), [
    (10.0, 50.0, 400.0, 0.0),  # inside: stays
    (-30.0, 50.0, 400.0, 30.0 + EDGE_PX),  # off the left edge: moved right
    (380.0, 50.0, 400.0, -(30.0 + EDGE_PX)),  # off the right edge: moved left
    (-30.0, 500.0, 400.0, 30.0 + EDGE_PX),  # longer than the view: its start shows
    (100.0, 500.0, 400.0, -(100.0 - EDGE_PX)),
])
def test_shift_inside(start, size, extent, shift):
    assert _shift_inside(start, size, extent) == pytest.approx(shift)


SIZE = (420, 300)


@pytest.fixture
def view():
    """An off-screen 420×300 ``.window`` and its ``.renderer``, the camera 5 m in front of the origin."""
    view = SimpleNamespace(window=offscreen_window(SIZE), renderer=vtkRenderer())
    try:
        view.window.AddRenderer(view.renderer)
        view.renderer.GetActiveCamera().SetPosition(0.0, 0.0, 5.0)
        yield view
    finally:
        release_window(view.window)
        view.window = view.renderer = None  # (pytest keeps the fixture's value until after the leak check)


def test_labels_near_the_edges_are_moved_inside_the_view(view):
    window, ren = view.window, view.renderer
    labels = TextLabels(ren, ["left", "right", "middle"], font_px=24, right_aligned=["right"])
    # world x ±1.7 is ~20 px from the view's edges; the offsets push the texts past them
    items = {"left": ("Pelvis tucked 5°", np.array([-1.7, 0.0, 0.0]), (-70.0, 0.0)),
             "right": ("Knee 114°", np.array([1.7, 0.3, 0.0]), (60.0, 0.0)),
             "middle": ("Hip 106°", np.array([0.0, -0.3, 0.0]), (10.0, 0.0))}
    window.Render()
    labels.update(items, True)
    window.Render()
    boxes = labels.boxes()
    for key, (x0, y0, x1, y1) in boxes.items():
        assert x0 >= EDGE_PX - 0.5 and x1 <= SIZE[0] - EDGE_PX + 0.5, (key, boxes[key])
        assert y0 >= 0 and y1 <= SIZE[1], (key, boxes[key])
    # a label well inside keeps the offset it was given
    ax, _ay = labels._anchors["middle"].GetComputedDoubleDisplayValue(ren)
    assert boxes["middle"][0] == pytest.approx(ax + 10.0 + labels.extent("middle", "Hip 106°")[0])
    # the left label was moved only as far as needed: it starts at the edge
    assert boxes["left"][0] == pytest.approx(EDGE_PX, abs=0.5)


def test_a_label_whose_point_is_out_of_the_view_hides_and_comes_back(view):
    """The hip close-up leaves the knee and ankle out of the picture: their readouts stood at the
    view's bottom edge, pointing at nothing. They hide while their joint is out of the view."""
    window, ren = view.window, view.renderer
    labels = TextLabels(ren, ["knee", "hip"], font_px=24)
    window.Render()
    inside = {"knee": ("Knee 121°", np.array([1.0, -0.5, 0.0]), (10.0, 0.0)),
              "hip": ("Hip 86°", np.array([0.0, 0.0, 0.0]), (10.0, 0.0))}
    labels.update(inside, True)
    assert labels.actors["knee"].GetVisibility() and set(labels.boxes()) == {"knee", "hip"}
    out = dict(inside, knee=("Knee 121°", np.array([1.0, -5.0, 0.0]), (10.0, 0.0)))  # below the view
    labels.update(out, True)
    assert not labels.actors["knee"].GetVisibility() and labels.actors["hip"].GetVisibility()
    assert set(labels.boxes()) == {"hip"}
    labels.update(inside, True)  # back in the picture
    assert labels.actors["knee"].GetVisibility()
    x0, y0, x1, y1 = labels.boxes()["knee"]
    assert 0 <= x0 and x1 <= SIZE[0] and 0 <= y0 and y1 <= SIZE[1]


def test_hidpi_text_is_drawn_at_the_screens_dpi(standin_bones):
    """On a HiDPI screen (2 device pixels per logical one) VTK's Qt widget sets the window's DPI to
    144 when it is resized; the readouts were drawn at 72 before and stayed half the size of every
    other text (seen with QT_SCALE_FACTOR=2). fit_text_to_view draws them, their offsets and the
    contact disc at the screen's DPI."""
    from poses import deep_tucked

    from viewer.model.anatomy import Anatomy
    from viewer.render.snapshot import OffscreenRenderer

    with OffscreenRenderer(Anatomy(), size=(1600, 1400), font_scale=1.0, bones=standin_bones) as r:
        scene = r.scene
        r.show(0.0, deep_tucked(r.anatomy))
        r.grab()
        heights_1x = {k: b[3] - b[1] for k, b in scene.angle_labels.boxes().items()}
        radius_1x = scene.contact._discs[0][0].GetRadius()
        assert scene.angle_labels.dpi_drawn == 72
        scene.window.SetDPI(144)  # what QVTKRenderWindowInteractor.resizeEvent does at a pixel ratio of 2
        assert scene.fit_text_to_view(2.0)  # the logical view is 800 × 700: full-size text
        assert scene.window.GetDPI() == 144 and scene.angle_labels.dpi_drawn == 144
        r.grab()
        heights_2x = {k: b[3] - b[1] for k, b in scene.angle_labels.boxes().items()}
        for key, h in heights_1x.items():
            assert heights_2x[key] == pytest.approx(2 * h, rel=0.15), key
        assert scene.contact._discs[0][0].GetRadius() == pytest.approx(2 * radius_1x)
        # a small logical view: smaller text, in proportion
        assert scene.fit_text_to_view(4.0)  # 400 × 350 logical px
        assert scene.window.GetDPI() == round(72 * 4.0 * text_scale_for(400, 350))
        assert not scene.fit_text_to_view(4.0)  # nothing to do the second time


def test_the_colour_scales_titles_stay_whole_in_a_small_view(standin_bones):
    """A 1024×768 screen's 3D view is ≈ 375 × 460 px: the tuck scale's title ("Lumbar flexion
    added (°)") ran off the view's right edge, and read "added (°". Its white text must keep off the
    outermost columns (the bones are ivory, never white in all three channels)."""
    from poses import deep_tucked

    from viewer.model.anatomy import Anatomy
    from viewer.render.overlays import TITLE_EDGE_PX
    from viewer.render.scene_input import ViewFlags
    from viewer.render.snapshot import OffscreenRenderer

    flags = ViewFlags(angle_readouts=False, floor=False, ghost=False)  # the colour scales and the skeleton
    with OffscreenRenderer(Anatomy(), size=(375, 460), font_scale=1.0, flags=flags, bones=standin_bones) as r:
        r.scene.fit_text_to_view(1.0)  # what the window does after a resize: 0.65 × text
        assert r.scene.window.GetDPI() < 72
        r.show(0.0, deep_tucked(r.anatomy))
        image = r.grab()
        white = image.min(axis=2) >= 240
        columns = np.flatnonzero(white.any(axis=0))
        assert columns.size > 0  # the titles are there
        assert columns.min() >= TITLE_EDGE_PX - 1, columns.min()
        assert columns.max() <= 375 - TITLE_EDGE_PX, columns.max()


def test_the_muscle_scale_s_words_stand_on_a_dark_box_over_the_floor(standin_bones):
    """In a small view the muscle scale (bottom left) lies over the light grey floor, where its white
    title and numbers were hard to read: they get the readouts' dark box. Here the whole background
    is floor-grey, and the words' surroundings must come out dark."""
    from poses import deep_tucked

    from viewer.model.anatomy import Anatomy
    from viewer.render.overlays import FLOOR_COLOUR
    from viewer.render.scene_input import ViewFlags
    from viewer.render.snapshot import OffscreenRenderer

    flags = ViewFlags(angle_readouts=False, ghost=False, floor=False)
    with OffscreenRenderer(Anatomy(), size=(375, 460), font_scale=1.0, flags=flags, bones=standin_bones) as r:
        r.scene.renderer.SetBackground(*FLOOR_COLOUR)
        r.scene.renderer.GradientBackgroundOff()
        r.scene.fit_text_to_view(1.0)
        r.show(0.0, deep_tucked(r.anatomy))
        image = r.grab().astype(int)
    corner = image[380:, :150]  # the muscle scale's corner (under the skeleton), top row first
    blue = (corner[:, :, 2] > 150) & (corner[:, :, 0] < 100)  # the scale's blue end
    bar_top = int(np.nonzero(blue.sum(axis=1) >= 5)[0].min())
    words_area = corner[:bar_top]  # above it: the title and the numbers
    white = words_area.min(axis=2) >= 240
    assert white.sum() > 50  # the words are there
    dark = words_area.mean(axis=2) < 90
    assert dark.sum() > white.sum(), (dark.sum(), white.sum())  # and stand on dark boxes
