"""The in-demand list in words: its rule, its wage text and its headings, as shown and as exported."""

from __future__ import annotations

from dashboard.core.formatting import count, is_missing, money, pct
from dashboard.domain.demand import COMPONENTS, TIERS, Rule


def rule_text(weights: tuple[float, float, float], sv: str, oews: str, top: str) -> str:
    w = ", ".join(f"{k} × {x:g}" for k, x in zip(COMPONENTS, weights, strict=True))
    return (
        "Score = the weighted average of three percentile ranks (0–100) among the occupations the state projects: "
        f"annual openings ({sv}), projected growth ({sv}) and the median annual wage relative to the state's "
        f"all-occupation median (OEWS {oews}); weights {w}. A component not released is left out of that row and "
        f"its weight shared by the others. A top-coded wage ({top}) ranks at its bound. "
        f"{RANK_NOTE}"
    )


RANK_NOTE = (
    "In “How the score was made”, P77.3 is a percentile rank: the occupation's figure is above about 77.3% of "
    "the state's projected occupations (P0 the lowest, P100 the highest); the score is the weighted average of "
    "the ranks as shown, rounded to one decimal."
)


def wage_text(r) -> str:
    return money(r["annual_median"], bool(r["top_coded"]))


def in_demand_rule(rule: Rule, sv: str, name: str) -> str:
    """The rule a board chose, in one sentence: what counts as in demand and what happens to the rest."""
    growth = (
        "growing (projected growth above 0%)"
        if rule.growth_above == 0
        else f"projected growth above {rule.growth_above:g}%"
    )
    openings = f" and at least {rule.min_openings:,} openings a year" if rule.min_openings else ""
    return (
        f"In demand, by the rule used here: {growth}{openings} in {name}'s projections ({sv}). Only these are "
        "ranked; declining occupations and the others the rule leaves out are listed apart, not ranked."
    )


def why_not(r, rule: Rule) -> str:
    """Why a row is not in demand by the rule: 'declining (-1.2%)', 'growth +0.5%, not above 1%', '120 openings a
    year, fewer than 200'; growth not released cannot be shown to meet the rule."""
    reasons = []
    if "growth" in r["misses"]:
        g = r["change_pct"]
        if r["outlook"] is None:
            reasons.append("growth not released")
        elif g < 0:
            reasons.append(f"declining ({pct(g)})")
        else:
            reasons.append(f"growth {pct(g)}, not above {rule.growth_above:g}%")
    if "openings" in r["misses"]:
        reasons.append(
            "openings not released"
            if is_missing(r["openings_annual"])
            else f"{count(r['openings_annual'])} openings a year, fewer than {rule.min_openings:,}"
        )
    return "; ".join(reasons)


def tiers_label(tiers) -> str:
    """'Middle-skill: …' for one tier; the tiers joined with ' + ' for several."""
    return " + ".join(TIERS[t][0] for t in tiers)


def filters(
    tiers,
    floor: float | None,
    floor_is_median: bool,
    name: str,
    group_title: str | None,
    industry: tuple[str, str] | None,
    oews: str,
    shortfall: float | None,
) -> list[tuple[str, str]]:
    """The list's filters, each as a few words for a title and in full: ("middle-skill", "education tier:
    Middle-skill: …"). The page, its brief and its slides name the same filters."""
    out = []
    if tiers:
        out.append(
            (
                " + ".join(TIERS[t][0].split(":")[0].lower() for t in tiers),
                f"education {'tiers' if len(tiers) > 1 else 'tier'}: {tiers_label(tiers)}",
            )
        )
    if floor is not None:
        whose = f" ({name}'s median)" if floor_is_median else ""
        out.append((f"wage at least {money(floor)}", f"median wage at least {money(floor)}{whose}"))
    if group_title:
        out.append((group_title, f"major group {group_title}"))
    if industry is not None:
        title, code = industry
        out.append((f"employed in {title}", f"employed in {title} ({code}) nationally (OEWS {oews} industry staffing)"))
    if shortfall is not None:
        out.append(
            (
                "training may fall short",
                f"training may fall short (openings at least {shortfall:g} × related completers)",
            )
        )
    return out
