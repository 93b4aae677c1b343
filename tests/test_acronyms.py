"""An organization's acronym is one of its names where an article gives it: in brackets after the name
("Pacific Islands Forum Fisheries Agency (FFA)") or as its initials in capitals ("the Malaysian
Anti-Corruption Commission ... The MACC said"). The acronym alone is then that organization, in that article
and in any other; an acronym given to two organizations is neither's. Invented text."""

from __future__ import annotations

import pytest

from dossier.classify import bracketed_acronym, initials
from dossier.discover import editor_report
from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.registry import Registry


def _build(registry: Registry, *texts: str) -> tuple[list[set[tuple[str, str]]], dict[str, tuple[str, ...]]]:
    """Each article's (surface, entity id) of its organizations, and the discovered organizations' names ->
    aliases."""
    articles = [Article(f"a{i}", f"a{i}.txt", f"A{i}", (Block("paragraph", text, 1),)) for i, text in enumerate(texts)]
    analyses, entities = analyse(articles, registry)
    mentions = [{(m.surface, m.entity_id) for m in a.mentions if m.entity_id.startswith("organization:")}
                for a in analyses]
    return mentions, {e.name: e.aliases for e in entities.values() if e.type == "organization" and not e.reviewed}


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("Pacific Islands Forum Fisheries Agency (FFA) met", 38, "FFA"),
    ("King Salman Humanitarian Aid and Relief Centre (KSrelief) sent", 46, "KSrelief"),
    ("the Council  (MACC).", 11, "MACC"),
    ("Kenya (Reuters) —", 5, ""),  # one capital and lower case: a news agency's credit, not an acronym
    ("the Council (in Nairobi)", 11, ""),
    ("the Council, (CWC)", 11, ""),  # not right after the name
    ("the Council\n(CWC)", 11, ""),
])
def test_bracketed_acronym(text: str, end: int, expected: str) -> None:
    assert bracketed_acronym(text, end) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Malaysian Anti-Corruption Commission", "MACC"),
    ("International Committee of the Red Cross", "ICRC"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("Pacific Islands Forum Fisheries Agency", "PIFFA"),
])
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_an_acronym_in_brackets_is_the_organization_s_name(registry: Registry) -> None:
    mentions, orgs = _build(registry, "The Caspian Water Council (CWC) met in Astana. The CWC said on Monday that "
                                      "talks would go on.")
    council = "organization:caspian-water-council"
    assert orgs == {"Caspian Water Council": ("CWC",)}
    assert mentions == [{("Caspian Water Council", council), ("CWC", council)}]


def test_an_acronym_alone_in_another_article_is_the_organization(registry: Registry) -> None:
    """Before, "The CWC said" of the first article was an organization "CWC" of its own."""
    mentions, orgs = _build(registry, "The CWC said on Tuesday that the talks would go on.",
                            "The Caspian Water Council (CWC) met in Astana on Monday.",
                            "Officials of the CWC left early.")
    council = "organization:caspian-water-council"
    assert orgs == {"Caspian Water Council": ("CWC",)}
    assert mentions == [{("CWC", council)}, {("Caspian Water Council", council), ("CWC", council)},
                        {("CWC", council)}]


def test_the_initials_in_capitals_are_the_acronym_without_brackets(registry: Registry) -> None:
    mentions, orgs = _build(registry, "The case was brought by the Malaysian Anti-Corruption Commission on Monday. "
                                      "The MACC said it was examining other cases.",
                            "Daphné Moreau of the International Committee of the Red Cross said the ICRC was ready.")
    assert orgs == {"Malaysian Anti-Corruption Commission": ("MACC",),
                    "International Committee of the Red Cross": ("ICRC",)}
    assert ("MACC", "organization:malaysian-anti-corruption-commission") in mentions[0]
    assert ("ICRC", "organization:international-committee-of-the-red-cross") in mentions[1]


def test_initials_an_article_does_not_write_are_no_name(registry: Registry) -> None:
    _, orgs = _build(registry, "The Malaysian Anti-Corruption Commission said on Monday that it would appeal.")
    assert orgs == {"Malaysian Anti-Corruption Commission": ()}


def test_an_acronym_given_to_two_organizations_is_neither_s(registry: Registry) -> None:
    mentions, orgs = _build(registry, "The National Security Council (NSC) met in Nairobi. The NSC said nothing.",
                            "The Nuclear Suppliers Council (NSC) met in Vienna. The NSC said it was concerned.",
                            "The NSC said on Friday that it would meet again.")
    assert orgs == {"National Security Council": (), "Nuclear Suppliers Council": (), "NSC": ()}
    assert ("NSC", "organization:nsc") in mentions[2]
    assert not any(surface == "NSC" for surface, _ in mentions[0] | mentions[1] if _ != "organization:nsc")


def test_an_acronym_the_registry_has_stays_the_registry_s(registry: Registry) -> None:
    """"US" is the United States' and "EU" the European Union's, whatever name stands before them in brackets."""
    mentions, orgs = _build(registry, "The United Steelworkers Union (US) said the European Union (EU) was wrong.")
    assert orgs == {"United Steelworkers Union": ()}
    assert ("EU", "organization:european-union") in mentions[0]


def test_a_body_of_a_country_s_takes_its_acronym(registry: Registry) -> None:
    mentions, orgs = _build(registry, "Kazakhstan's Ministry of Foreign Affairs (MFA) said on Monday that the MFA "
                                      "would reply.")
    assert orgs == {"Ministry of Foreign Affairs (Kazakhstan)": ("Kazakhstan's Ministry of Foreign Affairs", "MFA")}
    assert ("MFA", "organization:ministry-of-foreign-affairs-kazakhstan") in mentions[0]


def test_the_editor_report_says_where_the_acronym_came_from(registry: Registry) -> None:
    articles = [Article("a0", "a0.txt", "A0", (Block("paragraph", "The CWC said on Tuesday that talks would go on.",
                                                     3),)),
                Article("a1", "a1.txt", "A1", (Block("paragraph", "The Caspian Water Council (CWC) met.", 5),))]
    analyses, entities = analyse(articles, registry)
    report = "\n".join(editor_report(analyses, entities, "seeds"))
    assert "seeds/a0.txt:3: discovered organization 'Caspian Water Council' (cue: reporting verb, written 'CWC', its " \
           "acronym)" in report
