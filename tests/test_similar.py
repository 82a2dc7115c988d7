"""The similarity measure on small inline frames: overlap, minor group, wages, and missing detail."""

import math

import pandas as pd
import pytest

from dashboard.domain.similar import industry_mix, minor_group, overlap, similar_roles

OCC = pd.DataFrame(
    {
        "soc_code": ["11-3000", "11-3051", "11-3061", "17-2112", "27-2011", "99-0000"],
        "title": ["Operations Specialties Managers", "Plant", "Buyer", "Engineer", "Actor", "Group"],
        "level": ["minor", "detailed", "detailed", "detailed", "detailed", "major"],
    }
)
HIRING = pd.DataFrame(
    {
        "soc_code": ["11-3051", "11-3051", "11-3061", "11-3061", "17-2112", "17-2112"],
        "industry_code": ["A", "B", "A", "C", "A", "B"],
        "employment": [60, 40, 50, 50, 30, 70],
    }
)
MEDIANS = pd.Series({"11-3051": 100_000.0, "11-3061": 110_000.0, "17-2112": 200_000.0, "27-2011": float("nan")})


def test_mix_rows_are_shares():
    mix = industry_mix(HIRING)
    assert mix.sum(axis=1).tolist() == pytest.approx([1, 1, 1])
    assert mix.loc["11-3051", "A"] == pytest.approx(0.6)


def test_overlap_is_sum_of_smaller_shares():
    ov = overlap(industry_mix(HIRING), "11-3051")
    assert ov["11-3051"] == pytest.approx(1.0)  # identical to itself
    assert ov["11-3061"] == pytest.approx(0.5)  # min(.6,.5) in A, nothing in common in B or C
    assert ov["17-2112"] == pytest.approx(0.3 + 0.4)  # min(.6,.3) + min(.4,.7)


def test_minor_group():
    assert minor_group("11-3051") == "11-3000"


def test_reasons_in_words_and_order():
    sims = similar_roles("11-3051", OCC, industry_mix(HIRING), MEDIANS)
    by = {s.soc_code: s for s in sims}
    assert [s.soc_code for s in sims] == ["11-3061", "17-2112"]  # same group and close wage outrank more overlap
    assert by["17-2112"].reasons == ("hired by the same industries: 70% overlap",)
    assert by["11-3061"].reasons == (
        "hired by the same industries: 50% overlap",
        "same occupational group: Operations Specialties Managers",
        "national median wage close by: $110,000 (+$10,000)",
    )
    assert by["11-3061"].score == pytest.approx(0.5 + 0.25 + 0.25 * (1 - 0.1 / 0.15))
    assert "27-2011" not in by and "11-3000" not in by and "99-0000" not in by  # nothing shared; not detailed


def test_occupation_with_no_industry_detail():
    """Actors here have no hiring rows and no median: nothing to compare, so no similar roles and no error."""
    assert similar_roles("27-2011", OCC, industry_mix(HIRING), MEDIANS) == []
    # given a wage, the same occupation finds roles by wage alone, and says so
    medians = MEDIANS.copy()
    medians["27-2011"] = 105_000.0
    sims = similar_roles("27-2011", OCC, industry_mix(HIRING), medians)
    assert [s.soc_code for s in sims] == ["11-3051", "11-3061"]
    assert all(len(s.reasons) == 1 and s.reasons[0].startswith("national median wage close by") for s in sims)
    assert not any(math.isnan(s.score) for s in sims)


def test_empty_hiring_table():
    mix = industry_mix(HIRING.iloc[0:0])
    assert mix.empty
    assert similar_roles("11-3051", OCC, mix, MEDIANS)[0].soc_code == "11-3061"  # the wage still counts
