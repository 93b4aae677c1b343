"""The measuring tools: ``evaluate`` against a gold file, and the editor's report of ``check``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from dossier.evaluate import evaluate, knowledge_base

CLI = str(ROOT / "build_pages.py")
ARTICLE = ("Armenia and Azerbaijan agree border commission\n\n"
           "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in Tbilisi.\n\n"
           "“Our children should know the border,” Pashinyan said.\n\n"
           "Armenia has frozen its part in the Collective Security Treaty Organization.\n\n"
           "Later, Pashinian defended the talks near Lake Sevan.\n")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    return tmp_path


def gold(themes: list[str] | None = None) -> dict:
    return {"aliases": {"Collective Security Treaty Organization": ["CSTO"]}, "articles": {"talks.txt": {
        "countries": {"must": ["Armenia", "Azerbaijan", "Georgia"], "may": []},
        "people": {"must": ["Nikol Pashinyan", "Ilham Aliyev"], "may": []},
        "organizations": {"must": ["Collective Security Treaty Organization"], "may": []},
        "themes": {"must": themes or [], "may": []},
        "quotes": [["Nikol Pashinyan", "Our children should know the border"]]}}}


def test_scores_per_type_with_gold_aliases(corpus: Path) -> None:
    result = evaluate(knowledge_base(corpus / "seeds", corpus / "registry"), gold())
    assert {k: (s.tp, s.fp, s.fn) for k, s in result.scores.items()} == {
        "countries": (3, 0, 0), "people": (2, 0, 0), "organizations": (1, 0, 0)}  # the registry's CSTO counts
    assert (result.quotes_right, result.quotes_total) == (1, 1)


def test_a_type_the_gold_file_never_annotates_is_not_scored(corpus: Path) -> None:
    kb = knowledge_base(corpus / "seeds", corpus / "registry")
    assert "themes" not in evaluate(kb, gold()).scores
    scored = evaluate(kb, gold(themes=["Peace mediation"]))
    assert scored.scores["themes"].fn == 1 and "talks.txt: missed theme Peace mediation" in scored.errors


def test_evaluate_command_prints_the_table(tmp_path: Path) -> None:
    result = run([sys.executable, CLI, "evaluate", "tests/gold_unseen/gold.yml", "--seeds",
                  "tests/gold_unseen/articles"], timeout=120)
    assert result.stdout.startswith("| type | precision | recall | F1 | tp | fp | fn |")
    assert "| people |" in result.stdout and "quotes attributed correctly: " in result.stdout


def test_check_prints_the_editors_report(corpus: Path) -> None:
    result = run([sys.executable, CLI, "check"], cwd=corpus, timeout=120)
    assert result.stdout.strip() == "No problems found."
    report = result.stderr.splitlines()
    assert report[0].startswith("Editor's report (")
    assert "seeds/talks.txt:3: discovered person 'Nikol Pashinyan', Armenian Prime Minister (cue: title " \
           "'Armenian Prime Minister'); not yet reviewed" in report
    assert "seeds/talks.txt:9: variant 'Pashinian' matched Nikol Pashinyan: Nikol Pashinyan is a discovered " \
           "person" in report
    assert "seeds/talks.txt:9: unplaced 'Lake Sevan': no cue (title, apposition or reporting verb)" in report
