"""Entity matching: longest match wins, boundaries, ambiguity, themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from dossier.extract import Matcher, find_mentions
from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.registry import load_registry


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_registry(ROOT / "registry"))


def names(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    return [(m.surface, m.entity_id) for m in find_mentions(article, matcher) if not m.entity_id.startswith("theme:")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks in Astana with Moscow.", [("Astana", "country:kazakhstan"), ("Moscow", "country:russia")]),
    ("the U.S.-brokered deal", [("U.S.", "country:united-states")]),
    ("signaling to the Kremlin you", [("the Kremlin", "country:russia")]),
    ("Kazakhstan’s President Kassym-Jomart Tokayev said",
     [("Kazakhstan", "country:kazakhstan"), ("Kassym-Jomart Tokayev", "person:kassym-jomart-tokayev")]),
    ("Andrew D’Anieri wrote", [("Andrew D’Anieri", "person:andrew-danieri")]),
    ("Russia 's border", [("Russia", "country:russia")]),
    ("USAID and Turkeys", []),  # no match inside a longer word
    ("a Latin American leader", []),  # an ignore phrase wins over "American"
    ("Michael Jordan played in Chad", []),  # ambiguous names need country context
    ("Georgia and Armenia signed", [("Georgia", "country:georgia"), ("Armenia", "country:armenia")]),
    # a demonym that starts a church's name says nothing of the country; the country's name still does
    ("the Greek Orthodox church", []),
    ("an Armenian Apostolic priest", []),
    ("the Greek government and the Greek Orthodox church", [("Greek", "country:greece")]),
    ("Greece Orthodox", [("Greece", "country:greece")]),
])
def test_mentions(matcher: Matcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(matcher, text) == expected


def test_astana_process_is_a_theme_not_the_capital(matcher: Matcher) -> None:
    article = Article("a", "a.txt", "A", (Block("paragraph", "Known as the Astana Process, talks began. "
                                                 "Mediation followed the Astana Process.", 1),))
    ids = [(m.surface, m.entity_id) for m in find_mentions(article, matcher)]
    assert ("Astana", "country:kazakhstan") not in ids
    assert any(e == "theme:peace-mediation" and s == "Astana Process" for s, e in ids)


def test_theme_needs_enough_signal(matcher: Matcher) -> None:
    one = Article("a", "a.txt", "A", (Block("paragraph", "Their trade is very limited.", 1),))
    assert not [m for m in find_mentions(one, matcher) if m.entity_id == "theme:trade-and-investment"]


def test_matching_is_linear(matcher: Matcher) -> None:
    """One automaton pass: a 1 MB block finds every mention (a correctness check, not a timing one)."""
    text = "Tokayev met Putin in Moscow. " * 35000
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    mentions = [m for m in find_mentions(article, matcher) if not m.entity_id.startswith("theme:")]
    assert len(mentions) == 3 * 35000
    assert Path(ROOT / "registry" / "countries.yml").exists()


@pytest.mark.parametrize(("text", "expected"), [
    # a discovered organization that starts with a country's name or initials names the country too
    ("The U.S. Patent Office said in a statement that it would review the claim.",
     [("U.S.", "country:united-states"), ("U.S. Patent Office", "organization:u-s-patent-office")]),
    ("The Kenya Tea Growers and Packers Association said prices had fallen.",
     [("Kenya", "country:kenya"),
      ("Kenya Tea Growers and Packers Association", "organization:kenya-tea-growers-and-packers-association")]),
    # another of the country's names before a body every country has, but not before a name of its own
    ("The Ukrainian Foreign Ministry called the vote illegal.",
     [("Ukrainian", "country:ukraine"),
      ("Ukrainian Foreign Ministry", "organization:ministry-of-foreign-affairs-ukraine")]),
    # after the body, too
    ("The Foreign Ministry of Kazakhstan called the vote illegal.",
     [("Foreign Ministry of Kazakhstan", "organization:ministry-of-foreign-affairs-kazakhstan"),
      ("Kazakhstan", "country:kazakhstan")]),
    ("The Indian Ocean Commission met on Friday, its secretary said.",
     [("Indian Ocean Commission", "organization:indian-ocean-commission")]),
    # not a capital: a city is no stand-in for its country inside a name
    ("Shares fell on the Nairobi Coffee Exchange on Tuesday, the Nairobi Coffee Exchange said.",
     [("Nairobi Coffee Exchange", "organization:nairobi-coffee-exchange")] * 2),
])
def test_country_leading_a_discovered_organization(text: str, expected: list[tuple[str, str]]) -> None:
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    analyses, _ = analyse([article], load_registry(ROOT / "registry"))
    assert [(m.surface, m.entity_id) for m in analyses[0].mentions if not m.entity_id.startswith("theme:")] == expected


def test_a_byline_names_its_authors_in_full() -> None:
    """A byline's author is a person named in full; a given name that is also a person's short form
    ("Aigerim" of "Aigerim Bekova") names no one there ("Aigerim Sadykova" is someone else)."""
    quoted = Article("a", "a.txt", "A", (Block("paragraph", "“No,” said Foreign Minister Aigerim Bekova.", 1),))
    by_other = Article("b", "b.txt", "B", (Block("paragraph", "Talks went on.", 1),), author="Aigerim Sadykova")
    by_her = Article("c", "c.txt", "C", (Block("paragraph", "Talks went on.", 1),), author="Aigerim Bekova")
    analyses, _ = analyse([quoted, by_other, by_her], load_registry(ROOT / "registry"))
    assert [a.authors for a in analyses] == [[], [], ["person:aigerim-bekova"]]


@pytest.fixture(scope="module")
def may_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The registry, with two people whose names are months: one with the bare surname as an alias, one
    without (her surname is then a short form, taken once her full name is in the article)."""
    folder = tmp_path_factory.mktemp("registry")
    for path in (ROOT / "registry").glob("*.yml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "zz-months.yml").write_text(
        "- name: Theresa May\n  type: person\n  aliases: [May]\n- name: Ana June\n  type: person\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "expected"), [
    ("The deal was signed on May 13.", []),
    ("Talks resumed in May, Theresa May said.", ["Theresa May"]),
    ("It was signed on 3 May 2024 and ratified in May, 2025.", []),
    ("Between April and May prices rose; May and June were calm; by the end of May it was over.", []),
    ("May said the talks would go on. May's plan was clear.", ["May", "May"]),
    ("Ana June spoke on June 5, and June said in early June that she would stay.", ["Ana June", "June"]),
    ("No one is named in June.", []),
])
def test_a_name_that_is_a_month_is_not_taken_in_a_date(may_registry: Path, text: str, expected: list[str]) -> None:
    """A registered alias ("May") or a person's short form ("June" of "Ana June") that is also a month links a
    date to the person: the month in a date ("on May 13", "in early June", "April and May") names no one."""
    matcher = Matcher(load_registry(may_registry))
    article = Article("a", "a.txt", "A", (Block("paragraph", text, 1),))
    found = [m.surface for m in find_mentions(article, matcher) if m.entity_id.startswith("person:")]
    assert found == expected
