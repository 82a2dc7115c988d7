"""Colours one can tell apart (issue 29): the location-quotient map diverges at 1, and six trend lines keep six
distinct colours for colour-blind viewers and on a washed-out projector.

Colour differences are ΔE' in CAM02-UCS (Luo et al. 2006, a uniform space: about 1 is just noticeable),
computed by colorspacious; colour-vision deficiencies are simulated with its Machado et al. (2009) model at
full severity (deuteranopia, protanopia, tritanopia). A projector in a lit room is simulated as ambient light
added to every channel in linear light (`washed_out`): black shows as a quarter of white, about 4:1 contrast.
"""

import itertools
import json

import colorspacious as cs
import numpy as np
import pytest

from dashboard.core.codes import MEASURES
from dashboard.domain import areas
from dashboard.present import charts, trend_charts
from dashboard.present.theme import LINES, contrast
from tests.apptest import charts_on

DEFICIENCIES = [None, "deuteranomaly", "protanomaly", "tritanomaly"]
AMBIENT = 0.25  # share of white a projector's black shows in a lit classroom


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]) / 255


def washed_out(c: np.ndarray, ambient: float = AMBIENT) -> np.ndarray:
    """sRGB (0–1) as a projector in a lit room shows it: ambient light added in linear light."""
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    shown = ambient + (1 - ambient) * linear
    return np.where(shown <= 0.0031308, 12.92 * shown, 1.055 * shown ** (1 / 2.4) - 0.055)


def seen(colour: str, deficiency: str | None = None, projector: bool = False) -> np.ndarray:
    """A colour in CAM02-UCS as a viewer with `deficiency` sees it, on a projector if asked."""
    c = rgb(colour)
    if deficiency:
        cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        c = np.clip(cs.cspace_convert(c, cvd, "sRGB1"), 0, 1)
    if projector:
        c = washed_out(c)
    return cs.cspace_convert(c, "sRGB1", "CAM02-UCS")


def difference(a: str, b: str, deficiency: str | None = None, projector: bool = False) -> float:
    return float(np.linalg.norm(seen(a, deficiency, projector) - seen(b, deficiency, projector)))


def test_the_colour_difference_is_the_published_one():
    """colorspacious's own ΔE' (CAM02-UCS) is what `difference` computes for normal vision, and black on
    white is about 100 apart: the yardstick is sound."""
    assert difference("#0072B2", "#B35F00") == pytest.approx(
        cs.deltaE([0, 114, 178], [179, 95, 0], input_space="sRGB255"), rel=1e-9
    )
    assert 95 < difference("#000000", "#FFFFFF") < 105
    # the projector brings black and white closer: contrast lost, as in a lit room
    assert difference("#000000", "#FFFFFF", projector=True) < 0.8 * difference("#000000", "#FFFFFF")


# --- the location-quotient map --------------------------------------------------------------------------


def _fills(ds, soc: str) -> tuple[dict[str, str], list[str], float, float]:
    """Each state's class colour on the location-quotient map, the class colours, first edge and width."""
    rank = areas.area_ranking(ds, soc, "location_quotient", ("state",))
    known, capped, start, step, n, colours, _ = charts.map_classes(rank, set(), MEASURES["location_quotient"].centre)
    fill = {c: colours[max(0, min(int((v - start) // step), n - 1))] for c, v in known.items()}
    return fill, colours, start, step


def test_location_quotient_reads_against_1(ds):
    """Michigan (0.87) and Ohio (1.22) for chief executives: on either side of 1, so orange and blue, far apart
    for every viewer (they were two shades of one blue, 0.5–1 and 1–1.5)."""
    rank = areas.area_ranking(ds, "11-1021", "location_quotient", ("state",)).set_index("state")
    assert float(rank.loc["MI", "value"]) == 0.87 and float(rank.loc["OH", "value"]) == 1.22
    fill, colours, start, step = _fills(ds, "11-1021")
    assert any(abs(start + k * step - 1) < 1e-9 for k in range(len(colours) + 1))  # 1 is a class edge
    mi, oh = rgb(fill["MI"]), rgb(fill["OH"])
    assert mi[0] > mi[2] and oh[2] > oh[0]  # below 1 warm (orange), above 1 cool (blue)
    for deficiency in DEFICIENCIES:
        assert difference(fill["MI"], fill["OH"], deficiency) >= 20, deficiency


@pytest.mark.parametrize("soc", ["11-1021", "11-3051", "51-4041", "29-1141", "15-1252"])
def test_neighbouring_map_classes_differ_visibly(ds, soc):
    """Each class and the next differ by at least 8 ΔE' for every viewer, and grow darker away from 1
    on both sides; every class is still 3:1 on white."""
    _, colours, start, step = _fills(ds, soc)
    assert len(colours) >= 3
    for a, b in itertools.pairwise(colours):
        for deficiency in DEFICIENCIES:
            assert difference(a, b, deficiency) >= 8, (soc, a, b, deficiency)
    lightness = [seen(c)[0] for c in colours]
    centre = next(k for k in range(len(colours)) if start + k * step >= 1 - 1e-9)
    assert lightness[:centre] == sorted(lightness[:centre])  # darkest far below 1
    assert lightness[centre:] == sorted(lightness[centre:], reverse=True)  # darkest far above 1
    assert all(contrast(c) >= 3 for c in colours)


def test_the_geography_page_draws_the_diverging_scale(run):
    """/geography with the location quotient: the legend's classes meet at 1, orange below, blue above."""
    at = run("geography", role="11-1021", measure="location_quotient")
    spec = json.loads(charts_on(at)[0].spec)
    classes = {t["name"]: t["fillcolor"] for t in spec["data"] if t.get("fill") == "toself" and "–" in t["name"]}
    below = [f for name, f in classes.items() if name.endswith("– 1") or name.endswith("– 1 (low reliability)")]
    above = [f for name, f in classes.items() if name.startswith("1 –")]
    assert below and above, classes
    assert rgb(below[0])[0] > rgb(below[0])[2] and rgb(above[0])[2] > rgb(above[0])[0]


# --- six lines, six colours ------------------------------------------------------------------------------


def test_six_line_colours_stay_apart_for_every_viewer_and_on_a_projector():
    """Every pair of the six line colours differs by at least 10 ΔE' with normal vision, deuteranopia,
    protanopia and tritanopia, each on a screen and on a washed-out projector (the old first six had orange
    and vermilion 0.9 apart for a deuteranope on a projector); each is 3:1 on white (WCAG 1.4.11)."""
    assert len(LINES) == 6 and len(set(LINES)) == 6
    worst = min(
        (difference(a, b, d, p), a, b, d, p)
        for a, b in itertools.combinations(LINES, 2)
        for d in DEFICIENCIES
        for p in (False, True)
    )
    assert worst[0] >= 10, worst
    assert all(contrast(c) >= 3 for c in LINES), [(c, round(contrast(c), 2)) for c in LINES]


def test_trend_lines_use_the_six_colours(ds):
    """The trends chart draws six occupations in the six line colours, in order."""
    roles = ["11-3051", "15-1252", "29-1141", "47-2111", "51-4121", "53-3032"]
    _, _, _, fig = trend_charts.trend_view(ds, roles, "employment", False, False, False)
    colours = [t.line.color for t in fig.data if t.mode == "lines+markers"]
    assert colours == LINES


# --- bubbles that say what they are (not colours, but the same chart's legibility) -------------------------


def _bubbles(at) -> tuple[list[dict], dict]:
    """The opportunity chart's bubble traces and the trace that names them, as the browser gets them."""
    spec = next(json.loads(c.spec) for c in charts_on(at) if charts.BUBBLE_NAMES in c.spec)
    names = [t for t in spec["data"] if t.get("name") == charts.BUBBLE_NAMES]
    assert len(names) == 1 and names[0]["mode"] == "text" and spec["data"][-1] is names[0]  # drawn over the bubbles
    return [t for t in spec["data"] if t.get("marker", {}).get("sizemode") == "area"], names[0]


def test_a_programs_bubbles_are_named_where_their_names_fit(run, ds):
    """/programs?cip=48.0501: its 13 occupations carry their names beside the bubbles (none did), the most
    openings first, as many as fit without covering each other (all 13 did, on top of each other); the
    smallest bubble is drawn at least charts.BUBBLE_MIN px across."""
    traces, names = _bubbles(run("programs", cip="48.0501"))
    drawn = sorted(cd[0] for t in traces for cd in t["customdata"])
    openings = ds.projections["openings_annual"].astype(float)
    assert len(drawn) == 13 and 5 <= len(names["customdata"]) < 13 and set(names["customdata"]) < set(drawn)
    assert openings[drawn].idxmax() == names["customdata"][0] == "51-4041"  # machinists, named first
    assert all(names["text"]) and any(n.startswith("Machinists") for n in names["text"])
    assert all(t["marker"]["sizemin"] >= charts.BUBBLE_MIN >= 10 for t in traces)


def test_explore_names_its_biggest_bubbles_only(run, ds):
    """Explore draws hundreds of bubbles: BUBBLES_NAMED_MANY are named, the one with most openings first, and
    no named one has fewer openings than a bubble left unnamed unless their names would overlap."""
    traces, names = _bubbles(run("explore"))
    openings = ds.projections["openings_annual"].astype(float)
    drawn = {cd[0] for t in traces for cd in t["customdata"]}
    named = set(names["customdata"])
    assert len(drawn) > 100 and len(named) == charts.BUBBLES_NAMED_MANY
    assert openings[list(drawn)].idxmax() in named  # fast food and counter workers
    spread = dict(zip(names["customdata"], zip(names["x"], names["y"], strict=True), strict=True))
    for a, b in itertools.combinations(named, 2):  # no two names on top of each other
        (xa, ya), (xb, yb) = spread[a], spread[b]
        assert abs(xa - xb) > 1 or abs(ya - yb) > 10_000, (a, b)
