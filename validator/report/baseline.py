"""Baselines: record today's findings, then report only the new ones.

    delib check actes/ --write-baseline .delib-baseline.json
    delib check actes/ --baseline .delib-baseline.json

Findings are matched by file, rule and content fingerprint (validator.report.fingerprint), so adding
lines above a recorded finding does not make it new again; a fingerprint recorded twice hides two
findings, not more.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..config.configbase import ConfigError, read_small
from .fingerprint import occurrences
from .formatters import FileReport
from .formatters.escape import json_text

VERSION = 1
# A baseline holds one line per finding kept: 200 MB is millions of them.
MAX_BASELINE_BYTES = 200_000_000


def _key_path(path: str, base: Path | None = None) -> str:
    """A file's key: its path from the baseline's folder, so that `./actes`, `/abs/actes` and a run
    from inside `actes/` name one file alike (audit K22); as typed when it cannot be made relative."""
    if base is not None and path not in ("-", "<stdin>"):
        try:
            return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
        except (OSError, ValueError):  # another drive (Windows), an unresolvable path
            pass
    return Path(path).as_posix().removeprefix("./")


def write_baseline(reports: Sequence[FileReport], target: Path) -> int:
    counts: Counter[tuple[str, str, str]] = Counter()
    base = target.resolve().parent
    for r in reports:
        for d, fingerprint, _ in occurrences(r.diagnostics, r.text):
            counts[(_key_path(r.path, base), d.rule, fingerprint)] += 1
    findings = [{"path": p, "rule": rule, "fingerprint": fp, "count": n} for (p, rule, fp), n in sorted(counts.items())]
    # json_text: a file name that is not UTF-8 is kept as \udcXX escapes, which read back as the
    # same name, so the baseline still matches it (audit I32).
    text = json_text(json.dumps({"version": VERSION, "tool": "delib", "findings": findings}, ensure_ascii=False, indent=1))
    target.write_text(text + "\n", encoding="utf-8")
    return sum(counts.values())


def read_baseline(source: Path) -> Counter[tuple[str, str, str]]:
    text = read_small(source, "base de référence", MAX_BASELINE_BYTES)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{source} : base de référence illisible ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{source} : base de référence d'un format inconnu (version {VERSION} attendue)")
    out: Counter[tuple[str, str, str]] = Counter()
    for item in data["findings"]:
        try:
            out[(str(item["path"]), str(item["rule"]), str(item["fingerprint"]))] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError):
            raise ConfigError(f"{source} : entrée invalide {str(item)[:80]}") from None
    return out


def only_new(reports: Sequence[FileReport], baseline: Counter[tuple[str, str, str]], source: Path | None = None) -> list[FileReport]:
    """The findings the baseline does not hold. Keys are paths from the baseline's folder; a
    baseline written before them (paths as typed) still matches a run from the same folder."""
    remaining = Counter(baseline)
    base = source.resolve().parent if source is not None else None
    out = []
    for r in reports:
        kept = []
        for d, fingerprint, _ in occurrences(r.diagnostics, r.text):
            key = (_key_path(r.path, base), d.rule, fingerprint)
            if remaining[key] <= 0:
                key = (_key_path(r.path), d.rule, fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(d)
        out.append(replace(r, diagnostics=tuple(kept)))
    return out
