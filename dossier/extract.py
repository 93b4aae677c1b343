"""Mentions of registered entities, and themes, found in article text: pure functions over text.

Matching is one pass of an Aho-Corasick automaton over each block (linear in the text, whatever the
size of the registry), leftmost-longest, with word boundaries checked by hand because ``\\b`` fails
after names that end in "." or ")" ("U.S.", "Myanmar (Burma)").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

import ahocorasick

from .classify import body_forms, body_variants, full_body, generic_body, name_body, of_no_one, owned_body
from .cues import MONTHS
from .discover import TITLES, SpanIndex, name_part, scan_phrases
from .model import Article, Entity, Mention, Unplaced
from .registry import Registry
from .text import bounded, lower_same_length, sentence_spans
from .variants import key, short_forms


class Candidate(NamedTuple):
    """A name matched in a block (a named tuple: a block has dozens, made in the matcher's inner loop)."""

    start: int
    end: int
    entity_ids: tuple[str, ...]  # empty for an ignore phrase
    exact: bool = True
    conditional: bool = False  # a short form ("Marcos"): it counts only once the full name is in the article


@dataclass
class Trace:
    """What matching one article looked at, besides its mentions: the variant key of every capitalised
    phrase it looked up, its capitalised letter runs, and those that no exact match covers. A name added to
    the matcher or taken out of it can change this article's mentions only through one of these (or
    through a name whose every letter run the article has): see :mod:`dossier.terms`."""

    keys: set[str] = field(default_factory=set)
    runs: set[str] = field(default_factory=set)
    uncovered: set[str] = field(default_factory=set)

    def note_runs(self, text: str, candidates: list[Candidate]) -> None:
        """The capitalised letter runs of one block, and those no exact (not conditional) match covers."""
        spans = SpanIndex((c.start, c.end) for c in candidates if not c.conditional)
        for m in capital_runs(text):
            self.runs.add(m.group())
            if not spans.covering(m.start(), m.end()):
                self.uncovered.add(m.group())


class Matcher:
    """Built once per registry (and once more with the names discovered in the corpus); ``find`` is
    then linear in the text it is given.

    Besides the listed names it knows each person's short forms ("Marcos" for "Ferdinand Marcos Jr.",
    taken only once the full name is in the article) and the variant key of every person and
    organization name (:mod:`dossier.variants`), looked up once per capitalised phrase.
    """

    def __init__(self, registry: Registry, discovered: dict[str, Entity] | None = None,
                 vocabulary: frozenset[str] = frozenset()) -> None:
        self.registry = registry
        self.entities: dict[str, Entity] = {**registry.entities, **(discovered or {})}
        self.vocabulary = vocabulary
        self._countries = {e.name: e for e in registry.entities.values() if e.type == "country"}
        names: dict[str, set[str]] = {}
        self.keys: dict[str, set[str]] = {}
        self.short_keys: dict[str, set[str]] = {}
        for entity in self.entities.values():
            if entity.type == "theme":
                continue
            for surface in (entity.name, *entity.aliases):
                for variant in _variants(surface):
                    names.setdefault(variant, set()).add(entity.id)
                if entity.type in ("person", "organization") and key(surface):
                    self.keys.setdefault(key(surface), set()).add(entity.id)
        #: a discovered body of a country's, "Foreign Ministry (Russia)": each way of naming it is one of its
        #: names, and its bare name ("Foreign Ministry") a short form (taken in an article that names it
        #: in full), or, where a body of no one's has that name, the surface of that body of no one's ->
        #: the countries' bodies it stands for in an article that names one (see :func:`find_mentions`)
        self.body_owners: dict[str, set[str]] = {}
        surfaces = {e.id: found for e in self.entities.values() if (found := self.body_surfaces(e))[0]}
        bodies: dict[str, set[str]] = {}
        for entity_id, (full, _) in surfaces.items():
            for variant in full:
                if variant not in names:
                    bodies.setdefault(variant, set()).add(entity_id)
        for variant, ids in bodies.items():
            names.setdefault(variant, set()).update(ids)
        short: dict[str, set[str]] = {}
        #: a person's short form that is also a country's alias ("Lima" for "Francisco das Chagas Lima"):
        #: surface -> the people, decided in each article (see :func:`_shadowed_person`)
        self.shadowed: dict[str, set[str]] = {}
        for entity in self.entities.values():
            for variant in surfaces[entity.id][1] if entity.id in surfaces else ():
                if variant not in names:
                    short.setdefault(variant, set()).add(entity.id)
                elif names[variant] and all(of_no_one(self.entities[i]) for i in names[variant]):
                    self.body_owners.setdefault(variant, set()).add(entity.id)
            if entity.type != "person":
                continue
            for form in short_forms(entity.name):
                for variant in _variants(form):
                    if variant not in names:
                        short.setdefault(variant, set()).add(entity.id)
                    elif names[variant] and all(self.entities[i].type == "country" for i in names[variant]):
                        self.shadowed.setdefault(variant, set()).add(entity.id)
                if key(form) and key(form) not in self.keys:
                    self.short_keys.setdefault(key(form), set()).add(entity.id)
        # a theme's proper-name keyword shadows the names inside it: "Astana Process" is not the capital
        shadows = [k for rule in registry.themes for k in rule.keywords if " " in k and k[:1].isupper()]
        for phrase in (*registry.ignore, *shadows):
            for variant in _variants(phrase):
                names.setdefault(variant, set())
        self._names = ahocorasick.Automaton()
        for surface, ids in names.items():
            self._names.add_word(surface, (len(surface), tuple(sorted(ids)), False))
        for surface, ids in short.items():
            self._names.add_word(surface, (len(surface), tuple(sorted(ids)), True))
        self._names.make_automaton()
        self._find = lru_cache(maxsize=512)(partial(_leftmost_longest, self._names))
        keywords: dict[str, set[str]] = {}
        for rule in registry.themes:
            for keyword in rule.keywords:
                keywords.setdefault(keyword.lower(), set()).add(rule.entity_id)
        self._themes = ahocorasick.Automaton()
        for keyword, ids in keywords.items():
            self._themes.add_word(keyword, (len(keyword), tuple(sorted(ids)), False))
        if keywords:
            self._themes.make_automaton()
        self.ambiguous = {e.id for e in self.entities.values() if e.ambiguous}
        self.theme_rules = {rule.entity_id: rule for rule in registry.themes}

    def body_surfaces(self, entity: Entity) -> tuple[set[str], set[str]]:
        """The names a body of a country's has in the automaton besides its own ("Russian Foreign Ministry"
        of "Foreign Ministry (Russia)", discovered or registered so), and its bare name ("Foreign Ministry"),
        with either apostrophe; nothing for another entity."""
        parsed = name_body(entity.name) if entity.type == "organization" else None
        country = self._countries.get(parsed[1]) if parsed else None
        if parsed is None or country is None:
            return set(), set()
        bodies = body_variants(full_body(parsed[0]))  # "Foreign Ministry", "Ministry of Foreign Affairs"
        return ({v for body in bodies for form in body_forms(body, country) for v in _variants(form)},
                {v for body in bodies for v in _variants(body)})

    def country_of(self, surface: str) -> Entity | None:
        """The one country a surface names by itself ("Russia", "Russian", "Kremlin"), or None."""
        found = self._names.get(surface, None)
        if found is None or found[2] or len(found[1]) != 1 or self.entities[found[1][0]].type != "country":
            return None
        return self.entities[found[1][0]]

    def pattern(self, surface: str) -> tuple[int, tuple[str, ...], bool] | None:
        """What the automaton holds for one surface: (length, entity ids, conditional), or None."""
        return self._names.get(surface, None)

    def find(self, text: str) -> list[Candidate]:
        """Leftmost-longest, word-bounded name matches (ignore phrases included, with no entity). The
        mentions and the unplaced phrases of an article each look at its blocks: the last few hundred
        blocks' matches are kept (callers must not change the list)."""
        return self._find(text)

    def find_theme_keywords(self, text: str) -> list[Candidate]:
        if not self.theme_rules:
            return []
        return _leftmost_longest(self._themes, lower_same_length(text))


def _variants(surface: str) -> set[str]:
    """A name as typed with either apostrophe: "D'Anieri" and "D’Anieri"."""
    return {surface, surface.replace("'", "’"), surface.replace("’", "'")}


def _leftmost_longest(automaton: ahocorasick.Automaton, text: str) -> list[Candidate]:
    """The automaton's word-bounded matches, leftmost first and then longest, none overlapping. (It runs
    for every block twice; :func:`dossier.text.bounded` is written out here, and a candidate made as a
    tuple: half its time, issue 5.)"""
    found: list[tuple[int, int, tuple[int, tuple[str, ...], bool]]] = []
    size = len(text)
    for end_index, value in automaton.iter(text):
        start = end_index - value[0] + 1
        if start and ((c := text[start - 1]).isalnum() or c == "_") and ((c := text[start]).isalnum() or c == "_"):
            continue
        if end_index + 1 < size and ((c := text[end_index + 1]).isalnum() or c == "_") and (
                (c := text[end_index]).isalnum() or c == "_"):
            continue
        found.append((start, -value[0], value))
    found.sort()  # no two have the same start and length: the automaton holds each string once
    chosen: list[Candidate] = []
    last_end = 0
    for start, negative_length, (_, ids, conditional) in found:
        if start >= last_end:
            last_end = start - negative_length
            chosen.append(_new(Candidate, (start, last_end, ids, not conditional, conditional)))
    return chosen


_new = tuple.__new__


def find_mentions(article: Article, matcher: Matcher, trace: Trace | None = None) -> list[Mention]:
    """Every mention of a registered country, person or organization, plus the keywords of each theme
    the article is about (a theme needs ``min_hits`` keyword hits in the article). ``trace``, if given,
    gets what the matching looked at."""
    mentions: list[Mention] = []
    deferred: list[tuple[int, Candidate, str]] = []  # ambiguous names, decided once the article is read
    short: list[tuple[int, Candidate]] = []  # short forms, taken once the article has the full name
    shadowed: list[tuple[int, Candidate]] = []  # "Lima": Peru, or the surname of a person named in full
    bare: list[tuple[int, Candidate]] = []  # "the Foreign Ministry": of no one, or of a country named in full
    for index, block in enumerate(article.blocks):
        candidates = matcher.find(block.text)
        variants, short_variants = _variant_candidates(block.text, candidates, matcher,
                                                       trace.keys if trace is not None else None)
        if trace is not None:
            trace.note_runs(block.text, candidates)
        variant_spans = SpanIndex((v.start, v.end) for v in variants)
        for cand in candidates:
            if not cand.entity_ids or variant_spans.overlapping(cand.start, cand.end):
                continue  # an ignore phrase ("Latin American"), or part of a longer variant
            if cand.end - cand.start <= MONTH_CHARS and _month_in_a_date(block.text, cand):
                continue  # "on May 13", "in May": the month, not Theresa May
            if cand.conditional:
                short.append((index, cand))
                continue
            if len(cand.entity_ids) > 1:
                continue  # the registry refuses shared aliases; this guards discovered ones
            entity_id = cand.entity_ids[0]
            surface = block.text[cand.start: cand.end]
            if matcher.entities[entity_id].type == "country" and _religion_after(matcher, entity_id, block.text, cand):
                continue  # "Greek Orthodox": a church, not Greece
            if surface in matcher.shadowed:
                shadowed.append((index, cand))
                continue
            if surface in matcher.body_owners:
                bare.append((index, cand))
                continue
            if entity_id in matcher.ambiguous and _is_bare_name(matcher, entity_id, surface):
                deferred.append((index, cand, entity_id))
                continue
            mentions.append(Mention(entity_id, index, cand.start, cand.end, surface, cand.exact))
            if not matcher.entities[entity_id].reviewed and matcher.entities[entity_id].type == "organization":
                mentions.extend(_leading_country(matcher, index, cand, surface))
        mentions.extend(Mention(c.entity_ids[0], index, c.start, c.end, block.text[c.start: c.end], False)
                        for c in variants)
        short.extend((index, c) for c in short_variants)
    seen = {m.entity_id for m in mentions}
    for index, cand in shadowed:
        text = article.blocks[index].text
        owner = _shadowed_person(matcher, seen, text, cand)
        entity_id, surface = owner or cand.entity_ids[0], text[cand.start: cand.end]
        if owner or not (entity_id in matcher.ambiguous and _is_bare_name(matcher, entity_id, surface)):
            mentions.append(Mention(entity_id, index, cand.start, cand.end, surface, not owner))
        else:
            deferred.append((index, cand, entity_id))
    for index, cand in bare:
        text = article.blocks[index].text
        surface = text[cand.start: cand.end]
        owners = sorted(matcher.body_owners[surface] & seen)
        mentions.append(Mention(owners[0], index, cand.start, cand.end, surface, False) if len(owners) == 1 else
                        Mention(cand.entity_ids[0], index, cand.start, cand.end, surface, cand.exact))
    for index, cand in short:
        owners = [e for e in cand.entity_ids if e in seen]
        if len(owners) == 1:
            text = article.blocks[index].text
            mentions.append(Mention(owners[0], index, cand.start, cand.end, text[cand.start: cand.end], cand.exact))
    mentions.extend(_resolve_ambiguous(article, matcher, deferred, mentions))
    mentions.extend(_theme_mentions(article, matcher))
    mentions.sort(key=lambda m: (m.block, m.start, m.entity_id))
    return mentions


MONTH_CHARS = max(map(len, MONTHS))
_MONTH = "(?:" + "|".join(sorted(MONTHS)) + ")"
#: what stands before a month in a date: a day ("13 May", "13th of May"), a word that goes before a month
#: ("in", "since", "early", "last", "the end of"), or another month ("April and May", "April-May")
_MONTH_BEFORE = re.compile(
    r"(?:\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?|\b(?:in|since|until|till|during|throughout|early|late|mid|last|next|"
    r"this|every|each)|\b(?:end|beginning|start|middle|half|rest)\s+of|\b" + _MONTH + r"\s*(?:and|or|to|through|"
    r"until|-|–|/))[\s-]*$", re.IGNORECASE)
#: what comes after a month in a date: a day or a year ("May 13", "May, 2024"), or another month ("May and June")
_MONTH_AFTER = re.compile(r",?\s*\d|\s*(?:and|or|to|through|until|-|–|/)\s*" + _MONTH + r"\b", re.IGNORECASE)


def _month_in_a_date(text: str, cand: Candidate) -> bool:
    """Whether a name that is also a month ("May", "June", "August") is the month here: a registered alias or
    a person's short form, it would link a date to Theresa May. "May said", "May's plan" stay the person."""
    if text[cand.start: cand.end].lower() not in MONTHS or text.startswith("'s", cand.end) or \
            text.startswith("’s", cand.end):
        return False
    return bool(_MONTH_AFTER.match(text, cand.end) or _MONTH_BEFORE.search(text, max(0, cand.start - 24), cand.start))


#: a place word before a name: "in Lima", "to Lima" name the city, whoever else is called Lima
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|into|of|across|outside|inside|via|through)\s+$", re.IGNORECASE)


def _shadowed_person(matcher: Matcher, seen: set[str], text: str, cand: Candidate) -> str:
    """The person a country's alias stands for as a surname: "Lima said" after "Francisco das Chagas Lima" in
    the same article, when only one person of the article has that short form and no place word stands
    before it ("in Lima" is the city). "" when it is the country."""
    owners = [p for p in matcher.shadowed.get(text[cand.start: cand.end], ()) if p in seen]
    if len(owners) != 1 or _PLACE_BEFORE.search(text, max(0, cand.start - 12), cand.start):
        return ""
    return owners[0]


#: a church after a demonym: "Greek Orthodox", "Armenian Apostolic", "Roman Catholic"
_RELIGION_AFTER = re.compile(r"\s+(?:Orthodox|Catholics?|Apostolic|Evangelical|Protestants?|Coptic)\b")


def _religion_after(matcher: Matcher, entity_id: str, text: str, cand: Candidate) -> bool:
    """Whether a country's alias (a demonym, not its name) is the first word of a church's name: "the Greek
    Orthodox church" says nothing of Greece."""
    return text[cand.start: cand.end] != matcher.entities[entity_id].name and bool(
        _RELIGION_AFTER.match(text, cand.end))


def _leading_country(matcher: Matcher, index: int, cand: Candidate, surface: str) -> list[Mention]:
    """The country a discovered organization's name starts with, by its name or initials: "U.S. Agency for
    International Development" and "Bangladesh Garment Manufacturers ..." name the United States and
    Bangladesh as well; by another of its names before a body every country has ("Ukrainian Foreign
    Ministry", not "London Metal Exchange" or "Indian Ocean Commission")."""
    owned = owned_body(surface, matcher.country_of)  # "Foreign Ministry of Kazakhstan" too
    if owned:
        return [Mention(owned[0].id, index, cand.start + owned[2], cand.start + owned[3],
                        surface[owned[2]: owned[3]])]
    for end_index, (length, ids, conditional) in matcher._names.iter(surface):  # every match, not the longest
        end = end_index + 1
        country = matcher.entities[ids[0]] if len(ids) == 1 and not conditional else None
        if end - length == 0 and end < len(surface) and country is not None and country.type == "country" \
                and (surface[:end] == country.name or surface[:end].replace(".", "").isupper()
                     or (surface[:end] in country.aliases and generic_body(surface[end:]))) \
                and bounded(surface, 0, end):  # not "London Metal Exchange": a capital is a city too
            return [Mention(ids[0], index, cand.start, cand.start + end, surface[:end])]
    return []


def _variant_candidates(text: str, candidates: list[Candidate], matcher: Matcher, looked_up: set[str] | None = None
                        ) -> tuple[list[Candidate], list[Candidate]]:
    """Capitalised phrases no listed name covers whose variant key is a known name ("Orban", "Steve
    Marlowe", "Mohammad Irfan Khokhar"), and those whose key is a known short form ("Pashinian").
    ``looked_up``, if given, gets every key looked up."""
    full: list[Candidate] = []
    short: list[Candidate] = []
    spans = SpanIndex((c.start, c.end) for c in candidates)
    by_span = {(c.start, c.end): c for c in candidates}
    for phrase in scan_phrases(text, matcher.vocabulary):
        words = name_part(phrase.tokens)
        if not words:
            continue
        start, end = words[0].start, words[-1].end
        overlapping = [by_span[span] for span in spans.overlapping(start, end)]
        k = key(text[start:end])
        if looked_up is not None:
            looked_up.add(k)
        ids = matcher.keys.get(k)
        if ids and len(ids) == 1 and all(start <= c.start and c.end <= end and (c.conditional or set(c.entity_ids)
                                                                                == ids) for c in overlapping):
            if not (len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (start, end)):
                # "Steve Marlowe" over "Marlowe", "Kassym Jomart Tokayev" over "Tokayev"
                full.append(Candidate(start, end, tuple(ids), exact=False))
            continue
        if overlapping:
            continue
        elif k in matcher.short_keys:
            short.append(Candidate(start, end, tuple(sorted(matcher.short_keys[k])), exact=False, conditional=True))
    return full, short


#: a capitalised run of letters, whole: "Abdel" and "Fattah" in "Abdel-Fattah", "G" in "G7". The look-behind
#: (no letter before the first) comes after the first letter, where it is tried a fifth as often (issue 5)
_CAPITAL_RUN = re.compile(r"[^\W\d_a-z](?<![^\W\d_][^\W\d_a-z])[^\W\d_]*")


def capital_runs(text: str) -> list[re.Match[str]]:
    """Every maximal run of letters in ``text`` that starts with a capital."""
    return [m for m in _CAPITAL_RUN.finditer(text) if m.group()[0].isupper()]


def unplaced_phrases(article: Article, mentions: list[Mention], matcher: Matcher) -> list[Unplaced]:
    """Capitalised phrases that name nothing the build knows and had no cue to be discovered by: the
    editor's report lists them (a word that merely starts a sentence is left out)."""
    taken: dict[int, list[Mention]] = {}
    for m in mentions:
        taken.setdefault(m.block, []).append(m)
    out: list[Unplaced] = []
    seen: set[str] = set()
    for index, block in enumerate(article.blocks):
        text = block.text
        known = SpanIndex([(c.start, c.end) for c in matcher.find(text) if not c.conditional])
        mentioned = taken.get(index, [])
        named = SpanIndex((m.start, m.end) for m in mentioned if not m.entity_id.startswith("theme:"))
        keywords = SpanIndex({(m.start, m.end) for m in mentioned if m.entity_id.startswith("theme:")})
        for phrase in scan_phrases(text, matcher.vocabulary):
            start, end = phrase.start, phrase.end
            if named.overlapping(start, end) or known.overlapping(start, end) or keywords.overlapping(start, end):
                continue
            surface = " ".join(text[start:end].split())
            single = len(phrase.tokens) == 1
            if surface in seen or (single and (_starts_sentence(text, start) or len(surface) == 1
                                               or surface.lower() in TITLES)):
                continue
            seen.add(surface)
            out.append(Unplaced(article.id, block.line, surface, "no cue (title, apposition or reporting verb)"))
    return out


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:;”\""


def _is_bare_name(matcher: Matcher, entity_id: str, surface: str) -> bool:
    return matcher.entities[entity_id].name == surface


def _resolve_ambiguous(article: Article, matcher: Matcher, deferred: list[tuple[int, Candidate, str]],
                       mentions: list[Mention]) -> list[Mention]:
    """"Georgia", "Jordan", "Chad": a country only with country context, never by guess. The context is
    another of the country's own names in the article (Tbilisi, Georgian), or another country named in
    the same sentence."""
    out = []
    seen_aliases = {m.entity_id for m in mentions}
    for index, cand, entity_id in deferred:
        text = article.blocks[index].text
        entity = matcher.entities[entity_id]
        if entity_id in seen_aliases:
            out.append(Mention(entity_id, index, cand.start, cand.end, text[cand.start: cand.end]))
            continue
        for start, end in sentence_spans(text):
            if start <= cand.start < end:
                others = [m for m in mentions if m.block == index and start <= m.start < end
                          and m.entity_id.startswith("country:")]
                if others and entity.type == "country" and not _listed_with_non_countries(text, cand, others):
                    out.append(Mention(entity_id, index, cand.start, cand.end, text[cand.start: cand.end]))
                break
    return out


def _listed_with_non_countries(text: str, cand: Candidate, countries: list[Mention]) -> bool:
    """"Texas, Georgia and Tennessee": a list whose other items are capitalised names that are not
    countries is a list of something else (here US states), whatever else the sentence names."""
    before = re.search(r"([A-Z][\w-]+)(?:,|,? and|,? or)\s+$", text[max(0, cand.start - 40): cand.start])
    after = re.match(r"(?:,|,? and|,? or)\s+([A-Z][\w-]+)", text[cand.end: cand.end + 40])
    neighbours = []
    if before:
        neighbours.append(cand.start - (len(text[max(0, cand.start - 40): cand.start]) - before.start(1)))
    if after:
        neighbours.append(cand.end + after.start(1))
    country_starts = {m.start for m in countries}
    return bool(neighbours) and all(n not in country_starts for n in neighbours)


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
