"""Profiles: exact round trip, every bad file gives one clear message, migration, atomic save."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.io import profiles
from viewer.io.profiles import (
    MAX_PROFILE_BYTES,
    SCHEMA_VERSION,
    ProfileError,
    dumps_profile,
    load_profile,
    migrate,
    save_profile,
)
from viewer.model.anatomy import Anatomy
from viewer.model.params import PARAM_SPECS, SIDE_SPECS
from viewer.model.presets import PRESETS
from viewer.model.sides import is_symmetric, with_sides
from viewer.model.squat import sweep

FIXTURES = Path(__file__).parent / "fixtures"


def _value_strategy(spec):
    if spec.both:  # a one-side override: unset or any value of its range
        return st.one_of(st.none(), st.floats(min_value=spec.minimum, max_value=spec.maximum, allow_nan=False,
                                              allow_infinity=False))
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    return st.floats(min_value=spec.minimum, max_value=spec.maximum, allow_nan=False, allow_infinity=False)


ANATOMIES = st.builds(Anatomy, **{s.name: _value_strategy(s) for s in PARAM_SPECS + SIDE_SPECS})


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _good(**anatomy) -> dict:
    return {"format": "skelly-profile", "schema_version": 1, "name": "x", "anatomy": anatomy}


def _load_error(path: Path) -> str:
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    return message


# --- round trip -----------------------------------------------------------------------------

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anatomy=ANATOMIES, name=st.text(max_size=40))
def test_round_trip_is_exact(tmp_path, anatomy, name):
    path = tmp_path / "p.json"
    save_profile(path, anatomy, name)
    loaded = load_profile(path)
    assert loaded.anatomy == anatomy
    assert loaded.name == (name.strip() or "p")


@pytest.mark.parametrize("preset_name", list(PRESETS))
def test_presets_round_trip(tmp_path, preset_name):
    anatomy = PRESETS[preset_name].anatomy
    path = save_profile(tmp_path / "preset.json", anatomy, preset_name)
    loaded = load_profile(path)
    assert loaded.anatomy == anatomy and loaded.name == preset_name
    assert loaded.saved_at.endswith("Z")


def test_saved_file_is_the_documented_schema(tmp_path):
    path = save_profile(tmp_path / "a.json", Anatomy(ankle_dorsiflexion_deg=22.0), "Anna")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "skelly-profile"
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["name"] == "Anna"
    assert data["anatomy"]["ankle_dorsiflexion_deg"] == 22.0
    assert set(data["anatomy"]) == {s.name for s in PARAM_SPECS}


def test_missing_parameters_take_defaults(tmp_path):
    path = _write_json(tmp_path / "old.json", _good(ankle_dorsiflexion_deg=25))
    loaded = load_profile(path)
    assert loaded.anatomy == Anatomy(ankle_dorsiflexion_deg=25.0)


def test_missing_name_uses_file_stem(tmp_path):
    data = _good()
    del data["name"]
    assert load_profile(_write_json(tmp_path / "lifter-a.json", data)).name == "lifter-a"


def test_utf8_bom_and_non_ascii_name_load(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_profile(Anatomy(), "Zoë ✓").encode("utf-8"))
    assert load_profile(path).name == "Zoë ✓"


# --- bad files: one clear message each --------------------------------------------------------

def test_missing_file(tmp_path):
    assert "file not found" in _load_error(tmp_path / "nope.json")


def test_directory(tmp_path):
    assert "folder" in _load_error(tmp_path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_unreadable_file(tmp_path):
    path = save_profile(tmp_path / "secret.json", Anatomy(), "s")
    path.chmod(0)
    try:
        assert "permission denied" in _load_error(path)
    finally:
        path.chmod(0o600)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """Same as above but also runs as root: opening the file raises PermissionError."""
    import builtins

    path = save_profile(tmp_path / "secret.json", Anatomy(), "s")
    real_open = builtins.open

    def no_read(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_read)
    assert "permission denied" in _load_error(path)


def test_huge_file(tmp_path):
    path = tmp_path / "huge.json"
    text = dumps_profile(Anatomy(), "h")
    path.write_text(text + " " * MAX_PROFILE_BYTES, encoding="utf-8")
    assert "too large" in _load_error(path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _load_error(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(dumps_profile(Anatomy(), "José").encode("latin-1"))
    assert "not UTF-8" in _load_error(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert "empty" in _load_error(path)


def test_truncated_json(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(dumps_profile(Anatomy(), "cut")[:120], encoding="utf-8")
    message = _load_error(path)
    assert "not valid JSON" in message and "ends too early" in message


def test_invalid_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "skelly-profile",, }', encoding="utf-8")
    assert "not valid JSON" in _load_error(path)


@pytest.mark.parametrize("payload, words", [
    ([1, 2, 3], "an array"),
    ("hello", "a string"),
    (42, "a number"),
    (None, "null"),
])
def test_not_an_object(tmp_path, payload, words):
    message = _load_error(_write_json(tmp_path / "x.json", payload))
    assert words in message and "not a Skelly profile" in message


def test_wrong_format_tag(tmp_path):
    data = _good()
    data["format"] = "blender-scene"
    message = _load_error(_write_json(tmp_path / "x.json", data))
    assert "'blender-scene'" in message


def test_missing_format_tag(tmp_path):
    data = _good()
    del data["format"]
    assert "not a Skelly profile" in _load_error(_write_json(tmp_path / "x.json", data))


def test_future_schema_version(tmp_path):
    data = _good()
    data["schema_version"] = SCHEMA_VERSION + 1
    assert "newer Skelly" in _load_error(_write_json(tmp_path / "x.json", data))


@pytest.mark.parametrize("version", ["1", 1.5, True, None])
def test_bad_schema_version(tmp_path, version):
    data = _good()
    data["schema_version"] = version
    assert "schema_version" in _load_error(_write_json(tmp_path / "x.json", data))


@pytest.mark.parametrize("key, value, words", [
    ("ankle_dorsiflexion_deg", "40", "ankle_dorsiflexion_deg must be a number"),
    ("ankle_dorsiflexion_deg", True, "ankle_dorsiflexion_deg must be a number"),
    ("knees_behind_toes", 1, "knees_behind_toes must be true or false"),
    ("sex", 0, "sex must be one of"),
    ("load_position", "overhead", "'overhead' is not one of"),
    ("load_kg", [10], "load_kg must be a number"),
])
def test_wrong_types(tmp_path, key, value, words):
    message = _load_error(_write_json(tmp_path / "x.json", _good(**{key: value})))
    assert words in message


@pytest.mark.parametrize("spec", [s for s in PARAM_SPECS if s.kind == "float"], ids=lambda s: s.name)
def test_out_of_range_names_parameter_value_and_range(tmp_path, spec):
    bad = spec.maximum + 1.0
    message = _load_error(_write_json(tmp_path / "x.json", _good(**{spec.name: bad})))
    assert spec.name in message and f"{bad:g}" in message
    assert f"{spec.minimum:g}–{spec.maximum:g}" in message


def test_nan_rejected(tmp_path):
    path = tmp_path / "nan.json"
    path.write_text('{"format": "skelly-profile", "schema_version": 1, "anatomy": {"height_m": NaN}}',
                    encoding="utf-8")
    assert "height_m" in _load_error(path)


def _digits(count: int, sign: str = "") -> str:
    return sign + "1" + "0" * (count - 1)


@pytest.mark.parametrize(("where", "number", "words"), [
    ("load_kg", _digits(401), "load_kg = a 401-digit number is out of range 0–250 kg"),
    ("load_kg", _digits(401, "-"), "load_kg = a negative 401-digit number is out of range"),
    ("load_kg", _digits(5001), "it holds a 5,001-digit number (line 1, column"),
    ("sex", _digits(401), "sex must be one of male, female, got a 401-digit number"),
    ("schema_version", _digits(401), "newer Skelly (schema version a 401-digit number;"),
    ("schema_version", _digits(401, "-"), "schema version a negative 401-digit number is not supported"),
    ("schema_version", _digits(5001), "it holds a 5,001-digit number"),
    ("schema_version", _digits(5001, "-"), "it holds a 5,001-digit number"),
    ("name", _digits(401), '"name" must be a string, got a 401-digit number'),
])
def test_huge_whole_numbers_are_one_short_profile_error(tmp_path, where, number, words):
    """1 followed by 400 zeros raised OverflowError (float()); 5,000 digits Python's digit-limit ValueError."""
    entries = {"format": '"skelly-profile"', "schema_version": "1", "anatomy": "{}"}
    if where in ("schema_version", "name"):
        entries[where] = number
    else:
        entries["anatomy"] = f'{{"{where}": {number}}}'
    text = "{" + ", ".join(f'"{key}": {value}' for key, value in entries.items()) + "}"
    path = tmp_path / "huge.json"
    path.write_text(text, encoding="utf-8")
    message = _load_error(path)
    assert words in message and len(message) < len(str(path)) + 200


def test_huge_v0_stance_width_is_a_profile_error(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(f'{{"format": "skelly-profile", "schema_version": 0, "params": {{"stance_width_cm": '
                    f'{_digits(401)}}}}}', encoding="utf-8")
    assert "stance_width_cm = a 401-digit number is out of range" in _load_error(path)


def test_unknown_parameter_named_with_suggestion(tmp_path):
    message = _load_error(_write_json(tmp_path / "x.json", _good(ankle_dorsiflexion_degs=30)))
    assert '"ankle_dorsiflexion_degs"' in message and 'did you mean "ankle_dorsiflexion_deg"' in message


def test_unknown_top_level_key(tmp_path):
    data = _good()
    data["colour"] = "red"
    assert '"colour"' in _load_error(_write_json(tmp_path / "x.json", data))


def test_duplicate_key(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"format": "skelly-profile", "schema_version": 1, '
                    '"anatomy": {"height_m": 1.6, "height_m": 1.9}}', encoding="utf-8")
    assert '"height_m" appears twice' in _load_error(path)


def test_anatomy_not_an_object(tmp_path):
    data = _good()
    data["anatomy"] = [1.0, 2.0]
    assert '"anatomy" must be an object' in _load_error(_write_json(tmp_path / "x.json", data))


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "not a Skelly profile" in _load_error(path)


# --- migration --------------------------------------------------------------------------------

def test_v0_fixture_migrates_to_v1():
    path = FIXTURES / "profile_v0.json"
    loaded = load_profile(path)
    assert loaded.name == "Pre-release lifter"
    assert loaded.anatomy == Anatomy(ankle_dorsiflexion_deg=22.0, heel_elevation_mm=25.0,
                                     femoral_anteversion_deg=-8.0, acetabular_lce_deg=42.0,
                                     toe_out_deg=30.0, stance_width_m=0.5, height_m=1.68)


def test_every_old_version_has_a_migration_chain():
    assert sorted(profiles.MIGRATIONS) == list(range(min(profiles.MIGRATIONS), SCHEMA_VERSION))
    for version in profiles.MIGRATIONS:
        data = {"format": "skelly-profile", "schema_version": version, "name": "", "anatomy": {}, "params": {}}
        assert migrate(data)["schema_version"] == SCHEMA_VERSION


def test_migrate_does_not_modify_input():
    data = json.loads((FIXTURES / "profile_v0.json").read_text(encoding="utf-8"))
    before = json.dumps(data, sort_keys=True)
    migrate(data)
    assert json.dumps(data, sort_keys=True) == before


def test_v0_unknown_old_name_rejected(tmp_path):
    data = {"format": "skelly-profile", "schema_version": 0, "params": {"ankle_dorsi_deg": 20}}
    assert '"ankle_dorsi_deg"' in _load_error(_write_json(tmp_path / "old.json", data))


# --- atomic save --------------------------------------------------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def test_failure_mid_save_keeps_old_file(tmp_path, monkeypatch):
    path = save_profile(tmp_path / "p.json", Anatomy(height_m=1.60), "old")
    before = path.read_bytes()

    def half_then_fail(handle, data):
        handle.write(data[: len(data) // 2])
        handle.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("viewer.io.atomic._write_all", half_then_fail)
    with pytest.raises(ProfileError) as info:
        save_profile(path, Anatomy(height_m=1.90), "new")
    assert "the disk is full" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before
    assert load_profile(path).name == "old"
    assert _leftovers(tmp_path) == []


def test_interrupt_mid_save_keeps_old_file(tmp_path, monkeypatch):
    path = save_profile(tmp_path / "p.json", Anatomy(), "old")
    before = path.read_bytes()

    def interrupted(handle, data):
        handle.write(data[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr("viewer.io.atomic._write_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_profile(path, Anatomy(height_m=1.90), "new")
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_killed_child_mid_save_keeps_old_file(tmp_path):
    """A process killed (SIGKILL) in the middle of writing never leaves a half-written profile."""
    import signal
    import subprocess
    import time

    path = save_profile(tmp_path / "p.json", Anatomy(height_m=1.60), "old")
    before = path.read_bytes()
    marker = tmp_path / "writing"
    script = f"""
import time, pathlib
import viewer.io.atomic as atomic
from viewer.io.profiles import save_profile
from viewer.model.anatomy import Anatomy
def slow(handle, data):
    handle.write(data[: len(data) // 2]); handle.flush()
    pathlib.Path({str(marker)!r}).touch()
    time.sleep(60)
    handle.write(data[len(data) // 2:])
atomic._write_all = slow
save_profile({str(path)!r}, Anatomy(height_m=1.90), "new")
"""
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert child.poll() is None, "child exited before writing"
            assert time.monotonic() < deadline, "child never started writing"
            time.sleep(0.02)
        temps = _leftovers(tmp_path)
        assert len(temps) == 1 and temps[0].startswith(".p.json.")  # it really was mid-write
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert path.read_bytes() == before
    assert load_profile(path).anatomy == Anatomy(height_m=1.60)


def test_save_into_missing_folder(tmp_path):
    with pytest.raises(ProfileError) as info:
        save_profile(tmp_path / "no" / "p.json", Anatomy(), "x")
    assert "folder does not exist" in str(info.value) and "Cannot save profile" in str(info.value)


def test_save_over_folder(tmp_path):
    (tmp_path / "d.json").mkdir()
    with pytest.raises(ProfileError, match="folder"):
        save_profile(tmp_path / "d.json", Anatomy(), "x")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_save_into_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ProfileError, match="permission denied"):
            save_profile(folder / "p.json", Anatomy(), "x")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_overwrite_keeps_permissions(tmp_path):
    path = save_profile(tmp_path / "p.json", Anatomy(), "a")
    path.chmod(0o640)
    save_profile(path, Anatomy(height_m=1.8), "b")
    assert (path.stat().st_mode & 0o777) == 0o640
    assert load_profile(path).name == "b"


def test_a_read_only_profile_is_replaced_only_when_the_caller_says_so(tmp_path):
    path = save_profile(tmp_path / "anna.json", Anatomy(height_m=1.60), "old")
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(ProfileError) as info:
        save_profile(path, Anatomy(height_m=1.90), "new")
    assert info.value.read_only and "read-only" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before
    save_profile(path, Anatomy(height_m=1.90), "new", replace_read_only=True)
    assert load_profile(path).name == "new" and (path.stat().st_mode & 0o777) == 0o444
    assert _leftovers(tmp_path) == []


def test_a_hard_linked_profile_keeps_its_other_name(tmp_path):
    path = save_profile(tmp_path / "anna.json", Anatomy(height_m=1.60), "old")
    other = tmp_path / "shared" / "anna.json"
    other.parent.mkdir()
    os.link(path, other)
    save_profile(path, Anatomy(height_m=1.90), "new")
    assert load_profile(other).anatomy == Anatomy(height_m=1.90) and os.path.samefile(path, other)


def test_v1_fixture_loads_as_the_symmetric_lifter_it_was():
    loaded = load_profile(FIXTURES / "profile_v1.json")
    data = json.loads((FIXTURES / "profile_v1.json").read_text(encoding="utf-8"))
    assert loaded.anatomy == Anatomy(**data["anatomy"])
    assert is_symmetric(loaded.anatomy) and loaded.anatomy.knees_out_cm == 0.0
    s = sweep(loaded.anatomy)
    assert s.first_stop_side == "both"
    assert not s.pelvic_shift_cm.any() and not s.pelvic_obliquity_deg.any()


def test_a_per_side_profile_round_trips_and_writes_only_the_overrides_it_has(tmp_path):
    anatomy = with_sides(Anatomy(leg_length_difference_mm=-7.0, knees_out_cm=4.5), "femoral_anteversion_deg",
                         12.0, -6.0)
    path = save_profile(tmp_path / "asym.json", anatomy, "one retroverted hip")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION
    assert written["anatomy"]["femoral_anteversion_right_deg"] == -6.0
    assert written["anatomy"]["leg_length_difference_mm"] == -7.0
    assert "ankle_dorsiflexion_left_deg" not in written["anatomy"]  # unset overrides are left out
    assert load_profile(path).anatomy == anatomy


def test_a_null_override_means_the_two_sided_value(tmp_path):
    data = _good(toe_out_deg=20.0, toe_out_left_deg=None, toe_out_right_deg=30.0)
    data["schema_version"] = 2
    loaded = load_profile(_write_json(tmp_path / "n.json", data)).anatomy
    assert loaded.toe_out_left_deg is None and loaded.toe_out_right_deg == 30.0
