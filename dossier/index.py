"""The cross-reference graph, built once every article has been read and analysed.

"Collect everything, then render": entities induce a graph, not a tree, so no page can be
rendered before the index is complete.
"""

from __future__ import annotations

import functools
import heapq
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from . import parallel
from .model import ENTITY_TYPES, Article, ArticleAnalysis, Entity, Quote
from .text import sentence_spans

#: entity pages show this many of the entities an entity appears with most
TOP_COOCCURRING = 12
RELATED_ARTICLES = 5
EXCERPTS_PER_ARTICLE = 2
#: entities in more articles than this are not used to relate articles (the same as a fifth up to 1,000)
RELATED_POSTINGS_CAP = 200
#: below RELATED_POSTINGS_CAP, the cap is a fifth of the corpus in steps of this many articles: it moves
#: once in fifty articles added, not once in five (a seed added or removed that moves it takes the full build)
RELATED_CAP_STEP = 10


class Excerpt(NamedTuple):
    """A sentence of an article that names an entity (a named tuple: ten thousand articles have hundreds of
    thousands, sent back from the workers that find them)."""

    article_id: str
    text: str  # one or two sentences of the article around the mention


@dataclass
class KnowledgeBase:
    articles: list[Article]  # newest first, undated last, then by title
    analyses: dict[str, ArticleAnalysis]
    entities: dict[str, Entity]  # only the entities some article mentions, sorted by id
    article_entities: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    entity_articles: dict[str, list[str]] = field(default_factory=dict)
    excerpts: dict[tuple[str, str], list[Excerpt]] = field(default_factory=dict)
    cooccurring: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: entity id -> every entity named in its articles, with how many (what ``cooccurring`` is the top of)
    together: dict[str, Counter[str]] = field(default_factory=dict)
    related: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    quotes_by_speaker: dict[str, list[Quote]] = field(default_factory=dict)

    @functools.cached_property
    def article_by_id(self) -> dict[str, Article]:
        """Built once: templates look articles up by id for every quote and list item."""
        return {a.id: a for a in self.articles}

    def of_type(self, kind: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.type == kind), key=lambda e: e.name.casefold())


def article_order(article: Article) -> tuple[int, str, str, str]:
    """Newest first; undated articles after dated ones; then by title."""
    date = article.date.sort_key if article.date else ""
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in date)
    return (0 if date else 1, inverted, article.title.casefold(), article.id)


def build_index(analyses: list[ArticleAnalysis], known: dict[str, Entity], workers: int = 1) -> KnowledgeBase:
    articles = sorted((a.article for a in analyses), key=article_order)
    by_id = {a.article.id: a for a in analyses}
    kb = KnowledgeBase(articles, by_id, {})
    mentioned: set[str] = set()
    for article in articles:
        analysis = by_id[article.id]
        per_type = entity_lists(analysis, known)
        kb.article_entities[article.id] = per_type
        for kind_ids in per_type.values():
            for entity_id in kind_ids:
                kb.entity_articles.setdefault(entity_id, []).append(article.id)
                mentioned.add(entity_id)
        for entity_id, found in article_excerpts(analysis).items():
            kb.excerpts[(entity_id, article.id)] = found
        for quote in analysis.quotes:
            if quote.speaker_id:
                kb.quotes_by_speaker.setdefault(quote.speaker_id, []).append(quote)
                mentioned.add(quote.speaker_id)
    kb.entities = {eid: known[eid] for eid in sorted(mentioned)}
    # the workers rank related articles while this process counts which entities meet (they do not read it)
    _related(kb, workers, meanwhile=lambda: _cooccurrence(kb))
    return kb


def entity_lists(analysis: ArticleAnalysis, known: dict[str, Entity]) -> dict[str, list[str]]:
    """The entities one article names, by type, in order of first mention (its authors among the people)."""
    per_type: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    for mention in analysis.mentions:
        ids = per_type[known[mention.entity_id].type]
        if mention.entity_id not in ids:
            ids.append(mention.entity_id)
    for author in analysis.authors:
        if author not in per_type["person"]:
            per_type["person"].append(author)
    return per_type


def article_excerpts(analysis: ArticleAnalysis) -> dict[str, list[Excerpt]]:
    """entity id -> up to EXCERPTS_PER_ARTICLE distinct sentences of one article that mention it (computed
    once per analysis)."""
    if analysis.excerpts is None:
        analysis.excerpts = _excerpts(analysis)
    return analysis.excerpts


def _excerpts(analysis: ArticleAnalysis) -> dict[str, list[Excerpt]]:
    article = analysis.article
    sentences: dict[int, tuple[Sequence[tuple[int, int]], list[int]]] = {}
    out: dict[str, list[Excerpt]] = {}
    for mention in analysis.mentions:
        found = out.setdefault(mention.entity_id, [])
        if len(found) >= EXCERPTS_PER_ARTICLE:
            continue
        text = article.blocks[mention.block].text
        split = sentences.get(mention.block)
        if split is None:  # not setdefault: that would split the paragraph again for every mention
            spans: Sequence[tuple[int, int]] = sentence_spans(text) or [(0, len(text))]
            split = sentences[mention.block] = spans, [s for s, _ in spans]
        spans, starts = split
        at = bisect_right(starts, mention.start) - 1  # the sentences are in order, none overlapping
        sentence = text[spans[at][0]:spans[at][1]] if at >= 0 and mention.start < spans[at][1] else text
        if all(sentence.strip() != ex.text for ex in found):
            found.append(Excerpt(article.id, sentence.strip()))
    return out


def _cooccurrence(kb: KnowledgeBase) -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for per_type in kb.article_entities.values():
        ids = [eid for kind_ids in per_type.values() for eid in kind_ids]
        for a in ids:
            counts[a].update(ids)  # Counter's C loop; each entity counts itself too, removed below
    for a, counted in counts.items():
        del counted[a]  # an id is listed once an article, so it met itself in every article it is in
    names = {eid: entity.name.casefold() for eid, entity in kb.entities.items()}
    for entity_id in kb.entities:
        kb.together[entity_id] = counts[entity_id]
        kb.cooccurring[entity_id] = top_cooccurring(counts[entity_id], names)


def top_cooccurring(counts: Counter[str], names: dict[str, str]) -> list[tuple[str, int]]:
    """The TOP_COOCCURRING entities named with one entity in the most articles, then by name (``names``:
    entity id -> case-folded name). nsmallest is sorted(...)[:n] without sorting everything (issue 5: a
    tenth of the index time)."""
    return heapq.nsmallest(TOP_COOCCURRING, counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))


def _related(kb: KnowledgeBase, workers: int = 1, meanwhile: Callable[[], object] | None = None) -> None:
    ids = [a.id for a in kb.articles]
    relate = Relatedness(kb.article_entities, kb.entity_articles, len(ids))
    kb.related = dict(zip(ids, parallel.map_in_order(relate.related, ids, workers, meanwhile=meanwhile),
                          strict=True))


def related_cap(total: int) -> int:
    """The most articles an entity may be in and still relate them, in a corpus of ``total`` articles: a
    fifth of the corpus, rounded down to RELATED_CAP_STEP, at least 50 and at most RELATED_POSTINGS_CAP."""
    return min(max(50, total // 5 // RELATED_CAP_STEP * RELATED_CAP_STEP), RELATED_POSTINGS_CAP)


class Relatedness:
    """Articles that share the rarer entities rank first (an IDF weight); entities in more than a fifth of
    the corpus, or in more than RELATED_POSTINGS_CAP articles, say little about relatedness and are skipped.
    The absolute cap keeps this linear: a fifth of 10,000 articles made it quadratic (measured, issue 5).
    The weight's scale is the corpus the cap is for (five times the cap), not the number of articles: an
    article added or removed leaves every other list alone unless it shares an entity with them (or the
    cap moves: once in fifty articles, between 300 and 1,000). One article's list depends only on the
    articles that share an entity with it (the incremental build recomputes just those)."""

    def __init__(self, article_entities: dict[str, dict[str, list[str]]], entity_articles: dict[str, list[str]],
                 total: int) -> None:
        self.article_entities = article_entities
        self.entity_articles = entity_articles
        self.cap = related_cap(total)
        self.scale = 5 * self.cap
        self._weights: dict[str, float] = {}

    def weight(self, entity_id: str) -> float:
        w = self._weights.get(entity_id)
        if w is None:
            w = self._weights[entity_id] = math.log(1 + self.scale / len(self.entity_articles[entity_id]))
        return w

    def related(self, article_id: str) -> list[tuple[str, list[str]]]:
        scores: defaultdict[str, float] = defaultdict(float)
        shared: dict[str, list[str]] = defaultdict(list)
        for kind_ids in self.article_entities[article_id].values():
            for entity_id in kind_ids:
                postings = self.entity_articles[entity_id]
                if len(postings) > self.cap:
                    continue
                w = self.weight(entity_id)
                for other in postings:
                    if other != article_id:
                        scores[other] += w
                        shared[other].append(entity_id)
        # the keys made in one comprehension, not by a key function called once per candidate
        ranked = heapq.nsmallest(RELATED_ARTICLES, [(-round(score, 9), other) for other, score in scores.items()])
        return [(other, shared[other]) for _, other in ranked]
