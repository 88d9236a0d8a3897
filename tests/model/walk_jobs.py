"""Shared by the walk-job tests (the band, the lever ranges)."""


def walks_per_step(job, calls: list) -> list[int]:
    """Step ``job`` to the end; how many walks (new entries in ``calls``, the walks' record) each step took."""
    per_step = []
    while True:
        before = len(calls)
        finished = job.step()
        per_step.append(len(calls) - before)
        if finished:
            return per_step
