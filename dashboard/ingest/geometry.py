"""US state outlines for the offline map: us-atlas TopoJSON -> a small GeoJSON asset.

Input: states-albers-10m.json from the npm package us-atlas 3.0.1 (ISC licence, from the US
Census Bureau's cartographic boundary files), already in the Albers USA projection with Alaska
and Hawaii as insets, in pixels of a 975 x 610 frame (y grows downwards).

Run once when the geometry changes:  python -m dashboard.ingest.geometry states-albers-10m.json
The output, dashboard/assets/us-states.geojson, ships with the package. The map draws these
outlines as plain filled shapes, so it never fetches anything at run time: plotly's geo maps
download their base outlines from a CDN, even when given GeoJSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ASSET = Path(__file__).resolve().parent.parent / "assets" / "us-states.geojson"
DECIMALS = 1  # a tenth of a pixel of the 975 x 610 frame
TOLERANCE = 0.4  # pixels; Douglas–Peucker on each shared arc, so neighbouring states still meet


def _simplify(pts: list[tuple[float, float]], tol: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative; the end points (where arcs meet) are always kept."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for i in range(a + 1, b):
            x, y = pts[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantised arcs."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(_simplify(pts))
    return out


def _ring(arcs: list, refs: list[int]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for r in refs:
        pts = arcs[r] if r >= 0 else arcs[~r][::-1]
        ring.extend(pts if not ring else pts[1:])  # consecutive arcs share their end point
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def _area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if not a:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def convert(topo: dict) -> dict:
    with open(Path(__file__).with_name("state_fips.csv"), newline="") as fh:
        postal = {r["fips"]: r["state"] for r in csv.DictReader(fh)}
    arcs = _arcs(topo)
    features = []
    for g in topo["objects"]["states"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [[_ring(arcs, ring) for ring in poly] for poly in polys]
        rings = [[r for r in poly if len(r) >= 4] for poly in rings]
        rings = [poly for poly in rings if poly]
        _, lx, ly = max(_area_centroid(poly[0]) for poly in rings)  # label at the largest piece
        features.append(
            {
                "type": "Feature",
                "id": g["id"],  # state FIPS, "06"
                "properties": {
                    "name": g["properties"]["name"],
                    "state": postal[g["id"]],
                    "label": [round(lx, 1), round(ly, 1)],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": rings},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.ingest.geometry",
        description=__doc__.split("\n\n", 1)[0],
        epilog=f"Writes {ASSET}, which ships with the package.",
    )
    parser.add_argument(
        "topojson",
        type=Path,
        help="states-albers-10m.json from the npm package us-atlas 3.0.1",
    )
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    try:
        topo = json.loads(args.topojson.read_text())
    except (OSError, ValueError) as e:
        parser.error(f"cannot read {args.topojson} as TopoJSON: {e}")
    geo = convert(topo)
    ASSET.write_text(json.dumps(geo, separators=(",", ":")) + "\n")
    print(f"{len(geo['features'])} states -> {ASSET} ({ASSET.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
