"""Profiles keep the "Find my anatomy" results (schema 3); older profiles load without uncertainty;
a bad own-anatomy section is a clear ProfileError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.io.profiles import SCHEMA_VERSION, ProfileError, load_profile, loads_profile, save_profile
from viewer.model import self_tests as st
from viewer.model.anatomy import Anatomy
from viewer.model.uncertain_anatomy import PRIORS, combine

FIXTURES = Path(__file__).parent / "fixtures"


def _combined(base: Anatomy):
    obs = [st.knee_to_wall(11.0, base, "left"), st.knee_to_wall(12.5, base, "right"), st.rock_back(25.0),
           st.prone_rotation(30.0, 45.0), st.seated_ir(24.0)]
    return combine(base, obs)


def test_own_anatomy_round_trips_with_the_tests_and_the_spread(tmp_path):
    base = Anatomy(height_m=1.74, load_kg=80.0)
    combined = _combined(base)
    anatomy = combined.anatomy.mean
    path = save_profile(tmp_path / "me.json", anatomy, "me", own_anatomy=combined)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION == 3
    assert [t["test"] for t in written["own_anatomy"]["tests"]] == [
        "knee_to_wall", "knee_to_wall", "rock_back", "prone_rotation", "seated_ir"]
    loaded = load_profile(path)
    assert loaded.anatomy == anatomy
    assert loaded.own_anatomy == combined  # the same tests give the same spread
    sd = loaded.own_anatomy.anatomy.sd
    assert sd["ankle_dorsiflexion_deg"] < 0.6 * PRIORS["ankle_dorsiflexion_deg"].sd


def test_a_profile_without_tests_has_no_uncertainty(tmp_path):
    path = save_profile(tmp_path / "plain.json", Anatomy(load_kg=40.0), "plain")
    assert "own_anatomy" not in json.loads(path.read_text(encoding="utf-8"))
    assert load_profile(path).own_anatomy is None


@pytest.mark.parametrize("name", ["profile_v0.json", "profile_v1.json", "profile_v2.json"])
def test_every_old_profile_loads_unchanged_and_without_uncertainty(name):
    loaded = load_profile(FIXTURES / name)
    assert loaded.own_anatomy is None
    if name == "profile_v2.json":
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        assert loaded.anatomy == Anatomy.from_dict(data["anatomy"])
        assert loaded.anatomy.ankle_dorsiflexion_left_deg == 28.0


def _profile_text(section: object, version: int = 3) -> str:
    return json.dumps({"format": "skelly-profile", "schema_version": version, "name": "x", "anatomy": {},
                       "own_anatomy": section})


@pytest.mark.parametrize(("section", "words"), [
    ([], "must be an object of test results"),
    ({"tests": 3}, "must be a list of test results"),
    ({}, "must be a list of test results"),
    ({"tests": [5]}, "item 1 must be an object"),
    ({"tests": [{"test": "guesswork", "value": 3}]}, "unknown self-test 'guesswork'"),
    ({"tests": [{"test": "seated_ir", "value": "a lot"}]}, "needs a finite number"),
    ({"tests": [{"test": "seated_ir", "value": 30, "sd": -1}]}, "positive number as its spread"),
    ({"tests": [{"test": "seated_ir", "value": 30, "label": 7}]}, '"label" must be a string'),
    ({"tests": [], "covarience": []}, 'unknown key "covarience" in "own_anatomy" (did you mean "covariance"?)'),
])
def test_a_corrupt_own_anatomy_section_is_a_clear_profile_error(section, words):
    with pytest.raises(ProfileError) as info:
        loads_profile(_profile_text(section))
    assert words in str(info.value)


def test_own_anatomy_in_a_version_2_profile_is_refused_by_name():
    with pytest.raises(ProfileError, match="needs version 3"):
        loads_profile(_profile_text({"tests": []}, version=2))
