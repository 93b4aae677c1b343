"""Quotes whose speaker is named by a role ("the minister said"), by the turn of an exchange, by a verb of
retort ("X shot back", "X answered"), and short scare quotes with a clear speaker ("X called the plan
“social demolition”"). Rules added after the second blind set (tests/gold_blind2) was measured; each
has rows it must attribute and rows it must leave alone, on invented text."""

from __future__ import annotations

import pytest
from conftest import speakers as quote_speakers

from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.quotes import _reports
from dossier.registry import Registry

INTRO = ("Health Minister Arman Sargsyan visited the village on Friday. Tigran Avagyan, a lawmaker from the "
         "opposition, confronted him. Ruben Hakobyan, 61, a herder who lives by the river, watched. "
         "Justice Anahit Melkonyan, who heard the case, was not there.")


def speakers(registry: Registry, *paragraphs: str) -> list[tuple[str, str]]:
    return quote_speakers(registry, INTRO, *paragraphs)


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    # a role noun that is the subject: the person last named with that role
    ("the minister", ["“We lose nothing,” the minister said."], [("We", "Arman Sargsyan")]),
    ("said the herder", ["“The river is dry,” said the herder."], [("The", "Ruben Hakobyan")]),
    ("the judge for a Justice", ["“Then the court will decide,” the judge replied."], [("Then", "Anahit Melkonyan")]),
    ("a modifier before the role", ["“We lose nothing at all,” the health minister said."], [("We", "Arman Sargsyan")]),
    ("an age", ["“The river is dry,” the 61-year-old said."], [("The", "Ruben Hakobyan")]),
    ("another age", ["“The river has been dry for years,” the 40-year-old said."], [("The", "")]),
    ("the lawmaker, in an exchange", ["“You are giving it away,” Avagyan said.",
                                      "“We give nothing away,” the minister replied.",
                                      "“Then tell the village,” the lawmaker said."],
     [("You", "Tigran Avagyan"), ("We", "Arman Sargsyan"), ("Then", "Tigran Avagyan")]),
    # no one was introduced with that role, or the noun names no person
    ("an unknown role", ["“We will wait for the rain,” the farmer said."], [("We", "")]),
    ("an organization noun", ["“We will appeal the decision,” the ministry said."], [("We", "")]),
    ("a role long ago", ["Nothing happened.", "Nothing.", "Nothing.", "Nothing.", "Nothing.", "Nothing.", "Nothing.",
                         "Nothing.", "Nothing.", "“We lose nothing at all,” the minister said."], [("We", "")]),
    # verbs of retort
    ("shot back", ["“Then go and tell the village,” Avagyan shot back."], [("Then", "Tigran Avagyan")]),
    ("answered", ["“The dockers are productive,” Sargsyan answered."], [("The", "Arman Sargsyan")]),
    ("retorted", ["“Not one metre was lost,” retorted Sargsyan."], [("Not", "Arman Sargsyan")]),
    # short scare quotes with a speaker in the same sentence
    ("called the plan", ["Avagyan called the plan “social demolition.”"], [("social", "Tigran Avagyan")]),
    ("who has called", ["Avagyan, who has called the deal “capitulation by instalments,” left the hall."],
     [("capitulation", "Tigran Avagyan")]),
    ("described as", ["Sargsyan described the proposal as “ambitious but fair.”"], [("ambitious", "Arman Sargsyan")]),
    # a short quote with no speaker is still dropped, and a name is no speech
    ("no speaker", ["The plan was “social demolition,” unions said."], []),
    ("a group called", ["Avagyan founded a group called “Mothers of the Disappeared” in 1990."],
     [("Mothers", "")]),
    ("was dubbed", ["Sargsyan was dubbed “the bulldozer of Yerevan” by critics."], [("the", "")]),
])
def test_speakers(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    # B speaks, A replies, then "she": the turn passes back to B when the article says B is a woman
    # and says nothing of A
    ("the turn passes", ["Fisheries Minister Rineta Kaiea said she wanted more. Ratu Josaia Vula disagreed.",
                         "“We welcome every partner,” Vula said.",
                         "“Playing by the rules starts with tracking,” Kaiea said.",
                         "“This Forum will hold every flag to that standard,” Vula replied.",
                         "“Then we agree,” she said."],
     [("We", "Josaia Vula"), ("Playing", "Rineta Kaiea"), ("This", "Josaia Vula"), ("Then", "Rineta Kaiea")]),
    # the same without gender on either side: the nearest name is kept
    ("no gender: nearest", ["Fisheries Minister Rineta Kaiea and Ratu Josaia Vula met.",
                            "“Playing by the rules starts with tracking,” Kaiea said.",
                            "“This Forum will hold every flag to that standard,” Vula replied.",
                            "“Then we agree,” she said."],
     [("Playing", "Rineta Kaiea"), ("This", "Josaia Vula"), ("Then", "Josaia Vula")]),
    # one speaker over two paragraphs is no exchange
    ("one speaker", ["Fisheries Minister Rineta Kaiea said she wanted more. Ratu Josaia Vula disagreed.",
                     "“Playing by the rules starts with tracking,” Vula said.",
                     "“This Forum will hold every flag to that standard,” Vula added.",
                     "“We will see in December,” he said."],
     [("Playing", "Josaia Vula"), ("This", "Josaia Vula"), ("We", "Josaia Vula")]),
])
def test_exchanges(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    blocks = tuple(Block("paragraph", text, 1 + 2 * i) for i, text in enumerate(paragraphs))
    analyses, entities = analyse([Article("a", "a.txt", "A", blocks)], registry)
    got = [(q.text.split()[0], entities[q.speaker_id].name if q.speaker_id else "") for q in analyses[0].quotes]
    assert got == expected, kind


@pytest.mark.parametrize(("frame", "before", "expected"), [
    ("Avagyan called the plan .", "Avagyan called the plan ", True),
    ("He said the so-called was growing.", "He said the so-called ", True),  # "said" still reports
    ("Avagyan founded a group called in 1990.", "Avagyan founded a group called ", False),
    ("The so-called was seized.", "The so-called ", False),
    ("She was dubbed by critics.", "She was dubbed ", False),
])
def test_naming_is_not_reporting(frame: str, before: str, expected: bool) -> None:
    assert _reports(frame, before) is expected


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("a verb no list holds", ["“With what firewood, doctor? There are no trees,” Hakobyan sighed."],
     [("With", "Ruben Hakobyan")]),
    ("with a particle", ["“Then go and tell the village yourself,” Avagyan hit back."], [("Then", "Tigran Avagyan")]),
    # the sentence goes on, or the name is not right after the quote: no guess
    ("the sentence goes on", ["“There are no trees left near us,” Hakobyan walked to the river and sat down."],
     [("There", "")]),
    ("a name further on", ["“There are no trees left near us,” the crowd chanted as Hakobyan listened."],
     [("There", "")]),
])
def test_bare_attribution(registry: Registry, kind: str, paragraphs: list[str],
                          expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind
