"""dossier.parallel.Aside: work done in a forked process while this one goes on (the full build saves its
cache that way while it writes the pages). It must get the value it waits for, leave no trace when it is
cancelled, and hand its failures back, in both of its forms (forked, and run in place)."""

from __future__ import annotations

import os
from collections.abc import Callable
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
