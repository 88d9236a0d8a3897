"""The tuck and rounding onsets of an uncertain anatomy in words: "between 4° above and 3° below parallel".

Pure (no Qt): the headline shows :func:`range_story` in place of the exact story while the state has
own-anatomy results and their band is computed (:mod:`viewer.model.uncertainty`).
"""

from __future__ import annotations

from viewer.model.uncertainty import Band, Spread
from viewer.wording import where


def span(low_deg: float, high_deg: float) -> str:
    """Two depths (thigh angle, ° below horizontal) as one phrase: "between 4° above and 3° below
    parallel", "between 10° and 20° below parallel", "between parallel and 5° below parallel", "at about
    parallel"."""
    a, b = (where(v).removeprefix("at ") for v in sorted((low_deg, high_deg)))
    if a == b:
        return f"at about {a}"
    suffix = " parallel"
    if a != "parallel" and b != "parallel":
        a_side, b_side = a.removesuffix(suffix), b.removesuffix(suffix)
        if a_side.split()[-1] == b_side.split()[-1]:  # both above or both below: say it once
            a_side = a_side.rsplit(" ", 1)[0]
        return f"between {a_side} and {b_side}{suffix}"
    return f"between {a} and {b}"


def _onset(spread: Spread, subject: str, verb: str, never: str) -> str:
    if spread.low_deg is None:
        return f"{subject} most likely {never} (it does in {spread.share:.0%} of the anatomies your tests allow)"
    if spread.high_deg is None:
        return (f"{subject} most likely {verb} below {where(spread.low_deg)}, or {never} "
                f"({1.0 - spread.share:.0%} of the anatomies your tests allow)")
    return f"{subject} most likely {verb} {span(spread.low_deg, spread.high_deg)}"


def range_story(band: Band) -> str:
    """Two sentences: where the pelvis starts to tuck and where the lower back rounds, as the 10–90 %
    range over the anatomies the lifter's results allow."""
    tuck = _onset(band.tuck_onset, "Your pelvis", "starts to tuck", "never tucks")
    rounding = _onset(band.rounding_onset, "your lower back", "rounds", "keeps its curve")
    return f"{tuck}; {rounding} (8 in 10 of the anatomies your tests allow)."


__all__ = ["span", "range_story"]
