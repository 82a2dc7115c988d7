"""O*NET 29.3 workbooks and the NCES CIP 2020 ↔ SOC 2018 crosswalk -> the onet_* and program tables.

Extract reads each file by sheet and header name (the map is onet_files.csv beside this module);
the transforms are pure frame -> frame. O*NET's order is kept where it means something (tasks,
related occupations) in an explicit `rank` column, so rows can be sorted by key and rebuilt
byte for byte.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import pandas as pd

from dashboard.data.schema import TABLES
from dashboard.ingest import sheets
from dashboard.ingest.extract import IngestError, read_text

CROSSWALK = "CIP2020_SOC2018_Crosswalk.xlsx"
CIP_CODES = "CIPCode2020.csv"
NO_MATCH_CIP = "99.9999"
NO_MATCH_SOC = "99-9999"
# CIP 2010 codes NCES lists to say where they went: not codes of the 2020 edition ("Moved to" rows are)
NOT_CIP_2020 = {"Deleted", "Moved from"}
ONET_FOLDER = "onet-29.3"
CIP_FOLDER = "nces-cip-soc-2020"


def _layout() -> dict[str, tuple[str, dict[str, str]]]:
    """file -> (sheet, {published column: our name})."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    with resources.files("dashboard.ingest").joinpath("onet_files.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["file"], (r["sheet"], {}))[1][r["column"]] = r["name"]
    return out


LAYOUT = _layout()


def _named(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    cols = LAYOUT[path.name][1]
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a header with {', '.join(cols)} "
            f"(found {', '.join(df.columns)})"
        )
    out = df[list(cols)].rename(columns=cols)
    return out.apply(lambda s: s.fillna("").astype(str).str.strip())


def read_sheet(path: Path) -> pd.DataFrame:
    """One O*NET or NCES workbook's sheet, every cell as text, columns renamed by onet_files.csv.

    Only the mapped columns are turned into text (sheets.text_columns, in the helper process when
    the build prefetched it): about twice as fast as pandas.read_excel on the 60,000-row Skills and
    Knowledge sheets.
    """
    from python_calamine import CalamineError

    sheet, cols = LAYOUT[path.name]
    try:
        got = sheets.text_columns(path, sheet, list(cols))
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found") from None
    except (CalamineError, ValueError, KeyError) as e:  # not a workbook, or no such sheet
        raise IngestError(f"{path}: cannot read sheet {sheet!r} of this workbook ({e})") from None
    if got is None:
        raise IngestError(f"{path}: sheet {sheet!r} is empty")
    header, body = got
    missing = [c for c in cols if c not in header]
    if missing:
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a header with {', '.join(cols)} "
            f"(found {', '.join(header)})"
        )
    return pd.DataFrame({name: body[col] for col, name in cols.items()}, dtype=object)


def sheet_jobs(raw: Path | None, oews_dir: Path) -> list[sheets.Job]:
    """The sheets tables() reads, for sheets.prefetch."""
    raw = Path(raw) if raw is not None else Path(oews_dir).parent
    files = [(raw / CIP_FOLDER / CROSSWALK, *LAYOUT[CROSSWALK])]
    # then O*NET's, the largest first: they take longest, and the build asks for the O*NET tables last
    onet_files = [(raw / ONET_FOLDER / f, *LAYOUT[f]) for f in LAYOUT if f not in (CROSSWALK, CIP_CODES)]
    files += sorted((f for f in onet_files if f[0].is_file()), key=lambda f: -f[0].stat().st_size)
    return [sheets.text_columns_job(path, sheet, list(cols)) for path, sheet, cols in files if path.is_file()]


def read_cip_codes(path: Path) -> pd.DataFrame:
    """NCES's CIP 2020 code file, codes unwrapped from ="01.0000"."""
    cols = LAYOUT[path.name][1]
    df = read_text(path, list(cols), "NCES's CIPCode2020.csv", encoding="utf-8-sig").rename(columns=cols)
    df["cip_code"] = df["cip_code"].str.removeprefix('="').str.removesuffix('"')
    return df


def _integer(v: str) -> str:
    """'39', '39.0' -> '39' (workbook numbers read as text); '' stays ''."""
    if v == "":
        return ""
    try:
        return str(int(Decimal(v)))
    except InvalidOperation:
        raise IngestError(f"not a whole number: {v!r}") from None


def _two_places(v: str) -> str:
    """O*NET publishes data values to two decimals; a workbook cell 4 is O*NET's 4.00."""
    if v == "":
        return ""
    return str(Decimal(v).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def _ordered(df: pd.DataFrame, table: str, by: list[str] | None = None) -> pd.DataFrame:
    """Contract columns, rows sorted by `by` (default: the primary key)."""
    t = TABLES[table]
    return df[t.columns].sort_values(by or list(t.primary_key), kind="stable").reset_index(drop=True)


# --- transforms: pure frame -> frame ---------------------------------------------------------------------


def occupations(data: pd.DataFrame, zones: pd.DataFrame, zone_ref: pd.DataFrame) -> pd.DataFrame:
    """Occupation Data with its Job Zone and the zone's name and education in O*NET's words."""
    zones = zones.assign(job_zone=zones["job_zone"].map(_integer))
    ref = zone_ref.assign(
        job_zone=zone_ref["job_zone"].map(_integer),
        # "Job Zone Four: Considerable Preparation Needed" -> "Considerable Preparation Needed"
        job_zone_name=zone_ref["job_zone_name"].str.split(":", n=1).str[-1].str.strip(),
    )
    df = data.merge(zones, on="onetsoc_code", how="left").merge(ref, on="job_zone", how="left")
    df = df.fillna("")
    df["soc_code"] = df["onetsoc_code"].str[:7]
    return _ordered(df, "onet_occupations")


def tasks(statements: pd.DataFrame) -> pd.DataFrame:
    """Task statements in O*NET's order within each occupation (rank 1 = first in the file)."""
    df = statements.assign(task_id=statements["task_id"].map(_integer))
    df["rank"] = df.groupby("onetsoc_code", sort=False).cumcount() + 1
    return _ordered(df, "onet_tasks", ["onetsoc_code", "rank"]).astype({"rank": str})


def skills(skill_rows: pd.DataFrame, knowledge_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per occupation and element: importance (IM) and level (LV) side by side.

    O*NET's flags are kept, not applied to the numbers: `suppressed` names the estimates O*NET
    recommends not showing ("level", "importance;level"); `not_relevant` is O*NET's Y when the
    level is not relevant to the occupation (its importance is too low for a level to mean much).
    """
    parts = []
    for domain, raw in (("skill", skill_rows), ("knowledge", knowledge_rows)):
        raw = raw.assign(value=raw["value"].map(_two_places))
        key = ["onetsoc_code", "element_id"]
        im = raw[raw["scale"] == "IM"].set_index(key)
        lv = raw[raw["scale"] == "LV"].set_index(key)
        both = im[["element", "value", "suppress"]].merge(
            lv[["value", "suppress", "not_relevant"]],
            left_index=True,
            right_index=True,
            how="outer",
            suffixes=("_im", "_lv"),
        )
        both = both.fillna("")
        im_flag, lv_flag = both["suppress_im"].eq("Y"), both["suppress_lv"].eq("Y")
        suppressed = pd.Series("", index=both.index).mask(im_flag, "importance").mask(lv_flag, "level")
        suppressed = suppressed.mask(im_flag & lv_flag, "importance;level")
        parts.append(
            pd.DataFrame(
                {
                    "domain": domain,
                    "element": both["element"],
                    "importance": both["value_im"],
                    "level": both["value_lv"],
                    "suppressed": suppressed,
                    "not_relevant": both["not_relevant"],
                },
                index=both.index,
            ).reset_index()
        )
    return _ordered(pd.concat(parts, ignore_index=True), "onet_skills")


def technology(rows: pd.DataFrame) -> pd.DataFrame:
    """Technology Skills as published (hot technology and in demand are O*NET's Y/N)."""
    return _ordered(rows, "onet_technology")


def titles(alternate: pd.DataFrame, reported: pd.DataFrame) -> pd.DataFrame:
    """Alternate titles and the sample of reported titles, one row per (occupation, title).

    Every reported title is also listed among O*NET's alternate titles; it is marked "reported"
    (what incumbents wrote on the survey), the rest "alternate".
    """
    alt = alternate.drop_duplicates(["onetsoc_code", "title"])
    rep = set(zip(reported["onetsoc_code"], reported["title"], strict=True))
    extra = reported[
        ~reported.set_index(["onetsoc_code", "title"]).index.isin(alt.set_index(["onetsoc_code", "title"]).index)
    ]
    df = pd.concat([alt, extra.assign(short_title="")], ignore_index=True)
    is_rep = [k in rep for k in zip(df["onetsoc_code"], df["title"], strict=True)]
    df["source"] = ["reported" if r else "alternate" for r in is_rep]
    return _ordered(df, "onet_titles")


def related(rows: pd.DataFrame) -> pd.DataFrame:
    """O*NET's related occupations with their tier and O*NET's rank (1 = most related)."""
    df = rows.assign(rank=rows["rank"].map(_integer).astype(int))
    return _ordered(df, "onet_related", ["onetsoc_code", "rank", "related_code"]).astype({"rank": str})


def programs(cip: pd.DataFrame) -> pd.DataFrame:
    """CIP 2020 families (2 digits), series (4) and programs (6), with titles and definitions."""
    df = cip[~cip["action"].isin(NOT_CIP_2020)].copy()
    code = df["cip_code"]
    df["level"] = code.str.len().map({2: "family", 5: "series", 7: "program"})
    if df["level"].isna().any():
        bad = code[df["level"].isna()].iloc[0]
        raise IngestError(f"{CIP_CODES}: CIP code {bad!r} is not of the form 01, 01.00 or 01.0000")
    df["family"] = code.str[:2]
    df["series"] = code.str[:5].where(df["level"] != "family", "")
    return _ordered(df, "programs")


def program_occupations(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """The CIP–SOC pairs, without the crosswalk's "no match" codes."""
    df = crosswalk[(crosswalk["cip_code"] != NO_MATCH_CIP) & (crosswalk["soc_code"] != NO_MATCH_SOC)]
    return _ordered(df.drop_duplicates(), "program_occupations")


# --- the tables --------------------------------------------------------------------------------------------


def build_onet(onet_dir: Path) -> dict[str, pd.DataFrame]:
    """Every onet_* table from the O*NET 29.3 workbooks in onet_dir."""
    onet_dir = Path(onet_dir)
    if not onet_dir.is_dir():
        raise IngestError(f"{onet_dir}: not a folder; expected the O*NET 29.3 Excel files (Occupation Data.xlsx, …)")
    names = [f for f in LAYOUT if f not in (CROSSWALK, CIP_CODES)]
    raw = {f: read_sheet(onet_dir / f) for f in names}
    return {
        "onet_occupations": occupations(
            raw["Occupation Data.xlsx"], raw["Job Zones.xlsx"], raw["Job Zone Reference.xlsx"]
        ),
        "onet_tasks": tasks(raw["Task Statements.xlsx"]),
        "onet_skills": skills(raw["Skills.xlsx"], raw["Knowledge.xlsx"]),
        "onet_technology": technology(raw["Technology Skills.xlsx"]),
        "onet_titles": titles(raw["Alternate Titles.xlsx"], raw["Sample of Reported Titles.xlsx"]),
        "onet_related": related(raw["Related Occupations.xlsx"]),
    }


def build_programs(cip_dir: Path) -> dict[str, pd.DataFrame]:
    """programs and program_occupations from NCES's CIP code file and CIP–SOC crosswalk in cip_dir."""
    cip_dir = Path(cip_dir)
    if not cip_dir.is_dir():
        raise IngestError(f"{cip_dir}: not a folder; expected {CROSSWALK} and {CIP_CODES}")
    return {
        "programs": programs(read_cip_codes(cip_dir / CIP_CODES)),
        "program_occupations": program_occupations(read_sheet(cip_dir / CROSSWALK)),
    }


def tables(raw: Path | None, oews_dir: Path) -> dict[str, pd.DataFrame]:
    """The onet_* tables and the program tables, from raw/onet-29.3 and raw/nces-cip-soc-2020.

    `raw` given: both folders must be in it. `raw` None: the folder beside the OEWS flat files is
    tried, and a source whose folder is not there is left out with its tables (as the history is).
    """
    required = raw is not None
    raw = Path(raw) if raw is not None else Path(oews_dir).parent
    out: dict[str, pd.DataFrame] = {}
    for folder, build in ((ONET_FOLDER, build_onet), (CIP_FOLDER, build_programs)):
        if required or (raw / folder).is_dir():
            out |= build(raw / folder)
    return out
