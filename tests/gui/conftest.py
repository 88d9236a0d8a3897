"""GUI test fixtures: VTK output and top-level widget leak checks, the default ``window`` (``make_window``
is in ``tests/conftest.py``).

pytest-qt already fails a test when an exception reaches the Qt event loop (its exception
capture is on by default); ``test_exception_capture_is_on`` guards that setting.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session", autouse=True)
def sound_qt_binding():
    """Stop at once, with the reason, on a Qt binding known to abort later (see binding_check)."""
    from viewer.ui.binding_check import binding_problem

    problem = binding_problem()
    if problem:
        pytest.exit(problem, returncode=1)


@pytest.fixture(autouse=True)
def no_vtk_errors(vtk_errors):
    """Fail a test during which (set-up and teardown included) VTK reported an error or warning."""


def _live_top_levels() -> set[int]:
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return {id(w) for w in QApplication.topLevelWidgets()}


@pytest.fixture(autouse=True)
def no_leaked_top_levels(qapp):
    """Fail a test that leaves new top-level widgets alive after its fixtures closed them."""
    before = _live_top_levels()
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    names = [f"{type(w).__name__}:{w.objectName()}:{w.parent()}" for w in leaked]
    for widget in leaked:  # clean up so one leak does not fail every later test
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"top-level widgets leaked: {names}"


@pytest.fixture
def window(make_window):
    """A shown MainWindow at the default state."""
    return make_window()


@pytest.fixture
def assert_scene_shows():
    """Check that every bone actor's matrix is the kinematics of the store's current pose."""
    import numpy as np

    from viewer.model import kinematics as kin

    def check(window) -> None:
        scene = window.scene.view.scene
        state, solution = window.store.state, window.store.solution
        expected = kin.bone_matrices(solution.pose, state.anatomy, scene.specs)
        for bone_id, actor in scene.bones.actors.items():
            m = actor.GetUserMatrix()
            got = np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])
            np.testing.assert_allclose(got, expected[bone_id], atol=1e-9, err_msg=bone_id)

    return check
