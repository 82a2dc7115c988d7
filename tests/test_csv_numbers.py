"""CSV files carry numbers: wages as numbers (not "$126,060" or "≥ $239,200" labels) with a top-coded column
beside them, and hourly wages with two decimals ("60.60", not "60.6"), on Geography, Explore and /demand."""

import csv
import io

import pandas as pd
from downloads import downloads, text

from dashboard.present.export import bound_notes, mark_hourly, safe_csv

MI = "2600000"


def rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data)))


def by(rows_: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {r[column]: r for r in rows_}


def test_geography_csv_has_the_numeric_median_and_a_top_coded_column(ds):
    median = ds.wages.loc[("11-3051", MI), "annual_median"]  # 120,660: OEWS May 2025, Michigan
    assert median == 120_660
    _, made = downloads("geography", role="11-3051", area="MI")
    for name in ("map-11-3051-annual_median.csv", "states-11-3051-annual_median.csv"):
        states = by(rows(text(made, name)), "Postal")
        assert states["MI"]["Median annual wage"] == "120660"
        assert states["MI"]["Median annual wage: top-coded"] == ""
        assert not any(r["Median annual wage"].startswith(("$", "≥")) for r in states.values())
    # Michigan's metro areas: numbers too
    metros = by(rows(text(made, "metros-11-3051-annual_median-MI.csv")), "Area code")
    detroit = ds.wages.loc[("11-3051", "0019820"), "annual_median"]
    assert metros["0019820"]["Median annual wage"] == f"{detroit:.0f}"


def test_geography_csv_top_coded_wage_is_its_bound_and_says_so(ds):
    w = ds.wages.loc[("29-1022", "0100000")]  # oral and maxillofacial surgeons, Alabama: top-coded
    assert w["annual_median_top_coded"] and w["annual_median"] == 239_200
    _, made = downloads("geography", role="29-1022", area="AL")
    al = by(rows(text(made, "states-29-1022-annual_median.csv")), "Postal")["AL"]
    assert al["Median annual wage"] == "239200"
    assert al["Median annual wage: top-coded"] == "yes: at least $239,200 (published bound)"
    _, made = downloads("geography", role="29-1022", measure="hourly_median", area="AL")
    al = by(rows(text(made, "states-29-1022-hourly_median.csv")), "Postal")["AL"]
    assert al["Median hourly wage"] == "115.00"
    assert al["Median hourly wage: top-coded"] == "yes: at least $115.00 (published bound)"


def test_hourly_wages_keep_two_decimals(ds):
    area = "0012980"  # a Michigan metro area whose median hourly wage for 11-3051 is $60.60
    assert ds.wages.loc[("11-3051", area), "hourly_median"] == 60.6
    _, made = downloads("geography", role="11-3051", measure="hourly_median", area="MI")
    data = text(made, "metros-11-3051-hourly_median-MI.csv")
    assert by(rows(data), "Area code")[area]["Median hourly wage"] == "60.60"
    # Explore's table, in that area
    _, made = downloads("explore", area=area)
    explore = by(rows(text(made, "occupations.csv")), "SOC code")
    heading = next(h for h in explore["11-3051"] if h.startswith("Median hourly wage"))
    assert explore["11-3051"][heading] == "60.60"
    assert all(r[heading] == "" or len(r[heading].split(".")[1]) == 2 for r in explore.values())


def test_safe_csv_hourly_columns():
    df = pd.DataFrame(
        {"Median hourly wage, X": [34.7, None, 35.0], "Median": [34.7, 2.5, 40.0], "Jobs": [1.0, 2.0, 3.0]}
    )
    assert safe_csv(df, "S").decode().splitlines()[1:] == ["34.70,34.7,1,S", ",2.5,2,S", "35.00,40.0,3,S"]
    marked = mark_hourly(df.copy(), ["Median"])  # a heading that does not say hourly
    assert safe_csv(marked, "S").decode().splitlines()[1] == "34.70,34.70,1,S"
    assert safe_csv(df, "S", hourly=["Median"]).decode().splitlines()[3] == "35.00,40.00,3,S"
    assert bound_notes([239_200.0, 1.0], [True, False]) == ["yes: at least $239,200 (published bound)", ""]


def test_demand_csv_wages_are_numbers(ds):
    _, made = downloads("demand", area="OR")  # Oregon: the most top-coded state medians
    data = by(rows(text(made, "in-demand-OR-growth-above-0.csv")), "SOC code")
    head = "Median annual wage, Oregon (OEWS May 2025)"
    capped = {c: r for c, r in data.items() if r[f"{head}: top-coded"]}
    assert capped and all(r[head] == "239200" for r in capped.values())
    assert all(r[f"{head}: top-coded"] == "yes: at least $239,200 (published bound)" for r in capped.values())
    oregon = ds.wages.xs("4100000", level="area_code")["annual_median"]
    assert data["11-3051"][head] == f"{oregon['11-3051']:.0f}"
    assert not any(r[head].startswith(("$", "≥")) for r in data.values())
    top = rows(text(made, "in-demand-top-OR.csv"))  # the chart's data: the same numbers
    assert len(top) == 15 and all(not r[head].startswith("$") for r in top)


def test_wage_ranges_and_industries_export_numbers(ds):
    """The profile's wage percentiles and industries, Compare's and Pathways' wage ranges were exported as
    "$126,060" labels: a spreadsheet could not compute with them."""
    w = ds.wages.loc[("11-3051", "0000000")]
    assert w["annual_median"] == 126_060
    _, made = downloads("occupation", role="11-3051")
    wages = rows(text(made, "wages-11-3051.csv"))
    median = next(r for r in wages if r["percentile"] == "Median" and r["place"] == "United States")
    assert median["annual wage"] == "126060" and median["annual wage: top-coded"] == ""
    hiring = rows(text(made, "hiring-11-3051.csv"))
    top = ds.hiring.loc[("11-3051", hiring[0]["Code"])]
    assert hiring[0]["Employment (national)"] == f"{top['employment']:.0f}"
    assert not any(r["Median annual wage (national)"].startswith("$") for r in hiring)
    _, made = downloads("compare", role="11-3051,29-1022", area="AL")
    compare = by(rows(text(made, "compare-wages.csv")), "SOC code")
    assert compare["11-3051"]["Median (annual wage)"] == f"{ds.wages.loc[('11-3051', '0100000'), 'annual_median']:.0f}"
    surgeons = compare["29-1022"]  # top-coded in Alabama: the bound as a number, and said to be one
    assert surgeons["Median (annual wage)"] == "239200"
    assert "median at least $239,200" in surgeons["Top-coded percentiles (published bounds)"]
    _, made = downloads("pathways", wage="hourly")
    ladder = rows(text(made, "pathway-wages.csv"))
    assert all(
        r["Median (hourly wage)"].count(".") == 1 and len(r["Median (hourly wage)"].split(".")[1]) == 2 for r in ladder
    )
