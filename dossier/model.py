"""The values that flow through the pipeline: frozen dataclasses (a named tuple for the many mentions), no I/O."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

EntityType = Literal["country", "person", "organization", "theme"]
ENTITY_TYPES: tuple[EntityType, ...] = ("country", "person", "organization", "theme")
#: the folder (and URL segment) of each entity type's pages
TYPE_FOLDERS: dict[str, str] = {
    "country": "countries",
    "person": "people",
    "organization": "organizations",
    "theme": "themes",
}

BlockKind = Literal["paragraph", "heading", "caption"]


@dataclass(frozen=True)
class SourceLocation:
    """A place in an input file; ``path`` is as the user would type it, ``line`` 1-based."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Block:
    """One unit of cleaned article text: a paragraph, a section heading or a photo caption."""

    kind: BlockKind
    text: str
    line: int  # 1-based line in the seed file where the block starts
    credit: str = ""  # photo credit of a caption, e.g. "AP Photo/Jacquelyn Martin"


@dataclass(frozen=True)
class ArticleDate:
    """A publication date as the source gave it; ``value`` is set only when the full date is known."""

    text: str
    value: dt.date | None = None

    @property
    def sort_key(self) -> str:
        return self.value.isoformat() if self.value else ""


@dataclass(frozen=True)
class Article:
    id: str  # the page slug, unique among articles
    src_uri: str  # the seed's path relative to the seeds folder, with forward slashes
    title: str
    blocks: tuple[Block, ...]
    source: str = ""
    author: str = ""
    date: ArticleDate | None = None
    url: str = ""
    translated: bool = False
    title_inferred: bool = False
    #: paragraphs the cleaner dropped as repeats, for the editor's report: (their line, the line they repeat)
    repeats: tuple[tuple[int, int], ...] = ()

    @property
    def path(self) -> str:
        return f"articles/{self.id}.md"


@dataclass(frozen=True)
class Entity:
    id: str  # "<type>:<slug>", unique across the knowledge base
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    role: str = ""
    reviewed: bool = True  # False for entities the build discovered rather than an editor entered
    ambiguous: bool = False  # the bare name needs context of its type (e.g. Georgia, Jordan)
    origin: SourceLocation | None = None
    extra: tuple[tuple[str, str], ...] = ()  # small type-specific facts, e.g. (("iso", "KZ"),)

    @property
    def slug(self) -> str:
        return self.id.split(":", 1)[1]

    @property
    def path(self) -> str:
        return f"{TYPE_FOLDERS[self.type]}/{self.slug}.md"


class Mention(NamedTuple):
    """A span of an article's block that names an entity. A named tuple, not a dataclass: an article has a
    hundred, made in the matcher's loop and sent back from a worker, and a tuple is made, pickled and
    unpickled without a Python call per field (issue 5)."""

    entity_id: str
    block: int  # index into Article.blocks
    start: int
    end: int
    surface: str
    exact: bool = True  # False when matched through a spelling variant rather than a listed name


@dataclass(frozen=True)
class Quote:
    """Quoted words and who said them (``speaker_id`` empty when the text does not say)."""

    article_id: str
    block: int
    start: int
    end: int
    text: str
    speaker_id: str = ""
    context: str = ""  # the sentence (or two) around the quote


@dataclass(frozen=True)
class Unplaced:
    """A name-like phrase the build saw but could not place; goes to the editor's report."""

    article_id: str
    line: int
    text: str
    reason: str


@dataclass
class ArticleAnalysis:
    """What extraction found in one article (mutable while it is being assembled)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # entity ids of the article's authors, when known
    discovered: list[tuple[str, int, str]] = field(default_factory=list)  # (entity id, line, cue) found here
    #: the timeline's dated sentences, computed once by ``timeline.find_reports`` (the incremental cache digests them)
    reports: list[Any] | None = None
    #: entity id -> the sentences quoted on its page, computed once by ``index.article_excerpts``
    excerpts: dict[str, list[Any]] | None = None


def digest(data: object) -> str:
    """A value's identity, by its ``repr``: what the incremental cache keys the parts of an article by, and
    what a timeline event's anchor is made of."""
    return hashlib.blake2b(repr(data).encode("utf-8"), digest_size=20).hexdigest()
