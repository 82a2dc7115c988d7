"""A one-chart page for tests/test_browser.py: ui.chart_with_table with a title and a source line."""

import pandas as pd

from dashboard.present import charts
from dashboard.web import ui

TITLE = "Where the openings come from: Industrial Production Managers, United States"
SOURCE = "Source: BLS Employment Projections 2024–34, Table 1.10"

split = pd.DataFrame(
    {"component": ["Growth", "Labor force exits", "Occupational transfers"], "openings": [800, 6000, 9000]}
)
ui.chart_with_table(
    charts.openings_split(split, "2024–34"), split, "openings-11-3051", "openings", title=TITLE, source=SOURCE
)
