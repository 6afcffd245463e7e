"""Check: the rules run on the model, found and configured; findings become diagnostics (check stage)."""
