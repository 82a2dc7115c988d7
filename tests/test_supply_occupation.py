"""Who is trained for it, on the profile and the in-demand list: completers of related programs (IPEDS) beside
the openings, recomputed here from data/*.csv with pandas, and what the pages, CSVs and briefs show."""

import io

import pandas as pd
import pytest
from downloads import downloads, text

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.domain import demand, supply
from dashboard.present.brief import occupation_brief
from dashboard.present.brief_demand import demand_brief
from dashboard.web import params
from dashboard.web.pages import page
from dashboard.words import supply as words

MI = "2600000"
WELDERS = "51-4121"
SUB_BACCALAUREATE = (20, 21, 2, 3, 4)  # certificates under 4 years and associate's degrees, by IPEDS code


@pytest.fixture(scope="module")
def raw():
    """The tables as the files hold them, read with pandas alone (not through the code under test)."""
    read = dict(dtype=str, keep_default_na=False)
    c = pd.read_csv(DEFAULT_DATA_DIR / "completions.csv.gz", **read)
    c = c.astype({"year": int, "award_level": int, "completers": int})
    inst = pd.read_csv(DEFAULT_DATA_DIR / "institutions.csv", **read).set_index("unitid")
    xw = pd.read_csv(DEFAULT_DATA_DIR / "program_occupations.csv", **read)
    occ = pd.read_csv(DEFAULT_DATA_DIR / "occupations.csv", **read).set_index("soc_code")
    sp = pd.read_csv(DEFAULT_DATA_DIR / "state_projections.csv.gz", **read)
    c["state"] = c["unitid"].map(inst["state"])
    c["metro"] = c["unitid"].map(inst["metro"])
    return {"c": c[c["year"] == c["year"].max()], "year": c["year"].max(), "xw": xw, "occ": occ, "sp": sp}


def related(raw, soc: str, levels, column: str | None = None, area: str | None = None) -> int:
    cips = set(raw["xw"].loc[raw["xw"]["soc_code"] == soc, "cip_code"])
    c = raw["c"]
    c = c[c["cip_code"].isin(cips) & c["award_level"].isin(levels)]
    if column:
        c = c[c[column] == area]
    return int(c["completers"].sum())


def state_openings(raw, state: str, soc: str) -> int:
    sp = raw["sp"]
    return int(float(sp.loc[(sp["area_code"] == state) & (sp["soc_code"] == soc), "openings_annual"].iloc[0]))


# --- the figures ---------------------------------------------------------------------------------------


def test_michigan_welders_completers_beside_openings(ds, raw):
    want = related(raw, WELDERS, SUB_BACCALAUREATE, "state", MI)
    openings = state_openings(raw, MI, WELDERS)
    assert (want, openings, round(want / openings, 2)) == (687, 1350, 0.51)  # the check values
    assert supply.default_levels(ds, WELDERS) == SUB_BACCALAUREATE  # "High school diploma or equivalent"
    assert supply.related_completers(ds, WELDERS, MI, SUB_BACCALAUREATE) == want
    got, whose, line = supply.openings(ds, WELDERS, MI)
    assert (got, whose) == (openings, MI) and line.endswith("2022–32")
    assert words.per_opening_text(supply.per_opening(want, got)) == "0.51 completers per opening"


@pytest.mark.parametrize("soc", ["51-4121", "11-3051", "29-1141", "15-1252", "47-2111"])
@pytest.mark.parametrize(("column", "area"), [("state", "2600000"), ("metro", "0019820"), (None, NATIONAL)])
def test_programs_and_institutions_match_the_files(ds, raw, soc, column, area):
    levels = supply.default_levels(ds, soc)
    got = supply.occupation_programs_by_level(ds, soc, area, levels)
    assert int(got["completers"].sum()) == related(raw, soc, levels, column, area)
    names = supply.level_names(ds)
    level_columns = [names[lv] for lv in names if lv in levels]
    assert (got[level_columns].sum(axis=1) == got["completers"]).all()  # each level in words, adding up
    cips = set(raw["xw"].loc[raw["xw"]["soc_code"] == soc, "cip_code"])
    c = raw["c"][raw["c"]["cip_code"].isin(cips) & raw["c"]["award_level"].isin(levels)]
    c = c[c[column] == area] if column else c
    inst = supply.occupation_institutions(ds, soc, area, levels)
    assert sorted(inst["unitid"]) == sorted(c["unitid"].unique())
    assert inst["completers"].sum() == c["completers"].sum()


def related_every(raw, state: str) -> pd.Series:
    """Every mapped occupation's related completers in the state at its default levels (0 where none), by SOC
    code: the whole of related_in_state, recomputed from the files."""
    edu = raw["occ"]["education"].reindex(raw["xw"]["soc_code"]).fillna("").to_numpy()
    pairs = raw["xw"].assign(levels=[supply.DEFAULT_LEVELS.get(e, supply.ALL_LEVELS) for e in edu])
    pairs = pairs.explode("levels").rename(columns={"levels": "award_level"}).astype({"award_level": int})
    here = raw["c"][raw["c"]["state"] == state]
    by = here.groupby(["cip_code", "award_level"], as_index=False)["completers"].sum()
    got = pairs.merge(by, on=["cip_code", "award_level"], how="left").fillna({"completers": 0})
    return got.groupby("soc_code")["completers"].sum().astype("int64")


@pytest.mark.parametrize("state", ["2600000", "0600000", "4800000", "1100000"])
def test_every_states_related_completers_in_one_pass(ds, raw, state):
    fast = supply.related_in_state(ds, state)
    want = related_every(raw, state)
    assert list(fast.index) == list(want.index) and (fast.to_numpy() == want.to_numpy()).all()
    for soc in ("51-4121", "29-1141", "11-9111"):
        levels = supply.DEFAULT_LEVELS.get(raw["occ"].loc[soc, "education"], supply.ALL_LEVELS)
        assert fast[soc] == related(raw, soc, levels, "state", state)


def test_shortfall_rule_by_hand(ds, raw):
    rows = demand.with_training(ds, demand.scored(ds, MI, demand.DEFAULT_WEIGHTS), MI, 2.0)
    welders = rows.set_index("soc_code").loc[WELDERS]
    assert (welders["related_completers"], welders["per_opening"], welders["falls_short"]) == (687, 0.51, False)
    at_1_5 = demand.with_training(ds, rows, MI, 1.5).set_index("soc_code").loc[WELDERS, "falls_short"]
    assert at_1_5 is True  # 1,350 ≥ 1.5 × 687
    short = demand.falls_short(rows)
    known = rows["related_completers"].notna() & (rows["openings_annual"] > 0)
    by_hand = rows[known & (rows["openings_annual"] >= 2.0 * rows["related_completers"])]
    assert list(short["soc_code"]) == list(by_hand["soc_code"]) and len(short) > 100
    unmapped = rows[rows["related_completers"].isna()]
    assert unmapped["falls_short"].isna().all()  # no program in the crosswalk: not known, never "short"
    ordered = demand.by_per_opening(rows)
    assert ordered["per_opening"].dropna().is_monotonic_increasing


# --- links ---------------------------------------------------------------------------------------------


def test_levels_in_a_link(ds):
    occ = page("occupation")
    assert params.parse(ds, {"levels": "21,3"}, occ).levels == (21, 3)
    assert params.parse(ds, {"levels": "3,21,3"}, occ).levels == (21, 3)  # shortest award first, once
    partly = params.parse(ds, {"levels": "21,99"}, occ)
    assert partly.levels == (21,) and "“99”: not an IPEDS award level; ignored" in partly.problems[0]
    bad = params.parse(ds, {"levels": "bachelor"}, occ)
    assert bad.levels is None and "counting the award levels that match" in bad.problems[0]
    assert "21 Certificate, 12 weeks to under 1 year" in bad.problems[0]  # the valid choices, in words
    assert params.link("occupation", role=[WELDERS], levels=(20, 21)) == "/occupation?role=51-4121&levels=20,21"


@pytest.mark.parametrize(
    ("raw_value", "value", "problem"),
    [("3", 3.0, None), ("1.5", 1.5, None), ("0.5", 2.0, "not a shortfall ratio"), ("x", 2.0, "from 1 to 20")],
)
def test_shortfall_in_a_link(ds, raw_value, value, problem):
    v = params.parse(ds, {"shortfall": raw_value, "sort": "per_opening"}, page("demand"))
    assert (v.shortfall, v.sort) == (value, "per_opening")
    assert (problem is None and not v.problems) or problem in v.problems[0]


# --- the profile ---------------------------------------------------------------------------------------


def test_profile_section_michigan_welders(run, metrics, plain, raw):
    at = run("occupation", role=WELDERS, area="MI")
    m = metrics(at)
    want = related(raw, WELDERS, SUB_BACCALAUREATE, "state", MI)
    assert m["Completers, IPEDS 2023–24 awards"] == f"{want:,}"
    assert m["Openings a year, Projections Central 2022–32"] == "1,350"
    assert m["Completers per annual opening"] == "0.51"
    shown = [plain(x.value) for x in at.markdown]
    heading = shown.index("**Michigan: completers of related programs beside annual openings**")
    assert shown[heading + 1] == words.comparison_caveat()  # the caveat right under the figure
    captions = " ".join(plain(c.value) for c in at.caption)
    assert "IPEDS 2023–24 awards ÷ Projections Central 2022–32 openings" in captions  # both vintages
    assert "Counted by default: Certificate, under 12 weeks; Certificate, 12 weeks to under 1 year;" in captions
    assert (
        "High school diploma or equivalent" in captions and "IPEDS 2023–24 awards (July 2023 – June 2024)" in captions
    )
    assert "NCES IPEDS Completions" in captions and "Projections Central" in captions
    assert [x.value for x in at.multiselect if x.label == "Award levels counted"] == [list(SUB_BACCALAUREATE)]
    assert "levels" not in at.query_params  # the default stays out of the link


def test_profile_says_what_other_award_levels_hold(run, metrics, plain, raw):
    """Michigan's nurse anesthetists: the default levels (master's and post-master's, their typical education)
    count 0, while the programs that lead there had completers at a professional doctorate; a planner read 0 as
    no one trained. Under the count, the completers the levels leave out, by level."""
    at = run("occupation", role="29-1151", area="MI")
    assert metrics(at)["Completers, IPEDS 2023–24 awards"] == f"{related(raw, '29-1151', (7, 8), 'state', MI):,}" == "0"
    doctors = related(raw, "29-1151", (18,), "state", MI)
    assert doctors > 0 and related(raw, "29-1151", (17, 19), "state", MI) == 0
    captions = [plain(c.value) for c in at.caption]
    want = words.other_levels({"Doctor's degree, professional practice": doctors}, "Michigan")
    assert want in captions and f"professional practice {doctors:,}." in want
    assert (raw["xw"]["soc_code"] == "29-1151").sum() == 1  # one program ("0 of the 1 programs" before)
    assert "The one program the crosswalk maps here had no completers in Michigan (IPEDS 2023–24 awards)." in captions
    # the welders: a few bachelor's degrees beside the certificates and associate's degrees counted
    welders = " ".join(plain(c.value) for c in run("occupation", role=WELDERS, area="MI").caption)
    bachelors = related(raw, WELDERS, (5,), "state", MI)
    assert f"Not counted, at other award levels in Michigan: Bachelor's degree {bachelors:,}." in welders


def test_profile_levels_from_the_link_and_institutions(run, metrics, raw):
    at = run("occupation", opened=True, role=WELDERS, area="MI", levels="21")
    m = metrics(at)
    assert m["Completers, IPEDS 2023–24 awards"] == f"{related(raw, WELDERS, (21,), 'state', MI):,}"
    assert at.query_params["levels"] == "21"
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    inst = next(v for k, v in tables.items() if "Institution" in k)
    c = raw["c"]
    c = c[(c["state"] == MI) & (c["cip_code"] == "48.0508") & (c["award_level"] == 21)]
    top = c.groupby("unitid")["completers"].sum().sort_values(ascending=False)
    assert inst["IPEDS unit ID"].iloc[0] == top.index[0]
    assert inst["Completers (IPEDS 2023–24 awards)"].iloc[0] == top.iloc[0]
    programs = next(v for k, v in tables.items() if "CIP code" in k)
    assert list(programs.columns[2:3]) == ["Certificate, 12 weeks to under 1 year"]  # the level in words


def test_profile_metro_says_how_openings_are_taken(run, metrics, plain, raw):
    at = run("occupation", role=WELDERS, area="0019820")
    assert metrics(at)["Completers per annual opening"] == "0.51"
    info = " ".join(plain(i.value) for i in at.info)
    assert "Projections are published for states only, so for Detroit-Warren-Dearborn, MI (a metro area)" in info
    metro = related(raw, WELDERS, SUB_BACCALAUREATE, "metro", "0019820")
    assert f"Detroit-Warren-Dearborn, MI (IPEDS 2023–24 awards): {metro:,} in all." in " ".join(
        plain(c.value) for c in at.caption
    )


def test_profile_nation_uses_ep_and_says_not_released(run, metrics, raw):
    m = metrics(run("occupation", role=WELDERS))
    want = related(raw, WELDERS, SUB_BACCALAUREATE)
    assert m["Completers, IPEDS 2023–24 awards"] == f"{want:,}"
    assert m["Openings a year, BLS EP 2024–34"] == "45,600"
    assert m["Completers per annual opening"] == f"{want / 45600:.2f}"
    ny = metrics(run("occupation", role="29-1141", area="NY"))  # New York's openings are withheld
    assert ny["Completers per annual opening"] == "not released"


def test_profile_brief_carries_the_section(ds):
    html = occupation_brief(ds, WELDERS, MI, None, None)
    assert "Where people train for it: Michigan." in html and "<b>687</b>" in html and "<b>0.51</b>" in html
    assert words.comparison_caveat().replace("'", "&#x27;") in html and "NCES IPEDS Completions" in html
    assert "(IPEDS 2023–24 awards, at the levels matching its typical education)" in html
    chosen = occupation_brief(ds, WELDERS, MI, None, (21,))
    assert "award levels: Certificate, 12 weeks to under 1 year" in chosen
    metro = occupation_brief(ds, WELDERS, "0019820", None, None)
    assert "Where people train for it: Michigan (its state&#x27;s: projections are published for states only)" in metro


# --- the in-demand list --------------------------------------------------------------------------------


def test_in_demand_columns_filter_sort_and_csv(ds, raw):
    at, made = downloads("demand", area="MI", shortfall="1.5", sort="per_opening")
    lede = next(m.value for m in at.markdown if "occupations Michigan projects" in m.value)
    rows = demand.with_training(ds, demand.scored(ds, MI, demand.DEFAULT_WEIGHTS), MI, 1.5)
    n = int(rows["falls_short"].eq(True).sum())
    growing = int((rows["falls_short"].eq(True) & (rows["change_pct"] > 0)).sum())  # in demand by the default rule
    assert lede.startswith(f"{growing} of the 711 occupations Michigan projects are in demand")
    assert any(m.value.startswith("Read this as a rough signal") for m in at.markdown)  # beside the table
    assert any("openings ÷ completers ≥ 1.5" in c.value for c in at.caption)
    csv = pd.read_csv(io.StringIO(text(made, "in-demand-MI-growth-above-0-short-1.5.csv")))
    col = "Completers of related programs, Michigan (IPEDS 2023–24 awards)"
    assert csv[col].dtype.kind in "if" and len(csv) == n  # numbers, every row that falls short
    welders = csv[csv["SOC code"] == WELDERS].iloc[0]
    assert welders[col] == related(raw, WELDERS, SUB_BACCALAUREATE, "state", MI)
    assert welders["Completers per opening (IPEDS 2023–24 awards ÷ openings 2022–32)"] == 0.51
    assert welders["Training may fall short"] == "yes"
    assert welders["Training may fall short: the rule"] == words.shortfall_rule(1.5)
    assert "NCES IPEDS Completions" in welders["Source"]
    per = csv["Completers per opening (IPEDS 2023–24 awards ÷ openings 2022–32)"]
    kept = csv["In demand by the rule"] == "yes"
    assert kept.iloc[:growing].all() and not kept.iloc[growing:].any()  # in demand first, then the rest
    assert per[kept].is_monotonic_increasing and per[~kept].is_monotonic_increasing  # fewest per opening first


def test_in_demand_default_keeps_every_row_and_flags_them():
    at, made = downloads("demand", area="MI")
    csv = pd.read_csv(io.StringIO(text(made, "in-demand-MI-growth-above-0.csv")))
    assert len(csv) == 711 and set(csv["Training may fall short"]) == {"yes", "no", "not released"}
    assert (csv["Training may fall short: the rule"] == words.shortfall_rule(supply.SHORT_RATIO)).all()


def test_in_demand_brief_columns(ds):
    rows = demand.with_training(ds, demand.scored(ds, MI, demand.DEFAULT_WEIGHTS), MI)
    html = demand_brief(ds, MI, demand.DEFAULT_WEIGHTS, demand.by_per_opening(rows), [], None, None, 2.0)
    assert "Completers of related programs (IPEDS 2023–24 awards)" in html and "Read this as a rough signal" in html
    assert "openings ÷ completers ≥ 2" in html and "NCES IPEDS Completions" in html
    plain_brief = demand_brief(ds, MI, demand.DEFAULT_WEIGHTS, demand.scored(ds, MI, demand.DEFAULT_WEIGHTS), [])
    assert "IPEDS" not in plain_brief  # cited only where used
