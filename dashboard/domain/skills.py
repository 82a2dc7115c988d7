"""What the work takes, compared between occupations (O*NET): how alike two occupations' skills and knowledge are,
which occupations O*NET itself lists as related, and the skills whose required level rises from one career step
to the next. Pure pandas/numpy; the per-dataset matrices are built once and memoised.

Skills similarity: the cosine of two occupations' importance ratings (1–5) over O*NET's 35 skills and 33
knowledge areas, each rating first measured from its average over every rated occupation. Without that
centring every pair looks alike (Reading Comprehension matters to almost every job: the raw cosines of
industrial production managers with all 737 rated occupations lie between 0.91 and 1.00). An importance
O*NET advises suppressing counts as that average (no information). Only the occupation that is the SOC
code itself (11-3051.00) is compared: a SOC code O*NET rates only through finer occupations has no
skills similarity here, as the profile does not combine them either.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.domain import onet as onet_
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.similar import Signal

TOP = onet_.TOP_ELEMENTS  # "shares 8 of its 10 most important skills": the 10 the profile lists
MIN_SHOWN = 0.5  # a skills similarity below this is not given as a reason
RELATED_WEIGHT = {"Primary-Short": 0.5, "Primary-Long": 0.5, "Supplemental": 0.25}
TIER_WORDS = {"Primary-Short": "primary", "Primary-Long": "primary", "Supplemental": "supplemental"}
RISES_TABLE = 5  # skills and knowledge areas listed per step in the table
RISES_WORDS = 3  # … and named in the sentence read aloud
HOW = (
    "How similar roles are chosen: each detailed occupation scores its skills similarity (0 to 1: the cosine of "
    "the importance O*NET gives its 35 skills and 33 knowledge areas, each measured from the average over all "
    "occupations), plus its industry overlap (0 to 1: the share of employment the two occupations have in the "
    "same 4-digit industry groups), plus 0.5 if O*NET lists it among the 10 primary related occupations (0.25 "
    "among the supplemental ones), plus 0.25 for the same SOC minor group and up to 0.25 for a national median "
    "wage within 15%; the six highest scores are shown, each with the reasons that count."
)


# --- the per-dataset matrices --------------------------------------------------------------------------


@dataclass(frozen=True)
class Profiles:
    """Every rated occupation's centred importance vector (unit length), and its most important elements."""

    socs: pd.Index  # SOC codes whose .00 O*NET occupation is rated, in row order
    unit: np.ndarray  # rows: occupations; columns: skills and knowledge areas
    top: dict[str, tuple[frozenset[str], frozenset[str]]]  # soc -> (top skills, top knowledge areas)


def top_sets(skills: pd.DataFrame, n: int = TOP) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each O*NET occupation's n most important skills and knowledge areas, by onetsoc_code, ranked as the
    profile ranks them (onet.top_elements: suppressed importances left out; importance, then the level shown,
    then the name)."""
    d = skills[~skills["suppressed"].fillna("").str.contains("importance")]
    hide = d["suppressed"].fillna("").str.contains("level") | d["not_relevant"].eq("Y")
    d = d.assign(shown=d["level"].where(~hide))
    d = d.sort_values(
        ["onetsoc_code", "domain", "importance", "shown", "element"],
        ascending=[True, True, False, False, True],
        na_position="last",
        kind="stable",
    )
    d = d.groupby(["onetsoc_code", "domain"], sort=False).head(n)
    sets = d.groupby(["onetsoc_code", "domain"])["element"].agg(frozenset)
    none: frozenset[str] = frozenset()
    return {
        code: (sets.get((code, "skill"), none), sets.get((code, "knowledge"), none))
        for code in sets.index.get_level_values(0).unique()
    }


def profiles(skills: pd.DataFrame) -> Profiles:
    """The matrices the skills similarity needs, from onet_skills (onetsoc_code, domain, element_id, element,
    importance, level, suppressed, not_relevant)."""
    own = skills[skills["onetsoc_code"].str.endswith(".00")]
    imp = own["importance"].where(~own["suppressed"].fillna("").str.contains("importance"))
    m = own.assign(importance=imp).pivot_table(
        index="onetsoc_code", columns="element_id", values="importance", aggfunc="first", dropna=False
    )
    m = m.astype(float)
    x = (m - m.mean()).fillna(0.0).to_numpy()
    norm = np.sqrt((x**2).sum(axis=1, keepdims=True))
    unit = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    socs = pd.Index([c[:7] for c in m.index])
    top = {c[:7]: v for c, v in top_sets(own).items()}
    return Profiles(socs, unit, top)


def similarity(p: Profiles, soc: str) -> pd.Series:
    """Skills similarity (cosine, −1 to 1) of every rated occupation with `soc`, by SOC code; empty when O*NET
    has not rated `soc`."""
    if soc not in p.socs:
        return pd.Series(dtype=float)
    i = p.socs.get_loc(soc)
    return pd.Series(p.unit @ p.unit[i], index=p.socs)


def shared_top(p: Profiles, a: str, b: str) -> tuple[int, int]:
    """How many of a's most important skills, and of its knowledge areas, are among b's."""
    (sa, ka), (sb, kb) = p.top[a], p.top[b]
    return len(sa & sb), len(ka & kb)


def map_related(rel: pd.DataFrame, candidates: pd.Index) -> pd.DataFrame:
    """O*NET's related occupations with each related code as a candidate SOC code (soc_code) and the length of
    its list (of), indexed by onetsoc_code. A related code whose SOC code is not a candidate counts for the broad
    group that holds it when that is one (51-2092 → OEWS's 51-2090); one that is neither is dropped."""
    soc = rel["related_code"].str[:7]
    broad = soc.str[:6] + "0"
    soc = soc.where(soc.isin(candidates), broad.where(broad.isin(candidates)))
    of = rel.groupby("onetsoc_code")["related_code"].transform("size")
    out = rel.assign(soc_code=soc, rank=rel["rank"].astype(int), of=of.astype(int)).dropna(subset=["soc_code"])
    return out[["onetsoc_code", "soc_code", "tier", "rank", "of"]].set_index("onetsoc_code")


def related(mapped: pd.DataFrame, own: list[str], soc: str) -> pd.DataFrame:
    """The candidates O*NET lists as related to any of the O*NET codes `own` (not `soc` itself): soc_code
    (index), tier, rank, of, via (the O*NET code whose list it is). The SOC's own list (11-3051.00) wins; a
    candidate only a finer occupation lists (11-3051.03) keeps that list's best rank, and `via` says whose."""
    r = mapped.loc[mapped.index.intersection(own)].rename_axis("via").reset_index()
    r = r[r["soc_code"] != soc].assign(finer=r["via"] != f"{soc}.00")
    r = r.sort_values(["finer", "rank", "soc_code"], kind="stable").drop_duplicates("soc_code")
    return r.set_index("soc_code")[["tier", "rank", "of", "via"]]


# --- similar roles, from the dataset ----------------------------------------------------------------------


@per_dataset
def dataset_profiles(ds: Dataset) -> Profiles | None:
    """The skills matrices of the dataset, built once (None without O*NET's skills table)."""
    if "onet_skills" not in ds.content:
        return None
    return profiles(ds.content["onet_skills"])


@per_dataset
def _onet_by_soc(ds: Dataset) -> dict[str, list[str]]:
    occ = ds.content["onet_occupations"]
    return {soc: list(g) for soc, g in occ.groupby("soc_code")["onetsoc_code"]}


def own_codes(ds: Dataset, soc: str) -> list[str]:
    """The O*NET codes that describe SOC `soc`: its own and finer ones (11-1011.00, 11-1011.03), or, for an
    OEWS group with no O*NET code of its own (51-2090), the detailed ones inside it."""
    if "onet_occupations" not in ds.content:
        return []
    by = _onet_by_soc(ds)
    if soc in by:
        return by[soc]
    if soc.endswith("0"):
        stem = soc.rstrip("0")
        return [c for s, codes in by.items() if s.startswith(stem) and s != soc for c in codes]
    return []


@per_dataset
def dataset_related(ds: Dataset) -> pd.DataFrame | None:
    """O*NET's related occupations mapped to the dataset's detailed occupations, built once (None without them)."""
    if "onet_related" not in ds.content:
        return None
    occ = ds.occupations
    return map_related(ds.content["onet_related"], pd.Index(occ.loc[occ["level"] == "detailed", "soc_code"]))


def signals(ds: Dataset, soc: str) -> list[Signal]:
    """The O*NET measures of likeness to `soc` for dashboard/similar.py: skills similarity and O*NET's related
    occupations (none where O*NET does not cover the occupation)."""
    out: list[Signal] = []
    p = dataset_profiles(ds)
    sim = similarity(p, soc) if p is not None else pd.Series(dtype=float)
    if len(sim):
        score = sim.clip(lower=0).drop(soc, errors="ignore")

        def skills_reason(code: str) -> str:
            k, kk = shared_top(p, soc, code)
            ns, nk = len(p.top[soc][0]), len(p.top[soc][1])
            return (
                f"shares {k} of its {ns} most important skills and {kk} of its {nk} most important knowledge "
                f"areas (skills similarity {score[code]:.2f})"
            )

        out.append(Signal("skills", score, skills_reason, MIN_SHOWN))
    mapped = dataset_related(ds)
    rel = related(mapped, own_codes(ds, soc), soc) if mapped is not None else pd.DataFrame()
    if len(rel):
        titles = ds.content["onet_occupations"].set_index("onetsoc_code")["title"]

        def related_reason(code: str) -> str:
            r = rel.loc[code]
            whose = (
                "" if r["via"] == f"{soc}.00" else f" to {titles.get(r['via'], r['via'])} ({r['via']}), inside this one"
            )
            return f"O*NET lists it as related{whose} (no. {r['rank']} of {r['of']}, {TIER_WORDS[r['tier']]})"

        out.append(Signal("related", rel["tier"].map(RELATED_WEIGHT).astype(float), related_reason))
    return out


@per_argument(2048)
def basis(ds: Dataset, soc: str) -> str:
    """What the similar roles of `soc` were chosen from when O*NET does not cover it fully; empty when it does."""
    if "onet_occupations" not in ds.content:
        return "This data folder has no O*NET tables: similar roles come from industry overlap, group and wage alone."
    p = dataset_profiles(ds)
    rated = p is not None and soc in p.socs
    mapped = dataset_related(ds)
    listed = mapped is not None and len(related(mapped, own_codes(ds, soc), soc)) > 0
    if rated and listed:
        return ""
    if rated:
        return f"O*NET {onet_.RELEASE} lists none of this data's occupations as related to SOC {soc}."
    if not own_codes(ds, soc):
        return (
            f"O*NET {onet_.RELEASE} does not cover SOC {soc}: its similar roles come from industry overlap, group "
            "and wage alone."
        )
    why = (
        f"has not rated the skills of SOC {soc}"
        if f"{soc}.00" in own_codes(ds, soc)
        else f"rates SOC {soc} only through finer occupations"
    )
    rest = (
        "O*NET's related occupations, industry overlap, group and wage"
        if listed
        else "industry overlap, group and wage alone"
    )
    return f"O*NET {onet_.RELEASE} {why}, so no skills similarity is computed: its similar roles come from {rest}."


# --- what to learn next on a career ladder --------------------------------------------------------------


def level_rises(skills: pd.DataFrame, before: str, after: str, n: int = RISES_TABLE) -> pd.DataFrame:
    """The n skills and knowledge areas whose required level (O*NET's LV scale, 0–7) rises most from O*NET
    occupation `before` to `after`: element, domain, before, after, rise, note; rises above zero only.

    A level O*NET advises suppressing at either step is left out (too uncertain to compare), as is one O*NET
    marks not relevant at the later step (no requirement to learn); one not relevant at the earlier step is
    compared from its published level and says so in `note`."""
    cols = ["element", "domain", "level", "suppressed", "not_relevant"]
    a = skills.loc[skills["onetsoc_code"] == before, cols].set_index(["domain", "element"])
    b = skills.loc[skills["onetsoc_code"] == after, cols].set_index(["domain", "element"])
    d = a.merge(b, left_index=True, right_index=True, suffixes=("_a", "_b")).reset_index()
    uncertain = d["suppressed_a"].fillna("").str.contains("level") | d["suppressed_b"].fillna("").str.contains("level")
    d = d[~uncertain & d["not_relevant_b"].ne("Y") & d["level_a"].notna() & d["level_b"].notna()]
    d = d.assign(rise=(d["level_b"] - d["level_a"]).round(2))
    d = d[d["rise"] > 0].sort_values(["rise", "level_b", "element"], ascending=[False, False, True], kind="stable")
    d = d.head(n)
    return pd.DataFrame(
        {
            "element": d["element"],
            "domain": d["domain"],
            "before": d["level_a"],
            "after": d["level_b"],
            "rise": d["rise"],
            "note": np.where(d["not_relevant_a"].eq("Y"), "not relevant at the step before (O*NET)", ""),
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class StepRise:
    """What rises from one step of a ladder to the next, or why it cannot be said."""

    step: int  # the later step's number (2, 3, …)
    before: str  # the earlier step's name, as the ladder shows it
    after: str
    rises: pd.DataFrame  # level_rises(); empty when not compared
    unknown: str = ""  # why the levels are not compared, in words

    def sentence(self, n: int = RISES_WORDS) -> str:
        """'From production supervisor or team lead to operations or plant manager: Management of Financial
        Resources +1.38 levels (2.62 → 4.00), …' — or why not."""
        lead = f"From {self.before.lower()} to {self.after.lower()}"
        if self.unknown:
            return f"{lead}: {self.unknown}"
        if self.rises.empty:
            return f"{lead}: no skill or knowledge area requires a higher level (O*NET)."
        parts = [
            f"{r.element} +{r.rise:.2f} level{'s' if r.rise != 1 else ''} ({r.before:.2f} → {r.after:.2f})"
            for r in self.rises.head(n).itertuples()
        ]
        return f"{lead}: {', '.join(parts)}."


def _rated_code(ds: Dataset, soc: str) -> tuple[str | None, str]:
    """The O*NET code whose levels stand for SOC `soc`, or None and why not."""
    p = dataset_profiles(ds)
    if p is not None and soc in p.socs:
        return f"{soc}.00", ""
    codes = own_codes(ds, soc)
    if not codes:
        return None, f"O*NET {onet_.RELEASE} does not describe SOC {soc}"
    if f"{soc}.00" not in codes:
        return (
            None,
            f"O*NET {onet_.RELEASE} rates SOC {soc} only through finer occupations, which are not combined here",
        )
    return None, f"O*NET {onet_.RELEASE} has not rated the skills of SOC {soc}"


def _step(ds: Dataset, step: int, socs: tuple[str, str], names: tuple[str, str]) -> StepRise:
    (ca, wa), (cb, wb) = _rated_code(ds, socs[0]), _rated_code(ds, socs[1])
    if ca and cb:
        both = pd.concat([onet_.rows_of(ds, "onet_skills", c) for c in (ca, cb)], ignore_index=True)
        return StepRise(step, *names, level_rises(both, ca, cb))
    why = "; ".join(w for w in (wa, wb) if w)
    return StepRise(step, *names, pd.DataFrame(), f"levels not compared ({why}).")


@dataclass(frozen=True)
class Ladder:
    """What to learn at each step of a ladder: the steps, a sentence for each, and the table of all of them."""

    steps: tuple[StepRise, ...]
    sentences: tuple[str, ...]
    table: pd.DataFrame


@per_argument(256)
def _ladder(ds: Dataset, socs: tuple[str, ...], names: tuple[str, ...]) -> Ladder:
    steps = tuple(_step(ds, i + 1, socs[i - 1 : i + 1], names[i - 1 : i + 1]) for i in range(1, len(socs)))
    return Ladder(steps, tuple(s.sentence() for s in steps), rises_table(list(steps)))


def ladder(ds: Dataset, socs: list[str], names: list[str]) -> Ladder | None:
    """For each step after the first, the skills and knowledge whose required level rises most from the step
    before, memoised per ladder (a rerun pays nothing); None without O*NET's skills table."""
    if "onet_skills" not in ds.content:
        return None
    return _ladder(ds, tuple(socs), tuple(names))


def ladder_rises(ds: Dataset, socs: list[str], names: list[str]) -> list[StepRise]:
    """The steps of ladder() (empty without O*NET's skills table)."""
    lad = ladder(ds, socs, names)
    return list(lad.steps) if lad else []


def rises_table(steps: list[StepRise]) -> pd.DataFrame:
    """Every step's rises as one table for the screen and CSV."""
    rows = [
        {
            "Step": f"{s.step}. {s.after}",
            "From": s.before,
            "Skill or knowledge": r.element,
            "Kind": r.domain,
            "Level before (0–7)": r.before,
            "Level at this step (0–7)": r.after,
            "Rise (levels)": r.rise,
            "Note": r.note,
        }
        for s in steps
        for r in s.rises.itertuples()
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Step",
            "From",
            "Skill or knowledge",
            "Kind",
            "Level before (0–7)",
            "Level at this step (0–7)",
            "Rise (levels)",
            "Note",
        ],
    )


LADDER_NOTE = (
    "Levels are O*NET's level scale (0 to 7): how much of the skill or knowledge each occupation requires, "
    "compared step by step. A level O*NET advises against using (too uncertain) at either step, or marks not "
    "relevant at the later step, is left out; one not relevant at the step before is compared from its "
    "published level and says so."
)


def brief_html(lad: Ladder | None) -> str:
    """'What to learn at each step' for the pathway brief (escaped HTML) with O*NET's attribution; empty
    without O*NET's skills table."""
    if lad is None or not lad.steps:
        return ""
    lines = "".join(f"<li>{escape(line)}</li>" for line in lad.sentences)
    return (
        "<section><h2>What to learn at each step</h2>"
        f"<p>The skills and knowledge whose required level rises most from the step before (O*NET level, 0–7).</p>"
        f"<ul>{lines}</ul>"
        f'<p class="cite">{escape(onet_.ATTRIBUTION)}</p></section>'
    )
