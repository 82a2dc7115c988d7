"""Every column described once (type, unit, meaning) and the tables that list them; datapackage.json is made from it."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from dashboard.core.codes import CPI_SERIES, PERCENTILES
from dashboard.data import manifest

OEWS_RELEASE = "May 2025"
EP_RELEASE = "2024–34"

# The titles of the two sources that change with each release; a brief cites the release it was made from.
SOURCE_TITLES = {
    "oews": "BLS Occupational Employment and Wage Statistics (OEWS), {release} estimates",
    "ep": "BLS Employment Projections {release}, occupation workbook (Tables 1.1–1.12)",
}

# Where each table's figures come from: the raw-data manifest's facts (dashboard/data/raw_sources.csv and
# raw_files.csv), by the short names the tables use; the curated lists are the project's own.
SOURCE_FOLDERS = {
    "oews": "bls-oews-may2025",
    "ep": "bls-ep-2024-34",
    "projections_central": "projections-central-2022-32",
    "nces": "nces-cip-soc-2020",
    "onet": "onet-29.3",
    "oews_history": "bls-oews-national-history",
    "ep_vintages": "bls-ep-vintages",
    "soc_crosswalk": "bls-soc-crosswalks",
    "cpi": "bls-cpi-u",
    "ipeds": "nces-ipeds-completions",
}
SOURCES = {
    **{key: manifest.datapackage_source(folder) for key, folder in SOURCE_FOLDERS.items()},
    "project": {
        "title": "Workforce Outlook curated lists",
        "publisher": "Workforce Outlook contributors",
        "release": "maintained with the code",
        "path": "https://github.com/workforce-outlook/workforce-outlook",
        "files": "dashboard/ingest/*.csv",
        "retrieved": "2026-11-21",
    },
}

LICENSE = manifest.licence(SOURCE_FOLDERS["oews"])  # US Government works: public domain
ONET_LICENSE = manifest.licence(SOURCE_FOLDERS["onet"])  # CC BY 4.0, with O*NET's required attribution

# Limits on what a data folder may hold, so that a small hostile file cannot take the server's memory
# or time: text cells of a few hundred characters (the longest published title is 107), longer for
# the curated notes and EP's factors (387); each file at most about ten times the rows and
# decompressed bytes of the May 2025 files, and never less than 10,000 rows and 1 MB.
TEXT_MAX = 300
NOTE_MAX = 1_000
ROWS_MIN = 10_000
BYTES_MIN = 1_000_000

# OEWS footnote 5: published wages at or above these bounds are shown as the bound.
TOP_CODE_HOURLY = "115.00"
TOP_CODE_ANNUAL = "239200"


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type, unit and meaning."""

    name: str
    type: str  # "string" | "integer" | "number"
    description: str
    unit: str = ""
    required: bool = False  # never empty
    minimum: float | None = None
    enum: tuple[str, ...] = ()
    max_length: int = TEXT_MAX  # characters in one cell

    def frictionless(self) -> dict:
        out: dict = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: str
    table: str
    ref: str


@dataclass(frozen=True)
class Table:
    """One file of data/: its columns in order, key, references and source.

    Columns are given by name from FIELDS, or as a Field where this table's column differs.
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sources: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    compressed: bool = False
    optional: bool = False
    max_rows: int = ROWS_MIN  # data rows in the file
    max_bytes: int = BYTES_MIN  # bytes of text, once decompressed
    license: dict | None = None  # the source's licence when it is not public domain

    def __post_init__(self) -> None:
        fields = tuple(FIELDS[f] if isinstance(f, str) else f for f in self.fields)
        object.__setattr__(self, "fields", fields)

    @property
    def path(self) -> str:
        return f"{self.name}.csv.gz" if self.compressed else f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def frictionless(self) -> dict:
        out = {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True},
            "sources": [_source(s) for s in self.sources],
            "licenses": [self.license] if self.license else _licences(self.sources),
            "schema": {
                "fields": [f.frictionless() for f in self.fields],
                "primaryKey": list(self.primary_key),
                "missingValues": [""],
            },
        }
        if self.compressed:
            out["compression"] = "gz"
        if self.foreign_keys:
            out["schema"]["foreignKeys"] = [
                {"fields": fk.fields, "reference": {"resource": fk.table, "fields": fk.ref}} for fk in self.foreign_keys
            ]
        return out


def _licences(keys: tuple[str, ...]) -> list[dict]:
    """The distinct licences of the sources a table is made from (the manifest's; the project's lists: LICENSE)."""
    found = [manifest.licence(SOURCE_FOLDERS[k]) if k in SOURCE_FOLDERS else LICENSE for k in keys]
    return list({lic["name"]: lic for lic in found}.values())


def _source(key: str) -> dict:
    s = SOURCES[key]
    return {
        "title": s["title"],
        "path": s["path"],
        "publisher": s["publisher"],
        "release": s["release"],
        "files": s["files"],
        "retrieved": s["retrieved"],
    }


# --- the field dictionary: every column described once, by the name it has in data/ ---------------------------
# A table lists names; where one of its columns differs from the dictionary (a key, a flag, a column that
# shares a name with a different measure), it says so with _as(name, change=…) and a comment why.

_PCT_NAMES = dict(
    zip(
        PERCENTILES,
        ("10th percentile wage", "25th percentile wage", "Median wage", "75th percentile wage", "90th percentile wage"),
        strict=True,
    )
)


def _wage(col: str, what: str, hourly: bool) -> Field:
    unit = "USD per hour" if hourly else "USD per year"
    return Field(col, "number", f"{what} ({'hourly' if hourly else 'annual'})", unit, minimum=0)


_CAP = "the year's top code, read from the release's field descriptions"
_SOC_LEVELS = ("total", "major", "minor", "broad", "detailed")
_YN = ("Y", "N")

FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        # codes and names
        Field("soc_code", "string", "SOC 2018 occupation code with hyphen (00-0000 is all occupations)", required=True),
        Field(
            "area_code",
            "string",
            "OEWS 7-character area code (0000000 national; state FIPS + zeros; metro CBSA)",
            required=True,
        ),
        Field(
            "industry_code",
            "string",
            "OEWS 6-character industry code (000000 all industries; 31--34 manufacturing)",
            required=True,
        ),
        Field(
            "onetsoc_code",
            "string",
            "O*NET-SOC 2019 code: the SOC code and a 2-digit suffix (11-3051.00 is the SOC occupation; "
            "11-3051.01 and up are O*NET's finer occupations inside it)",
            required=True,
        ),
        Field(
            "cip_code",
            "string",
            "CIP 2020 code as NCES writes it (52.0205; a family 52, a series 52.02)",
            required=True,
        ),
        Field("title", "string", "Occupation title exactly as the source published it", required=True),
        Field("level", "string", "SOC hierarchy level", required=True, enum=_SOC_LEVELS),
        Field("major_group", "string", "soc_code of the occupation's major group", required=True),
        Field("area_type", "string", "Kind of area", required=True, enum=("national", "state", "metro", "nonmetro")),
        Field("area_name", "string", "Area name as OEWS publishes it", required=True),
        Field("state", "string", "Postal abbreviation of the (principal) state; empty for national"),
        Field("parent", "string", "industry_code one level up; empty at the top"),
        Field("industry_title", "string", "EP National Employment Matrix industry title", required=True),
        # years and vintages
        Field("year", "integer", "OEWS reference year (2025 = May 2025 estimates)", "year", required=True),
        Field("base_year", "integer", "Projection base year", "year", required=True),
        Field("target_year", "integer", "Projection target year", "year", required=True),
        Field("vintage", "string", "Projection vintage, base-target (2016-26)", required=True),
        # OEWS measures
        Field("employment", "integer", "Employment, excluding self-employed", "persons", minimum=0),
        Field("employment_rse", "number", "Relative standard error of employment", "percent", minimum=0),
        Field("jobs_per_1000", "number", "Employment per 1,000 jobs in the area", "per 1,000 jobs", minimum=0),
        Field(
            "location_quotient",
            "number",
            "Location quotient: the area's share of the occupation over the nation's",
            "ratio",
            minimum=0,
        ),
        _wage("hourly_mean", "Mean wage", True),
        _wage("annual_mean", "Mean wage", False),
        Field("wage_rse", "number", "Relative standard error of the mean wage", "percent", minimum=0),
        *(_wage(f"hourly_{p}", n, True) for p, n in _PCT_NAMES.items()),
        *(_wage(f"annual_{p}", n, False) for p, n in _PCT_NAMES.items()),
        Field(
            "top_coded",
            "string",
            "Wage columns whose value is only a lower bound, the release's top code (OEWS footnote 5), not the "
            "wage itself, separated by ';'; empty when none",
        ),
        Field("top_code_hourly", "number", f"Hourly wage cap: {_CAP}", "USD per hour", minimum=0),
        Field("top_code_annual", "number", f"Annual wage cap: {_CAP}", "USD per year", minimum=0),
        # projections
        Field("occupation_type", "string", "EP occupation type", required=True, enum=("line item", "summary")),
        Field("employment_base", "integer", "Employment in the base year", "persons", minimum=0),
        Field("employment_target", "integer", "Projected employment in the target year", "persons", minimum=0),
        Field("change", "integer", "Projected employment change", "persons"),
        Field("change_pct", "number", "Projected employment change, as published", "percent"),
        Field("self_employed_pct", "number", "Share self-employed in the base year", "percent", minimum=0),
        Field("openings_annual", "integer", "Occupational openings, annual average", "persons", minimum=0),
        Field(
            "median_wage_base_year",
            "number",
            "Median annual wage EP published with the projections",
            "USD per year",
            minimum=0,
        ),
        Field("wage_year", "integer", "The May OEWS year of that median wage (from the column name)", "year"),
        Field("education", "string", "EP typical education needed for entry; empty where EP gives none"),
        Field("experience", "string", "EP work experience in a related occupation; empty where EP gives none"),
        Field("training", "string", "EP typical on-the-job training; empty where EP gives none"),
        Field(
            "sample_titles",
            "string",
            "BLS's sample job titles for the occupation, separated by '; '",
            max_length=3_000,
        ),
        Field("labor_force_exit_rate", "number", "Labor force exit rate, annual average", "percent", minimum=0),
        Field(
            "occupational_transfer_rate",
            "number",
            "Occupational transfer rate, annual average",
            "percent",
            minimum=0,
        ),
        Field(
            "separations_rate",
            "number",
            "Total occupational separations rate, annual average",
            "percent",
            minimum=0,
        ),
        Field("labor_force_exits", "integer", "Labor force exits, annual average", "persons", minimum=0),
        Field("occupational_transfers", "integer", "Occupational transfers, annual average", "persons", minimum=0),
        Field("separations", "integer", "Total occupational separations, annual average", "persons", minimum=0),
        Field("openings", "integer", "Occupational openings, annual average", "persons", minimum=0),
        Field("factor", "string", "The factor, as EP words it", required=True, max_length=NOTE_MAX),
        # curated lists
        Field("alias", "string", "A job title as people say it", required=True),
        Field("note", "string", "Why the curators chose this SOC occupation for the row", max_length=NOTE_MAX),
        Field("pathway", "string", "Pathway identifier, used in links (?pathway=…)", required=True),
        Field("pathway_title", "string", "The pathway's name as shown", required=True),
        Field("step", "integer", "Position on the ladder, 1 = entry", required=True, minimum=1),
        Field(
            "stage",
            "string",
            "The rung in everyday words (production supervisor, plant manager…)",
            required=True,
        ),
        # O*NET
        Field("description", "string", "O*NET's description of the occupation", max_length=2 * NOTE_MAX),
        Field(
            "job_zone",
            "integer",
            "O*NET Job Zone, 1 (little preparation) to 5 (extensive); empty when O*NET gives none",
            minimum=1,
        ),
        Field("job_zone_name", "string", "The Job Zone's name (Considerable Preparation Needed)"),
        Field("job_zone_education", "string", "What the Job Zone says of education", max_length=NOTE_MAX),
        Field("task_id", "integer", "O*NET task ID", required=True, minimum=0),
        Field(
            "rank",
            "integer",
            "Position in O*NET's list for the occupation, 1 = first (for related occupations, the most related)",
            required=True,
            minimum=1,
        ),
        Field("task", "string", "The task statement", required=True, max_length=NOTE_MAX),
        Field(
            "task_type",
            "string",
            "Core or Supplemental; empty when O*NET has not rated it",
            enum=("Core", "Supplemental"),
        ),
        Field("domain", "string", "skill or knowledge", required=True, enum=("skill", "knowledge")),
        Field("element_id", "string", "O*NET content model element ID (2.A.1.a)", required=True),
        Field("element", "string", "Element name (Reading Comprehension)", required=True),
        Field(
            "importance",
            "number",
            "Importance, 1 (not important) to 5 (extremely important)",
            "scale 1–5",
            minimum=1,
        ),
        Field(
            "suppressed",
            "string",
            "The estimates O*NET recommends not showing (Recommend Suppress = Y): "
            "'importance', 'level' or both separated by ';'; empty when none",
        ),
        Field(
            "not_relevant",
            "string",
            "O*NET's Not Relevant flag for the level (Y: the level is not relevant to the occupation)",
            enum=_YN,
        ),
        Field("example", "string", "The technology (Microsoft Excel)", required=True),
        Field("commodity_code", "string", "UNSPSC commodity code", required=True),
        Field("commodity_title", "string", "UNSPSC commodity title", required=True),
        Field(
            "hot_technology",
            "string",
            "Y when O*NET lists it as a hot technology (often in job postings)",
            enum=_YN,
        ),
        Field("in_demand", "string", "Y when O*NET marks it in demand for this occupation", enum=_YN),
        Field("short_title", "string", "O*NET's short form of the title, where it gives one"),
        Field(
            "source",
            "string",
            "reported: in O*NET's Sample of Reported Titles (what incumbents wrote); "
            "alternate: O*NET's other alternate titles",
            required=True,
            enum=("alternate", "reported"),
        ),
        Field("related_code", "string", "O*NET-SOC code of the related occupation", required=True),
        Field(
            "tier",
            "string",
            "O*NET's relatedness tier",
            required=True,
            enum=("Primary-Short", "Primary-Long", "Supplemental"),
        ),
        # education programs
        Field("definition", "string", "NCES's definition of the program", max_length=2 * NOTE_MAX),
        Field("family", "string", "The 2-digit CIP family (52)", required=True),
        Field("series", "string", "The 4-digit CIP series (52.02); empty for a family"),
        # program completions (IPEDS)
        Field("unitid", "string", "IPEDS institution id (UNITID)", required=True),
        Field("award_level", "integer", "IPEDS award level code (AWLEVEL; award_levels names it)", required=True),
        Field("award_name", "string", "The award level in words, as NCES names it", required=True),
        Field("award_order", "integer", "Order of the award levels, shortest first", required=True, minimum=1),
        Field("award_kind", "string", "Certificate or degree", required=True, enum=("certificate", "degree")),
        Field("completers", "integer", "Awards conferred (first majors), July–June of the year", "persons", True, 1),
        Field("men", "integer", "Of the completers, men", "persons", minimum=0),
        Field("women", "integer", "Of the completers, women", "persons", minimum=0),
        Field("name", "string", "Institution name as IPEDS publishes it", required=True),
        Field("city", "string", "City of the institution's main address"),
        Field("postal", "string", "State or territory postal abbreviation, as IPEDS writes it", required=True),
        Field("metro", "string", "OEWS area code of the institution's metro area, where OEWS publishes that metro"),
        Field("county_fips", "string", "5-digit county FIPS code; empty where IPEDS has none"),
        Field("sector", "string", "IPEDS sector in words (control and level of the institution)"),
        Field("control", "string", "Public, private not-for-profit or private for-profit"),
        Field("latitude", "number", "Latitude of the institution", "degrees"),
        Field("longitude", "number", "Longitude of the institution", "degrees"),
        Field("directory_year", "integer", "The IPEDS directory (HD) year the row is taken from", required=True),
        # history
        Field("from_system", "string", "The earlier system", required=True, enum=("soc2010", "oews2019")),
        Field("from_code", "string", "Code in the earlier system", required=True),
        Field("from_title", "string", "Title in the earlier system, as published", required=True),
        # CPI-U
        Field("series_id", "string", "BLS series id", required=True, enum=(CPI_SERIES,)),
        Field("period", "string", "M01–M12 month, M13 annual average, S01–S03 half-year", required=True),
        Field("value", "number", "Index, 1982–84 = 100", "index", required=True, minimum=0),
    )
}


def _as(name: str, **change) -> Field:
    """The dictionary's field `name`, changed where one table's column differs from it."""
    return replace(FIELDS[name], **change)


# The OEWS estimates of an occupation in an area or an industry, in the order of the published files.
MEASURES: tuple[Field, ...] = tuple(
    FIELDS[n]
    for n in (
        "employment",
        "employment_rse",
        "jobs_per_1000",
        "location_quotient",
        "hourly_mean",
        "annual_mean",
        "wage_rse",
        *(f"hourly_{p}" for p in PERCENTILES),
        *(f"annual_{p}" for p in PERCENTILES),
        "top_coded",
    )
)
_MEASURE_NAMES = tuple(f.name for f in MEASURES)

OCC_FK = ForeignKey("soc_code", "occupations", "soc_code")
ONET_FK = ForeignKey("onetsoc_code", "onet_occupations", "onetsoc_code")

# --- occupation content (O*NET 29.3) and education programs (NCES CIP 2020 ↔ SOC 2018) -----------------------
CONTENT_TABLES: tuple[Table, ...] = (
    Table(
        "onet_occupations",
        "O*NET occupations",
        "O*NET 29.3 Occupation Data with each occupation's Job Zone (Job Zones, Job Zone Reference).",
        (
            "onetsoc_code",
            # not a key of its own: the SOC occupation an O*NET occupation sits in
            _as("soc_code", description="The SOC 2018 occupation it belongs to (its first 7 characters)"),
            "title",
            "description",
            "job_zone",
            "job_zone_name",
            "job_zone_education",
        ),
        ("onetsoc_code",),
        ("onet",),
        license=ONET_LICENSE,
        optional=True,
        max_bytes=5_000_000,  # 1,016 rows, 0.5 MB in 29.3
    ),
    Table(
        "onet_tasks",
        "O*NET task statements",
        "O*NET 29.3 Task Statements: what workers in each occupation do, in O*NET's order.",
        ("onetsoc_code", "task_id", "rank", "task", "task_type"),
        ("onetsoc_code", "task_id"),
        ("onet",),
        license=ONET_LICENSE,
        foreign_keys=(ONET_FK,),
        optional=True,
        max_rows=200_000,  # 18,796 rows, 3 MB in 29.3
        max_bytes=30_000_000,
    ),
    Table(
        "onet_skills",
        "O*NET skills and knowledge",
        "O*NET 29.3 Skills and Knowledge: importance (1–5) and level (0–7) of each element, with O*NET's flags.",
        (
            "onetsoc_code",
            "domain",
            "element_id",
            "element",
            "importance",
            # O*NET's level scale, not the SOC hierarchy level: a measure that shares the column name
            _as(
                "level",
                type="number",
                description="Level required, 0 to 7",
                unit="scale 0–7",
                required=False,
                minimum=0,
                enum=(),
            ),
            "suppressed",
            "not_relevant",
        ),
        ("onetsoc_code", "element_id"),
        ("onet",),
        license=ONET_LICENSE,
        foreign_keys=(ONET_FK,),
        optional=True,
        max_rows=600_000,  # 59,886 rows, 5 MB in 29.3
        max_bytes=60_000_000,
    ),
    Table(
        "onet_technology",
        "O*NET technology skills",
        "O*NET 29.3 Technology Skills: software and technology used, hot technologies marked.",
        ("onetsoc_code", "example", "commodity_code", "commodity_title", "hot_technology", "in_demand"),
        ("onetsoc_code", "example"),
        ("onet",),
        license=ONET_LICENSE,
        foreign_keys=(ONET_FK,),
        optional=True,
        max_rows=400_000,  # 32,681 rows, 2.5 MB in 29.3
        max_bytes=30_000_000,
    ),
    Table(
        "onet_titles",
        "O*NET job titles",
        "O*NET 29.3 Alternate Titles and Sample of Reported Titles: what people call each job (role search).",
        (
            "onetsoc_code",
            # what people call the job, not the occupation's own title
            _as("title", description="A job title"),
            "short_title",
            "source",
        ),
        ("onetsoc_code", "title"),
        ("onet",),
        license=ONET_LICENSE,
        foreign_keys=(ONET_FK,),
        optional=True,
        max_rows=600_000,  # 56,558 rows, 3 MB in 29.3
        max_bytes=40_000_000,
    ),
    Table(
        "onet_related",
        "O*NET related occupations",
        "O*NET 29.3 Related Occupations: O*NET's own list of related occupations, by tier and rank.",
        ("onetsoc_code", "related_code", "tier", "rank"),
        ("onetsoc_code", "related_code"),
        ("onet",),
        license=ONET_LICENSE,
        foreign_keys=(ONET_FK, ForeignKey("related_code", "onet_occupations", "onetsoc_code")),
        optional=True,
        max_rows=200_000,  # 18,460 rows in 29.3
        max_bytes=10_000_000,
    ),
    Table(
        "programs",
        "Education programs (CIP 2020)",
        "NCES Classification of Instructional Programs 2020: families (2 digits), series (4) and programs (6), "
        "with titles and definitions.",
        (
            "cip_code",
            # a program's title, not an occupation's
            _as("title", description="CIP title as NCES publishes it"),
            "definition",
            "family",
            "series",
            # CIP's levels, not SOC's
            _as("level", description="family, series or program", enum=("family", "series", "program")),
        ),
        ("cip_code",),
        ("nces",),
        optional=True,
        max_rows=30_000,  # 2,836 rows in CIP 2020
        max_bytes=10_000_000,
    ),
    Table(
        "program_occupations",
        "Programs and the occupations they lead to",
        "NCES CIP 2020 ↔ SOC 2018 crosswalk (sheet CIP-SOC), without its no-match codes 99.9999 and 99-9999.",
        ("cip_code", "soc_code"),
        ("cip_code", "soc_code"),
        ("nces",),
        foreign_keys=(ForeignKey("cip_code", "programs", "cip_code"),),
        optional=True,
        max_rows=60_000,  # 5,903 rows in 2020
    ),
)

# --- history: OEWS May 2013–2025, SOC crosswalks, EP vintages, CPI-U (issue 13) ------------------------------
HISTORY_TABLES: tuple[Table, ...] = (
    Table(
        "oews_national_history",
        "Employment and wages, May 2013 – May 2025 (national)",
        "OEWS national cross-industry estimates for every year: the BLS workbooks May 2013–2024 and the "
        "national rows of the May 2025 flat files (the same cells as salary_percentiles). `*` and `**` are empty; "
        "`#` is the year's top code, with the column named in top_coded.",
        (
            "year",
            # codes of the year's own system, so not a key into occupations
            _as(
                "soc_code",
                description="Occupation code exactly as that year's release published it (SOC 2010 to May 2018, "
                "the OEWS hybrid codes in May 2019–2020, SOC 2018 from May 2021)",
            ),
            "title",
            "level",
            *(n for n in _MEASURE_NAMES if n not in ("jobs_per_1000", "location_quotient", "top_coded")),
            "top_coded",
            "top_code_hourly",
            "top_code_annual",
        ),
        ("year", "soc_code"),
        ("oews_history", "oews"),
        compressed=True,
        optional=True,
        max_rows=200_000,  # 17,473 rows, 2.3 MB for 2013–2025
        max_bytes=25_000_000,
    ),
    Table(
        "soc_crosswalk",
        "SOC 2010 and OEWS 2019 hybrid codes to SOC 2018",
        "BLS's SOC 2010 → 2018 crosswalk and the OEWS May 2019/2020 hybrid structure: one row per pair. An "
        "occupation is the same across systems only where a code maps one to one.",
        (
            "from_system",
            "from_code",
            "from_title",
            "soc_code",
            # the crosswalk's own marks are part of the published title
            _as("title", description="SOC 2018 title, as published (the crosswalk marks splits with (#), (##))"),
            # the source's note, not a curator's
            _as(
                "note",
                description="The hybrid structure's note (Code change only; Hybrid (code & title) …)",
                max_length=TEXT_MAX,
            ),
        ),
        ("from_system", "from_code", "soc_code"),
        ("soc_crosswalk",),
        optional=True,
    ),
    Table(
        "projection_vintages",
        "Employment projections, every vintage 2016–26 … 2024–34",
        "EP occupation exports of each vintage: base and projected employment (persons), change, annual "
        "openings, the median wage EP gave, entry requirements and BLS's sample job titles. EP employment "
        "includes the self-employed; OEWS's does not.",
        (
            "vintage",
            "base_year",
            "target_year",
            # codes of the vintage's own system, so not a key into occupations
            _as(
                "soc_code",
                description="Occupation code as the vintage published it (SOC 2010, OEWS hybrid or SOC 2018; "
                'unwrapped from ="…")',
            ),
            "title",
            "sample_titles",
            "employment_base",
            "employment_target",
            "change",
            "change_pct",
            "openings_annual",
            "median_wage_base_year",
            "wage_year",
            "top_coded",
            "education",
            "experience",
            "training",
        ),
        ("vintage", "soc_code"),
        ("ep_vintages",),
        optional=True,
        max_rows=100_000,  # 6,536 rows, 1.6 MB in eight vintages
        max_bytes=20_000_000,
    ),
    Table(
        "cpi_u",
        "Consumer Price Index, all urban consumers (CPI-U)",
        f"BLS CPI-U, U.S. city average, all items, not seasonally adjusted, 1982–84 = 100 (series {CPI_SERIES}), "
        "every published period as BLS publishes it: M01–M12 months, M13 annual average, S01–S03 half-years.",
        (
            "series_id",
            # a calendar year, not an OEWS reference year
            _as("year", description="Year"),
            "period",
            "value",
        ),
        ("year", "period"),
        ("cpi",),
        optional=True,
    ),
)

# --- who is trained for it: IPEDS Completions and the institution directory -------------------------------
IPEDS_LICENSE = manifest.licence(SOURCE_FOLDERS["ipeds"])
COMPLETION_TABLES: tuple[Table, ...] = (
    Table(
        "award_levels",
        "IPEDS award levels",
        "The award levels of IPEDS Completions (AWLEVEL) in words, shortest first.",
        ("award_level", "award_name", "award_order", "award_kind"),
        ("award_level",),
        ("ipeds",),
        optional=True,
    ),
    Table(
        "institutions",
        "Postsecondary institutions",
        "IPEDS Institutional Characteristics, directory (HD): every institution with completers in the "
        "completions table, from the latest directory that lists it; state and metro area as OEWS area codes.",
        (
            "unitid",
            "name",
            "city",
            "postal",
            _as(
                "state",
                description="OEWS area code of the institution's state (empty for a state OEWS does not publish)",
            ),
            "metro",
            "county_fips",
            "sector",
            "control",
            "latitude",
            "longitude",
            "directory_year",
        ),
        ("unitid",),
        ("ipeds",),
        foreign_keys=(ForeignKey("state", "areas", "area_code"), ForeignKey("metro", "areas", "area_code")),
        optional=True,
        max_rows=100_000,  # 6,500 rows, 0.8 MB for 2020–2024
        max_bytes=20_000_000,
    ),
    Table(
        "completions",
        "Program completions",
        "IPEDS Completions: awards conferred by institution, 6-digit CIP program and award level, first majors "
        "only (a double major's second program is not counted again), July 1 – June 30 of each year. Programs "
        "with no completers that year have no row.",
        (
            _as("year", description="IPEDS collection year: awards conferred July 1 of the year before to June 30"),
            "unitid",
            "cip_code",
            "award_level",
            "completers",
            "men",
            "women",
        ),
        ("year", "unitid", "cip_code", "award_level"),
        ("ipeds",),
        foreign_keys=(
            ForeignKey("unitid", "institutions", "unitid"),
            ForeignKey("cip_code", "programs", "cip_code"),
            ForeignKey("award_level", "award_levels", "award_level"),
        ),
        compressed=True,
        optional=True,
        max_rows=12_000_000,  # 1.08 million rows, 32 MB for 2020–2024
        max_bytes=400_000_000,
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "occupations",
            "Occupations",
            "Every SOC occupation published by OEWS or EP, with its place in the SOC hierarchy and EP's typical entry requirements.",
            (
                "soc_code",
                # one title from two sources
                _as("title", description="Occupation title as OEWS publishes it (EP's where OEWS has none)"),
                "level",
                "major_group",
                "education",
                "experience",
                "training",
            ),
            ("soc_code",),
            ("oews", "ep"),
            max_rows=12_000,  # 1,124 rows, 117 KB in May 2025
            max_bytes=2_000_000,
        ),
        Table(
            "areas",
            "Areas",
            "OEWS areas: the nation, states and territories, metropolitan and nonmetropolitan areas.",
            ("area_code", "area_type", "area_name", "state"),
            ("area_code",),
            ("oews",),
        ),
        Table(
            "industries",
            "Industries",
            "OEWS industries (NAICS-based) with their display level and parent.",
            (
                "industry_code",
                # an industry's title, not an occupation's
                _as("title", description="Industry title as OEWS publishes it"),
                # OEWS's display level of industries, a number, not the SOC level
                _as(
                    "level",
                    type="integer",
                    description="OEWS display level: 0 all industries … 5 most detailed",
                    minimum=0,
                    enum=(),
                ),
                "parent",
            ),
            ("industry_code",),
            ("oews",),
            foreign_keys=(ForeignKey("parent", "industries", "industry_code"),),
        ),
        Table(
            "salary_percentiles",
            "Employment and wages by area",
            "OEWS cross-industry estimates for every published occupation and area.",
            ("year", "soc_code", "area_code", *_MEASURE_NAMES),
            ("soc_code", "area_code"),
            ("oews",),
            foreign_keys=(OCC_FK, ForeignKey("area_code", "areas", "area_code")),
            compressed=True,
            max_rows=2_400_000,  # 236,799 rows, 27.5 MB in May 2025
            max_bytes=280_000_000,
        ),
        Table(
            "hiring_industries",
            "Employment and wages by industry (national)",
            "OEWS national industry-specific estimates: which industries employ each occupation and what they pay.",
            ("year", "soc_code", "industry_code", *_MEASURE_NAMES),
            ("soc_code", "industry_code"),
            ("oews",),
            foreign_keys=(OCC_FK, ForeignKey("industry_code", "industries", "industry_code")),
            compressed=True,
            max_rows=1_400_000,  # 133,373 rows, 14.3 MB in May 2025
            max_bytes=150_000_000,
        ),
        Table(
            "growth_projections",
            "Employment projections",
            "EP Table 1.2: employment 2024 and projected 2034, change, openings and median wage.",
            (
                "base_year",
                "target_year",
                "soc_code",
                "occupation_type",
                "employment_base",
                "employment_target",
                "change",
                "change_pct",
                "self_employed_pct",
                "openings_annual",
                "median_wage_base_year",
                "top_coded",
            ),
            ("soc_code",),
            ("ep",),
            foreign_keys=(OCC_FK,),
            max_rows=12_000,  # 1,113 rows, 74 KB in 2024–34
        ),
        Table(
            "annual_openings",
            "Separations and openings",
            "EP Table 1.10: annual openings split into labor-force exits and occupational transfers.",
            (
                "base_year",
                "target_year",
                "soc_code",
                "labor_force_exit_rate",
                "occupational_transfer_rate",
                "separations_rate",
                "labor_force_exits",
                "occupational_transfers",
                "separations",
                "openings",
            ),
            ("soc_code",),
            ("ep",),
            foreign_keys=(OCC_FK,),
            max_rows=12_000,  # 1,113 rows, 57 KB in 2024–34
        ),
        Table(
            "utilization_factors",
            "Factors affecting occupational utilization",
            "EP Table 1.12: why an occupation's share of an industry is projected to change.",
            (
                "soc_code",
                "industry_title",
                # EP's matrix codes, not OEWS's
                _as(
                    "industry_code",
                    description="EP National Employment Matrix industry code (TE1000 = all industries)",
                ),
                "factor",
            ),
            ("soc_code", "industry_code", "factor"),
            ("ep",),
            optional=True,
            max_bytes=3_000_000,  # 998 rows, 224 KB in 2024–34
        ),
        Table(
            "aliases",
            "Job-title aliases",
            "Curated job titles as people say them, each pointing to the SOC occupation it belongs to.",
            ("alias", "soc_code", "note"),
            ("alias", "soc_code"),
            ("project",),
            foreign_keys=(OCC_FK,),
            optional=True,
        ),
        Table(
            "pathways",
            "Career pathways",
            "Curated career ladders (presets for the pathways page): ordered steps, each an SOC occupation, "
            "with the reason it was chosen.",
            (
                "pathway",
                "pathway_title",
                "step",
                "soc_code",
                "stage",
                _as("note", required=True),  # every rung says why
            ),
            ("pathway", "step"),
            ("project",),
            foreign_keys=(OCC_FK,),
            optional=True,
        ),
        Table(
            "state_projections",
            "State long-term projections",
            "Projections Central: each state's official long-term occupational projections (2022–32), and the "
            "US row as the states' file sums it. A state that does not publish an occupation has no row (not "
            "released, never zero). Codes as the states publish them: a few are SOC 2010 codes or state "
            "combinations (15-1132, 13-1198) that OEWS does not use, so soc_code refers to no table.",
            (
                "base_year",
                "target_year",
                "area_code",
                # the states' own codes, so not a key into occupations
                _as("soc_code", description="SOC occupation code as the state publishes it"),
                "employment_base",
                "employment_target",
                "change_pct",
                "openings_annual",
                _as("title", required=False),  # a row's figures stand without a title, so an empty one is kept
            ),
            ("area_code", "soc_code"),
            ("projections_central",),
            foreign_keys=(ForeignKey("area_code", "areas", "area_code"),),
            license={
                "name": "other-at",
                "title": "The states' official statistics; no licence text published: cite Projections Central, "
                "State Occupational Projections, Long Term 2022–2032",
                "path": "https://projectionscentral.org/",
            },
            compressed=True,
            optional=True,
            max_rows=400_000,  # 36,626 rows in 2022–32
            max_bytes=40_000_000,
        ),
        *CONTENT_TABLES,
        *HISTORY_TABLES,
        *COMPLETION_TABLES,
    )
}

REQUIRED_TABLES = [t for t in TABLES.values() if not t.optional]


def datapackage() -> dict:
    """Return the Frictionless Data Package descriptor for data/."""
    return {
        "profile": "tabular-data-package",
        "name": "workforce-outlook",
        "title": "Workforce Outlook: BLS occupational wages, projections and openings",
        "description": "Built by `workforce-outlook build-data` from the raw files listed in its sources (BLS, "
        "Projections Central, O*NET, NCES). "
        "Empty cells are values the source does not publish; counts are persons; wages are nominal USD.",
        "licenses": list({lic["name"]: lic for lic in map(manifest.licence, SOURCE_FOLDERS.values())}.values()),
        "sources": [_source(k) for k in SOURCES],
        "resources": [t.frictionless() for t in TABLES.values()],
    }


def datapackage_json() -> str:
    return json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
