"""The sentences and headings a user reads, computed from the domain's numbers."""
