"""Incremental builds: a rerun after an edit does only the work the edit calls for.

The cache (:mod:`dossier.cache`, ``.dossier-cache/cache.sqlite`` beside the seeds folder) keeps the
*fingerprint* of everything that is not an article (the package's code, the registry, the templates,
the versions of the libraries whose data the build uses), each seed's size, modification time and
SHA-256, each generated file's size and modification time as written, and the knowledge base without
the articles' text.

A rerun in which only some seeds' text changed, or seeds were added or removed, re-reads and re-analyses
just those (a new seed as an edit of an article that had nothing, a removed one as an edit that leaves it
nothing, then takes it out), and fits them back into the cached knowledge base (:mod:`dossier.delta`):
only the pages the edit changed are rendered and written. Everything else takes the full build, which
refreshes the cache:

- more than FAST_PATH_LIMIT seeds changed, added or removed (or that may match a discovered name that
  came or went); a seed renamed whose article keeps its id is an edit of that article;
- a seed added or removed when the number of articles moves the cap of related articles (once in fifty
  articles, between 300 and 1,000: :func:`index.related_cap`);
- an edit that changes what a name discovered from a cue that another article finds too is: its spelling
  or role, or the article that finds it first (a name only the edited seeds find is re-derived from them,
  and the articles that may match it, found from the cache's terms (:mod:`dossier.terms`), are analysed
  again with it; one that stands as it was needs no other article);
- a new word that another article capitalises (its discovery could change);
- a changed registry, template or code;
- a generated file changed by hand;
- a missing or unreadable cache.

Both paths write byte-identical files (tests/test_incremental.py).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from . import graph, parallel, terms
from .cache import (
    SCHEMA,
    Cache,
    EntityContext,
    GraphState,
    Index,
    KnowledgeSpans,
    Late,
    Pickled,
    SeedRow,
    Status,
    StoredRows,
    TimelineState,
    Vocabulary,
    YearState,
    capitals_of,
    excerpt_key,
    lowers_of,
    pair_key,
    quote_key,
    seed_row,
    stored_rows,
    stub,
    summarise,
)
from .delta import Delta, Edit, Refused
from .discover import Found, acronym_given, alone, article_found, finds_of, known_keys, merged_entities, merged_form
from .errors import DossierError, DossierErrors
from .extract import Matcher, Trace
from .index import KnowledgeBase, entity_lists, related_cap
from .model import Article, ArticleAnalysis, Entity, SourceLocation
from .phrases import packed, unpacked_words, words_of
from .pipeline import (
    KNOWLEDGE_FILE,
    ArticleRecord,
    Paths,
    Site,
    analyse_article,
    build_site,
    knowledge_spans,
    read_seeds,
    seed_uris,
)
from .render import TIMELINE_EVENTS
from .timeline import Event, find_reports, most_reported, year_key, year_order
from .timeline_delta import page_sections
from .variants import key
from .writer import MANIFEST, WriteReport, write_pages

#: more changed seeds than this and the full build is the faster way
FAST_PATH_LIMIT = 50
PACKAGE = Path(__file__).resolve().parent
FINGERPRINT_LIBRARIES = ("pycountry", "pyahocorasick", "jinja2", "pyyaml")


@dataclass(frozen=True)
class BuildResult:
    site: Site | None  # None on the fast path, which never assembles the whole knowledge base
    report: WriteReport
    articles: int
    entities: int
    files: int
    path: str  # "full" or "fast"
    reason: str = ""  # why the full build was needed
    index: Index | None = None  # the cache's index, when the fast path had to read it
    #: the fast path's working objects, kept with the result for a process about to end (see dossier.cli.run)
    held: tuple[object, ...] = ()


def fingerprint(paths: Paths) -> str:
    """A digest of every input that is not an article."""
    digest = hashlib.sha256(f"{SCHEMA} {sys.version}".encode())
    for name in FINGERPRINT_LIBRARIES:
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for root in (PACKAGE, paths.registry_dir, paths.templates_dir):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _prefix(folder: Path) -> str:
    """The folder as the start of its files' paths: ``prefix + name`` is ``os.path.join`` without its cost,
    paid for every seed and every page of a 10,000-article site on each build."""
    return os.path.join(folder, "")


def _stat(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _seed_stat(path: str) -> tuple[int, int] | None:
    try:
        return _stat(path)
    except OSError:
        return None


def _seed_stats(paths: Paths) -> dict[str, tuple[int, int]]:
    """Each seed's stat, taken before a full build reads it."""
    if not paths.seeds_dir.is_dir():
        return {}
    root = _prefix(paths.seeds_dir)
    stats = {uri: _seed_stat(root + uri) for uri in seed_uris(paths.seeds_dir)}
    return {uri: stat for uri, stat in stats.items() if stat is not None}


def _written(docs_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    root = _prefix(docs_dir)
    out = {}
    for name in names:
        with contextlib.suppress(OSError):
            out[name] = _stat(root + name)
    return out


def build(paths: Paths, docs_dir: Path, cache_dir: Path, display: str = "docs", full: bool = False,
          workers: int = 1, waiting: Callable[[str], object] | None = None) -> BuildResult:
    """Bring ``docs/`` up to date with the seeds, by the fast path when the cache allows it; one build at a
    time on a cache folder (:func:`_one_at_a_time`; ``waiting`` is told when this one waits)."""
    with _one_at_a_time(cache_dir, waiting), _collector_paused():
        return _build(paths, docs_dir, cache_dir, display, full, workers)


#: the file a build locks in the cache folder while it runs
LOCK_FILE = "build.lock"


@contextlib.contextmanager
def _one_at_a_time(cache_dir: Path, waiting: Callable[[str], object] | None) -> Iterator[None]:
    """An exclusive lock on the cache folder for the whole build, so that a second build on it (another
    terminal, or ``mkdocs build`` beside ``mkdocs serve``, whose plugins share a cache) waits for the first
    to finish, then finds its work done. Two at once each wrote the cache and the pages: one full build's
    new cache file was moved into place by the other, and it failed. ``flock``: the operating system lets
    go of the lock when the process ends, however it ends. Where there is no ``fcntl`` (Windows), no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / LOCK_FILE, "ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(f"another build is using {cache_dir}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(paths: Paths, docs_dir: Path, cache_dir: Path, display: str, full: bool, workers: int) -> BuildResult:
    cache = Cache(cache_dir)
    status = None if full else cache.load("status")
    why = "requested" if full else "no cache yet" if status is None else ""
    fp = fingerprint(paths)
    if status is not None:
        why = _fast_path_blocker(status, fp, docs_dir)
        if not why:
            try:
                return _fast(status, cache, paths, docs_dir, display)
            except _Fallback as fallback:
                why = str(fallback)
    return _full(paths, docs_dir, display, cache, fp, why, workers)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the whole build: the fast path unpickles the index, a million
    objects, and the status (35,000 tuples at 10,000 articles), and the collector would walk them again and
    again while they load (half the time of loading them); a full build grows a knowledge base as large,
    which it walked as often (13% of a 1,000-article build, peak memory unchanged). Both make little cyclic
    garbage; what is alive at their end is frozen (``gc.freeze``: the collector, running again after it,
    never walks those objects, which reference counting frees as usual)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _Fallback(Exception):
    """The fast path cannot prove its result equal to a full build's; the message says why."""


def _fast_path_blocker(status: Status, fp: str, docs_dir: Path) -> str:
    if status.fingerprint != fp:
        return "the code, registry or templates changed"
    if status.docs_dir != str(docs_dir.resolve()):
        return "a different docs folder"
    root = _prefix(docs_dir)
    for name, stat in status.pages.items():
        try:
            if _stat(root + name) != stat:
                return f"{name} was changed outside the build"
        except OSError:
            return f"{name} is missing"
    if not (docs_dir / MANIFEST).is_file():
        return "no manifest in the docs folder"
    return ""


def _changed_seeds(status: Status, paths: Paths
                   ) -> tuple[list[tuple[Path, str, str]], dict[str, tuple[int, int, str]], list[str]]:
    """The seeds whose bytes changed or that are new, as (path, src_uri, sha256); every seed there is, in seed
    order, with its stat and sha256 as the status keeps them (new for a seed whose stat changed); and the
    seeds removed (src_uri)."""
    if not paths.seeds_dir.is_dir():
        raise _Fallback("no seeds folder")
    found = seed_uris(paths.seeds_dir)
    removed = [] if found == list(status.seeds) else sorted(status.seeds.keys() - set(found))
    changed, seeds = [], {}
    root = _prefix(paths.seeds_dir)
    for uri in found:
        seeds[uri] = kept = status.seeds.get(uri, (-1, -1, ""))
        size, mtime, sha = kept
        stat = _stat(root + uri)
        if stat == (size, mtime):
            continue
        path = paths.seeds_dir / uri
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        seeds[uri] = (*stat, digest)
        if digest != sha or uri not in status.seeds:
            changed.append((path, uri, digest))
    if len(changed) + len(removed) > FAST_PATH_LIMIT:
        raise _Fallback(f"more than {FAST_PATH_LIMIT} seeds changed, added or removed")
    return changed, seeds, removed


def _fast(status: Status, cache: Cache, paths: Paths, docs_dir: Path, display: str) -> BuildResult:
    changed, seeds, removed = _changed_seeds(status, paths)
    if not changed and not removed:
        if seeds != status.seeds:  # a stat moved, the bytes did not
            status.seeds = seeds
            cache.save({"status": status})
        return BuildResult(None, WriteReport((), len(status.pages), ()), len(status.seeds), status.entities,
                           len(status.pages), "fast")
    index, counts = cache.index(), cache.load("vocabulary")
    if index is None or counts is None:
        raise _Fallback("the cache is incomplete")
    read, errors = read_seeds(((path, uri) for path, uri, _ in changed), paths.seeds_dir)
    if errors:
        raise DossierErrors(errors)
    old_rows: dict[str, SeedRow] = cache.rows("seed", [*(uri for _, uri, _ in changed), *removed])
    added = [uri for uri in seeds if uri not in status.seeds]
    if added or removed:
        if not status.slots:
            raise _Fallback("the cache has no term table positions")
        if related_cap(len(index.stubs)) != related_cap(len(index.stubs) + len(added) - len(removed)):
            raise _Fallback("seeds were added or removed, and the cap of related articles moves with the number "
                            "of articles")
        old_rows.update((uri, _nothing()) for uri in added)
        if not all(isinstance(old_rows.get(uri), SeedRow) and uri in index.article_ids for uri in removed):
            raise _Fallback("the cache has nothing of a removed seed")
    # a seed renamed (removed, and added under another name) whose article keeps its id: an edit of that article
    renamed = {article.src_uri: old for article in read if article.src_uri in added
               for old in removed if index.article_ids.get(old) == article.id}
    for uri, old in renamed.items():
        old_rows[uri] = old_rows[old]
    gone = [uri for uri in removed if uri not in renamed.values()]
    words: dict[str, set[str]] = {uri: set() for uri in gone}
    for article in read:
        _check_cached(article, index, old_rows, added, renamed)
        words[article.src_uri] = words_of(article)
    if len({article.id for article in read}) < len(read):  # two new seeds: the full build says what is wrong
        raise _Fallback("two of the changed seeds would make the same page")
    vocabulary = _vocabulary(counts, old_rows, words)
    vocab = frozenset(vocabulary.lower)
    discovery_matcher = Matcher(index.registry)
    keys = known_keys(index.registry)
    found = {article.src_uri: article_found(article, discovery_matcher, vocab, keys) for article in read}
    found.update((uri, []) for uri in gone)  # a removed seed finds nothing now
    finds = {uri: finds_of(f) for uri, f in found.items()}
    old_matcher = matcher = Matcher(index.registry, index.discovered, vocab)
    position = {uri: i for i, uri in enumerate([*seeds, *removed])}
    # the term table's positions: a new seed's at the end, a removed seed's left empty (see Status.slots)
    slots = [("" if uri in removed else uri) for uri in status.slots] + added
    slot = {uri: i for i, uri in enumerate(status.slots + added) if uri}  # the removed seeds' too
    # (a renamed seed's names may now be found first by another article, or stand where another's did)
    rediscovered = any(finds[uri] != old_rows[uri].finds for uri in finds) or any(finds[uri] for uri in renamed)
    if rediscovered:  # the edits bring a discovered name or take one away: every article that may match it
        index.discovered, changed_entities = _rediscovered(index, found, old_rows, cache, slots, position,
                                                           renamed)
        matcher = Matcher(index.registry, index.discovered, vocab)
        others = sorted(terms.reached(cache, changed_entities, old_matcher, matcher, slots) - set(found),
                        key=position.__getitem__)
        if len(others) + len(read) > FAST_PATH_LIMIT:
            raise _Fallback(f"a discovered name came or went, and {len(others)} other articles may match it")
        more, errors = read_seeds(((paths.seeds_dir / uri, uri) for uri in others), paths.seeds_dir)
        if errors:
            raise DossierErrors(errors)
        old_rows.update(cache.rows("seed", others))
        for article in more:  # unedited: their words and their own discovery are as the cache keeps them
            _check_cached(article, index, old_rows)
            words[article.src_uri] = words_of(article)
            finds[article.src_uri] = old_rows[article.src_uri].finds
        read = read + more
    edits = []
    for article in read:
        uri = article.src_uri
        trace = Trace()
        analysis = analyse_article(article, matcher, trace)
        lists = entity_lists(analysis, matcher.entities)
        new = seed_row(analysis, lists, finds[uri], words[uri], terms.article_terms(article, trace, finds[uri]))
        edits.append(Edit(analysis, old_rows[uri], new, lists))
    for uri in gone:  # an edit that leaves the article nothing, then takes it out (Edit.removed)
        article = index.stubs[index.article_ids[uri]]
        edits.append(Edit(ArticleAnalysis(replace(article, blocks=()), [], []), old_rows[uri], _nothing(), {},
                          removed=True))
    try:
        delta = Delta(edits, index, cache, paths.templates_dir, docs_dir, {**old_matcher.entities, **matcher.entities})
        outcome = delta.run()
    except Refused as refused:
        raise _Fallback(str(refused)) from refused
    pages = outcome.pages
    report = write_pages(pages, docs_dir, display=display, keep=frozenset(status.pages) - set(pages) - outcome.removed)
    for article in read:
        index.article_ids.setdefault(article.src_uri, article.id)  # a new seed's
    for uri in removed:
        del index.article_ids[uri]
    status.seeds, status.slots = seeds, slots
    for name in outcome.removed:
        status.pages.pop(name, None)
    status.pages.update(_written(docs_dir, pages))
    status.entities = len(index.entities)
    parts_saved: dict[str, Any] = {"status": status, "vocabulary": vocabulary}
    if outcome.articles_changed or outcome.index_changed or rediscovered:
        parts_saved.update(index.parts(rest=outcome.index_changed or rediscovered))
    if outcome.graph is not None:
        parts_saved["graph"] = outcome.graph
    if outcome.knowledge is not None:
        parts_saved["knowledge"] = outcome.knowledge
    term_changes = {slot[e.analysis.article.src_uri]: (e.old.terms, e.new.terms) for e in edits}
    for uri, old in renamed.items():  # its terms move from the old name's slot to the new one's
        term_changes[slot[old]] = (old_rows[old].terms, "")
        term_changes[slot[uri]] = ("", term_changes[slot[uri]][1])
    rows: dict[str, dict[Any, Any]] = {"seed": {edit.analysis.article.src_uri: edit.new for edit in edits
                                                if not edit.removed},
                                       "entity": outcome.contexts, "event": outcome.events,
                                       "excerpt": {k: v for k, v in outcome.excerpts.items() if v},
                                       "pair": {k: w for k, w in outcome.pairs.items() if w},
                                       "term": terms.shifted(cache, term_changes),
                                       "shard": index.shards(outcome.articles_touched)}
    gone_years: list[str] = []
    if outcome.timeline is not None and outcome.timeline.years:  # else no year was merged again
        parts_saved["timeline"], rows["summary"], gone_years = outcome.timeline.state.saved(outcome.timeline.years)
        rows["year"] = outcome.timeline.years
    cache.save(parts_saved, rows, deleted={"seed": removed, "entity": outcome.dropped,
                                           "excerpt": [k for k, v in outcome.excerpts.items() if not v],
                                           "pair": [k for k, w in outcome.pairs.items() if not w],
                                           "summary": gone_years})
    return BuildResult(None, report, len(index.stubs), len(index.entities), len(status.pages), "fast", index=index,
                       held=(delta, outcome, edits, old_rows, matcher, old_matcher, discovery_matcher, read))


def _nothing() -> SeedRow:
    """What the cache has of a seed that is new."""
    return SeedRow({}, set(), set(), {}, [], [], {})


def _check_cached(article: Article, index: Index, old_rows: dict[str, SeedRow], added: Iterable[str] = (),
                  renamed: dict[str, str] | None = None) -> None:
    """Raises _Fallback unless the article is one the cache knows (``renamed``: new src_uri -> old) and makes
    the page it made, or is new (``added``) and takes no other article's page."""
    uri = article.src_uri
    was = (renamed or {}).get(uri, uri)
    if uri in added and was == uri:
        if article.id in index.stubs or article.id == "index":
            raise _Fallback(f"the new seed {uri} would take the page of another")
    elif article.id != index.article_ids[was]:
        raise _Fallback(f"{uri} now makes a different page")
    if not isinstance(old_rows.get(article.src_uri), SeedRow):
        raise _Fallback(f"the cache has nothing of {article.src_uri}")


def _rediscovered(index: Index, found: dict[str, list[Found]], old_rows: dict[str, SeedRow], cache: Cache,
                  seeds: list[str], position: dict[str, int], renamed: Iterable[str] = ()
                  ) -> tuple[dict[str, Entity], list[Entity]]:
    """The discovered entities once the edited seeds (``found``: src_uri -> what their discovery finds now)
    find other names, and the entities that came or went. A name that no other article finds is taken: its
    entity comes from the edited seeds alone. A name that other articles find too is taken when its entity
    stands as it was (:func:`_stands`), as when a new article quotes someone other articles quote. Every name
    a ``renamed`` seed finds counts as changed: its place in the seed order and its origin moved. Raises
    _Fallback otherwise, or when an entity keeps its id with another name, aliases or role (every page that
    shows it would change)."""
    def by_key(rows: Iterable[tuple[str, str, str, str]]) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
        out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for kind, name, role, written in rows:
            out.setdefault((kind, key(name)), []).append((name, role, written))
        return out

    names: set[tuple[str, str]] = set()
    acronyms: set[str] = set()  # the keys of the acronyms that the changed names give or are
    for uri, now in found.items():
        before, after = by_key(old_rows[uri].finds), by_key(finds_of(now))
        moved = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k) or uri in renamed}
        for kind, k in moved:
            for name, _, written in (*before.get((kind, k), ()), *after.get((kind, k), ())):
                if acronym_given(kind, name, written):
                    acronyms.add(key(written))
                elif kind == "organization" and alone(name):
                    acronyms.add(k)
        names |= moved
    if acronyms and (others := terms.acronym_users(cache, acronyms, seeds) - set(found)):
        # another article gives it or names it alone: which organization's it is depends on that article too
        raise _Fallback(f"an edit gives or names alone an acronym that {min(others)} gives or names alone too")
    elsewhere = terms.finders(cache, (f"{kind} {k}" for kind, k in names), seeds)
    shared = {(kind, k): uris for kind, k in names if (uris := elsewhere.get(f"{kind} {k}", set()) - set(found))}
    rows: dict[str, SeedRow] = cache.rows("seed", set().union(*shared.values())) if shared else {}
    known: dict[tuple[str, str], Entity] = {(e.type, key(e.name)): e for e in index.discovered.values()} \
        if shared else {}
    for (kind, k), uris in sorted(shared.items()):
        if not _stands(known.get((kind, k)), kind, k, uris, found, rows, position):
            raise _Fallback(f"the discovered {kind} name '{k}' changed, and other articles find it too")
    names -= shared.keys()  # their entities stand: the edited seeds name them as any article does
    edited = [f for uri in sorted(found, key=position.__getitem__) for f in found[uri]
              if (f.type, key(f.name)) in names]
    kept = {eid: e for eid, e in index.discovered.items() if (e.type, key(e.name)) not in names}
    gone = {eid: e for eid, e in index.discovered.items() if eid not in kept}
    fresh, _, contested = merged_entities(edited, set(index.registry.entities))
    for eid, entity in fresh.items():
        if eid in kept or eid in index.contested:
            raise _Fallback(f"the discovered name '{entity.name}' would take the id of another")
        if eid in gone and replace(gone[eid], origin=None) != replace(entity, origin=None):
            raise _Fallback(f"the name, aliases or role of the discovered {eid} changed")
    for eid in gone.keys() - fresh.keys():
        if eid in index.contested:
            raise _Fallback(f"{eid} went, and another name would take its id")
    index.contested |= contested  # two of the edited seeds' new names wanting one id
    changed = [e for eid, e in {**gone, **fresh}.items() if (eid in gone) != (eid in fresh)]
    return dict(sorted({**kept, **fresh}.items())), changed


def _stands(entity: Entity | None, kind: str, k: str, others: set[str], found: dict[str, list[Found]],
            rows: dict[str, SeedRow], position: dict[str, int]) -> bool:
    """Whether the discovered ``entity`` of a name (``kind``, variant key ``k``) comes out as it was from every
    article that finds it, the ``others`` as the cache has them (``rows``) and the edited seeds as they find
    it now: as :func:`dossier.discover.merged_entities` makes it, its name and origin come from the first
    article (by seed order) that finds it, which must be one the edits left alone, and the rest from
    :func:`dossier.discover.merged_form`."""
    editing = {uri for uri, now in found.items() if any(f.type == kind and key(f.name) == k for f in now)}
    finders = sorted(others | editing, key=position.__getitem__)
    if entity is None or finders[0] in found or not others <= rows.keys() or \
            entity.origin is None or entity.origin.path != finders[0]:  # (the first finder as before)
        return False
    group = [(name, role, written) for uri in finders
             for t, name, role, written in (finds_of(found[uri]) if uri in found else rows[uri].finds)
             if t == kind and key(name) == k]
    return bool(group) and merged_form(group) == (entity.name, entity.aliases, entity.role)


def _vocabulary(counts: Vocabulary, old_rows: dict[str, SeedRow], words: dict[str, set[str]]) -> Vocabulary:
    """The corpus vocabulary's counts with the edited seeds' words swapped in; raises _Fallback when a word
    entered or left the vocabulary that another article capitalises (its discovery could change)."""
    lower, capitals = Counter(counts.lower), Counter(counts.capitals)
    new_capitals: dict[str, set[str]] = {}
    for uri, found in words.items():
        lower.subtract(old_rows[uri].lower)
        lower.update(lowers_of(found))
        capitals.subtract(old_rows[uri].capitals)
        capitals.update(new_capitals.setdefault(uri, capitals_of(found)))
    lower, capitals = +lower, +capitals  # drop the zeros
    for word in set(lower) ^ set(counts.lower):
        if capitals[word] - sum(word in caps for caps in new_capitals.values()) > 0:
            raise _Fallback(f"the word '{word}' entered or left the vocabulary, and another article capitalises it")
    return Vocabulary(lower, capitals)


def _full(paths: Paths, docs_dir: Path, display: str, cache: Cache, fp: str, why: str, workers: int) -> BuildResult:
    before = _seed_stats(paths)
    site = build_site(paths, workers, per_article=_seed_record)
    # the cache is made and saved in a forked process while this one writes the pages (it takes longer, and
    # the two share no state); it commits only once the pages are written, with their stat
    saving = parallel.Aside(lambda written: _save_full(site, paths, cache, fp, before, written),
                            fork=parallel.processes(len(site.pages), workers) > 1)
    try:
        report = write_pages(site.pages, docs_dir, display=display)
        late = _late_rows(site)  # this process' share of the cache, made while the forked one makes the rest
    except BaseException:
        saving.cancel()
        raise
    saving.finish((str(docs_dir.resolve()), _written(docs_dir, site.pages), late))
    kb = site.kb
    return BuildResult(site, report, len(kb.articles), len(kb.entities), len(site.pages), "full", why)


def _late_rows(site: Site) -> StoredRows:
    """The rows of a full build's cache that the build's own process makes once it has written the pages,
    pickled (:func:`dossier.cache.stored_rows`): the tables of many small rows, which a forked process saving
    the cache would otherwise make after the pages are written, with a core idle (issue 5)."""
    kb, corpus = site.kb, site.corpus
    return {"excerpt": stored_rows({excerpt_key(eid, aid): tuple(e.text for e in found)
                                    for (eid, aid), found in kb.excerpts.items()}),
            "pair": stored_rows({pair_key(a, b): w for (a, b), w in site.renderer.paragraph_weights.items()}),
            "term": stored_rows(terms.postings(corpus.terms.get(a.article.id, "") for a in corpus.analyses))}


def _save_full(site: Site, paths: Paths, cache: Cache, fp: str, before: dict[str, tuple[int, int]],
               written: Callable[[], tuple[str, dict[str, tuple[int, int]], StoredRows]]) -> None:
    """Save a full build's cache; ``written()`` gives the docs folder, the stat of every page written and
    the rows :func:`_late_rows` made (it waits for the pages to be written, and raises if they were not:
    then nothing is saved)."""
    kb, corpus = site.kb, site.corpus
    rows: dict[str, Pickled] = {}
    lower: Counter[str] = Counter()
    capitals: Counter[str] = Counter()
    seeds: dict[str, tuple[int, int, str]] = {}
    for analysis in corpus.analyses:  # in seed order, the seeds the build read
        article = analysis.article
        uri = article.src_uri
        path = paths.seeds_dir / uri
        stat = before.get(uri)
        try:
            data: bytes | None = path.read_bytes()
        except OSError:
            data = None
        # a seed saved again (its stat moved) or removed while the build ran gets no hash: the next run
        # reads it again
        unchanged = stat is not None and data is not None and _seed_stat(str(path)) == stat
        seeds[uri] = (*(stat or (-1, -1)), hashlib.sha256(data).hexdigest() if unchanged and data is not None else "")
        row, lower_words, capital_words = corpus.kept[article.id]
        rows[uri] = Pickled(row)
        lower.update(unpacked_words(lower_words))
        capitals.update(unpacked_words(capital_words))
    index = Index(
        registry=site.registry, discovered=corpus.discovered, article_ids={a.src_uri: a.id for a in kb.articles},
        stubs={a.id: stub(a) for a in kb.articles}, entities=kb.entities, article_entities=kb.article_entities,
        entity_articles=kb.entity_articles, related=kb.related, speakers=set(kb.quotes_by_speaker),
        contested=corpus.contested)
    years, timeline_state = _timeline(site)
    weights = site.renderer.paragraph_weights
    contexts, events = _contexts(site, years, timeline_state)
    timeline_part, summaries, _ = timeline_state.saved()

    def status() -> Late:
        docs, pages, late = written()
        return {"status": Status(fp, docs, seeds, pages, len(kb.entities), list(seeds))}, late

    cache.save({**index.parts(), "vocabulary": Vocabulary(lower, capitals),
                "graph": GraphState(graph.degrees(weights), site.renderer.graph_layouts),
                "timeline": timeline_part, "knowledge": KnowledgeSpans(*knowledge_spans(site.pages[KNOWLEDGE_FILE]))},
               {"seed": rows, "entity": contexts, "event": events, "year": years, "summary": summaries,
                "shard": index.shards()}, replace=True, last=status)


def _seed_record(record: ArticleRecord) -> tuple[bytes, str, str]:
    """An article's cache row (:func:`seed_row`), made where the full build analysed it (in a worker, when
    there are some) and pickled there, with the words it gives the corpus vocabulary's counts (lower-case,
    capitalised), a string each: sent back, these cost little to unpickle, where a row's sets cost more than
    making them."""
    analysis = record.analysis
    row = seed_row(analysis, entity_lists(analysis, record.entities), record.finds, unpacked_words(record.words),
                   record.terms)
    return pickle.dumps(row, protocol=5), packed(row.lower), packed(row.capitals)


def _contexts(site: Site, years: dict[str, YearState],
              timeline: TimelineState) -> tuple[dict[str, EntityContext], dict[str, Event]]:
    """Every entity's :class:`EntityContext` from a full build, and the events that pages show (an entity's
    or the timeline's), each stored once by its digest (a big event is on many entities' pages; the digests
    are the summaries' of :func:`_timeline`)."""
    kb, renderer = site.kb, site.renderer
    digests = {id(event): summary[0] for key, summaries in timeline.years.items()
               for event, summary in zip(years[key].events, summaries, strict=True)}
    events: dict[str, Event] = {digests[id(e)]: e for e in most_reported(renderer.kb_events, TIMELINE_EVENTS)}
    contexts = {}
    for eid in kb.entities:
        shown, total = renderer.entity_events(eid)
        for event in shown:
            events[digests[id(event)]] = event
        contexts[eid] = EntityContext(kb.quotes_by_speaker.get(eid, []),
                                      [digests[id(e)] for e in shown], total, kb.together.get(eid, Counter()),
                                      renderer.adjacency.get(eid, {}),
                                      [[quote_key(q) for q in r.wordings] for r in renderer.remarks.get(eid, [])])
    return contexts, events


def _timeline(site: Site) -> tuple[dict[str, YearState], TimelineState]:
    """The timeline by year: each article's dated sentences and the year's events (in timeline order), and
    every event's summary."""
    years: dict[str, YearState] = {}
    for analysis in site.kb.analyses.values():
        for candidate in find_reports(analysis):
            state = years.setdefault(year_key(candidate[0]), YearState({}, []))
            state.reports.setdefault(analysis.article.id, []).append(candidate)
    for event in site.renderer.kb_events:  # in timeline order, so years come in order too
        years[year_key(event.when)].events.append(event)
    years = {key: years[key] for key in sorted(years, key=year_order)}
    timeline = TimelineState({key: summarise(year.events) for key, year in years.items() if year.events})
    timeline.sections = page_sections(timeline)
    return years, timeline


def summary(result: BuildResult, cache_dir: Path) -> KnowledgeBase:
    """The knowledge base as far as the overview needs it (articles, entities, their article lists): the
    full build's own, or, after the fast path, the one the cache keeps."""
    if result.site is not None:
        return result.site.kb
    index = result.index or Cache(cache_dir).index()
    if index is None:
        raise DossierError(SourceLocation(str(cache_dir)), "the build cache is unreadable; build again")
    return KnowledgeBase(articles=list(index.stubs.values()), analyses={}, entities=index.entities,
                         entity_articles=index.entity_articles)
