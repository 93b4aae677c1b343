"""Precision, recall and F1 of the build against a hand-made gold file (the format of
``shared/gold/seeds.yml``), per entity type, and the accuracy of quote attribution.

Counting: per article and type, the build's entities are compared by canonical name with the gold
``must`` list (recall) and with ``must`` + ``may`` (precision: anything in neither is a false positive).
An entity counts under a gold name when its name or one of its aliases is that name or one of the gold
file's ``aliases`` for it (accents and case aside): the build's "CSTO" is the gold's "Collective Security
Treaty Organization". A type the gold file annotates nowhere (all its lists empty) is not scored.
A gold quote counts as attributed when a quote of the build containing its fragment has its speaker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .index import KnowledgeBase, build_index
from .model import Entity
from .pipeline import Paths, analyse, read_articles
from .registry import load_registry

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
    # a type the gold file annotates nowhere (every must and may list empty) is not scored
    annotated = {t for t in types if any((spec.get(t) or {}).get("must") or (spec.get(t) or {}).get("may")
                                         for spec in gold["articles"].values())}
    types = tuple(t for t in types if t in annotated)
    scores = {t: Score() for t in types}
    for file_name, expected in sorted(gold["articles"].items()):
        article = by_file.get(file_name)
        if article is None:
            errors.append(f"{file_name}: not among the built articles")
            continue
        found_ids = kb.article_entities.get(article.id, {})
        aliases = gold.get("aliases") or {}
        for gold_key in types:
            kind = GOLD_TYPES[gold_key]
            spec = expected.get(gold_key) or {}
            must = set(spec.get("must") or [])
            may = set(spec.get("may") or [])
            if gold_key == "organizations" and not must:
                continue  # organizations are only scored where the gold file lists some as required
            found = {_gold_name(kb.entities[e], must | may, aliases) for e in found_ids.get(kind, [])}
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
            # the speaker is named as the gold file names people (its aliases apply, as for entities)
            people = set((expected.get("people") or {}).get("must") or []) | {speaker}
            if any(q.speaker_id in kb.entities and _gold_name(kb.entities[q.speaker_id], people, aliases) == speaker
                   for q in match):
                right += 1
            else:
                got = ", ".join(sorted({kb.entities[q.speaker_id].name if q.speaker_id in kb.entities else "nobody"
                                        for q in match})) or "no quote found"
                errors.append(f"{file_name}: quote '{fragment}' should be {speaker}, got {got}")
    scores = {k: v for k, v in scores.items() if v.tp + v.fp + v.fn}
    return Evaluation(scores, right, total, errors)


def knowledge_base(seeds_dir: Path, registry_dir: Path) -> KnowledgeBase:
    """The index of a folder of articles, as the build makes it (no page is rendered: evaluation
    needs only what was found)."""
    articles = read_articles(Paths(seeds_dir, registry_dir))
    analyses, entities = analyse(articles, load_registry(registry_dir, registry_dir.name))
    return build_index(analyses, entities)


def _gold_name(entity: Entity, expected: set[str], aliases: dict[str, Any]) -> str:
    """The gold file's name for an entity of the build: its own name, or the gold name one of its
    names is listed under (the build's "CSTO" is the gold's "Collective Security Treaty Organization"
    when either lists the other as an alias)."""
    own = [_fold(n) for n in (entity.name, *entity.aliases)]
    by_fold = {_fold(g): g for g in expected}
    for name in own:
        if name in by_fold:
            return by_fold[name]
    for gold_name in sorted(expected):
        if any(_fold(str(a)) in own for a in aliases.get(gold_name) or []):
            return gold_name
    return entity.name


def _fold(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_name.replace("’", "'").casefold().split())


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').lower().split())
