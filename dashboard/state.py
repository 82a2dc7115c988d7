"""Filters <-> st.query_params: every view is a link (role, industry, area, wage)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from dashboard import queries as q
from dashboard.data import Dataset

MAX_ROLES = 6
MAX_PARAM = 200  # longer values are cut before they are looked at or echoed
_SAFE = re.compile(r"[^\w\s,.\-–&()'/]", re.UNICODE)


def shown(value: str) -> str:
    """A user-supplied value safe to echo inside a message: cut, with markup characters removed."""
    v = value[:60] + ("…" if len(value) > 60 else "")
    return _SAFE.sub("", v)


def param(name: str) -> str | None:
    """The first value of a query parameter, cut to MAX_PARAM characters."""
    v = st.query_params.get(name)
    if v is None:
        return None
    return str(v)[:MAX_PARAM]


@dataclass
class Filters:
    roles: list[str] = field(default_factory=list)
    area: str = q.NATIONAL
    industry: str | None = None
    wage: str = "annual"
    problems: list[str] = field(default_factory=list)


def read(ds: Dataset, max_roles: int = MAX_ROLES) -> Filters:
    """Read the query into valid filters; an unknown value becomes a friendly problem with suggestions."""
    f = Filters()
    roles = param("role")
    if roles:
        codes = [c.strip() for c in roles.split(",") if c.strip()]
        if len(codes) > max_roles:
            f.problems.append(f"A link can carry up to {max_roles} occupations; the first {max_roles} are used.")
        for code in codes[:max_roles]:
            if code in ds.occupations.index:
                f.roles.append(code)
            else:
                near = q.search_roles(ds, code, limit=3) if not q.SOC_RE.match(code) else []
                if not near:
                    titles = dict(zip(ds.occupations.index, ds.occupations["title"], strict=True))
                    near_codes = q.closest({c: t for c, t in titles.items() if c[:2] == code[:2]} or titles, code, 3)
                    hint = ", ".join(f"{c} {t}" for c, t in near_codes)
                else:
                    hint = ", ".join(f"{m.soc_code} {m.title}" for m in near)
                f.problems.append(f"No occupation has the code “{shown(code)}”. Closest: {hint}.")
    area = param("area")
    if area:
        code = q.resolve_area(ds, area)
        if code:
            f.area = code
        else:
            names = dict(zip(ds.areas.index, ds.areas["area_name"], strict=True))
            hint = ", ".join(f"{n} ({c})" for c, n in q.closest(names, area, 3))
            f.problems.append(f"No area has the code “{shown(area)}”; showing the nation. Closest: {hint}.")
    industry = param("industry")
    if industry:
        if industry in ds.industries.index:
            f.industry = industry if industry != q.ALL_INDUSTRIES else None
        else:
            names = dict(zip(ds.industries.index, ds.industries["title"], strict=True))
            hint = ", ".join(f"{n} ({c})" for c, n in q.closest(names, industry, 3))
            f.problems.append(f"No industry has the code “{shown(industry)}”; showing all industries. Closest: {hint}.")
    wage = param("wage")
    if wage in ("annual", "hourly"):
        f.wage = wage
    elif wage:
        f.problems.append(f"“{shown(wage)}” is not a wage basis; use annual or hourly. Showing annual.")
    return f


def write(**params: str | list[str] | None) -> None:
    """Put filters in the URL; None or empty removes a parameter."""
    for k, v in params.items():
        if isinstance(v, list):
            v = ",".join(v)
        if v in (None, ""):
            if k in st.query_params:
                del st.query_params[k]
        elif st.query_params.get(k) != v:
            st.query_params[k] = v


def key(name: str) -> str:
    """Widget key for a control that mirrors a URL parameter. `navigate` changes it, so the control is
    rebuilt from the new URL instead of keeping its old value."""
    return f"{name}-{st.session_state.get('_nav', 0)}"


def navigate(**params: str | list[str] | None) -> None:
    """Change the view from code (a click on a chart, a button): new URL, controls rebuilt, rerun."""
    write(**params)
    st.session_state["_nav"] = st.session_state.get("_nav", 0) + 1
    st.rerun()
