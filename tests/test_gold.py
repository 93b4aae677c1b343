"""Precision and recall against the hand-made gold annotation of the seeds and of the unseen corpus
(``tests/gold_unseen``: six wire stories written without looking at the registry)."""

from __future__ import annotations

import pytest
from conftest import GOLD, ROOT

from dossier.evaluate import Evaluation, evaluate, knowledge_base, load_gold

# issue 2's targets on the seeds' `must` lists (the build reaches 1.0 on all of them)
RECALL = {"countries": 0.95, "people": 0.95, "themes": 0.85}
PRECISION = 0.95
# issue 3's targets on articles that were never used to tune the registry
UNSEEN = ROOT / "tests" / "gold_unseen"
UNSEEN_F1 = {"countries": 0.95, "people": 0.90}
UNSEEN_QUOTES = 0.90


@pytest.fixture(scope="module")
def seeds_eval() -> Evaluation:
    kb = knowledge_base(ROOT / "seeds", ROOT / "registry")
    return evaluate(kb, load_gold(GOLD), types=("countries", "people", "themes"))


@pytest.fixture(scope="module")
def unseen_eval() -> Evaluation:
    kb = knowledge_base(UNSEEN / "articles", ROOT / "registry")
    return evaluate(kb, load_gold(UNSEEN / "gold.yml"))


def _show(title: str, result: Evaluation) -> None:
    print(f"\n{title}:\n{result.table()}")
    for line in result.errors:
        print("  ", line)


def test_gold_figures_on_seeds(seeds_eval: Evaluation) -> None:
    _show("Seeds against shared/gold/seeds.yml", seeds_eval)
    for kind, target in RECALL.items():
        score = seeds_eval.scores[kind]
        assert score.recall >= target, f"{kind} recall {score.recall:.3f} < {target}"
        assert score.precision >= PRECISION, f"{kind} precision {score.precision:.3f} < {PRECISION}"


def test_gold_quotes_on_seeds(seeds_eval: Evaluation) -> None:
    assert seeds_eval.quotes_total == 9
    assert seeds_eval.quote_accuracy == 1.0, seeds_eval.errors


def test_gold_figures_on_unseen_articles(unseen_eval: Evaluation) -> None:
    _show("Unseen articles against tests/gold_unseen/gold.yml", unseen_eval)
    assert "themes" not in unseen_eval.scores  # the unseen gold annotates no theme: not scored
    for kind, target in UNSEEN_F1.items():
        assert unseen_eval.scores[kind].f1 >= target, f"{kind} F1 {unseen_eval.scores[kind].f1:.3f} < {target}"
    assert unseen_eval.quotes_total == 65
    assert unseen_eval.quote_accuracy >= UNSEEN_QUOTES, unseen_eval.errors


def test_discovered_people_are_marked_unreviewed_with_their_role() -> None:
    kb = knowledge_base(UNSEEN / "articles", ROOT / "registry")
    person = next(e for e in kb.entities.values() if e.name == "Shavkat Mirziyoyev")
    assert person.reviewed is False and person.role == "Uzbek President"
    quotes = kb.quotes_by_speaker["person:stephen-marlowe"]
    assert any("cannot look away" in q.text and "Marlowe said" in q.context for q in quotes)


def test_gold_copy_matches_shared() -> None:
    shared = ROOT.parent / "shared" / "gold"
    if not shared.is_dir():
        pytest.skip("shared/gold is not beside the repository (as on GitHub's CI)")
    for name in ("seeds.yml", "themes.yml"):
        assert (ROOT / "tests" / "gold_seeds" / name).read_bytes() == (shared / name).read_bytes(), name
