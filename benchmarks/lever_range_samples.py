"""How many samples the depth advisor's gain ranges need: the 10th/90th percentile of each lever's gain with
40 samples against 800, over 8 shifts of the sample sequence, for the average lifter with no tests and with
the home tests done.

Run: ``.venv/bin/python benchmarks/lever_range_samples.py`` (≈ 2 minutes on 2 cores). The figures are the
ones in docs/model.md, "Your own anatomy" (C3).
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.model import Anatomy  # noqa: E402
from viewer.model import self_tests as tests  # noqa: E402
from viewer.model.lever_ranges import LEVER_SAMPLES, lever_ranges  # noqa: E402
from viewer.model.uncertain_anatomy import combine  # noqa: E402

REFERENCE_SAMPLES = 800
SEEDS = range(8)


def main() -> None:
    avg = Anatomy()
    r = tests.expected_results(avg)
    home = [tests.knee_to_wall(r["knee_to_wall"], avg), tests.rock_back(r["rock_back"] - 90.0),
            tests.lying_hip_flexion(r["lying_hip_flexion"]),
            tests.Observation(tests.SELF_TESTS["prone_rotation"], r["prone_rotation"]),
            tests.seated_ir(r["seated_ir"]), tests.craig(r["craig"])]
    print(f"| tests | lever | 10 / 90 % ({REFERENCE_SAMPLES}) | width | error of 10 / 90 % with "
          f"{LEVER_SAMPLES} (RMS over {len(SEEDS)} shifts) |")
    print("|---|---|---|---|---|")
    for label, obs in (("no tests", []), ("home tests", home)):
        ua = combine(avg, obs).anatomy
        ref = lever_ranges(ua, REFERENCE_SAMPLES)
        runs = [lever_ranges(ua, LEVER_SAMPLES, seed=s) for s in SEEDS]
        for key, lr in ref.items():
            lo = np.array([run[key].low_deg for run in runs]) - lr.low_deg
            hi = np.array([run[key].high_deg for run in runs]) - lr.high_deg
            print(f"| {label} | {key} | {lr.low_deg:.1f} / {lr.high_deg:.1f} | {lr.width_deg:.1f} | "
                  f"{np.sqrt(np.mean(lo ** 2)):.2f} / {np.sqrt(np.mean(hi ** 2)):.2f} |", flush=True)


if __name__ == "__main__":
    main()
