"""Discovery of people and organizations the registry does not know: one table row per cue."""

from __future__ import annotations

import pytest
from conftest import analyse_paragraphs, discovered

from dossier.discover import editor_report, scan_phrases
from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.registry import Registry


@pytest.mark.parametrize(("text", "name", "role"), [
    # a title or role before the name
    ("President Ferdinand Marcos Jr. convened the council on Tuesday.", "Ferdinand Marcos Jr.", "President"),
    ("Prime Minister Shehbaz Sharif flew over the districts.", "Shehbaz Sharif", "Prime Minister"),
    ("Uzbek President Shavkat Mirziyoyev telephoned both leaders.", "Shavkat Mirziyoyev", "Uzbek President"),
    ("Secretary of State Marco Rubio arrived in the capital.", "Marco Rubio", "Secretary of State"),
    ("The talks were chaired by Kremlin spokesman Dmitry Peskov on Friday.", "Dmitry Peskov", "Kremlin spokesman"),
    ("The special envoy Kofi Mensah arrived late.", "Kofi Mensah", "special envoy"),
    ("Lt. Gen. Asif Nadeem Warraich toured the camps.", "Asif Nadeem Warraich", "Lt. Gen."),
    # an apposition after it
    ("Teresita Aquino-Villar, director of the Pacific Maritime Institute, spoke.", "Teresita Aquino-Villar",
     "director of the Pacific Maritime Institute"),
    ("Henrik Aalto, a professor at Uppsala University, disagreed.", "Henrik Aalto",
     "professor at Uppsala University"),
    ("Nadia Khattak, who heads the local branch, was there.", "Nadia Khattak", "heads the local branch"),
    ("Renato Albuquerque Fontes, Brazil's secretary of foreign trade, was upbeat.", "Renato Albuquerque Fontes",
     "Brazil's secretary of foreign trade"),
    # a reporting verb
    ("Maria Santos said the count was fair.", "Maria Santos", ""),
    ("Lena Brandt told reporters the plan was dead.", "Lena Brandt", ""),
    ("Omar Haddad wrote in a column that the deal would fail.", "Omar Haddad", ""),
    ("Priya Raman noted that prices had doubled.", "Priya Raman", ""),
    ("“We are ready,” said Tomas Lindgren, who leads the union.", "Tomas Lindgren", "leads the union"),
    ("Aminu Bello, a taxi driver, said fuel now costs half his earnings.", "Aminu Bello", "taxi driver"),
    # a role noun, then the name in commas
    ("Its chairman, C.C. Wei, said the plants would stay.", "C.C. Wei", "chairman"),
    ("The refinery's owner, Aliko Dangote, has said prices will fall.", "Aliko Dangote", "refinery's owner"),
])
def test_person_cues(registry: Registry, text: str, name: str, role: str) -> None:
    found = discovered(registry, text)
    assert list(found) == [name] or name in found, found
    entity = found[name]
    assert entity.type == "person" and entity.reviewed is False
    assert entity.role == role


@pytest.mark.parametrize(("text", "name"), [
    ("The bill came from the Law Society of Kenya last year.", "Law Society of Kenya"),
    ("Members of the Independent Electoral and Boundaries Commission resigned.",
     "Independent Electoral and Boundaries Commission"),
    ("Bruegel, the Brussels-based think tank, published the figures.", "Bruegel"),
    ("The ruling Georgian Dream party suspended the talks.", "Georgian Dream"),
    ("The Dawn newspaper reported the capsizing.", "Dawn"),
    ("He told the newspaper El Universal about it.", "El Universal"),
    ("UNICEF warned of cholera in the camps.", "UNICEF"),
    ("Henrik Aalto, a senior fellow at Bruegel, agreed.", "Bruegel"),
    ("European Council President António Costa spoke.", "European Council"),
])
def test_organization_cues(registry: Registry, text: str, name: str) -> None:
    found = discovered(registry, text)
    assert name in found, found
    assert found[name].type == "organization"


@pytest.mark.parametrize("text", [
    "Sabina Shoal lies west of Palawan.",  # a place with no cue
    "The Taliban's return forced Central Asian states to engage.",  # "states" is no reporting verb here
    "Jordan said nothing.",  # one word is never a discovered person
    "Diplomats say the talks stalled.",  # a word that merely starts a sentence
    "Analysts said the vote was close.",
    "The Commission has structured the ban as a trade measure.",  # a generic head word alone
])
def test_no_cue_no_discovery(registry: Registry, text: str) -> None:
    assert discovered(registry, text) == {}


def test_uncued_phrase_goes_to_the_report_not_the_site(registry: Registry) -> None:
    analyses, entities = analyse_paragraphs(registry, "Supplies reached Sabina Shoal near Palawan.",
                             "Commodore Rafael Dimaculangan said the boat was hit.",
                             "Dimaculangan later said the Orban government was silent.")
    assert not any(e.name == "Sabina Shoal" for e in entities.values())
    lines = editor_report(analyses, entities, "seeds")
    assert "seeds/a.txt:1: unplaced 'Sabina Shoal': no cue (title, apposition or reporting verb)" in lines
    assert any(line.startswith("seeds/a.txt:3: discovered person 'Rafael Dimaculangan', Commodore (cue: title")
               for line in lines)
    assert not any("variant 'Dimaculangan'" in line for line in lines)  # a surname after the full name is normal


def test_registry_variant_is_reported_with_the_registry_line(registry: Registry) -> None:
    analyses, entities = analyse_paragraphs(registry, "Kassym Jomart Tokayev arrived.")  # a space where the hyphen goes
    lines = editor_report(analyses, entities, "seeds")
    assert any(line.startswith("seeds/a.txt:1: variant 'Kassym Jomart Tokayev' matched Kassym-Jomart Tokayev: "
                               "add it to the aliases of Kassym-Jomart Tokayev (registry/people.yml:")
               for line in lines), lines


def test_discovered_name_is_found_in_every_article(registry: Registry) -> None:
    first = Article("one", "one.txt", "One", (Block("paragraph", "Senator Carlo Villaluna spoke.", 1),))
    second = Article("two", "two.txt", "Two", (Block("paragraph", "Carlo Villaluna was not there.", 1),))
    analyses, _ = analyse([first, second], registry)
    assert [m.entity_id for m in analyses[1].mentions] == ["person:carlo-villaluna"]


def test_scan_keeps_particles_and_drops_sentence_starts() -> None:
    text = ("The deal was signed by Luiz Inácio Lula da Silva and Ursula von der Leyen. "
            "Speaking later, Ruto's aide left.")
    phrases = [p.text_of(text) for p in scan_phrases(text, frozenset({"speaking"}))]
    assert phrases == ["Luiz Inácio Lula da Silva", "Ursula von der Leyen", "Ruto"]


def test_discovery_is_one_pass_over_a_large_text(registry: Registry) -> None:
    """A 240 KB block: every cue is found once per sentence (a correctness check, not a timing one)."""
    text = "Senator Carlo Villaluna said the boat was hit. " * 5000
    analyses, entities = analyse_paragraphs(registry, text)
    assert [e.name for e in entities.values() if not e.reviewed] == ["Carlo Villaluna"]
    assert len([m for m in analyses[0].mentions if m.entity_id == "person:carlo-villaluna"]) == 5000
