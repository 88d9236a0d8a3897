"""Issue 5 §4 (slow): 5,000 slider updates leak neither memory nor VTK/Qt objects.

Each update is a real slider move (drags released every 25 moves, so meshes are regenerated
too), applied and rendered. After a warm-up of 1,500 updates (caches, first allocations), the
process may grow by < 20 MB over the next 5,000 and every object count must be the same.
"""

from __future__ import annotations

import random

import pytest
from robust_memory import WARM_UP_UPDATES, counts, rss_mb, slider_updates


@pytest.mark.slow
def test_5000_slider_updates_do_not_leak(make_window):
    window = make_window()
    window.resize(1200, 800)  # renders a little faster than the default size; leaks are per update
    rng = random.Random(5)
    slider_updates(window, WARM_UP_UPDATES, rng)
    window.store.reset_defaults()
    window.flush()
    before_counts, before_mb = counts(window), rss_mb()
    times = slider_updates(window, 5000, rng)
    window.store.reset_defaults()
    window.flush()
    after_counts, after_mb = counts(window), rss_mb()
    print(f"\nRSS {before_mb:.1f} → {after_mb:.1f} MB (+{after_mb - before_mb:.1f}); counts {after_counts}; "
          f"update max {max(times):.0f} ms")
    assert after_mb - before_mb < 20.0
    stable = {k: v for k, v in before_counts.items() if k != "Python objects"}
    assert {k: after_counts[k] for k in stable} == stable
    assert after_counts["Python objects"] - before_counts["Python objects"] < 2000
