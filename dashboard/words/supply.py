"""Who is trained for it, in words: what completers beside openings can and cannot mean, and the shortfall rule."""

from __future__ import annotations

from dashboard.domain.supply import academic_year, year_label


def comparison_caveat() -> str:
    """The one plain sentence shown beside every completers-per-opening figure (not only in a footnote)."""
    return (
        "Read this as a rough signal, not a count of people to hire: a program's completers count toward every "
        "occupation it leads to (so they are never added across occupations), not every completer enters this "
        "occupation or stays in the area, and openings are also filled by people trained earlier or elsewhere."
    )


def where_counted() -> str:
    """Where completers are counted."""
    return "Completers are counted where the institution is: an online program's students may live in another state."


def year_note(year: int) -> str:
    """'IPEDS 2023–24 awards (July 2023 – June 2024), first majors'"""
    return f"IPEDS {academic_year(year)} awards (July {year - 1} – June {year}), first majors"


def shortfall_rule(ratio: float) -> str:
    """The "training may fall short" rule as written on the page, in the CSV and in the brief."""
    return (
        f"Training may fall short: the area's annual openings are at least {ratio:g} times the completers of "
        "related programs at the award levels matching the occupation's typical entry education "
        "(openings ÷ completers ≥ "
        f"{ratio:g}, or openings with no related completers at all)."
    )


def per_opening_text(value: float | None) -> str:
    """'0.51 completers per opening'; 'not released' where openings are not published."""
    if value is None:
        return "not released"
    return f"{value:,.2f} completers per opening"


def not_counted(place: str, state: str | None) -> str:
    """Why a nonmetropolitan area shows its state's completers (or none)."""
    instead = f"showing {state}, the state it is in" if state else "showing the nation"
    return (
        f"Completions are counted for states and metro areas (where each institution is), not for {place}; {instead}."
    )


def none_offered(program: str, place: str, year: int) -> str:
    """'No institution in Michigan reported completers of … in IPEDS 2023–24 awards.'"""
    return f"No institution in {_the(place)} reported completers of {program} in IPEDS {academic_year(year)} awards."


def completers_line(total: int, institutions: int, place: str, year: int) -> str:
    """'86 completers from 6 institutions in Michigan, IPEDS 2023–24 awards'"""
    return (
        f"{total:,} completer{'' if total == 1 else 's'} from {institutions:,} institution"
        f"{'' if institutions == 1 else 's'} in {_the(place)}, IPEDS {academic_year(year)} awards"
    )


def _the(place: str) -> str:
    return "the United States" if place == "United States" else place


def levels_counted(names: list[str], education: str | None, default: bool, page: bool = True) -> str:
    """Which award levels the figures count, and why: 'Counted: … the award levels that match …' (on the
    `page`, where to choose others; a slide or presenter view has no control to name)."""
    said = "; ".join(names)
    if not default:
        return f"Counted: {said} (your choice; the link keeps it)."
    why = f"its typical entry education ({education}, BLS EP)" if education else "every level (EP names no education)"
    return f"Counted by default: {said}, the award levels that match {why}.{' Choose others above.' if page else ''}"


def other_levels(by_level: dict[str, int], place: str, page: bool = True) -> str:
    """The related programs' completers at the award levels left out, so a count of 0 is not read as none:
    'Not counted, at other award levels in Michigan: Doctor's degree, professional practice 77. …' (on the
    `page`, how to count them; a deck has no control to name)."""
    said = "; ".join(f"{name} {n:,}" for name, n in by_level.items())
    how = " Choose them under Award levels counted to count them." if page else ""
    return f"Not counted, at other award levels in {place}: {said}.{how}"


def openings_for(area_name: str, state_name: str, kind: str) -> str:
    """For a metro or nonmetropolitan area: how the comparison is made, since projections are state-wide."""
    what = "a metro area" if kind == "metro" else "a nonmetropolitan area"
    local = (
        "the programs and institutions below are the metro area's own"
        if kind == "metro"
        else "IPEDS completers are counted for states and metro areas, not for nonmetropolitan areas"
    )
    named = "" if "nonmetropolitan" in area_name.lower() else f" ({what})"
    return (
        f"Projections are published for states only, so for {area_name}{named} completers are set beside "
        f"openings for {state_name}, its state: both figures are the state's; {local}."
    )


def related_heading(place: str, year: int) -> str:
    """The in-demand list's completers column: 'Completers of related programs, Michigan (IPEDS 2023–24 awards)'."""
    return f"Completers of related programs, {place} ({year_label(year)})"
