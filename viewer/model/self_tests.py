"""Tests a lifter can do at home, and what each says about the anatomy (with its spread and source).

Each test is an *observation model*: a forward relation ``predict(anatomy) -> expected result`` (what a
lifter with this anatomy would measure, in the test's own unit, cm or degrees) and a spread (1 SD) that
holds the measurement error and the scatter of the relation. :mod:`.uncertain_anatomy` turns a set of
observations into an anatomy with uncertainty (a Bayesian update around the population prior); a test
that reads one parameter directly is then exactly inverse-variance weighting with the prior.

The relations (sources and flags as in docs/model.md, "Your own anatomy"; [S] checked source, [M]
secondary, [D] derived from the model's geometry, [E] the project's own estimate):

* **Knee-to-wall** (weight-bearing lunge), cm → ankle dorsiflexion: the lunge geometry of
  :mod:`.ankle` [D]. Spread 1.2 cm: the test's SEM (MDC 1.6–1.9 cm, Powden 2015 review of 12
  studies [S] → SEM = MDC / 2.77 ≈ 0.65 cm) and the geometry's own error (≈ 1 cm ≈ 2°: Calatayud's
  11.7 cm at 40.6° against the model's 12.4 cm [S/D]).
* **Rock-back** on hands and knees and **lying hip flexion** (knee to chest), degrees of hip flexion
  where the pelvis starts to move → the hip's unloaded flexion stop: the model's bony stop at no
  abduction and no rotation minus the labrum margin (``hip.py``) [D/E]. The stop depends on socket depth,
  socket version, femoral torsion, alpha and neck–shaft angle together, so these tests constrain that
  combination (the update spreads the correction over the five parameters by their prior spread and
  their effect on the stop). Spread 6°: phone inclinometer ±3° and judging the onset of pelvic motion
  by feel [E].
* **Prone hip rotation** at 90° knee flexion, internal minus external rotation → femoral torsion:
  IR − ER = −6.6° + 1.0 × (torsion − 12°) ± 10°. Mean: prone norms IR 35.2°, ER 41.8° (Kouyoumdjian
  2012, n = 120 [S]); slope and spread from the correlation r = 0.63 of IR − ER with MRI torsion
  (Uding 2019, n = 76 [S]) with an assumed population SD of 13° for IR − ER and 8° for torsion [E]:
  slope = r·13/8, spread = 13·√(1 − r²).
* **Craig's test** (trochanteric prominence angle, needs a partner), degrees → femoral torsion directly,
  spread 10°: r = 0.61 with MRI (Uding 2019 [S]) → 8·√(1/r² − 1) [E].
* **Seated hip internal rotation** at 90° hip flexion → alpha angle and torsion:
  IR = 33° − 0.5 × (alpha − 42°) + 0.5 × (torsion − 12°) ± 6.3°. Mean and population SD 33 ± 8.5°
  (244 asymptomatic young men, Swiss conscript chair study [S]); cam hips rotate less (Audenaert 2012:
  27.9° healthy, 21.1° asymptomatic cam [S]; IR ≤ 27° detects alpha ≥ 60° with sensitivity 0.81,
  specificity 0.85, Estberger 2021 [S]); slopes are the project's estimate between Audenaert's
  cross-sectional 0.38°/° and the 0.7°/° gained per degree of alpha resected (Kelly 2012: alpha
  68 → 43°, IR 9.9 → 27.6° [S]); the spread is what is left of 8.5° after the two slopes [E].
* **Squat photo** (:mod:`.photo_fit`): thigh, shank and trunk length ratios, and the ankle dorsiflexion
  where the ankle holds the knees, read directly [D]; each result carries its own spread from the clicks.

Every constructor validates its inputs and raises ``ValueError`` naming the test, the value and what is
possible. Pure stdlib + the model; no UI.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .anatomy import Anatomy
from .ankle import dorsiflexion_to_knee_to_wall_m
from .hip import LABRUM_MARGIN_DEG, bony_stop_deg

# --- relation constants ------------------------------------------------------------------------------
KNEE_TO_WALL_SD_CM = 1.2
"""[S/E] test SEM ≈ 0.65 cm (Powden 2015) and the lunge geometry's ≈ 1 cm, combined."""
HIP_FLEXION_TEST_SD_DEG = 6.0
"""[E] rock-back / lying hip flexion: inclinometer ±3° and judging when the pelvis starts to move."""
PRONE_BALANCE_MEAN_DEG = 35.2 - 41.8
"""[S] prone IR − ER of adults (Kouyoumdjian 2012: IR 35.2°, ER 41.8°), at the population's torsion."""
PRONE_BALANCE_R = 0.63
"""[S] correlation of prone IR − ER with MRI femoral torsion (Uding 2019)."""
PRONE_BALANCE_POP_SD_DEG = 13.0
"""[E] population SD of prone IR − ER (IR and ER each ≈ 8°, negatively correlated)."""
TORSION_POP_SD_DEG = 8.0
"""[E] population SD of femoral torsion (normal 10–15°; FAI series range −10…27°, Ejnisman 2013)."""
PRONE_BALANCE_SLOPE = PRONE_BALANCE_R * PRONE_BALANCE_POP_SD_DEG / TORSION_POP_SD_DEG
PRONE_BALANCE_SD_DEG = PRONE_BALANCE_POP_SD_DEG * math.sqrt(1.0 - PRONE_BALANCE_R**2)
CRAIG_R = 0.61
"""[S] correlation of Craig's test with MRI femoral torsion (Uding 2019)."""
CRAIG_SD_DEG = TORSION_POP_SD_DEG * math.sqrt(1.0 / CRAIG_R**2 - 1.0)
SEATED_IR_MEAN_DEG = 33.0
"""[S] seated IR at 90° hip flexion, 244 asymptomatic young men (Swiss conscript chair study): 33 ± 8.5°."""
SEATED_IR_POP_SD_DEG = 8.5
SEATED_IR_PER_ALPHA = -0.5
"""[E] degrees of seated IR per degree of alpha angle (between Audenaert 2012's 0.38 and Kelly 2012's 0.7)."""
SEATED_IR_PER_TORSION = 0.5
"""[E] degrees of seated IR per degree of femoral torsion (IR90 correlates r = 0.61 with torsion, Uding 2019)."""
ALPHA_POP_SD_DEG = 8.0
"""[E] population SD of the alpha angle used for the seated-IR spread (see uncertain_anatomy.PRIORS)."""
SEATED_IR_SD_DEG = math.sqrt(SEATED_IR_POP_SD_DEG**2 - (SEATED_IR_PER_ALPHA * ALPHA_POP_SD_DEG)**2
                             - (SEATED_IR_PER_TORSION * TORSION_POP_SD_DEG)**2)
REF_TORSION_DEG = 12.0
REF_ALPHA_DEG = 42.0


# --- forward relations: what a lifter with this anatomy would measure ---------------------------------
def predicted_knee_to_wall_cm(anatomy: Anatomy) -> float:
    """Knee-to-wall distance (cm) of ``anatomy``'s dorsiflexion (its height, sex and shank ratio) [D]."""
    return 100.0 * dorsiflexion_to_knee_to_wall_m(anatomy.ankle_dorsiflexion_deg, anatomy)


@lru_cache(maxsize=4096)
def _unloaded_stop_deg(lce: float, av: float, fv: float, alpha: float, nsa: float) -> float:
    bony, _ = bony_stop_deg(lce, av, fv, alpha, nsa, np.zeros(1), np.zeros(1))
    return float(bony[0]) - LABRUM_MARGIN_DEG


def predicted_unloaded_hip_flexion_deg(anatomy: Anatomy) -> float:
    """Hip flexion (°, femur on pelvis) where the pelvis starts to move without load: the bony stop at no
    abduction and no rotation minus the labrum margin [D/E]."""
    return _unloaded_stop_deg(anatomy.acetabular_lce_deg, anatomy.acetabular_version_deg,
                              anatomy.femoral_anteversion_deg, anatomy.alpha_angle_deg, anatomy.neck_shaft_angle_deg)


def predicted_prone_rotation_balance_deg(anatomy: Anatomy) -> float:
    """Prone internal minus external rotation (°) expected for ``anatomy``'s femoral torsion [S/E]."""
    return PRONE_BALANCE_MEAN_DEG + PRONE_BALANCE_SLOPE * (anatomy.femoral_anteversion_deg - REF_TORSION_DEG)


def predicted_craig_deg(anatomy: Anatomy) -> float:
    """Craig's test angle (°): the femoral torsion itself [S]."""
    return anatomy.femoral_anteversion_deg


def predicted_seated_ir_deg(anatomy: Anatomy) -> float:
    """Seated internal rotation at 90° hip flexion (°) expected for ``anatomy`` [S/E]."""
    return (SEATED_IR_MEAN_DEG + SEATED_IR_PER_ALPHA * (anatomy.alpha_angle_deg - REF_ALPHA_DEG)
            + SEATED_IR_PER_TORSION * (anatomy.femoral_anteversion_deg - REF_TORSION_DEG))


_PHOTO_SOURCE = "segment proportions of a side photo (photo_fit.py) [D]; clicks [E]"


def _direct(name: str) -> Callable[[Anatomy], float]:
    def read(anatomy: Anatomy) -> float:
        return float(getattr(anatomy, name))

    read.__name__ = f"predicted_{name}"
    return read


@dataclass(frozen=True, slots=True)
class SelfTest:
    """One home test as data.

    Attributes:
        key: identifier (also the key in profiles).
        title: short name.
        quantity: what the result measures; tests measuring the same quantity are compared directly
            (e.g. rock-back and lying hip flexion both read the unloaded hip stop).
        unit: unit of the result ("cm" or "°").
        informs: anatomy parameters whose value changes the expected result.
        sd: spread of the result (1 SD, in ``unit``) given the anatomy: measurement plus relation.
        predict: the forward relation, anatomy → expected result (``unit``).
        source: where the relation and its spread come from.
        estimate: True where the relation is (partly) the project's own estimate.
    """

    key: str
    title: str
    quantity: str
    unit: str
    informs: tuple[str, ...]
    sd: float
    predict: Callable[[Anatomy], float]
    source: str
    estimate: bool


_HIP_SHAPE = ("acetabular_lce_deg", "acetabular_version_deg", "femoral_anteversion_deg", "alpha_angle_deg",
              "neck_shaft_angle_deg")

SELF_TESTS: dict[str, SelfTest] = {t.key: t for t in (
    SelfTest("knee_to_wall", "Knee-to-wall", "knee_to_wall_cm", "cm",
             ("ankle_dorsiflexion_deg", "shank_length_ratio"), KNEE_TO_WALL_SD_CM, predicted_knee_to_wall_cm,
             "lunge geometry (biomechanics.md §3) [D]; SEM from Powden 2015 [S]; geometry error vs "
             "Calatayud 2015 [S/E]", True),
    SelfTest("rock_back", "Rock-back on hands and knees", "unloaded_hip_flexion_deg", "°", _HIP_SHAPE,
             HIP_FLEXION_TEST_SD_DEG, predicted_unloaded_hip_flexion_deg,
             "the model's own hip stop (hip.py) minus the labrum margin [D/E]; spread [E]", True),
    SelfTest("lying_hip_flexion", "Lying hip flexion", "unloaded_hip_flexion_deg", "°", _HIP_SHAPE,
             HIP_FLEXION_TEST_SD_DEG, predicted_unloaded_hip_flexion_deg,
             "the model's own hip stop (hip.py) minus the labrum margin [D/E]; spread [E]", True),
    SelfTest("prone_rotation", "Prone hip rotation (IR − ER)", "prone_rotation_balance_deg", "°",
             ("femoral_anteversion_deg",), PRONE_BALANCE_SD_DEG, predicted_prone_rotation_balance_deg,
             "norms Kouyoumdjian 2012 [S]; r = 0.63 with MRI torsion, Uding 2019 [S]; population SDs [E]", True),
    SelfTest("craig", "Craig's test", "femoral_torsion_deg", "°", ("femoral_anteversion_deg",), CRAIG_SD_DEG,
             predicted_craig_deg, "r = 0.61 with MRI torsion, Uding 2019 [S]; population SD [E]", True),
    SelfTest("photo_dorsiflexion", "Squat photo: ankle", "ankle_dorsiflexion_deg", "°", ("ankle_dorsiflexion_deg",),
             2.5, _direct("ankle_dorsiflexion_deg"),
             "shin angle of a side photo where the ankle holds the knees (photo_fit.py) [D]; clicks [E]", False),
    SelfTest("photo_thigh", "Squat photo: thigh length", "thigh_length_ratio", "×", ("thigh_length_ratio",), 0.05,
             _direct("thigh_length_ratio"), _PHOTO_SOURCE, False),
    SelfTest("photo_shank", "Squat photo: shank length", "shank_length_ratio", "×", ("shank_length_ratio",), 0.05,
             _direct("shank_length_ratio"), _PHOTO_SOURCE, False),
    SelfTest("photo_trunk", "Squat photo: trunk length", "trunk_length_ratio", "×", ("trunk_length_ratio",), 0.05,
             _direct("trunk_length_ratio"), _PHOTO_SOURCE, False),
    SelfTest("seated_ir", "Seated hip internal rotation at 90°", "seated_ir_deg", "°",
             ("alpha_angle_deg", "femoral_anteversion_deg"), SEATED_IR_SD_DEG, predicted_seated_ir_deg,
             "33 ± 8.5° in 244 young men (Swiss chair study) [S]; Audenaert 2012, Estberger 2021, Kelly 2012 "
             "[S]; slopes [E]", True),
)}


@dataclass(frozen=True, slots=True)
class Observation:
    """One test result: the test, the result in the test's unit, a label (e.g. the side), and its own
    spread where it differs from the test's (a photo's clicks: ``sd``; ``None`` = the test's)."""

    test: SelfTest
    value: float
    label: str = ""
    sd: float | None = None

    @property
    def spread(self) -> float:
        """1 SD of this result (the test's unit)."""
        return self.test.sd if self.sd is None else self.sd

    @property
    def name(self) -> str:
        """The test's title with the label, for messages ("Knee-to-wall (left)")."""
        return f"{self.test.title} ({self.label})" if self.label else self.test.title

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: ``{"test": key, "value": number, "label": text}`` (and ``"sd"`` when it has its own)."""
        out: dict[str, object] = {"test": self.test.key, "value": self.value, "label": self.label}
        if self.sd is not None:
            out["sd"] = self.sd
        return out


#: The tests a squat photo gives (:meth:`viewer.model.photo_fit.PhotoFit.observations`).
PHOTO_TESTS: frozenset[str] = frozenset({"photo_dorsiflexion", "photo_thigh", "photo_shank", "photo_trunk"})


def is_photo(observation: Observation) -> bool:
    """Whether ``observation`` comes from the squat photo rather than a home test."""
    return observation.test.key in PHOTO_TESTS


def observation_from_dict(data: dict[str, object]) -> Observation:
    """Inverse of :meth:`Observation.to_dict`; ``ValueError`` for an unknown test or a non-finite value."""
    key = data.get("test")
    if key not in SELF_TESTS:
        raise ValueError(f"unknown self-test {key!r}; known: {', '.join(SELF_TESTS)}")
    value = data.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"self-test {key} needs a finite number as its value, got {value!r}")
    sd = data.get("sd")
    if sd is not None and (isinstance(sd, bool) or not isinstance(sd, (int, float)) or not math.isfinite(sd)
                           or sd <= 0.0):
        raise ValueError(f"self-test {key} needs a positive number as its spread, got {sd!r}")
    return Observation(SELF_TESTS[str(key)], float(value), str(data.get("label", "")),
                       None if sd is None else float(sd))


def _number(test: str, what: str, value: object, lo: float, hi: float, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{test}: {what} must be a number of {unit}, got {value!r}")
    x = float(value)
    if not math.isfinite(x) or not lo <= x <= hi:
        raise ValueError(f"{test}: {what} = {x:g} {unit} is not possible; it must be between {lo:g} and {hi:g} {unit}")
    return x


# --- the tests as the lifter reports them -----------------------------------------------------------------
def knee_to_wall_range_cm(anatomy: Anatomy) -> tuple[float, float]:
    """The knee-to-wall distances (cm) that 0° and 50° of dorsiflexion give ``anatomy``'s body: the
    possible results."""
    return (predicted_knee_to_wall_cm(anatomy.replace(ankle_dorsiflexion_deg=0.0)),
            predicted_knee_to_wall_cm(anatomy.replace(ankle_dorsiflexion_deg=50.0)))


def knee_to_wall(distance_cm: float, anatomy: Anatomy, label: str = "") -> Observation:
    """Knee-to-wall distance (cm, toe to wall, heel down, knee touching) for ``anatomy``'s body.

    Raises ``ValueError`` outside what 0–50° of dorsiflexion can reach for this body (the message gives
    that range; the knee-to-wall geometry of :mod:`.ankle`).
    """
    d = _number("knee-to-wall", "the distance", distance_cm, *knee_to_wall_range_cm(anatomy), "cm")
    return Observation(SELF_TESTS["knee_to_wall"], d, label)


def rock_back(thigh_from_vertical_deg: float, back_rise_deg: float = 0.0, label: str = "") -> Observation:
    """Rock-back on hands and knees: the thigh's angle from vertical (+ with the hips moved back toward the
    heels) where the lower back starts to round, and the back's rise (the hip→shoulder line above
    horizontal, + shoulders higher; 0 if not measured).

    The hip flexion there is 90° + thigh angle − back rise [D] (thigh vertical under a level back = 90°).
    Raises ``ValueError`` for angles outside −30…90° / −30…45° or a hip flexion outside 45–160°.
    """
    thigh = _number("rock-back", "the thigh angle from vertical", thigh_from_vertical_deg, -30.0, 90.0, "°")
    back = _number("rock-back", "the back's rise", back_rise_deg, -30.0, 45.0, "°")
    hip = _number("rock-back", "the hip flexion (90° + thigh − back)", 90.0 + thigh - back, 45.0, 160.0, "°")
    return Observation(SELF_TESTS["rock_back"], hip, label)


def lying_hip_flexion(thigh_from_floor_deg: float, label: str = "") -> Observation:
    """Lying on the back, one knee pulled to the chest: the thigh's angle from the floor where the pelvis
    starts to move (the hip flexion itself [D]). ``ValueError`` outside 45–160°."""
    hip = _number("lying hip flexion", "the thigh angle from the floor", thigh_from_floor_deg, 45.0, 160.0, "°")
    return Observation(SELF_TESTS["lying_hip_flexion"], hip, label)


def prone_rotation(internal_deg: float, external_deg: float, label: str = "") -> Observation:
    """Face down, knee bent to 90°: internal rotation (foot falls out) and external rotation (foot falls
    in), degrees of the shin from vertical. The result is IR − ER.

    Raises ``ValueError`` for an angle outside 0–90° or a total arc outside 20–150° (not a hip's range).
    """
    ir = _number("prone hip rotation", "internal rotation", internal_deg, 0.0, 90.0, "°")
    er = _number("prone hip rotation", "external rotation", external_deg, 0.0, 90.0, "°")
    _number("prone hip rotation", "the total arc (internal + external)", ir + er, 20.0, 150.0, "°")
    return Observation(SELF_TESTS["prone_rotation"], ir - er, label)


def craig(angle_deg: float, label: str = "") -> Observation:
    """Craig's test: the shin's angle from vertical (° of internal rotation) where a partner feels the
    greater trochanter most prominent. ``ValueError`` outside −30…60°."""
    x = _number("Craig's test", "the angle", angle_deg, -30.0, 60.0, "°")
    return Observation(SELF_TESTS["craig"], x, label)


def seated_ir(internal_deg: float, label: str = "") -> Observation:
    """Seated, hip and knee at 90°: internal rotation (foot swung out), degrees. ``ValueError`` outside
    0–80°."""
    x = _number("seated hip internal rotation", "internal rotation", internal_deg, 0.0, 80.0, "°")
    return Observation(SELF_TESTS["seated_ir"], x, label)


def expected_results(anatomy: Anatomy) -> dict[str, float]:
    """What ``anatomy`` would measure in every test (unit of each test), keyed by test key."""
    return {key: test.predict(anatomy) for key, test in SELF_TESTS.items()}


__all__ = ["SELF_TESTS", "SelfTest", "Observation", "observation_from_dict", "PHOTO_TESTS", "is_photo",
           "knee_to_wall", "rock_back", "lying_hip_flexion", "prone_rotation", "craig", "seated_ir", "expected_results",
           "predicted_knee_to_wall_cm", "knee_to_wall_range_cm", "predicted_unloaded_hip_flexion_deg",
           "predicted_prone_rotation_balance_deg", "predicted_craig_deg", "predicted_seated_ir_deg"]
