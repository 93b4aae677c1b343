"""``build_site(paths) -> Site``: every stage in order, in memory. Writes nothing.

Both outlets call this: the CLI writes the pages into ``docs/`` and the MkDocs plugin serves them as
virtual files. Every article is read and analysed, and the index completed, before any page is
rendered.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from . import chapters, feeds, parallel
from .clean import clean
from .discover import Discovery, DiscoverySteps, discover_with
from .errors import DossierError, DossierErrors
from .extract import Matcher, Trace, find_mentions, unplaced_phrases
from .index import Excerpt, KnowledgeBase, article_excerpts, build_index
from .model import ENTITY_TYPES, TYPE_FOLDERS, Article, ArticleAnalysis, ArticleDate, Entity, Mention, SourceLocation
from .phrases import scans_kept
from .quotes import find_quotes
from .readers import SEED_SUFFIXES, RawArticle, read_seed
from .registry import Registry, load_registry
from .render import Renderer
from .terms import article_terms
from .text import sentence_spans, slugify
from .timeline import find_reports

TITLE_MAX_CHARS = 160
KNOWLEDGE_FILE = "knowledge.json"
#: the reader's pages beyond the wiki (issue 6): page -> the Renderer method that makes it
READER_PAGES = {"explore/timeline.md": "timeline_page", "explore/graph.md": "graph_page",
                "explore/quotes.md": "quotes_page", "explore/sources.md": "sources_page"}
PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Paths:
    seeds_dir: Path
    registry_dir: Path
    templates_dir: Path = PACKAGE_TEMPLATES

    @classmethod
    def from_root(cls, root: Path) -> Paths:
        return cls(root / "seeds", root / "registry", root / "templates")


@dataclass
class Site:
    pages: dict[str, str]  # destination path under docs/ -> content, sorted
    kb: KnowledgeBase
    registry: Registry
    corpus: Corpus
    renderer: Renderer  # with the timeline and graph it computed, which the incremental cache keeps
    warnings: list[DossierError] = field(default_factory=list)


def seed_files(seeds_dir: Path) -> list[tuple[Path, str]]:
    """(absolute path, src_uri) of every seed, sorted by path segments; hidden files and folders and README
    files are not seeds, and a link to a folder is listed (to be refused), not followed."""
    return [(seeds_dir / rel, rel) for rel in seed_uris(seeds_dir)]


def seed_uris(seeds_dir: Path) -> list[str]:
    """The src_uri of every seed (see :func:`seed_files`), as strings: an incremental build lists ten thousand
    seeds on every run, with one ``scandir`` a folder and no path object a seed."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, rel + "/")
                elif entry.name.lower() != "readme.md" and (entry.is_file() or entry.is_symlink()):
                    found.append(rel)

    walk(str(seeds_dir), "")
    found.sort(key=lambda rel: rel.split("/"))
    return found


def read_articles(paths: Paths, workers: int = 1) -> list[Article]:
    """Read and clean every seed (``workers`` processes share them). Raises :class:`DossierErrors` with
    every problem found."""
    if not paths.seeds_dir.is_dir():
        raise DossierErrors([DossierError(str(paths.seeds_dir), "the seeds folder does not exist")])
    articles, errors = read_seeds(seed_files(paths.seeds_dir), paths.seeds_dir, workers)
    errors.extend(_slug_clashes(articles, paths.seeds_dir.name))
    if errors:
        raise DossierErrors(errors)
    return articles


def read_seeds(seeds: Iterable[tuple[Path, str]], seeds_dir: Path,
               workers: int = 1) -> tuple[list[Article], list[DossierError]]:
    """Read and clean the given (path, src_uri) seeds of ``seeds_dir``: the articles, and every problem
    found (one broken seed does not hide the next), in the seeds' order whatever the number of
    ``workers`` processes reading them."""
    seeds_root = seeds_dir.resolve()

    def read(seed: tuple[Path, str]) -> Article | DossierError:
        try:
            return read_article(seed[0], seed[1], seeds_root, seeds_dir.name)
        except DossierError as exc:
            return exc

    articles: list[Article] = []
    errors: list[DossierError] = []
    for outcome in parallel.map_in_order(read, list(seeds), workers):
        if isinstance(outcome, DossierError):
            errors.append(outcome)
        else:
            articles.append(outcome)
    return articles, errors


def read_article(abs_path: Path, src_uri: str, seeds_root: Path, display_root: str) -> Article:
    """Read and clean one seed; raises :class:`DossierError` naming the file (and line) when it is broken."""
    where = f"{display_root}/{src_uri}"
    if not abs_path.resolve().is_relative_to(seeds_root):
        raise DossierError(SourceLocation(where), "this link points outside the seeds folder; copy the "
                           "file in instead")
    if abs_path.suffix.lower() not in SEED_SUFFIXES:
        raise DossierError(SourceLocation(where), f"'{abs_path.suffix or abs_path.name}' is not a seed "
                           f"kind; seeds are {' or '.join(SEED_SUFFIXES)} files")
    raw = read_seed(abs_path, src_uri, where)
    article = to_article(raw, markdown=abs_path.suffix.lower() == ".md")
    if all(block.kind == "heading" for block in article.blocks):
        raise DossierError(SourceLocation(where, raw.first_line), "the article has no text: once its headline, "
                           "headings and the scraper's leftovers (a lone '|', 'Advertisement', an empty image link) "
                           "are taken out, nothing is left; paste the article's paragraphs")
    return article


def to_article(raw: RawArticle, markdown: bool = False) -> Article:
    repeats: list[tuple[int, int]] = []
    blocks = clean(raw.lines, raw.first_line, markdown=markdown, repeats=repeats)
    meta = raw.meta
    title = str(meta.get("title") or "").strip()
    inferred = False
    if not title:
        title, blocks, inferred = _infer_title(blocks, raw.src_uri)
    slug = slugify(str(meta.get("slug") or "")) or slugify(title) or slugify(Path(raw.src_uri).stem) or "article"
    date = meta.get("date")
    return Article(
        id=slug, src_uri=raw.src_uri, title=title, blocks=tuple(blocks),
        source=str(meta.get("source") or "").strip(), author=str(meta.get("author") or "").strip(),
        date=date if isinstance(date, ArticleDate) else None, url=str(meta.get("url") or "").strip(),
        translated=bool(meta.get("translated", False)), title_inferred=inferred, repeats=tuple(repeats))


def _infer_title(blocks: list, src_uri: str) -> tuple[str, list, bool]:
    """A short first line is the headline; otherwise the first sentence stands in for one."""
    first = next((i for i, b in enumerate(blocks) if b.kind != "caption"), None)
    if first is None:
        return Path(src_uri).stem, blocks, True
    text = blocks[first].text
    if len(text) <= TITLE_MAX_CHARS and len(sentence_spans(text)) <= 1:
        rest = blocks[:first] + blocks[first + 1:]
        # a file of one short paragraph: the line is its headline and its text too
        alone = blocks[first].kind == "paragraph" and not any(b.kind == "paragraph" for b in rest)
        return text.rstrip(".").strip(), blocks if alone else rest, False
    start, end = sentence_spans(text)[0]
    sentence = text[start:end].rstrip(".")
    if len(sentence) > 90:
        sentence = sentence[:90].rsplit(" ", 1)[0] + "…"
    return sentence, blocks, True


#: the article slugs that the site's own pages take: the articles index and its chapters (chapters.split)
RESERVED_SLUG = re.compile(r"index(-\d+|-year-not-stated)*")


def _slug_clashes(articles: list[Article], display_root: str) -> list[DossierError]:
    seen: dict[str, Article] = {}
    errors = []
    for article in articles:
        if RESERVED_SLUG.fullmatch(article.id):
            errors.append(DossierError(SourceLocation(f"{display_root}/{article.src_uri}", 1),
                                       f"this article would get the page articles/{article.id}.md, which the "
                                       "articles index takes; give it a different title or a 'slug:' in its "
                                       "front matter"))
            continue
        other = seen.get(article.id)
        if other:
            errors.append(DossierError(SourceLocation(f"{display_root}/{article.src_uri}", 1),
                                       f"this article would get the page articles/{article.id}.md, which "
                                       f"{display_root}/{other.src_uri} already gets; give one a different "
                                       "title or a 'slug:' in its front matter"))
        else:
            seen[article.id] = article
    return errors


@dataclass
class Corpus:
    """Every article's analysis, every entity they name, and what discovery found in each article."""

    analyses: list[ArticleAnalysis]
    entities: dict[str, Entity]  # the registry's and the discovered
    discovered: dict[str, Entity]
    #: article id -> (type, name, role, name as written) of each name it introduced
    finds: dict[str, tuple[tuple[str, str, str, str], ...]]
    words: dict[str, str] = field(default_factory=dict)  # article id -> its words, packed (see Discovery.words)
    terms: dict[str, str] = field(default_factory=dict)  # article id -> what its matching looked at (dossier.terms)
    contested: set[str] = field(default_factory=set)  # see Discovery.contested
    kept: dict[str, Any] = field(default_factory=dict)  # article id -> what analyse_corpus' per_article gave


class ArticleRecord(NamedTuple):
    """What a full build knows of one article once it is analysed, for :data:`PerArticle`."""

    analysis: ArticleAnalysis
    entities: dict[str, Entity]  # every entity the corpus' matcher knows
    finds: tuple[tuple[str, str, str, str], ...]  # see Corpus.finds
    words: str  # see Corpus.words
    terms: str  # see Corpus.terms


#: more work on each analysed article, done where the article was analysed (in a worker, when there are
#: some): what it returns is kept in Corpus.kept (the incremental build's cache rows are made this way)
PerArticle = Callable[[ArticleRecord], Any]


def analyse_corpus(articles: list[Article], registry: Registry, workers: int = 1,
                   per_article: PerArticle | None = None) -> Corpus:
    """Mentions, quotes and the editor's report of every article, and every entity they name: the
    registry's and the people and organizations discovered in the articles (``reviewed=False``).

    Two passes, each linear: discovery scans every article for cue-backed names, then one automaton
    of registry and discovered names matches every article (a name discovered in one article is
    found in all of them)."""
    discovering = DiscoverySteps(Matcher(registry))

    def analysis_step(found: Discovery) -> Callable[[Article], tuple[Any, ...]]:
        # the vocabulary discovery was given here: the same object, so that each scan of a block is found again
        matcher = Matcher(registry, found.entities, discovering.vocabulary)

        def work(article: Article) -> tuple[Any, ...]:
            trace = Trace()
            analysis = analyse_article(article, matcher, trace)
            find_reports(analysis)  # memoised on the analysis: computed here, in the worker
            excerpts = article_excerpts(analysis)
            finds = found.finds[article.id]
            looked_at = article_terms(article, trace, finds)
            extra = None if per_article is None else per_article(
                ArticleRecord(analysis, matcher.entities, finds, discovering.words[article.id], looked_at))
            # mentions and excerpts as plain tuples and strings: pickled and unpickled in C, where a named
            # tuple costs two Python calls each (a million mentions at 10,000 articles, issue 5)
            return (list(map(tuple, analysis.mentions)), analysis.quotes, analysis.unplaced, analysis.authors,
                    analysis.reports, {eid: [e.text for e in picked] for eid, picked in excerpts.items()}, looked_at,
                    extra)
        return work

    # one crew of workers for discovery and matching, which keep the phrase scans of their own articles
    with scans_kept(), parallel.Crew(articles, workers, {**discovering.steps(), "analyse": analysis_step}) as crew:
        discovery = discover_with(articles, registry, crew)
        # what matching needs of discovery but what each worker kept of it (its articles' words, the vocabulary)
        results = crew.map("analyse", Discovery(entities=discovery.entities, finds=discovery.finds))
    analyses = []
    terms = {}
    kept = {}
    for article, (mentions, quotes, unplaced, authors, reports, excerpts, looked_at, extra) in zip(
            articles, results, strict=True):
        terms[article.id] = looked_at
        if per_article is not None:
            kept[article.id] = extra
        ids = (article.id,)
        analyses.append(ArticleAnalysis(
            article, list(map(_MENTION, mentions)), quotes, unplaced=unplaced, authors=authors,
            discovered=discovery.found.get(article.id, []), reports=reports,
            excerpts={eid: [_EXCERPT(ids + (text,)) for text in texts] for eid, texts in excerpts.items()}))
    return Corpus(analyses, {**registry.entities, **discovery.entities}, discovery.entities, discovery.finds,
                  discovery.words, terms, discovery.contested, kept)


#: a Mention, an Excerpt from a plain tuple of its fields, made in C
_MENTION = partial(tuple.__new__, Mention)
_EXCERPT = partial(tuple.__new__, Excerpt)


def analyse(articles: list[Article], registry: Registry) -> tuple[list[ArticleAnalysis], dict[str, Entity]]:
    corpus = analyse_corpus(articles, registry)
    return corpus.analyses, corpus.entities


def analyse_article(article: Article, matcher: Matcher, trace: Trace | None = None) -> ArticleAnalysis:
    """One article's mentions, quotes, authors and unplaced phrases, with the corpus' matcher (``trace``:
    see :class:`dossier.extract.Trace`)."""
    mentions = find_mentions(article, matcher, trace)
    analysis = ArticleAnalysis(article, mentions, find_quotes(article, mentions))
    analysis.authors = _authors(article.author, matcher)
    analysis.unplaced = unplaced_phrases(article, mentions, matcher)
    return analysis


def _authors(byline: str, matcher: Matcher) -> list[str]:
    """Registered people named in the byline ("Eldar Mamedov", "A and B"), each matched whole: a short form
    ("Aigerim" of "Aigerim Bekova") is no one's name in a byline ("Aigerim Sadykova")."""
    found = []
    for cand in matcher.find(byline):
        if not cand.conditional and len(cand.entity_ids) == 1 and cand.entity_ids[0].startswith("person:"):
            found.append(cand.entity_ids[0])
    return found


def build_site(paths: Paths, workers: int = 1, per_article: PerArticle | None = None) -> Site:
    """Read, clean, extract, index and render everything; returns the pages without writing them.
    ``workers`` processes share the per-article work and the rendering (:mod:`dossier.parallel`);
    ``per_article``: see :func:`analyse_corpus`."""
    errors: list[DossierError] = []
    registry = None
    articles: list[Article] = []
    try:
        registry = load_registry(paths.registry_dir, paths.registry_dir.name)
    except DossierErrors as exc:
        errors.extend(exc.errors)
    try:
        articles = read_articles(paths, workers)
    except DossierErrors as exc:
        errors.extend(exc.errors)
    if errors or registry is None:
        raise DossierErrors(errors)
    corpus = analyse_corpus(articles, registry, workers, per_article)
    kb = build_index(corpus.analyses, corpus.entities, workers)
    renderer = Renderer(kb, paths.templates_dir)
    return Site(render_pages(kb, paths.templates_dir, workers, renderer), kb, registry, corpus, renderer)


def render_pages(kb: KnowledgeBase, templates_dir: Path, workers: int = 1,
                 renderer: Renderer | None = None) -> dict[str, str]:
    renderer = renderer or Renderer(kb, templates_dir)
    renderer.prepare(workers)  # what every entity page reads (the timeline, the graph), made once before any fork

    def work(job: tuple[str, str]) -> dict[str, str]:
        kind, key = job
        if kind == "article":
            article = kb.article_by_id[key]
            return {article.path: renderer.article_page(article)}
        if kind == "entity":
            return renderer.entity_pages(kb.entities[key])
        return site_pages(kb, renderer, key)

    # the site's own pages first: the longest jobs, shared out with the rest rather than made after them
    jobs = [("site", part) for part in SITE_PAGES] + [("article", a.id) for a in kb.articles] + \
        [("entity", e) for e in kb.entities]
    pages: dict[str, str] = {}
    for rendered in parallel.map_in_order(work, jobs, workers):
        pages.update(rendered)
    return dict(sorted(pages.items()))


#: the entity types' index pages: page -> type
INDEX_PAGES = {f"{TYPE_FOLDERS[kind]}/index.md": kind for kind in ENTITY_TYPES}
#: the pages of the whole site, each part one job of :func:`render_pages` ("feeds" makes every feed)
SITE_PAGES = ("articles/index.md", *INDEX_PAGES, KNOWLEDGE_FILE, *READER_PAGES, "feeds")


def site_pages(kb: KnowledgeBase, renderer: Renderer, part: str) -> dict[str, str]:
    """One part of :data:`SITE_PAGES`: an index, knowledge.json, a reader's page, or the feeds."""
    if part == "articles/index.md":
        return chapters.split(part, renderer.articles_index(), renderer)
    if part in INDEX_PAGES:
        return {part: renderer.index_page(INDEX_PAGES[part])}
    if part == KNOWLEDGE_FILE:
        return {part: knowledge_json(kb)}
    if part in renderer.cut_ahead:
        return renderer.cut_ahead[part]
    if part in READER_PAGES:
        return chapters.split(part, getattr(renderer, READER_PAGES[part])(part), renderer)
    return feeds.feeds(kb)


def knowledge_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The data every page is rendered from, as one JSON document (the pages' single source)."""
    return {"articles": [article_record(kb, article) for article in kb.articles],
            "entities": [entity_record(kb, entity) for entity in kb.entities.values()]}


def article_record(kb: KnowledgeBase, article: Article) -> dict[str, Any]:
    analysis = kb.analyses[article.id]
    return {
        "id": article.id, "title": article.title, "path": article.path, "source_file": article.src_uri,
        "source": article.source, "author": article.author,
        "date": article.date.value.isoformat() if article.date and article.date.value else
        (article.date.text if article.date else ""),
        "url": article.url, "translated": article.translated,
        "entities": {kind: ids for kind, ids in kb.article_entities[article.id].items()},
        "quotes": [{"speaker": q.speaker_id, "text": q.text} for q in analysis.quotes],
    }


def entity_record(kb: KnowledgeBase, entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id, "type": entity.type, "name": entity.name, "aliases": list(entity.aliases),
        "path": entity.path, "description": entity.description, "role": entity.role,
        "reviewed": entity.reviewed, "articles": kb.entity_articles.get(entity.id, []),
    }


def knowledge_json(kb: KnowledgeBase) -> str:
    data = knowledge_data(kb)
    return knowledge_text([json_line(r) for r in data["articles"]], [json_line(r) for r in data["entities"]])


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def knowledge_text(articles: list[str], entities: list[str]) -> str:
    """knowledge.json from its records, one a line: a pull request's diff shows the records it changes, and
    the incremental build replaces just those lines."""
    return ('{"articles": [\n' + ",\n".join(articles) + '\n],\n"entities": [\n' + ",\n".join(entities)
            + "\n]}\n")


_HEAD, _MIDDLE, _TAIL = b'{"articles": [\n', b'\n],\n"entities": [\n', b"\n]}\n"


def knowledge_bytes(articles: list[bytes], entities: list[bytes]) -> tuple[bytes, tuple[array, array]]:
    """What :func:`knowledge_text` writes, encoded, from encoded records; and where each record is in it
    (start and end offsets, in turn, of the articles' and of the entities'), which lets the incremental
    build replace records without reading the rest of the file back."""
    out, at = [_HEAD], len(_HEAD)
    spans = (array("q"), array("q"))
    for records, span, end in ((articles, spans[0], _MIDDLE), (entities, spans[1], _TAIL)):
        for i, record in enumerate(records):
            if i:
                out.append(b",\n")
                at += 2
            out.append(record)
            span.extend((at, at + len(record)))
            at += len(record)
        out.append(end)
        at += len(end)
    return b"".join(out), spans


def knowledge_records(text: str) -> tuple[list[str], list[str]]:
    """The article and entity records of a knowledge.json that :func:`knowledge_text` wrote, a line each."""
    head, _, rest = text.partition("\n")
    articles, _, entities = rest.partition('\n],\n"entities": [\n')
    if head != '{"articles": [' or not entities.endswith("\n]}\n"):
        raise ValueError("not a knowledge.json this version writes")
    return ([line.removesuffix(",") for line in articles.split("\n") if line],
            [line.removesuffix(",") for line in entities.removesuffix("\n]}\n").split("\n") if line])


def knowledge_spans(text: str) -> tuple[array, array]:
    """Where each record of a knowledge.json is (see :func:`knowledge_bytes`)."""
    articles, entities = knowledge_records(text)
    data, spans = knowledge_bytes([r.encode("utf-8") for r in articles], [r.encode("utf-8") for r in entities])
    if data != text.encode("utf-8"):
        raise ValueError("knowledge.json is not one record a line")
    return spans


def record_of(line: str, record_id: str) -> bool:
    """Whether a line of knowledge.json is the record of this id (each starts with it)."""
    return line.startswith('{"id": ' + json.dumps(record_id, ensure_ascii=False) + ",")
