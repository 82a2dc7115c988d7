"""The in-demand list in words: its rule, its wage text and its headings, as shown and as exported."""

from __future__ import annotations

from dashboard.core.formatting import money
from dashboard.domain.demand import COMPONENTS


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
