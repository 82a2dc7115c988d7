"""Values BLS publishes, read back from the bundled data/ exactly."""

import math

import pandas as pd
import pytest


def cell(ds, soc, area, col):
    return ds.wages.loc[(soc, area), col]


def test_industrial_production_managers_national(ds):
    assert cell(ds, "11-3051", "0000000", "employment") == 246_250
    assert cell(ds, "11-3051", "0000000", "annual_median") == 126_060
    p = ds.projections.loc["11-3051"]
    assert (p["employment_base"], p["employment_target"]) == (241_900, 246_500)
    assert p["change_pct"] == 1.9
    assert p["openings_annual"] == 17_100
    # the openings split adds up as EP publishes it
    assert (p["labor_force_exits"], p["occupational_transfers"], p["openings"]) == (5_800, 10_800, 17_100)


@pytest.mark.parametrize(
    "soc, area, employment, annual_median",
    [
        ("11-3051", "0600000", 25_130, 132_620),  # California
        ("11-3051", "0019820", 5_950, 126_200),  # Detroit-Warren-Dearborn, MI
        ("51-1011", "0000000", None, 74_450),  # production supervisors, nation
    ],
)
def test_state_and_metro_cells(ds, soc, area, employment, annual_median):
    if employment is not None:
        assert cell(ds, soc, area, "employment") == employment
    assert cell(ds, soc, area, "annual_median") == annual_median


def test_industry_cells(ds):
    assert ds.hiring.loc[("11-3051", "336000"), "employment"] == 25_800
    assert ds.hiring.loc[("11-3051", "336000"), "annual_median"] == 131_510
    assert ds.hiring.loc[("11-3051", "31--34"), "employment"] == 185_250
    assert ds.hiring["jobs_per_1000"].isna().all()
    assert ds.hiring["location_quotient"].isna().all()
    assert "000000" not in set(ds.hiring["industry_code"])


def test_top_coded_oews_keeps_bound_and_names_columns(ds):
    row = ds.wages.loc[("29-1215", "0010540")]  # family medicine physicians, Albany OR: footnote 5
    assert row["annual_median"] == 239_200
    assert row["hourly_median"] == 115.0
    assert "annual_median" in row["top_coded"].split(";")
    assert "hourly_p90" in row["top_coded"].split(";")


def test_top_coded_ep_median_wage(ds):
    p = ds.projections.loc["29-1022"]  # oral and maxillofacial surgeons: >=$239,200
    assert p["median_wage_base_year"] == 239_200
    assert p["top_coded"] == "median_wage_base_year"


def test_hourly_only_and_annual_only(ds):
    actors = ds.wages.loc[("27-2011", "0000000")]
    assert actors["hourly_median"] == 29.05
    assert all(pd.isna(actors[c]) for c in ("annual_mean", "annual_p10", "annual_median", "annual_p90"))
    teachers = ds.wages.loc[("25-2021", "0000000")]
    assert teachers["annual_median"] == 63_970
    assert all(pd.isna(teachers[c]) for c in ("hourly_mean", "hourly_median"))


def test_unpublished_is_empty_never_zero(ds):
    # footnote 8 (not released) leaves cells empty; no wage is ever 0
    wages = ds.wages[["annual_median", "hourly_median"]]
    assert wages.isna().any().all()
    assert not (wages == 0).any().any()


def test_hierarchy(ds):
    occ = ds.occupations.loc["11-3051"]
    assert (occ["level"], occ["major_group"]) == ("detailed", "11-0000")
    assert occ["education"] == "Bachelor's degree"
    assert occ["experience"] == "5 years or more"
    assert ds.occupations.loc["11-3000", "level"] == "minor"
    assert ds.occupations.loc["00-0000", "level"] == "total"
    ind = ds.industries
    assert ind.loc["336000", "parent"] == "31--34"
    assert ind.loc["336400", "parent"] == "336000"
    assert ind.loc["31--34", "parent"] == "000001"
    assert ind.loc["3250A1", "parent"] == "325000"
    assert (
        ind.loc["000000", "parent"] is None
        or math.isnan(ind.loc["000000", "parent"])
        or ind.loc["000000", "parent"] == ""
    )
    areas = ds.areas
    assert tuple(areas.loc["0600000", ["area_type", "state"]]) == ("state", "CA")
    assert tuple(areas.loc["0019820", ["area_type", "state"]]) == ("metro", "MI")
    assert areas.loc["0100001", "area_type"] == "nonmetro"
