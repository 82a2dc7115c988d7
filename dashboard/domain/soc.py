"""SOC code changes: which code is the same occupation in SOC 2010, the OEWS 2019 hybrid and SOC 2018."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.core.codes import ALL_OCCUPATIONS, SOC_RE
from dashboard.core.formatting import and_list
from dashboard.data.dataset import Dataset
from dashboard.data.release import MONTH
from dashboard.domain.derived import per_argument, per_dataset

SYSTEM_NAMES = {"soc2010": "SOC 2010", "oews2019": "the OEWS 2019 hybrid structure", "soc2018": "SOC 2018"}


HYBRID_YEARS = (2019, 2020)  # OEWS published May 2019 and May 2020 in its hybrid structure


SOC2018_FROM = 2021  # and SOC 2018 from May 2021


def system(year: int) -> str:
    """The occupation system a May OEWS release (or an EP vintage's base year) used."""
    if year >= SOC2018_FROM:
        return "soc2018"
    return "oews2019" if year in HYBRID_YEARS else "soc2010"


@dataclass(frozen=True)
class Break:
    """Years where the occupation cannot be followed: the earlier system's codes, and what else they fed."""

    system: str
    years: tuple[int, ...]
    earlier: tuple[tuple[str, str], ...]  # (code, title) in the earlier system
    also: tuple[tuple[str, str], ...] = ()  # other SOC 2018 occupations those codes also fed

    @property
    def span(self) -> str:
        return f"{MONTH} {self.years[0]}" if len(self.years) == 1 else f"{MONTH} {self.years[0]}–{self.years[-1]}"

    def sentence(self, title: str) -> str:
        name = SYSTEM_NAMES[self.system]
        if not self.earlier:
            return f"{self.span}: {title} had no code of its own in {name}; the line starts later."
        codes = and_list([f"{c} {t}" for c, t in self.earlier])
        one = len(self.earlier) == 1
        also = ""
        if self.also:
            also = (
                f" {'That code' if one else 'Those codes'} also covered "
                + and_list([f"{c} {t}" for c, t in self.also])
                + "."
            )
        what = "which is not the same occupation" if one else "which together are not the same occupation"
        return (
            f"{self.span}: BLS published this occupation in {name} as {codes}, {what} "
            f"(the crosswalk does not map {'it' if one else 'them'} one to one), so the line is not drawn through "
            f"these years.{also}"
        )


@dataclass(frozen=True)
class Lineage:
    soc: str
    codes: dict[int, str] = field(default_factory=dict)  # year -> the code that year's release used
    breaks: tuple[Break, ...] = ()


def _clean_title(t: str) -> str:
    return t.replace("(##)", "").replace("(#)", "").strip()


@per_dataset
def years(ds: Dataset) -> tuple[int, ...]:
    """The Mays of the national history, oldest first (built once per dataset)."""
    return tuple(sorted(int(y) for y in ds.oews_history["year"].unique()))


@per_dataset
def _crosswalk_rows(ds: Dataset) -> dict[str, tuple[dict, dict]]:
    """Per earlier system, the crosswalk's rows (row number, from code, from title, SOC 2018 code, title) by
    SOC 2018 code and by earlier code, in the crosswalk's order: built once, so a lineage is dict lookups
    (Explore's change column follows 830 occupations; a filtered frame each took 1.3 s of its first load)."""
    xw = ds.soc_crosswalk
    out: dict[str, tuple[dict, dict]] = {}
    cols = ("from_system", "from_code", "from_title", "soc_code", "title")
    for i, (sys_name, fc, ft, sc, t) in enumerate(zip(*(xw[c] for c in cols), strict=True)):
        by_soc, by_from = out.setdefault(sys_name, ({}, {}))
        row = (i, fc, ft, sc, t)
        by_soc.setdefault(sc, []).append(row)
        by_from.setdefault(fc, []).append(row)
    return out


def _first_of(rows: list[tuple], key: int, value: int) -> dict:
    """Each key's value in its first row (the rows' order kept), as pandas' drop_duplicates(key) would."""
    out: dict = {}
    for r in rows:
        out.setdefault(r[key], r[value])
    return out


@per_argument(1024)
def lineage(ds: Dataset, soc: str) -> Lineage:
    """Which code, in which year, is the same occupation as `soc` (SOC 2018)."""
    hist = ds.oews_history
    mays = years(ds)
    xw = _crosswalk_rows(ds)
    same: dict[str, str | None] = {"soc2018": soc}
    breaks: dict[str, Break] = {}
    for sys_name in ("soc2010", "oews2019"):
        if soc == ALL_OCCUPATIONS:
            same[sys_name] = soc
            continue
        by_soc, by_from = xw.get(sys_name, ({}, {}))
        rows = by_soc.get(soc, [])
        froms = list(dict.fromkeys(r[1] for r in rows))
        if len(froms) == 1 and {r[3] for r in by_from[froms[0]]} == {soc}:
            same[sys_name] = froms[0]
            continue
        same[sys_name] = None
        fed = sorted(r for f in froms for r in by_from[f] if r[3] != soc)
        earlier = tuple((c, _clean_title(t)) for c, t in _first_of(rows, 1, 2).items())
        also = tuple((c, _clean_title(t)) for c, t in _first_of(fed, 3, 4).items())
        in_years = tuple(y for y in mays if system(y) == sys_name)
        if in_years:
            breaks[sys_name] = Break(sys_name, in_years, earlier, also)
    codes = {}
    for y in mays:
        c = same[system(y)]
        if c is not None and (c, y) in hist.index:
            codes[y] = c
    ordered = tuple(breaks[s] for s in ("soc2010", "oews2019") if s in breaks)
    return Lineage(soc, codes, ordered)


# --- a role code from an old link ---------------------------------------------------------------------------------


def old_code(ds: Dataset, code: str) -> tuple[list[str], str] | None:
    """An SOC 2010 or OEWS 2019 hybrid code: (the SOC 2018 occupations it became, a sentence), else None."""
    if ds.soc_crosswalk is None or not SOC_RE.match(code):
        return None
    xw = ds.soc_crosswalk
    rows = xw[xw["from_code"] == code]
    if rows.empty:
        return None
    r0 = rows.iloc[0]
    name = SYSTEM_NAMES[r0["from_system"]]
    targets = [c for c in dict.fromkeys(rows["soc_code"]) if c in ds.occupations.index]
    if not targets:
        return None
    title = _clean_title(r0["from_title"])
    if len(targets) == 1:
        t = targets[0]
        return (
            targets,
            f"{code} {title} is a code of {name}; it is {t} {ds.occupations.loc[t, 'title']} in SOC 2018. Showing {t}.",
        )
    listing = ", ".join(f"{t} {ds.occupations.loc[t, 'title']}" for t in targets)
    return targets, f"{code} {title} ({name}) was split: it became {listing} in SOC 2018. Showing those."
