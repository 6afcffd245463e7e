"""A finding's identity that survives edits elsewhere in the file: rule + the text it points at.

Baselines and the GitLab report need to recognise the same finding after lines were added above
it, so the fingerprint is made of the rule, the text of the finding's line and of its span (with
spaces collapsed), never of its line number.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic


def content_fingerprint(diagnostic: Diagnostic, text: str | None) -> str:
    if text is None:
        basis = diagnostic.message
    else:
        line_start = text.rfind("\n", 0, diagnostic.start) + 1
        line_end = text.find("\n", diagnostic.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        basis = " ".join(line.split()) + "\0" + " ".join(text[diagnostic.start : diagnostic.end].split())
    # surrogatepass: a lone surrogate (an editor buffer mid-edit) must not stop the fingerprint.
    return hashlib.sha256(f"{diagnostic.rule}\0{basis}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def occurrences(diagnostics: Iterable[Diagnostic], text: str | None) -> Iterator[tuple[Diagnostic, str, int]]:
    """Each finding with its fingerprint and its rank among findings of the same fingerprint."""
    seen: Counter[str] = Counter()
    for d in diagnostics:
        fp = content_fingerprint(d, text)
        yield d, fp, seen[fp]
        seen[fp] += 1
