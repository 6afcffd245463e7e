"""Report: diagnostics and the model to outputs: the runner behind `delib check` (reports of many paths), formatters, baselines, the `extract` JSON and the SCDL table (report stage)."""
