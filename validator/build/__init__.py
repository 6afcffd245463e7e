"""Build: the sections of each act to the typed model (`validator.model`); the only reader of text (build stage)."""
