"""BLS raw files -> data/ (extract: read raw; transform: pure; build: write)."""
