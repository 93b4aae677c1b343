"""People and organizations the registry does not know, found from the cues news prose gives.

A capitalised phrase becomes a *discovered* entity only with a cue: a title or role before it
("President X", "Uzbek President X", "Kremlin spokesman X"), an apposition after it ("X, director of
...", "X, a professor at ...", "X, the Brussels-based think tank"), an age or an origin in apposition
("X, 34, ...", "X, a 27-year-old Honduran who ..."), a reporting verb ("X said", "X told", "said X"), or,
for an organization, a head word of its own ("... Council", "... Institute", "... of Kenya") or a cue
noun ("the newspaper X", "the X party"). A phrase with no cue is left for the editor's
report. Discovery reads each block once with a few anchored regexes around the capitalised phrases of
one scan, so it stays linear in the text; the names it finds then go into one automaton for the corpus.

Ambiguous names are not guessed: a discovered person needs two name words ("Jordan Reyes"), never one.
A full name with no cue of its own is discovered when the article quotes its surname alone with a
reporting verb ("Marvin Ajanel stepped off ... . “...,” said Ajanel, 34,"): see :mod:`dossier.surnames`.

The cue words and patterns are in :mod:`dossier.cues`, the phrase scan in :mod:`dossier.phrases` and the
judgement of one phrase in :mod:`dossier.classify`; this module runs them over the corpus, merges what
they find and writes the editor's report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from . import parallel
from .classify import (
    ACRONYM,
    bare_body,
    body_name,
    bracketed_acronym,
    classify,
    full_body,
    initials,
    lower_body_after,
    name_body,
    owned_body,
)
from .cues import TITLES
from .model import Article, ArticleAnalysis, Entity, SourceLocation
from .phrases import Phrase, SpanIndex, Token, name_part, packed_words, scan_phrases, unpacked_words, vocabulary_of
from .surnames import Leads
from .text import slugify
from .variants import key, short_forms

if TYPE_CHECKING:
    from .extract import Matcher
    from .registry import Registry

__all__ = ["TITLES", "Discovery", "DiscoverySteps", "Found", "Phrase", "SpanIndex", "Token", "article_finds",
           "article_found", "discover_with", "editor_report", "find_in_block", "known_keys", "name_part",
           "scan_phrases", "vocabulary_of"]


@dataclass(frozen=True)
class Found:
    """One cue-backed name in one article."""

    type: str  # "person" or "organization"
    name: str
    role: str
    cue: str
    article: Article
    line: int
    written: str = ""  # the name as the article has it, when ``name`` is another ("Foreign Ministry (Russia)")
    acronym: str = ""  # an organization's acronym in brackets after its name ("FFA")


@dataclass
class Discovery:
    entities: dict[str, Entity] = field(default_factory=dict)  # by id, sorted
    found: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # article id -> (id, line, cue)
    vocabulary: frozenset[str] = frozenset()
    #: article id -> (type, name, role, name as written) of each name the article introduces (see :func:`article_finds`)
    finds: dict[str, tuple[tuple[str, str, str, str], ...]] = field(default_factory=dict)
    #: article id -> every word it uses (:func:`dossier.phrases.packed_words`), which the incremental cache keeps
    words: dict[str, str] = field(default_factory=dict)
    #: discovered entity ids that a later name would have had too (it was left out): the incremental build
    #: cannot take such a name away, since the other would then be an entity
    contested: set[str] = field(default_factory=set)


def known_keys(registry: Registry) -> set[str]:
    """The variant keys of every registered person's and organization's names: a name discovered with
    one of these keys is the registry's, not a new entity."""
    return {key(s) for e in registry.entities.values() if e.type in ("person", "organization")
            for s in (e.name, *e.aliases)}


def article_found(article: Article, matcher: Matcher, vocabulary: frozenset[str], keys: set[str]) -> list[Found]:
    """The cue-backed names one article introduces, registered names and a cued person's surname left out.
    It depends on the article, the registry (``matcher`` knows only the registry's names) and the corpus
    vocabulary, nothing else: discovery of one article never looks at another."""
    leads = Leads()
    finds = [f for index in range(len(article.blocks))
             for f in find_in_block(article, index, matcher, vocabulary, leads)]
    shorter = {key(form) for f in finds if f.type == "person" for form in short_forms(f.name)}
    finds.extend(Found("person", name, "", f"reporting verb on the surname '{surname}'", article, line)
                 for name, line, surname in leads.resolve(shorter))
    out = []
    for found in _bodies_owned(finds, matcher):
        k = key(found.name)
        if not k or k in keys or k in shorter:
            continue  # a registered name's variant, "Vargas Olguín" after "Ximena Vargas Olguín", or a person's
            # surname taken for a company by its cue ("a shop owned by Ortiz" after "Maria Ortiz")
        out.append(found)
    return _acronyms(out, article, matcher, keys)


def _acronyms(finds: list[Found], article: Article, matcher: Matcher, keys: set[str]) -> list[Found]:
    """The finds with an organization's acronym as one of its names (its name as written) where the article
    gives it: in brackets after the name ("Pacific Islands Forum Fisheries Agency (FFA)"), or as the name's
    initials in capitals, anywhere in the article ("the Malaysian Anti-Corruption Commission ... The MACC
    said"). The acronym found alone ("The MACC said") is then that organization's. An acronym that is a
    registered name ("US", "UN"), or that the article gives two organizations, is no one's acronym."""
    given: dict[str, set[str]] = {}
    for found in finds:
        if found.type != "organization" or " " not in found.name:
            continue
        if found.acronym:
            given.setdefault(found.acronym, set()).add(found.name)
        parsed = name_body(found.name)  # "Ministry of Foreign Affairs (Kazakhstan)": "MFA"
        letters = initials(parsed[0] if parsed else found.name)
        if len(letters) >= 3 and _said(article, letters):
            given.setdefault(letters, set()).add(found.name)
    taken = {key(acronym): (acronym, names.pop()) for acronym, names in sorted(given.items())
             if len(names) == 1 and key(acronym) and key(acronym) not in keys and matcher.pattern(acronym) is None}
    if not taken:
        return finds
    acronyms: dict[str, list[str]] = {}
    for acronym, name in taken.values():
        acronyms.setdefault(name, []).append(acronym)
    out: list[Found] = []
    for found in finds:
        if _acronym_alone(found) and (acronym_of := taken.get(key(found.name))):
            out.append(_named_by_acronym(found, acronym_of[1]))
            continue
        out.append(found)
        if found.type == "organization":
            out.extend(replace(found, written=acronym, cue=f"{found.cue}, with its acronym '{acronym}'")
                       for acronym in acronyms.pop(found.name, ()))
    return out


def _said(article: Article, word: str) -> bool:
    """Whether an article has a word (in the case given) standing alone."""
    pattern = None
    for block in article.blocks:
        if word in block.text:
            pattern = pattern or re.compile(rf"(?<![\w&]){re.escape(word)}(?![\w&])")
            if pattern.search(block.text):
                return True
    return False


def _bodies_owned(finds: list[Found], matcher: Matcher) -> list[Found]:
    """The finds with each body of a country's named as the country's ("Russia's Foreign Ministry", "the
    Russian Foreign Ministry", "Foreign Ministry of Russia" are all "Foreign Ministry (Russia)"), and
    without the same body named alone ("the Foreign Ministry") in an article that says whose it is: that is
    the country's, a short form (:class:`dossier.extract.Matcher`), not a body of no one's. In an article
    that does not say, the body alone stays a body of no one's: the country an article names most is
    often not the body's ("the State Department" in an article about the Philippines)."""
    out: list[Found] = []
    owned: set[str] = set()
    bare_at: set[int] = set()  # the finds of a body named alone
    for found in finds:
        if found.type != "organization":
            pass
        elif named := name_body(found.name):
            owned.add(key(named[0]))  # a body in lower case, named as the country's already
        elif parsed := owned_body(found.name, matcher.country_of):
            body = full_body(parsed[1])
            owned.add(key(body))
            found = replace(found, name=body_name(body, parsed[0].name), written=found.name,
                            cue=f"{found.cue}, written '{found.name}'")
        elif body := bare_body(found.name):
            bare_at.add(len(out))
            if full_body(body) != found.name:  # "Health Ministry" alone is the "Ministry of Health" of no one's
                found = replace(found, name=full_body(body), written=found.name)
        out.append(found)
    return [f for i, f in enumerate(out) if i not in bare_at or key(f.name) not in owned]


def article_finds(article: Article, matcher: Matcher, vocabulary: frozenset[str],
                  keys: set[str]) -> tuple[tuple[str, str, str, str], ...]:
    """(type, name, role, name as written) of each name one article introduces, in order, once each: what the
    rest of the corpus gets from the article's discovery (an incremental build compares it before and after an
    edit)."""
    return finds_of(article_found(article, matcher, vocabulary, keys))


def finds_of(found: list[Found]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple(dict.fromkeys((f.type, f.name, f.role, f.written) for f in found))


def merged_entities(finds: Iterable[Found], taken: set[str]
                    ) -> tuple[dict[str, Entity], list[tuple[str, list[Found]]], set[str]]:
    """The entities of cue-backed names (``finds`` in article order), one per type and variant key: its id,
    name and origin from the first find, its aliases from the others, its role the first one stated. A name
    whose id is ``taken`` (the registry's, or an earlier name's) is left out. Also, each entity's id and
    finds, in order, and the *contested* ids: those of entities that a later name would have had too. An
    acronym that articles give one organization (:func:`_acronyms`) is that organization's where another
    article finds it alone; one that they give two is neither's."""
    merged: dict[tuple[str, str], list[Found]] = {}
    for found in acronyms_merged(finds):
        merged.setdefault((found.type, key(found.name)), []).append(found)
    entities: dict[str, Entity] = {}
    kept = []
    contested: set[str] = set()
    for (kind, _), group in merged.items():
        first = group[0]
        entity_id = f"{kind}:{slugify(first.name)}"
        if entity_id in taken or not slugify(first.name):
            if entity_id in entities:
                contested.add(entity_id)
            continue
        taken.add(entity_id)
        name, aliases, role = merged_form((f.name, f.role, f.written) for f in group)
        entities[entity_id] = Entity(
            id=entity_id, type=kind, name=name, aliases=aliases, role=role, reviewed=False,  # type: ignore[arg-type]
            origin=SourceLocation(first.article.src_uri, first.line))
        kept.append((entity_id, group))
    return entities, kept, contested


def acronyms_merged(finds: Iterable[Found]) -> list[Found]:
    """The finds with an organization's acronym found alone ("The MACC said") named as the organization the
    articles give it to (:func:`_acronyms`), and an acronym they give two organizations taken from both."""
    finds = list(finds)
    given: dict[str, dict[str, str]] = {}  # acronym's key -> the organizations' keys -> names
    for found in finds:
        if acronym_given(found.type, found.name, found.written):
            given.setdefault(key(found.written), {}).setdefault(key(found.name), found.name)
    if not given:
        return finds
    out = []
    for found in finds:
        if acronym_given(found.type, found.name, found.written) and len(given[key(found.written)]) > 1:
            found = replace(found, written="")
        elif _acronym_alone(found) and len(names := given.get(key(found.name), {})) == 1:
            found = _named_by_acronym(found, next(iter(names.values())))
        out.append(found)
    return out


def acronym_given(kind: str, name: str, written: str) -> bool:
    """Whether a find gives an organization an acronym (:func:`_acronyms`): the name as written is one."""
    return kind == "organization" and bool(written) and bool(ACRONYM.fullmatch(written)) and key(written) != key(name)


def _acronym_alone(found: Found) -> bool:
    """Whether a find is an organization's acronym alone ("The MACC said"), not yet named as its organization."""
    return found.type == "organization" and not found.written and alone(found.name)


def _named_by_acronym(found: Found, full: str) -> Found:
    """An acronym found alone, named as the organization ``full`` that it stands for, written as it was."""
    return replace(found, name=full, written=found.name, cue=f"{found.cue}, written '{found.name}', its acronym")


def alone(name: str) -> bool:
    """Whether a discovered organization's name is an acronym ("MACC"), which :func:`acronyms_merged` gives the
    organization that articles give it to."""
    return bool(ACRONYM.fullmatch(name))


def merged_form(found: Iterable[tuple[str, str, str]]) -> tuple[str, tuple[str, ...], str]:
    """The name, aliases and role of one entity from its finds' (name, role, name as written), in article
    order: the name the first find has, the other names found and the names as written as aliases, the
    first role stated."""
    group = list(found)
    first = group[0][0]
    return first, tuple(dict.fromkeys(n for name, _, written in group for n in (name, written) if n and n != first)), \
        next((role for _, role, _ in group if role), "")


class DiscoverySteps:
    """Discovery's steps of a :class:`dossier.parallel.Crew`: each article's words ("words"), then, given the
    corpus vocabulary, its cue-backed names ("finds"). Each article's words, and the vocabulary itself, are
    also kept where they ran (in a worker: its own articles'), for the crew's later steps."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher  # the registry's names only
        self.keys = known_keys(matcher.registry)
        self.vocabulary: frozenset[str] = frozenset()
        self.words: dict[str, str] = {}  # article id -> packed_words

    def steps(self) -> dict[str, Callable[[Any], Callable[[Article], Any]]]:
        return {"words": self.words_step, "finds": self.finds_step}

    def words_step(self, _: None) -> Callable[[Article], str]:
        def words(article: Article) -> str:
            packed = self.words[article.id] = packed_words(article)
            return packed
        return words

    def finds_step(self, vocabulary: frozenset[str]) -> Callable[[Article], list[tuple[str, str, str, str, int, str]]]:
        self.vocabulary = vocabulary

        def finds(article: Article) -> list[tuple[str, str, str, str, int, str]]:
            # plain tuples: a Found carries its Article, which need not travel back from a worker
            return [(f.type, f.name, f.role, f.cue, f.line, f.written) for f in
                    article_found(article, self.matcher, vocabulary, self.keys)]
        return finds


def discover_with(articles: list[Article], registry: Registry, crew: parallel.Crew) -> Discovery:
    """Every person and organization the articles introduce with a cue and the registry does not know, found
    by a crew (:class:`dossier.parallel.Crew`) with :class:`DiscoverySteps`' steps. Each article's finds are
    independent of the others'; merging them into entities, in article order, is done here. The corpus
    vocabulary comes first, from every article's words."""
    words = dict(zip((a.id for a in articles), crew.map("words"), strict=True))
    vocabulary = frozenset(w for packed in words.values() for w in unpacked_words(packed) if w[0].islower())
    every: list[Found] = []
    finds: dict[str, tuple[tuple[str, str, str, str], ...]] = {}
    for article, found_rows in zip(articles, crew.map("finds", vocabulary), strict=True):
        found_here = [Found(kind, name, role, cue, article, line, written)
                      for kind, name, role, cue, line, written in found_rows]
        finds[article.id] = finds_of(found_here)
        every.extend(found_here)
    result = Discovery(vocabulary=vocabulary, finds=finds, words=words)
    taken = set(registry.entities)
    result.entities, kept, result.contested = merged_entities(every, taken)
    for entity_id, found in kept:
        for f in found:
            rows = result.found.setdefault(f.article.id, [])
            if all(r[0] != entity_id for r in rows):
                rows.append((entity_id, f.line, f.cue))
    result.entities = dict(sorted(result.entities.items()))
    return result


def find_in_block(article: Article, index: int, matcher: Matcher, vocabulary: frozenset[str],
                  leads: Leads | None = None) -> list[Found]:
    """The cue-backed names of one block; the phrases no cue classifies go to ``leads`` if given."""
    block = article.blocks[index]
    text = block.text
    found = matcher.find(text)
    known = SpanIndex((c.start, c.end) for c in found)

    @cache
    def countries() -> SpanIndex:  # asked for a body every country has ("Foreign Ministry"): seldom
        return SpanIndex((c.start, c.end) for c in found if c.entity_ids and not c.conditional
                         and all(matcher.entities[i].type == "country" for i in c.entity_ids))

    phrases = scan_phrases(text, vocabulary)
    out: list[Found] = []
    consumed = 0  # "Law Society of Kenya" is one name: "Kenya" is not looked at again
    for position, phrase in enumerate(phrases):
        if phrase.start < consumed:
            continue
        nxt = phrases[position + 1] if position + 1 < len(phrases) else None
        classified = classify(text, phrase, nxt, known, phrases[position + 2: position + 5], countries)
        for kind, start, end, role, cue in classified:
            name = " ".join(text[start:end].split())
            out.append(Found(kind, name, role, cue, article, block.line,
                             acronym=bracketed_acronym(text, end) if kind == "organization" else ""))
            consumed = max(consumed, end)
        if not classified and leads is not None:
            leads.note(text, phrase, known, block.line)
    for cand in found:  # "China’s coast guard", "the Russian foreign ministry": a body in lower case
        if cand.entity_ids and not cand.conditional and (body := lower_body_after(text, cand.end)) \
                and (country := matcher.country_of(text[cand.start: cand.end])) is not None:
            out.append(Found("organization", body_name(full_body(body[1].title()), country.name), "",
                             "a country's body in lower case", article, block.line,
                             written=" ".join(text[cand.start: body.end()].split())))
    return out


def editor_report(analyses: list[ArticleAnalysis], entities: dict[str, Entity], display_root: str) -> list[str]:
    """For each article: the names it discovered, the registry entries it matched by a variant rather
    than exactly, the capitalised phrases it could not place, and the paragraphs the cleaner dropped as
    repeats; each as ``path:line: ...`` so an editor can add a person or an alias in one edit."""
    lines: list[str] = []
    for analysis in sorted(analyses, key=lambda a: a.article.src_uri):
        article = analysis.article
        where = f"{display_root}/{article.src_uri}"
        for entity_id, line, cue in analysis.discovered:
            entity = entities[entity_id]
            role = f", {entity.role}" if entity.role else ""
            lines.append(f"{where}:{line}: discovered {entity.type} '{entity.name}'{role} (cue: {cue}); "
                         "not yet reviewed")
        reported: set[tuple[str, str]] = set()
        for mention in analysis.mentions:
            entity = entities[mention.entity_id]
            if mention.exact or (mention.surface, entity.id) in reported or (
                    not entity.reviewed and mention.surface in short_forms(entity.name)):
                continue  # a discovered person's surname after the full name is no news to the editor
            reported.add((mention.surface, entity.id))
            line = article.blocks[mention.block].line
            if entity.reviewed:
                origin = f" ({entity.origin})" if entity.origin else ""
                advice = f"add it to the aliases of {entity.name}{origin} if it is right"
            else:
                advice = f"{entity.name} is a discovered {entity.type}"
            lines.append(f"{where}:{line}: variant '{mention.surface}' matched {entity.name}: {advice}")
        for item in analysis.unplaced:
            lines.append(f"{where}:{item.line}: unplaced '{item.text}': {item.reason}")
        for line, first in article.repeats:
            lines.append(f"{where}:{line}: this paragraph repeats line {first} word for word; the site shows it once")
    return lines
