"""The fourth blind corpus (tests/gold_blind4): six wire stories written and annotated by someone who never
saw the code, the registry or the other tests, measured once with the rules as they stood after the third
set. This is issue 3's measure on articles never used to tune anything:

    countries F1 0.981, people F1 0.961, organizations F1 0.821, quotes 63/70 = 0.900

(targets: countries 0.95, people 0.90, quotes 0.90). The seven quote misses: in the Vietnamese factory
story, two quotes of a worker (Nguyễn Thị Thu Hà) go to nobody, and two of a manager whom discovery did not
find as a person (Park Ji-hoon: one goes to nobody, one is a two-word scare quote not found as a quote); one
quote each in the Argentine and Spanish stories goes to nobody; and in a Sri Lankan market exchange one
reply goes to the woman who asked rather than the man who answered. Two people are missed: Bidzina
Ivanishvili and Aliko Dangote, named without any cue.
Nobody has tuned on this set; if a later change is validated on it, it stops being blind, and a fifth
set must take its place. The assertions hold the targets, not the figures, so that the suite fails if
a change drops this set below what the issue asks."""

from __future__ import annotations

from conftest import ROOT, gold_figures

BLIND4 = ROOT / "tests" / "gold_blind4"


def test_blind4_figures() -> None:
    result = gold_figures(BLIND4, "Fourth blind corpus")
    assert result.quotes_total == 70
    assert result.scores["countries"].f1 >= 0.95
    assert result.scores["people"].f1 >= 0.90
    assert result.quote_accuracy >= 0.90, result.errors
