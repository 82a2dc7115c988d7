"""Pure transforms: raw BLS frames in, contract tables out (all cells text, exactly as published)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.core.codes import ALL_INDUSTRIES, ANNUAL_WAGES, HOURLY_WAGES, NATIONAL, SECTOR_RE, sector_holding
from dashboard.data.schema import MEASURES, TABLES, TOP_CODE_ANNUAL, TOP_CODE_HOURLY
from dashboard.ingest.extract import IngestError, OewsData, ep_decimal

_OCC_LEVELS = {"0": "major", "1": "minor", "2": "broad", "3": "detailed"}

# oe.datatype code -> the measure column it fills
OEWS_DATATYPES = {
    "01": "employment",
    "02": "employment_rse",
    "03": "hourly_mean",
    "04": "annual_mean",
    "05": "wage_rse",
    "06": "hourly_p10",
    "07": "hourly_p25",
    "08": "hourly_median",
    "09": "hourly_p75",
    "10": "hourly_p90",
    "11": "annual_p10",
    "12": "annual_p25",
    "13": "annual_median",
    "14": "annual_p75",
    "15": "annual_p90",
    "16": "jobs_per_1000",
    "17": "location_quotient",
}


def hyphenate(code: str) -> str:
    return f"{code[:2]}-{code[2:]}"


def soc_level_from_code(soc: str) -> str:
    if soc == "00-0000":
        return "total"
    if soc.endswith("0000"):
        return "major"
    if soc.endswith("000"):
        return "minor"
    if soc.endswith("0"):
        return "broad"
    return "detailed"


def _text(v) -> str:
    if v is None:
        return ""
    s = str(v).strip()
    return "" if s in ("—", "-") else s


def _persons(thousands) -> str:
    d = ep_decimal(thousands)
    return "" if d is None else _fmt(d * 1000)


def _number(v) -> str:
    d = ep_decimal(v)
    return "" if d is None else _fmt(d)


def _fmt(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


def _ordered(df: pd.DataFrame, table: str) -> pd.DataFrame:
    t = TABLES[table]
    return df[t.columns].sort_values(list(t.primary_key), kind="stable").reset_index(drop=True)


def occupations(oews: pd.DataFrame, ep: pd.DataFrame) -> pd.DataFrame:
    """OEWS occupation list joined with EP's typical entry requirements; EP-only codes added."""
    o = pd.DataFrame(
        {
            "soc_code": oews["occupation_code"].map(hyphenate),
            "title": oews["occupation_name"],
            "level": oews["display_level"].map(_OCC_LEVELS),
        }
    )
    o.loc[o["soc_code"] == "00-0000", "level"] = "total"
    if o["level"].isna().any():
        bad = oews.loc[o["level"].isna(), "display_level"].unique()
        raise IngestError(f"oe.occupation: unknown display_level {list(bad)}; expected 0–3")
    e = ep.assign(
        soc_code=ep["soc_code"].map(_text),
        title=ep["title"].map(_text),
        line_item=ep["occupation_type"].map(_text).str.lower().eq("line item"),
    )
    for col in ("education", "experience", "training"):
        e[col] = e[col].map(_text).where(e["line_item"], "")
    only_ep = e[~e["soc_code"].isin(o["soc_code"])].copy()
    only_ep["level"] = [
        "detailed" if li else soc_level_from_code(c)
        for c, li in zip(only_ep["soc_code"], only_ep["line_item"], strict=True)
    ]
    out = pd.concat([o, only_ep[["soc_code", "title", "level"]]], ignore_index=True)
    out = out.merge(e[["soc_code", "education", "experience", "training"]], on="soc_code", how="left")
    out["major_group"] = out["soc_code"].str[:2] + "-0000"
    return _ordered(out.fillna(""), "occupations")


def areas(oe_area: pd.DataFrame, postal: dict[str, str]) -> pd.DataFrame:
    kind = oe_area["areatype_code"].map({"N": "national", "S": "state", "M": "metro"})
    if kind.isna().any():
        raise IngestError(
            f"oe.area: unknown areatype_code {sorted(oe_area.loc[kind.isna(), 'areatype_code'].unique())}"
        )
    nonmetro = oe_area["area_name"].str.contains("nonmetropolitan", case=False)
    kind = kind.mask((kind == "metro") & nonmetro, "nonmetro")
    state = oe_area["state_code"].map(postal).fillna("")
    unknown = (state == "") & (kind != "national")
    if unknown.any():
        raise IngestError(
            f"oe.area: state_code(s) {sorted(oe_area.loc[unknown, 'state_code'].unique())} not in state_fips.csv"
        )
    out = pd.DataFrame(
        {"area_code": oe_area["area_code"], "area_type": kind, "area_name": oe_area["area_name"], "state": state}
    )
    return _ordered(out, "areas")


_SECTOR = SECTOR_RE


def industry_parent(code: str, level: int, codes: dict[str, int]) -> str:
    """The industry one level up, from the code's structure (OEWS publishes only display levels).

    Sectors (`31--34`) sit under private ownership (`000001`) and government sector `99-100`
    under all government (`999001`); a NAICS code's parent is the nearest shorter prefix
    published one level up, and a subsector's parent is the sector whose range holds it.
    """
    if level == 0:
        return ""
    if level == 1:
        return ALL_INDUSTRIES
    m = _SECTOR.match(code)
    if m:
        return "999001" if m.group(1) == "99" else "000001"
    if code.startswith("999"):
        if code.endswith("01"):
            return "999001"
        return "99-100" if code == "999000" else "999000"
    candidates = [c for c, lv in codes.items() if lv == level - 1]
    if level == 3:
        if sector := sector_holding(int(code[:2]), candidates):
            return sector
    for n in range(5, 1, -1):
        for c in candidates:
            if not _SECTOR.match(c) and c[:n] == code[:n] and c[n:].strip("0") == "":
                return c
    for n in range(5, 1, -1):  # aggregates such as 3250A1 under 325000
        for c in candidates:
            if not _SECTOR.match(c) and c[:n] == code[:n]:
                return c
    raise IngestError(f"oe.industry: no parent found for {code} at display level {level}")


def industries(oe_industry: pd.DataFrame) -> pd.DataFrame:
    level = pd.to_numeric(oe_industry["display_level"], errors="coerce")
    if level.isna().any():
        raise IngestError("oe.industry: display_level must be a whole number")
    codes = dict(zip(oe_industry["industry_code"], level.astype(int), strict=True))
    out = pd.DataFrame(
        {
            "industry_code": oe_industry["industry_code"],
            "title": oe_industry["industry_name"],
            "level": level.astype(int).astype(str),
            "parent": [industry_parent(c, lv, codes) for c, lv in codes.items()],
        }
    )
    return _ordered(out, "industries")


def measures(data: OewsData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """OEWS series → (salary_percentiles, hiring_industries): one row per occupation and area/industry.

    Values stay the published text. `-` becomes empty, except under footnote 5 where the
    published bound ($115.00 / $239,200) is kept and the column named in `top_coded`.
    The pivot stays in Arrow and numpy: the keys are split and sorted first, each row's place in
    the wide table (key × datatype) is computed at once, and each measure column is one `take` of
    the values in the final order, so no Python string is made per cell.
    """
    years = sorted(data.years)
    if len(years) != 1:
        raise IngestError(f"oe.data: expected one reference year, found {sorted(years)}")
    present = np.flatnonzero(np.bincount(data.datatype.astype(np.uint8), minlength=256))
    unknown = {f"{c:02d}" for c in present} - set(OEWS_DATATYPES)
    if unknown:
        raise IngestError(f"oe.data: unknown datatype code(s) {sorted(unknown)}; expected those of oe.datatype 01–17")
    keys = data.keys  # area + industry + occupation, one per series (less its datatype)
    n = len(keys)
    parts = {
        "soc_code": pc.binary_join_element_wise(
            pc.utf8_slice_codeunits(keys, 13, 15), pc.utf8_slice_codeunits(keys, 15, 19), "-"
        ),
        "area_code": pc.utf8_slice_codeunits(keys, 0, 7),
        "industry_code": pc.utf8_slice_codeunits(keys, 7, 13),
    }
    all_industries = pc.equal(parts["industry_code"], ALL_INDUSTRIES).to_numpy(zero_copy_only=False)
    national = pc.equal(parts["area_code"], NATIONAL).to_numpy(zero_copy_only=False)
    by_area, by_industry = all_industries, ~all_industries & national
    stray = n - int(by_area.sum()) - int(by_industry.sum())
    if stray:
        raise IngestError(
            f"oe.data: {stray} series are industry-specific below the national level; the contract has no table for them"
        )
    # where[k, d]: the data row of key k and datatype d (-1: not published); a repeated pair keeps its last row
    codes = sorted(int(c) for c in OEWS_DATATYPES)
    width = np.int32(len(codes))
    slot = np.zeros(256, np.int32)
    slot[codes] = np.arange(len(codes), dtype=np.int32)
    where = np.full(n * len(codes), -1, dtype=np.int32)
    where[data.index * width + slot[data.datatype]] = np.arange(len(data.index), dtype=np.int32)
    where = where.reshape(n, len(codes))
    slots = {name: int(slot[int(code)]) for code, name in OEWS_DATATYPES.items()}
    return (
        _pivot(data, where, slots, parts, by_area, "salary_percentiles", years[0], ()),
        _pivot(
            data,
            where,
            slots,
            parts,
            by_industry,
            "hiring_industries",
            years[0],
            ("jobs_per_1000", "location_quotient"),
        ),
    )


def _pivot(
    data: OewsData,
    where: np.ndarray,
    slots: dict[str, int],
    parts: dict[str, pa.Array],
    rows: np.ndarray,
    name: str,
    year: str,
    empty: tuple[str, ...],
) -> pd.DataFrame:
    """The contract table `name` of the keys selected by `rows`, sorted by its primary key; the
    measures in `empty` left empty (not published for these rows)."""
    t = TABLES[name]
    at = np.flatnonzero(rows)
    key_cols = {k: parts[k].take(at) for k in t.primary_key}
    at = at[pc.sort_indices(pa.table(key_cols), [(k, "ascending") for k in t.primary_key]).to_numpy()]
    m = len(at)
    wages = set(HOURLY_WAGES) | set(ANNUAL_WAGES)
    columns: dict[str, pa.Array] = {"year": pa.array([year] * m, pa.string())}
    columns |= {k: v.take(at) for k, v in parts.items() if k in t.columns}
    flags: dict[str, np.ndarray] = {}
    for measure, s in slots.items():
        if measure in empty:
            columns[measure] = pa.nulls(m, pa.string())
            continue
        cell = where[at, s]
        taken = pa.array(cell, mask=cell < 0)
        v = data.value.take(taken)
        if measure in wages:
            top = data.top_coded.take(taken).fill_null(False)
            bound = TOP_CODE_HOURLY if measure in HOURLY_WAGES else TOP_CODE_ANNUAL
            v = pc.if_else(top, pa.scalar(bound), v)
            flags[measure] = top.to_numpy(zero_copy_only=False)
        columns[measure] = pc.if_else(pc.equal(v, "-"), pa.scalar(None, pa.string()), v)
    order = [f.name for f in MEASURES if f.name in flags]
    stacked = np.stack([flags[f] for f in order], axis=1)
    top_coded = np.full(m, "", dtype=object)
    for row in np.flatnonzero(stacked.any(axis=1)):
        top_coded[row] = ";".join(f for f, on in zip(order, stacked[row], strict=True) if on)
    columns["top_coded"] = pa.array(top_coded, pa.string())
    text = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' "str": Arrow memory, no copy
    return pa.table(columns).select(t.columns).to_pandas(types_mapper={pa.string(): text, pa.large_string(): text}.get)


def growth_projections(ep12: pd.DataFrame) -> pd.DataFrame:
    wage = ep12["median_wage_base_year"]
    top = wage.map(lambda v: isinstance(v, str) and v.strip().startswith(">="))
    out = pd.DataFrame(
        {
            "base_year": "2024",
            "target_year": "2034",
            "soc_code": ep12["soc_code"].map(_text),
            "occupation_type": ep12["occupation_type"].map(_text).str.lower(),
            "employment_base": ep12["employment_base"].map(_persons),
            "employment_target": ep12["employment_target"].map(_persons),
            "change": ep12["change"].map(_persons),
            "change_pct": ep12["change_pct"].map(_number),
            "self_employed_pct": ep12["self_employed_pct"].map(_number),
            "openings_annual": ep12["openings_annual"].map(_persons),
            "median_wage_base_year": [
                _number(str(v).replace(">=", "").replace("$", "")) if t else _number(v)
                for v, t in zip(wage, top, strict=True)
            ],
            "top_coded": np.where(top, "median_wage_base_year", ""),
        }
    )
    return _ordered(out, "growth_projections")


def annual_openings(ep110: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"base_year": "2024", "target_year": "2034", "soc_code": ep110["soc_code"].map(_text)})
    for col in TABLES["annual_openings"].columns[3:]:
        conv = _number if col.endswith("_rate") else _persons
        out[col] = ep110[col].map(conv)
    return _ordered(out, "annual_openings")


def utilization_factors(ep112: pd.DataFrame) -> pd.DataFrame:
    out = ep112.map(_text)
    return _ordered(out.drop_duplicates(), "utilization_factors")
