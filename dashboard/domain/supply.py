"""Who is being trained for it: IPEDS program completions by area, institution and award level, and beside openings.

Completers are counted where the institution is. The CIP ↔ SOC crosswalk is many-to-many without weights, so
a program's completers count toward every occupation it maps to: an occupation's related completers are a
sum over its programs (each completion row belongs to one program, so nothing is counted twice within one
occupation), and are never added across occupations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import Dataset
from dashboard.domain import projections
from dashboard.domain.derived import per_argument, per_dataset

# a program's figures are kept per area for two programs' nation and states (55 each) and the metro and
# nonmetropolitan areas of the states they were shown in (up to 32 a state: Texas), all made in the server's idle
# time once a program is open (web/views/parts/program_view.py): about 165 KB an area
PROGRAM_AREAS_KEPT = 256

SOURCE_LINE = "NCES IPEDS Completions (first majors) and Institutional Characteristics"

# The award levels that prepare for an occupation's typical entry education (BLS EP's categories), counted by
# default; a user may pick others. Occupations that need no postsecondary award are still trained for by
# short certificates and associate's programs (welders, for example), so those count for them.
SUB_BACCALAUREATE = (20, 21, 2, 3, 4)
DEFAULT_LEVELS: dict[str, tuple[int, ...]] = {
    "No formal educational credential": SUB_BACCALAUREATE,
    "High school diploma or equivalent": SUB_BACCALAUREATE,
    "Postsecondary nondegree award": SUB_BACCALAUREATE,
    "Some college, no degree": SUB_BACCALAUREATE,
    "Associate's degree": (2, 3, 4),
    "Bachelor's degree": (5, 6),
    "Master's degree": (7, 8),
    "Doctoral or professional degree": (17, 18, 19),
}
ALL_LEVELS = (20, 21, 2, 3, 4, 5, 6, 7, 8, 17, 18, 19)

# "Training may fall short": openings at least this many times the related completers (adjustable)
SHORT_RATIO = 2.0


def available(ds: Dataset) -> bool:
    return ds.completions is not None and ds.institutions is not None and len(ds.completions) > 0


@per_dataset
def years(ds: Dataset) -> tuple[int, ...]:
    """The IPEDS collection years in the data, oldest first (2024 = awards of July 2023 – June 2024)."""
    return tuple(sorted(int(y) for y in ds.completions["year"].unique()))


def latest(ds: Dataset) -> int:
    return years(ds)[-1]


def academic_year(year: int) -> str:
    """2024 → '2023–24' (IPEDS counts awards conferred July 1 – June 30)."""
    return f"{year - 1}–{year % 100:02d}"


def year_label(year: int) -> str:
    """'IPEDS 2023–24 awards'"""
    return f"IPEDS {academic_year(year)} awards"


def level_names(ds: Dataset) -> dict[int, str]:
    """award level code → its name, shortest award first."""
    al = ds.award_levels
    return {int(k): str(v) for k, v in zip(al["award_level"], al["award_name"], strict=True)}


def default_levels(ds: Dataset, soc: str) -> tuple[int, ...]:
    """The award levels that match the occupation's typical entry education (all levels where EP has none)."""
    try:
        education = str(ds.occupations.loc[soc, "education"])
    except KeyError:
        return ALL_LEVELS
    return DEFAULT_LEVELS.get(education, ALL_LEVELS)


def parse_levels(ds: Dataset, values: list[str] | tuple[str, ...]) -> tuple[tuple[int, ...], list[str]]:
    """Award levels from a link ("3,21"): the known ones in order, and the values that are not levels."""
    names = level_names(ds)
    known, unknown = [], []
    for v in values:
        v = str(v).strip()
        if v.lstrip("-").isdigit() and int(v) in names:
            known.append(int(v))
        elif v:
            unknown.append(v)
    order = list(names)
    return tuple(sorted(set(known), key=order.index)), unknown


# --- areas ------------------------------------------------------------------------------------------------


def covers(ds: Dataset, area: str) -> bool:
    """Completions are counted for the nation, states and metro areas (where the institution is)."""
    if area == NATIONAL:
        return True
    return area in ds.areas.index and ds.areas.loc[area, "area_type"] in ("state", "metro")


@per_argument(64)
def institutions_in(ds: Dataset, area: str) -> pd.Index:
    """The unitids of the institutions in the area (all for the nation; none for a nonmetro area)."""
    inst = ds.institutions
    if area == NATIONAL:
        return inst.index
    column = _area_column(ds, area)
    return inst.index[inst[column] == area] if column else inst.index[:0]


def _area_column(ds: Dataset, area: str) -> str | None:
    """The institutions' column that places them in a state or metro area (None for another kind of area)."""
    kind = ds.areas.loc[area, "area_type"] if area in ds.areas.index else ""
    return kind if kind in ("state", "metro") else None


def _rows(ds: Dataset, area: str, year: int | None = None) -> pd.DataFrame:
    c = ds.completions
    mask = np.ones(len(c), dtype=bool) if year is None else (c["year"] == year).to_numpy(copy=True)
    if area != NATIONAL:
        mask = mask & c["unitid"].isin(institutions_in(ds, area)).to_numpy()
    return c[mask]


# --- a program --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # arrays: compared by identity, never by value
class _Rows:
    """Completion rows of one program as plain arrays (pandas' cost per call on a few hundred rows of
    Arrow-backed strings was most of a new area's time on the program page): year, unitid, award level,
    completers, and each row's state and metro area (from its institution; "" where it has none)."""

    year: np.ndarray
    unitid: np.ndarray
    level: np.ndarray
    completers: np.ndarray
    state: np.ndarray
    metro: np.ndarray

    def __getitem__(self, mask: np.ndarray) -> _Rows:
        return _Rows(*(a[mask] for a in (self.year, self.unitid, self.level, self.completers, self.state, self.metro)))

    def __len__(self) -> int:
        return len(self.year)


@per_argument(64)
def _rows_of_program(ds: Dataset, cip: str) -> _Rows:
    """Every completion row of one program, all years and institutions: a program's questions start from its
    few thousand rows, not the million (an area's filter over all rows cost ~30 ms a query on a rerun)."""
    c = ds.completions
    rows = c[(c["cip_code"] == cip).to_numpy()]
    unitid = rows["unitid"].astype(str).to_numpy(dtype=object)
    inst = ds.institutions.reindex(unitid)
    # each row's state and metro area beside it, so an area's rows are one comparison, not a lookup in a set
    arrays = [
        rows["year"].to_numpy(dtype="int64"),
        unitid,
        rows["award_level"].to_numpy(dtype="int64"),
        rows["completers"].to_numpy(dtype="int64"),
        inst["state"].fillna("").to_numpy(dtype=object),
        inst["metro"].fillna("").to_numpy(dtype=object),
    ]
    for a in arrays:  # kept for every visitor: read-only
        a.setflags(write=False)
    return _Rows(*arrays)


def _program_in(ds: Dataset, cip: str, area: str, year: int | None = None) -> _Rows:
    """One program's completion rows in the area (and the year, when given)."""
    c = _rows_of_program(ds, cip)
    mask = np.ones(len(c), dtype=bool) if year is None else c.year == year
    if area != NATIONAL:
        column = _area_column(ds, area)  # a nonmetro area has no institutions of its own
        mask = mask & (getattr(c, column) == area) if column else np.zeros(len(c), dtype=bool)
    return c[mask]


@per_argument(PROGRAM_AREAS_KEPT)
def program_by_level(ds: Dataset, cip: str, area: str) -> pd.DataFrame:
    """Completers of one program in the area, by year (columns) and award level (rows, shortest first);
    levels with no completers in any year are left out. Columns: award_level, award_name, then one per year."""
    c = _program_in(ds, cip, area)
    names, ys = level_names(ds), list(years(ds))
    # summed in numpy: a groupby, unstack and reindex of these few rows cost ~10 ms a new area on a rerun
    table, seen = _summed(c.completers, c.level, list(names), c.year, ys)
    levels = [lv for lv, s in zip(names, seen, strict=True) if s]
    return pd.DataFrame(  # built at once: a column added at a time cost ~1 ms a year
        {"award_level": np.array(levels, dtype="int64"), "award_name": [names[lv] for lv in levels]}
        | {y: pd.array(table[seen, j], dtype="Int64") for j, y in enumerate(ys)}
    )


def _summed(
    n: np.ndarray, rows: np.ndarray, row_keys: list, cols: np.ndarray, col_keys: list
) -> tuple[np.ndarray, np.ndarray]:
    """The completers `n` summed by their `rows` and `cols` keys into a matrix over the keys given (int64), and
    which row keys occur at all."""
    at = {k: i for i, k in enumerate(row_keys)}
    r = np.fromiter((at[v] for v in rows), dtype=np.intp, count=len(rows))
    at = {k: i for i, k in enumerate(col_keys)}
    k = np.fromiter((at[v] for v in cols), dtype=np.intp, count=len(cols))
    table = np.zeros((len(row_keys), len(col_keys)), dtype="int64")
    np.add.at(table, (r, k), n)
    return table, np.bincount(r, minlength=len(row_keys)) > 0


@per_argument(256)
def program_total(ds: Dataset, cip: str, area: str, year: int | None = None) -> int:
    """Completers of one program in the area in one year (the latest by default)."""
    year = year or latest(ds)
    return int(_program_in(ds, cip, area, year).completers.sum())


@per_argument(PROGRAM_AREAS_KEPT)
def program_institutions(ds: Dataset, cip: str, area: str, year: int | None = None) -> pd.DataFrame:
    """The institutions in the area with completers of the program in the year: unitid, name, city, state
    (postal), sector, one column per award level (its name), total; largest first."""
    year = year or latest(ds)
    c = _program_in(ds, cip, area, year)
    if not len(c):
        return pd.DataFrame(columns=["unitid", "name", "city", "postal", "sector", "latitude", "longitude", "total"])
    names = level_names(ds)
    ids = sorted(set(c.unitid))
    table, seen = _summed(c.completers, c.level, list(names), c.unitid, ids)  # a level a row, an institution a column
    inst = ds.institutions.loc[ids, ["unitid", "name", "city", "postal", "sector", "latitude", "longitude"]]
    out = pd.DataFrame(  # built at once: a column added at a time cost ~1 ms a level
        {k: inst[k].to_numpy() for k in inst.columns}
        | {lv: row for lv, row, s in zip(names.values(), table, seen, strict=True) if s}
        | {"total": table.sum(axis=0)}
    )
    return out.sort_values(["total", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


@per_dataset
def _area_centres(ds: Dataset) -> pd.DataFrame:
    """Each state's and metro area's centre: the mean position of its institutions (for "nearest")."""
    inst = ds.institutions.dropna(subset=["latitude", "longitude"])
    frames = []
    for col in ("state", "metro"):
        g = inst[inst[col].notna() & (inst[col] != "")].groupby(col)[["latitude", "longitude"]].mean()
        frames.append(g)
    return pd.concat(frames)


def nearest_offering(ds: Dataset, cip: str, area: str, limit: int = 3) -> list[tuple[str, int]]:
    """The nearest areas of the same kind (states for a state, metros for a metro) with completers of the
    program in the latest year, as (area code, completers), nearest first."""
    if area == NATIONAL or area not in ds.areas.index:
        return []
    kind = ds.areas.loc[area, "area_type"]
    column = {"state": "state", "metro": "metro"}.get(kind)
    centres = _area_centres(ds)
    if column is None or area not in centres.index:
        return []
    c = _program_in(ds, cip, NATIONAL, latest(ds))
    by_area = pd.Series(c.completers, index=getattr(c, column)).groupby(level=0).sum()
    by_area = by_area[(by_area.index != "") & (by_area.index != area) & by_area.index.isin(centres.index)]
    if by_area.empty:
        return []
    lat0, lon0 = centres.loc[area]
    other = centres.loc[by_area.index]
    # distance on the sphere (haversine), good enough to order neighbours
    la, lo, la0 = np.radians(other["latitude"]), np.radians(other["longitude"]), math.radians(lat0)
    d = np.sin((la - la0) / 2) ** 2 + np.cos(la0) * np.cos(la) * np.sin((lo - math.radians(lon0)) / 2) ** 2
    order = pd.Series(d.to_numpy(), index=other.index).sort_values(kind="stable").index[:limit]
    return [(code, int(by_area[code])) for code in order]


@per_dataset
def _by_program(ds: Dataset) -> dict:
    """The latest year's rows sorted by program, as arrays, with where each program's rows start and each
    row's state and metro area: an occupation's few programs are then found by slicing, not by scanning a
    million rows, and without pandas' cost per call (the profile computes them on every change of area).
    About 200,000 rows, kept once per process."""
    c = ds.completions
    c = c[(c["year"] == latest(ds)).to_numpy()]
    codes = c["cip_code"].cat.codes.to_numpy()
    order = np.argsort(codes, kind="stable")
    c, codes = c.iloc[order], codes[order]
    uid = c["unitid"].cat.codes.to_numpy()
    inst = ds.institutions.reindex(c["unitid"].cat.categories.astype(str))
    return {
        "rows": c,
        "programs": c["cip_code"].cat.categories,
        "starts": np.searchsorted(codes, np.arange(len(c["cip_code"].cat.categories) + 1)),
        "cip": codes,
        "unitid": uid,
        # as stored (int8, int32): sums promote to int64; 4 MB less a process than int64 copies
        "level": c["award_level"].to_numpy(),
        "n": c["completers"].to_numpy(),
        # each institution's state and metro area once, looked up by the rows' unitid codes when an area asks
        "state": inst["state"].fillna("").to_numpy(),
        "metro": inst["metro"].fillna("").to_numpy(),
    }


@per_dataset
def national_totals(ds: Dataset) -> dict[str, int]:
    """Each program's completers in the nation in the latest year, by CIP code (none where it had none)."""
    b = _by_program(ds)
    return {str(c): n for c, n in zip(b["programs"], _sums(b["n"], b["starts"]), strict=True) if n is not None}


def _sums(values: np.ndarray, starts: np.ndarray) -> list[int | None]:
    """The sum of each run values[starts[k]:starts[k + 1]], None for an empty run (a program with no rows; the
    first, the last or all of them). Differences of a running total: np.add.reduceat refuses a start at the end."""
    total = np.concatenate([[0], np.cumsum(values, dtype="int64")])
    lo, hi = starts[:-1], starts[1:]
    return [None if a == b else int(total[b] - total[a]) for a, b in zip(lo, hi, strict=True)]


def _program_index(ds: Dataset, cips, area: str) -> np.ndarray:
    """Positions in _by_program of the latest year's rows of the programs `cips` in the area."""
    b = _by_program(ds)
    at = [i for i in b["programs"].get_indexer(list(cips)) if i >= 0]
    idx = np.concatenate([np.arange(b["starts"][i], b["starts"][i + 1]) for i in at]) if at else np.array([], int)
    if area != NATIONAL:
        kind = ds.areas.loc[area, "area_type"] if area in ds.areas.index else ""
        where = {"state": b["state"], "metro": b["metro"]}.get(kind)
        idx = idx[where[b["unitid"][idx]] == area] if where is not None else idx[:0]
    return idx


def _program_rows(ds: Dataset, cips, area: str, year: int) -> pd.DataFrame:
    """The completion rows of the programs `cips` in the area in the year (_rows, cut to those programs)."""
    if year != latest(ds):
        c = _rows(ds, area, year)
        return c[c["cip_code"].isin(list(cips))]
    return _by_program(ds)["rows"].iloc[_program_index(ds, cips, area)]


# --- an occupation ----------------------------------------------------------------------------------------


@per_dataset
def _crosswalk(ds: Dataset) -> pd.DataFrame:
    return (
        ds.content["program_occupations"]
        if "program_occupations" in ds.content
        else pd.DataFrame(columns=["cip_code", "soc_code"])
    )


@per_dataset
def _programs_of(ds: Dataset) -> dict[str, list[str]]:
    """Each occupation's programs in the crosswalk, in the crosswalk's order."""
    xw = _crosswalk(ds)
    return {soc: list(g) for soc, g in xw.groupby("soc_code", sort=False)["cip_code"]}


@per_dataset
def _titles(ds: Dataset) -> dict[str, str]:
    p = ds.content["programs"] if "programs" in ds.content else pd.DataFrame(columns=["cip_code", "title"])
    return dict(zip(p["cip_code"], p["title"], strict=True))


def _occupation_rows(ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int) -> tuple[list, dict]:
    """The occupation's programs, and their rows in the area at the levels as arrays: cip, unitid, level, n
    (cip as positions in `codes`)."""
    cips = _programs_of(ds).get(soc, [])
    if year == latest(ds):
        b = _by_program(ds)
        idx = _program_index(ds, cips, area)
        r = {k: b[k][idx] for k in ("cip", "unitid", "level", "n")}
        codes = b["programs"]
    else:
        c = _program_rows(ds, cips, area, year)
        r = {
            "cip": c["cip_code"].cat.codes.to_numpy(),
            "unitid": c["unitid"].cat.codes.to_numpy(),
            "level": c["award_level"].to_numpy().astype("int64"),
            "n": c["completers"].to_numpy().astype("int64"),
        }
        codes = c["cip_code"].cat.categories
    keep = np.isin(r["level"], np.asarray(levels, dtype="int64"))
    return cips, {**{k: v[keep] for k, v in r.items()}, "codes": codes}


@per_argument(64)
def occupation_programs(
    ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int | None = None
) -> pd.DataFrame:
    """The 6-digit programs that lead to the occupation (the crosswalk), with their completers in the area in
    the year at the chosen levels: cip_code, title, completers, institutions; largest first (programs with
    none are kept, at the end). Numpy over the occupation's own rows: the profile computes it on each area."""
    year = year or latest(ds)
    return pd.DataFrame(_program_columns(ds, soc, area, tuple(levels), year, by_level=False))


def _program_columns(ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int, by_level: bool) -> dict:
    """occupation_programs' columns (and with `by_level` one per level chosen), largest first: built as plain
    arrays, since a DataFrame's sort and casts cost more than the sums on the profile's every change of area."""
    cips, r = _occupation_rows(ds, soc, area, levels, year)
    at = r["codes"].get_indexer(cips)
    rows = [r["cip"] == i for i in at]
    totals = [int(r["n"][m].sum()) for m in rows]
    order = sorted(range(len(cips)), key=lambda k: (-totals[k], cips[k]))
    titles = _titles(ds)
    out: dict = {
        "cip_code": np.array([cips[k] for k in order], dtype=object),
        "title": np.array([titles.get(cips[k], "") for k in order], dtype=object),
    }
    if by_level:
        names = level_names(ds)
        for lv in (lv for lv in names if lv in levels):
            at_level = r["level"] == lv
            out[names[lv]] = np.array([int(r["n"][rows[k] & at_level].sum()) for k in order], dtype="int64")
    out["completers"] = np.array([totals[k] for k in order], dtype="int64")
    out["institutions"] = np.array([len(np.unique(r["unitid"][rows[k]])) for k in order], dtype="int64")
    return out


def occupation_institutions(
    ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int | None = None
) -> pd.DataFrame:
    """The institutions behind an occupation's related completers: name, city, state, sector, programs (their
    titles), completers; largest first."""
    year = year or latest(ds)
    cips = sorted(set(_crosswalk(ds).loc[lambda d: d["soc_code"] == soc, "cip_code"]))
    c = _program_rows(ds, cips, area, year)
    c = c[c["award_level"].isin(levels)]
    if c.empty:
        return pd.DataFrame(columns=["unitid", "name", "city", "postal", "sector", "programs", "completers"])
    titles = ds.content["programs"].set_index("cip_code")["title"]
    g = c.groupby("unitid", observed=True).agg(
        completers=("completers", "sum"),
        programs=("cip_code", lambda s: "; ".join(sorted({str(titles.get(x, x)).rstrip(".") for x in s}))),
    )
    inst = ds.institutions.loc[g.index.astype(str), ["unitid", "name", "city", "postal", "sector"]].reset_index(
        drop=True
    )
    out = pd.concat([inst, g.reset_index(drop=True)], axis=1)
    return out.sort_values(["completers", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


@per_argument(64)
def not_counted(ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int | None = None) -> dict[str, int]:
    """Completers of the occupation's related programs in the area at the award levels not counted, by level name
    (those with any), in IPEDS order: Michigan's 77 nurse anesthetists of 2023–24 earned a professional doctorate,
    not the master's degree their typical entry education names."""
    names = level_names(ds)
    rest = tuple(lv for lv in names if lv not in levels)
    if not rest:
        return {}
    cols = _program_columns(ds, soc, area, rest, year or latest(ds), by_level=True)
    sums = {names[lv]: int(cols[names[lv]].sum()) for lv in rest}
    return {name: n for name, n in sums.items() if n > 0}


def related_completers(ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int | None = None) -> int:
    return int(occupation_programs(ds, soc, area, levels, year)["completers"].sum())


def openings(ds: Dataset, soc: str, area: str) -> tuple[int | None, str, str]:
    """(annual openings, whose, vintage) to set beside completers: the state's (Projections Central) for a
    state or a metro area's state, the nation's (BLS EP) for the nation; None where not released."""
    if area == NATIONAL:
        p = projections.projection(ds, soc)
        v = None if p is None or pd.isna(p["openings_annual"]) else int(p["openings_annual"])
        return v, NATIONAL, f"BLS Employment Projections {ds.release.ep_base}–{ds.release.ep_target % 100:02d}"
    state = projections.state_of(ds, area)
    if state is None or not projections.available(ds):
        return None, state or area, ""
    row = projections.state_row(ds, state, soc)
    v = None if row is None or pd.isna(row["openings_annual"]) else int(row["openings_annual"])
    return v, state, projections.source_line(ds)


def per_opening(completers: int, openings_: int | None) -> float | None:
    """Completers per annual opening; None where openings are not released or zero."""
    if openings_ is None or openings_ <= 0:
        return None
    return completers / openings_


@dataclass(frozen=True)
class Comparison:
    """One occupation's completers of related programs beside annual openings, both for the same area: the
    state's or the nation's (comparison_area). The profile, its brief and its slides show these figures."""

    whose: str  # the area both figures are for
    levels: tuple[int, ...]  # the award levels counted
    default: bool  # those matching the occupation's typical entry education
    year: int  # IPEDS collection year of the completers
    completers: int
    openings: int | None  # None: not released
    openings_source: str  # the openings' source line, with its vintage
    openings_label: str  # "Projections Central 2022–32" or "BLS EP 2024–34"
    ratio: float | None  # completers per annual opening; None where openings are not released


def comparison(ds: Dataset, soc: str, area: str, levels: tuple[int, ...] | None = None) -> Comparison | None:
    """The figures set side by side for `soc` in `area` at `levels` (None or empty: the default levels); None
    where the folder has no completions or no state is known for the area."""
    whose = comparison_area(ds, area)
    if not available(ds) or whose is None:
        return None
    default = default_levels(ds, soc)
    levels = tuple(levels or default)
    year = latest(ds)
    completers = related_completers(ds, soc, whose, levels, year)
    opened, _, line = openings(ds, soc, whose)
    label = f"BLS EP {ds.release.ep}" if whose == NATIONAL else f"Projections Central {projections.vintage(ds)}"
    return Comparison(
        whose, levels, levels == default, year, completers, opened, line, label, per_opening(completers, opened)
    )


# --- every occupation at once (the in-demand list) --------------------------------------------------------


def counted_area(ds: Dataset, area: str) -> str:
    """The area whose completions stand for `area`: itself where completions are counted (the nation, a state,
    a metro area); a nonmetropolitan area's state otherwise (the nation where it has none)."""
    if covers(ds, area):
        return area
    return projections.state_of(ds, area) or NATIONAL


def program_levels_beside(ds: Dataset, cip: str, area: str, year: int | None = None) -> pd.DataFrame:
    """One program's completers by award level in the year, the area beside the nation: award_level,
    award_name, area, nation (levels with completers in either, shortest first)."""
    year = year or latest(ds)
    here = program_by_level(ds, cip, area)
    nation = program_by_level(ds, cip, NATIONAL)
    in_area = dict(zip(here["award_level"], here[year].to_numpy(dtype="int64"), strict=True))
    out = pd.DataFrame(
        {
            "award_level": nation["award_level"].to_numpy(),
            "award_name": nation["award_name"].to_numpy(),
            "area": np.array([in_area.get(lv, 0) for lv in nation["award_level"]], dtype="int64"),
            "nation": nation[year].to_numpy(dtype="int64"),
        }
    )
    return out[(out["area"] > 0) | (out["nation"] > 0)].reset_index(drop=True)


# --- completers beside openings, for one occupation in one area -------------------------------------------


def comparison_area(ds: Dataset, area: str) -> str | None:
    """The area whose completers are set beside openings: the nation or a state itself; for a metro or a
    nonmetropolitan area its state, since projections are published for states only (None: no state known)."""
    return NATIONAL if area == NATIONAL else projections.state_of(ds, area)


@per_argument(64)
def occupation_programs_by_level(
    ds: Dataset, soc: str, area: str, levels: tuple[int, ...], year: int | None = None
) -> pd.DataFrame:
    """occupation_programs with the completers split by award level: cip_code, title, one column per level
    chosen (its name, shortest award first), completers (their total), institutions; largest first."""
    year = year or latest(ds)
    return pd.DataFrame(_program_columns(ds, soc, area, tuple(levels), year, by_level=True))


def related_in_states(ds: Dataset) -> pd.Series:
    """Each state's related completers of each occupation in the latest year, at the levels matching the
    occupation's typical entry education (every state in one pass): indexed by
    (state, soc_code); a pair with no completers is absent. Not kept: _related_by_state keeps what the pages
    read, and this table's index would cost 4 MB more a process."""
    # on integer codes from _by_program (institution → state, program, level): strings only at the end, since a
    # million Python strings built and dropped here left the server process 27 MB larger (benchmarks/memory.py)
    b = _by_program(ds)
    states = pd.Categorical(b["state"])
    rows = pd.DataFrame(
        {
            "s": states.codes[b["unitid"]],
            "c": b["cip"].astype("int32"),
            "l": b["level"].astype("int16"),
            "n": b["n"].astype("int64"),
        }
    )
    by = rows.groupby(["s", "c", "l"], sort=False)["n"].sum().reset_index()
    xw = _crosswalk(ds)[["cip_code", "soc_code"]].drop_duplicates()
    cip = b["programs"].get_indexer(xw["cip_code"])
    xw, cip = xw[cip >= 0], cip[cip >= 0]
    socs = pd.Categorical(xw["soc_code"])
    education = ds.occupations["education"].reindex(socs.categories).fillna("")
    levels = [DEFAULT_LEVELS.get(e, ALL_LEVELS) for e in education]
    pairs = pd.DataFrame({"c": cip.astype("int32"), "k": socs.codes, "l": [levels[k] for k in socs.codes]})
    pairs = pairs.explode("l").astype({"l": "int16"})
    m = pairs.merge(by, on=["c", "l"])
    g = m.groupby(["s", "k"])["n"].sum()
    index = pd.MultiIndex.from_arrays(
        [states.categories[g.index.get_level_values("s")], socs.categories[g.index.get_level_values("k")]],
        names=["state", "soc_code"],
    )
    return pd.Series(g.to_numpy(), index=index, name="completers").astype("int64")


@per_dataset
def _related_by_state(ds: Dataset) -> dict[str, pd.Series]:
    """related_in_state of every state, built once (about 0.3 s with related_in_states): the in-demand list
    looks its state's up on each rerun."""
    mapped = pd.Series(0, index=pd.Index(sorted(_crosswalk(ds)["soc_code"].unique()), name="soc_code"), dtype="int64")
    every = related_in_states(ds)
    out = {}
    for state, here in every.groupby(level="state"):
        out[state] = mapped.add(here.droplevel("state"), fill_value=0).astype("int64")
    out[""] = mapped  # a state with no institutions: every mapped occupation has 0 completers
    return out


def related_in_state(ds: Dataset, state: str) -> pd.Series:
    """Each occupation's related completers in the state in the latest year, at the award levels matching its
    typical entry education, from one table of every state built once per process: 0 for an
    occupation whose programs had no completers there; absent (not released) where the crosswalk maps none."""
    by_state = _related_by_state(ds)
    return by_state.get(state, by_state[""])


def warm(ds: Dataset) -> None:
    """What the profile's and the in-demand list's training figures share, built once per process (about
    0.5 s): the latest year's rows by program, and every state's related completers."""
    if available(ds):
        _by_program(ds)
        _related_by_state(ds)
