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
from ..document import Document


def content_fingerprint(diagnostic: Diagnostic, text: str | None, doc: Document | None = None) -> str:
    """`doc`: the text's line index, built once by a caller that fingerprints many findings."""
    if text is None:
        basis = diagnostic.message
    else:
        # The lines as Document counts them: a lone \r ends a line too. Looking for "\n" alone made
        # a text whose lines end in \r one line, hashed whole for each finding (quadratic). Texts
        # with \n or \r\n line ends keep their fingerprints.
        doc = doc if doc is not None and doc.text is text else Document(text)
        last = doc.position(diagnostic.end).line
        line = text[doc.offset(doc.position(diagnostic.start).line, 1) : doc.offset(last, 1) + len(doc.line_text(last))]
        basis = " ".join(line.split()) + "\0" + " ".join(text[diagnostic.start : diagnostic.end].split())
    # surrogatepass: a lone surrogate (an editor buffer mid-edit) must not stop the fingerprint.
    return hashlib.sha256(f"{diagnostic.rule}\0{basis}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def occurrences(diagnostics: Iterable[Diagnostic], text: str | None) -> Iterator[tuple[Diagnostic, str, int]]:
    """Each finding with its fingerprint and its rank among findings of the same fingerprint."""
    seen: Counter[str] = Counter()
    doc = Document(text) if text is not None else None
    for d in diagnostics:
        fp = content_fingerprint(d, text, doc)
        yield d, fp, seen[fp]
        seen[fp] += 1
