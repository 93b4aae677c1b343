"""One error type for everything an editor can get wrong; it always names the place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .model import SourceLocation


class DossierError(Exception):
    """Broken input. Printed by the CLI as ``path:line: message``."""

    def __init__(self, location: SourceLocation | str, message: str) -> None:
        if isinstance(location, str):
            location = SourceLocation(location)
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")

    def __reduce__(self) -> tuple[type[DossierError], tuple[SourceLocation, str]]:
        """Picklable (a worker process reports the problems of the seeds it read)."""
        return (type(self), (self.location, self.message))


class DossierErrors(Exception):
    """Several problems found in one pass: every one is reported, not just the first."""

    def __init__(self, errors: Iterable[DossierError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.location.path, e.location.line, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean" suffix for an error message, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
