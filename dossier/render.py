"""Markdown pages from the knowledge base, through Jinja2 templates in ``templates/``.

Article text is data: it reaches templates as values and is escaped by :func:`md_text` (Markdown and
HTML alike), never rendered as a template itself. Front matter is written with ``yaml.safe_dump``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .index import KnowledgeBase
from .model import TYPE_FOLDERS, Article, ArticleAnalysis, Entity

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|!])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=:]|\d+[.)])")
TYPE_LABELS = {"country": "Country", "person": "Person", "organization": "Organization", "theme": "Theme"}
PLURAL_LABELS = {"country": "Countries", "person": "People", "organization": "Organizations", "theme": "Themes"}


def md_text(text: str) -> str:
    """Plain text as inert Markdown: HTML characters become entities, Markdown punctuation is escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)
    return escaped.replace("\n", " ")


def safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target; anything else (javascript:, data:) becomes "#"."""
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return "#"
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def rel(from_page: str, to_page: str) -> str:
    """The relative link from one page's source path to another's (how MkDocs wants links)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def annotate(text: str, links: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and turn the given (start, end, url) spans into Markdown links."""
    out = []
    cursor = 0
    for start, end, url in sorted(links):
        if start < cursor:
            continue
        out.append(md_text(text[cursor:start]))
        out.append(f"[{md_text(text[start:end])}]({url})")
        cursor = end
    out.append(md_text(text[cursor:]))
    return "".join(out)


def front_matter(meta: dict[str, Any]) -> str:
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"---\n{dumped}---\n"


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; escaping is md_text's job, applied by the templates
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_text
    env.filters["front_matter"] = front_matter
    env.filters["url"] = safe_url
    env.globals["rel"] = rel
    env.globals["TYPE_LABELS"] = TYPE_LABELS
    env.globals["PLURAL_LABELS"] = PLURAL_LABELS
    return env


class Renderer:
    def __init__(self, kb: KnowledgeBase, templates_dir: Path) -> None:
        self.kb = kb
        self.env = make_environment(templates_dir)
        self.articles = kb.article_by_id

    def _render(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(kb=self.kb, **values)

    def body_blocks(self, analysis: ArticleAnalysis) -> list[dict[str, str]]:
        """The article's blocks as escaped Markdown, each entity linked at its first mention in each
        section (a heading starts a new section)."""
        article = analysis.article
        by_block: dict[int, list[tuple[int, int, str]]] = {}
        linked: set[str] = set()
        section_of = self._sections(article)
        for mention in analysis.mentions:  # sorted by block, then position
            if article.blocks[mention.block].kind == "heading":
                continue
            section_key = f"{section_of[mention.block]}:{mention.entity_id}"
            if section_key in linked or mention.entity_id not in self.kb.entities:
                continue
            linked.add(section_key)
            url = rel(article.path, self.kb.entities[mention.entity_id].path)
            by_block.setdefault(mention.block, []).append((mention.start, mention.end, url))
        blocks = []
        for index, block in enumerate(article.blocks):
            blocks.append({"kind": block.kind, "markdown": annotate(block.text, by_block.get(index, [])),
                           "credit": md_text(block.credit)})
        return blocks

    @staticmethod
    def _sections(article: Article) -> list[int]:
        """For each block, the index of the heading that opens its section (0 before the first)."""
        section, out = 0, []
        for i, block in enumerate(article.blocks):
            if block.kind == "heading":
                section = i
            out.append(section)
        return out

    def article_page(self, article: Article) -> str:
        analysis = self.kb.analyses[article.id]
        return self._render(
            "article.md.j2", article=article, page=article.path, blocks=self.body_blocks(analysis),
            entities=self.kb.article_entities[article.id], quotes=analysis.quotes,
            tags=[self.kb.entities[t].name for t in self.kb.article_entities[article.id]["theme"]],
            related=[(self.articles[o], shared) for o, shared in self.kb.related[article.id]])

    def entity_page(self, entity: Entity) -> str:
        return self._render(
            "entity.md.j2", entity=entity, page=entity.path,
            articles=[self.articles[a] for a in self.kb.entity_articles.get(entity.id, [])],
            quotes=self.kb.quotes_by_speaker.get(entity.id, []))

    def index_page(self, kind: str) -> str:
        folder = TYPE_FOLDERS[kind]
        return self._render("entity_index.md.j2", kind=kind, page=f"{folder}/index.md",
                            entities=self.kb.of_type(kind))

    def articles_index(self) -> str:
        return self._render("articles_index.md.j2", page="articles/index.md")

    def overview(self, page: str = "index.md") -> str:
        most = []
        for kind in ("person", "country", "theme"):
            ranked = sorted(self.kb.of_type(kind), key=lambda e: -len(self.kb.entity_articles.get(e.id, [])))
            most.append((kind, ranked[:5]))
        return self._render("overview.md.j2", page=page, most_mentioned=most)
