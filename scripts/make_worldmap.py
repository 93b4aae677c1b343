"""Regenerate dossier/data/worldmap.json, the world map's country shapes, from npm's world-atlas.

Run once when the map data should change (the result is committed; nothing is fetched at build time):

    npm i -E world-atlas@2.0.2 --prefix /tmp/atlas
    python3 scripts/make_worldmap.py /tmp/atlas/node_modules/world-atlas/countries-110m.json

world-atlas is Natural Earth's 1:110m countries as TopoJSON (public domain), keyed by ISO 3166-1
numeric code, which pycountry gives for each country. The shapes are projected with the Equal Earth
projection and written as SVG path data with coordinates rounded to one decimal; Antarctica is left out.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "dossier" / "data" / "worldmap.json"
WIDTH = 960.0
SKIP = {"010"}  # Antarctica: a third of the picture, and no news
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(math.sqrt(3) / 2 * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, -y


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    # the projection's extent, for the scale: the whole globe's outline
    xmax = equal_earth(180, 0)[0]
    ymax = -equal_earth(0, 90)[1]
    scale = WIDTH / (2 * xmax)
    shapes: dict[str, dict[str, str]] = {}
    ymin_seen = ymax_seen = None
    geometries = topo["objects"]["countries"]["geometries"]
    for geom in geometries:
        code = geom.get("id")
        if not code or code in SKIP or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        parts = []
        for polygon in polygons:
            for indexes in polygon:
                lonlat = ring(indexes, arcs)
                if any(abs(a[0] - b[0]) > 180 for a, b in zip(lonlat, lonlat[1:], strict=False)):
                    # a ring across the antimeridian (Russia's Chukotka, Fiji): keep it whole east of 180;
                    # the few points past the map's right edge are clipped by the viewBox
                    lonlat = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in lonlat]
                pts = [equal_earth(lon, lat) for lon, lat in lonlat]
                pts = [((x + xmax) * scale, (y + ymax) * scale) for x, y in pts]
                cmd, last = [], None
                for x, y in pts:
                    p = (round(x, 1), round(y, 1))
                    if p != last:
                        cmd.append(f"{p[0]:g},{p[1]:g}")
                        last = p
                    ymin_seen = p[1] if ymin_seen is None else min(ymin_seen, p[1])
                    ymax_seen = p[1] if ymax_seen is None else max(ymax_seen, p[1])
                if len(cmd) >= 3:
                    parts.append("M" + "L".join(cmd) + "Z")
        if parts:
            shapes[code] = {"name": geom.get("properties", {}).get("name", ""), "d": "".join(parts)}
    data = {
        "source": "world-atlas 2.0.2 countries-110m.json (Natural Earth 1:110m, public domain); Equal Earth projection",
        "viewBox": [0, math.floor(ymin_seen or 0), WIDTH, math.ceil((ymax_seen or 0) - (ymin_seen or 0))],
        "countries": dict(sorted(shapes.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(shapes)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "node_modules/world-atlas/countries-110m.json")
