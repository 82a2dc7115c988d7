"""Every table and column the dashboard reads: type, unit, description (datapackage.json is made from it)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard.core.codes import PERCENTILES

OEWS_RELEASE = "May 2025"
EP_RELEASE = "2024–34"
SOURCE_LINE = (
    f"BLS Occupational Employment and Wage Statistics (OEWS), {OEWS_RELEASE}; BLS Employment Projections {EP_RELEASE}"
)

SOURCES = {
    "oews": {
        "title": f"BLS Occupational Employment and Wage Statistics (OEWS), {OEWS_RELEASE} estimates",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": f"{OEWS_RELEASE} (reference period May 2025)",
        "path": "https://download.bls.gov/pub/time.series/oe/",
        "files": "oe.data.0.Current.gz, oe.area, oe.areatype, oe.industry, oe.occupation, oe.datatype, oe.footnote",
        "retrieved": "2026-11-21",
    },
    "ep": {
        "title": f"BLS Employment Projections {EP_RELEASE}, occupation workbook (Tables 1.1–1.12)",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": f"{EP_RELEASE} (base year 2024, projected year 2034)",
        "path": "https://www.bls.gov/emp/tables.htm",
        "files": "occupation.xlsx",
        "retrieved": "2026-11-21",
    },
    "project": {
        "title": "Workforce Outlook curated lists",
        "publisher": "Workforce Outlook contributors",
        "release": "maintained with the code",
        "path": "https://github.com/workforce-outlook/workforce-outlook",
        "files": "dashboard/ingest/*.csv",
        "retrieved": "2026-11-21",
    },
    "projections_central": {
        "title": "Projections Central, State Occupational Projections, Long Term 2022–2032",
        "publisher": "State Labor Market Information agencies, consolidated by Projections Central (USDOL ETA funded)",
        "release": "2022–32 (base year 2022, projected year 2032)",
        "path": "https://projectionscentral.org/",
        "files": "longterm_2022-32_all_states.tsv (bulk export longterm_stfips-all_885_occupations)",
        "retrieved": "2026-11-21",
    },
    "nces": {
        "title": "NCES CIP 2020 to SOC 2018 crosswalk and CIP 2020 code list",
        "publisher": "U.S. Department of Education, National Center for Education Statistics (NCES), with BLS",
        "release": "CIP 2020, SOC 2018",
        "path": "https://nces.ed.gov/ipeds/cipcode/resources.aspx?y=56",
        "files": "CIP2020_SOC2018_Crosswalk.xlsx (sheet CIP-SOC), CIPCode2020.csv",
        "retrieved": "2026-11-21",
    },
    "onet": {
        "title": "O*NET 29.3 Database",
        "publisher": "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), O*NET Resource Center",
        "release": "29.3 (May 2025)",
        "path": "https://www.onetcenter.org/database.html",
        "files": "Occupation Data, Job Zones, Job Zone Reference, Task Statements, Skills, Knowledge, Technology Skills, "
        "Alternate Titles, Sample of Reported Titles, Related Occupations (.xlsx)",
        "retrieved": "2026-11-21",
    },
    "oews_history": {
        "title": "BLS OEWS national estimates, May 2013 – May 2024 (national_M20YY_dl workbooks and field descriptions)",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": "May 2013 … May 2024; May 2025 from the flat files",
        "path": "https://www.bls.gov/oes/tables.htm",
        "files": "national_M2013_dl.xls, national_M2014_dl.xlsx … national_M2024_dl.xlsx, field_descriptions_M2013–M2018",
        "retrieved": "2026-11-21",
    },
    "ep_vintages": {
        "title": "BLS Employment Projections, occupational projections data tool exports, 2016–26 … 2024–34",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": "2016–26, 2018–28, 2019–29, 2020–30, 2021–31, 2022–32, 2023–33, 2024–34 (2017–27 not found)",
        "path": "https://data.bls.gov/projections/occupationProj",
        "files": "ep_2016-26.csv … ep_2024-34.csv",
        "retrieved": "2026-11-21",
    },
    "soc_crosswalk": {
        "title": "BLS SOC 2010 to SOC 2018 crosswalk; OEWS May 2019/2020 hybrid occupation structure",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": "SOC 2018 (November 2017 crosswalk); OES 2019 hybrid (March 2020)",
        "path": "https://www.bls.gov/soc/2018/crosswalks_used_by_agencies.htm",
        "files": "soc_2010_to_2018_crosswalk.xlsx, oes_2019_hybrid_structure.xlsx",
        "retrieved": "2026-11-21",
    },
    "cpi": {
        "title": "BLS Consumer Price Index for All Urban Consumers (CPI-U), U.S. city average, all items, NSA",
        "publisher": "U.S. Bureau of Labor Statistics",
        "release": "series CUUR0000SA0, 1982–84 = 100, 1913 – Aug 2026",
        "path": "https://download.bls.gov/pub/time.series/cu/",
        "files": "cu.data.CUUR0000SA0.csv (series_id, year, period, value)",
        "retrieved": "2026-11-21",
    },
}

LICENSE = {
    "name": "other-pd",
    "title": "U.S. Government Work: public domain (17 U.S.C. § 105)",
    "path": "https://www.usa.gov/government-works",
}
ONET_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

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
    """One file of data/: its columns in order, key, references and source."""

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
            "licenses": [self.license or LICENSE],
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


SOC = Field("soc_code", "string", "SOC 2018 occupation code with hyphen (00-0000 is all occupations)", required=True)
AREA = Field(
    "area_code",
    "string",
    "OEWS 7-character area code (0000000 national; state FIPS + zeros; metro CBSA)",
    required=True,
)
INDUSTRY = Field(
    "industry_code",
    "string",
    "OEWS 6-character industry code (000000 all industries; 31--34 manufacturing)",
    required=True,
)
YEAR = Field("year", "integer", "OEWS reference year (2025 = May 2025 estimates)", "year", required=True)
TOP_CODED = Field(
    "top_coded",
    "string",
    "Wage columns whose value is the source's lower bound, not the wage itself (OEWS footnote 5: "
    "at least $115.00 an hour or $239,200 a year), separated by ';'; empty when none",
)


def _wage(col: str, what: str, hourly: bool) -> Field:
    unit = "USD per hour" if hourly else "USD per year"
    return Field(col, "number", f"{what} ({'hourly' if hourly else 'annual'})", unit, minimum=0)


_PCT_NAMES = dict(
    zip(
        PERCENTILES,
        ("10th percentile wage", "25th percentile wage", "Median wage", "75th percentile wage", "90th percentile wage"),
        strict=True,
    )
)

MEASURES: tuple[Field, ...] = (
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
    TOP_CODED,
)

# OEWS datatype code -> measure column (oe.datatype)
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

OCC_FK = ForeignKey("soc_code", "occupations", "soc_code")

# --- occupation content (O*NET 29.3) and education programs (NCES CIP 2020 ↔ SOC 2018) -----------------------
ONET = Field(
    "onetsoc_code",
    "string",
    "O*NET-SOC 2019 code: the SOC code and a 2-digit suffix (11-3051.00 is the SOC occupation; "
    "11-3051.01 and up are O*NET's finer occupations inside it)",
    required=True,
)
CIP = Field(
    "cip_code", "string", "CIP 2020 code as NCES writes it (52.0205; a family 52, a series 52.02)", required=True
)
ONET_FK = ForeignKey("onetsoc_code", "onet_occupations", "onetsoc_code")

CONTENT_TABLES: tuple[Table, ...] = (
    Table(
        "onet_occupations",
        "O*NET occupations",
        "O*NET 29.3 Occupation Data with each occupation's Job Zone (Job Zones, Job Zone Reference).",
        (
            ONET,
            Field(
                "soc_code", "string", "The SOC 2018 occupation it belongs to (its first 7 characters)", required=True
            ),
            Field("title", "string", "O*NET title", required=True),
            Field("description", "string", "O*NET's description of the occupation", max_length=2 * NOTE_MAX),
            Field(
                "job_zone",
                "integer",
                "O*NET Job Zone, 1 (little preparation) to 5 (extensive); empty when O*NET gives none",
                minimum=1,
            ),
            Field("job_zone_name", "string", "The Job Zone's name (Considerable Preparation Needed)"),
            Field("job_zone_education", "string", "What the Job Zone says of education", max_length=NOTE_MAX),
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
        (
            ONET,
            Field("task_id", "integer", "O*NET task ID", required=True, minimum=0),
            Field(
                "rank", "integer", "Position in O*NET's list for the occupation, 1 = first", required=True, minimum=1
            ),
            Field("task", "string", "The task statement", required=True, max_length=NOTE_MAX),
            Field(
                "task_type",
                "string",
                "Core or Supplemental; empty when O*NET has not rated it",
                enum=("Core", "Supplemental"),
            ),
        ),
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
            ONET,
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
            Field("level", "number", "Level required, 0 to 7", "scale 0–7", minimum=0),
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
                enum=("Y", "N"),
            ),
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
        (
            ONET,
            Field("example", "string", "The technology (Microsoft Excel)", required=True),
            Field("commodity_code", "string", "UNSPSC commodity code", required=True),
            Field("commodity_title", "string", "UNSPSC commodity title", required=True),
            Field(
                "hot_technology",
                "string",
                "Y when O*NET lists it as a hot technology (often in job postings)",
                enum=("Y", "N"),
            ),
            Field("in_demand", "string", "Y when O*NET marks it in demand for this occupation", enum=("Y", "N")),
        ),
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
            ONET,
            Field("title", "string", "A job title", required=True),
            Field("short_title", "string", "O*NET's short form of the title, where it gives one"),
            Field(
                "source",
                "string",
                "reported: in O*NET's Sample of Reported Titles (what incumbents wrote); "
                "alternate: O*NET's other alternate titles",
                required=True,
                enum=("alternate", "reported"),
            ),
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
        (
            ONET,
            Field("related_code", "string", "O*NET-SOC code of the related occupation", required=True),
            Field(
                "tier",
                "string",
                "O*NET's relatedness tier",
                required=True,
                enum=("Primary-Short", "Primary-Long", "Supplemental"),
            ),
            Field("rank", "integer", "O*NET's index, 1 = most related", required=True, minimum=1),
        ),
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
            CIP,
            Field("title", "string", "CIP title as NCES publishes it", required=True),
            Field("definition", "string", "NCES's definition of the program", max_length=2 * NOTE_MAX),
            Field("family", "string", "The 2-digit CIP family (52)", required=True),
            Field("series", "string", "The 4-digit CIP series (52.02); empty for a family"),
            Field("level", "string", "family, series or program", required=True, enum=("family", "series", "program")),
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
        (CIP, Field("soc_code", "string", "SOC 2018 occupation code", required=True)),
        ("cip_code", "soc_code"),
        ("nces",),
        foreign_keys=(ForeignKey("cip_code", "programs", "cip_code"),),
        optional=True,
        max_rows=60_000,  # 5,903 rows in 2020
    ),
)

# --- history: OEWS May 2013–2025, SOC crosswalks, EP vintages, CPI-U (issue 13) ------------------------------
_HIST_SOC = Field(
    "soc_code",
    "string",
    "Occupation code exactly as that year's release published it (SOC 2010 to May 2018, the OEWS hybrid "
    "codes in May 2019–2020, SOC 2018 from May 2021)",
    required=True,
)
_HIST_LEVEL = Field(
    "level",
    "string",
    "SOC level as the release's group column says",
    required=True,
    enum=("total", "major", "minor", "broad", "detailed"),
)
_CAP = "the year's top code, read from the release's field descriptions"

HISTORY_TABLES: tuple[Table, ...] = (
    Table(
        "oews_national_history",
        "Employment and wages, May 2013 – May 2025 (national)",
        "OEWS national cross-industry estimates for every year: the BLS workbooks May 2013–2024 and the "
        "national rows of the May 2025 flat files (the same cells as salary_percentiles). `*` and `**` are empty; "
        "`#` is the year's top code, with the column named in top_coded.",
        (
            Field("year", "integer", "OEWS reference year (2013 = May 2013 estimates)", "year", required=True),
            _HIST_SOC,
            Field("title", "string", "Occupation title as that year's release published it", required=True),
            _HIST_LEVEL,
            *(f for f in MEASURES if f.name not in ("jobs_per_1000", "location_quotient", "top_coded")),
            Field(
                "top_coded",
                "string",
                "Wage columns whose value is the year's top code (a lower bound), separated by ';'; empty when none",
            ),
            Field("top_code_hourly", "number", f"Hourly wage cap: {_CAP}", "USD per hour", minimum=0),
            Field("top_code_annual", "number", f"Annual wage cap: {_CAP}", "USD per year", minimum=0),
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
            Field("from_system", "string", "The earlier system", required=True, enum=("soc2010", "oews2019")),
            Field("from_code", "string", "Code in the earlier system", required=True),
            Field("from_title", "string", "Title in the earlier system, as published", required=True),
            Field("soc_code", "string", "SOC 2018 code", required=True),
            Field(
                "title",
                "string",
                "SOC 2018 title, as published (the crosswalk marks splits with (#), (##))",
                required=True,
            ),
            Field("note", "string", "The hybrid structure's note (Code change only; Hybrid (code & title) …)"),
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
            Field("vintage", "string", "Projection vintage, base-target (2016-26)", required=True),
            Field("base_year", "integer", "Projection base year", "year", required=True),
            Field("target_year", "integer", "Projection target year", "year", required=True),
            Field(
                "soc_code",
                "string",
                'Occupation code as the vintage published it (SOC 2010, OEWS hybrid or SOC 2018; unwrapped from ="…")',
                required=True,
            ),
            Field("title", "string", "EP occupation title", required=True),
            Field(
                "sample_titles",
                "string",
                "BLS's sample job titles for the occupation, separated by '; '",
                max_length=3_000,
            ),
            Field(
                "employment_base",
                "integer",
                "Employment in the base year, including self-employed",
                "persons",
                minimum=0,
            ),
            Field("employment_target", "integer", "Projected employment in the target year", "persons", minimum=0),
            Field("change", "integer", "Projected employment change", "persons"),
            Field("change_pct", "number", "Projected employment change", "percent"),
            Field("openings_annual", "integer", "Occupational openings, annual average", "persons", minimum=0),
            Field(
                "median_wage_base_year",
                "number",
                "Median annual wage EP published with the vintage",
                "USD per year",
                minimum=0,
            ),
            Field("wage_year", "integer", "The May OEWS year of that median wage (from the column name)", "year"),
            Field("top_coded", "string", "'median_wage_base_year' when only a lower bound was published (>=$208,000)"),
            Field("education", "string", "Typical education needed for entry"),
            Field("experience", "string", "Work experience in a related occupation"),
            Field("training", "string", "Typical on-the-job training"),
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
        "BLS CPI-U, U.S. city average, all items, not seasonally adjusted, 1982–84 = 100 (series CUUR0000SA0), "
        "every published period as BLS publishes it: M01–M12 months, M13 annual average, S01–S03 half-years.",
        (
            Field("series_id", "string", "BLS series id", required=True, enum=("CUUR0000SA0",)),
            Field("year", "integer", "Year", "year", required=True),
            Field("period", "string", "M01–M12 month, M13 annual average, S01–S03 half-year", required=True),
            Field("value", "number", "Index, 1982–84 = 100", "index", required=True, minimum=0),
        ),
        ("year", "period"),
        ("cpi",),
        optional=True,
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
                SOC,
                Field(
                    "title", "string", "Occupation title as OEWS publishes it (EP's where OEWS has none)", required=True
                ),
                Field(
                    "level",
                    "string",
                    "SOC hierarchy level",
                    required=True,
                    enum=("total", "major", "minor", "broad", "detailed"),
                ),
                Field("major_group", "string", "soc_code of the occupation's major group", required=True),
                Field("education", "string", "EP typical education needed for entry (empty for aggregates)"),
                Field("experience", "string", "EP work experience in a related occupation (empty for aggregates)"),
                Field("training", "string", "EP typical on-the-job training (empty for aggregates)"),
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
            (
                AREA,
                Field(
                    "area_type",
                    "string",
                    "Kind of area",
                    required=True,
                    enum=("national", "state", "metro", "nonmetro"),
                ),
                Field("area_name", "string", "Area name as OEWS publishes it", required=True),
                Field("state", "string", "Postal abbreviation of the (principal) state; empty for national"),
            ),
            ("area_code",),
            ("oews",),
        ),
        Table(
            "industries",
            "Industries",
            "OEWS industries (NAICS-based) with their display level and parent.",
            (
                INDUSTRY,
                Field("title", "string", "Industry title as OEWS publishes it", required=True),
                Field(
                    "level",
                    "integer",
                    "OEWS display level: 0 all industries … 5 most detailed",
                    required=True,
                    minimum=0,
                ),
                Field("parent", "string", "industry_code one level up; empty at the top"),
            ),
            ("industry_code",),
            ("oews",),
            foreign_keys=(ForeignKey("parent", "industries", "industry_code"),),
        ),
        Table(
            "salary_percentiles",
            "Employment and wages by area",
            "OEWS cross-industry estimates for every published occupation and area.",
            (YEAR, SOC, AREA, *MEASURES),
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
            (YEAR, SOC, INDUSTRY, *MEASURES),
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
                Field("base_year", "integer", "Projection base year", "year", required=True),
                Field("target_year", "integer", "Projection target year", "year", required=True),
                SOC,
                Field("occupation_type", "string", "EP occupation type", required=True, enum=("line item", "summary")),
                Field("employment_base", "integer", "Employment in the base year", "persons", minimum=0),
                Field("employment_target", "integer", "Projected employment in the target year", "persons", minimum=0),
                Field("change", "integer", "Projected employment change", "persons"),
                Field("change_pct", "number", "Projected employment change", "percent"),
                Field("self_employed_pct", "number", "Share self-employed in the base year", "percent", minimum=0),
                Field("openings_annual", "integer", "Occupational openings, annual average", "persons", minimum=0),
                Field(
                    "median_wage_base_year", "number", "Median annual wage in the base year", "USD per year", minimum=0
                ),
                Field(
                    "top_coded",
                    "string",
                    "'median_wage_base_year' when the workbook gives only a lower bound (>=$239,200)",
                ),
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
                Field("base_year", "integer", "Projection base year", "year", required=True),
                Field("target_year", "integer", "Projection target year", "year", required=True),
                SOC,
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
                Field(
                    "occupational_transfers", "integer", "Occupational transfers, annual average", "persons", minimum=0
                ),
                Field("separations", "integer", "Total occupational separations, annual average", "persons", minimum=0),
                Field("openings", "integer", "Occupational openings, annual average", "persons", minimum=0),
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
                SOC,
                Field("industry_title", "string", "EP National Employment Matrix industry title", required=True),
                Field(
                    "industry_code",
                    "string",
                    "EP National Employment Matrix industry code (TE1000 = all industries)",
                    required=True,
                ),
                Field("factor", "string", "The factor, as EP words it", required=True, max_length=NOTE_MAX),
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
            (
                Field("alias", "string", "A job title as people say it", required=True),
                SOC,
                Field("note", "string", "Why this alias maps to this occupation", max_length=NOTE_MAX),
            ),
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
                Field("pathway", "string", "Pathway identifier, used in links (?pathway=…)", required=True),
                Field("pathway_title", "string", "The pathway's name as shown", required=True),
                Field("step", "integer", "Position on the ladder, 1 = entry", required=True, minimum=1),
                SOC,
                Field(
                    "stage",
                    "string",
                    "The rung in everyday words (production supervisor, plant manager…)",
                    required=True,
                ),
                Field(
                    "note", "string", "Why this SOC occupation stands for the rung", required=True, max_length=NOTE_MAX
                ),
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
                Field("base_year", "integer", "Projection base year", "year", required=True),
                Field("target_year", "integer", "Projection target year", "year", required=True),
                Field(
                    "area_code",
                    "string",
                    "OEWS 7-character area code of the state (state FIPS + zeros); 0000000 the US row",
                    required=True,
                ),
                Field("soc_code", "string", "SOC occupation code as the state publishes it", required=True),
                Field("employment_base", "integer", "Employment in the base year", "persons", minimum=0),
                Field("employment_target", "integer", "Projected employment in the target year", "persons", minimum=0),
                Field("change_pct", "number", "Projected employment change, as published", "percent"),
                Field("openings_annual", "integer", "Average annual openings", "persons", minimum=0),
                Field("title", "string", "Occupation title as the state's file publishes it"),
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
    )
}

REQUIRED_TABLES = [t for t in TABLES.values() if not t.optional]


def datapackage() -> dict:
    """Return the Frictionless Data Package descriptor for data/."""
    return {
        "profile": "tabular-data-package",
        "name": "workforce-outlook",
        "title": "Workforce Outlook: BLS occupational wages, projections and openings",
        "description": "Built by `workforce-outlook build-data` from BLS OEWS and Employment Projections files. "
        "Empty cells are values the source does not publish; counts are persons; wages are nominal USD.",
        "licenses": [LICENSE],
        "sources": [_source(k) for k in ("oews", "ep")],
        "resources": [t.frictionless() for t in TABLES.values()],
    }


def datapackage_json() -> str:
    return json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"
