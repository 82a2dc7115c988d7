"""What an occupation's work is, what it takes and which programs lead there (O*NET 29.3, NCES CIP–SOC): pure pandas."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.data import manifest
from dashboard.data.dataset import Dataset
from dashboard.data.schema import SOURCE_FOLDERS, SOURCES
from dashboard.domain.derived import per_argument

RELEASE = SOURCES["onet"]["release"].split()[0]  # "29.3"


ATTRIBUTION = manifest.sources()[SOURCE_FOLDERS["onet"]].attribution  # the wording O*NET requires (CC BY 4.0)


SOURCE_LINE = f"O*NET {RELEASE} Database by USDOL/ETA, used under CC BY 4.0 (O*NET® is a trademark of USDOL/ETA)"


PROGRAMS_SOURCE = "NCES CIP 2020 ↔ SOC 2018 crosswalk"


TASKS_SHOWN = 5


TOP_ELEMENTS = 10


TECH_SHOWN = 12


SCALES = {"importance": (1, 5), "level": (0, 7)}


@dataclass
class Content:
    """Everything O*NET and the crosswalk say about one SOC occupation, and what they do not."""

    soc: str
    code: str | None = None  # the O*NET-SOC code that is the SOC occupation itself (11-3051.00)
    title: str = ""
    description: str = ""
    job_zone: str = ""  # "Considerable Preparation Needed (Job Zone 4 of 5). Most of these …"
    tasks: pd.DataFrame = field(default_factory=pd.DataFrame)  # rank, task, task_type, in O*NET's order
    skills: pd.DataFrame = field(default_factory=pd.DataFrame)  # top skills by importance
    knowledge: pd.DataFrame = field(default_factory=pd.DataFrame)  # top knowledge areas by importance
    technology: pd.DataFrame = field(default_factory=pd.DataFrame)  # hot technologies first
    finer: pd.DataFrame = field(default_factory=pd.DataFrame)  # onetsoc_code, title, description
    programs: pd.DataFrame = field(default_factory=pd.DataFrame)  # cip_code, title
    unknown: list[str] = field(default_factory=list)  # what is not known, in words

    @property
    def core_tasks(self) -> pd.DataFrame:
        """The first core tasks in O*NET's order (all tasks when O*NET has not typed them)."""
        t = self.tasks
        core = t[t["task_type"] == "Core"] if "task_type" in t and (t["task_type"] == "Core").any() else t
        return core.head(TASKS_SHOWN)

    @property
    def shows_onet(self) -> bool:
        return bool(self.code or len(self.finer))


def has_onet(ds: Dataset) -> bool:
    return "onet_occupations" in ds.content


def has_programs(ds: Dataset) -> bool:
    return "programs" in ds.content and "program_occupations" in ds.content


@per_argument(4)
def _positions(ds: Dataset, table: str) -> dict[str, np.ndarray]:
    """Where each O*NET-SOC code's rows sit in an O*NET table (file order kept within each code). Not an index
    on the code column: pandas would hold every row's code as a Python string for it (6 MB for the skills)."""
    codes = ds.content[table]["onetsoc_code"]
    return dict(codes.groupby(codes, sort=False, observed=True).indices)


def rows_of(ds: Dataset, table: str, code: str) -> pd.DataFrame:
    """The rows of O*NET table `table` for O*NET-SOC code `code`, in file order (none where it has none)."""
    if table not in ds.content:
        return pd.DataFrame(columns=ds.content.get(table, pd.DataFrame()).columns)
    at = _positions(ds, table).get(code)
    return ds.content[table].iloc[at if at is not None else []].reset_index(drop=True)


def job_zone_words(row: pd.Series) -> str:
    """'Considerable Preparation Needed (Job Zone 4 of 5). Most of these occupations require …'."""
    if pd.isna(row.get("job_zone")):
        return ""
    name = row.get("job_zone_name") or f"Job Zone {int(row['job_zone'])}"
    edu = row.get("job_zone_education")
    return f"{name} (Job Zone {int(row['job_zone'])} of 5)." + (f" {edu}" if isinstance(edu, str) and edu else "")


def top_elements(ds: Dataset, code: str, domain: str, n: int = TOP_ELEMENTS) -> pd.DataFrame:
    """The n elements of a domain (skill | knowledge) most important to the occupation, with the level required.

    O*NET's flags are honoured: an importance O*NET recommends suppressing is not ranked; a level it
    recommends suppressing, or marks not relevant, is left out (NaN) with the reason in `level_note`.
    """
    df = rows_of(ds, "onet_skills", code)
    if df.empty:
        return df
    df = df[df["domain"] == domain]
    suppressed = df["suppressed"].fillna("")
    df = df[~suppressed.str.contains("importance")]
    hide_level = df["suppressed"].fillna("").str.contains("level") | df["not_relevant"].eq("Y")
    note = pd.Series("", index=df.index)
    note = note.mask(df["not_relevant"].eq("Y"), "not relevant (O*NET)")
    note = note.mask(df["suppressed"].fillna("").str.contains("level"), "not shown: O*NET advises against it")
    df = df.assign(level=df["level"].where(~hide_level), level_note=note)
    df = df.sort_values(["importance", "level", "element"], ascending=[False, False, True], kind="stable")
    return df.head(n).reset_index(drop=True)


def _onet_codes(ds: Dataset, soc: str) -> pd.DataFrame:
    occ = ds.content["onet_occupations"]
    rows = occ[occ["soc_code"] == soc]
    if rows.empty and soc.endswith("0"):  # a broad SOC group (OEWS's 51-2090): the detailed ones inside it
        rows = occ[occ["soc_code"].str.startswith(soc.rstrip("0")) & (occ["soc_code"] != soc)]
    return rows


def programs_for(ds: Dataset, soc: str) -> pd.DataFrame:
    """CIP programs the crosswalk maps to the SOC occupation: cip_code, title (NCES's, without its full stop)."""
    if not has_programs(ds):
        return pd.DataFrame(columns=["cip_code", "title"])
    po = ds.content["program_occupations"]
    codes = po.loc[po["soc_code"] == soc, "cip_code"]
    progs = ds.content["programs"].set_index("cip_code")
    out = pd.DataFrame({"cip_code": list(codes)})
    out["title"] = [cip_title(progs.loc[c, "title"]) if c in progs.index else c for c in out["cip_code"]]
    return out.sort_values("cip_code").reset_index(drop=True)


def cip_title(title: str) -> str:
    """NCES ends every title with a full stop; a title shown as a name reads better without it."""
    return str(title).rstrip().removesuffix(".")


@per_argument(256)
def content(ds: Dataset, soc: str) -> Content:
    """What O*NET and the crosswalk say about a SOC occupation, and a sentence for each thing they do not."""
    c = Content(soc=soc, programs=programs_for(ds, soc))
    if not has_programs(ds):
        c.unknown.append("Programs: this data folder has no CIP–SOC crosswalk (programs.csv).")
    elif c.programs.empty:
        c.unknown.append(f"Programs: the {PROGRAMS_SOURCE} maps no program to SOC {soc}.")
    if not has_onet(ds):
        c.unknown.insert(0, "What the work is and what it takes: this data folder has no O*NET tables.")
        return c
    rows = _onet_codes(ds, soc)
    main = rows[rows["onetsoc_code"] == f"{soc}.00"]
    c.finer = rows[rows["onetsoc_code"] != f"{soc}.00"][["onetsoc_code", "title", "description"]].reset_index(drop=True)
    if rows.empty:
        c.unknown.insert(
            0,
            f"O*NET {RELEASE} does not describe SOC {soc}: its tasks, skills, knowledge, Job Zone and "
            "technology are not known here.",
        )
        return c
    if main.empty:
        c.unknown.insert(
            0,
            f"O*NET {RELEASE} describes this occupation only through the finer occupations below: "
            "their tasks and skills are not combined into one here.",
        )
        return c
    r = main.iloc[0]
    c.code, c.title, c.description = (
        r["onetsoc_code"],
        r["title"],
        r["description"] if pd.notna(r["description"]) else "",
    )
    c.job_zone = job_zone_words(r)
    if not c.job_zone:
        c.unknown.append(f"Preparation: O*NET {RELEASE} gives no Job Zone for this occupation.")
    c.tasks = rows_of(ds, "onet_tasks", c.code)
    if c.tasks.empty:
        c.unknown.append(f"Tasks: O*NET {RELEASE} lists none for this occupation.")
    c.skills = top_elements(ds, c.code, "skill")
    c.knowledge = top_elements(ds, c.code, "knowledge")
    if c.skills.empty and c.knowledge.empty:
        c.unknown.append(
            f"Skills and knowledge: O*NET {RELEASE} has not rated them for this occupation "
            f"(it rates {ds.content['onet_skills']['onetsoc_code'].nunique():,} of its "
            f"{len(ds.content['onet_occupations']):,} occupations)."
        )
    tech = rows_of(ds, "onet_technology", c.code)
    if len(tech):
        tech = tech.assign(hot=tech["hot_technology"].eq("Y"), demand=tech["in_demand"].eq("Y"))
        tech = tech.sort_values(["demand", "hot", "example"], ascending=[False, False, True], kind="stable")
    else:
        c.unknown.append(f"Technology: O*NET {RELEASE} lists none for this occupation.")
    c.technology = tech.reset_index(drop=True)
    return c


# --- tables and a chart ---------------------------------------------------------------------------------


def elements_table(df: pd.DataFrame, heading: str) -> pd.DataFrame:
    """The elements as a table for the screen and CSV: name, importance (1–5), level (0–7), a note."""
    return pd.DataFrame(
        {
            heading: df["element"],
            "Importance (1–5)": df["importance"],
            "Level required (0–7)": df["level"],
            "Note": df["level_note"],
        }
    )


def technology_table(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Technology": df["example"],
            "Kind": df["commodity_title"],
            "Hot technology": df["hot"].map({True: "yes", False: ""}),
            "In demand": df["demand"].map({True: "yes", False: ""}),
        }
    )
