"""Stored segment frames of symmetric lifters for the "a symmetric lifter is drawn as before" test
(``test_side_frames.py``).

``python tests/model/frames_reference.py > tests/model/fixtures/symmetric_frames.json`` writes them from
the model that is importable (run it from a checkout whose drawing the values should describe).
"""

import json
import sys

#: Symmetric presets (one through the two-sided solver: knees pushed out) and the sweep indices sampled.
PRESET_NAMES = ("Average lifter", "Knees out, feet forward", "Low-bar back squat")
INDICES = (120, 240)


def reference() -> dict:
    from viewer.model import PRESETS, solve, sweep
    from viewer.model.kinematics import segment_frames

    out = {}
    for name in PRESET_NAMES:
        anatomy = PRESETS[name].anatomy
        s = sweep(anatomy)
        poses = {}
        for i in INDICES:
            pose = solve(anatomy, float(s.thigh_angle_deg[i]))
            frames = segment_frames(pose, anatomy)
            poses[str(i)] = {k: {"rotation": f.rotation.tolist(), "origin": f.origin.tolist(),
                                 "scale": f.scale.tolist()} for k, f in frames.items()}
        out[name] = {"overrides": dict(PRESETS[name].overrides), "poses": poses}
    return out


if __name__ == "__main__":
    json.dump(reference(), sys.stdout)
    sys.stdout.write("\n")
