"""Presentation: charts, figures, theme, printable briefs, CSV export."""
