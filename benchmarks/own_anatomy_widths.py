"""How wide the tuck onset's 10–90 % range is for the average lifter: no tests, each home test added in turn
(the results the average lifter would measure), all of them, and all of them with a side photo.

Run: ``.venv/bin/python benchmarks/own_anatomy_widths.py`` (≈ 2 minutes on 2 cores). The figures are the ones
in docs/model.md, "Your own anatomy".
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.model import Anatomy  # noqa: E402
from viewer.model import self_tests as tests  # noqa: E402
from viewer.model.photo_fit import fit_photo, side_points_px  # noqa: E402
from viewer.model.uncertain_anatomy import combine  # noqa: E402
from viewer.model.uncertainty import BandJob  # noqa: E402


def main() -> None:
    avg = Anatomy()
    r = tests.expected_results(avg)
    steps = [("knee-to-wall", tests.knee_to_wall(r["knee_to_wall"], avg)),
             ("rock-back", tests.rock_back(r["rock_back"] - 90.0)),
             ("lying hip flexion", tests.lying_hip_flexion(r["lying_hip_flexion"])),
             ("prone rotation", tests.Observation(tests.SELF_TESTS["prone_rotation"], r["prone_rotation"])),
             ("seated IR", tests.seated_ir(r["seated_ir"])),
             ("Craig's test", tests.craig(r["craig"])),
             ("a side photo (600 px per metre)",
              fit_photo(side_points_px(avg, 10.0, px_per_m=600.0), avg).observations())]
    runs = [("no tests", [])]
    for k in range(len(steps)):
        obs = []
        for _, o in steps[:k + 1]:
            obs.extend(o if isinstance(o, tuple) else [o])
        runs.append(("+ " + steps[k][0], obs))
    print("| tests | tuck onset 10 / 50 / 90 % (°) | width (°) | samples | time (s) | slowest step (ms) |")
    print("|---|---|---|---|---|---|")
    for label, obs in runs:
        job = BandJob(combine(avg, obs).anatomy)
        start, slowest = time.perf_counter(), 0.0
        while True:
            t = time.perf_counter()
            finished = job.step()
            slowest = max(slowest, time.perf_counter() - t)
            if finished:
                break
        b = job.result()
        t = b.tuck_onset
        print(f"| {label} | {t.low_deg:.1f} / {t.median_deg:.1f} / {t.high_deg:.1f} | {b.tuck_width_deg:.1f} | "
              f"{b.samples} | {time.perf_counter() - start:.1f} | {1e3 * slowest:.0f} |", flush=True)


if __name__ == "__main__":
    main()
