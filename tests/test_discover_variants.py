"""Spelling variants resolve to one entity; ambiguous names are not guessed. One row per variant kind."""

from __future__ import annotations

import pytest

from dossier.model import Article, Block
from dossier.pipeline import analyse
from dossier.registry import Registry
from dossier.variants import key, short_forms


@pytest.mark.parametrize(("kind", "one", "other"), [
    ("transliteration", "Tokayev", "Tokaev"),
    ("transliteration", "Kassym-Jomart Tokayev", "Kasym-Zhomart Tokayev"),
    ("transliteration", "Zelensky", "Zelenskyy"),
    ("transliteration", "Volodymyr Zelenskiy", "Volodymyr Zelensky"),
    ("transliteration", "Nikol Pashinyan", "Nikol Pashinian"),
    ("transliteration", "Ilham Aliyev", "Ilham Aliev"),
    ("accents", "Viktor Orbán", "Viktor Orban"),
    ("accents", "Katarzyna Wróblewska", "Katarzyna Wroblewska"),
    ("given-name form", "Stephen Witkoff", "Steve Witkoff"),
    ("given-name form", "Muhammad Irfan Khokhar", "Mohammad Irfan Khokhar"),
    ("patronymic", "Vladimir Vladimirovich Putin", "Vladimir Putin"),
    ("possessive", "Ruto's", "Ruto"),
    ("possessive", "Zelenskyy’s", "Zelensky"),
    ("stray space", "Kassym-Jomart  Tokayev", "Kassym-Jomart Tokayev"),
    ("stray space", "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"),
    ("generational suffix", "Ferdinand Marcos Jr.", "Ferdinand Marcos"),
])
def test_same_key(kind: str, one: str, other: str) -> None:
    assert key(one) == key(other), kind


@pytest.mark.parametrize(("one", "other"), [
    ("Jordan Reyes", "Jordan"), ("Andrew D'Anieri", "Andrew Harnik"), ("Robert Fico", "Roberta Fico"),
    ("Mikhail Mishustin", "Mikhail Mishustina"),
])
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


@pytest.mark.parametrize(("name", "forms"), [
    ("Ferdinand Marcos Jr.", ["Marcos Jr.", "Marcos"]),
    ("Luiz Inácio Lula da Silva", ["Inácio Lula da Silva", "Lula da Silva", "da Silva", "Silva", "Inácio", "Lula",
                                   "Luiz Inácio"]),
    ("Ursula von der Leyen", ["von der Leyen", "Leyen"]),
    ("Liu Dezhong", ["Dezhong", "Liu"]),  # the family name first, in Chinese order
    # three words: the two given names are a short form ("Justice Nor Azlina said"), unless a particle follows
    ("Nor Azlina Hashim", ["Azlina Hashim", "Hashim", "Azlina", "Nor Azlina"]),
    ("Mohd Faizal bin Abdul Rahman", ["Faizal bin Abdul Rahman", "bin Abdul Rahman", "Abdul Rahman", "Rahman",
                                      "Faizal", "Abdul", "Mohd Faizal"]),
    ("Sander van der Meulen", ["van der Meulen", "Meulen"]),  # never "Sander van"
    # a Chinese name of three one-syllable words: the family name first ("Lim said")
    ("Lim Wei Jie", ["Wei Jie", "Jie", "Wei", "Lim", "Lim Wei"]),
    ("John Paul Jones", ["Paul Jones", "Jones", "Paul", "John Paul"]),  # not Chinese order: never "John"
])
def test_short_forms(name: str, forms: list[str]) -> None:
    assert short_forms(name) == forms


def mentions(registry: Registry, *paragraphs: str) -> list[tuple[str, str, bool]]:
    blocks = tuple(Block("paragraph", text, 1 + i) for i, text in enumerate(paragraphs))
    analyses, _ = analyse([Article("a", "a.txt", "A", blocks)], registry)
    return [(m.surface, m.entity_id, m.exact) for m in analyses[0].mentions
            if m.entity_id.startswith(("person:", "organization:"))]


@pytest.mark.parametrize(("kind", "paragraphs", "expected"), [
    ("surname after the full name", ["Senator Carlo Villaluna spoke.", "Villaluna said it was late."],
     [("Carlo Villaluna", "person:carlo-villaluna", True), ("Villaluna", "person:carlo-villaluna", False)]),
    ("transliteration of a discovered name",
     ["Armenian Prime Minister Nikol Pashinyan spoke.", "Later, Pashinian defended the talks."],
     [("Nikol Pashinyan", "person:nikol-pashinyan", True), ("Pashinian", "person:nikol-pashinyan", False)]),
    ("accents of a discovered name", ["Hungarian Prime Minister Viktor Orbán spoke.", "“No,” Orban told reporters."],
     [("Viktor Orbán", "person:viktor-orban", True), ("Orban", "person:viktor-orban", False)]),
    ("given-name form of a discovered name",
     ["Stephen Marlowe, the U.N. coordinator, said aid was late.", "“Steve Marlowe has been in the boats,” she said."],
     [("Stephen Marlowe", "person:stephen-marlowe", True), ("U.N.", "organization:united-nations", True),
      ("Steve Marlowe", "person:stephen-marlowe", False)]),
    ("given-name form of a registered name", ["Stephen Witkoff flew in."],
     [("Stephen Witkoff", "person:steve-witkoff", True)]),  # listed as an alias: exact
    ("transliteration of a registered name", ["Zelenskiy and Tokaev met."],
     [("Zelenskiy", "person:volodymyr-zelensky", True), ("Tokaev", "person:kassym-jomart-tokayev", True)]),
    ("patronymic of a discovered name",
     ["Prime Minister Mikhail Vladimirovich Mishustin said so.", "Mikhail Mishustin added that it was final."],
     [("Mikhail Vladimirovich Mishustin", "person:mikhail-vladimirovich-mishustin", True),
      ("Mikhail Mishustin", "person:mikhail-vladimirovich-mishustin", True)]),
    ("possessive", ["President William Ruto's allies left.", "Ruto's government denied it."],
     [("William Ruto", "person:william-ruto", True), ("Ruto", "person:william-ruto", False)]),
    ("stray space", ["Kassym Jomart Tokayev arrived."],
     [("Kassym Jomart Tokayev", "person:kassym-jomart-tokayev", False)]),
])
def test_variants_resolve_to_one_entity(registry: Registry, kind: str, paragraphs: list[str],
                                        expected: list[tuple[str, str, bool]]) -> None:
    assert mentions(registry, *paragraphs) == expected, kind


def test_surname_alone_needs_the_full_name_in_the_article(registry: Registry) -> None:
    blocks = (Block("paragraph", "Senator Carlo Villaluna spoke.", 1),)
    other = (Block("paragraph", "Villaluna said it was late.", 1),)
    analyses, _ = analyse([Article("a", "a.txt", "A", blocks), Article("b", "b.txt", "B", other)], registry)
    assert [m.entity_id for m in analyses[1].mentions if m.entity_id.startswith("person:")] == []


def test_stray_space_before_a_possessive(registry: Registry) -> None:
    blocks = (Block("paragraph", "Russia 's border with Georgia 's north.", 1),)
    analyses, _ = analyse([Article("a", "a.txt", "A", blocks)], registry)
    assert [m.entity_id for m in analyses[0].mentions if m.entity_id.startswith("country:")][0] == "country:russia"


@pytest.mark.parametrize(("text", "absent"), [
    ("Jordan Reyes, a senior economist, said the deal was political.", "country:jordan"),
    ("Parts are shipped to plants in Texas, Georgia and Tennessee, a Mexican official said.", "country:georgia"),
    ("Michael Jordan played in Chad.", "country:chad"),
])
def test_ambiguous_names_are_not_guessed(registry: Registry, text: str, absent: str) -> None:
    analyses, _ = analyse([Article("a", "a.txt", "A", (Block("paragraph", text, 1),))], registry)
    assert absent not in {m.entity_id for m in analyses[0].mentions}


def test_ambiguous_country_with_country_context_is_kept(registry: Registry) -> None:
    text = "Talks between Armenia, Georgia and Azerbaijan resumed."
    analyses, _ = analyse([Article("a", "a.txt", "A", (Block("paragraph", text, 1),))], registry)
    assert "country:georgia" in {m.entity_id for m in analyses[0].mentions}
