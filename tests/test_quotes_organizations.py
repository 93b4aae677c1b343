"""A quote no person says is an organization's when the organization is the subject of the reporting verb
("the Tea Board said in a statement that ..."), "it" stands for it, or a word of its name does ("“...,” the
ministry said"); a person in the sentence, a pronoun, or an organization spoken to keep the quote from it. Invented
text, one row a cue and the rows it must not get wrong."""

from __future__ import annotations

import pytest
from conftest import speakers

from dossier.registry import Registry


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # the organization is the subject of the reporting verb
    (["The Kenya Tea Board said in a statement that “prices will recover before the short rains end”."],
     [("prices", "Kenya Tea Board")]),
    (["Kazakhstan's Foreign Ministry said in a statement: “We are ready to sign the accords this month.”"],
     [("We", "Ministry of Foreign Affairs (Kazakhstan)")]),
    (["“Every vessel complies with the rules,” said the Ocean Harvest Fisheries Company, a trawler operator."],
     [("Every", "Ocean Harvest Fisheries Company")]),
    # a word of its name stands for it, once the article has named it
    (["Russia's Foreign Ministry summoned the envoy.", "“We will respond to any provocation,” the ministry said."],
     [("We", "Ministry of Foreign Affairs (Russia)")]),
    (["The Caspian Water Council met on Monday.", "“The pipeline will not be built,” the council said."],
     [("The", "Caspian Water Council")]),
    (["The Caspian Water Fund met on Monday.", "In its review, the Fund said the pipeline was “not worth its "
                                               "cost”."],
     [("not", "Caspian Water Fund")]),
    # "it": the organization named last, here or in the paragraph before, with no country named since
    (["The Kenya Tea Board met buyers on Monday. “Prices will recover before the rains end,” it said."],
     [("Prices", "Kenya Tea Board")]),
    (["The Kenya Tea Board met buyers on Monday.", "It added that “the auction will open on time”."],
     [("the", "Kenya Tea Board")]),
    (["The Kenya Tea Board met buyers on Monday, and Kazakhstan sent a delegation.",
      "“We welcome every partner,” it said."],
     [("We", "")]),
    (["“The pipeline is safe and will stay open,” it said, naming no one."], [("The", "")]),
    # a person says it: a name in the sentence (known or not), a pronoun
    (["The Caspian Water Council met on Monday.", "“The pipeline will not be built,” Aigul Serikova of the "
                                                  "Caspian Water Council said."],
     [("The", "")]),
    (["The Caspian Water Council met on Monday.", "“The pipeline will not be built,” a spokesman for the "
                                                  "council said."],
     [("The", "")]),
    (["The Caspian Water Council met on Monday, and its chairman Daniyar Omarov spoke.",
      "“The pipeline will not be built,” he said."],
     [("The", "Daniyar Omarov")]),
    # no one: an organization spoken to, a word no name of the article has, a spokesman of no name
    (["“We will not comment on the pipeline at all,” an official told the Caspian Water Council."],
     [("We", "")]),
    (["The Caspian Water Council met on Monday.", "“The pipeline will not be built,” the company said."],
     [("The", "")]),
    (["“We will fight this ruling in every court,” the Kenya Tea Board's spokesman said."],
     [("We", "")]),
])
def test_an_organization_s_quote(registry: Registry, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected
