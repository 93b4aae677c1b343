"""The world map of the countries index: each country shaded by the number of articles that mention it.

The shapes ship in ``dossier/data/worldmap.json`` (Natural Earth 1:110m from npm's world-atlas, made
by ``scripts/make_worldmap.py``), keyed by ISO 3166-1 numeric code, which pycountry gives for each
country: nothing is fetched at build or view time. The SVG is inline; shades are CSS classes whose
colours are CSS variables, so the map follows Material's light and dark schemes.
"""

from __future__ import annotations

import functools
import json
import math
from html import escape
from pathlib import Path
from typing import Any

import pycountry

from .graph import href
from .index import KnowledgeBase
from .model import Entity

DATA = Path(__file__).resolve().parent / "data" / "worldmap.json"
SHADES = 5


@functools.cache
def map_data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def numeric_code(entity: Entity) -> str:
    """The ISO 3166-1 numeric code of a country entity ("" for a former country or an unknown code)."""
    iso = dict(entity.extra).get("iso", "")
    country = pycountry.countries.get(alpha_2=iso) if len(iso) == 2 else None
    return country.numeric if country is not None else ""


def shade(count: int, most: int) -> int:
    """1..SHADES on a log scale, so one much-covered country does not wash out all the others."""
    if count <= 0:
        return 0
    if most <= 1:
        return SHADES
    return 1 + min(SHADES - 1, int((SHADES - 1) * math.log(count) / math.log(most) + 1e-9))


def world_map(kb: KnowledgeBase, page: str) -> tuple[str, list[Entity]]:
    """The map as one line of SVG, and the mentioned countries it cannot show (former or too small)."""
    data = map_data()
    counts = {e.id: len(kb.entity_articles.get(e.id, [])) for e in kb.of_type("country")}
    most = max(counts.values(), default=0)
    by_code: dict[str, Entity] = {}
    missing = []
    for entity in kb.of_type("country"):
        code = numeric_code(entity)
        if code and code in data["countries"]:
            by_code[code] = entity
        else:
            missing.append(entity)
    x, y, w, h = data["viewBox"]
    out = [f'<svg class="dossier-map" viewBox="{x} {y} {w} {h}" width="100%" role="group" '
           f'aria-label="World map: countries shaded by the number of articles that mention them; each shaded '
           f'country links to its page" xmlns="http://www.w3.org/2000/svg">']
    for code, shape in data["countries"].items():
        shown = by_code.get(code)
        if shown is None:
            out.append(f'<path class="dm-0" d="{shape["d"]}"/>')
            continue
        n = counts[shown.id]
        label = f"{shown.name}: {n} article{'s' if n != 1 else ''}"
        out.append(f'<a href="{escape(href(page, shown.path))}" aria-label="{escape(label)}">'
                   f'<title>{escape(label)}</title><path class="dm-{shade(n, most)}" d="{shape["d"]}"/></a>')
    out.append("</svg>")
    return "".join(out), missing


def legend(kb: KnowledgeBase) -> list[tuple[int, str]]:
    """(shade, "n-m articles") for the shades in use, lightest first."""
    most = max((len(kb.entity_articles.get(e.id, [])) for e in kb.of_type("country")), default=0)
    ranges: dict[int, list[int]] = {}
    for n in range(1, most + 1):
        ranges.setdefault(shade(n, most), []).append(n)
    out = []
    for level, ns in sorted(ranges.items()):
        text = f"{ns[0]}" if ns[0] == ns[-1] else f"{ns[0]}–{ns[-1]}"
        out.append((level, f"{text} article{'s' if ns[-1] != 1 else ''}"))
    return out
