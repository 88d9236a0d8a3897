"""Issue 5 §4 (slow): 1,500 slider updates leak neither memory nor VTK/Qt objects.

Each update is a real slider move (drags released every 25 moves, so meshes are regenerated
too), applied and rendered. After a warm-up of 1,500 updates (caches, first allocations), the
process may grow by < 10 MB over the next 1,500 and every object count must be the same.

Why 1,500 are enough: an object kept per update (a VTK prop, a Qt object, a plot item, a Python
object) changes the exact counts after any number of updates; the memory bound catches a leak of
≥ 7 kB per update, far below one leaked mesh (the regenerated meshes are hundreds of kB). After the
warm-up the process grows by ≈ 2 MB per 1,000 updates at most (docs/reliability.md).
``benchmarks/soak.py`` runs the long soak (5,000 updates) for docs/reliability.md.
"""

from __future__ import annotations

import random

import pytest
from robust_memory import WARM_UP_UPDATES, counts, rss_mb, slider_updates


@pytest.mark.slow
def test_1500_slider_updates_do_not_leak(make_window):
    window = make_window()
    window.resize(1200, 800)  # renders a little faster than the default size; leaks are per update
    rng = random.Random(5)
    slider_updates(window, WARM_UP_UPDATES, rng)
    window.store.reset_defaults()
    window.flush()
    before_counts, before_mb = counts(window), rss_mb()
    times = slider_updates(window, 1500, rng)
    window.store.reset_defaults()
    window.flush()
    after_counts, after_mb = counts(window), rss_mb()
    print(f"\nRSS {before_mb:.1f} → {after_mb:.1f} MB (+{after_mb - before_mb:.1f}); counts {after_counts}; "
          f"update max {max(times):.0f} ms")
    assert after_mb - before_mb < 10.0
    stable = {k: v for k, v in before_counts.items() if k != "Python objects"}
    assert {k: after_counts[k] for k in stable} == stable
    assert after_counts["Python objects"] - before_counts["Python objects"] < 2000
