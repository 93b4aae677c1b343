"""Quote rules added after the third blind set (tests/gold_blind3) was measured, each with rows it must
attribute and rows it must leave alone, on invented text: a paragraph that is only a quote goes on with the
speaker of the paragraph before when that paragraph gave the speaker's statement; the antecedent of "he"
comes before the pronoun ("He said X had “...”" is not X's quote); a past-tense verb after the name may take
a short phrase of manner ("X agreed after a pause."); one quoted word is a quote when its speaker is named as
the subject ("X said ... like “bandits”"); and a surname that is also a capital ("Lima") is the person
once the article names them in full."""

from __future__ import annotations

import pytest
from conftest import speakers as quote_speakers

from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.registry import Registry

INTRO = "Chidi Okafor, 52, a miner from the north, has worked the river for twenty years."


def speakers(registry: Registry, *paragraphs: str) -> list[tuple[str, str]]:
    return quote_speakers(registry, INTRO, *paragraphs)


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("a quote paragraph after a paragraph that ends in the speaker's words",
     ["“We walked for days,” Okafor said. “The road was closed.”", "“Nobody came to help us on the way.”"],
     [("We", "Chidi Okafor"), ("The", "Chidi Okafor"), ("Nobody", "Chidi Okafor")]),
    ("a quote paragraph after the speaker's introduction",
     ["“The fish are gone,” said Amaka Eze, 58, a chief in the village, sitting by the water.",
      "“We have asked for a clinic here, with nurses who stay.”"],
     [("The", "Amaka Eze"), ("We", "Amaka Eze")]),
    ("not after a short turn, which someone else may answer",
     ["“We have made our final offer,” Okafor said.", "“The strike ends when the offer changes.”"],
     [("We", "Chidi Okafor"), ("The", "")]),
    ("not when the paragraph has words of its own",
     ["“We walked for days,” Okafor said. “The road was closed.”",
      "“Nobody came to help us on the way,” a woman in the crowd shouted."],
     [("We", "Chidi Okafor"), ("The", "Chidi Okafor"), ("Nobody", "")]),
    ("not two paragraphs on",
     ["“We walked for days,” Okafor said. “The road was closed.”", "The rains came in June.",
      "“Nobody came to help us on the way.”"],
     [("We", "Chidi Okafor"), ("The", "Chidi Okafor"), ("Nobody", "")]),
])
def test_continued_paragraph(registry: Registry, kind: str, paragraphs: list[str],
                             expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("the pronoun's antecedent comes before it",
     ["“The rules protect you,” Okafor told reporters. He said Governor Bola Adeyemi had “listened carefully” "
      "to the miners."],
     [("The", "Chidi Okafor"), ("listened", "Chidi Okafor")]),
    ("a pronoun after the quote still takes the nearest name before the quote",
     ["Governor Bola Adeyemi spoke next. “The rules protect you,” he said."],
     [("The", "Bola Adeyemi")]),
    ("a verb of manner with a short phrase after the name",
     ["“You may be right about the river,” Okafor agreed after a long pause."], [("You", "Chidi Okafor")]),
    ("not a clause that goes on",
     ["“You may be right about the river,” Okafor pointed at the water and walked off."], [("You", "")]),
    ("one word with a named subject",
     ["Okafor said the police treated the miners like “criminals” for years."], [("criminals", "Chidi Okafor")]),
    ("not one word with no named speaker",
     ["The miners were called “criminals” by the police for years."], []),
])
def test_speakers(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind


def _mentions(registry: Registry, *paragraphs: str) -> list[tuple[str, str]]:
    blocks = tuple(Block("paragraph", text, 1 + 2 * i) for i, text in enumerate(paragraphs))
    analyses, _ = analyse([Article("a", "a.txt", "A", blocks)], registry)
    return [(m.surface, m.entity_id) for m in analyses[0].mentions if m.surface == "Lima"]


def test_surname_that_is_a_capital(registry: Registry) -> None:
    mentions = _mentions(registry, "“We have nowhere to go,” said Jorge Sampaio Lima, 40, a miner from the coast.",
                         "“The law is for the poor,” Lima said. He moved to Lima last year.")
    assert mentions == [("Lima", "person:jorge-sampaio-lima"), ("Lima", "country:peru")]
    assert speakers(registry, "“We have nowhere to go,” said Jorge Sampaio Lima, 40, a miner from the coast.",
                    "“The law is for the poor,” Lima said.") == [("We", "Jorge Sampaio Lima"),
                                                                 ("The", "Jorge Sampaio Lima")]


def test_capital_without_the_person(registry: Registry) -> None:
    assert _mentions(registry, "Lima said the talks would resume.") == [("Lima", "country:peru")]
