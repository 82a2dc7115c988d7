"""The in-demand list as a table: headings that say whose figure and which vintage, as shown and as exported."""

from __future__ import annotations

import pandas as pd

from dashboard.core.formatting import money
from dashboard.domain.demand import TIERS, IndustryMatch
from dashboard.present.export import bound_notes


def demand_table(
    df: pd.DataFrame,
    name: str,
    sv: str,
    oews: str,
    ep: str,
    industry: IndustryMatch | None = None,
    csv: bool = False,
    training: str | None = None,
    rule: str | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The in-demand list as shown and exported: headings that say whose figure and which vintage, and
    each heading's kind of number (for ui.column_config). On screen the wage reads as text ("≥ $239,200");
    in the CSV (`csv`) it is a number, with a column saying which wages are top-coded bounds. With an
    industry filter, the occupation's national employment in that industry and, where the state's code was
    matched through the codes it became, those codes. With `training` (the IPEDS year label; the rows from
    demand.with_training), the completers of related programs and completers per opening; the CSV adds
    whether training may fall short and the `rule` that says so."""
    wage_head = f"Median annual wage, {name} (OEWS {oews})"
    heads = {
        "rank": (f"Rank among all {name}'s occupations", "text"),  # filters cut the list; they do not re-rank
        "title": ("Occupation", "text"),
        "score": ("Score (0–100)", "share"),
        "openings_annual": (f"{name} openings a year {sv}", "count"),
        "change_pct": (f"{name} growth {sv} (%)", "change"),
        "wage": (wage_head, "money" if csv else "text"),
    }
    if csv:
        heads["wage_bound"] = (f"{wage_head}: top-coded", "text")
    if training is not None:
        heads["related_completers"] = (f"Completers of related programs, {name} ({training})", "count")
        heads["per_opening"] = (f"Completers per opening ({training} ÷ openings {sv})", "ratio")
        if csv:
            heads["short"] = ("Training may fall short", "text")
            heads["rule"] = ("Training may fall short: the rule", "text")
    heads |= {
        "wage_ratio": (f"Wage ÷ {name} all-occupation median", "ratio"),
        "how": (
            "How the score was made (P = percentile rank, 0–100)",
            "text",
        ),  # after the figures it explains: wide, it hid them
        "education": (f"Typical education (national, EP {ep})", "text"),
        "tier_label": ("Education tier", "text"),
        "soc_code": ("SOC code", "text"),
    }
    if industry is not None:
        heads["industry_employment"] = (
            f"US employment in {industry.title} ({industry.code}), OEWS {oews} industry staffing",
            "count",
        )
        heads["industry_via"] = (f"In {industry.title} through SOC 2018 codes", "text")
    flags = df["top_coded"].astype(bool)
    out = df.assign(
        wage=df["annual_median"].astype(float)
        if csv
        else [money(w, t) for w, t in zip(df["annual_median"], flags, strict=True)],
        wage_bound=bound_notes(df["annual_median"], flags),
        tier_label=df["tier"].map(lambda t: TIERS[t][0] if t in TIERS else "not released"),
        wage_ratio=df["wage_ratio"].round(2),
        short=df["falls_short"].map({True: "yes", False: "no"}).fillna("not released") if csv and training else None,
        rule=rule if csv and training else None,
    )[list(heads)]
    out.columns = [h for h, _ in heads.values()]
    return out, {h: k for h, k in heads.values()}
