"""Who said what: each speaker's quotes, with the same remark from several articles merged.

Two quotes are one remark when their words nearly coincide: one contains the other ("modest
contribution" in "modest contribution to what is happening in the Middle East"), or they share most
of their words, or ``difflib`` finds them close, as two translations of one sentence often are
("Nothing serious or terrible is going to happen that will make us change our decision" and
"Nothing serious or terrible will happen; let us change our decision").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .index import KnowledgeBase
from .model import Quote

_WORD = re.compile(r"\w+")
CONTAINED = 0.8  # share of the shorter quote's words found in the longer one
CLOSE = 0.75  # difflib ratio over the lower-cased words


@dataclass(frozen=True)
class Remark:
    """One thing a speaker said, with every article's wording of it (first article first)."""

    speaker_id: str
    wordings: tuple[Quote, ...]

    @property
    def text(self) -> str:
        """The fullest wording."""
        return max(self.wordings, key=lambda q: (len(q.text), -self.wordings.index(q))).text


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def same_remark(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(shorter) >= 2 and sum(w in set(longer) for w in shorter) / len(shorter) >= CONTAINED:
        return True
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= CLOSE


def remarks_by_speaker(kb: KnowledgeBase) -> dict[str, list[Remark]]:
    """speaker id -> remarks in the order first reported; speakers sorted by name."""
    order = {a.id: i for i, a in enumerate(kb.articles)}
    out: dict[str, list[Remark]] = {}
    speakers = sorted(kb.quotes_by_speaker, key=lambda s: (kb.entities[s].name.casefold(), s))
    for speaker in speakers:
        quotes = sorted(kb.quotes_by_speaker[speaker], key=lambda q: (order[q.article_id], q.block, q.start))
        groups: list[list[Quote]] = []
        for quote in quotes:
            for group in groups:
                if any(same_remark(quote.text, other.text) for other in group):
                    if all((q.article_id, q.text) != (quote.article_id, quote.text) for q in group):
                        group.append(quote)
                    break
            else:
                groups.append([quote])
        out[speaker] = [Remark(speaker, tuple(group)) for group in groups]
    return out
