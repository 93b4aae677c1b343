"""Precision and recall against the hand-made gold annotation of the seeds (and the unseen corpus)."""

from __future__ import annotations

import pytest
from conftest import GOLD, ROOT

from dossier.evaluate import evaluate, load_gold
from dossier.pipeline import Paths, build_site

# issue 2's targets on the seeds' `must` lists
RECALL = {"countries": 0.95, "people": 0.95, "themes": 0.85}
PRECISION = 0.95


@pytest.fixture(scope="module")
def seeds_eval():
    site = build_site(Paths.from_root(ROOT))
    return evaluate(site.kb, load_gold(GOLD), types=("countries", "people", "themes"))


def test_gold_figures_on_seeds(seeds_eval) -> None:
    print("\nSeeds against shared/gold/seeds.yml:\n" + seeds_eval.table())
    for line in seeds_eval.errors:
        print("  ", line)
    for kind, target in RECALL.items():
        score = seeds_eval.scores[kind]
        assert score.recall >= target, f"{kind} recall {score.recall:.3f} < {target}"
        assert score.precision >= PRECISION, f"{kind} precision {score.precision:.3f} < {PRECISION}"


def test_gold_quotes_on_seeds(seeds_eval) -> None:
    assert seeds_eval.quotes_total == 9
    assert seeds_eval.quote_accuracy == 1.0, seeds_eval.errors
