"""IPEDS Completions (awards by institution, program and level) and the IPEDS institution directory, read as NCES publishes them."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.ingest.extract import IngestError

FOLDER = "nces-ipeds-completions"
# c2024_a.csv (the official file) or c2024_a.parquet (a column subset of it); hd2024.csv the directory
COMPLETIONS_RE = re.compile(r"^c(\d{4})_a\.(csv|parquet)$", re.IGNORECASE)
DIRECTORY_RE = re.compile(r"^hd(\d{4})\.csv$", re.IGNORECASE)
PROGRAM_RE = re.compile(r"^\d{2}\.\d{4}$")  # a 6-digit CIP code; "99" is the institution's grand total
# the columns read, by header name (any case): the official CSV has many more
COMPLETION_COLUMNS = ("UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL", "CTOTALT", "CTOTALM", "CTOTALW")
DIRECTORY_COLUMNS = (
    "UNITID",
    "INSTNM",
    "CITY",
    "STABBR",
    "COUNTYCD",
    "CBSA",
    "SECTOR",
    "CONTROL",
    "LATITUDE",
    "LONGITUD",
)


def _curated(name: str) -> pd.DataFrame:
    with resources.files("dashboard.ingest").joinpath(f"{name}.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def award_levels() -> pd.DataFrame:
    """IPEDS award levels (AWLEVEL) in words, in order of length (dashboard/ingest/award_levels.csv)."""
    return _curated("award_levels")


def decoded(path: Path) -> str:
    """A CSV file's text whatever its encoding: UTF-8 with or without a byte-order mark, else Windows-1252.

    NCES wrote the 2020–2022 directories in Windows-1252 and 2023–2024 in UTF-8 with a byte-order mark;
    decoding every year one way garbles names ("Juana DÃ­az")."""
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _columns(df: pd.DataFrame, wanted: tuple[str, ...], path: Path) -> pd.DataFrame:
    """The wanted columns by header name, whatever their case and surrounding spaces."""
    by_name = {str(c).strip().upper(): c for c in df.columns}
    missing = [c for c in wanted if c not in by_name]
    if missing:
        raise IngestError(
            f"{path}: no column {', '.join(missing)}; the header has {', '.join(map(str, df.columns[:12]))}"
        )
    return df[[by_name[c] for c in wanted]].set_axis(list(wanted), axis=1)


def _read_csv(path: Path, wanted: tuple[str, ...]) -> pd.DataFrame:
    import io

    try:
        df = pd.read_csv(io.StringIO(decoded(path)), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as e:
        raise IngestError(f"{path}: not a CSV file NCES would write ({str(e)[:120]})") from None
    return _columns(df, wanted, path).apply(lambda s: s.str.strip())


def read_completions(path: Path) -> pa.Table:
    """One year's awards, as text: first majors only (MAJORNUM 2 counts a double major again) and 6-digit
    programs only (the "99" row is the sum of the others). Arrow does the filtering: a year is 290,000 rows."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        try:
            by_name = {n.strip().upper(): n for n in pq.read_schema(path).names}
            missing = [c for c in COMPLETION_COLUMNS if c not in by_name]
            if missing:
                raise IngestError(f"{path}: no column {', '.join(missing)}")
            table = pq.read_table(path, columns=[by_name[c] for c in COMPLETION_COLUMNS])
        except IngestError:
            raise
        except Exception as e:  # not Parquet, truncated
            raise IngestError(f"{path}: not a readable Parquet file ({str(e)[:120]})") from None
        cols = {c: pc.utf8_trim_whitespace(pc.cast(table.column(by_name[c]), pa.string())) for c in COMPLETION_COLUMNS}
        cols = {c: pc.fill_null(v, "") for c, v in cols.items()}
    else:
        df = _read_csv(path, COMPLETION_COLUMNS)
        cols = {c: pa.array(df[c].to_numpy(dtype=object), pa.string()) for c in COMPLETION_COLUMNS}
    # an official CSV may write the code as a number ("1.0101"): put the leading zero back
    cip = pc.replace_substring_regex(cols["CIPCODE"], r"^(\d)\.", r"0\1.")
    keep = pc.and_(
        pc.and_(pc.equal(cols["MAJORNUM"], "1"), pc.match_substring_regex(cip, PROGRAM_RE.pattern)),
        pc.not_equal(cols["CTOTALT"], "0"),  # a program with no completers that year: no row (README says so)
    )
    out = pa.table(
        {
            "unitid": cols["UNITID"],
            "cip_code": cip,
            "award_level": cols["AWLEVEL"],
            "completers": cols["CTOTALT"],
            "men": cols["CTOTALM"],
            "women": cols["CTOTALW"],
        }
    )
    return out.filter(keep)


def read_directory(path: Path) -> pd.DataFrame:
    """One year's institution directory (HD), the columns we use, as text."""
    return _read_csv(Path(path), DIRECTORY_COLUMNS)


def _files(folder: Path, pattern: re.Pattern) -> dict[int, Path]:
    """year → file; the official CSV is preferred to a Parquet subset of the same year."""
    found: dict[int, Path] = {}
    for p in sorted(folder.iterdir(), key=lambda p: p.suffix.lower() != ".parquet"):
        m = pattern.match(p.name)
        if m:
            found[int(m.group(1))] = p
    return found


def _words(column: str) -> dict[str, str]:
    codes = _curated("ipeds_codes")
    codes = codes[codes["column"] == column]
    return dict(zip(codes["code"], codes["words"], strict=True))


def _county(code: str) -> str:
    return code.zfill(5) if code.isdigit() else ""  # -2, -1, blank: not applicable or not reported


def institutions(directories: dict[int, pd.DataFrame], used: set[str], areas: pd.DataFrame) -> pd.DataFrame:
    """One row per institution with completers: its latest directory entry, its state and metro area as our
    area codes (the metro only where OEWS publishes it), sector and control in words."""
    rows = pd.concat(
        [d.assign(directory_year=str(y)) for y, d in sorted(directories.items())], ignore_index=True
    ).drop_duplicates("UNITID", keep="last")
    rows = rows[rows["UNITID"].isin(used)]
    states = areas[areas["area_type"] == "state"].set_index("state")["area_code"]
    metros = set(areas.loc[areas["area_type"] == "metro", "area_code"])
    metro = ("00" + rows["CBSA"]).where(rows["CBSA"].str.fullmatch(r"\d{5}"), "")
    sector, control = _words("SECTOR"), _words("CONTROL")
    out = pd.DataFrame(
        {
            "unitid": rows["UNITID"],
            "name": rows["INSTNM"],
            "city": rows["CITY"],
            "postal": rows["STABBR"],
            "state": rows["STABBR"].map(states).fillna(""),
            "metro": metro.where(metro.isin(metros), ""),
            "county_fips": rows["COUNTYCD"].map(_county),
            "sector": rows["SECTOR"].map(sector).fillna(""),
            "control": rows["CONTROL"].map(control).fillna(""),
            "latitude": rows["LATITUDE"].where(rows["LATITUDE"].str.fullmatch(r"-?\d+(\.\d+)?"), ""),
            "longitude": rows["LONGITUD"].where(rows["LONGITUD"].str.fullmatch(r"-?\d+(\.\d+)?"), ""),
            "directory_year": rows["directory_year"],
        }
    )
    return out.sort_values("unitid", key=lambda s: s.astype("int64"), kind="stable").reset_index(drop=True)


def tables(folder: Path, areas: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """award_levels, institutions and completions from raw/nces-ipeds-completions (text frames)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder; expected c{{year}}_a.csv (or .parquet) and hd{{year}}.csv files")
    years = _files(folder, COMPLETIONS_RE)
    dirs = _files(folder, DIRECTORY_RE)
    if not years:
        raise IngestError(f"{folder}: no completions file (c2024_a.csv or c2024_a.parquet)")
    if not set(years) <= set(dirs):
        missing = ", ".join(f"hd{y}.csv" for y in sorted(set(years) - set(dirs)))
        raise IngestError(f"{folder}: the directory of each year's completions is missing: {missing}")
    parts = []
    for y, p in sorted(years.items()):
        t = read_completions(p)
        parts.append(t.append_column("year", pa.repeat(pa.scalar(str(y)), len(t))))
    done = pa.concat_tables(parts)
    try:  # ordered by year, institution, program, level (ids and levels as numbers)
        order = pc.sort_indices(
            pa.table(
                {
                    "y": done["year"],
                    "u": pc.cast(done["unitid"], pa.int64()),
                    "c": done["cip_code"],
                    "a": pc.cast(done["award_level"], pa.int64()),
                }
            ),
            sort_keys=[("y", "ascending"), ("u", "ascending"), ("c", "ascending"), ("a", "ascending")],
        )
    except pa.ArrowInvalid:  # a code that is not a number: validation names it; order by text meanwhile
        order = pc.sort_indices(
            done, sort_keys=[(c, "ascending") for c in ("year", "unitid", "cip_code", "award_level")]
        )
    columns = ["year", "unitid", "cip_code", "award_level", "completers", "men", "women"]
    done = done.take(order).select(columns).to_pandas()
    directory = {y: read_directory(dirs[y]) for y in sorted(years)}
    return {
        "award_levels": award_levels(),
        "institutions": institutions(directory, set(done["unitid"].unique()), areas),
        "completions": done.reset_index(drop=True),
    }
