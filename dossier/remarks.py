"""Who said what: each speaker's quotes, with the same remark from several articles merged.

Two quotes are one remark when their words nearly coincide: one contains the other ("modest
contribution" in "modest contribution to what is happening in the Middle East"), or they share most
of their words, or ``difflib`` finds them close, as two translations of one sentence often are
("Nothing serious or terrible is going to happen that will make us change our decision" and
"Nothing serious or terrible will happen; let us change our decision").
"""

from __future__ import annotations

import difflib
import functools
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
        return max(enumerate(self.wordings), key=lambda iq: (len(iq[1].text), -iq[0]))[1].text


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> list[str]:
    """The words of a quote, lower-cased (cached: a speaker's quotes are compared with many others)."""
    return _WORD.findall(text.casefold())


def same_remark(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    longer_set = set(longer)
    if len(shorter) >= 2 and sum(w in longer_set for w in shorter) / len(shorter) >= CONTAINED:
        return True
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= CLOSE


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text) if len(w) > 3}


def remarks_by_speaker(kb: KnowledgeBase) -> dict[str, list[Remark]]:
    """speaker id -> remarks in the order first reported; speakers sorted by name.

    A quote is compared only with the remarks that share at least two of its content words (one, when it
    has fewer), found through an inverted index: two wordings close enough to be one remark always share
    that much, and comparing each quote with every earlier remark of a speaker quoted thousands of times
    would be quadratic."""
    order = {a.id: i for i, a in enumerate(kb.articles)}
    out: dict[str, list[Remark]] = {}
    speakers = sorted(kb.quotes_by_speaker, key=lambda s: (kb.entities[s].name.casefold(), s))
    for speaker in speakers:
        quotes = sorted(kb.quotes_by_speaker[speaker], key=lambda q: (order[q.article_id], q.block, q.start))
        groups: list[list[Quote]] = []
        texts: list[dict[str, set[str]]] = []  # per group: each distinct wording -> the articles that have it
        postings: dict[str, list[int]] = {}
        for quote in quotes:
            words = _content_words(quote.text)
            shared: dict[int, int] = {}
            for word in words:
                for index in postings.get(word, ()):
                    shared[index] = shared.get(index, 0) + 1
            needed = min(2, len(words))
            candidates = sorted(i for i, n in shared.items() if n >= needed) if needed else range(len(groups))
            # each distinct wording once: a quote repeated by a hundred articles is one comparison, not a hundred
            match = next((i for i in candidates
                          if (quote.text in texts[i] and _words(quote.text))
                          or any(same_remark(quote.text, t) for t in texts[i])), None)
            if match is None:
                match = len(groups)
                groups.append([quote])
                texts.append({quote.text: {quote.article_id}})
            elif quote.article_id not in texts[match].get(quote.text, ()):
                groups[match].append(quote)
                texts[match].setdefault(quote.text, set()).add(quote.article_id)
            for word in words:
                entries = postings.setdefault(word, [])
                if not entries or entries[-1] != match:
                    entries.append(match)
        out[speaker] = [Remark(speaker, tuple(group)) for group in groups]
    return out
