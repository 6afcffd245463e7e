"""What a report may carry of a file name or of the text, for each kind of output.

File names and document text are data of whoever wrote them. A terminal or a CI job log obeys the
control characters they hold (a newline starts a GitHub workflow command, ESC sequences set the
title or clear the screen, bidi overrides reorder what is read); XML 1.0 cannot hold most C0
controls; UTF-8 cannot hold the undecodable bytes of a file name, which Python keeps as lone
surrogates (surrogateescape). Each function below gives what one kind of output can carry.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath
from urllib.parse import quote

from . import uri

# C0, DEL and C1 controls (NEL among them); the bidi embeddings, overrides, isolates and marks
# ("Trojan Source"); the line and paragraph separators; lone surrogates; U+FFFE and U+FFFF, which
# XML forbids. Tab and newline are included: a report's own layout never comes from the data.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    if (short := _SHORT.get(match.group())) is not None:
        return short
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that was not UTF-8 in a file name: show the byte, as `ls -b` does.
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control, bidi control and lone surrogate written as a visible `\\x1b`-style
    escape: safe on a terminal, in a job log and in XML, and encodable in UTF-8."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def json_text(dumped: str) -> str:
    """The output of `json.dumps(..., ensure_ascii=False)` with lone surrogates as `\\udcXX` escapes.

    `json.dumps` escapes controls but leaves surrogates raw, which no UTF-8 file can hold. In JSON
    output a surrogate can only stand inside a string, where the escape is valid JSON that Python's
    `json` reads back as the same file name (`os.fsencode` then gives its bytes).
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped) if _SURROGATE.search(dumped) else dumped


def uri_reference(path: str) -> str:
    """A file's URI reference (RFC 3986) as SARIF wants it: relative to the working directory when
    inside it, else a `file:` URI; the name's bytes (`os.fsencode`) percent-encoded, so a space,
    `%`, `#`, `?`, non-ASCII and non-UTF-8 names all stay one path."""
    relative = uri(path)
    if PurePath(relative).is_absolute():
        return PurePath(relative).as_uri()
    return quote(os.fsencode(relative), safe="/")
