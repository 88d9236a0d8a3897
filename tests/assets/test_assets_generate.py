"""generate.py is deterministic (rerunning it rewrites identical files) and the loader is strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.assets import ASSETS_DIR, load_rig

ROOT = Path(__file__).resolve().parents[2]


def test_regenerating_bones_gives_identical_files(tmp_path):
    ids = ["patella_r", "patella_l", "femur_r"]
    run = subprocess.run([sys.executable, str(ROOT / "skeleton_assets" / "generate.py"), "--only", ",".join(ids),
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    for bone_id in ids:
        new = (tmp_path / "meshes" / f"{bone_id}.vtp").read_bytes()
        assert new == (ASSETS_DIR / "meshes" / f"{bone_id}.vtp").read_bytes(), f"{bone_id} differs"
    assert not (tmp_path / "manifest.json").exists()


def test_generate_rejects_unknown_ids(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "skeleton_assets" / "generate.py"), "--only", "tailbone_x",
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode != 0 and "tailbone_x" in run.stderr


def test_importing_the_loader_does_not_import_vtk():
    code = "import sys, viewer.assets as a; r = a.load_rig(); print(any(m.startswith('vtk') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def _write(tmp_path, data):
    (tmp_path / "manifest.json").write_text(json.dumps(data))
    return tmp_path


@pytest.fixture()
def manifest_data():
    return json.loads((ASSETS_DIR / "manifest.json").read_text())


def test_missing_manifest(tmp_path):
    with pytest.raises(FileNotFoundError, match="manifest"):
        load_rig(tmp_path)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(schema=99), "schema"),
    (lambda d: d["bones"][3].update(parent="nope"), "parent"),
    (lambda d: d["bones"].append(dict(d["bones"][0])), "duplicate"),
    (lambda d: d["bones"][2].update(segment="tail"), "segment"),
    (lambda d: d["bones"][1].update(joint_centre=[0, 1]), "joint_centre"),
    (lambda d: d["bones"][1].pop("mesh"), "missing"),
])
def test_malformed_manifest_is_rejected_with_a_message(tmp_path, manifest_data, mutate, message):
    mutate(manifest_data)
    with pytest.raises(ValueError, match=message):
        load_rig(_write(tmp_path, manifest_data))


def test_missing_mesh_file_and_unknown_bone(tmp_path, manifest_data):
    rig = load_rig(_write(tmp_path, manifest_data))
    with pytest.raises(FileNotFoundError, match="femur_r"):
        rig.mesh("femur_r")
    with pytest.raises(KeyError, match="known"):
        rig.bone("tail")


def test_rig_is_a_frozen_value(rig):
    with pytest.raises(AttributeError):
        rig.bones = ()
    assert rig.bone("femur_l").segment == "thigh_l"
    assert {b.id for b in rig.on_segment("pelvis")} == {"sacrum", "pelvis_l", "pelvis_r"}
    assert rig.total_triangles == sum(b.triangles for b in rig.bones)
