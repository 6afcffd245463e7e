"""A rule's documentation for the editor: Markdown for hovers, a file to open from the rule code.

Rule docstrings are written for `delib explain` with reStructuredText literal blocks
(`Exemple conforme ::` and an indented example); hovers are Markdown, so those blocks become
fenced code.
"""

from __future__ import annotations

import hashlib
import os
import string
import threading
from pathlib import Path

from .. import __version__
from ..config.localrules import LocalRule
from ..parse.parsing import cache_base
from ..rule import Rule

# CommonMark lets any ASCII punctuation be escaped with a backslash, and an escaped character is
# only itself: escaping it disarms links, images, emphasis, code, inline HTML, entities, and the
# bare URLs that GFM links (`:` and `.` escaped). Left as they are, for a readable source: the
# marks that mean nothing in CommonMark or GFM, frequent in French messages.
_PLAIN = ",;'\"?%/"
_MARKDOWN_ESCAPES = {ord(c): f"\\{c}" for c in string.punctuation if c not in _PLAIN}


def escape_markdown(text: str) -> str:
    """Text to show as written in Markdown (a message quoting the act, a configuration's words)."""
    return text.translate(_MARKDOWN_ESCAPES)


def to_markdown(doc: str) -> str:
    """Turn the literal blocks of a rule docstring into fenced code; keep the rest as written."""
    out: list[str] = []
    block: list[str] | None = None
    for line in doc.splitlines():
        if block is not None:
            if not line.strip() or line.startswith((" ", "\t")):
                block.append(line)
                continue
            out.extend(_fence(block))
            block = None
        if line.rstrip().endswith("::"):
            # "Exemple conforme ::" reads "Exemple conforme :" once the block is drawn as code.
            head = line.rstrip()[:-2].rstrip()
            out.append(f"{head} :" if head else "")
            block = []
            continue
        out.append(line)
    if block is not None:
        out.extend(_fence(block))
    return "\n".join(out).strip() + "\n"


def _fence(block: list[str]) -> list[str]:
    while block and not block[0].strip():
        block.pop(0)
    while block and not block[-1].strip():
        block.pop()
    indent = min((len(line) - len(line.lstrip()) for line in block if line.strip()), default=0)
    return ["", "```text", *(line[indent:] for line in block), "```", ""]


def rule_markdown(rule: type[Rule]) -> str:
    """The rule's name and default level, then its documentation."""
    return f"**{rule.name}** (niveau par défaut : {rule.severity.value})\n\n{_documentation(rule)}"


def _documentation(rule: type[Rule]) -> str:
    if issubclass(rule, LocalRule):
        # Written in a `.delib.yaml`, perhaps of a downloaded folder: shown as text, not as Markdown.
        return escape_markdown(rule.documentation().strip()) + "\n"
    return to_markdown(rule.documentation())


class DocsFiles:
    """Writes each rule's documentation once to the user cache and gives its `file:` URI.

    Editors open that URI from the rule code shown with a finding (`codeDescription`). The file
    name carries a hash of the text, so a plugin rule with the same name never shows another
    rule's page. Where the cache cannot be written, findings simply carry no link.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder if folder is not None else _pages_dir()
        self._uris: dict[type[Rule], str | None] = {}
        self._lock = threading.Lock()

    def uri(self, rule: type[Rule]) -> str | None:
        with self._lock:
            if rule not in self._uris:
                self._uris[rule] = self._write(rule)
            return self._uris[rule]

    def _write(self, rule: type[Rule]) -> str | None:
        if self._folder is None:
            return None
        text = f"# {rule.name}\n\n{_documentation(rule)}"
        digest = hashlib.sha256(text.encode()).hexdigest()[:10]
        path = self._folder / f"{rule.name}-{digest}.md"
        try:
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                # Written aside then renamed: another server (another editor) may read it meanwhile.
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(text, encoding="utf-8")
                os.replace(partial, path)
        except OSError:
            return None
        return path.as_uri()


def _pages_dir() -> Path | None:
    base = cache_base()  # beside the grammar cache; without one, findings carry no link
    return base / "regles" / __version__ if base is not None else None
