"""Incremental builds: a rerun after an edit does only the work the edit calls for.

The cache (``.dossier-cache/cache.sqlite`` beside the seeds folder) keeps, from the last full build:

- the *fingerprint* of everything that is not an article: the package's code, the registry files,
  the templates, and the versions of the libraries whose data the build uses;
- each seed's size, modification time and SHA-256, and the digest of its *contribution*: everything
  about the article that any page but its own and its entities' shows or depends on (its title, date
  and byline, the entities it names, its quotes, its dated sentences, which entities share a paragraph,
  the names it introduces, its feed summary). The sentences it gives its entities' pages (excerpts) are
  digested apart, entity by entity. It also keeps the words the seed uses, since the corpus vocabulary
  decides whether a capitalised word that starts a sentence can be a name;
- what rendering one article's own page needs from the rest (entities, related articles), and for each
  entity what its pages show besides (excerpts, quotes, the events it shows, neighbours);
- the size and modification time of every generated file as it was written.

A rerun in which only some seeds' text changed re-reads and re-analyses just those. When each one's
contribution is what it was (early cutoff, as in the build systems Shake and Bazel), no other page can
differ except those of the entities whose excerpts changed. So only those articles' own pages, and
those entities' pages, are rendered and written. Everything else takes the full build, which refreshes
the cache:

- a seed added, removed or renamed;
- a contribution that changed;
- a new word that another article capitalises;
- a changed registry, template or code;
- a generated file changed by hand;
- a missing or unreadable cache.

Both paths write byte-identical files (tests/test_incremental.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import feeds, graph
from .discover import article_finds, known_keys
from .errors import DossierError, DossierErrors
from .extract import Matcher
from .index import Excerpt, KnowledgeBase, article_excerpts, entity_lists
from .model import Article, ArticleAnalysis, Entity, Quote, SourceLocation
from .phrases import unpacked_words, words_of
from .pipeline import Paths, Site, analyse_article, build_site, read_seeds, seed_files
from .registry import Registry
from .render import Renderer
from .timeline import Event, find_reports
from .writer import MANIFEST, WriteReport, write_pages

CACHE_FILE = "cache.sqlite"
FORMAT = 1  # bump when the cache's layout changes
#: more changed seeds than this and the full build is the faster way
FAST_PATH_LIMIT = 50
PACKAGE = Path(__file__).resolve().parent
FINGERPRINT_LIBRARIES = ("pycountry", "pyahocorasick", "jinja2", "pyyaml")


@dataclass
class Status:
    """What every run reads first: enough to tell whether anything changed (pickled into the cache)."""

    fingerprint: str
    docs_dir: str
    seeds: dict[str, tuple[int, int, str]]  # src_uri -> (size, mtime_ns, sha256), in seed order
    pages: dict[str, tuple[int, int]]  # generated path -> (size, mtime_ns) as written
    entities: int  # how many the knowledge base has (for the report)


@dataclass
class Index:
    """What the fast path needs once something changed; written by the full build only."""

    registry: Registry
    discovered: dict[str, Entity]
    article_ids: dict[str, str]  # src_uri -> article id
    digests: dict[str, str]  # article id -> contribution digest
    stubs: dict[str, Article]  # article id -> the article without its text, in the knowledge base's order
    entities: dict[str, Entity]  # the knowledge base's
    entity_articles: dict[str, list[str]]
    related: dict[str, list[tuple[str, list[str]]]]


#: what the cache keeps per seed: its lower-case words, its capitalised words, its excerpt digests
SeedRow = tuple[set[str], set[str], dict[str, str]]


@dataclass
class EntityContext:
    """What an entity's pages show besides the index: kept per entity, so that an edit that changes only
    the sentences an article gives those pages re-renders them without the rest of the knowledge base."""

    excerpts: dict[str, list[Excerpt]]  # article id -> its sentences on this entity's pages
    quotes: list[Quote]
    events: list[int]  # the events its page shows, as numbers in the cache's event table
    all_events: int
    cooccurring: list[tuple[str, int]]
    adjacency: dict[str, int]


@dataclass
class Vocabulary:
    """The corpus' words, counted, so that one article's edit can update them."""

    lower: Counter[str]  # lower-case word -> articles that use it
    capitals: Counter[str]  # a capitalised word, lower-cased -> articles that use it


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


def fingerprint(paths: Paths) -> str:
    """A digest of every input that is not an article."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for name in FINGERPRINT_LIBRARIES:
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for root in (PACKAGE, paths.registry_dir, paths.templates_dir):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def contribution(analysis: ArticleAnalysis, known: dict[str, Entity], finds: Iterable[tuple[str, str, str]]) -> str:
    """The digest of what one article gives every page but its own and its entities' (see the module's
    docstring; the excerpts are digested apart, by :func:`excerpt_digests`). Positions inside the text
    are left out except as an order, so an edit elsewhere keeps it."""
    article = analysis.article
    date = (article.date.text, article.date.sort_key) if article.date else None
    meta = (article.id, article.src_uri, article.title, article.source, article.author, date, article.url,
            article.translated, article.title_inferred)
    per_type = entity_lists(analysis, known)
    quotes = [(q.text, q.speaker_id, q.context) for q in analysis.quotes]
    reports = find_reports(analysis)
    ranks = {block: i for i, block in enumerate(sorted({r.block for _, r, _ in reports}))}
    dated = [(repr(when), ranks[r.block], r.sentence, r.date_text, ids) for when, r, ids in reports]
    shared = sorted(graph.paragraph_entities(analysis))
    data = (meta, feeds.summary(article), sorted(per_type.items()), quotes, dated, shared,
            analysis.authors, list(finds))
    return _digest(data)


def excerpt_digests(analysis: ArticleAnalysis) -> dict[str, str]:
    """entity id -> digest of the sentences of this article quoted on that entity's page: the one part of
    a contribution that only the entity's own pages show, so a change there re-renders just those."""
    return {eid: _digest([e.text for e in found]) for eid, found in sorted(article_excerpts(analysis).items())}


def _digest(data: object) -> str:
    return hashlib.blake2b(repr(data).encode("utf-8"), digest_size=20).hexdigest()


def _capitals(words: Iterable[str]) -> set[str]:
    """Every form under which a capitalised word is looked up in the vocabulary: lower-cased, without a
    trailing apostrophe or hyphen, and without a possessive "'s" ("Ruto's" is looked up as "ruto")."""
    out = set()
    for word in words:
        if word[:1].isupper():
            lower = word.lower().rstrip("'’‐-")
            out.add(lower)
            if len(lower) > 2 and lower.endswith(("'s", "’s")):
                out.add(lower[:-2])
    return out


def _lowers(words: Iterable[str]) -> set[str]:
    return {w for w in words if w[:1].islower()}


class Cache:
    """The cache file: three pickled parts read as they are needed, and each seed's words (read back only
    when the seed changes), in one SQLite file so that a save is one transaction."""

    PARTS = {"status": Status, "index": Index, "vocabulary": Vocabulary}

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS part (name TEXT PRIMARY KEY, data BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS words (src_uri TEXT PRIMARY KEY, data BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS entity (entity_id TEXT PRIMARY KEY, data BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS event (number INTEGER PRIMARY KEY, data BLOB)")
        return db

    def load(self, name: str) -> Any:
        """The part, or None when it is missing or unreadable (a cache of another version, a broken file)."""
        if not self.path.is_file():
            return None
        try:
            db = self._connect()
            try:
                row = db.execute("SELECT data FROM part WHERE name = ?", (name,)).fetchone()
            finally:
                db.close()
            value = pickle.loads(row[0]) if row else None
        except Exception:  # noqa: BLE001 - any failure to read means: build in full, and write a new cache
            return None
        return value if isinstance(value, self.PARTS[name]) else None

    def _row(self, table: str, key_column: str, key: str) -> Any:
        db = self._connect()
        try:
            row = db.execute(f"SELECT data FROM {table} WHERE {key_column} = ?", (key,)).fetchone()  # noqa: S608
        finally:
            db.close()
        return pickle.loads(row[0]) if row else None

    def words(self, src_uri: str) -> SeedRow | None:
        row = self._row("words", "src_uri", src_uri)
        return row if isinstance(row, tuple) and len(row) == 3 else None

    def entity(self, entity_id: str) -> EntityContext | None:
        row = self._row("entity", "entity_id", entity_id)
        return row if isinstance(row, EntityContext) else None

    def events(self, numbers: set[int]) -> dict[int, Event]:
        db = self._connect()
        try:
            rows = db.execute(f"SELECT number, data FROM event WHERE number IN ({','.join('?' * len(numbers))})",  # noqa: S608
                              sorted(numbers)).fetchall()
        finally:
            db.close()
        return {number: pickle.loads(data) for number, data in rows}

    def save(self, parts: dict[str, Any], words: dict[str, SeedRow] | None = None, replace_words: bool = False,
             entities: dict[str, EntityContext] | None = None, events: dict[int, Event] | None = None) -> None:
        db = self._connect()
        try:
            with db:
                if replace_words:
                    db.execute("DELETE FROM words")
                    db.execute("DELETE FROM entity")
                    db.execute("DELETE FROM event")
                if words:
                    db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)",
                                   ((uri, pickle.dumps(w, protocol=5)) for uri, w in sorted(words.items())))
                if entities:
                    db.executemany("INSERT OR REPLACE INTO entity VALUES (?, ?)",
                                   ((eid, pickle.dumps(c, protocol=5)) for eid, c in sorted(entities.items())))
                if events:
                    db.executemany("INSERT OR REPLACE INTO event VALUES (?, ?)",
                                   ((n, pickle.dumps(e, protocol=5)) for n, e in sorted(events.items())))
                for name, value in parts.items():
                    db.execute("INSERT OR REPLACE INTO part VALUES (?, ?)", (name, pickle.dumps(value, protocol=5)))
        finally:
            db.close()


def _stat(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _seed_stat(path: Path) -> tuple[int, int] | None:
    try:
        return _stat(str(path))
    except OSError:
        return None


def _seed_stats(paths: Paths) -> dict[str, tuple[int, int]]:
    """Each seed's stat, taken before a full build reads it."""
    if not paths.seeds_dir.is_dir():
        return {}
    return {uri: stat for path, uri in seed_files(paths.seeds_dir) if (stat := _seed_stat(path)) is not None}


def _written(docs_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    root = str(docs_dir)
    out = {}
    for name in names:
        with contextlib.suppress(OSError):
            out[name] = _stat(os.path.join(root, name))
    return out


def build(paths: Paths, docs_dir: Path, cache_dir: Path, display: str = "docs", full: bool = False,
          workers: int = 1) -> BuildResult:
    """Bring ``docs/`` up to date with the seeds, by the fast path when the cache allows it."""
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


class _Fallback(Exception):
    """The fast path cannot prove its result equal to a full build's; the message says why."""


def _fast_path_blocker(status: Status, fp: str, docs_dir: Path) -> str:
    if status.fingerprint != fp:
        return "the code, registry or templates changed"
    if status.docs_dir != str(docs_dir.resolve()):
        return "a different docs folder"
    root = str(docs_dir)
    for name, stat in status.pages.items():
        try:
            if _stat(os.path.join(root, name)) != stat:
                return f"{name} was changed outside the build"
        except OSError:
            return f"{name} is missing"
    if not (docs_dir / MANIFEST).is_file():
        return "no manifest in the docs folder"
    return ""


def _changed_seeds(status: Status, paths: Paths) -> tuple[list[tuple[Path, str, str]], dict[str, tuple[int, int, str]]]:
    """The seeds whose bytes changed, as (path, src_uri, sha256), and the new stat of every seed whose
    stat changed; raises _Fallback when the set of seeds itself changed."""
    if not paths.seeds_dir.is_dir():
        raise _Fallback("no seeds folder")
    found = seed_files(paths.seeds_dir)
    if [uri for _, uri in found] != list(status.seeds):
        raise _Fallback("seeds were added, removed or renamed")
    changed, touched = [], {}
    for path, uri in found:
        size, mtime, sha = status.seeds[uri]
        stat = _stat(str(path))
        if stat == (size, mtime):
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        touched[uri] = (*stat, digest)
        if digest != sha:
            changed.append((path, uri, digest))
            if len(changed) > FAST_PATH_LIMIT:
                raise _Fallback(f"more than {FAST_PATH_LIMIT} seeds changed")
    return changed, touched


def _fast(status: Status, cache: Cache, paths: Paths, docs_dir: Path, display: str) -> BuildResult:
    changed, touched = _changed_seeds(status, paths)
    if not changed:
        if touched:
            status.seeds.update(touched)
            cache.save({"status": status})
        return BuildResult(None, WriteReport((), len(status.pages), ()), len(status.seeds), status.entities,
                           len(status.pages), "fast")
    index, counts = cache.load("index"), cache.load("vocabulary")
    if index is None or counts is None:
        raise _Fallback("the cache is incomplete")
    read, errors = read_seeds(((path, uri) for path, uri, _ in changed), paths.seeds_dir)
    if errors:
        raise DossierErrors(errors)
    articles = [(article.src_uri, article) for article in read]
    lower, capitals = Counter(counts.lower), Counter(counts.capitals)
    new_words: dict[str, SeedRow] = {}
    old_rows: dict[str, SeedRow] = {}
    for uri, article in articles:
        if article.id != index.article_ids[uri]:
            raise _Fallback(f"{uri} now makes a different page")
        old = old_rows[uri] = cache.words(uri)  # type: ignore[assignment]
        if old is None:
            raise _Fallback(f"no cached words for {uri}")
        words = words_of(article)
        new_words[uri] = (_lowers(words), _capitals(words), {})
        lower.subtract(old[0])
        lower.update(new_words[uri][0])
        capitals.subtract(old[1])
        capitals.update(new_words[uri][1])
    lower, capitals = +lower, +capitals  # drop the zeros
    for word in set(lower) ^ set(counts.lower):
        others = capitals[word] - sum(word in new_words[uri][1] for uri, _ in articles)
        if others > 0:
            raise _Fallback(f"the word '{word}' entered or left the vocabulary, and another article capitalises it")
    vocab = frozenset(lower)
    discovery_matcher = Matcher(index.registry)
    keys = known_keys(index.registry)
    matcher = Matcher(index.registry, index.discovered, vocab)
    analyses: dict[str, ArticleAnalysis] = {}
    stale: set[str] = set()  # entities whose pages show a sentence that changed
    for uri, article in articles:
        finds = article_finds(article, discovery_matcher, vocab, keys)
        analysis = analyse_article(article, matcher)
        if contribution(analysis, matcher.entities, finds) != index.digests[article.id]:
            raise _Fallback(f"{uri} changed what other pages show")
        analyses[article.id] = analysis
        new_words[uri][2].update(excerpt_digests(analysis))
        old_digests = old_rows[uri][2]
        stale |= {eid for eid in {*old_digests, *new_words[uri][2]}
                  if old_digests.get(eid) != new_words[uri][2].get(eid)}
    related_ids = {o for aid in analyses for o, _ in index.related[aid]} - set(analyses)
    kb = KnowledgeBase(
        articles=[a.article for a in analyses.values()] + [index.stubs[o] for o in sorted(related_ids)],
        analyses=analyses, entities=index.entities,
        article_entities={aid: entity_lists(a, matcher.entities) for aid, a in analyses.items()},
        related={aid: index.related[aid] for aid in analyses})
    renderer = Renderer(kb, paths.templates_dir)
    pages = {a.article.path: renderer.article_page(a.article) for a in analyses.values()}
    contexts = _entity_pages(stale, analyses, index, cache, paths, pages)
    report = write_pages(pages, docs_dir, display=display, keep=frozenset(status.pages) - set(pages))
    status.seeds.update(touched)
    status.pages.update(_written(docs_dir, pages))
    cache.save({"status": status, "vocabulary": Vocabulary(lower, capitals)}, new_words, entities=contexts)
    return BuildResult(None, report, len(index.stubs), len(index.entities), len(status.pages), "fast", index=index)


def _full(paths: Paths, docs_dir: Path, display: str, cache: Cache, fp: str, why: str, workers: int) -> BuildResult:
    before = _seed_stats(paths)
    site = build_site(paths, workers)
    report = write_pages(site.pages, docs_dir, display=display)
    kb, corpus = site.kb, site.corpus
    words: dict[str, SeedRow] = {}
    lower: Counter[str] = Counter()
    capitals: Counter[str] = Counter()
    seeds: dict[str, tuple[int, int, str]] = {}
    for analysis in corpus.analyses:  # in seed order, the seeds the build read
        uri = analysis.article.src_uri
        path = paths.seeds_dir / uri
        stat = before.get(uri)
        try:
            data: bytes | None = path.read_bytes()
        except OSError:
            data = None
        # a seed saved again (its stat moved) or removed while the build ran gets no hash: the next run
        # reads it again
        unchanged = stat is not None and data is not None and _seed_stat(path) == stat
        seeds[uri] = (*(stat or (-1, -1)), hashlib.sha256(data).hexdigest() if unchanged and data is not None else "")
        all_words = unpacked_words(corpus.words[analysis.article.id])  # tokenised once, for discovery
        words[uri] = (_lowers(all_words), _capitals(all_words), excerpt_digests(analysis))
        lower.update(words[uri][0])
        capitals.update(words[uri][1])
    index = Index(
        registry=site.registry, discovered=corpus.discovered, article_ids={a.src_uri: a.id for a in kb.articles},
        digests={aid: contribution(analysis, corpus.entities, corpus.finds.get(aid, ()))
                 for aid, analysis in kb.analyses.items()},
        stubs={a.id: dataclasses.replace(a, blocks=()) for a in kb.articles}, entities=kb.entities,
        entity_articles=kb.entity_articles, related=kb.related)
    status = Status(fp, str(docs_dir.resolve()), seeds, _written(docs_dir, site.pages), len(kb.entities))
    cache.save({"status": status, "index": index, "vocabulary": Vocabulary(lower, capitals)}, words,
               replace_words=True, **_contexts(site))
    return BuildResult(site, report, len(kb.articles), len(kb.entities), len(site.pages), "full", why)


def _contexts(site: Site) -> dict[str, Any]:
    """Every entity's :class:`EntityContext` from a full build, and the events they show, each stored
    once (a big event is on many entities' pages)."""
    kb, renderer = site.kb, site.renderer
    excerpts: dict[str, dict[str, list[Excerpt]]] = {}
    for (eid, aid), found in kb.excerpts.items():
        excerpts.setdefault(eid, {})[aid] = found
    numbers = {id(event): n for n, event in enumerate(renderer.kb_events)}
    events: dict[int, Event] = {}
    contexts = {}
    for eid in kb.entities:
        shown, total = renderer.entity_events(eid)
        for event in shown:
            events[numbers[id(event)]] = event
        contexts[eid] = EntityContext(excerpts.get(eid, {}), kb.quotes_by_speaker.get(eid, []),
                                      [numbers[id(e)] for e in shown], total, kb.cooccurring.get(eid, []),
                                      renderer.adjacency.get(eid, {}))
    return {"entities": contexts, "events": events}


def _entity_pages(stale: set[str], analyses: dict[str, ArticleAnalysis], index: Index, cache: Cache, paths: Paths,
                  pages: dict[str, str]) -> dict[str, EntityContext]:
    """Re-render the pages of the entities whose excerpts changed (into ``pages``), from their cached
    contexts with the new excerpts put in; returns the updated contexts."""
    contexts: dict[str, EntityContext] = {}
    for eid in sorted(stale):
        context = cache.entity(eid)
        if context is None:
            raise _Fallback(f"no cached context for {eid}")
        for aid, analysis in analyses.items():
            found = article_excerpts(analysis).get(eid)
            if found:
                context.excerpts[aid] = found
            else:
                context.excerpts.pop(aid, None)
        contexts[eid] = context
    if not contexts:
        return contexts
    kb = KnowledgeBase(
        articles=list(index.stubs.values()), analyses={}, entities=index.entities,
        entity_articles=index.entity_articles,
        excerpts={(eid, aid): found for eid, c in contexts.items() for aid, found in c.excerpts.items()},
        cooccurring={eid: c.cooccurring for eid, c in contexts.items()},
        quotes_by_speaker={eid: c.quotes for eid, c in contexts.items() if c.quotes})
    renderer = Renderer(kb, paths.templates_dir)
    wanted = {n for c in contexts.values() for n in c.events}
    events = cache.events(wanted)
    if len(events) != len(wanted):
        raise _Fallback("the cache lacks some events")
    renderer.fixed_events = {eid: ([events[n] for n in c.events], c.all_events) for eid, c in contexts.items()}
    renderer.adjacency = {eid: c.adjacency for eid, c in contexts.items()}
    for eid in contexts:
        pages.update(renderer.entity_pages(index.entities[eid]))
    return contexts


def summary(result: BuildResult, cache_dir: Path) -> KnowledgeBase:
    """The knowledge base as far as the overview needs it (articles, entities, their article lists): the
    full build's own, or, after the fast path, the one the cache keeps."""
    if result.site is not None:
        return result.site.kb
    index = result.index or Cache(cache_dir).load("index")
    if index is None:
        raise DossierError(SourceLocation(str(cache_dir)), "the build cache is unreadable; build again")
    return KnowledgeBase(articles=list(index.stubs.values()), analyses={}, entities=index.entities,
                         entity_articles=index.entity_articles)
