"""Trends May 2013 – May 2025: series per occupation, CPI-U restatement, indexes and EP vintages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.codes import CPI_SERIES
from dashboard.core.formatting import count, is_missing, money
from dashboard.data.dataset import Dataset
from dashboard.data.release import MONTH
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.soc import lineage, system

CPI_MONTH = "M05"  # OEWS wages refer to May: each year's May CPI-U, restated to the latest May


SERIES = ("wage", "employment")


SCALES = ("absolute", "index")


DOLLARS = ("real", "nominal")


MAX_TRENDS = 6


def available(ds: Dataset) -> bool:
    return ds.oews_history is not None and ds.soc_crosswalk is not None


def series(ds: Dataset, soc: str) -> pd.DataFrame:
    """One row per year the occupation can be followed: the year's published cells (code as published)."""
    lin = lineage(ds, soc)
    if not lin.codes:
        return ds.oews_history.iloc[0:0].reset_index(drop=True)
    rows = ds.oews_history.loc[[(c, y) for y, c in sorted(lin.codes.items())]]
    return rows.reset_index(drop=True)


# --- CPI-U -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deflator:
    target_year: int
    factors: dict[int, float]  # year -> CPI(target May) / CPI(year's May)
    target_value: float

    @property
    def basis(self) -> str:
        return f"{MONTH} {self.target_year} dollars"

    @property
    def note(self) -> str:
        return (
            f"Wages in {self.basis}: each year's {MONTH} wage multiplied by the CPI-U of {MONTH} {self.target_year} "
            f"({self.target_value:.3f}) over that year's {MONTH} CPI-U (BLS series {CPI_SERIES}, U.S. city average, "
            "all items, not seasonally adjusted, 1982–84 = 100)."
        )


@per_dataset
def deflator(ds: Dataset) -> Deflator | None:
    """Restate each May's wages in the latest OEWS May's dollars, with the May CPI-U."""
    if ds.cpi_u is None or ds.oews_history is None:
        return None
    cpi = ds.cpi_u
    may = cpi[cpi["period"] == CPI_MONTH].set_index("year")["value"]
    target = int(ds.oews_history["year"].max())
    if target not in may.index:
        return None
    t = float(may.loc[target])
    return Deflator(target, {int(y): t / float(v) for y, v in may.items()}, t)


# --- tables for the chart ----------------------------------------------------------------------------

WAGE_BANDS = ("p10", "p25", "median", "p75", "p90")


def frame(ds: Dataset, roles: list[str], what: str, hourly: bool, real: bool) -> pd.DataFrame:
    """Long table: soc_code, title, year, code (as published), and value columns for `what`:
    employment → value; wage → p10 … p90 (restated when real) with a top-coded flag for each."""
    out = [f for soc in roles if (f := _frame_one(ds, soc, what, hourly, real)) is not None]
    if not out:
        return pd.DataFrame(columns=["soc_code", "title", "year", "code", "value", "top_coded"])
    return pd.concat(out, ignore_index=True)


@per_argument(512)
def _frame_one(ds: Dataset, soc: str, what: str, hourly: bool, real: bool) -> pd.DataFrame | None:
    d = deflator(ds) if real else None
    out = []
    for code in (soc,):
        s = series(ds, code)
        if s.empty:
            continue
        title = ds.occupations.loc[soc, "title"] if soc in ds.occupations.index else s["title"].iloc[-1]
        base = pd.DataFrame({"soc_code": soc, "title": title, "year": s["year"].astype(int), "code": s["soc_code"]})
        if what == "employment":
            base["value"] = s["employment"].astype("Float64")
            base["top_coded"] = False
        else:
            basis = "hourly" if hourly else "annual"
            factor = base["year"].map(d.factors).astype(float) if d is not None else 1.0
            for p in WAGE_BANDS:
                col = f"{basis}_{p}"
                base[p] = s[col].astype(float) * factor
                base[f"{p}_top_coded"] = s[f"{col}_top_coded"].astype(bool)
            base["value"] = base["median"]
            base["top_coded"] = base["median_top_coded"]
        out.append(base)
    return out[0] if out else None


def first_common_year(df: pd.DataFrame, roles: list[str], since: int | None = None) -> int | None:
    """The first year (`since` or later, when given) in which every role has a released, not top-coded value."""
    ok = df[df["value"].notna() & ~df["top_coded"].astype(bool) & (df["year"] >= (since or 0))]
    years = None
    for soc in roles:
        ys = set(ok.loc[ok["soc_code"] == soc, "year"])
        years = ys if years is None else years & ys
    return min(years) if years else None


def indexed(df: pd.DataFrame, roles: list[str], since: int | None = None) -> tuple[pd.DataFrame, int | None]:
    """value (and bands) as an index, first common year (`since` or later) = 100; top-coded values stay bounds."""
    base_year = first_common_year(df, roles, since)
    if base_year is None:
        return df.iloc[0:0], None
    base = df[df["year"] == base_year].set_index("soc_code")["value"]
    out = df.copy()
    scale = 100 / out["soc_code"].map(base).astype(float)
    for col in [c for c in ("value", *WAGE_BANDS) if c in out]:
        out[col] = out[col].astype(float) * scale
    return out, base_year


# --- what changed, in words ------------------------------------------------------------------------------


def _pct(a: float, b: float) -> str:
    change = round((b / a - 1) * 100)
    return "0%" if change == 0 else f"{change:+d}%"  # not "-0%" for a fall of less than half a percent


def _name(ds: Dataset, soc: str) -> str:
    t = ds.occupations.loc[soc, "title"] if soc in ds.occupations.index else soc
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in t.split())


@per_argument(1024)
def paragraph(ds: Dataset, soc: str, hourly: bool = False) -> str:
    """'Employment of industrial production managers rose from 165,340 in May 2013 to 246,250 in May 2025
    (+49%). The median annual wage rose from $90,790 to $126,060 (+39% as published; +x% after inflation).'"""
    s = series(ds, soc)
    name = _name(ds, soc)
    if s.empty:
        return f"BLS publishes no national history for {name} that can be followed across years."
    parts = []
    emp = s[s["employment"].notna()]
    if len(emp) >= 2:
        a, b = emp.iloc[0], emp.iloc[-1]
        verb = (
            "rose" if b["employment"] > a["employment"] else ("fell" if b["employment"] < a["employment"] else "held")
        )
        parts.append(
            f"Employment of {name} {verb} from {count(a['employment'])} in {MONTH} {a['year']} to "
            f"{count(b['employment'])} in {MONTH} {b['year']} ({_pct(a['employment'], b['employment'])})."
        )
    basis = "hourly" if hourly else "annual"
    col = f"{basis}_median"
    w = s[s[col].notna()]
    if len(w) >= 2:
        a, b = w.iloc[0], w.iloc[-1]
        ta, tb = bool(a[f"{col}_top_coded"]), bool(b[f"{col}_top_coded"])
        ma, mb = money(a[col], ta, hourly), money(b[col], tb, hourly)
        years = ""
        if (a["year"], b["year"]) != (
            emp.iloc[0]["year"] if len(emp) else None,
            emp.iloc[-1]["year"] if len(emp) else None,
        ):
            years = f" ({MONTH} {a['year']} to {MONTH} {b['year']})"
        if ta or tb:
            parts.append(
                f"The median {basis} wage went from {ma} to {mb}{years}; a “≥” figure is BLS's top code, "
                "a lower bound, so no change is computed."
            )
        else:
            verb = "rose" if b[col] > a[col] else ("fell" if b[col] < a[col] else "held")
            d = deflator(ds)
            real = ""
            if d is not None and a["year"] in d.factors and b["year"] in d.factors:
                ra, rb = a[col] * d.factors[a["year"]], b[col] * d.factors[b["year"]]
                real = f"; {_pct(ra, rb)} after inflation, in {d.basis}"
            parts.append(
                f"The median {basis} wage {verb} from {ma} to {mb}{years} ({_pct(a[col], b[col])} as published{real})."
            )
    lin = lineage(ds, soc)
    if lin.breaks and s["year"].min() > min(b.years[0] for b in lin.breaks):
        parts.append(
            f"The line starts in {MONTH} {s['year'].min()}: earlier years were published under other codes "
            "that are not the same occupation."
        )
    return " ".join(parts)


# --- projections then, and what followed ----------------------------------------------------------------------


@per_argument(512)
def vintages(ds: Dataset, soc: str) -> pd.DataFrame:
    """Each EP vintage's row for the occupation, through the crosswalk where the vintage used older codes
    (only where the code is the same occupation)."""
    if ds.projection_vintages is None:
        return pd.DataFrame()
    pv = ds.projection_vintages
    lin_same = {"soc2018": soc}
    if ds.soc_crosswalk is not None:
        xw = ds.soc_crosswalk
        for sys_name in ("soc2010", "oews2019"):
            rows = xw[(xw["from_system"] == sys_name) & (xw["soc_code"] == soc)]
            froms = list(dict.fromkeys(rows["from_code"]))
            if len(froms) == 1 and set(
                xw[(xw["from_system"] == sys_name) & (xw["from_code"] == froms[0])]["soc_code"]
            ) == {soc}:
                lin_same[sys_name] = froms[0]
    # the rows with any of these codes, then in each vintage only the code of that vintage's system
    rows = pv[pv["soc_code"].isin(set(lin_same.values()))]
    keep = np.array(
        [
            lin_same.get(system(int(base))) == code
            for code, base in zip(rows["soc_code"], rows["base_year"], strict=True)
        ],
        dtype=bool,
    )
    return rows[keep].sort_values("vintage", kind="stable").reset_index(drop=True)


def followed(v: pd.DataFrame) -> list[str]:
    """Sentences, EP's own figures only: each earlier vintage's projection against EP's latest count."""
    if len(v) < 2:
        return []
    last = v.iloc[-1]
    out = []
    for _, r in v.iloc[:-1].iterrows():
        if is_missing(r["employment_target"]) or is_missing(last["employment_base"]):
            continue
        out.append(
            f"In {r['base_year']} BLS projected {count(r['employment_target'])} in {r['target_year']} "
            f"({r['change_pct']:+.1f}% from {count(r['employment_base'])}); by {last['base_year']} EP counted "
            f"{count(last['employment_base'])}."
        )
    return out


EP_VS_OEWS = (
    "Employment Projections counts every job, the self-employed included; OEWS counts wage and salary jobs "
    "only. The two programs' figures are never drawn on one line or compared with each other here."
)
