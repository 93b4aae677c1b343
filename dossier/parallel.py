"""The per-article stages and page rendering, spread over the machine's cores (issue 5).

Each article is analysed, and each page rendered, on its own: the work splits cleanly. Worker processes
are forked, so they start with the parent's articles, matcher and knowledge base already in memory (no
pickling on the way in); only the results come back, in order, so the output is the same whatever the
number of workers. Where forking is not available (or not safe: ``mkdocs serve`` runs threads), or
there is too little work to pay for the processes, everything runs in this process.

Two more shapes of the same idea: a :class:`Crew` keeps its workers, and each worker its share of the
items, through several steps (discovery, then matching, which reads discovery's phrase scans again); an
:class:`Aside` does one piece of work in a forked process while this one goes on (the full build's cache
is saved while the pages are written).

``DOSSIER_WORKERS`` sets the number of processes (1: none); the default is the cores this process may use.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
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
                 min_items: int | None = None, meanwhile: Callable[[], object] | None = None) -> list[R]:
    """``[fn(x) for x in items]``, computed by up to ``workers`` forked processes, each given at least
    ``min_items`` items (MIN_ITEMS_PER_WORKER unless given: fewer, longer items, such as a timeline's
    years, take a lower figure). ``meanwhile``, if given, is called once in this process while the workers
    work (first, when there are none): work of its own that they do not need, rather than after them,
    with a core idle."""
    count = processes(len(items), workers, min_items)
    if count <= 1:
        if meanwhile is not None:
            meanwhile()
        return [fn(x) for x in items]
    global _job
    _job = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            pending = pool.map_async(_run, _chunks(len(items), count), chunksize=1)
            if meanwhile is not None:
                meanwhile()
            chunks = pending.get()
    finally:
        _job = None
    return [result for chunk in chunks for result in chunk]


def _chunks(items: int, count: int) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``items`` shared out to ``count`` processes, CHUNKS_PER_WORKER each."""
    size = -(-items // (count * CHUNKS_PER_WORKER))
    return [(i, min(i + size, items)) for i in range(0, items, size)]


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None, "a worker forked without its job"
    fn, items = _job
    return [fn(items[i]) for i in range(*bounds)]


class Crew:
    """Forked workers that keep their share of ``items`` through several steps, and what a step leaves in
    their memory for the next: matching reads again the phrase scans that discovery made, which cost as
    much to send back as to make again (issue 5).

    ``steps`` are known before the fork: name -> a function that, given the value :meth:`map` shares out
    (pickled, to each worker), returns the function of one item. Worker k owns the chunks k, k + count, ...
    (CHUNKS_PER_WORKER of them); each chunk's results come back as it is done, and :meth:`map` gives them
    in item order, so the output is the same whatever the number of workers. With one process (see
    :func:`processes`), the steps run here, given the value itself. Use as a context manager: leaving it
    ends the workers.
    """

    def __init__(self, items: Sequence[Any], workers: int,
                 steps: Mapping[str, Callable[[Any], Callable[[Any], Any]]], min_items: int | None = None) -> None:
        self.items = items
        self.steps = steps
        self.links: list[Connection] = []
        self.procs: list[BaseProcess] = []
        count = processes(len(items), workers, min_items)
        self.bounds = _chunks(len(items), count) if count > 1 else []
        if count <= 1:
            return
        context = multiprocessing.get_context("fork")
        for k in range(count):
            here, there = context.Pipe()
            proc = context.Process(target=self._serve, args=(there, self.bounds[k::count], [*self.links, here]),
                                   daemon=True)
            proc.start()
            there.close()
            self.links.append(here)
            self.procs.append(proc)

    def __enter__(self) -> Crew:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(stop=kind is not None)

    def map(self, step: str, shared: Any = None) -> list[Any]:
        """The named step's function of ``shared`` applied to every item, in item order."""
        if not self.links:
            fn = self.steps[step](shared)
            return [fn(x) for x in self.items]
        for link in self.links:
            link.send((step, shared))
        chunks: dict[int, list[Any]] = {}
        failure: BaseException | None = None
        waiting = set(self.links)
        while waiting:
            for ready in multiprocessing.connection.wait(list(waiting)):
                assert isinstance(ready, Connection)
                try:
                    message = ready.recv()
                except EOFError:
                    raise RuntimeError("a worker of the build ended unexpectedly") from None
                if message is None:  # this worker's chunks are all done
                    waiting.discard(ready)
                elif isinstance(message, bytes):  # a step failed: the exception, pickled
                    failure = failure or pickle.loads(message)
                else:
                    chunks[message[0]] = message[1]
        if failure is not None:
            raise failure
        return [result for start, _ in self.bounds for result in chunks[start]]

    def close(self, stop: bool = False) -> None:
        """End the workers: at their next receive, or at once when ``stop`` (a step failed here or there)."""
        for link in self.links:
            link.close()
        for proc in self.procs:
            if stop:
                proc.terminate()
            proc.join()
        self.links, self.procs = [], []

    def _serve(self, link: Connection, bounds: list[tuple[int, int]], others: list[Connection]) -> None:
        for other in others:  # this process' ends of the links (its own, earlier workers'): closed here, so that
            # a worker sees the end of its link when the parent closes its end
            other.close()
        try:
            while True:
                step, shared = link.recv()
                for message in self._step(step, shared, bounds):
                    link.send(message)
                link.send(None)
        except (EOFError, OSError):  # the parent closed the link: it is done with this worker
            return

    def _step(self, step: str, shared: Any, bounds: list[tuple[int, int]]) -> Iterator[tuple[int, list[Any]] | bytes]:
        """A worker's messages for one step: each chunk's results, or a failure (the exception, pickled)."""
        try:
            fn = self.steps[step](shared)
            for start, end in bounds:
                yield start, [fn(self.items[i]) for i in range(start, end)]
        except Exception as exc:  # noqa: BLE001 - it is raised again in the parent
            yield _pickled_error(exc)


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
