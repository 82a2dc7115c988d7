"""The data folder: its schema, validation, the validated Dataset and its cache, the releases read from it."""
