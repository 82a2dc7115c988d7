"""Every URL parameter, declared once: its name, how it is read, its default and what a bad value says.

Pages list the parameters they read (pages.py); `parse` turns a link's query into a typed `View`, and
`link` (with `query` and `here`, its forms for Streamlit's calls) builds every link back from typed
values: each parameter formats what it parses, and a default value is left out so links stay short.
No Streamlit here: ui.read_view hands over st.query_params. A value that cannot be used falls back
to the default and leaves a message in `View.problems`, with the closest valid choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlencode

from dashboard.core.codes import (
    ALL_INDUSTRIES,
    FIRST_INDUSTRY,
    INDUSTRY_LEVELS,
    MEASURES,
    NATIONAL,
    SOC_RE,
    WAGE_BASES,
    sector_holding,
)
from dashboard.core.safe import echo
from dashboard.data.dataset import Dataset
from dashboard.domain import areas, demand, industries, occupations, programs, supply, trends
from dashboard.domain import search as search_
from dashboard.domain.soc import old_code
from dashboard.web.pages import PageSpec
from dashboard.web.pages import page as page_spec

MAX_PARAM = 200  # longer values are cut before they are looked at or echoed
GROWTH_RANGE = (-40.0, 60.0)  # the growth slider's ends: the whole range is no filter
EMP_CHANGE_RANGE = (-100.0, 200.0)  # national employment change since 2015 (%): an end is open (200 = 200 or more)
MAX_OPENINGS = 500_000
MAX_VIEWS = 20  # views one /slides link builds; more are cut with a message (a deck of 20 views is ~100 slides)
WAGE_FLOOR_RANGE = (0, 1_000_000)  # annual dollars: the in-demand page's wage floor box
SHORTFALL_RANGE = (1.0, 20.0)  # "training may fall short": openings at least this many times the completers


def shown(value: str) -> str:
    """A value from a link, cut to a readable length for a message (ui.show_problems escapes it)."""
    return echo(value)


@dataclass
class View:
    """What a link asks a page to show, every value checked. None means "not given: no filter"."""

    roles: list[str] | None = None
    area: str = NATIONAL
    industry: str | None = None
    wage: str = "annual"
    group: str | None = None
    education: str | tuple[str, ...] | None = None  # on /demand, the tiers chosen (demand.TIERS)
    min_openings: int = 0
    growth_above: float = 0.0  # in-demand rule: projected growth above this percent
    growth: tuple[float, float] = GROWTH_RANGE
    emp_change: tuple[float, float] = EMP_CHANGE_RANGE  # explore: national employment change since 2015 (OEWS)
    color: str = "major_title"
    measure: str = "annual_median"
    pathway: str | None = None
    level: int = 3
    weights: tuple[float, float, float] = demand.DEFAULT_WEIGHTS  # in-demand score: openings, growth, wage
    min_wage: str | float | None = None  # "median" (the state's all-occupation median) or annual dollars
    series: str = trends.SERIES[0]  # trends: wage or employment
    scale: str = trends.SCALES[0]  # trends: absolute or index (first common year = 100)
    dollars: str = trends.DOLLARS[0]  # trends: real (restated with CPI-U) or nominal (as published)
    projections: str | None = None  # trends: whose past projections are shown (None: the first occupation's)
    cip: str | None = None  # programs: a CIP 2020 code (a family 52, a series 52.02 or a program 52.0205)
    search: str = ""  # programs: the text in the program search box
    views: list[str] | None = None  # slides: links to views of the app, one deck (web/deck.py reads them all)
    levels: tuple[int, ...] | None = None  # profile: IPEDS award levels counted (None: those matching its education)
    shortfall: float | None = None  # in-demand: "training may fall short" at openings ≥ this × completers
    sort: str = "score"  # in-demand: by score, or by completers per opening (fewest first)
    present: bool = False
    problems: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # detailed occupations to offer for an unknown role
    given: set[str] = field(default_factory=set)  # the parameters the link carried, usable or not

    @property
    def hourly(self) -> bool:
        return self.wage == "hourly"


class Invalid(ValueError):
    """A parameter value that cannot be used; `value` is what to use instead (else the default)."""

    def __init__(self, *messages: str, value: Any = None, suggestions: list[str] | None = None):
        super().__init__(" ".join(messages))
        self.messages = list(messages)
        self.value = value
        self.suggestions = suggestions or []


@dataclass(frozen=True)
class Param:
    name: str  # in the URL
    attr: str  # on View
    parse: Callable[[Dataset, str, PageSpec], Any]
    doc: str
    format: Callable[[Any], str] = str  # the typed value as a link carries it: parse(format(v)) == v
    # a number's least and greatest accepted value (each end of a range, each weight): the page's widget
    # takes its ends from here, so a link can never ask for what the widget refuses
    bounds: tuple[float, float] | None = None

    @property
    def default(self) -> Any:
        return next(f for f in fields(View) if f.name == self.attr).default

    def text(self, value: Any) -> str | None:
        """The string a link carries for `value`; None for the default (or nothing), so the link stays short."""
        if isinstance(value, list) and isinstance(self.default, tuple):
            value = tuple(value)  # a slider's range may come as a list
        if value is None or value == self.default:
            return None
        return self.format(value) or None


# --- parsers --------------------------------------------------------------------------------------


def nearest_codes(ds: Dataset, code: str, limit: int = 3) -> list[str]:
    """Detailed occupations whose codes sit nearest an unknown SOC-shaped code: in its minor group, else in
    its major group; none when no such group exists (99-9999 is nobody's neighbour)."""
    detailed = occupations.detailed_codes(ds)
    for prefix in (code[:4], code[:3]):
        near = [c for c in detailed if c.startswith(prefix)]
        if near:
            target = int(code[3:].ljust(4, "0")[:4])
            return sorted(near, key=lambda c: (abs(int(c[3:]) - target), c))[:limit]
    return []


def _roles(ds: Dataset, raw: str, page: PageSpec) -> list[str] | None:
    listed = [c.strip() for c in raw.split(",") if c.strip()]
    codes = list(dict.fromkeys(listed))  # each occupation once, in the order first given
    problems, good, offers = [], [], []
    twice = [c for c in codes if listed.count(c) > 1]
    if twice:
        problems.append(f"{', '.join(shown(c) for c in twice)}: listed more than once; shown once.")
    if len(codes) > page.max_roles:
        problems.append(f"A link can carry up to {page.max_roles} occupations; the first {page.max_roles} are used.")
    for code in codes[: page.max_roles]:
        if code in ds.occupations.index:
            good.append(code)
            continue
        mapped = old_code(ds, code)  # an SOC 2010 or OEWS 2019 code: mapped, or its split explained
        if mapped:
            targets, sentence = mapped
            if page.single_role and len(targets) > 1:  # one occupation on screen: say which, and where the rest are
                if page.title_search:  # the page offers them as buttons under the message
                    offers += [c for c in targets[1:] if c not in offers]
                    rest = "the others are offered below"
                else:
                    rest = "choose another in the Occupation box"
                sentence = sentence.replace("Showing those.", f"Showing {targets[0]}; {rest}.")
            good += [c for c in targets if c not in good]
            problems.append(sentence)
            continue
        if SOC_RE.match(code):
            near = nearest_codes(ds, code)
        else:  # words: the closest official titles and aliases
            near = [m.soc_code for m in search_.search_roles(ds, code, limit=3)]
        offers += [c for c in near if c not in offers]
        hint = (
            "Closest: " + ", ".join(f"{c} {ds.occupations.loc[c, 'title']}" for c in near) + "."
            if near
            else ("Try the job title search." if page.title_search else "Choose one in the sidebar.")
        )  # the other pages have a select box to type in
        problems.append(f"No occupation has the code “{shown(code)}”. {hint}")
    if len(good) > page.max_roles:  # an old code that was split can bring more than the page shows
        problems.append(f"A link can carry up to {page.max_roles} occupations; the first {page.max_roles} are used.")
        good = good[: page.max_roles]
    if problems:
        raise Invalid(*problems, value=good or None, suggestions=offers)
    return good or None


def _area(ds: Dataset, raw: str, page: PageSpec) -> str:
    code = areas.resolve_area(ds, raw)
    if code:
        return code
    names = dict(zip(ds.areas.index, ds.areas["area_name"], strict=True))
    hint = ", ".join(f"{n} ({c})" for c, n in search_.closest(names, raw, 3))
    instead = "choose a state" if page.name == "demand" else "showing the nation"  # /demand lists states only
    raise Invalid(f"No area has the code “{shown(raw)}”; {instead}. Closest: {hint}.")


def _sector(ds: Dataset, raw: str) -> str | None:
    """The OEWS sector a NAICS sector code names: "23" or "230000" (Construction) is OEWS's "23--24", "32" is
    "31--34" (OEWS writes a sector as the range of its two-digit codes, the end excluded)."""
    m = re.fullmatch(r"(\d\d)(0000)?", raw)
    return None if m is None else sector_holding(int(m.group(1)), ds.industries.index)


def _industry(ds: Dataset, raw: str, page: PageSpec) -> str | None:
    if raw in ds.industries.index:
        return None if raw == ALL_INDUSTRIES else raw
    if sector := _sector(ds, raw):  # a NAICS sector code, as planners write it
        return sector
    names = dict(zip(ds.industries.index, ds.industries["title"], strict=True))
    hint = ", ".join(f"{n} ({c})" for c, n in search_.closest(names, raw, 3))
    # the Industry page shows one industry, never all of them: it falls back to its default
    instead = (
        f"showing {industries.industry_title(ds, FIRST_INDUSTRY)} ({FIRST_INDUSTRY})"
        if page.name == "industry"
        else "showing all industries"
    )
    raise Invalid(f"No industry has the code “{shown(raw)}”; {instead}. Closest: {hint}.")


def one_of(choices: Callable[[Dataset], Iterable[str]], message: str, aliases: Mapping[str, Any] | None = None):
    """A parser for a value from a fixed list; `message` says what to do instead ({value}, {choices})."""

    def parse(ds: Dataset, raw: str, page: PageSpec) -> Any:
        allowed = list(choices(ds))
        if raw in allowed:
            return (aliases or {}).get(raw, raw)
        raise Invalid(message.format(value=shown(raw), choices=", ".join(allowed)))

    return parse


def _majors(ds: Dataset) -> Iterable[str]:
    return ds.occupations.index[ds.occupations["level"] == "major"]


def _min_openings(ds: Dataset, raw: str, page: PageSpec) -> int:
    try:
        n = int(raw)
    except ValueError:
        raise Invalid(f"“{shown(raw)}” is not a number of openings; showing every occupation.") from None
    if not 0 <= n <= MAX_OPENINGS:  # cut like any echo: 200 digits were echoed whole, as 266 characters
        raise Invalid(f"{shown(f'{n:,}')} openings a year is outside 0 to {MAX_OPENINGS:,}; showing every occupation.")
    return n


def percent_range(ends: tuple[float, float], message: str):
    """A parser for a "lo,hi" range in percent, each end kept within `ends`; `message` ({value}) otherwise."""
    lo_end, hi_end = ends

    def parse(ds: Dataset, raw: str, page: PageSpec) -> tuple[float, float]:
        try:
            lo, hi = (max(lo_end, min(hi_end, float(x))) for x in raw.split(",")[:2])
        except ValueError:
            raise Invalid(message.format(value=shown(raw))) from None
        return (min(lo, hi), max(lo, hi))

    return parse


_growth = percent_range(GROWTH_RANGE, "“{value}” is not a growth range such as 0,10; showing every rate.")
_emp_change = percent_range(
    EMP_CHANGE_RANGE, "“{value}” is not a range of employment change such as -10,20; showing every occupation."
)


def _level(ds: Dataset, raw: str, page: PageSpec) -> int:
    if raw.isdigit() and int(raw) in INDUSTRY_LEVELS:
        return int(raw)
    raise Invalid(f"“{shown(raw)}” is not an industry detail level; use 2, 3 or 4.")


def _present(ds: Dataset, raw: str, page: PageSpec) -> bool:
    return raw == "1"


def _education(ds: Dataset, raw: str, page: PageSpec) -> str | tuple[str, ...]:
    """EP's typical-education level; on the in-demand page, tiers (entry,middle-skill) or a preset
    (below-bachelors: no formal credential through associate's)."""
    if page.name == "demand":
        try:
            return demand.parse_tiers(raw)
        except ValueError:
            tiers = "; ".join(f"{k} ({label})" for k, (label, _) in demand.TIERS.items())
            presets = "; ".join(demand.PRESETS)
            raise Invalid(
                f"“{shown(raw)}” is not an education tier; showing every tier. Tiers: {tiers}; one or more, "
                f"separated by commas, or {presets} (less than a bachelor's)."
            ) from None
    levels = list(ds.occupations["education"].dropna().unique())
    if raw in levels:
        return raw
    raise Invalid(f"“{shown(raw)}” is not a typical-education level; showing any.")


def _education_text(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else demand.tiers_text(value)


def _within(raw: str, bounds: tuple[float, float], unit: str) -> float | None:
    """The number a link wrote (a trailing unit sign allowed), or None where it is not one within bounds (nan and
    inf neither)."""
    try:
        x = float(raw.strip().rstrip(unit))
    except ValueError:
        return None
    return x if bounds[0] <= x <= bounds[1] else None


def _growth_above(ds: Dataset, raw: str, page: PageSpec) -> float:
    lo, hi = demand.GROWTH_RULE_RANGE
    g = _within(raw, (lo, hi), "%")
    if g is None:
        raise Invalid(
            f"“{shown(raw)}” is not a growth threshold from {lo:g}% to {hi:g}% (in demand: projected growth above "
            "it); using 0 (growing occupations only)."
        )
    return round(g, 1)


def _weights(ds: Dataset, raw: str, page: PageSpec) -> tuple[float, float, float]:
    try:
        return demand.parse_weights(raw)
    except ValueError as e:
        default = demand.weights_text(demand.DEFAULT_WEIGHTS)
        raise Invalid(
            f"“{shown(raw)}” are not weights such as {default} ({e}); using equal weights ({default})."
        ) from None


def _min_wage(ds: Dataset, raw: str, page: PageSpec) -> str | float:
    v = raw.strip().lower()
    if v == "median":
        return "median"
    try:
        wage = float(v.replace(",", "").lstrip("$"))
    except ValueError:
        wage = float("nan")
    lo, hi = WAGE_FLOOR_RANGE
    if not (lo <= wage <= hi):  # nan, inf and negatives too; never more than the page's box takes
        raise Invalid(
            f"“{shown(raw)}” is not a wage floor; use median (the state's median wage) or a yearly figure "
            f"from {lo:,} to {hi:,}, such as 45000. Showing every wage."
        )
    return wage


def _projections(ds: Dataset, raw: str, page: PageSpec) -> str:
    """One occupation's code; the page checks that it is among those shown (it cannot know them here)."""
    code = raw.strip()
    if code in ds.occupations.index:
        return code
    raise Invalid(f"No occupation has the code “{shown(raw)}”; showing the first occupation's projections.")


def _cip(ds: Dataset, raw: str, page: PageSpec) -> str:

    if not programs.has_programs(ds):
        raise Invalid("This data folder has no education programs (programs.csv): the CIP code cannot be looked up.")
    code = programs.normalise(raw)
    if programs.exists(ds, code):
        return code
    if programs.CIP_RE.match(code):
        near = programs.nearest(ds, code)
        hint = "Closest: " + "; ".join(f"{c} {programs.cip_title(programs.program(ds, c)['title'])}" for c in near)
        raise Invalid(
            f"No program has the CIP code “{shown(raw)}”. {hint}."
            if near
            else f"No program has the CIP code “{shown(raw)}”; choose a field below."
        )
    found = programs.search(ds, raw, limit=3)
    hint = ("Closest by name: " + "; ".join(f"{m.cip_code} {m.title}" for m in found) + ".") if found else ""
    raise Invalid(f"“{shown(raw)}” is not a CIP code such as 52.0205 (a family 52, a series 52.02). {hint}".strip())


def _search(ds: Dataset, raw: str, page: PageSpec) -> str:
    return raw.strip()[:100]


def _views(ds: Dataset, raw: str, page: PageSpec) -> list[str]:
    """One view of a deck; /slides reads every `view` of its link (deck.read_link checks each)."""
    return [raw.strip()]


def _levels(ds: Dataset, raw: str, page: PageSpec) -> tuple[int, ...]:
    """IPEDS award levels by code ("20,21,2,3,4"); the known ones are kept, and none known means the default."""
    instead = "counting the award levels that match the occupation's typical entry education"
    if not supply.available(ds):
        raise Invalid(f"This data folder has no IPEDS completions: award levels cannot be chosen; {instead}.")
    known, unknown = supply.parse_levels(ds, raw.split(","))
    if unknown:
        levels = "; ".join(f"{k} {n}" for k, n in supply.level_names(ds).items())
        what = ", ".join(f"“{shown(u)}”" for u in unknown[:5])
        rest = "ignored" if known else instead
        raise Invalid(f"{what}: not an IPEDS award level; {rest}. Award levels: {levels}.", value=known or None)
    if not known:
        raise Invalid(f"No award level given; {instead}.")
    return known


def _shortfall(ds: Dataset, raw: str, page: PageSpec) -> float:
    lo, hi = SHORTFALL_RANGE
    ratio = _within(raw, (lo, hi), "×x")
    if ratio is None:
        raise Invalid(
            f"“{shown(raw)}” is not a shortfall ratio from {lo:g} to {hi:g} (openings at least that many times "
            f"the related completers); using {supply.SHORT_RATIO:g}.",
            value=supply.SHORT_RATIO,
        )
    return round(ratio, 2)


# --- formatters: the inverse of each parser, for values the View holds -----------------------------------


def _roles_text(roles: list[str] | str) -> str:
    return roles if isinstance(roles, str) else ",".join(roles)


def _range_text(value: tuple[float, float]) -> str:
    return f"{value[0]:g},{value[1]:g}"


def _min_wage_text(value: str | float) -> str:
    return "median" if value == "median" else f"{float(value):g}"


def _present_text(value: bool) -> str:
    return "1"


def _levels_text(value: tuple[int, ...]) -> str:
    return ",".join(str(v) for v in value)


PARAMS = {
    p.name: p
    for p in (
        Param("role", "roles", _roles, "SOC codes, comma-separated (11-3051,51-1011)", _roles_text),
        Param("area", "area", _area, "OEWS area code or a state's postal code (0600000, CA)"),
        Param("industry", "industry", _industry, "OEWS industry code (31--34, 336000)"),
        Param(
            "wage",
            "wage",
            one_of(lambda ds: WAGE_BASES, "“{value}” is not a wage basis; use annual or hourly. Showing annual."),
            "annual or hourly",
        ),
        Param(
            "group",
            "group",
            one_of(_majors, "“{value}” is not a major occupation group; showing all groups."),
            "SOC major group (11-0000)",
        ),
        Param(
            "education",
            "education",
            _education,
            "typical education level, as EP words it; on /demand tiers: entry, middle-skill, bachelors (comma-"
            "separated) or below-bachelors",
            _education_text,
        ),
        Param("min_openings", "min_openings", _min_openings, "minimum annual openings", bounds=(0, MAX_OPENINGS)),
        Param(
            "growth_above",
            "growth_above",
            _growth_above,
            "in-demand rule: projected growth above this percent (0: growing occupations only)",
            lambda g: f"{g:g}",
            demand.GROWTH_RULE_RANGE,
        ),
        Param("growth", "growth", _growth, "projected growth range in percent (0,10)", _range_text, GROWTH_RANGE),
        Param(
            "emp_change",
            "emp_change",
            _emp_change,
            "national employment change since 2015, percent range (-10,20)",
            _range_text,
            EMP_CHANGE_RANGE,
        ),
        Param(
            "color",
            "color",
            one_of(
                lambda ds: ("group", "education", "major_title"),
                "“{value}” is not a colouring; use group or education.",
                aliases={"group": "major_title"},
            ),
            "bubble colour: group or education",
        ),
        Param(
            "measure",
            "measure",
            one_of(
                lambda ds: MEASURES,
                "“{value}” is not a measure; showing the median annual wage. Measures: {choices}.",
            ),
            "map measure (annual_median, employment, …)",
        ),
        Param(
            "pathway",
            "pathway",
            one_of(occupations.pathway_presets, "No preset pathway is called “{value}”. Presets: {choices}."),
            "preset career pathway",
        ),
        Param("level", "level", _level, "industry detail: 2 sector, 3 subsector, 4 industry group"),
        Param(
            "weights",
            "weights",
            _weights,
            "in-demand score weights (openings:1,growth:1,wage:1)",
            demand.weights_text,
            (0.0, demand.MAX_WEIGHT),
        ),
        Param(
            "min_wage",
            "min_wage",
            _min_wage,
            "annual wage floor: median or a figure (45000)",
            _min_wage_text,
            WAGE_FLOOR_RANGE,
        ),
        Param(
            "series",
            "series",
            one_of(lambda ds: trends.SERIES, "“{value}” is not a trend; use wage or employment. Showing wage."),
            "trend shown: wage or employment",
        ),
        Param(
            "scale",
            "scale",
            one_of(
                lambda ds: trends.SCALES,
                "“{value}” is not a scale; use absolute or index (first common year = 100). Showing absolute.",
            ),
            "absolute or index (first common year = 100)",
        ),
        Param(
            "dollars",
            "dollars",
            one_of(
                lambda ds: trends.DOLLARS,
                "“{value}” is not a dollar basis; use real (restated with CPI-U) or nominal. Showing real.",
            ),
            "real (CPI-U, latest May's dollars) or nominal",
        ),
        Param(
            "projections",
            "projections",
            _projections,
            "trends: the occupation whose past projections are shown, one of role (51-1011)",
        ),
        Param("cip", "cip", _cip, "CIP 2020 program code (52.0205), series (52.02) or family (52)"),
        Param("q", "search", _search, "program search text (operations management)"),
        Param(
            "view",
            "views",
            _views,
            "on /slides, a link to a view of the app; repeat it for each view of the deck",
            lambda links: links[0],  # one value a key: slides_link repeats the key for each view
        ),
        Param(
            "levels",
            "levels",
            _levels,
            "IPEDS award levels counted, by code (20,21,2,3,4); default: those matching the typical education",
            _levels_text,
        ),
        Param(
            "shortfall",
            "shortfall",
            _shortfall,
            "show only where training may fall short: openings at least this many times related completers (2)",
            lambda v: f"{v:g}",
            SHORTFALL_RANGE,
        ),
        Param(
            "sort",
            "sort",
            one_of(
                lambda ds: ("score", "per_opening"),
                "“{value}” is not a sort; use score or per_opening (fewest completers per opening first). "
                "Sorting by score.",
            ),
            "score, or per_opening (fewest completers of related programs per opening first)",
        ),
        Param("present", "present", _present, "1 for presenter view", _present_text),
    )
}


# Checked on every page, used or not: a link that carries one of these with a bad value hears about it.
CHECKED_EVERYWHERE = ("role", "area", "industry", "wage")


def names(page: PageSpec) -> list[str]:
    """The parameters `parse` reads for a page: its own, then those checked everywhere."""
    return list(dict.fromkeys([*page.params, *CHECKED_EVERYWHERE]))


def parse(ds: Dataset, query: Mapping[str, str | None], page: PageSpec) -> View:
    """The page's parameters from a link's query, each checked; unusable values explained."""
    view = View()
    for name in names(page):
        raw = query.get(name)
        if raw is None or str(raw) == "":
            continue
        p = PARAMS[name]
        view.given.add(name)
        try:
            value = p.parse(ds, str(raw)[:MAX_PARAM], page)
        except Invalid as bad:
            view.problems += bad.messages
            view.suggestions += bad.suggestions
            value = p.default if bad.value is None else bad.value
        setattr(view, p.attr, value)
    return view


# --- links --------------------------------------------------------------------------------------------


def query(page: str | None, view: View | Mapping[str, str] | None = None, /, **changes: Any) -> dict[str, str]:
    """The query of a link to `page`: the parameters it reads (`names`) that differ from their defaults, as
    strings. Values come from `view` (a View), then `changes` (typed values by URL name: role=["11-3051"],
    area="2600000"; None removes one). In the page's order, so a link is always written the same way.

    `view` may instead be a link's own query (its strings, as st.query_params gives them): its order is kept
    and the changes go last, so a link to "this view" reads like the address it came from."""
    declared = names(page_spec(page)) if page else list(PARAMS)  # no page: any declared parameter
    unknown = [k for k in changes if k not in declared]
    if unknown:
        raise ValueError(f"/{page} reads no parameter {', '.join(unknown)}")
    if isinstance(view, View):
        values: dict[str, Any] = {n: getattr(view, PARAMS[n].attr) for n in declared}
        values.update(changes)
        out = {n: PARAMS[n].text(values.get(n)) for n in declared}
    else:
        out = {k: str(v) for k, v in (view or {}).items() if k in declared and v not in (None, "")}
        for n in sorted(changes, key=declared.index):  # the changes last, in the page's order
            out.pop(n, None)
            out[n] = PARAMS[n].text(changes[n])
    return {k: v for k, v in out.items() if v is not None}


def here(page: str | None, view: View | Mapping[str, str] | None = None, /, **changes: Any) -> str:
    """The link's query relative to the page open ("?role=11-3051&present=1"; "" with none): a link that
    stays on the page, wherever the app is served."""
    q = query(page, view, **changes)
    return f"?{urlencode(q, safe=',')}" if q else ""


def link(page: str, view: View | Mapping[str, str] | None = None, /, **changes: Any) -> str:
    """The link to a view of `page`: "/occupation?role=11-3051&area=2600000" (see `query`)."""
    return f"/{page}{here(page, view, **changes)}"


def slides_link(links: list[str]) -> str:
    """The /slides link of a list of views, in their order (the `view` key repeated, one per view)."""
    return "/slides" + (f"?{urlencode([('view', x) for x in links])}" if links else "")
