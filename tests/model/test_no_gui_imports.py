"""``import viewer.model`` must not pull in Qt, VTK or pyqtgraph."""

import subprocess
import sys


def test_model_imports_no_gui_toolkit():
    code = ("import sys, viewer.model, viewer.model.squat\n"
            "viewer.model.sweep(viewer.model.Anatomy())\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'vtk', 'vtkmodules', 'pyqtgraph'))\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
