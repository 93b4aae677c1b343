"""Rules added after the third blind set (tests/gold_blind3) was measured, each with rows it must find and
rows it must not, on invented text: a name after a role noun that closes an inverted attribution ("“...,”
replied the administrator, X."), "Nobel laureate", "superintendent", "commanded by", a title that is a
name's first word ("former Prime Minister Sheikh X"), an abbreviated given name ("Ma. X Y"), the plural of
a noun for people that ends an organization's name ("Civil Engineers", "Garment Workers"), head words of aid
bodies ("Aid", "Relief", "Programme"), long names joined over "and", "for" and a plural possessive, an
acronym in brackets, and "U.S." inside a name."""

from __future__ import annotations

import pytest
from conftest import discovered

from dossier.classify import plural_noun
from dossier.phrases import scan_phrases
from dossier.registry import Registry


@pytest.mark.parametrize(("paragraphs", "name"), [
    # a role noun and its comma, then the name closing an inverted attribution
    (["“The wages will be paid on Friday,” replied the administrator, Tomasz Brevik."], "Tomasz Brevik"),
    (["“Stay inside until the smoke clears,” said his deputy, Anneli Korhonen."], "Anneli Korhonen"),
    # titles
    (["The cabinet led by Nobel laureate Elin Marsh resigned on Friday."], "Elin Marsh"),
    (["Regional Police Superintendent Daniel Okoro Mensah said the roads were closed."], "Daniel Okoro Mensah"),
    (["The militia is commanded by Ibrahim Tarik Osei, known as Tiger."], "Ibrahim Tarik Osei"),
    # a title that is also the first word of a name, after another title
    (["The protests began after former Prime Minister Sheikh Marwa fled the country."], "Sheikh Marwa"),
    (["Foreign Minister Sheikh Talal Hamad arrived on Monday."], "Talal Hamad"),
    # an abbreviated given name
    (["The bay once gave “the best catch in the region,” according to Ma. Lourdes Bautista-Reyes, the town’s "
      "treasurer."], "Ma. Lourdes Bautista-Reyes"),
    (["Md. Rafiqul Karim, a tailor, said the gate was locked."], "Md. Rafiqul Karim"),
])
def test_people(registry: Registry, paragraphs: list[str], name: str) -> None:
    found = discovered(registry, *paragraphs)
    assert name in found, found
    assert found[name].type == "person"


@pytest.mark.parametrize(("paragraphs", "absent"), [
    # the name closing an attribution needs a role noun and an inverted verb before it
    (["“The road is open,” said the report, Puerto Lempira."], "Puerto Lempira"),
    (["“We will see,” said the manager, on Monday."], "Monday"),
    # a plural noun for people ends an organization's name, never a person's
    (["The Union of Dock Workers said on Monday it would strike."], "Dock Workers"),
    (["The Association of Mining Engineers said the towers were unsafe."], "Mining Engineers"),
    (["The National Dock Workers’ Unity Front said it would march."], "National Dock Workers"),
    # the head words of aid bodies
    (["The Emir Khalid Humanitarian Aid and Relief Agency said the convoy had left."], "Khalid Humanitarian Aid"),
    (["The Global Food Programme said rations would be cut."], "Global Food Programme"),
    # the abbreviation only starts a name: after a given name "Ma." ends a sentence
    (["“It is over,” said Jun Ma. Lena Park said nothing."], "Ma. Lena Park"),
    # "U.S." and the word after it are no person
    (["Prices rose in the U.S. Analysts said they would fall."], "U.S. Analysts"),
    # "Sheikh" after a title with two name words after it stays a title
    (["Foreign Minister Sheikh Talal Hamad arrived on Monday."], "Sheikh Talal Hamad"),
])
def test_no_person(registry: Registry, paragraphs: list[str], absent: str) -> None:
    found = discovered(registry, *paragraphs)
    assert absent not in found or found[absent].type != "person", found


@pytest.mark.parametrize(("paragraphs", "name"), [
    # over "and" to a name that ends in a head word, even with a country first
    (["The Kenya Tea Growers and Packers Association said prices had fallen."],
     "Kenya Tea Growers and Packers Association"),
    (["Twelve died, according to the Rescue Service and Civil Defence."], "Rescue Service and Civil Defence"),
    (["The Emir Khalid Humanitarian Aid and Relief Agency said the convoy had left."],
     "Emir Khalid Humanitarian Aid and Relief Agency"),
    # over "of", then "for", then "and" to a plural noun
    (["The Department of Licensing for Markets and Warehouses said the stalls were cited."],
     "Department of Licensing for Markets and Warehouses"),
    # over a plural possessive to a head word
    (["The National Dock Workers’ Unity Front said it would march."], "National Dock Workers’ Unity Front"),
    (["Lawmakers from the Liberal People's Party voted against it."], "Liberal People's Party"),
    # a plural noun for people after "of" a head
    (["The Chamber of Mining Engineers said the towers were unsafe."], "Chamber of Mining Engineers"),
    (["The Global Food Programme said rations would be cut."], "Global Food Programme"),
    # an acronym in brackets: the initials, or a preposition before the name
    (["She is the field coordinator for Medics Beyond Frontiers (MSF) in the camp."], "Medics Beyond Frontiers"),
    (["Lawmakers of the Green Renewal Movement (GRM) walked out."], "Green Renewal Movement"),
    # "U.S." starts a name: its full stop ends no sentence
    (["The U.S. Patent Office said in a statement that it would review the claim."], "U.S. Patent Office"),
])
def test_organizations(registry: Registry, paragraphs: list[str], name: str) -> None:
    found = discovered(registry, *paragraphs)
    assert name in found, found
    assert found[name].type == "organization"


@pytest.mark.parametrize(("paragraphs", "absent"), [
    # a complete name with a registered one in it is not continued over "and"
    (["Kenya Airways and Uganda Revenue Authority signed a deal."], "Kenya Airways and Uganda Revenue Authority"),
    # "and" reaches no company's name after a ministry
    (["The Ministry of Health and Zentiva said the vaccines had arrived."], "Ministry of Health and Zentiva"),
    # a second "for" does not reach a registered name
    (["She studied at the University of Nairobi for Kenya's sake."], "University of Nairobi for Kenya"),
    # a person's party in brackets makes no organization of the person
    (["Imran Aziz (PTI) spoke first."], "Imran Aziz"),
    # a possessive that is no plural noun for people joins nothing (but a body every country has takes its
    # country's name: "Kenya's Foreign Ministry", see test_discover_names)
    (["Kenya's Tea Board said talks would resume."], "Kenya's Tea Board"),
])
def test_no_organization(registry: Registry, paragraphs: list[str], absent: str) -> None:
    found = discovered(registry, *paragraphs)
    assert absent not in found or found[absent].type != "organization", found


@pytest.mark.parametrize(("word", "expected"), [
    ("Workers", True), ("Engineers", True), ("Economists", True), ("Physicians", True), ("Fishermen", True),
    ("People", True), ("Fellows", False), ("Williams", False), ("Adams", False), ("Reyes", False),
    ("Hassan", False), ("News", False),
])
def test_plural_noun(word: str, expected: bool) -> None:
    assert plural_noun(word) is expected


@pytest.mark.parametrize(("text", "phrases"), [
    ("The U.S. State Department said.", ["U.S. State Department"]),
    ("He moved to the U.S. The talks failed.", ["U.S."]),
    ("according to Ma. Cristina Reyes, the treasurer", ["Ma. Cristina Reyes"]),
    ("said Jack Ma. Lena Park left.", ["Jack Ma", "Lena Park"]),
    ("Ma. Reyes left.", ["Ma", "Reyes"]),  # one word after it: no given name
    # lower-case words are skipped a run at a time (phrases._TOKENS_OR_PLAIN): a particle or "al-" still counts
    ("the rise of de Gaulle and of la France", ["Gaulle", "France"]),
    ("Charles de Gaulle met al-Sisi and el-Baradei, not al-qaeda or e-mail users", ["Charles de Gaulle", "al-Sisi",
                                                                                  "el-Baradei"]),
    ("the 3rd Street of Foo_bar, then mcDonald and Émile Zola’s élan", ["Street", "Foo_bar", "Émile Zola"]),
])
def test_phrases(text: str, phrases: list[str]) -> None:
    vocabulary = frozenset({"state", "talks", "analysts"})
    assert [p.text_of(text) for p in scan_phrases(text, vocabulary)] == phrases


@pytest.mark.parametrize("before", [
    "", "the ", "said Prime Minister ", "the Secretary of the ", "the Secretary of ", "the Secretary of  the\n",
    "(Dr. ", "e.g. ", "x" * 70 + " of the ", "y" * 58 + " Chief ", "Chief", "the of ", "of the ", "1st ",
    "a Vice-President ", "le ministre délégué ",
])
def test_title_before_reads_the_window_backwards(before: str) -> None:
    """classify.title_before matches a reversed pattern at one place: it must find what TITLE_BEFORE,
    searched over the last NEAR characters, finds."""
    from dossier.classify import title_before
    from dossier.cues import NEAR, TITLE_BEFORE

    found = TITLE_BEFORE.search(before, max(0, len(before) - NEAR))
    assert title_before(before) == ((found.group(1), found.start(1), found.group()) if found else None)


@pytest.mark.parametrize("before", [
    "", "at ", "a professor at ", "a professor at the ", "a professor at  the\n", "a hydrologist with ",
    "a technician with the  ", "a professor at", "a professor at the", "a professor that ", "he sat with ",
    "a professor at The ", "a professor with the the ", "x" * 80 + " an economist at the ", "a professor at\t",
])
def test_the_workplace_cue_is_searched_for_only_after_its_last_words(before: str) -> None:
    """classify._last_word_is(before, WORKPLACE_LAST_WORDS) is true wherever WORKPLACE_BEFORE finds a match,
    so testing it first changes no result (the cases are texts that match and near misses)."""
    from dossier.classify import _last_word_is
    from dossier.cues import NEAR, WORKPLACE_BEFORE, WORKPLACE_LAST_WORDS

    near = max(0, len(before) - NEAR)
    assert not WORKPLACE_BEFORE.search(before, near) or _last_word_is(before, WORKPLACE_LAST_WORDS)
