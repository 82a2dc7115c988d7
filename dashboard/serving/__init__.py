"""The command line and the server: workforce-outlook's commands and how `serve` starts Streamlit."""
