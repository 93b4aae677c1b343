"""The cleaner, table-driven, and against the headings, captions and debris listed in the gold file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import GOLD, ROOT

from dossier.clean import clean, markdown_plain, split_credit
from dossier.readers import read_seed

GOLD_DATA = yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def blocks_of(name: str) -> list:
    raw = read_seed(ROOT / "seeds" / name, name)
    return clean(raw.lines, raw.first_line)


@pytest.mark.parametrize(("lines", "expected"), [
    (["A paragraph. |", "|", "Another one."], [("paragraph", "A paragraph."), ("paragraph", "Another one.")]),
    (["Intro text.", "Recommended", "More text."], [("paragraph", "Intro text."), ("paragraph", "More text.")]),
    (["Intro text.", "A Short Heading Here", "Body text follows."],
     [("paragraph", "Intro text."), ("heading", "A Short Heading Here"), ("paragraph", "Body text follows.")]),
    (["Text.", "![A man speaks. (Jo Doe/Reuters)]() |", "A man speaks. (Jo Doe/Reuters) |", "More."],
     [("paragraph", "Text."), ("caption", "A man speaks."), ("paragraph", "More.")]),
    (["This line was wrapped by the sender at a width that is much longer than any heading",
      "so it continues here.", "", "Next paragraph."],
     [("paragraph", "This line was wrapped by the sender at a width that is much longer than any heading "
                    "so it continues here."), ("paragraph", "Next paragraph.")]),
    (["“Curly quotes” and dashes — kept as typed."], [("paragraph", "“Curly quotes” and dashes — kept as typed.")]),
])
def test_clean_table(lines: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(b.kind, b.text) for b in clean(lines)] == expected


def test_credit_split() -> None:
    assert split_credit("Trump at a dinner. (Nathan Howard/Reuters)") == ("Trump at a dinner.", "Nathan Howard/Reuters")
    assert split_credit("No credit (here)") == ("No credit (here)", "")


@pytest.mark.parametrize("name", sorted(GOLD_DATA["articles"]))
def test_gold_headings_captions_debris(name: str) -> None:
    expected = GOLD_DATA["articles"][name]
    blocks = blocks_of(name)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == expected.get("headings", []), headings
    captions = [b for b in blocks if b.kind == "caption"]
    credits = [f"({b.credit})" for b in captions]
    assert credits == expected.get("captions", []) or not expected.get("captions")
    if expected.get("captions"):
        assert len({b.text for b in captions}) == len(captions), "each caption is shown once"
    text = "\n".join(b.text for b in blocks)
    for debris in expected.get("artifacts", []):
        if debris.strip() == "Recommended":
            assert not any(b.text == "Recommended" for b in blocks)
        else:
            assert debris not in text, debris
    assert "’" in text or "'" in text  # curly quotes kept as typed


def test_footer_metadata_lifted() -> None:
    raw = read_seed(ROOT / "seeds" / "001_0bb7261515ed437a.txt", "001_0bb7261515ed437a.txt")
    meta = GOLD_DATA["articles"]["001_0bb7261515ed437a.txt"]["metadata"]
    assert raw.meta["source"] == meta["source"]
    assert raw.meta["author"] == meta["author"]
    assert raw.meta["date"].text == meta["date"]
    assert raw.meta["url"] == meta["original_url"]
    assert not any(line.startswith(("Sources:", "Author:", "Disclaimer:")) for line in raw.lines)


def test_seed_bodies_are_as_given() -> None:
    """The seeds' body text is the shared original: only front matter was added."""
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    for original in sorted(shared.iterdir()):
        ours = (ROOT / "seeds" / original.name).read_text(encoding="utf-8")
        assert ours.endswith(original.read_text(encoding="utf-8")), original.name
    assert Path(ROOT / "seeds").is_dir()


@pytest.mark.parametrize(("line", "expected"), [
    ("See [the deal](https://example.com/a_(b)) and `code`.", "See the deal and code."),
    ("It was **firm** and *final*, __not__ _open_ ~~yet~~.", "It was firm and final, not open yet."),
    ("- A point about Kazakhstan.", "A point about Kazakhstan."),
    ("2. The second point.", "The second point."),
    ("> “We are ready,” he said.", "“We are ready,” he said."),
    ("Escaped \\*stars\\* and [a reference][1].", "Escaped *stars* and a reference."),
    ("Text with ![a map](map.png) inside.", "Text with a map inside."),
    ("See ![pic](javascript:alert(9)) now.", "See pic now."),
    ("See <https://example.com>.", "See https://example.com."),
    # what is no Markdown mark stays
    ("5 * 3 = 15, snake_case_name, 2*3*4 and a [bracket].", "5 * 3 = 15, snake_case_name, 2*3*4 and a [bracket]."),
    ("2024. A year to remember - and 5%-10% more.", "2024. A year to remember - and 5%-10% more."),
    ("# A heading with *emphasis*", "# A heading with emphasis"),
    ("![A caption (AP Photo/Jane Roe)](photo.jpg)", "![A caption (AP Photo/Jane Roe)](photo.jpg)"),
    # a rule, a code fence or a link reference is no text
    ("---", ""), ("* * *", ""), ("```python", ""), ("[1]: https://example.com", ""),
])
def test_a_markdown_seed_line_is_read_without_its_marks(line: str, expected: str) -> None:
    assert markdown_plain(line) == expected


def test_a_markdown_seed_shows_its_words_not_its_marks() -> None:
    """Only a .md seed: a .txt seed's asterisks and brackets are the author's, kept as typed."""
    lines = ["Talks with **Kazakhstan** went on, [Tokayev](https://example.com) said.", "", "* * *", "", "- The end."]
    assert [(b.kind, b.text) for b in clean(lines, 1, markdown=True)] == [
        ("paragraph", "Talks with Kazakhstan went on, Tokayev said."), ("paragraph", "The end.")]
    assert [b.text for b in clean(lines, 1)] == [lines[0], "* * *", "- The end."]
