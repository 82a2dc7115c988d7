"""The in-demand list as a table: headings that say whose figure and which vintage, as shown and as exported."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.formatting import money
from dashboard.domain.demand import TIERS, IndustryMatch, Rule
from dashboard.present.export import bound_notes
from dashboard.words.demand import in_demand_rule, why_not


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
    judged: Rule | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The in-demand list as shown and exported: headings that say whose figure and which vintage, and
    each heading's kind of number (for ui.column_config). On screen the wage reads as text ("≥ $239,200");
    in the CSV (`csv`) it is a number, with a column saying which wages are top-coded bounds. With an
    industry filter, the occupation's national employment in that industry and, where the state's code was
    matched through the codes it became, those codes. With `training` (the IPEDS year label; the rows from
    demand.with_training), the completers of related programs and completers per opening; the CSV adds
    whether training may fall short and the `rule` that says so. With `judged` (the in-demand rule; rows from
    demand.split), each row's verdict: on screen for the rows the rule leaves out (why), in the CSV for every
    row (yes, or why not) with the rule's sentence beside it, as the Source column sits beside the figures."""
    wage_head = f"Median annual wage, {name} (OEWS {oews})"
    heads = {
        # among the rows the in-demand rule keeps (declining ones take no place); other filters do not re-rank
        "rank": (f"In-demand rank, {name}", "text"),
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
    verdicts = None
    if judged is not None and "in_demand" in df.columns:
        ok = df["in_demand"].to_numpy(dtype=bool)
        verdicts = ["yes"] * len(df)  # and why not for the rest (each row as a dict: iterrows cost ~40 ms a rerun)
        cols = ["misses", "change_pct", "outlook", "openings_annual"]  # what why_not reads: records of all, 13 ms
        for i, r in zip(np.flatnonzero(~ok), df.loc[~ok, cols].to_dict("records"), strict=True):
            verdicts[i] = why_not(r, judged)
        if csv:
            heads["verdict"] = ("In demand by the rule", "text")
            heads["demand_rule"] = ("In demand: the rule", "text")
        elif not df["in_demand"].all():
            heads["verdict"] = ("Not in demand because", "text")
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
        verdict=verdicts,
        demand_rule=in_demand_rule(judged, sv, name) if judged is not None and csv else None,
    )[list(heads)]
    out.columns = [h for h, _ in heads.values()]
    return out, {h: k for h, k in heads.values()}


def file_name(
    state: str,
    tiers: tuple[str, ...] | None,
    min_wage: str | float | None,
    rule: Rule,
    group: str | None = None,
    industry: str | None = None,
    weights: str | None = None,
    shortfall: float | None = None,
) -> str:
    """The download's name with the filters that made it, so two saved lists are told apart:
    'in-demand-MI-entry+middle-skill-wage-median-growth-above-0-openings-100' (no extension)."""
    parts = ["in-demand", state]
    if tiers:
        parts.append("+".join(tiers))
    if min_wage is not None:
        parts += ["wage", "median" if min_wage == "median" else f"{float(min_wage):g}"]
    parts += ["growth-above", f"{rule.growth_above:g}"]
    if rule.min_openings:
        parts += ["openings", str(rule.min_openings)]
    if group:
        parts += ["group", group]
    if industry:
        parts += ["industry", industry]
    if weights:
        parts += ["weights", weights.replace(":", "").replace(",", "-")]
    if shortfall is not None:
        parts += ["short", f"{shortfall:g}"]
    return "-".join(parts)
