"""Read: a file's bytes to a `Document`, and the reading view of its text (read stage)."""
