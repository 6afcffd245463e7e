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
        return _digest(hashlib.sha256(f"{diagnostic.rule}\0{diagnostic.message}".encode("utf-8", "surrogatepass")))
    return _Lines(doc if doc is not None and doc.text is text else Document(text)).fingerprint(diagnostic)


class _Lines:
    """The fingerprints of one text's findings.

    The hash of a finding begins with its rule and its lines; that beginning is hashed once per
    rule and lines and copied for each finding. On a text of one long line (a flattened act),
    hashing the whole line again for each finding made thousands of findings quadratic.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._begun: dict[tuple[str, int, int], hashlib._Hash] = {}

    def fingerprint(self, diagnostic: Diagnostic) -> str:
        doc, text = self.doc, self.doc.text
        # The lines as Document counts them: a lone \r ends a line too. Looking for "\n" alone made
        # a text whose lines end in \r one line, hashed whole for each finding (quadratic). Texts
        # with \n or \r\n line ends keep their fingerprints.
        first, last = doc.position(diagnostic.start).line, doc.position(diagnostic.end).line
        key = (diagnostic.rule, first, last)
        begun = self._begun.get(key)
        if begun is None:
            line = text[doc.offset(first, 1) : doc.offset(last, 1) + len(doc.line_text(last))]
            begun = hashlib.sha256(f"{diagnostic.rule}\0{' '.join(line.split())}\0".encode("utf-8", "surrogatepass"))
            self._begun[key] = begun
        h = begun.copy()
        h.update(" ".join(text[diagnostic.start : diagnostic.end].split()).encode("utf-8", "surrogatepass"))
        return _digest(h)


def _digest(h: hashlib._Hash) -> str:
    # surrogatepass above: a lone surrogate (an editor buffer mid-edit) must not stop the fingerprint.
    return h.hexdigest()[:20]


def occurrences(diagnostics: Iterable[Diagnostic], text: str | None) -> Iterator[tuple[Diagnostic, str, int]]:
    """Each finding with its fingerprint and its rank among findings of the same fingerprint."""
    seen: Counter[str] = Counter()
    lines = _Lines(Document(text)) if text is not None else None
    for d in diagnostics:
        fp = lines.fingerprint(d) if lines is not None else content_fingerprint(d, None)
        yield d, fp, seen[fp]
        seen[fp] += 1
