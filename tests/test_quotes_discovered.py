"""Quotes of people the registry does not know: named, "he"/"she" that fits, and across paragraphs."""

from __future__ import annotations

import pytest
from conftest import speakers

from dossier.registry import Registry


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("named after the quote", ["“Protests on paper have not stopped a single cannon,” Senator Carlo Villaluna said."],
     [("Protests", "Carlo Villaluna")]),
    ("surname after the full name", ["Commodore Rafael Dimaculangan spoke in Manila.",
                                     "“They came at us deliberately,” Dimaculangan said."],
     [("They", "Rafael Dimaculangan")]),
    ("pronoun in the next paragraph", ["Achieng Odhiambo, a political scientist, spoke on Friday.",
                                       "“The memory of 2007 is never far away,” she said."],
     [("The", "Achieng Odhiambo")]),
    ("quote left open across paragraphs", ["Armenian Prime Minister Nikol Pashinyan spoke.",
                                           "“Today we agreed to stop arguing,” Pashinyan said. “This is not the end.",
                                           "“Our children should know the border as a place to cross.”"],
     [("Today", "Nikol Pashinyan"), ("This", "Nikol Pashinyan"), ("Our", "Nikol Pashinyan")]),
    ("he added, in its own paragraph", ["Azerbaijani President Ilham Aliyev was firm.",
                                        "“We have been patient for thirty years,” Aliyev said.",
                                        "“But the constitution is not a detail,” he added."],
     [("We", "Ilham Aliyev"), ("But", "Ilham Aliyev")]),
    ("she skips a nearer man", ["Lusine Hakobyan, a researcher at the institute, said her doubts remained.",
                                "Armenian Prime Minister Nikol Pashinyan said his government would press on.",
                                "“That is a very hard sell before an election,” she said."],
     [("That", "Lusine Hakobyan")]),
    ("a name inside the quote is not the speaker", ["Nadia Khattak, who heads the branch, spoke.",
                                                    "“Steve Marlowe has been in the boats with us,” Khattak said."],
     [("Steve", "Nadia Khattak")]),
])
def test_quote_speakers(registry: Registry, kind: str, paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert speakers(registry, *paragraphs) == expected, kind
