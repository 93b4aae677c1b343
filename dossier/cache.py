"""The incremental build's cache: what it keeps of the last build, and the digests it compares.

One SQLite file (``.dossier-cache/cache.sqlite``), so that a save is one transaction:

- pickled *parts* read as they are needed: the status every run reads first, the index of the
  knowledge base a changed article is fitted into, the corpus vocabulary's counts, and, read only when
  an edit reaches them, the graph's paragraph weights and the timeline page's sections;
- a row per seed (:class:`SeedRow`), read back only when that seed changes;
- a row per entity (:class:`EntityContext`): what its pages show besides the index, so that they can be
  rendered again without the rest of the knowledge base; and a row per entity and article
  (:func:`excerpt_key`): the sentences of the article its pages quote, read only for the list pages
  an edit renders (a country's are in thousands of articles);
- a row per year of the timeline (:class:`YearState`): every article's dated sentences in it, and its
  events; and another with the summary of each of its events (what ranks them, :class:`TimelineState`),
  all of which an edit of the timeline reads, and only its own year's of which it writes;
- the events that pages show, each stored once by its digest;
- a row per term (:mod:`dossier.terms`): the seeds that have it, read when an edit adds or removes a
  discovered name.

An article's *contribution* is everything about it that a page other than its own shows or depends on.
It is digested part by part (:func:`seed_row`), so that an edit's consequences can be told apart: a
reworded quote reaches its speaker's pages and the quotes page, a new title every list that shows it.
"""

from __future__ import annotations

import itertools
import os
import pickle
import sqlite3
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import feeds, graph
from .index import article_excerpts
from .model import Article, ArticleAnalysis, Entity, Quote, digest
from .registry import Registry
from .timeline import Candidate, Event, event_digest, find_reports, founding_report, prominence, year_key, year_order

CACHE_FILE = "cache.sqlite"
#: the layout of the cache's tables and parts; a cache of another layout is emptied, and the build is full
SCHEMA = 16
#: the parts of a contribution, each digested on its own (see :func:`seed_row`)
PARTS = ("title", "source", "byline", "entities", "quotes", "reports", "shared", "finds")


@dataclass
class Status:
    """What every run reads first: enough to tell whether anything changed."""

    fingerprint: str
    docs_dir: str
    seeds: dict[str, tuple[int, int, str]]  # src_uri -> (size, mtime_ns, sha256), in seed order
    pages: dict[str, tuple[int, int]]  # generated path -> (size, mtime_ns) as written
    entities: int  # how many the knowledge base has (for the report)
    #: the seed each position of the ``term`` table stands for (dossier.terms): the seed order of the last
    #: full build, then each seed a fast build added, at the end
    slots: list[str] = field(default_factory=list)


@dataclass
class Index:
    """The knowledge base without the articles' text: what an edited article is fitted back into."""

    registry: Registry
    discovered: dict[str, Entity]
    article_ids: dict[str, str]  # src_uri -> article id
    stubs: dict[str, Article]  # article id -> the article with only its feed summary's paragraph, in order
    entities: dict[str, Entity]  # the knowledge base's: the mentioned and the quoted
    article_entities: dict[str, dict[str, list[str]]]
    entity_articles: dict[str, list[str]]
    related: dict[str, list[tuple[str, list[str]]]]
    speakers: set[str]  # the entities quoted somewhere
    contested: set[str] = field(default_factory=set)  # discovered ids another name wanted too (Discovery.contested)

    #: what the cache keeps per article, in SHARDS rows of a few hundred articles each: an edit saves again
    #: the rows of the articles it changed, not ten thousand articles' worth
    PER_ARTICLE = ("stubs", "article_entities", "related")

    def parts(self, rest: bool = True) -> dict[str, dict[str, Any]]:
        """The index as the cache's parts: "articles" (the article ids, and the order of each per-article
        field, which a new title or date changes) and, unless ``rest`` is False, "index" (the rest but the
        per-article fields, see :meth:`shards`)."""
        out: dict[str, dict[str, Any]] = {
            "articles": {"article_ids": self.article_ids,
                         "order": {name: list(getattr(self, name)) for name in self.PER_ARTICLE}}}
        if rest:
            out["index"] = {name: value for name, value in vars(self).items()
                            if name not in self.PER_ARTICLE and name != "article_ids"}
        return out

    def shards(self, article_ids: Iterable[str] | None = None) -> dict[int, dict[str, dict[str, Any]]]:
        """The rows of the shard table that hold these articles (every row when None): shard -> field ->
        article id -> value."""
        wanted = None if article_ids is None else {shard_of(aid) for aid in article_ids}
        fields = {name: getattr(self, name) for name in self.PER_ARTICLE}
        out: dict[int, dict[str, dict[str, Any]]] = {}
        for aid in dict.fromkeys(itertools.chain(*fields.values())):  # each article's shard found once
            number = shard_of(aid)
            if wanted is None or number in wanted:
                row = out.setdefault(number, {name: {} for name in fields})
                for name, values in fields.items():
                    if aid in values:
                        row[name][aid] = values[aid]
        return out


#: how many rows the per-article fields of the index are spread over
SHARDS = 64


def shard_of(article_id: str) -> int:
    return zlib.crc32(article_id.encode()) % SHARDS


@dataclass
class SeedRow:
    """What the cache keeps of one seed's analysis, to take it back out of the aggregates after an edit."""

    components: dict[str, str]  # part -> digest of what the article gives other pages (:func:`seed_row`)
    lower: set[str]  # its lower-case words
    capitals: set[str]  # its capitalised words, as the vocabulary looks them up
    excerpts: dict[str, str]  # entity id -> digest of the sentences it gives that entity's pages
    paragraphs: list[list[str]]  # its share of the graph (graph.paragraph_entities)
    speakers: list[str]  # the entities it quotes
    years: dict[str, str]  # timeline year (timeline.year_key) -> digest of its dated sentences in that year
    finds: tuple[tuple[str, str, str, str], ...] = ()  # (type, name, role, as written) of each name it discovered
    terms: str = ""  # what its matching looked at (dossier.terms.article_terms)


@dataclass
class EntityContext:
    """What an entity's pages show besides the index, kept per entity: an edit re-renders the pages of the
    entities it touches from these, without the rest of the knowledge base."""

    quotes: list[Quote]  # in the knowledge base's article order
    events: list[str]  # the events its page shows, by their digests in the cache's event table
    all_events: int
    together: Counter[str]  # entity id -> the articles that name both (index.KnowledgeBase.together)
    adjacency: dict[str, int]
    #: its quotes grouped into remarks (remarks.remarks_by_speaker), each quote by :func:`quote_key`; None
    #: when they must be grouped again (its quotes, or their order, changed)
    remarks: list[list[tuple[str, int, int]]] | None = None


@dataclass
class Vocabulary:
    """The corpus' words, counted, so that one article's edit can update them."""

    lower: Counter[str]  # lower-case word -> articles that use it
    capitals: Counter[str]  # a capitalised word, lower-cased -> articles that use it


@dataclass
class YearState:
    """One year of the timeline (timeline.merge_year): each article's dated sentences in it, and its events
    in timeline order. An edit's dated sentences are merged again with the rest of their years only."""

    reports: dict[str, list[Candidate]]  # article id -> its candidates of this year, in its order
    events: list[Event]


#: what ranking an event needs, kept for every event: (digest, reports, no day, no month, entity ids, and
#: the article ids of its reports in order: the pages a retitled article's new title reaches)
EventSummary = tuple[str, int, bool, bool, tuple[str, ...], tuple[str, ...]]


@dataclass
class TimelineState:
    """Every event of the timeline, summarised, by year in timeline order: what decides which events the
    timeline page and each entity's page show."""

    years: dict[str, list[EventSummary]]
    #: the timeline page's years and the digests of the events it shows in each (timeline_delta.page_sections)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def saved(self, years: Iterable[str] | None = None) -> tuple[TimelineState, dict[str, list[EventSummary]],
                                                                   list[str]]:
        """What the cache keeps of it: the part (the sections), the ``summary`` rows of these ``years`` (all
        when None), and the years of those that are gone. Each year is a row: an edit that merges one year
        again saves that year's summaries, not the whole timeline's (7 MB at 10,000 articles)."""
        wanted = list(self.years) if years is None else sorted(years)
        return (TimelineState({}, self.sections), {y: self.years[y] for y in wanted if y in self.years},
                [y for y in wanted if y not in self.years])


def summarise(events: list[Event], known: dict[tuple[Any, ...], str] | None = None) -> list[EventSummary]:
    """The summaries of one year's events, in order. Should two events have the same founding report
    (:func:`timeline.founding_report`: an article reports a sentence once), the second's digest gets "#2",
    and so on, so that each digest names one event and each anchor one line (:func:`timeline.event_anchors`
    numbers them alike). ``known``: :func:`digests_known` of events summarised before, whose reports are
    the same objects."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for event in events:
        key = known.get(_identity(event)) if known else None
        if key is None:
            key = event_digest(event)
        founding = founding_report(event)
        seen[founding] += 1
        out.append((key if seen[founding] == 1 else f"{key}#{seen[founding]}", *prominence(event),
                    event.entity_ids, tuple(r.article_id for r in event.reports)))
    return out


def _identity(event: Event) -> tuple[Any, ...]:
    return event.when, event.entity_ids, *map(id, event.reports)


def digests_known(events: list[Event], summaries: list[EventSummary]) -> dict[tuple[Any, ...], str]:
    """The digests of these events (``summaries``: theirs, in order), by their date, entities and the identity
    of their report objects: an event merged again of the very same reports needs no digest computed (the
    caller keeps ``events`` alive while it uses this, so that no other object takes their ids)."""
    if len(events) != len(summaries):
        return {}
    return {_identity(event): summary[0].split("#", 1)[0] for event, summary in zip(events, summaries, strict=True)}


@dataclass
class GraphState:
    """The graph page's inputs besides the paragraph weights of each pair of entities (a row each in the pair
    table, :func:`pair_key`): every entity's links summed (graph.degrees), and the graph's last layout."""

    degree: Counter[str]
    layouts: dict[str, dict[str, tuple[float, float]]]


def quote_key(quote: Quote) -> tuple[str, int, int]:
    """A quote's place: its article, block and offset."""
    return quote.article_id, quote.block, quote.start


def pair_key(a: str, b: str) -> str:
    """The pair table's key of the paragraph weight of two entities (a < b)."""
    return f"{a}\n{b}"


@dataclass
class KnowledgeSpans:
    """Where each record of knowledge.json is, as written (pipeline.knowledge_bytes): byte offsets, start and
    end in turn, of the articles' records and of the entities', in the index's order."""

    articles: array
    entities: array


def excerpt_key(entity_id: str, article_id: str) -> str:
    """The excerpt table's key of one entity's sentences from one article."""
    return f"{entity_id}\n{article_id}"


class Pickled(bytes):
    """A row already pickled (by a worker, :func:`dossier.incremental._seed_record`): saved as it is."""


def _stored(value: Any) -> bytes | int:
    """A row's value as the cache stores it: pickled, except one pickled already and a plain int (a pair's
    weight: a quarter of a million rows at 10,000 articles), which SQLite keeps as an integer."""
    if type(value) is int:
        return value
    return value if isinstance(value, Pickled) else pickle.dumps(value, protocol=5)


def stored_rows(values: dict[Any, Any]) -> list[tuple[Any, bytes | int]]:
    """A table's rows as the cache stores them (:func:`_stored`), in key order."""
    return [(k, _stored(v)) for k, v in sorted(values.items())]


#: tables' rows as :func:`stored_rows` makes them: made by another process, they come pickled already
StoredRows = dict[str, list[tuple[Any, bytes | int]]]
#: what a save's ``last`` gives (:meth:`Cache.save`): more parts, and more rows
Late = tuple[dict[str, Any], StoredRows]


def seed_row(analysis: ArticleAnalysis, lists: dict[str, list[str]], finds: Iterable[tuple[str, str, str, str]],
             words: Collection[str], terms: str = "") -> SeedRow:
    """What the cache keeps of one article: the digest of each part of what it gives pages other than its
    own (``lists``: the entities it names, by type, as index.entity_lists gives them), its words, and what
    the delta takes back out of the aggregates after an edit. Positions inside the text are left out
    except as an order, so an edit elsewhere keeps the digests."""
    article = analysis.article
    date = (article.date.text, article.date.sort_key) if article.date else None
    reports = find_reports(analysis)
    ranks = {block: i for i, block in enumerate(sorted({r.block for _, r, _ in reports}))}
    dated = [(year_key(when), (repr(when), ranks[r.block], r.sentence, r.date_text, ids)) for when, r, ids in reports]
    by_year: dict[str, list[object]] = {}
    for year, row in dated:
        by_year.setdefault(year, []).append(row)
    paragraphs = graph.paragraph_entities(analysis)
    finds = tuple(finds)
    parts = {
        "title": (article.id, article.src_uri, article.title, date, article.title_inferred),  # where lists put it
        "source": article.source,  # every list of articles shows it
        # the rest of the credit, and the feeds' summary: the sources page, the feeds and knowledge.json show them
        "byline": (article.author, article.url, article.translated, feeds.summary(article)),
        "entities": (sorted(lists.items()), analysis.authors),
        "quotes": [(q.text, q.speaker_id, q.context) for q in analysis.quotes],
        "reports": [row for _, row in dated],
        "shared": sorted(paragraphs),
        "finds": list(finds),
    }
    return SeedRow(
        components={name: digest(parts[name]) for name in PARTS}, lower=lowers_of(words),
        capitals=capitals_of(words), excerpts=excerpt_digests(analysis), paragraphs=paragraphs,
        speakers=sorted({q.speaker_id for q in analysis.quotes if q.speaker_id}),
        years={year: digest(rows) for year, rows in sorted(by_year.items())}, finds=finds, terms=terms)


def excerpt_digests(analysis: ArticleAnalysis) -> dict[str, str]:
    """entity id -> digest of the sentences of this article quoted on that entity's page: the one part of
    a contribution that only the entity's own pages show, so a change there re-renders just those."""
    return {eid: digest([e.text for e in found]) for eid, found in sorted(article_excerpts(analysis).items())}


def capitals_of(words: Iterable[str]) -> set[str]:
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


def lowers_of(words: Iterable[str]) -> set[str]:
    return {w for w in words if w[:1].islower()}


def stub(article: Article) -> Article:
    """The article as lists show it: no text but the paragraph its feed summary is cut from."""
    first = next((b for b in article.blocks if b.kind == "paragraph"), None)
    return Article(**{**vars(article), "blocks": (first,) if first else ()})


class Cache:
    """The cache file (see the module's docstring)."""

    PARTS = {"status": Status, "articles": dict, "index": dict, "vocabulary": Vocabulary, "graph": GraphState,
             "timeline": TimelineState, "knowledge": KnowledgeSpans}
    TABLES = {"seed": "src_uri TEXT", "entity": "entity_id TEXT", "event": "digest TEXT", "year": "year TEXT",
              "excerpt": "pair TEXT", "pair": "pair TEXT", "term": "term TEXT", "summary": "year TEXT",
              "shard": "shard INTEGER"}

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE

    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        """The database, emptied first when another version of the cache made it (its tables may differ)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path or self.path)
        # a write-ahead log: a save writes its pages once, not once more to a rollback journal; a cache cut
        # short by a crash loses at most its last save, and the next build is then full
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
            with db:
                for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                    db.execute(f'DROP TABLE "{table}"')
                db.execute(f"PRAGMA user_version = {SCHEMA}")
        db.execute("CREATE TABLE IF NOT EXISTS part (name TEXT PRIMARY KEY, data BLOB)")
        for table, key in self.TABLES.items():
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({key} PRIMARY KEY, data BLOB)")
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

    def index(self) -> Index | None:
        """The index (:meth:`Index.parts`), or None when a part of it is missing or unreadable."""
        articles, rest = self.load("articles"), self.load("index")
        if articles is None or rest is None:
            return None
        merged: dict[str, dict[str, Any]] = {name: {} for name in Index.PER_ARTICLE}
        for shard in self.rows("shard").values():
            for name, values in shard.items():
                merged[name].update(values)
        try:
            fields: dict[str, Any] = {name: {aid: merged[name][aid] for aid in order}
                                      for name, order in articles["order"].items()}
            return Index(article_ids=articles["article_ids"], **fields, **rest)
        except (TypeError, KeyError):  # not the fields this version's Index has, or a shard missing
            return None

    def timeline(self) -> TimelineState | None:
        """The timeline's summaries, every year's (see :meth:`TimelineState.saved`), in timeline order."""
        state = self.load("timeline")
        if state is None:
            return None
        years = self.rows("summary")
        return TimelineState({year: years[year] for year in sorted(years, key=year_order)}, state.sections)

    def rows(self, table: str, keys: Iterable[Any] | None = None) -> dict[Any, Any]:
        """key -> the unpickled row, for those of ``keys`` the table has (every row when ``keys`` is None)."""
        key_column = self.TABLES[table].split()[0]
        chunks: list[list[Any] | None] = [None]  # None: no WHERE clause
        if keys is not None:
            wanted = sorted(set(keys))
            chunks = [wanted[i:i + 500] for i in range(0, len(wanted), 500)]  # SQLite's limit on parameters
            if not chunks:
                return {}
        db = self._connect()
        try:
            rows = []
            for chunk in chunks:
                where = "" if chunk is None else f" WHERE {key_column} IN ({','.join('?' * len(chunk))})"
                rows += db.execute(f"SELECT {key_column}, data FROM {table}{where}", chunk or ()).fetchall()  # noqa: S608
        finally:
            db.close()
        return {key: data if type(data) is int else pickle.loads(data) for key, data in rows}

    def save(self, parts: dict[str, Any], rows: dict[str, dict[Any, Any]] | None = None, replace: bool = False,
             deleted: dict[str, Iterable[Any]] | None = None, last: Callable[[], Late] | None = None) -> None:
        """Write the given parts and rows (``rows``: table -> key -> value) in one transaction; ``replace``
        empties the tables first (a full build), ``deleted`` removes rows (table -> keys). ``last`` gives
        more parts and rows (:data:`Late`) once everything else is written, before the commit; if it raises,
        nothing is saved.

        With ``replace``, the rows go into a new file that takes the old one's place once complete (a full
        build's few hundred megabytes are then written once, not to the log and again to the file)."""
        if replace:
            self._replace(parts, rows or {}, last)
            return
        db = self._connect()
        try:
            with db:
                for table, keys in (deleted or {}).items():
                    key_column = self.TABLES[table].split()[0]
                    db.executemany(f"DELETE FROM {table} WHERE {key_column} = ?", ((k,) for k in keys))  # noqa: S608
                self._insert(db, parts, rows or {}, last)
        finally:
            db.close()

    def _insert(self, db: sqlite3.Connection, parts: dict[str, Any], rows: dict[str, dict[Any, Any]],
                last: Callable[[], Late] | None) -> None:
        # each table's rows made as it is written, not every table's first
        _write(db, ((table, stored_rows(values)) for table, values in rows.items()), parts)
        if last is not None:
            late_parts, late_rows = last()
            _write(db, late_rows.items(), late_parts)

    def _replace(self, parts: dict[str, Any], rows: dict[str, dict[Any, Any]],
                 last: Callable[[], Late] | None) -> None:
        """The whole cache written to a new file, synced, and renamed over the old one. A failure (or ``last``
        raising) leaves the old file as it was."""
        new = self.path.with_name(self.path.name + ".new")
        _remove_database(new)  # what a save cut short left
        try:
            db = self._connect(new)
            try:
                db.execute("PRAGMA journal_mode = OFF")  # a half-written new file is thrown away, not recovered
                db.execute("PRAGMA synchronous = OFF")
                with db:
                    self._insert(db, parts, rows, last)
                db.execute("PRAGMA journal_mode = WAL")  # how every later connection finds it
            finally:
                db.close()
            with open(new, "rb") as written:
                os.fsync(written.fileno())
            if any(companion.exists() for companion in _companions(self.path)):
                # a log left by a connection that did not close (a crash): fold it into the old file and
                # remove it, or SQLite would read the old file's log as the new file's
                old = sqlite3.connect(self.path)
                try:
                    old.execute("PRAGMA journal_mode = DELETE")
                finally:
                    old.close()
            os.replace(new, self.path)
        except BaseException:
            _remove_database(new)
            raise


def _write(db: sqlite3.Connection, rows: Iterable[tuple[str, list[tuple[Any, bytes | int]]]],
           parts: dict[str, Any]) -> None:
    """Tables' rows as :func:`stored_rows` makes them, (table, rows) pairs, then parts, each pickled."""
    for table, stored in rows:
        db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", stored)  # noqa: S608
    for name, value in parts.items():
        db.execute("INSERT OR REPLACE INTO part VALUES (?, ?)", (name, pickle.dumps(value, protocol=5)))


def _remove_database(path: Path) -> None:
    """A database file and the files SQLite keeps beside it, those that exist."""
    for leftover in (path, *_companions(path)):
        leftover.unlink(missing_ok=True)


def _companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory index SQLite keeps beside a database file."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
