"""Which articles a change of discovered names can reach: an inverted index of what matching looked at.

A name discovered from a cue in one article is matched in every article, so an edit that introduces a
discovered name (or drops the last cue for one) changes the matcher for the whole corpus. The articles
whose mentions can change are few, and the cache finds them without reading any text: for each article
it keeps the *terms* below, and for each term the articles that have it (the ``term`` table, by seed
position).

- ``r Word``: every capitalised run of letters in the article's blocks and byline ("Abdel" and "Fattah"
  in "Abdel-Fattah"). A name occurs in a text, word-bounded, only if the text has all of its letter runs:
  the runs inside it are cut by the name's own spaces and signs, and the ends by the word boundary.
- ``u Word``: the capitalised runs of the blocks that no exact match of the automaton covers. A new
  one-word pattern that the automaton did not have changes the leftmost-longest matches only where no
  exact match covers it: a match that covers a one-word run starts no later than it, and a longer
  match that starts at the same place wins.
- ``b Word``: the byline's capitalised runs, all of them. A byline is matched on full names only (a
  short form counts nowhere in it), so a new one-word *name* looks at these and a new short form does
  not: "Aigerim", the short form of a new "Aigerim Bekova", leaves alone every byline with an Aigerim.
- ``k key``: the variant key (:func:`dossier.variants.key`) of every capitalised phrase looked up; a
  name's keys change the lookups of those phrases alone.
- ``f type key``: the names the article's discovery found, by type and key: whether a name is found in
  any other article (then the entity's name, aliases and role come from every article that finds it,
  and the full build takes the edit).
- ``a key``: the acronyms the article gives an organization (:func:`dossier.discover.acronyms_merged`), by
  key: with the ``f organization`` terms, whether another article gives an acronym too or names it alone
  (then the full build takes an edit that gives it, or names it alone).

:func:`reached` turns the entities an edit adds or removes into the articles to analyse again; the
argument of each rule is in :mod:`dossier.extract`'s matching (a short form counts only in an article
that names its person in full or by a variant, which the first and third rules find).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .discover import acronym_given
from .extract import Trace, _variants, capital_runs
from .model import Article, Entity
from .variants import key, short_forms

if TYPE_CHECKING:
    from .cache import Cache
    from .extract import Matcher


def article_terms(article: Article, trace: Trace, finds: Iterable[tuple[str, str, str, str]]) -> str:
    """The article's terms (see the module's docstring), sorted, one a line."""
    byline = {m.group() for m in capital_runs(article.author or "")}
    terms = {f"r {w}" for w in trace.runs | byline} | {f"u {w}" for w in trace.uncovered}
    terms |= {f"b {w}" for w in byline}
    terms |= {f"k {k}" for k in trace.keys if k}
    finds = list(finds)
    terms |= {f"f {kind} {key(name)}" for kind, name, *_ in finds if key(name)}
    terms |= {f"a {key(written)}" for kind, name, _, written in finds if acronym_given(kind, name, written)}
    return "\n".join(sorted(terms))


def unpacked(terms: str) -> set[str]:
    return set(terms.split("\n")) if terms else set()


def postings(terms_in_seed_order: Iterable[str]) -> dict[str, bytes]:
    """term -> the seed positions that have it, as an array of unsigned ints (the ``term`` table)."""
    out: dict[str, array[int]] = {}
    for position, packed in enumerate(terms_in_seed_order):
        for term in unpacked(packed):
            found = out.get(term)
            if found is None:
                out[term] = array("I", (position,))
            else:
                found.append(position)
    return {term: found.tobytes() for term, found in out.items()}


def shifted(cache: Cache, changes: dict[int, tuple[str, str]]) -> dict[str, bytes]:
    """The ``term`` rows to write after some seeds' terms changed (``changes``: position -> (old, new)):
    each changed term's seed positions with those seeds put in or taken out (b"" when none are left)."""
    moves: dict[str, tuple[set[int], set[int]]] = {}
    for position, (old, new) in changes.items():
        before, after = unpacked(old), unpacked(new)
        for term in before - after:
            moves.setdefault(term, (set(), set()))[1].add(position)
        for term in after - before:
            moves.setdefault(term, (set(), set()))[0].add(position)
    stored = cache.rows("term", moves)
    rows = {}
    for term, (added, gone) in moves.items():
        positions = set(_positions(stored.get(term, b""))) - gone | added
        rows[term] = array("I", sorted(positions)).tobytes()
    return rows


def _positions(data: bytes) -> array[int]:
    found = array("I")
    found.frombytes(data)
    return found


def _surfaces(entity: Entity, matcher: Matcher) -> tuple[set[str], set[str]]:
    """An entity's patterns in the automaton: its names (exact) and, for a person, its short forms; for a
    body of a country's, the other ways of naming it and its bare name (:meth:`Matcher.body_surfaces`)."""
    bodies, bare = matcher.body_surfaces(entity)
    full = {v for surface in (entity.name, *entity.aliases) for v in _variants(surface)} | bodies
    short = {v for form in short_forms(entity.name) for v in _variants(form)} if entity.type == "person" else bare
    return full, short - full


def reached(cache: Cache, changed: Iterable[Entity], old: Matcher, new: Matcher, seeds: list[str]) -> set[str]:
    """The seeds (src_uri, of ``seeds`` in seed order) whose mentions can differ between the ``old`` and
    ``new`` matchers, which differ by the ``changed`` entities (added to one, or taken out of it)."""
    whole: list[tuple[str, ...]] = []  # letter runs that must all be in an article: "r" terms
    alone: set[str] = set()  # one-word patterns new to an automaton: "u" terms ("b" too for a name)
    keys: set[str] = set()
    everywhere = False
    for entity in changed:
        full, short = _surfaces(entity, new)
        keys |= {key(s) for s in full | short if key(s)}
        added = entity.id not in old.entities
        other = old if added else new  # the automaton without the entity
        for surface in full | short:
            runs = tuple(m.group() for m in capital_runs(surface))
            before = other.pattern(surface)
            if surface in short and before is not None:
                # a short form the other automaton has anyway (another person's, or a name's): its matches
                # stay where they are, and it counts only where the article names this person in full
                continue
            if not runs:
                everywhere = True  # no capitalised run: every article is in doubt
            elif len(runs) == 1 and runs[0] == surface and before is None and (added or surface in short):
                # (the "u" terms are the old automaton's: a name taken out of it covered its own runs)
                alone.add(f"u {surface}")
                if surface not in short:
                    alone.add(f"b {surface}")
            else:
                whole.append(runs)
    wanted = {f"r {run}" for runs in whole for run in runs} | alone | {f"k {k}" for k in keys}
    stored = {term: set(_positions(data)) for term, data in cache.rows("term", wanted).items()}
    positions: set[int] = set(range(len(seeds))) if everywhere else set()
    for runs in whole:
        positions |= set.intersection(*(stored.get(f"r {run}", set()) for run in runs))
    for term in wanted:
        if term[0] in "ubk":
            positions |= stored.get(term, set())
    return _seeds_at(positions, seeds)


def finders(cache: Cache, found: Iterable[str], seeds: list[str]) -> dict[str, set[str]]:
    """``f`` term (type and key) -> the seeds whose discovery finds that name."""
    stored = cache.rows("term", (f"f {t}" for t in found))
    return {term[2:]: _seeds_at(_positions(data), seeds) for term, data in stored.items()}


def acronym_users(cache: Cache, keys: Iterable[str], seeds: list[str]) -> set[str]:
    """The seeds that give an organization one of these acronyms (by key), or whose discovery finds one alone."""
    keys = list(keys)
    stored = cache.rows("term", [*(f"a {k}" for k in keys), *(f"f organization {k}" for k in keys)])
    return {seed for data in stored.values() for seed in _seeds_at(_positions(data), seeds)}


def _seeds_at(positions: Iterable[int], seeds: list[str]) -> set[str]:
    """The seeds at these positions of the term table (``seeds``: its slots, "" where a seed was removed)."""
    return {seeds[p] for p in positions if p < len(seeds) and seeds[p]}
