"""The cues for ordinary people that news prose introduces with no title: an age, an origin, and a
surname quoted alone with a reporting verb. One table row per cue, positive and negative."""

from __future__ import annotations

import pytest
from conftest import ROOT, discovered

from dossier import classify as classification
from dossier.cues import AGE_AFTER
from dossier.extract import Matcher
from dossier.model import Article, Block
from dossier.phrases import SpanIndex, scan_phrases, vocabulary_of
from dossier.pipeline import Paths, read_articles
from dossier.registry import Registry
from dossier.surnames import surname_cue, surname_keys
from dossier.variants import key


@pytest.mark.parametrize(("paragraphs", "name", "role"), [
    # an age in commas
    (["Tomas Huaman, 61, lost half his alpacas in August."], "Tomas Huaman", ""),
    (["The boat was hit, said Kim Dae-sung, 70."], "Kim Dae-sung", ""),
    (["Ana Ruiz, aged 41, “never wanted to leave”, her sister said."], "Ana Ruiz", ""),
    # an apposition with an age or an origin and no role noun
    (["Among them was Yesenia Alvarado, a 27-year-old Salvadoran who spent a year in Tijuana."],
     "Yesenia Alvarado", "27-year-old Salvadoran"),
    (["Pablo Ferrer, a 19-year-old, was the youngest on the boat."], "Pablo Ferrer", "19-year-old"),
    (["Kwame Boateng, an Ashanti who runs a bus company, said fuel prices had doubled."], "Kwame Boateng",
     "Ashanti"),
    (["Ruth Adler, a Democrat from Ohio, voted against the bill."], "Ruth Adler", "Democrat from Ohio"),
    # a hyphenated title
    (["U.N. Secretary-General Antonio Vitorino demanded their release."], "Antonio Vitorino",
     "U.N. Secretary-General"),
    # a full name with no cue, then its surname alone with a reporting verb
    (["Rosa Quispe walked three hours to the market on Friday.",
      "“The rain used to come in October,” said Quispe, 52, who farms the terraces."], "Rosa Quispe", ""),
    (["Marta Ixil stepped off the bus in the rain.", "Ixil said she would go home."], "Marta Ixil", ""),
    (["Amadou Keita sells phone cards near the station.", "“Business is dead,” Keita told reporters."],
     "Amadou Keita", ""),
    (["Park Ji-hoon spent two decades on trawlers.", "“The sea does not care,” Park said."], "Park Ji-hoon", ""),
    (["Luis Ferreira Junior, the mayor's cousin, had left.", "Farid Gomez Jr. stayed behind.",
      "“We are still here,” said Gomez."], "Farid Gomez Jr.", ""),
])
def test_person_cues_without_title(registry: Registry, paragraphs: list[str], name: str, role: str) -> None:
    found = discovered(registry, *paragraphs)
    assert name in found, found
    assert found[name].type == "person"
    assert found[name].role == role


@pytest.mark.parametrize(("paragraphs", "absent"), [
    (["The agriculture ministry said Monday that credit would be extended."], "Monday"),
    (["Officials said Thursday that the port would reopen."], "Thursday"),
    (["“We have never seen this,” said Lima, Peru's capital, in a statement."], "Lima"),
    (["“We are not asking for favours,” said the Foreign Ministry."], "Foreign Ministry"),  # an organization
    (["Ghana Airways, a 50-year-old company, said it would cut routes."], "Ghana Airways"),  # an organization
    (["Accra Arts Festival, a 20-year-old tradition, was cancelled."], "Accra Arts Festival"),
    (["Bruegel Lab, a Brussels think tank, published figures."], "Bruegel Lab"),
    (["The treaty was signed in Geneva Accords, 1949, and revised."], "Geneva Accords"),  # a year, not an age
    (["Sales at Union Square, 12, Market Street, fell."], "Union Square"),  # a number before a capitalised word
    # a surname with no full name of its own, or two of them, or a place
    (["Maria Lopez runs a shop.", "Officials said the shop would close."], "Maria Lopez"),
    (["Lee Min-jung and Lee Sang-ho fish from Busan.", "“We go further every year,” Lee said."], "Lee Min-jung"),
    (["In Puerto Barrios the port was busy.", "“Never busier,” Barrios said."], "Puerto Barrios"),
    (["Samsung Electronics and Tokyo Electron sent executives.", "Samsung said it was pleased."],
     "Samsung Electronics"),  # a company is shortened by its first word, not its last
    (["The plan was drafted by Samuel Addo Consulting.", "Addo said the firm had been paid."],
     "Samuel Addo Consulting"),
    (["Diego Barrios, the agency's chief, spoke.", "Gloria Barrios was not there.", "Barrios said it was over."],
     "Gloria Barrios"),  # the surname belongs to the person introduced with a cue
])
def test_no_person_without_a_cue(registry: Registry, paragraphs: list[str], absent: str) -> None:
    found = discovered(registry, *paragraphs)
    assert absent not in found or found[absent].type != "person", found


@pytest.mark.parametrize(("text", "surname", "expected"), [
    ("“I left with nothing,” said Ajanel, 34, who was detained.", "Ajanel", True),
    ("Back at the base, Ajanel said he would take a bus.", "Ajanel", True),
    ("“It is over,” Ajanel told reporters.", "Ajanel", True),
    ("The plan would work, says Ruiz.", "Ruiz", True),
    ("“We go on,” said Ruiz, “whatever it costs.”", "Ruiz", True),
    ("Ajanel was among 135 passengers.", "Ajanel", False),  # no reporting verb
    ("“It is over,” said Lima, Peru's capital.", "Lima", False),  # a place: a capitalised word follows
    ("“It is over,” said Ajanel on Monday.", "Ajanel", False),  # not closed by a comma, a quote or the end
    ("Reporters asked Ajanel about it.", "Ajanel", False),  # spoken to
    ("“It is over,” said IOM.", "IOM", False),  # an acronym
    ("“It is over,” said Secretary.", "Secretary", False),  # a title
])
def test_surname_cue(text: str, surname: str, expected: bool) -> None:
    phrase = next(p for p in scan_phrases(text) if p.text_of(text) == surname)
    assert surname_cue(text, phrase) is expected


@pytest.mark.parametrize(("name", "surnames"), [
    ("Marvin Ajanel", ["Ajanel"]),
    ("Farid Gomez Jr.", ["Gomez"]),
    ("Han Seung-woo", ["Seung-woo", "Han"]),  # Korean order: the family name first
    ("Samsung Electronics", ["Electronics"]),  # never the first word of an ordinary name
    ("Ajanel", []),
])
def test_surname_keys(name: str, surnames: list[str]) -> None:
    assert surname_keys(name.split()) == [key(s) for s in surnames]


@pytest.mark.parametrize(("text", "age"), [
    (", 34, who was detained", "34"),
    (", 34.", "34"),
    (", 45, said", "45"),
    (", aged 70, lost", "70"),
    (", 12, Market Street", None),
    (", 2025, the", None),
])
def test_age_after_a_name(text: str, age: str | None) -> None:
    match = AGE_AFTER.match(text)
    assert (match.group(1) if match else None) == age


def test_a_phrase_a_registry_name_holds_is_classified_as_in_full(registry: Registry,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """classify skips a phrase that one registry name holds and that no organization's name can go on from
    (issue 5: four phrases in ten here, seven in ten in the benchmark's corpus); on every phrase of the seeds
    and the gold corpora it returns what the whole classification returns, which is nothing for such a phrase."""
    folders = [ROOT / "seeds", *sorted(ROOT.glob("tests/gold_*/articles"))]
    articles = [a for folder in folders for a in read_articles(Paths(folder, ROOT / "registry", ROOT / "templates"))]
    # and registry names that an organization's name goes on from, over each kind of gap
    articles.append(Article("joined", "joined.txt", "Joined", tuple(Block("paragraph", text, 1 + 2 * i) for i, text in
                                                                     enumerate((
        "The Atlantic Council for Eurasian Studies said the plan would fail.",
        "A report by the Atlantic Council of Central Asia was published on Monday.",
        "Getty Images’ Photo Licensing Office confirmed the sale.",
        "The Atlantic Council's Eurasia Center hosted the talks.")))))
    vocabulary = vocabulary_of(articles)
    matcher = Matcher(registry)
    cases = []
    for article in articles:
        for block in article.blocks:
            known = SpanIndex((c.start, c.end) for c in matcher.find(block.text))
            found = scan_phrases(block.text, vocabulary)
            cases += [(block.text, p, found[i + 1] if i + 1 < len(found) else None, known, found[i + 2: i + 5])
                      for i, p in enumerate(found)]
    skipped = [case for case in cases if case[3].covering(case[1].start, case[1].end)
               and not classification._may_go_on(*case[:3])]
    quick = [classification.classify(*case) for case in cases]
    monkeypatch.setattr(classification, "_may_go_on", lambda *_: True)  # every phrase classified in full
    assert [classification.classify(*case) for case in cases] == quick
    assert len(skipped) > len(cases) // 4 and not any(classification.classify(*case) for case in skipped)
