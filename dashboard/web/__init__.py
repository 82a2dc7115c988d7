"""The Streamlit app: pages, URL parameters and links, shared UI pieces, the page frame, one view per page."""
