"""The O*NET and program sections of the occupation profile, and the /programs page, in AppTest (real data)."""

import json

import pytest

from dashboard.domain import programs as pg
from tests.apptest import charts_on

FIRST_TASK = (
    "Set and monitor product standards, examining samples of raw products or directing testing during processing"
)


def _text(at, plain) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning"):
        parts += [plain(str(e.value)) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_profile_shows_what_they_do_what_it_takes_finer_occupations_and_programs(run, plain):
    at = run("occupation", opened=True, role="11-3051", area="MI")
    heads = [plain(h.value) for h in at.subheader]
    for h in ("What they do", "What it takes", "Finer O*NET occupations inside this code", "Programs that lead here"):
        assert h in heads
    text = _text(at, plain)
    assert "Plan, direct, or coordinate the work activities and resources necessary for manufacturing" in text
    # the first core task in O*NET's order, numbered first
    assert f"1. {FIRST_TASK}" in text
    assert "Considerable Preparation Needed (Job Zone 4 of 5). Most of these occupations require a four-year" in text
    # the finer occupations, each with its description
    assert "Quality Control Systems Managers" in text and "Biofuels Production Managers" in text
    # skills chart's data: the most important skills with the level required
    skills = next(d.value for d in at.dataframe if "Skill" in d.value.columns)
    assert list(skills.columns) == ["Skill", "Importance (1–5)", "Level required (0–7)", "Note"]
    top = skills.iloc[0]
    assert (top["Skill"], top["Importance (1–5)"], top["Level required (0–7)"]) == ("Monitoring", 4.0, 4.88)
    # hot technologies marked
    assert "Microsoft Excel ★" in text  # not 🔥: with no emoji font (Debian's Chromium here) it drew an empty box
    # programs: the nine CIP codes, each a link to /programs with the area kept
    links = [(plain(p.proto.label), p.proto.page) for p in at.main.get("page_link")]
    programs = [label for label, target in links if "programs" in target]
    nine = ["14.3501", "15.1501", "51.2006", "51.2009", "52.0101", "52.0201", "52.0203", "52.0205", "52.0216"]
    assert sorted(p.split()[0] for p in programs) == nine
    assert "52.0205 Operations Management and Supervision" in programs
    # O*NET's attribution with its release
    assert any(
        "O*NET 29.3 Database" in c and "CC BY 4.0" in c and "USDOL/ETA" in c
        for c in map(plain, (x.value for x in at.caption))
    )


def test_profile_program_links_keep_the_area(run, plain):
    at = run("occupation", role="11-3051", area="MI")
    link = next(p for p in at.main.get("page_link") if "52.0205" in plain(p.proto.label))
    assert "cip=52.0205" in link.proto.query_string and "area=2600000" in link.proto.query_string


def test_occupation_onet_does_not_cover_says_what_is_not_known(run, plain):
    # 51-2090 (miscellaneous assemblers): OEWS's broad group, which O*NET describes only through finer codes
    text = _text(run("occupation", role="51-2090"), plain)
    assert "O*NET 29.3 describes this occupation only through the finer occupations below" in text
    assert "Programs: the NCES CIP 2020 ↔ SOC 2018 crosswalk maps no program to SOC 51-2090." in text
    # an "all other" occupation O*NET lists but has not rated: the description, and what is missing
    text = _text(run("occupation", role="29-1229"), plain)
    assert "Skills and knowledge: O*NET 29.3 has not rated them for this occupation" in text
    assert "Tasks: O*NET 29.3 lists none for this occupation." in text


def test_brief_gains_what_they_do_and_top_skills(ds):
    from dashboard.present import brief

    html = brief.occupation_brief(ds, "11-3051")
    assert "<h2>What they do</h2>" in html and f"<li>{FIRST_TASK}" in html
    assert "<td>Monitoring</td><td>4.00</td><td>4.88</td>" in html
    assert "O*NET 29.3 Database by the U.S. Department of Labor" in html


def test_programs_page_shows_what_52_0205_leads_to_in_michigan(run, plain, ds):
    at = run("programs", cip="52.0205", area="MI")
    assert plain(at.title[0].value) == "52.0205 Operations Management and Supervision"
    text = _text(at, plain)
    assert "A program that prepares individuals to manage and direct the physical and/or technical functions" in text
    table = next(d.value for d in at.dataframe if "SOC code" in d.value)  # the institutions follow it
    assert set(table["SOC code"]) == {
        "11-3013",
        "11-3021",
        "11-3051",
        "11-9021",
        "13-1081",
        "25-1011",
        "49-1011",
        "51-1011",
    }
    ipm = table.set_index("SOC code").loc["11-3051"]
    mi = ds.wages.loc[("11-3051", "2600000")]
    assert ipm["Median annual wage, Michigan"] == mi["annual_median"]
    assert ipm["National openings a year"] == ds.projections.loc["11-3051", "openings_annual"]
    assert ipm["Typical education"] == "Bachelor's degree"
    specs = [json.loads(c.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in charts_on(at)]
    assert any("leads to: median wage (Michigan) against projected growth" in s for s in specs)


def test_programs_family_browse_and_search(run, plain):
    at = run("programs", cip="52")
    assert plain(at.title[0].value).startswith("52 Business, management, marketing")
    table = at.dataframe[0].value
    assert "52.0205" in set(table["CIP code"])
    at = run("programs", q="operations managment")  # a typo
    labels = [plain(b.label) for b in at.button]
    assert labels[0] == "52.0205 Operations Management and Supervision"


@pytest.mark.parametrize(
    "cip, message",
    [
        ("52.0298", "No program has the CIP code “52.0298”. Closest: 52.0299"),
        ("abc", "“abc” is not a CIP code such as 52.0205"),
        ("<script>alert(1)</script>", "“<script>alert(1)</script>” is not a CIP code such as 52.0205"),
    ],
)
def test_programs_bad_cip_gets_a_message_and_the_browser(run, plain, cip, message):
    at = run("programs", cip=cip)
    assert any(plain(w.value).startswith(message) for w in at.warning), [w.value for w in at.warning]
    assert plain(at.title[0].value) == "Programs and the occupations they lead to"


def test_program_search_by_code_and_name(ds):
    assert [m.cip_code for m in pg.search(ds, "520205")] == ["52.0205"]
    assert pg.search(ds, "industrial enginering")[0].cip_code == "14.3501"
    assert pg.search(ds, "practical nurse")[0].cip_code == "51.3901"


def test_program_search_lists_only_programs_near_the_best(ds):
    """ "welding" once listed "Reading" and "Casino Dealing" under the two welding programs (one letter off a word
    of theirs, 72 against 100): a name search keeps, as role search does, only answers near the best."""
    assert [m.title for m in pg.search(ds, "welding")] == [
        "Welding Technology/Welder",
        "Welding Engineering Technology/Technician",
    ]
    assert {m.cip_code for m in pg.search(ds, "reading")} == {"36.0116", "13.1315"}
    typo = pg.search(ds, "weldng")  # a typo still finds them
    assert [m.cip_code for m in typo] == ["48.0508", "15.0614"]
    assert len(pg.search(ds, "medical assistant")) > 3  # many near answers stay listed


def test_program_search_puts_the_most_completed_first_among_equals(ds):
    """ "nursing" matches some forty titles equally; the eight shortest were listed and Registered Nursing, the one
    most people complete, was not. Among equal names the programs with more completers (nation, latest year) come
    first."""
    found = pg.search(ds, "nursing")
    c = ds.completions
    totals = c[c["year"] == c["year"].max()].groupby("cip_code", observed=True)["completers"].sum()
    assert found[0].cip_code == "51.3801" == totals.reindex([m.cip_code for m in found], fill_value=0).idxmax()
    sizes = [int(totals.get(m.cip_code, 0)) for m in found]
    assert sizes == sorted(sizes, reverse=True)  # all equally good names here: by completers


def test_run_sums_keep_empty_programs_apart_at_either_end():
    """supply._sums: the completers of each program's run of rows; a program with no rows in the latest year gives
    None wherever it sits (np.add.reduceat raised IndexError for one at the end, where a data refresh may put it)."""
    import numpy as np

    from dashboard.domain.supply import _sums

    values = np.array([5, 7, 11, 13], dtype="int16")
    assert _sums(values, np.array([0, 0, 2, 2, 4, 4])) == [None, 12, None, 24, None]
    assert _sums(np.array([], dtype="int16"), np.array([0, 0, 0])) == [None, None]
    assert _sums(np.array([40_000, 40_000], dtype="int32"), np.array([0, 2])) == [80_000]  # no overflow
