"""Every table and column the dashboard reads: type, unit, description (datapackage.json is made from it)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from dashboard.codes import PERCENTILES

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
}

LICENSE = {
    "name": "other-pd",
    "title": "U.S. Government Work: public domain (17 U.S.C. § 105)",
    "path": "https://www.usa.gov/government-works",
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
            "licenses": [LICENSE],
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
