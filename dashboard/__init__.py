"""Workforce Outlook: BLS occupational wages, projections and openings in one dashboard."""
