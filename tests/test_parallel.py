"""dossier.parallel.Aside: work done in a forked process while this one goes on (the full build saves its
cache that way while it writes the pages). It must get the value it waits for, leave no trace when it is
cancelled, and hand its failures back, in both of its forms (forked, and run in place)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier import parallel

FORKS = [True, False]


def _work(out: Path) -> Callable[[Callable[[], Any]], None]:
    def work(wait: Callable[[], Any]) -> None:
        (out.parent / "pid").write_text(str(os.getpid()))
        value = wait()
        out.write_text(repr(value))
    return work


@pytest.mark.parametrize("fork", FORKS)
def test_the_work_gets_what_finish_gives(fork: bool, tmp_path: Path) -> None:
    out = tmp_path / "out"
    value = {"pages": list(range(50_000))}  # more than a pipe holds: the child must read while it is sent
    aside = parallel.Aside(_work(out), fork=fork)
    assert not out.exists()  # it waits
    aside.finish(value)
    assert out.read_text() == repr(value)
    assert ((tmp_path / "pid").read_text() != str(os.getpid())) == fork


@pytest.mark.parametrize("fork", FORKS)
def test_cancelled_work_leaves_no_trace(fork: bool, tmp_path: Path) -> None:
    out = tmp_path / "out"
    aside = parallel.Aside(_work(out), fork=fork)
    aside.cancel()
    assert not out.exists()


class Unpicklable(Exception):
    def __init__(self, message: str, handle: Any) -> None:
        super().__init__(message)
        self.handle = handle

    def __reduce__(self) -> Any:
        raise TypeError("not this one")


@pytest.mark.parametrize("fork", FORKS)
@pytest.mark.parametrize("before_wait", [True, False])
def test_a_failure_of_the_work_is_raised_by_finish(fork: bool, before_wait: bool) -> None:
    def work(wait: Callable[[], Any]) -> None:
        if not before_wait:
            wait()
        raise ValueError("the cache disk is full")

    aside = parallel.Aside(work, fork=fork)
    with pytest.raises(ValueError, match="the cache disk is full"):
        aside.finish(list(range(50_000)))  # a failure before wait() must not leave finish blocked on the pipe


def test_an_unpicklable_failure_comes_back_named() -> None:
    def work(wait: Callable[[], Any]) -> None:
        wait()
        raise Unpicklable("locked", handle=object())

    aside = parallel.Aside(work, fork=True)
    with pytest.raises(RuntimeError, match="Unpicklable: locked"):
        aside.finish(1)


def test_a_cancelled_work_that_failed_is_not_raised() -> None:
    """cancel() follows a failure of this process: that failure is the one to report."""
    def work(wait: Callable[[], Any]) -> None:
        raise ValueError("second")

    aside = parallel.Aside(work, fork=True)
    aside.cancel()


# --- Crew: forked workers that keep their share of the items, and what each step leaves, through several steps


class Hung(Exception):
    """Not a TimeoutError: that is an OSError, which multiprocessing's wait for a process swallows."""


@pytest.fixture
def deadline() -> Iterator[None]:
    """A crew whose workers never see the end of their link hangs the test: fail it instead."""
    def expired(*_: object) -> None:
        raise Hung("the crew did not end")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _steps(seen: dict[int, int]) -> dict[str, Callable[[Any], Callable[[int], Any]]]:
    def note(offset: int) -> Callable[[int], tuple[int, int]]:
        def one(item: int) -> tuple[int, int]:
            seen[item] = os.getpid()
            return item + offset, os.getpid()
        return one

    def recall(_: None) -> Callable[[int], tuple[int, int]]:
        return lambda item: (seen[item], os.getpid())

    def fail(bad: int) -> Callable[[int], int]:
        def one(item: int) -> int:
            if item == bad:
                raise ValueError(f"item {item} is broken")
            return item
        return one

    return {"note": note, "recall": recall, "fail": fail}


@pytest.mark.usefixtures("deadline")
def test_a_crew_keeps_each_workers_items_and_state_through_its_steps() -> None:
    items = list(range(1_000))
    seen: dict[int, int] = {}
    with parallel.Crew(items, 2, _steps(seen)) as crew:
        procs = list(crew.procs)
        noted = crew.map("note", 5)
        recalled = crew.map("recall")
    assert [n for n, _ in noted] == [i + 5 for i in items]  # in item order, given the shared value
    workers = {pid for _, pid in noted}
    assert len(workers) == 2 and os.getpid() not in workers
    assert [pid for _, pid in recalled] == [pid for _, pid in noted]  # each item back with its worker
    assert [kept for kept, _ in recalled] == [pid for _, pid in noted]  # which kept what the first step noted
    assert seen == {}  # in the workers' memory, not here
    assert not any(proc.is_alive() for proc in procs)  # leaving the crew ends its workers


@pytest.mark.usefixtures("deadline")
def test_a_crew_of_one_runs_its_steps_here() -> None:
    seen: dict[int, int] = {}
    with parallel.Crew(list(range(50)), 2, _steps(seen)) as crew:  # too few items for a second process
        assert crew.map("note", 1) == [(i + 1, os.getpid()) for i in range(50)]
        assert crew.map("recall") == [(os.getpid(), os.getpid())] * 50
    assert len(seen) == 50


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("bad", [0, 999])
def test_a_failed_step_is_raised_and_its_crew_ended(bad: int) -> None:
    crew = parallel.Crew(list(range(1_000)), 2, _steps({}))
    procs = list(crew.procs)
    with pytest.raises(ValueError, match=f"item {bad} is broken"), crew:
        crew.map("fail", bad)
    assert len(procs) == 2 and not any(proc.is_alive() for proc in procs)


def _after(marker: Path) -> Callable[[int], tuple[int, int]]:
    def fn(item: int) -> tuple[int, int]:
        for _ in range(3_000):  # a worker waits for what this process does meanwhile: it cannot come after them
            if marker.exists():
                return item * 2, os.getpid()
            time.sleep(0.01)
        raise AssertionError("meanwhile did not run while the workers worked")
    return fn


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("items", [1_000, 50])  # two workers; too few items for a second process
def test_map_in_order_runs_meanwhile_here_while_the_workers_work(items: int, tmp_path: Path) -> None:
    marker = tmp_path / "meanwhile"
    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(os.getpid())
        marker.write_text("done")

    results = parallel.map_in_order(_after(marker), list(range(items)), 2, meanwhile=meanwhile)
    assert [r for r, _ in results] == [i * 2 for i in range(items)]  # in order
    assert calls == [os.getpid()]  # once, in this process
    assert ({pid for _, pid in results} == {os.getpid()}) == (items == 50)
