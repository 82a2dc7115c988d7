"""Pure pandas over the Dataset, one concept a module: no wording, no Streamlit."""
