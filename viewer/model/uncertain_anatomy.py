"""An anatomy with uncertainty: the population prior, updated by home tests; contradictions reported.

**Prior.** Every parameter in :data:`PRIORS` is uncertain for a lifter who has done no test: normal, mean
= the average lifter's value (the parameter's default), SD from the population (sources in
docs/model.md, "Your own anatomy"). The other parameters (height, stance, load, …) are what the lifter
set; they carry no uncertainty.

**Update (the combination rule).** Each test is an observation ``y = h(anatomy) + e``, ``e ~ N(0, sd²)``
(:mod:`.self_tests`). The posterior is the Gaussian that best fits prior and observations: Gauss–Newton
on the linearised relations (finite differences), iterated until the mean moves < 0.01°. For a test that
reads one parameter directly this is inverse-variance weighting around the prior,
``mean = (μ0/σ0² + Σ x_i/σ_i²) / (1/σ0² + Σ 1/σ_i²)``, ``sd = (1/σ0² + Σ 1/σ_i²)^-½``; a test that reads a
combination (the hip-stop tests) spreads its correction over the parameters in proportion to their prior
variance times their effect, and leaves them correlated. Means are kept inside each parameter's range
and put on its slider grid.

**Contradictions.** Two results of the same quantity (e.g. rock-back and lying hip flexion, or knee-to-wall
left and right) contradict when they are more than 2 combined SD apart, ``|y1 − y2| > 2·√(sd1² + sd2²)``;
a result also contradicts the others when it lies more than 2 SD (its own spread plus what the others
leave uncertain of it) from what the other tests predict for it, and the others pin it down (they remove
at least a fifth of its prior variance). Contradictions are returned, never dropped: the combined anatomy
still uses every result.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .anatomy import Anatomy
from .params import SPECS_BY_NAME
from .self_tests import Observation, is_photo, observation_from_dict


@dataclass(frozen=True, slots=True)
class Prior:
    """Population prior of one parameter: SD (parameter's unit) and where it comes from (mean = default)."""

    sd: float
    source: str


#: Parameters a lifter cannot read off without an X-ray, a CT or a photo, with their population spread.
PRIORS: Mapping[str, Prior] = MappingProxyType({
    "ankle_dorsiflexion_deg": Prior(5.2, "weight-bearing lunge 40.6 ± 5.2°, Calatayud 2015 [S]"),
    "femoral_anteversion_deg": Prior(8.0, "normal 10–15° [M]; FAI series −10…27°, Ejnisman 2013 [S]; SD [E]"),
    "acetabular_lce_deg": Prior(6.0, "normal 23–33°, Tannast 2015 [S]; SD [E]"),
    "acetabular_version_deg": Prior(5.0, "rim version 23–25°, women +4°, Cobb 2010 [S]; SD [E]"),
    "alpha_angle_deg": Prior(8.0, "normal ≈ 42°, cam ≥ 55–60° (van Klij 2020) [S]; SD [E]"),
    "neck_shaft_angle_deg": Prior(5.0, "normal 125–130° [M]; SD [E]"),
    "thigh_length_ratio": Prior(0.04, "segment lengths scatter ≈ 4 % about de Leva's fractions [E]"),
    "shank_length_ratio": Prior(0.04, "segment lengths scatter ≈ 4 % about de Leva's fractions [E]"),
    "trunk_length_ratio": Prior(0.04, "segment lengths scatter ≈ 4 % about de Leva's fractions [E]"),
})

UNCERTAIN: tuple[str, ...] = tuple(PRIORS)
#: Contradiction threshold, in combined SDs.
CONTRADICTION_SD = 2.0
#: A leave-one-out check only counts when the other results remove at least this share of the prior variance.
INFORMED_SHARE = 0.2
_FD_STEP = {name: (0.005 if name.endswith("_ratio") else 0.5) for name in UNCERTAIN}
_MAX_ITER = 20


@dataclass(frozen=True, slots=True)
class UncertainAnatomy:
    """The mean :class:`Anatomy` and the joint spread of the uncertain parameters.

    Attributes:
        mean: the most likely anatomy (uncertain parameters on their slider grid).
        names: the uncertain parameters, in the order of ``covariance``.
        covariance: symmetric positive semi-definite matrix (tuple of rows), each parameter's own unit
            squared; its diagonal is the variance.
    """

    mean: Anatomy
    names: tuple[str, ...]
    covariance: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        if not isinstance(self.mean, Anatomy):
            raise TypeError(f"mean must be an Anatomy, got {type(self.mean).__name__}")
        unknown = [n for n in self.names if n not in SPECS_BY_NAME or SPECS_BY_NAME[n].kind != "float"]
        if unknown:
            raise ValueError(f"uncertain parameters must be numeric parameters; unknown: {', '.join(unknown)}")
        cov = np.asarray(self.covariance, dtype=float).reshape(len(self.names), len(self.names))
        if not np.all(np.isfinite(cov)) or not np.allclose(cov, cov.T, atol=1e-9):
            raise ValueError("covariance must be a finite symmetric matrix")
        if len(self.names) and np.linalg.eigvalsh(cov).min() < -1e-9 * max(1.0, float(np.abs(cov).max())):
            raise ValueError("covariance must be positive semi-definite")
        object.__setattr__(self, "covariance", tuple(tuple(float(v) for v in row) for row in cov))

    @property
    def sd(self) -> Mapping[str, float]:
        """Per-parameter SD (1 SD, the parameter's unit)."""
        return MappingProxyType({n: math.sqrt(max(self.covariance[i][i], 0.0)) for i, n in enumerate(self.names)})

    def matrix(self) -> np.ndarray:
        """The covariance as a new (k, k) array."""
        return np.array(self.covariance, dtype=float).reshape(len(self.names), len(self.names))

    @classmethod
    def from_sd(cls, mean: Anatomy, sd: Mapping[str, float]) -> UncertainAnatomy:
        """Independent parameters with the given SDs."""
        names = tuple(sd)
        return cls(mean, names, tuple(tuple((float(sd[a]) ** 2 if a == b else 0.0) for b in names) for a in names))

    def to_dict(self) -> dict[str, object]:
        """JSON-ready ``{"mean": {...}, "names": [...], "covariance": [[...]]}``."""
        return {"mean": self.mean.to_dict(), "names": list(self.names),
                "covariance": [list(row) for row in self.covariance]}

    def seed(self) -> int:
        """A seed derived from the content (the same anatomy and spread give the same seed on every run)."""
        text = json.dumps(self.to_dict(), sort_keys=True)
        return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Results that disagree by more than :data:`CONTRADICTION_SD` combined SDs.

    ``tests`` names the results ("Rock-back", "Lying hip flexion"); ``gap`` is the difference in the
    quantity's unit; ``allowed`` the largest gap that is not a contradiction; ``message`` one sentence.
    """

    tests: tuple[str, ...]
    quantity: str
    gap: float
    allowed: float
    message: str


@dataclass(frozen=True, slots=True)
class Combined:
    """The result of :func:`combine`: the anatomy with uncertainty and the contradictions found."""

    anatomy: UncertainAnatomy
    contradictions: tuple[Contradiction, ...]
    observations: tuple[Observation, ...]


def prior(base: Anatomy) -> UncertainAnatomy:
    """The average lifter's uncertainty for ``base``'s body and stance: every :data:`PRIORS` parameter at
    its population mean (its default) with its population SD."""
    mean = base.replace(**{n: SPECS_BY_NAME[n].default for n in UNCERTAIN})
    return UncertainAnatomy.from_sd(mean, {n: PRIORS[n].sd for n in UNCERTAIN})


def _with(base: Anatomy, theta: np.ndarray) -> Anatomy:
    return base.replace(**{n: SPECS_BY_NAME[n].clip(v) for n, v in zip(UNCERTAIN, theta, strict=True)})


def _predict(base: Anatomy, theta: np.ndarray, obs: Sequence[Observation]) -> np.ndarray:
    a = _with(base, theta)
    return np.array([o.test.predict(a) for o in obs])


def _jacobian(base: Anatomy, theta: np.ndarray, obs: Sequence[Observation]) -> np.ndarray:
    """(m, k) central differences of the relations (only the parameters each test informs), inside the
    parameter ranges."""
    jac = np.zeros((len(obs), len(UNCERTAIN)))
    for j, name in enumerate(UNCERTAIN):
        rows = [i for i, o in enumerate(obs) if name in o.test.informs]
        if not rows:
            continue
        h = _FD_STEP[name]
        s = SPECS_BY_NAME[name]
        lo, hi = max(theta[j] - h, s.minimum), min(theta[j] + h, s.maximum)
        if hi <= lo:
            continue
        up, down = theta.copy(), theta.copy()
        up[j], down[j] = hi, lo
        sub = [obs[i] for i in rows]
        jac[rows, j] = (_predict(base, up, sub) - _predict(base, down, sub)) / (hi - lo)
    return jac


def _posterior(base: Anatomy, mu0: np.ndarray, cov0: np.ndarray, obs: Sequence[Observation]
               ) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Newton posterior mean and covariance of the uncertain parameters given ``obs``."""
    if not obs:
        return mu0.copy(), cov0.copy()
    y = np.array([o.value for o in obs])
    r_inv = np.diag([1.0 / o.spread**2 for o in obs])
    p0 = np.linalg.inv(cov0)
    theta = mu0.copy()
    cov = cov0
    for _ in range(_MAX_ITER):
        jac = _jacobian(base, theta, obs)
        resid = y - _predict(base, theta, obs) + jac @ theta
        info = p0 + jac.T @ r_inv @ jac
        cov = np.linalg.inv(info)
        new = cov @ (p0 @ mu0 + jac.T @ r_inv @ resid)
        new = np.array([SPECS_BY_NAME[n].clip(v) for n, v in zip(UNCERTAIN, new, strict=True)])
        step = float(np.max(np.abs(new - theta)))
        theta = 0.5 * (theta + new) if step > 5.0 else new  # damped while far from the answer
        if step < 0.01:
            break
    return theta, 0.5 * (cov + cov.T)


def _shown(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.3f}×"
    return f"{value:.1f}{unit}" if unit == "°" else f"{value:.1f} {unit}"


def _same_quantity(obs: Sequence[Observation]) -> list[Contradiction]:
    out = []
    for i, a in enumerate(obs):
        for b in obs[i + 1:]:
            if a.test.quantity != b.test.quantity:
                continue
            gap = abs(a.value - b.value)
            allowed = CONTRADICTION_SD * math.hypot(a.spread, b.spread)
            if gap > allowed:
                unit = a.test.unit
                out.append(Contradiction(
                    (a.name, b.name), a.test.quantity, gap, allowed,
                    f"{a.name} ({_shown(a.value, unit)}) and {b.name} ({_shown(b.value, unit)}) read the same "
                    f"thing but differ by {_shown(gap, unit)}; more than {_shown(allowed, unit)} is unlikely from "
                    f"measuring error alone: repeat both, or the two sides differ."))
    return out


def _leave_one_out(base: Anatomy, mu0: np.ndarray, cov0: np.ndarray, obs: Sequence[Observation],
                   reported: set[frozenset[str]]) -> list[Contradiction]:
    out = []
    for i, o in enumerate(obs):
        rest = [p for j, p in enumerate(obs) if j != i and p.test.quantity != o.test.quantity]
        if not rest or any(frozenset((o.name, p.name)) in reported for p in obs if p is not o):
            continue
        mu, cov = _posterior(base, mu0, cov0, rest)
        g = _jacobian(base, mu, [o])[0]
        var_rest, var_prior = float(g @ cov @ g), float(g @ cov0 @ g)
        if var_prior <= 0.0 or var_rest > (1.0 - INFORMED_SHARE) * var_prior:
            continue
        predicted = float(_predict(base, mu, [o])[0])
        allowed = CONTRADICTION_SD * math.sqrt(o.spread**2 + var_rest)
        gap = abs(o.value - predicted)
        if gap > allowed:
            unit = o.test.unit
            names = tuple([o.name] + [p.name for p in rest])
            out.append(Contradiction(
                names, o.test.quantity, gap, allowed,
                f"{o.name} ({_shown(o.value, unit)}) disagrees with the other tests, which predict "
                f"{_shown(predicted, unit)}: a gap of {_shown(gap, unit)}, more than the {_shown(allowed, unit)} "
                f"their spreads allow."))
    return out


def combine(base: Anatomy, observations: Sequence[Observation]) -> Combined:
    """The anatomy with uncertainty that ``observations`` give on top of the population prior.

    ``base`` supplies everything that is not uncertain (height, sex, stance, load, …). With no
    observations the result is :func:`prior`. Raises ``TypeError`` for a non-Anatomy base or a
    non-Observation item.
    """
    if not isinstance(base, Anatomy):
        raise TypeError(f"base must be an Anatomy, got {type(base).__name__}")
    obs = tuple(observations)
    for o in obs:
        if not isinstance(o, Observation):
            raise TypeError(f"observations must be Observation values, got {type(o).__name__}")
    start = prior(base)
    mu0 = np.array([getattr(start.mean, n) for n in UNCERTAIN])
    cov0 = start.matrix()
    mu, cov = _posterior(start.mean, mu0, cov0, obs)
    mean = start.mean.replace(**{n: SPECS_BY_NAME[n].snap(v) for n, v in zip(UNCERTAIN, mu, strict=True)})
    same = _same_quantity(obs)
    reported = {frozenset(c.tests) for c in same}
    contradictions = tuple(same + _leave_one_out(start.mean, mu0, cov0, obs, reported))
    return Combined(UncertainAnatomy(mean, UNCERTAIN, tuple(map(tuple, cov))), contradictions, obs)


def photo_observations(combined: Combined | None) -> tuple[Observation, ...]:
    """The squat photo's results among ``combined``'s (none for ``None``)."""
    return () if combined is None else tuple(o for o in combined.observations if is_photo(o))


def home_test_observations(combined: Combined | None) -> tuple[Observation, ...]:
    """The home tests' results among ``combined``'s, i.e. all but the photo's (none for ``None``)."""
    return () if combined is None else tuple(o for o in combined.observations if not is_photo(o))


def with_photo(base: Anatomy, combined: Combined | None, photo: Sequence[Observation]) -> Combined:
    """``combined``'s home-test results with ``photo`` in place of any earlier photo's, combined on ``base``
    (:func:`combine`): a photo fitted again replaces the last one instead of counting twice."""
    return combine(base, home_test_observations(combined) + tuple(photo))


# --- profiles: the section the io layer stores next to the anatomy ----------------------------------------
PROFILE_KEY = "own_anatomy"


def to_profile_section(combined: Combined) -> dict[str, object]:
    """``{"own_anatomy": {"tests": [...], "sd": {...}, "covariance": [[...]], "names": [...]}}``: the
    results the lifter entered and the spread they give (the mean is the profile's anatomy)."""
    ua = combined.anatomy
    return {PROFILE_KEY: {"tests": [o.to_dict() for o in combined.observations], "names": list(ua.names),
                          "covariance": [list(r) for r in ua.covariance],
                          "sd": dict(ua.sd)}}


def from_profile_section(section: Mapping[str, object], anatomy: Anatomy) -> Combined:
    """Rebuild from :func:`to_profile_section`'s inner dict and the profile's anatomy.

    The tests are combined again (so a profile made by an older Skelly gets today's relations) and the
    profile's anatomy supplies the body and stance. ``ValueError`` for an unreadable section.
    """
    if not isinstance(section, Mapping):
        raise ValueError(f"{PROFILE_KEY} must be an object")
    tests = section.get("tests", [])
    if not isinstance(tests, list):
        raise ValueError(f"{PROFILE_KEY}.tests must be a list")
    return combine(anatomy, [observation_from_dict(t) for t in tests])


__all__ = ["PRIORS", "Prior", "UNCERTAIN", "UncertainAnatomy", "Contradiction", "Combined", "prior", "combine",
           "to_profile_section", "from_profile_section", "PROFILE_KEY", "CONTRADICTION_SD", "photo_observations",
           "home_test_observations", "with_photo"]
