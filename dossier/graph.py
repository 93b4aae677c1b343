"""The relationship graph: entities linked by the paragraphs they share, drawn at build time as SVG.

Two entities are linked by the number of paragraphs that name both (an article about everything links
everything; a paragraph is a closer tie). The layout is a fixed number of force-directed steps from a
circle in name order, so the same knowledge base always gives the same picture, byte for byte. The SVG
is inline, its nodes are links to the entity pages, and its colours come from CSS variables
(``docs/stylesheets/reader.css``), so it follows Material's light and dark schemes.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Mapping
from html import escape

from .index import KnowledgeBase
from .model import ArticleAnalysis, Entity
from .text import relative_path

GRAPH_NODES = 50  # the whole-knowledge-base graph shows the most connected entities
EDGES_PER_NODE = 3
NEIGHBOURS = 10
ITERATIONS = 300
GRAPH_SIZE = (760, 680)  # the whole-knowledge-base graph's width and height


def page_url(src: str) -> str:
    """The URL MkDocs gives a page's source path (``use_directory_urls``): people/x.md -> people/x/."""
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/" if src.endswith(".md") else src


def href(from_src: str, to_src: str) -> str:
    """A link for raw HTML, which MkDocs does not rewrite: relative between the two built URLs."""
    target = page_url(to_src)
    link = relative_path(target, page_url(from_src))
    return link + "/" if target.endswith("/") and link != "." else ("./" if link == "." else link)


def paragraph_entities(analysis: ArticleAnalysis) -> list[list[str]]:
    """The entities each paragraph of one article names, sorted, for the paragraphs that name two or more:
    an article's whole share of the graph (the incremental cache digests it)."""
    by_block: dict[int, set[str]] = {}
    for mention in analysis.mentions:
        by_block.setdefault(mention.block, set()).add(mention.entity_id)
    return [sorted(ids) for ids in by_block.values() if len(ids) > 1]


def paragraph_weights(kb: KnowledgeBase) -> Counter[tuple[str, str]]:
    """(a, b) with a < b -> the number of paragraphs naming both."""
    weights: Counter[tuple[str, str]] = Counter()
    for analysis in kb.analyses.values():
        for ordered in paragraph_entities(analysis):
            # every pair in order, counted by Counter's C loop (the pairs of ten thousand articles' paragraphs)
            weights.update(itertools.combinations([e for e in ordered if e in kb.entities], 2))
    return weights


def _strongest(weights: Mapping[tuple[str, str], int], nodes: list[str], per_node: int) -> list[tuple[str, str, int]]:
    """Each node's ``per_node`` strongest links (so no node is drowned by a hub), deduplicated; ``weights``
    needs only the pairs of ``nodes`` (a < b)."""
    by_node: dict[str, list[tuple[int, str, str]]] = {}
    ordered = sorted(nodes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            w = weights.get((a, b), 0)
            if w > 0:
                by_node.setdefault(a, []).append((-w, b, a))
                by_node.setdefault(b, []).append((-w, a, b))
    kept: set[tuple[str, str]] = set()
    for node in sorted(by_node):
        for _, other, _ in sorted(by_node[node])[:per_node]:
            kept.add((min(node, other), max(node, other)))
    return sorted(((a, b, weights[(a, b)]) for a, b in kept), key=lambda e: (-e[2], e[0], e[1]))


def layout(nodes: list[str], links: list[tuple[str, str]], width: float, height: float,
           iterations: int = ITERATIONS) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle, fixed steps: deterministic. Returns positions inside the box.
    The links pull alike, whatever their weights (the drawing shows those), so the picture stays put
    while edits shift the weights; ``links`` come sorted, so one set of links has one layout."""
    n = len(nodes)
    if n == 0:
        return {}
    xs = [math.cos(2 * math.pi * i / n) for i in range(n)]
    ys = [math.sin(2 * math.pi * i / n) for i in range(n)]
    at = {node: i for i, node in enumerate(nodes)}
    pairs = [(at[a], at[b]) for a, b in links]
    k = math.sqrt(4.0 / n)
    k2 = k * k
    temp = 0.2
    for _ in range(iterations):  # plain lists and locals: the inner loop runs n²/2 times a step
        fxs, fys = [0.0] * n, [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in range(i + 1, n):
                dx, dy = xi - xs[j], yi - ys[j]
                d2 = max(dx * dx + dy * dy, 1e-6)
                push = k2 / d2  # the repulsion k²/d along the unit vector (dx, dy)/d
                fx += dx * push
                fy += dy * push
                fxs[j] -= dx * push
                fys[j] -= dy * push
            fxs[i] += fx
            fys[i] += fy
        for i, j in pairs:
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            pull = max(math.hypot(dx, dy), 1e-3) / k  # the attraction d²/k along the unit vector
            fxs[i] -= dx * pull
            fys[i] -= dy * pull
            fxs[j] += dx * pull
            fys[j] += dy * pull
        for i in range(n):
            dx, dy = fxs[i], fys[i]
            dist = max(math.hypot(dx, dy), 1e-9)
            step = min(dist, temp) / dist
            xs[i] += dx * step - xs[i] * 0.01  # a weak pull to the centre
            ys[i] += dy * step - ys[i] * 0.01
        temp = max(temp * 0.985, 0.005)
    low_x, low_y = min(xs), min(ys)
    span_x = max(max(xs) - low_x, 1e-9)
    span_y = max(max(ys) - low_y, 1e-9)
    margin_x, margin_y = 110.0, 30.0
    return {node: (round(margin_x + (xs[i] - low_x) / span_x * (width - 2 * margin_x), 1),
                   round(margin_y + (ys[i] - low_y) / span_y * (height - 2 * margin_y), 1))
            for i, node in enumerate(nodes)}


def draw(kb: KnowledgeBase, page: str, positions: dict[str, tuple[float, float]], edges: list[tuple[str, str, int]],
         width: int, height: int, label: str, centre: str = "", sizes: dict[str, int] | None = None) -> str:
    """The SVG (one line, for a raw-HTML block): edges under nodes; each node a link with its name, its dot
    sized by ``sizes`` (by default the number of articles naming it)."""
    max_w = max((w for _, _, w in edges), default=1)
    out = [f'<svg class="dossier-graph" viewBox="0 0 {width} {height}" width="100%" role="group" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    out.append('<g class="dg-edges">')
    for a, b, w in edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        stroke = round(0.6 + 3.4 * w / max_w, 2)
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{stroke}"/>')
    out.append("</g>")
    counts = sizes if sizes is not None else {eid: len(kb.entity_articles.get(eid, [])) for eid in positions}
    max_count = max(counts.values(), default=1) or 1
    for eid in sorted(positions, key=lambda e: (e == centre, e)):
        entity = kb.entities[eid]
        x, y = positions[eid]
        radius = round(4 + 8 * math.sqrt(counts[eid] / max_count), 1)
        # labels point away from the middle, into the margins
        if eid == centre:
            anchor, tx, ty = "middle", x, round(y + radius + 16, 1)
        else:
            anchor = "end" if x < width / 2 else "start"
            tx, ty = round(x + radius + 3 if anchor == "start" else x - radius - 3, 1), round(y + 4, 1)
        cls = f"dg-node dg-{entity.type}" + (" dg-centre" if eid == centre else "")
        out.append(f'<a class="{cls}" href="{escape(href(page, entity.path))}">'
                   f'<circle cx="{x}" cy="{y}" r="{radius}"/>'
                   f'<text x="{tx}" y="{ty}" text-anchor="{anchor}">{escape(entity.name)}</text></a>')
    out.append("</svg>")
    return "".join(out)


Layouts = dict[str, dict[str, tuple[float, float]]]


def degrees(weights: Mapping[tuple[str, str], int]) -> Counter[str]:
    """Each entity's paragraph links, summed: the graph's second measure of how connected it is."""
    degree: Counter[str] = Counter()
    for (a, b), w in weights.items():
        degree[a] += w
        degree[b] += w
    return degree


def graph_nodes(kb: KnowledgeBase, degree: Mapping[str, int]) -> list[str]:
    """The entities the whole-knowledge-base graph may show: the GRAPH_NODES most named (then most linked)."""
    return sorted(degree, key=lambda e: (-len(kb.entity_articles.get(e, [])), -degree[e], e))[:GRAPH_NODES]


def kb_graph(kb: KnowledgeBase, page: str, weights: Mapping[tuple[str, str], int] | None = None,
             layouts: Layouts | None = None, degree: Mapping[str, int] | None = None,
             ) -> tuple[str, list[tuple[str, str, int]]]:
    """The whole knowledge base's graph as SVG, and the links it draws (strongest first) for a table;
    ``weights`` are :func:`paragraph_weights`, when the caller has them already (with ``degree``, the
    entities' :func:`degrees`, only the pairs of :func:`graph_nodes` are needed). ``layouts`` remembers
    the layout of the last graph drawn (by its nodes and links), which an incremental build keeps: the
    layout is most of the time, and an edit seldom changes which links the graph draws."""
    edges, positions = kb_layout(kb, weights, layouts, degree)
    svg = draw(kb, page, positions, edges, *GRAPH_SIZE,
               f"Relationship graph of the {len(positions)} most connected entities; each name links to its page")
    return svg, edges


def kb_layout(kb: KnowledgeBase, weights: Mapping[tuple[str, str], int] | None = None,
              layouts: Layouts | None = None, degree: Mapping[str, int] | None = None,
              ) -> tuple[list[tuple[str, str, int]], dict[str, tuple[float, float]]]:
    """The links :func:`kb_graph` draws and the position of each of their entities (see there)."""
    if weights is None:
        weights = paragraph_weights(kb)
    if degree is None:
        degree = degrees(weights)
    edges = _strongest(weights, graph_nodes(kb, degree), EDGES_PER_NODE)
    nodes = sorted({e for a, b, _ in edges for e in (a, b)})
    links = sorted((a, b) for a, b, _ in edges)
    key = hashlib.blake2b(repr((nodes, links)).encode(), digest_size=16).hexdigest()
    positions = layouts.get(key) if layouts is not None else None
    if positions is None:
        positions = layout(nodes, links, *GRAPH_SIZE)
        if layouts is not None:
            layouts.clear()
            layouts[key] = positions
    return edges, positions


def adjacency(weights: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """Each entity's links, both ways round."""
    adj: dict[str, dict[str, int]] = {}
    for (a, b), w in weights.items():
        adj.setdefault(a, {})[b] = w
        adj.setdefault(b, {})[a] = w
    return adj


def _closest(shared: dict[str, int], article_level: dict[str, int], entities: Mapping[str, Entity]) -> list[str]:
    """The NEIGHBOURS entities sharing the most paragraphs, then the most articles, then by name: the first
    of them sorted in full. A country shares paragraphs with thousands of entities, so the counts choose
    first (in C), and only those at or above the last one chosen are sorted with their names."""
    if len(shared) > NEIGHBOURS:
        cut = heapq.nlargest(NEIGHBOURS, zip(shared.values(), map(article_level.get, shared, itertools.repeat(0)),
                                            strict=True))[-1]
        shared = {o: n for o, n in shared.items() if n >= cut[0]}
    ranked = sorted(shared, key=lambda o: (-shared[o], -article_level.get(o, 0), entities[o].name.casefold(), o))
    return ranked[:NEIGHBOURS]


def neighbours(adjacency: dict[str, int], cooccurring: list[tuple[str, int]],
               entities: Mapping[str, Entity]) -> list[tuple[str, int]]:
    """What an entity's neighbourhood drawing shows (``adjacency``: other entity -> the paragraphs naming both;
    ``cooccurring``: the entities named in the most of its articles): each neighbour, in order, with the
    paragraphs it shares. The drawing is made from this alone, so an edit that leaves it the same leaves the
    drawing as it was."""
    article_level = dict(cooccurring)
    shared = dict(adjacency)
    for other in article_level:
        shared.setdefault(other, 0)
    return [(o, shared[o]) for o in _closest(shared, article_level, entities)]


def neighbourhood(kb: KnowledgeBase, entity_id: str, page: str, adj: dict[str, dict[str, int]]) -> str:
    """A small radial graph: the entity in the middle, the entities it shares most paragraphs with around."""
    chosen = neighbours(adj.get(entity_id, {}), kb.cooccurring.get(entity_id, []), kb.entities)
    shared = dict(chosen)
    around = [o for o, _ in chosen]
    if not around:
        return ""
    width, height = 640, 300
    cx, cy = width / 2, height / 2
    positions = {entity_id: (cx, cy)}
    for i, other in enumerate(around):
        angle = 2 * math.pi * i / len(around) - math.pi / 2 + 0.3
        positions[other] = (round(cx + 170 * math.cos(angle), 1), round(cy + 115 * math.sin(angle), 1))
    edges = [(entity_id, o, max(1, shared[o])) for o in around]
    # each dot sized by the paragraphs it shares with the entity (the middle one the largest): what the page
    # is about, and known from this entity's links alone, so an edit elsewhere leaves the drawing as it is
    sizes = {o: shared[o] for o in around}
    sizes[entity_id] = max(sizes.values())
    return draw(kb, page, positions, edges, width, height,
                f"{kb.entities[entity_id].name} and the entities named with it most often; each name links to its "
                "page", centre=entity_id, sizes=sizes)
