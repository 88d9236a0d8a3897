"""User profiles: a named anatomy saved as a small, versioned JSON file.

File format (schema version 3)::

    {
      "format": "skelly-profile",
      "schema_version": 3,
      "name": "Anna, stiff left ankle",
      "saved_at": "2026-11-25T16:30:00Z",
      "anatomy": {"ankle_dorsiflexion_deg": 40.0, "ankle_dorsiflexion_left_deg": 28.0,
                  "...": "every parameter of Anatomy"},
      "own_anatomy": {"tests": [{"test": "knee_to_wall", "value": 11.0, "label": "left"}, "..."],
                      "names": ["..."], "covariance": [["..."]], "sd": {"...": 1.0}}
    }

Version 2 adds left ≠ right: one-side overrides of the two-sided parameters (``<name>_left_<unit>`` /
``<name>_right_<unit>``, e.g. ``femoral_anteversion_right_deg``; written only where set, ``null`` or
missing = the two-sided value), ``leg_length_difference_mm`` (+: right leg longer) and ``knees_out_cm``.
A version 1 profile is the symmetric lifter it was: it loads with no overrides, equal legs and the
knees where they track.

Version 3 adds ``own_anatomy`` (optional): the home-test results of "Find my anatomy"
(:func:`viewer.model.uncertain_anatomy.to_profile_section`). Loading combines the tests again with
today's relations, so ``names``, ``covariance`` and ``sd`` are informative; the spread is taken around
the profile's ``anatomy``. A profile without it (every version 1 and 2 profile) has no uncertainty.

Rules when loading (each failure raises :class:`ProfileError` with one line naming
the file and the problem; nothing is half-loaded):

- The file must be a regular file of at most :data:`MAX_PROFILE_BYTES`, UTF-8 text
  (a leading byte-order mark is accepted), holding one JSON object.
- ``format`` must be ``"skelly-profile"``; ``schema_version`` an integer no newer than
  :data:`SCHEMA_VERSION`. Older versions are upgraded step by step through
  :data:`MIGRATIONS` (version n → n + 1) before validation.
- Unknown keys, at the top level or in ``anatomy``, are rejected with the key named
  (a typo must not be silently ignored). Duplicate keys are rejected too.
- **Missing parameters take their defaults.** New parameters are added to Skelly over
  time; a profile saved before a parameter existed still loads, with that parameter at
  its default (the value the model assumed when the profile was saved).
- Every value is checked by its :class:`~viewer.model.params.ParamSpec`: wrong types and
  out-of-range values are reported with the parameter name, the value and the range.
- ``name`` is optional (the file name's stem is used when it is missing or empty);
  ``saved_at`` is optional and informative only.

Saving is safe (see :mod:`viewer.io.atomic`): a crash mid-save leaves the old file intact; a read-only
file is replaced only when the caller says so; a hard-linked file is written in place.
Floats are written with Python's shortest exact representation, so save → load gives an
equal :class:`~viewer.model.anatomy.Anatomy`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..model.anatomy import Anatomy
from ..model.params import SPECS_BY_NAME, shown_value
from ..model.uncertain_anatomy import PROFILE_KEY, Combined, from_profile_section, to_profile_section
from .atomic import ReadOnlyFileError, atomic_write_text, describe_os_error

FORMAT = "skelly-profile"
SCHEMA_VERSION = 3
MAX_PROFILE_BYTES = 1024 * 1024
MAX_NAME_CHARS = 200

_TOP_LEVEL_KEYS = ("format", "schema_version", "name", "saved_at", "anatomy", PROFILE_KEY)
_OWN_ANATOMY_KEYS = ("tests", "names", "covariance", "sd")


class ProfileError(Exception):
    """A profile could not be loaded or saved. ``str(error)`` is one human-readable line."""

    def __init__(self, path: str | os.PathLike[str] | None, problem: str, *, saving: bool = False,
                 read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.problem = problem
        self.read_only = read_only  # saving: the file is read-only (save again with replace_read_only)
        verb = "save" if saving else "load"
        where = f' "{self.path}"' if self.path is not None else ""
        super().__init__(f"Cannot {verb} profile{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Profile:
    """A loaded profile: its name, the anatomy, when it was saved (ISO 8601 text, may be ""), and the
    home-test results with the spread they give (``None``: no "Find my anatomy" results)."""

    name: str
    anatomy: Anatomy
    saved_at: str = ""
    own_anatomy: Combined | None = None


class _InvalidError(Exception):
    """Internal: a problem found while validating parsed data (no file name yet)."""


# --- migrations --------------------------------------------------------------------------

# Pre-release (version 0) parameter names → version 1 names. Version 0 was never published;
# it documents how a rename is migrated and gives the migration framework a tested fixture.
_V0_RENAMES: Mapping[str, str] = {
    "ankle_df_deg": "ankle_dorsiflexion_deg",
    "heel_raise_mm": "heel_elevation_mm",
    "anteversion_deg": "femoral_anteversion_deg",
    "lce_deg": "acetabular_lce_deg",
    "toe_out_angle_deg": "toe_out_deg",
}


def _migrate_v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 → 1: ``params`` became ``anatomy``; some names gained clearer words;
    the stance width was stored in centimetres (``stance_width_cm``) and is now in metres."""
    out = {k: v for k, v in data.items() if k != "params"}
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise _InvalidError(f'"params" must be an object, got {_json_type(params)}')
    anatomy: dict[str, Any] = {}
    for key, value in params.items():
        if key == "stance_width_cm":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _InvalidError(f"stance_width_cm must be a number, got {shown_value(value)}")
            try:
                anatomy["stance_width_m"] = value / 100.0
            except OverflowError:  # a whole number past float's range
                raise _InvalidError(f"stance_width_cm = {shown_value(value)} is out of range") from None
        else:
            anatomy[_V0_RENAMES.get(key, key)] = value
    out["anatomy"] = anatomy
    out["schema_version"] = 1
    return out


def _migrate_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: left ≠ right. A version 1 lifter is symmetric: no one-side overrides, legs equally
    long, knees where they track; every one of those takes its default, so nothing but the version changes."""
    return {**data, "schema_version": 2}


def _migrate_v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 → 3: the optional own-anatomy results; a version 2 profile has none."""
    if PROFILE_KEY in data:
        raise _InvalidError(f'unknown key "{PROFILE_KEY}" in a schema version 2 profile (it needs version 3)')
    return {**data, "schema_version": 3}


#: ``MIGRATIONS[n]`` turns a parsed profile of schema version n into version n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_v0_to_v1,
    1: _migrate_v1_to_v2,
    2: _migrate_v2_to_v3,
}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade parsed profile ``data`` to :data:`SCHEMA_VERSION` (``data`` is not modified).

    Raises:
        ProfileError: (without a path) the version is missing, not an integer, newer than
            this Skelly, or has no migration path.
    """
    try:
        return _migrate(data)
    except _InvalidError as exc:
        raise ProfileError(None, str(exc)) from None


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("schema_version")
    if version is None:
        raise _InvalidError('"schema_version" is missing')
    if isinstance(version, bool) or not isinstance(version, int):
        raise _InvalidError(f'"schema_version" must be an integer, got {shown_value(version)}')
    if version > SCHEMA_VERSION:
        raise _InvalidError(f"it was made by a newer Skelly (schema version {shown_value(version)}; this Skelly "
                            f"reads up to {SCHEMA_VERSION}). Update Skelly to open it")
    current = dict(data)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise _InvalidError(f"schema version {shown_value(version)} is not supported "
                                f"(oldest readable: {min(MIGRATIONS)})")
        current = step(current)
        version = current["schema_version"]
    return current


# --- converting between data and Anatomy ------------------------------------------------

def profile_to_dict(anatomy: Anatomy, name: str, saved_at: str | None = None,
                    own_anatomy: Combined | None = None) -> dict[str, Any]:
    """The JSON-ready dict of a profile (current schema). ``saved_at`` defaults to now (UTC);
    ``own_anatomy`` (the home-test results) is written only when given."""
    if saved_at is None:
        saved_at = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    out: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "name": name,
        "saved_at": saved_at,
        "anatomy": {k: v for k, v in anatomy.to_dict().items() if v is not None},  # unset overrides left out
    }
    if own_anatomy is not None:
        out.update(to_profile_section(own_anatomy))
    return out


def _own_anatomy_from(section: object, anatomy: Anatomy) -> Combined:
    """The ``own_anatomy`` section, combined again around the profile's ``anatomy``; ``_InvalidError``
    naming the problem."""
    if not isinstance(section, dict):
        raise _InvalidError(f'"{PROFILE_KEY}" must be an object of test results, got {_json_type(section)}')
    for key in section:
        if key not in _OWN_ANATOMY_KEYS:
            raise _InvalidError(_unknown_key_message(key, list(_OWN_ANATOMY_KEYS), f'"{PROFILE_KEY}"'))
    tests = section.get("tests")
    if not isinstance(tests, list):
        raise _InvalidError(f'"{PROFILE_KEY}.tests" must be a list of test results, got {_json_type(tests)}')
    for i, test in enumerate(tests):
        if not isinstance(test, dict):
            raise _InvalidError(f'"{PROFILE_KEY}.tests" item {i + 1} must be an object, got {_json_type(test)}')
        if not isinstance(test.get("label", ""), str):
            raise _InvalidError(f'"{PROFILE_KEY}.tests" item {i + 1}: "label" must be a string')
    try:
        return from_profile_section(section, anatomy)
    except (TypeError, ValueError, ArithmeticError, np.linalg.LinAlgError) as exc:
        raise _InvalidError(f'"{PROFILE_KEY}": {exc}') from None


def profile_from_dict(data: object, default_name: str = "") -> Profile:
    """Validate parsed JSON ``data`` (any schema version) and return the :class:`Profile`.

    Raises:
        ProfileError: (without a path) with the first problem found.
    """
    try:
        return _profile_from_data(data, default_name)
    except _InvalidError as exc:
        raise ProfileError(None, str(exc)) from None


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number"


def _unknown_key_message(key: str, known: list[str], where: str) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f'unknown key "{key}" in {where}{hint}'


def _optional_text(data: dict[str, Any], key: str) -> str:
    """``data[key]`` as text: "" when missing or ``null``; ``_InvalidError`` when it is not a string."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _InvalidError(f'"{key}" must be a string, got {shown_value(value)}')
    return value


def _profile_from_data(data: object, default_name: str) -> Profile:
    if not isinstance(data, dict):
        raise _InvalidError(f"it holds {_json_type(data)}, not a Skelly profile (a JSON object)")
    if "format" not in data:
        raise _InvalidError(f'it is not a Skelly profile (no "format": "{FORMAT}" entry)')
    if data["format"] != FORMAT:
        raise _InvalidError(f'it is not a Skelly profile (format is {shown_value(data["format"])}, '
                            f'expected "{FORMAT}")')
    data = _migrate(data)
    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            raise _InvalidError(_unknown_key_message(key, list(_TOP_LEVEL_KEYS), "the profile"))
    name = _optional_text(data, "name")
    if len(name) > MAX_NAME_CHARS:
        raise _InvalidError(f'"name" is too long ({len(name)} characters, at most {MAX_NAME_CHARS})')
    saved_at = _optional_text(data, "saved_at")
    if "anatomy" not in data:
        raise _InvalidError('"anatomy" is missing')
    values = data["anatomy"]
    if not isinstance(values, dict):
        raise _InvalidError(f'"anatomy" must be an object of parameter values, got {_json_type(values)}')
    known = list(SPECS_BY_NAME)
    for key in values:
        if key not in SPECS_BY_NAME:
            raise _InvalidError(_unknown_key_message(key, known, '"anatomy"'))
    for key, value in values.items():
        try:
            SPECS_BY_NAME[key].validate(value)
        except (TypeError, ValueError) as exc:
            raise _InvalidError(str(exc)) from None
    anatomy = Anatomy.from_dict(values)
    own = _own_anatomy_from(data[PROFILE_KEY], anatomy) if PROFILE_KEY in data else None
    return Profile(name=name.strip() or default_name, anatomy=anatomy, saved_at=saved_at, own_anatomy=own)


# --- files -------------------------------------------------------------------------------

def dumps_profile(anatomy: Anatomy, name: str, saved_at: str | None = None,
                  own_anatomy: Combined | None = None) -> str:
    """The profile as JSON text (UTF-8 safe, ends with a newline)."""
    data = profile_to_dict(anatomy, name, saved_at, own_anatomy)
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save_profile(path: str | os.PathLike[str], anatomy: Anatomy, name: str, *,
                 replace_read_only: bool = False, own_anatomy: Combined | None = None) -> Path:
    """Save ``anatomy`` (and ``own_anatomy``, the home-test results, when given) as profile ``name`` to
    ``path`` safely (:mod:`viewer.io.atomic`); return the path.

    A read-only file at ``path`` is replaced only with ``replace_read_only`` (it stays read-only); a
    file with other names (hard links) is written in place, so they show the saved profile too.

    Raises:
        ProfileError: bad name, a read-only file (``read_only`` set), or the file could not be written
            (message names the problem); an existing file at ``path`` is then left unchanged.
    """
    target = Path(path)
    if not isinstance(anatomy, Anatomy):
        raise TypeError(f"anatomy must be an Anatomy, got {type(anatomy).__name__}")
    if not isinstance(name, str):
        raise ProfileError(target, f"the name must be text, got {name!r}", saving=True)
    if len(name) > MAX_NAME_CHARS:
        raise ProfileError(target, f"the name is too long ({len(name)} characters, at most {MAX_NAME_CHARS})",
                           saving=True)
    if target.is_dir():
        raise ProfileError(target, "it is a folder", saving=True)
    text = dumps_profile(anatomy, name, own_anatomy=own_anatomy)
    try:
        atomic_write_text(target, text, replace_read_only=replace_read_only)
    except OSError as exc:
        raise ProfileError(target, describe_os_error(exc), saving=True,
                           read_only=isinstance(exc, ReadOnlyFileError)) from None
    return target


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _InvalidError(f'the key "{key}" appears twice')
        out[key] = value
    return out


def _int_reader(text: str) -> Callable[[str], int]:
    """``json.loads``'s ``parse_int`` for ``text``: a whole number too long for Python to convert
    (``sys.get_int_max_str_digits()``, 4,300 digits) is a problem named with its place, not a ``ValueError``."""

    def parse_int(digits: str) -> int:
        try:
            return int(digits)
        except ValueError:
            pos = text.find(digits)
            line = text.count("\n", 0, pos) + 1
            column = pos - text.rfind("\n", 0, pos)
            raise _InvalidError(f"it holds a {len(digits.lstrip('-')):,}-digit number (line {line}, column "
                                f"{column}); no profile value has more than a few digits") from None

    return parse_int


def loads_profile(text: str, default_name: str = "") -> Profile:
    """Parse and validate profile JSON ``text``. Raises :class:`ProfileError` (without a path)."""
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates, parse_int=_int_reader(text))
    except _InvalidError as exc:
        raise ProfileError(None, str(exc)) from None
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        where = "the file ends too early" if truncated else f"line {exc.lineno}, column {exc.colno}"
        raise ProfileError(None, f"it is not valid JSON ({exc.msg}; {where})") from None
    except RecursionError:
        raise ProfileError(None, "it is not a Skelly profile (JSON nested too deeply)") from None
    return profile_from_dict(data, default_name)


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Load and validate the profile at ``path``.

    Raises:
        ProfileError: one line naming the file and the problem (missing, a folder, unreadable,
            too large, not UTF-8 text, not valid JSON, not a profile, newer schema, wrong type,
            out-of-range value, unknown key).
    """
    source = Path(path)
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise ProfileError(source, "file not found") from None
    except PermissionError:
        raise ProfileError(source, "permission denied (cannot look into its folder)") from None
    except OSError as exc:
        raise ProfileError(source, describe_os_error(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProfileError(source, "it is a folder, not a profile file")
    if not stat.S_ISREG(info.st_mode):
        raise ProfileError(source, "it is not a regular file")
    if info.st_size > MAX_PROFILE_BYTES:
        raise ProfileError(source, f"the file is too large ({info.st_size:,} bytes; a profile is at most "
                                   f"{MAX_PROFILE_BYTES:,} bytes)")
    try:
        with open(source, "rb") as handle:
            raw = handle.read(MAX_PROFILE_BYTES + 1)
    except PermissionError:
        raise ProfileError(source, "permission denied (the file cannot be read)") from None
    except OSError as exc:
        raise ProfileError(source, describe_os_error(exc)) from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(source, f"the file is too large (a profile is at most {MAX_PROFILE_BYTES:,} bytes)")
    if b"\x00" in raw:
        raise ProfileError(source, "it is a binary file, not a profile (JSON text)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(source, f"it is not UTF-8 text (bad byte at position {exc.start})") from None
    if not text.strip():
        raise ProfileError(source, "the file is empty")
    try:
        return loads_profile(text, default_name=source.stem)
    except ProfileError as exc:
        raise ProfileError(source, exc.problem) from None
