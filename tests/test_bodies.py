"""A body every country has ("Foreign Ministry", "Supreme Court") is one entity a country: "Russia's
Foreign Ministry", "the Russian Foreign Ministry" and "the Foreign Ministry of Russia" name the same one,
and "the Foreign Ministry" alone is that one in an article that says whose it is. Invented text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from dossier.classify import body_variants, full_body, owned_body
from dossier.discover import editor_report
from dossier.model import Article, Block
from dossier.pipeline import Paths, analyse, build_site
from dossier.registry import Registry, load_registry


def _build(registry: Registry, *texts: str) -> tuple[list[list[tuple[str, str]]], dict[str, tuple[str, ...]]]:
    """Each article's (surface, entity id) of its organizations and countries, and the discovered
    organizations' names -> aliases."""
    articles = [Article(f"a{i}", f"a{i}.txt", f"A{i}", (Block("paragraph", text, 1),)) for i, text in enumerate(texts)]
    analyses, entities = analyse(articles, registry)
    mentions = [[(m.surface, m.entity_id) for m in a.mentions if m.entity_id.startswith(("organization:", "country:"))]
                for a in analyses]
    return mentions, {e.name: e.aliases for e in entities.values() if e.type == "organization" and not e.reviewed}


@pytest.mark.parametrize(("name", "expected"), [
    ("Russia's Foreign Ministry", ("country:russia", "Foreign Ministry", "Russia")),
    ("the Russian Foreign Ministry", ("country:russia", "Foreign Ministry", "Russian")),
    ("Foreign Ministry of Russia", ("country:russia", "Foreign Ministry", "Russia")),
    ("Ministry of Foreign Affairs of the Philippines", ("country:philippines", "Ministry of Foreign Affairs",
                                                        "Philippines")),
    ("the United States’ State Department", ("country:united-states", "State Department", "United States")),
    ("South Korean Supreme Court", ("country:south-korea", "Supreme Court", "South Korean")),
    ("Kazakhstan's Ministry of Foreign Affairs", ("country:kazakhstan", "Ministry of Foreign Affairs", "Kazakhstan")),
    # not a body of a country's: a body alone, a name of its own, a person's or a city's possessive
    ("Foreign Ministry", None),
    ("Indian Ocean Commission", None),
    ("Atlantic Council", None),
    ("Trump's Justice Department", None),
    ("Russian National", None),
    ("Nairobi Securities Exchange", None),
    ("Russian Central Bank Holdings", None),
    # a country's own name before a body makes a name of its own; a possessive or a demonym does not
    ("Nigeria Labour Congress", None),
    ("Bangladesh Bank", None),
    ("Nigerian Labour Congress", ("country:nigeria", "Labour Congress", "Nigerian")),
    ("U.S. State Department", ("country:united-states", "State Department", "U.S.")),
    # a body with a name of its own: not every country has an agency for international development
    ("U.S. Agency for International Development", None),
])
def test_whose_body(registry: Registry, name: str, expected: tuple[str, str, str] | None) -> None:
    from dossier.extract import Matcher
    found = owned_body(name, Matcher(registry).country_of)
    assert (found and (found[0].id, found[1], name[found[2]: found[3]])) == expected


def test_every_way_of_naming_a_country_s_body_is_one_entity(registry: Registry) -> None:
    mentions, orgs = _build(registry, "Russia's Foreign Ministry said on Tuesday that talks would go on.",
                            "The Russian Foreign Ministry later added a note.",
                            "The Foreign Ministry of Russia issued a statement.")
    assert orgs == {"Ministry of Foreign Affairs (Russia)": ("Russia's Foreign Ministry", "Russian Foreign Ministry",
                                                  "Foreign Ministry of Russia")}
    ministry = "organization:ministry-of-foreign-affairs-russia"
    assert mentions == [
        [("Russia", "country:russia"), ("Russia's Foreign Ministry", ministry)],
        [("Russian", "country:russia"), ("Russian Foreign Ministry", ministry)],
        [("Foreign Ministry of Russia", ministry), ("Russia", "country:russia")]]


def test_each_country_s_body_is_its_own(registry: Registry) -> None:
    mentions, orgs = _build(registry, "Russia's Foreign Ministry said talks would go on.",
                            "Ukraine's Foreign Ministry said talks had ended.")
    assert sorted(orgs) == ["Ministry of Foreign Affairs (Russia)", "Ministry of Foreign Affairs (Ukraine)"]


def test_a_form_no_article_discovered_is_found_too(registry: Registry) -> None:
    """Once an article names the body, every way of naming it is its name everywhere (a headline has no
    cue of its own, say)."""
    mentions, _ = _build(registry, "Russia's Foreign Ministry said talks would go on.",
                         "A note from Moscow: the Russian Foreign Ministry")
    assert ("Russian Foreign Ministry", "organization:ministry-of-foreign-affairs-russia") in mentions[1]


@pytest.mark.parametrize(("texts", "bare"), [
    # the body alone, in an article that says whose it is: that country's
    (("Kazakhstan's Foreign Ministry said the talks were over. The Foreign Ministry added that more would follow.",),
     "organization:ministry-of-foreign-affairs-kazakhstan"),
    (("The Foreign Ministry said more later. The Foreign Ministry of Kazakhstan issued a statement.",),
     "organization:ministry-of-foreign-affairs-kazakhstan"),
    # ... even where another article has the body alone, of no one's
    (("The Foreign Ministry in Nairobi said it would not comment.",
      "Kazakhstan's Foreign Ministry said the talks were over. The Foreign Ministry added that more would follow."),
     "organization:ministry-of-foreign-affairs-kazakhstan"),
    # two countries' bodies in one article: the body alone is neither's
    (("Russia's Foreign Ministry and Ukraine's Foreign Ministry both spoke. The Foreign Ministry added a note.",),
     None),
    # no country says whose: the body alone, a body of no one's
    (("The Foreign Ministry said that it would not comment.",), "organization:ministry-of-foreign-affairs"),
])
def test_the_body_alone(registry: Registry, texts: tuple[str, ...], bare: str | None) -> None:
    mentions, orgs = _build(registry, *texts)
    last = mentions[-1]
    assert [e for s, e in last if s == "Foreign Ministry"] == ([bare] if bare else [])
    if bare != "organization:ministry-of-foreign-affairs" and len(texts) == 1:
        assert "Ministry of Foreign Affairs" not in orgs  # no body of no one's was discovered from this article


def test_a_country_s_body_takes_no_other_entity_s_name(registry: Registry) -> None:
    """A way of naming a body that another entity has as its name stays that entity's."""
    mentions, orgs = _build(registry, "Russia's Central Bank cut rates.",
                            "Russian Central Bank Holdings, a lender, said the Russian Central Bank Holdings "
                            "board met.")
    assert ("Russian Central Bank Holdings", "organization:russian-central-bank-holdings") in mentions[1]


def test_the_page_of_a_body_named_alone_says_so(tmp_path: Path) -> None:
    """Its articles may mean different countries' body: the page says so; a country's body's page does not."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Court ruling\n\nThe Supreme Court ruled on Monday that the law "
                                              "stands.\n", encoding="utf-8")
    (tmp_path / "seeds" / "b.txt").write_text("Kenyan ruling\n\nKenya's Supreme Court ruled on Monday that the "
                                              "vote stands.\n", encoding="utf-8")
    site = build_site(Paths(tmp_path / "seeds", ROOT / "registry", ROOT / "templates"))
    alone, kenyan = site.pages["organizations/supreme-court.md"], site.pages["organizations/supreme-court-kenya.md"]
    assert "*Named alone, without its country: the articles below may mean different countries' Supreme Court." \
        in alone
    assert "Named alone" not in kenyan and "**Also known as:** Kenya's Supreme Court" in kenyan


def test_a_registered_body_of_a_country_s_is_found_every_way(tmp_path: Path) -> None:
    """An editor who registers "Supreme Court (Kenya)" gets every way of naming it, and its bare name in an
    article that names it; no discovered entity doubles it."""
    registry = tmp_path / "registry"
    shutil.copytree(ROOT / "registry", registry)
    with (registry / "organizations.yml").open("a", encoding="utf-8") as out:
        out.write("- {name: Supreme Court (Kenya), kind: court, country: Kenya}\n")
    mentions, orgs = _build(load_registry(registry), "The Kenyan Supreme Court ruled on Monday. The Supreme Court "
                            "had heard the case in May.")
    assert [(s, e) for s, e in mentions[0] if e.startswith("organization:")] == [
        ("Kenyan Supreme Court", "organization:supreme-court-kenya"),
        ("Supreme Court", "organization:supreme-court-kenya")]
    assert orgs == {}


def test_the_editor_s_report_gives_the_name_as_written(registry: Registry) -> None:
    article = Article("a", "a.txt", "A", (Block("paragraph", "Taiwan's Fisheries Agency said the boats had left.", 3),))
    analyses, entities = analyse([article], registry)
    assert editor_report(analyses, entities, "seeds")[0] == (
        "seeds/a.txt:3: discovered organization 'Fisheries Agency (Taiwan)' (cue: name of an organization, "
        "written 'Taiwan's Fisheries Agency'); not yet reviewed")


@pytest.mark.parametrize(("body", "full"), [
    ("Health Ministry", "Ministry of Health"),
    ("Foreign Ministry", "Ministry of Foreign Affairs"),
    ("Foreign Affairs Ministry", "Ministry of Foreign Affairs"),
    ("Ministry of the Interior", "Ministry of Interior"),
    ("Trade and Industry Ministry", "Ministry of Trade and Industry"),
    ("Ministry of Foreign Affairs and International Cooperation", "Ministry of Foreign Affairs and International "
                                                                  "Cooperation"),
    ("Supreme Court", "Supreme Court"),
    # a list of portfolios
    ("Economy, Trade and Industry Ministry", "Ministry of Economy, Trade and Industry"),
    ("Ministry of Agriculture, Forestry and Fisheries", "Ministry of Agriculture, Forestry and Fisheries"),
    # a department too
    ("State Department", "Department of State"),
    ("Justice Department", "Department of Justice"),
    ("Homeland Security Department", "Department of Homeland Security"),
    ("Treasury Department", "Department of the Treasury"),
    ("Department of Treasury", "Department of the Treasury"),
    ("Department of Foreign Affairs", "Department of Foreign Affairs"),
])
def test_the_name_a_ministry_goes_by(body: str, full: str) -> None:
    assert full_body(body) == full
    assert body in body_variants(full) or body == "Ministry of Foreign Affairs and International Cooperation"


def test_a_ministry_by_either_name_is_one(registry: Registry) -> None:
    mentions, orgs = _build(registry, "Kenya's Health Ministry said cases rose.",
                            "Kenya's Ministry of Health opened two wards. The Health Ministry said more beds were "
                            "ready.", "The Health Ministry in Lima said nothing. The Ministry of Health sent a note.")
    assert orgs == {"Ministry of Health (Kenya)": ("Kenya's Health Ministry", "Kenya's Ministry of Health"),
                    "Ministry of Health": ("Health Ministry",)}  # named alone: of no one's, one entity still
    assert [e for s, e in mentions[1] if e.startswith("organization:")] == ["organization:ministry-of-health-kenya"] * 2
    assert [e for s, e in mentions[2] if e.startswith("organization:")] == ["organization:ministry-of-health"] * 2


def test_a_department_by_either_name_is_one(registry: Registry) -> None:
    """Before, "the U.S. State Department" and "the U.S. Department of State" were two organizations, and so
    were "the State Department" and "the Department of State" named alone."""
    mentions, orgs = _build(registry, "The U.S. State Department said the talks had ended.",
                            "The U.S. Department of State issued a travel warning. The State Department added a note.",
                            "The State Department said nothing. The Department of State sent a note.")
    assert orgs == {"Department of State (United States)": ("U.S. State Department", "U.S. Department of State"),
                    "Department of State": ("State Department",)}
    state = "organization:department-of-state-united-states"
    assert [e for s, e in mentions[1] if e.startswith("organization:")] == [state] * 2
    assert [e for s, e in mentions[2] if e.startswith("organization:")] == ["organization:department-of-state"] * 2


@pytest.mark.parametrize(("text", "expected"), [
    # before, "of Kenya" was cut off: the ministry was of no one's, and Kenya a country beside it
    ("The Ministry of Health of Kenya said cases rose on Monday.", {"Ministry of Health (Kenya)"}),
    ("The Ministry of Finance of the Philippines raised its forecast.", {"Ministry of Finance (Philippines)"}),
    ("The Supreme Court of Kenya ruled on Tuesday.", {"Supreme Court (Kenya)"}),
    # a second "of" goes on to a country only from a body every country has
    ("The University of Nairobi for Kenya said nothing.", {"University of Nairobi"}),
    ("The Ministry of Health of the European Union said nothing.", {"Ministry of Health"}),
])
def test_a_body_named_with_of_twice_is_its_country_s(registry: Registry, text: str, expected: set[str]) -> None:
    _, orgs = _build(registry, text)
    assert set(orgs) == expected


def test_a_body_in_lower_case_after_its_country_is_the_country_s(registry: Registry) -> None:
    """News prose writes some bodies in lower case: "China’s coast guard", "the Chinese coast guard". They are
    the body that "the China Coast Guard" names (before, each was nothing, and that a name of its own)."""
    mentions, orgs = _build(registry, "China’s coast guard said in a statement that the boats had left.",
                            "The Chinese coast guard ship turned back.",
                            "The China Coast Guard said it had taken measures.",
                            "Russia's foreign ministry said talks would go on. Russia's Foreign Ministry added a note.")
    assert orgs == {"Coast Guard (China)": ("China’s coast guard", "Chinese coast guard", "China Coast Guard"),
                    "Ministry of Foreign Affairs (Russia)": ("Russia's Foreign Ministry", "Russia's foreign ministry")}
    guard = "organization:coast-guard-china"
    assert mentions[:3] == [[("China", "country:china"), ("China’s coast guard", guard)],
                            [("Chinese", "country:china"), ("Chinese coast guard", guard)],
                            [("China", "country:china"), ("China Coast Guard", guard)]]
    assert [e for _, e in mentions[3] if e.startswith("organization:")] == \
        ["organization:ministry-of-foreign-affairs-russia"] * 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Pakistan's army said three soldiers died.", {"Army (Pakistan)"}),
    ("Turkey's central bank raised rates.", {"Central Bank (Turkey)"}),
    ("Joint patrols with the Philippine navy went on.", {"Navy (Philippines)"}),
    ("The Philippines’ supreme court ruled.", {"Supreme Court (Philippines)"}),
    ("Kenya's parliament passed the bill.", {"Parliament (Kenya)"}),
    # a place, not the body; a body not in the list; not right after the country
    ("The flight landed at Guatemala's air force base.", set()),
    ("Kenya's electoral commission met.", set()),
    ("Kenya, whose parliament met, said nothing.", set()),
    # the country's own name before a body keeps the proper name, but for a body that news writes in lower case
    ("The Nigeria Labour Congress called a strike.", {"Nigeria Labour Congress"}),
])
def test_which_bodies_in_lower_case(registry: Registry, text: str, expected: set[str]) -> None:
    _, orgs = _build(registry, text)
    assert set(orgs) == expected


def test_a_body_in_lower_case_says_what_it_quotes(registry: Registry) -> None:
    articles = [Article("a", "a.txt", "A", (Block(
        "paragraph", "China’s coast guard said in a statement that it had taken “necessary control measures” "
                     "against the boats.", 1),))]
    analyses, _ = analyse(articles, registry)
    assert [q.speaker_id for q in analyses[0].quotes] == ["organization:coast-guard-china"]
