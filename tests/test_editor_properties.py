"""Property-based tests (hypothesis) of the cleaner and the extractor: on any text they never crash, and
every sentence of an article reaches its rendered page as visible text (only scraper debris is dropped)."""

from __future__ import annotations

import functools
import html
import re

import markdown
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.clean import DEBRIS_LINES, clean, markdown_plain
from dossier.extract import Matcher, find_mentions
from dossier.index import build_index
from dossier.model import Article, Block
from dossier.pipeline import analyse, to_article
from dossier.readers import parse_seed
from dossier.registry import Registry, load_registry
from dossier.render import Renderer
from dossier.text import bounded

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: ordinary words, registered names (so links are made), and text that looks like markup
WORDS = st.one_of(
    st.from_regex(r"[A-Za-zÀ-ÿ0-9’'-]{1,12}", fullmatch=True),
    st.sampled_from(["Kazakhstan", "Tokayev", "U.S.", "Abraham Accords", "Moscow", "Kremlin", "normalization",
                     "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% if x %}",
                     "*stars*", "_under_", "`tick`", "[x]: javascript:alert(1)", "[link](javascript:alert(1))",
                     "&amp;", "&lt;b&gt;", "#", "!!!", "```", "<!--", "-->", "|", "1.", "- item", "> quote",
                     "{: .x }", "\\", "~~~", "==="]),
)
SENTENCES = st.builds(lambda words, end: " ".join(words) + end, st.lists(WORDS, min_size=1, max_size=12),
                      st.sampled_from([".", "!", "?", "…", '."', ".”"]))
DEBRIS = st.sampled_from(sorted(DEBRIS_LINES | {"Recommended", "Advertisement", "Share this article", "|"}))
#: what Python-Markdown runs with on the site (mkdocs.yml)
EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]


@functools.cache
def registry() -> Registry:
    return load_registry(ROOT / "registry")


@functools.cache
def matcher() -> Matcher:
    return Matcher(registry())


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text(markdown_text: str) -> str:
    """The article page as a reader sees it: Markdown rendered as on the site, tags removed."""
    body = markdown_text.split("\n---\n", 1)[1] if markdown_text.startswith("---\n") else markdown_text
    rendered = markdown.markdown(body, extensions=EXTENSIONS)
    text = re.sub(r"</?(?:p|h\d|li|ul|ol|div|blockquote|br|hr|table|tr|td|th)\b[^>]*>", " ", rendered)
    return normalized(html.unescape(re.sub(r"<[^>]+>", "", text)))


@st.composite
def articles(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Body lines: paragraphs of sentences, some hard-wrapped, with debris lines and cell marks between
    them. Returns (lines, sentences)."""
    lines: list[str] = []
    sentences: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        paragraph = draw(st.lists(SENTENCES, min_size=1, max_size=4))
        sentences.extend(paragraph)
        for sentence in paragraph:
            lines.append(sentence + draw(st.sampled_from(["", "", " |", "  ", "\t"])))
        lines.append(draw(st.one_of(st.just(""), DEBRIS)))
        lines.append("")
    return lines, sentences


@SETTINGS
@given(st.lists(st.text(max_size=200), max_size=30), st.booleans(), st.integers(1, 500))
def test_clean_never_crashes(lines: list[str], as_markdown: bool, first_line: int) -> None:
    blocks = clean(lines, first_line, markdown=as_markdown)
    for block in blocks:
        assert block.text.strip() or block.credit.strip() or block.kind == "caption"
        assert first_line <= block.line < first_line + max(len(lines), 1)


@SETTINGS
@given(st.text(max_size=400))
def test_extractor_never_crashes_and_mentions_point_at_their_text(text: str) -> None:
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    for mention in find_mentions(article, matcher()):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.surface
        assert bounded(text, mention.start, mention.end)


@SETTINGS
@given(st.text(max_size=2000))
def test_reading_any_text_never_crashes_unexpectedly(text: str) -> None:
    from dossier.errors import DossierError

    try:
        raw = parse_seed(text, "any.md")
    except DossierError as exc:  # refused with a located message is fine; a crash is not
        assert str(exc).startswith("any.md:")
        return
    to_article(raw, markdown=True)


@SETTINGS
@given(articles())
def test_cleaner_keeps_every_sentence_and_drops_debris(article: tuple[list[str], list[str]]) -> None:
    lines, sentences = article
    blocks = clean(lines, 1)
    text = " ".join(normalized(b.text) for b in blocks)
    for sentence in sentences:
        assert normalized(sentence) in text
    assert not any(b.text.lower().rstrip(":") in DEBRIS_LINES for b in blocks)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.booleans())
def test_every_sentence_is_visible_on_the_rendered_page(article: tuple[list[str], list[str]],
                                                        as_markdown: bool) -> None:
    lines, sentences = article
    raw = parse_seed("---\ntitle: Property\n---\n" + "\n".join(lines) + "\n", "p.md")
    parsed = to_article(raw, markdown=as_markdown)
    kb = build_index(*analyse([parsed], registry()))
    page = Renderer(kb, ROOT / "templates").article_page(kb.articles[0])
    visible = visible_text(page)
    for sentence in sentences:
        # a .md seed's Markdown marks are taken out, its words kept (clean.markdown_plain)
        expected = normalized(markdown_plain(sentence) if as_markdown else sentence)
        if as_markdown and re.match(r"#{1,6} ", expected):
            expected = normalized(re.sub(r"^#{1,6}\s+|\s*#*\s*$", "", expected))  # a Markdown heading
        assert expected in visible, (expected, visible)
