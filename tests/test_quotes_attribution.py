"""Which of several people in a quote's sentence said it: the subject of the reporting verb, not the
nearest name; and sentences split before an opening quote mark, so alternating speakers stay apart.
One table row per cue, each with the case it must not get wrong."""

from __future__ import annotations

import pytest
from conftest import speakers as quote_speakers

from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.quotes import _masked, quote_spans
from dossier.registry import Registry
from dossier.text import sentence_spans

INTRO = ("Senator Carla Mendes, who chairs the committee, met the union. Ernesto Salas, a spokesman for "
         "the dockworkers, rejected the offer. The company's director, Helena Brandt, disagreed.")


def speakers(registry: Registry, *paragraphs: str) -> list[tuple[str, str]]:
    return quote_speakers(registry, INTRO, *paragraphs)


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("the subject, not a name after the verb", ["Mendes said Brandt had “shown no respect for the committee”."],
     [("shown", "Carla Mendes")]),
    ("the subject past an apposition", ["Salas, a spokesman for the dockworkers, said Brandt had “lied "
                                        "to every worker”, a charge the company denied."],
     [("lied", "Ernesto Salas")]),
    ("a name after the verb that ends the clause is the speaker", ["“Nobody wins a long strike,” said Mendes, "
                                                                    "who had met Brandt."],
     [("Nobody", "Carla Mendes")]),
    ("inverted, with an age", ["“We will stay out,” said Salas, 44, standing beside Brandt."],
     [("We", "Ernesto Salas")]),
    ("according to", ["According to Brandt, the offer is “final and fair to every worker”."],
     [("final", "Helena Brandt")]),
    ("no name is the subject: the nearest name", ["The offer, Brandt's office said, was “a flat no, again and "
                                                  "again”."],
     [("a", "Helena Brandt")]),
    ("a pronoun subject over a named object", ["“We have made our final offer,” Brandt said.",
                                               "“We can talk, but not under threats,” she said, adding that Salas "
                                               "had refused two meetings."],
     [("We", "Helena Brandt"), ("We", "Helena Brandt")]),
    ("a named subject over a pronoun", ["Mendes said she would “not take sides in this strike”."],
     [("not", "Carla Mendes")]),
    ("alternating speakers in one paragraph", ["“Nobody wins a long strike,” said Mendes. “Both sides know it,” "
                                               "said Salas."],
     [("Nobody", "Carla Mendes"), ("Both", "Ernesto Salas")]),
    ("a lone quote continues its paragraph's speaker, not a name beside it",
     ["“We cannot choose our partners,” Salas told a news conference, standing beside Brandt. “Today we chose "
      "to talk.”"],
     [("We", "Ernesto Salas"), ("Today", "Ernesto Salas")]),
    ("a lone quote paragraph after someone else's quote is not guessed",
     ["“We have made our final offer,” Brandt said.", "“The strike ends when the offer changes, not before.”"],
     [("We", "Helena Brandt"), ("The", "")]),
])
def test_quote_speakers(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind


@pytest.mark.parametrize(("text", "sentences"), [
    # an opening quote after a full stop starts a sentence, whatever the masked words are
    ("“We cannot,” Han said. “Today we chose.”", 2),
    # a quote that opens in lower case continues the sentence
    ("Morioka said. “the most severe” was his phrase.", 1),
    ("He said “yes. No. Maybe.” and left.", 1),  # full stops inside a quote split nothing
])
def test_masked_quotes_keep_sentence_starts(text: str, sentences: int) -> None:
    spans, _ = quote_spans(text)
    assert len(sentence_spans(_masked(text, spans))) == sentences


def test_a_continuing_quote_keeps_its_attribution_in_its_context(registry: Registry) -> None:
    blocks = (Block("paragraph", INTRO, 1),
              Block("paragraph", "“We cannot choose our partners,” Salas said. “Today we chose to talk.”", 3))
    analyses, _ = analyse([Article("a", "a.txt", "A", blocks)], registry)
    last = analyses[0].quotes[-1]
    assert last.text.startswith("Today") and last.context.startswith("“We cannot") and "Salas said" in last.context
