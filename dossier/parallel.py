"""The per-article stages and page rendering, spread over the machine's cores (issue 5).

Each article is analysed, and each page rendered, on its own: the work splits cleanly. Worker processes
are forked, so they start with the parent's articles, matcher and knowledge base already in memory (no
pickling on the way in); only the results come back, in order, so the output is the same whatever the
number of workers. Where forking is not available (or not safe: ``mkdocs serve`` runs threads), or
there is too little work to pay for the processes, everything runs in this process.

``DOSSIER_WORKERS`` sets the number of processes (1: none); the default is the cores this process may use.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
#: fewer items than this per worker and a second process costs more than it saves
MIN_ITEMS_PER_WORKER = 100
CHUNKS_PER_WORKER = 4  # a few chunks each, so a worker given the long articles does not hold up the rest

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_workers() -> int:
    configured = os.environ.get("DOSSIER_WORKERS", "").strip()
    if configured.isdigit():
        return max(1, int(configured))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes(items: int, workers: int, min_items: int | None = None) -> int:
    """How many processes :func:`map_in_order` shares ``items`` out to (1: it runs them in this one)."""
    count = min(workers, items // (min_items or MIN_ITEMS_PER_WORKER))
    return count if count > 1 and "fork" in multiprocessing.get_all_start_methods() else 1


def map_in_order(fn: Callable[[T], R], items: Sequence[T], workers: int,
                 min_items: int | None = None) -> list[R]:
    """``[fn(x) for x in items]``, computed by up to ``workers`` forked processes, each given at least
    ``min_items`` items (MIN_ITEMS_PER_WORKER unless given: fewer, longer items, such as a timeline's
    years, take a lower figure)."""
    count = processes(len(items), workers, min_items)
    if count <= 1:
        return [fn(x) for x in items]
    global _job
    _job = (fn, items)
    try:
        size = -(-len(items) // (count * CHUNKS_PER_WORKER))
        bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunks = pool.map(_run, bounds, chunksize=1)
    finally:
        _job = None
    return [result for chunk in chunks for result in chunk]


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None, "a worker forked without its job"
    fn, items = _job
    return [fn(items[i]) for i in range(*bounds)]
