"""Mentions of registered entities, and themes, found in article text: pure functions over text.

Matching is one pass of an Aho-Corasick automaton over each block (linear in the text, whatever the
size of the registry), leftmost-longest, with word boundaries checked by hand because ``\\b`` fails
after names that end in "." or ")" ("U.S.", "Myanmar (Burma)").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import ahocorasick

from .model import Article, Entity, Mention
from .registry import Registry
from .text import bounded, lower_same_length, sentence_spans


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    entity_ids: tuple[str, ...]  # empty for an ignore phrase
    exact: bool = True


class Matcher:
    """Built once per registry; ``find`` is then linear in the text it is given."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        names: dict[str, set[str]] = {}
        for entity in registry.entities.values():
            if entity.type == "theme":
                continue
            for surface in (entity.name, *entity.aliases):
                for variant in _variants(surface):
                    names.setdefault(variant, set()).add(entity.id)
        # a theme's proper-name keyword shadows the names inside it: "Astana Process" is not the capital
        shadows = [k for rule in registry.themes for k in rule.keywords if " " in k and k[:1].isupper()]
        for phrase in (*registry.ignore, *shadows):
            for variant in _variants(phrase):
                names.setdefault(variant, set())
        self._names = ahocorasick.Automaton()
        for surface, ids in names.items():
            self._names.add_word(surface, (len(surface), tuple(sorted(ids))))
        self._names.make_automaton()
        keywords: dict[str, set[str]] = {}
        for rule in registry.themes:
            for keyword in rule.keywords:
                keywords.setdefault(keyword.lower(), set()).add(rule.entity_id)
        self._themes = ahocorasick.Automaton()
        for keyword, ids in keywords.items():
            self._themes.add_word(keyword, (len(keyword), tuple(sorted(ids))))
        if keywords:
            self._themes.make_automaton()
        self.ambiguous = {e.id for e in registry.entities.values() if e.ambiguous}
        self.theme_rules = {rule.entity_id: rule for rule in registry.themes}

    def find(self, text: str) -> list[Candidate]:
        """Leftmost-longest, word-bounded name matches (ignore phrases included, with no entity)."""
        return _leftmost_longest(self._names, text)

    def find_theme_keywords(self, text: str) -> list[Candidate]:
        if not self.theme_rules:
            return []
        return _leftmost_longest(self._themes, lower_same_length(text))


def _variants(surface: str) -> set[str]:
    """A name as typed with either apostrophe: "D'Anieri" and "D’Anieri"."""
    return {surface, surface.replace("'", "’"), surface.replace("’", "'")}


def _leftmost_longest(automaton: ahocorasick.Automaton, text: str) -> list[Candidate]:
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for end_index, (length, ids) in automaton.iter(text):
        start, end = end_index - length + 1, end_index + 1
        if bounded(text, start, end):
            found.append((start, end, ids))
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[Candidate] = []
    last_end = 0
    for start, end, ids in found:
        if start >= last_end:
            chosen.append(Candidate(start, end, ids))
            last_end = end
    return chosen


def find_mentions(article: Article, matcher: Matcher) -> list[Mention]:
    """Every mention of a registered country, person or organization, plus the keywords of each theme
    the article is about (a theme needs ``min_hits`` keyword hits in the article)."""
    mentions: list[Mention] = []
    deferred: list[tuple[int, Candidate, str]] = []  # ambiguous names, decided once the article is read
    for index, block in enumerate(article.blocks):
        for cand in matcher.find(block.text):
            if not cand.entity_ids:
                continue  # an ignore phrase: "Latin American", "Washington Post"
            if len(cand.entity_ids) > 1:
                continue  # the registry refuses shared aliases; this guards discovered ones
            entity_id = cand.entity_ids[0]
            surface = block.text[cand.start: cand.end]
            if entity_id in matcher.ambiguous and _is_bare_name(matcher, entity_id, surface):
                deferred.append((index, cand, entity_id))
                continue
            mentions.append(Mention(entity_id, index, cand.start, cand.end, surface, cand.exact))
    mentions.extend(_resolve_ambiguous(article, matcher, deferred, mentions))
    mentions.extend(_theme_mentions(article, matcher))
    mentions.sort(key=lambda m: (m.block, m.start, m.entity_id))
    return mentions


def _is_bare_name(matcher: Matcher, entity_id: str, surface: str) -> bool:
    return matcher.registry.entities[entity_id].name == surface


def _resolve_ambiguous(article: Article, matcher: Matcher, deferred: list[tuple[int, Candidate, str]],
                       mentions: list[Mention]) -> list[Mention]:
    """"Georgia", "Jordan", "Chad": a country only with country context, never by guess. The context is
    another of the country's own names in the article (Tbilisi, Georgian), or another country named in
    the same sentence."""
    out = []
    seen_aliases = {m.entity_id for m in mentions}
    for index, cand, entity_id in deferred:
        text = article.blocks[index].text
        entity = matcher.registry.entities[entity_id]
        if entity_id in seen_aliases:
            out.append(Mention(entity_id, index, cand.start, cand.end, text[cand.start: cand.end]))
            continue
        for start, end in sentence_spans(text):
            if start <= cand.start < end:
                others = [m for m in mentions if m.block == index and start <= m.start < end
                          and m.entity_id.startswith("country:")]
                if others and entity.type == "country":
                    out.append(Mention(entity_id, index, cand.start, cand.end, text[cand.start: cand.end]))
                break
    return out


def _theme_mentions(article: Article, matcher: Matcher) -> list[Mention]:
    hits: list[Mention] = []
    for index, block in enumerate(article.blocks):
        for cand in matcher.find_theme_keywords(block.text):
            for theme_id in cand.entity_ids:
                hits.append(Mention(theme_id, index, cand.start, cand.end, block.text[cand.start: cand.end]))
    score: Counter[str] = Counter()
    for m in hits:  # a specific phrase ("invasion of Ukraine") says more than a word ("trade")
        score[m.entity_id] += 2 if " " in m.surface.strip() else 1
    return [m for m in hits if score[m.entity_id] >= matcher.theme_rules[m.entity_id].min_hits]


def entities_of(mentions: list[Mention], registry_entities: dict[str, Entity]) -> dict[str, list[str]]:
    """Entity ids by type, in order of first mention."""
    by_type: dict[str, list[str]] = {}
    for mention in mentions:
        kind = registry_entities[mention.entity_id].type
        ids = by_type.setdefault(kind, [])
        if mention.entity_id not in ids:
            ids.append(mention.entity_id)
    return by_type
