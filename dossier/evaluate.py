"""Precision, recall and F1 of the build against a hand-made gold file (the format of
``shared/gold/seeds.yml``), per entity type, and the accuracy of quote attribution.

Counting: per article and type, the build's entities are compared by canonical name with the gold
``must`` list (recall) and with ``must`` + ``may`` (precision: anything in neither is a false positive).
A gold quote counts as attributed when a quote of the build containing its fragment has its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .index import KnowledgeBase

GOLD_TYPES = {"countries": "country", "people": "person", "themes": "theme", "organizations": "organization"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score]
    quotes_right: int
    quotes_total: int
    errors: list[str]  # one line per miss or false positive, for reading

    @property
    def quote_accuracy(self) -> float:
        return self.quotes_right / self.quotes_total if self.quotes_total else 1.0

    def table(self) -> str:
        lines = ["| type | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
        for kind, s in self.scores.items():
            lines.append(f"| {kind} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |")
        lines.append(f"\nquotes attributed correctly: {self.quotes_right}/{self.quotes_total} "
                     f"= {self.quote_accuracy:.3f}")
        return "\n".join(lines)


def load_gold(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "articles" not in data:
        raise ValueError(f"{path}: a gold file needs an 'articles:' mapping")
    return data


def evaluate(kb: KnowledgeBase, gold: dict[str, Any], types: tuple[str, ...] = tuple(GOLD_TYPES)) -> Evaluation:
    by_file = {a.src_uri.rsplit("/", 1)[-1]: a for a in kb.articles}
    scores = {t: Score() for t in types}
    errors: list[str] = []
    right = total = 0
    for file_name, expected in sorted(gold["articles"].items()):
        article = by_file.get(file_name)
        if article is None:
            errors.append(f"{file_name}: not among the built articles")
            continue
        found_ids = kb.article_entities.get(article.id, {})
        for gold_key in types:
            kind = GOLD_TYPES[gold_key]
            spec = expected.get(gold_key) or {}
            must = set(spec.get("must") or [])
            may = set(spec.get("may") or [])
            if gold_key == "organizations" and not must:
                continue  # organizations are only scored where the gold file lists some as required
            found = {kb.entities[e].name for e in found_ids.get(kind, [])}
            score = scores[gold_key]
            score.tp += len(found & must)
            score.fn += len(must - found)
            score.fp += len(found - must - may)
            errors.extend(f"{file_name}: missed {kind} {n}" for n in sorted(must - found))
            errors.extend(f"{file_name}: false {kind} {n}" for n in sorted(found - must - may))
        quotes = kb.analyses[article.id].quotes
        for speaker, fragment in expected.get("quotes") or []:
            total += 1
            norm = _norm(fragment)
            match = [q for q in quotes if norm in _norm(q.text)]
            if any(q.speaker_id and kb.entities.get(q.speaker_id) and kb.entities[q.speaker_id].name == speaker
                   for q in match):
                right += 1
            else:
                got = ", ".join(sorted({kb.entities[q.speaker_id].name if q.speaker_id in kb.entities else "nobody"
                                        for q in match})) or "no quote found"
                errors.append(f"{file_name}: quote '{fragment}' should be {speaker}, got {got}")
    scores = {k: v for k, v in scores.items() if v.tp + v.fp + v.fn}
    return Evaluation(scores, right, total, errors)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').lower().split())
