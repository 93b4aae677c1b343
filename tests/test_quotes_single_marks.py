"""Quotes in single marks, as British and many other outlets print them ('We are ready,' she said; ‘...’): an
article with no double quotation mark reads its single marks as quotes, and tells them from apostrophes
("O'Brien", "don’t", "the ministers' meeting"). Table-driven, on invented text."""

from __future__ import annotations

import pytest
from conftest import analyse_paragraphs, speakers

from dossier.model import Article, Block
from dossier.quotes import double_quoted
from dossier.registry import Registry

INTRO = "Foreign Minister Murat Nurtleu met Akylbek Japarov, the prime minister of Kyrgyzstan, on Friday."


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("straight marks", ["'We are ready,' said Japarov."], [("We", "Akylbek Japarov")]),
    ("curly marks, two quotes", ["‘Nothing will change,’ Nurtleu said. ‘We are firm.’"],
     [("Nothing", "Murat Nurtleu"), ("We", "Murat Nurtleu")]),
    ("a plural possessive inside", ["'The ministers' meeting was long,' said Japarov."], [("The", "Akylbek Japarov")]),
    ("a scare quote", ["Japarov called the plan 'a dead end' and left."], [("a", "Akylbek Japarov")]),
    # a paragraph that opens a quote and leaves it open, as with double marks (whose rule leaves the first
    # paragraph's words to no one when the speaker is named after them)
    ("a quote over two paragraphs", ["Japarov said: 'We talked for hours.", "'Nothing was agreed.'"],
     [("We", "Akylbek Japarov"), ("Nothing", "Akylbek Japarov")]),
    ("apostrophes only", ["Japarov's office didn't comment on O'Brien's rock 'n' roll."], []),
    ("a plural possessive alone", ["The ministers' meeting ran late, Japarov said."], []),
])
def test_single_marks(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, INTRO, *paragraphs) == expected


def test_single_marks_are_apostrophes_where_the_article_has_double_ones(registry: Registry) -> None:
    """With double quotes in the article, a single mark is an apostrophe or a quote inside a quote."""
    found = speakers(registry, INTRO, "“We call it 'a reset',” said Japarov.", "'Fine,' said Nurtleu.")
    assert found == [("We", "Akylbek Japarov")]


def test_offsets_hold_and_the_context_keeps_the_marks_as_typed(registry: Registry) -> None:
    text = "‘Nothing will change,’ Nurtleu said in O’Brien’s office."
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    assert double_quoted(article).blocks[0].text == "“Nothing will change,” Nurtleu said in O’Brien’s office."
    analyses, _ = analyse_paragraphs(registry, INTRO, text)
    (quote,) = analyses[0].quotes
    assert quote.context == text
    assert text[quote.start: quote.end] == "‘Nothing will change,’"
