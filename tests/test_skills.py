"""Skills similarity, O*NET's related occupations and the skills that rise along a career ladder (dashboard/skills.py):
values worked out by hand from data/onet_skills.csv and data/onet_related.csv, the measure on inline frames, and
what the profile, /pathways and the pathway brief show (AppTest, real data)."""

import csv
import math

import numpy as np
import pandas as pd
import pytest

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.domain import onet as onet_
from dashboard.domain import similar_roles as similar_roles_
from dashboard.domain import skills
from dashboard.domain.similar import Signal, industry_mix, similar_roles
from dashboard.present import brief

SUPERVISOR, PLANT = "51-1011", "11-3051"
# the sentence the profile reads for the supervisor beside plant managers; 9 and 9 and 0.82 are worked out by
# hand below from onet_skills.csv
SHARES = (
    "shares 9 of its 10 most important skills and 9 of its 10 most important knowledge areas (skills similarity 0.82)"
)
RISE = (
    "From production supervisor or team lead to operations or plant manager: Management of Financial Resources "
    "+1.38 levels (2.62 → 4.00), Management of Material Resources +1.38 levels (2.62 → 4.00), Judgment and "
    "Decision Making +1.13 levels (3.25 → 4.38)."
)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with open(DEFAULT_DATA_DIR / "onet_skills.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _of(rows, code):
    return [r for r in rows if r["onetsoc_code"] == code]


# --- by hand from the file ----------------------------------------------------------------------------


def test_top_rising_skill_supervisor_to_plant_manager_by_hand(ds, rows):
    before = {(r["domain"], r["element"]): r for r in _of(rows, f"{SUPERVISOR}.00")}
    after = {(r["domain"], r["element"]): r for r in _of(rows, f"{PLANT}.00")}
    rises = sorted(
        ((float(after[k]["level"]) - float(before[k]["level"]), k[1]) for k in after if not after[k]["suppressed"]),
        key=lambda t: (-round(t[0], 2), t[1]),
    )
    assert rises[0][1] == "Management of Financial Resources" and round(rises[0][0], 2) == 1.38
    assert (before[("skill", rises[0][1])]["level"], after[("skill", rises[0][1])]["level"]) == ("2.62", "4.00")
    got = skills.level_rises(ds.content["onet_skills"], f"{SUPERVISOR}.00", f"{PLANT}.00")
    assert len(got) == skills.RISES_TABLE
    assert got.loc[0, ["element", "domain", "before", "after", "rise"]].tolist() == [
        "Management of Financial Resources",
        "skill",
        2.62,
        4.0,
        1.38,
    ]
    assert got["element"].tolist()[:5] == [name for _, name in rises[:5]]
    assert (got["rise"].diff().dropna() <= 0).all()  # largest rise first


def test_step_sentence_and_table(ds):
    (step,) = skills.ladder_rises(
        ds, [SUPERVISOR, PLANT], ["Production supervisor or team lead", "Operations or plant manager"]
    )
    assert step.sentence() == RISE
    table = skills.rises_table([step])
    assert table.iloc[0].tolist() == [
        "2. Operations or plant manager",
        "Production supervisor or team lead",
        "Management of Financial Resources",
        "skill",
        2.62,
        4.0,
        1.38,
        "",
    ]


def test_level_rises_leaves_out_uncertain_and_not_relevant_levels():
    """A level O*NET advises suppressing, or marks not relevant at the later step, is not compared; one not
    relevant at the earlier step is, and says so."""
    f = pd.DataFrame(
        {
            "onetsoc_code": ["A.00"] * 4 + ["B.00"] * 4,
            "domain": ["skill"] * 8,
            "element": ["w", "x", "y", "z"] * 2,
            "level": [1.0, 1.0, 1.0, 0.2, 5.0, 6.0, 4.0, 3.0],
            "suppressed": [None, "level", None, None, None, None, None, None],
            "not_relevant": ["N", "N", "N", "Y", "N", "N", "Y", "N"],
        }
    )
    got = skills.level_rises(f, "A.00", "B.00")
    assert got["element"].tolist() == ["w", "z"]  # x: uncertain before; y: not relevant after
    assert got["rise"].tolist() == [4.0, 2.8]
    assert got["note"].tolist() == ["", "not relevant at the step before (O*NET)"]


def test_skills_similarity_and_shared_top_ten_by_hand(ds, rows):
    own = [r for r in rows if r["onetsoc_code"].endswith(".00")]
    elements = sorted({r["element_id"] for r in own})
    codes = sorted({r["onetsoc_code"] for r in own})
    imp = {
        (r["onetsoc_code"], r["element_id"]): float(r["importance"]) for r in own if "importance" not in r["suppressed"]
    }
    mean = {e: np.mean([imp[c, e] for c in codes if (c, e) in imp]) for e in elements}

    def centred(code):
        v = np.array([imp.get((code, e), mean[e]) - mean[e] for e in elements])
        return v / np.linalg.norm(v)

    by_hand = float(centred(f"{PLANT}.00") @ centred(f"{SUPERVISOR}.00"))
    assert round(by_hand, 2) == 0.82

    def top(code, domain):  # the profile's order: importance, the level shown, the name
        rs = [r for r in _of(rows, code) if r["domain"] == domain and "importance" not in r["suppressed"]]

        def shown(r):
            return -1.0 if "level" in r["suppressed"] or r["not_relevant"] == "Y" else float(r["level"])

        return {r["element"] for r in sorted(rs, key=lambda r: (-float(r["importance"]), -shown(r), r["element"]))[:10]}

    shared = [len(top(f"{PLANT}.00", d) & top(f"{SUPERVISOR}.00", d)) for d in ("skill", "knowledge")]
    assert shared == [9, 9]

    p = skills.dataset_profiles(ds)
    assert skills.similarity(p, PLANT)[SUPERVISOR] == pytest.approx(by_hand)
    assert skills.shared_top(p, PLANT, SUPERVISOR) == (9, 9)
    sims = {s.soc_code: s for s in similar_roles_.similar(ds, PLANT)}
    assert sims[SUPERVISOR].reasons[0] == SHARES
    assert "hired by the same industries: 80% overlap" in sims[SUPERVISOR].reasons


def test_top_sets_match_the_profiles_top_ten(ds):
    """'Its 10 most important skills' are the ten the profile lists (onet.top_elements), ties and all."""
    p = skills.dataset_profiles(ds)
    for soc in (PLANT, SUPERVISOR, "29-1141", "47-2111", "27-2011", "11-1011"):
        for i, domain in enumerate(("skill", "knowledge")):
            assert p.top[soc][i] == set(onet_.top_elements(ds, f"{soc}.00", domain)["element"]), (soc, domain)


def test_onet_related_reason_by_hand(ds):
    with open(DEFAULT_DATA_DIR / "onet_related.csv", newline="", encoding="utf-8") as f:
        listed = [r for r in csv.DictReader(f) if r["onetsoc_code"] == f"{PLANT}.00"]
    first = min(listed, key=lambda r: int(r["rank"]))
    assert (first["related_code"], first["tier"], len(listed)) == ("11-1021.00", "Primary-Short", 20)
    sims = {s.soc_code: s for s in similar_roles_.similar(ds, PLANT)}
    assert "O*NET lists it as related (no. 1 of 20, primary)" in sims["11-1021"].reasons
    # a rank from a finer occupation's list says whose it is (it was credited to 11-3051.00 itself)
    own: dict[str, dict] = {}
    for r in sorted(listed, key=lambda r: -int(r["rank"])):  # the best rank of each SOC code wins
        own[r["related_code"][:7]] = r
    assert own["17-2112"]["rank"] == "11" and own["17-2112"]["tier"].startswith("Supplemental")
    assert "O*NET lists it as related (no. 11 of 20, supplemental)" in sims["17-2112"].reasons
    assert "11-9041" not in own  # only Biofuels Production Managers (11-3051.03) lists it
    assert (
        "O*NET lists it as related to Biofuels Production Managers (11-3051.03), inside this one (no. 2 of 20, primary)"
        in sims["11-9041"].reasons
    )
    # O*NET's 51-2092 (team assemblers) counts for OEWS's broad 51-2090, which has no O*NET code of its own
    mapped = skills.dataset_related(ds)
    assert "51-2090" in set(mapped["soc_code"]) and "51-2092" not in set(mapped["soc_code"])


def test_where_onet_does_not_cover_it_says_so_and_falls_back(ds):
    assert skills.basis(ds, PLANT) == ""
    assert skills.basis(ds, "21-1018") == (
        "O*NET 29.3 does not cover SOC 21-1018: its similar roles come from industry overlap, group and wage alone."
    )
    assert "has not rated the skills of SOC 15-1252" in skills.basis(ds, "15-1252")
    assert "rates SOC 51-2090 only through finer occupations" in skills.basis(ds, "51-2090")
    fallback = similar_roles_.similar(ds, "21-1018")
    assert fallback and all(not r.startswith(("shares", "O*NET")) for s in fallback for r in s.reasons)
    assert fallback[0].reasons[0] == "hired by the same industries: 78% overlap"


def test_first_step_not_compared_when_onet_rates_only_finer_codes(ds):
    steps = skills.ladder_rises(ds, ["51-2090", SUPERVISOR], ["Production worker", "Production supervisor"])
    assert steps[0].rises.empty
    assert steps[0].sentence() == (
        "From production worker to production supervisor: levels not compared (O*NET 29.3 rates SOC 51-2090 only "
        "through finer occupations, which are not combined here)."
    )


# --- the combination on inline frames -------------------------------------------------------------------

OCC = pd.DataFrame(
    {"soc_code": ["11-3051", "11-3061", "17-2112"], "title": ["Plant", "Buyer", "Engineer"], "level": ["detailed"] * 3}
)
HIRING = pd.DataFrame(
    {"soc_code": ["11-3051", "17-2112"], "industry_code": ["A", "A"], "employment": [10, 10]},
)
MEDIANS = pd.Series({"11-3051": 100_000.0, "11-3061": 300_000.0, "17-2112": 300_000.0})


def test_signals_add_to_the_score_and_lead_the_reasons():
    skill = Signal("skills", pd.Series({"11-3061": 0.9, "17-2112": 0.2}), lambda c: f"skills {c}", 0.5)
    sims = similar_roles("11-3051", OCC, industry_mix(HIRING), MEDIANS, signals=[skill])
    by = {s.soc_code: s for s in sims}
    # engineer: industry overlap 1.0 + skills 0.2; buyer: skills 0.9 + 0.25 for the same minor group
    assert by["17-2112"].score == pytest.approx(1.2) and by["11-3061"].score == pytest.approx(1.15)
    assert by["11-3061"].reasons == ("skills 11-3061", "same occupational group: 11-3000")
    assert by["17-2112"].reasons == ("hired by the same industries: 100% overlap",)  # 0.2 is below shown_from


def test_a_weak_signal_is_named_when_nothing_else_explains_the_choice():
    occ = OCC.assign(soc_code=["11-3051", "27-2011", "17-2112"])
    weak = Signal("skills", pd.Series({"27-2011": 0.3}), lambda c: "weak skills", 0.5)
    sims = similar_roles("11-3051", occ, industry_mix(HIRING.iloc[0:0]), MEDIANS, signals=[weak])
    assert [(s.soc_code, s.reasons) for s in sims] == [("27-2011", ("weak skills",))]
    assert not math.isnan(sims[0].score)


# --- what the pages show -------------------------------------------------------------------------------


def _texts(at, plain) -> list[str]:
    out = []
    for kind in ("subheader", "markdown", "caption", "info"):
        out += [plain(str(e.value)) for e in getattr(at, kind)]
    return out


def test_profile_similar_roles_show_skills_and_onet_reasons(run, plain):
    at = run("occupation", role=PLANT)
    buttons = [plain(b.label) for b in at.button]
    assert "First-Line Supervisors of Production and Operating Workers (51-1011)" in buttons
    texts = _texts(at, plain)
    assert any(t.startswith(SHARES[:1].upper() + SHARES[1:] + "; O*NET lists it as related") for t in texts)
    assert any(
        t.startswith("How similar roles are chosen: each detailed occupation scores its skills similarity")
        for t in texts
    )


def test_profile_says_where_onet_does_not_cover_it(run, plain, ds):
    texts = _texts(run("occupation", role="21-1018"), plain)
    assert skills.basis(ds, "21-1018") in texts
    assert not any(t.startswith(("Shares ", "O*NET lists it")) for t in texts)


def test_pathways_page_shows_what_to_learn_at_each_step(run, plain):
    at = run("pathways", role=f"{SUPERVISOR},{PLANT}")
    assert "What to learn at each step" in [plain(h.value) for h in at.subheader]
    texts = _texts(at, plain)
    assert any(RISE in t for t in texts)
    table = next(d.value for d in at.dataframe if "Skill or knowledge" in d.value.columns)
    first = table.iloc[0]
    assert (first["Skill or knowledge"], first["Level before (0–7)"], first["Level at this step (0–7)"]) == (
        "Management of Financial Resources",
        2.62,
        4.0,
    )
    assert first["Rise (levels)"] == 1.38
    assert any("O*NET 29.3 Database" in t and "CC BY 4.0" in t for t in texts)  # the attribution in the footer


def test_default_pathway_says_which_step_is_not_compared(run, plain):
    texts = _texts(run("pathways"), plain)
    assert any(
        "From production worker to production supervisor or team lead: levels not compared (O*NET 29.3 rates SOC "
        "51-2090 only through finer occupations" in t
        for t in texts
    )
    assert any(
        "From production planner or scheduler to operations or plant manager: Operation and Control +2.62 levels "
        "(0.50 → 3.12)" in t
        for t in texts
    )


def test_pathway_brief_has_the_same_lines(ds):
    html = brief.pathway_brief(ds, [SUPERVISOR, PLANT], NATIONAL, "Ladder")
    assert "<h2>What to learn at each step</h2>" in html
    assert RISE in html
    assert "Used under the CC BY 4.0 license" in html


def test_prepare_builds_the_title_index(monkeypatch):
    from dashboard.domain import search
    from dashboard.domain.derived import derived
    from dashboard.web import store

    monkeypatch.setattr(store, "_WARMING", store._WARMING)  # a served process only for this test (store.in_idle_time)
    loaded = store._load_once(str(DEFAULT_DATA_DIR.resolve()))  # the dataset prepare keeps (another test may have)
    derived(loaded).forget(search.title_list)
    ds = store.prepare(DEFAULT_DATA_DIR)
    assert store.warmed(timeout=60)  # built on prepare's background thread, before any keystroke needs it
    assert ds.ok and derived(ds).size(search.title_list) == 1


def test_a_data_folder_without_onet_falls_back_to_industry_overlap(ds):
    import dataclasses

    bare = dataclasses.replace(ds, content={})  # an older data folder: no O*NET tables
    assert skills.basis(bare, PLANT).startswith("This data folder has no O*NET tables")
    assert skills.signals(bare, PLANT) == [] and skills.ladder(bare, [SUPERVISOR, PLANT], ["a", "b"]) is None
    assert skills.brief_html(None) == ""
    sims = similar_roles_.similar(bare, PLANT)
    assert sims and sims[0].reasons[0].startswith("hired by the same industries")
