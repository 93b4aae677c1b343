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
import pickle
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, TypeVar

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


class Cancelled(Exception):
    """Raised by the ``wait`` of work set :class:`Aside` when the process that set it aside cancels it."""


class Aside:
    """``work(wait)`` done in a forked child while this process goes on with something else, such as writing
    the pages while the cache is saved. ``work`` calls ``wait()`` where it needs what this process gives
    :meth:`finish` (it blocks until then), and must leave no trace if ``wait`` raises :class:`Cancelled`
    (:meth:`cancel`: what this process was doing failed). An exception in ``work`` is raised again here, by
    :meth:`finish`. With ``fork`` false, or no ``fork`` on this platform, ``work`` runs in :meth:`finish`.
    """

    def __init__(self, work: Callable[[Callable[[], Any]], None], fork: bool = True) -> None:
        self.work = work
        self.pid = 0
        if not fork or "fork" not in multiprocessing.get_all_start_methods():
            return
        down_read, self.down = os.pipe()  # this process -> the child: what wait() returns
        self.up, up_write = os.pipe()  # the child -> this process: its exception, if any
        self.pid = os.fork()
        if self.pid:
            os.close(down_read)
            os.close(up_write)
            return
        os.close(self.down)  # the child, from here on
        os.close(self.up)
        failure = b""
        given = os.fdopen(down_read, "rb")
        try:
            work(lambda: _received(given))
        except Cancelled:
            pass
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
            failure = _pickled_error(exc)
        finally:
            given.close()  # first: a parent still sending gets a broken pipe, not a wait on this child
            with os.fdopen(up_write, "wb") as out:
                out.write(failure)
            os._exit(1 if failure else 0)  # no atexit handlers, no flushing of the parent's buffers

    def finish(self, value: Any) -> None:
        """Give ``value`` to the work's ``wait()``, wait for the work to end, and raise what it raised."""
        if not self.pid:
            self.work(lambda: value)
            return
        try:
            with os.fdopen(self.down, "wb") as out:
                pickle.dump(value, out, protocol=5)
        except BrokenPipeError:
            pass  # the work ended without waiting for it: _ended says why
        self._ended()

    def cancel(self) -> None:
        """Make the work's ``wait()`` raise :class:`Cancelled`, and wait for the work to end."""
        if self.pid:
            os.close(self.down)
            self._ended(cancelled=True)

    def _ended(self, cancelled: bool = False) -> None:
        with os.fdopen(self.up, "rb") as back:
            failure = back.read()
        pid, self.pid = self.pid, 0
        _, status = os.waitpid(pid, 0)
        if failure and not cancelled:
            raise pickle.loads(failure)
        if status and not cancelled:
            raise RuntimeError(f"the work set aside in process {pid} ended with wait status {status}")


def _received(stream: BinaryIO) -> Any:
    data = stream.read()
    if not data:
        raise Cancelled
    return pickle.loads(data)


def _pickled_error(exc: BaseException) -> bytes:
    """The exception pickled, or, when it does not survive pickling, a RuntimeError that names it."""
    try:
        data = pickle.dumps(exc, protocol=5)
        pickle.loads(data)
        return data
    except Exception:  # noqa: BLE001 - any exception may be unpicklable in its own way
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"), protocol=5)
