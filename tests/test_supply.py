"""Who is trained for it (domain/supply): each figure against the bundled files read independently with pandas."""

import pandas as pd
import pytest

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.domain import supply

MI = "2600000"


@pytest.fixture(scope="module")
def files():
    c = pd.read_csv(DEFAULT_DATA_DIR / "completions.csv.gz", dtype=str, keep_default_na=False)
    c["completers"] = c["completers"].astype(int)
    i = pd.read_csv(DEFAULT_DATA_DIR / "institutions.csv", dtype=str, keep_default_na=False)
    x = pd.read_csv(DEFAULT_DATA_DIR / "program_occupations.csv", dtype=str, keep_default_na=False)
    return c, i, x


def test_a_program_by_level_and_year_nationally(ds, files):
    c, _, _ = files
    got = supply.program_by_level(ds, "48.0508", NATIONAL).set_index("award_level")
    want = c[c["cip_code"] == "48.0508"].groupby(["award_level", "year"])["completers"].sum()
    for (level, year), n in want.items():
        assert got.loc[int(level), int(year)] == n
    assert got.loc[21, "award_name"] == "Certificate, 12 weeks to under 1 year"
    assert list(got.index) == [20, 21, 2, 3, 4, 5]  # shortest award first
    assert supply.program_total(ds, "48.0508", NATIONAL) == 57_762


def test_institutions_of_a_program_in_a_state(ds, files):
    c, i, _ = files
    got = supply.program_institutions(ds, "52.0205", MI)
    michigan = set(i.loc[i["state"] == MI, "unitid"])
    want = c[(c["year"] == "2024") & (c["cip_code"] == "52.0205") & c["unitid"].isin(michigan)]
    assert got["total"].sum() == want["completers"].sum() == 86
    assert len(got) == want["unitid"].nunique() == 6
    first = got.iloc[0]
    assert (first["name"], first["total"], first["Bachelor's degree"]) == ("Ferris State University", 42, 28)
    assert first["Certificate, 12 weeks to under 1 year"] == 14


def test_a_metro_area_counts_its_own_institutions(ds, files):
    c, i, _ = files
    detroit = "0019820"
    inside = set(i.loc[i["metro"] == detroit, "unitid"])
    want = c[(c["year"] == "2024") & (c["cip_code"] == "51.3801") & c["unitid"].isin(inside)]["completers"].sum()
    assert supply.program_total(ds, "51.3801", detroit) == want > 0


def test_nearest_areas_offering_a_program_are_neighbours(ds):
    near = supply.nearest_offering(ds, "52.0205", MI)
    assert [code for code, _ in near] == ["3900000", "1800000", "5500000"]  # Ohio, Indiana, Wisconsin
    assert all(n > 0 for _, n in near)


def test_an_occupations_related_completers_at_its_entry_levels(ds, files):
    c, i, x = files
    levels = supply.default_levels(ds, "51-4121")  # welders: high school diploma → certificates, associate's
    assert levels == (20, 21, 2, 3, 4)
    michigan = set(i.loc[i["state"] == MI, "unitid"])
    cips = set(x.loc[x["soc_code"] == "51-4121", "cip_code"])
    want = c[
        (c["year"] == "2024")
        & c["unitid"].isin(michigan)
        & c["cip_code"].isin(cips)
        & c["award_level"].astype(int).isin(levels)
    ]["completers"].sum()
    assert supply.related_completers(ds, "51-4121", MI, levels) == want == 687
    assert supply.related_in_state(ds, MI)["51-4121"] == want
    openings, whose, source = supply.openings(ds, "51-4121", MI)
    assert (openings, whose) == (1350, MI) and "2022–32" in source
    assert supply.per_opening(want, openings) == pytest.approx(687 / 1350)
    national, _, ep = supply.openings(ds, "51-4121", NATIONAL)
    assert national == 45_600 and "2024–34" in ep


def test_levels_from_a_link(ds):
    assert supply.parse_levels(ds, ["3", "21", "99", "x"]) == ((21, 3), ["99", "x"])


def test_a_nonmetro_area_has_no_institutions(ds):
    nonmetro = ds.areas.index[ds.areas["area_type"] == "nonmetro"][0]
    assert not supply.covers(ds, nonmetro)
    assert len(supply.institutions_in(ds, nonmetro)) == 0
