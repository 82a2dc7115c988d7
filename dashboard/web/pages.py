"""Every page of the app, declared once: navigation, links, switch_page and the tests read this list; and the
app's icon.

Plain data (no Streamlit): app.py turns each entry into an `st.Page`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

VIEWS = Path(__file__).resolve().parent / "views"
ICON_FILE = Path(__file__).resolve().parents[1] / "assets" / "icon.png"
# The tab's icon, written into the page, made once per process (app.py runs on every change). A Material icon's
# image is fetched from Google; a file's address is one the page, which sets its icon again on every run, asked the
# server for on every change (benchmarks/RESULTS.md §6, twenty-fifth session).
ICON = "data:image/png;base64," + base64.b64encode(ICON_FILE.read_bytes()).decode()


@dataclass(frozen=True)
class PageSpec:
    name: str  # the URL path (/occupation) and the view's file name (web/views/occupation.py)
    title: str
    icon: str
    params: tuple[str, ...]  # the URL parameters the page reads (declared in params.py)
    max_roles: int = 6
    default: bool = False
    single_role: bool = False  # the page shows one occupation (the first the link names)
    title_search: bool = False  # a job title search box, and buttons for the occupations a message suggests
    problems_below_intro: bool = False  # the link's problems under the page's title and intro (frame.show_problems)

    @property
    def file(self) -> Path:
        return VIEWS / f"{self.name}.py"

    @property
    def script(self) -> str:
        """The path `st.switch_page`, `st.page_link` and AppTest take (relative to app.py)."""
        return f"web/views/{self.name}.py"


PAGES = (
    PageSpec(
        "explore",
        "Explore",
        ":material/travel_explore:",
        ("role", "industry", "area", "group", "education", "min_openings", "growth", "emp_change", "color", "present"),
        default=True,
        title_search=True,
        problems_below_intro=True,
    ),
    PageSpec(
        "occupation",
        "Occupation profile",
        ":material/badge:",
        ("role", "area", "wage", "level", "levels", "present"),
        single_role=True,
        title_search=True,
    ),
    PageSpec("industry", "Industry", ":material/factory:", ("industry", "group", "present")),
    PageSpec("geography", "Geography", ":material/map:", ("role", "measure", "area", "present"), single_role=True),
    PageSpec("compare", "Compare", ":material/compare_arrows:", ("role", "area", "wage", "present")),
    PageSpec(
        "pathways", "Career pathways", ":material/stairs:", ("pathway", "role", "area", "wage", "present"), max_roles=8
    ),
    PageSpec(
        "demand",
        "In-demand occupations",
        ":material/trending_up:",
        (
            "area",
            "education",
            "min_wage",
            "growth_above",
            "min_openings",
            "group",
            "industry",
            "weights",
            "shortfall",
            "sort",
            "present",
        ),
    ),
    PageSpec(
        "trends",
        "Trends",
        ":material/timeline:",
        ("role", "series", "scale", "wage", "dollars", "projections", "present"),
    ),
    PageSpec("programs", "Programs", ":material/school:", ("cip", "q", "area", "present")),
    PageSpec("slides", "Slides", ":material/slideshow:", ("view",)),
)
BY_NAME = {p.name: p for p in PAGES}


def page(name: str) -> PageSpec:
    return BY_NAME[name]
