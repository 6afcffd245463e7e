"""The examples of a rule's documentation ("Exemple conforme ::" / "Exemple non conforme ::")."""

from __future__ import annotations

import re
import textwrap

from ..rule import Rule

_HEAD = re.compile(r"^(?:Exemple (?P<kind>conforme|non conforme)|(?P<config>Configuration des exemples))\b[^\n]*::\s*$", re.MULTILINE)


def examples(rule: type[Rule]) -> dict[str, str]:
    """Return {"conforme": text, "non conforme": text} from the rule's documentation."""
    return {kind: text for kind, (text, _) in encoded_examples(rule).items() if kind != "configuration"}


def example_config(rule: type[Rule]) -> str | None:
    """The `.delib.yaml` the examples assume ("Configuration des exemples ::"), if any."""
    found = encoded_examples(rule).get("configuration")
    return found[0] if found else None


def example_bytes(rule: type[Rule], kind: str) -> bytes:
    """The example as the bytes of a file (in Windows-1252 when its heading says so)."""
    text, encoding = encoded_examples(rule)[kind]
    return text.encode(encoding)


# A line that opens one file of a séance's example ("=== 2024-012.txt ===").
_FILE = re.compile(r"^=== (?P<name>[\w.-]+) ===$", re.MULTILINE)


def example_files(rule: type[Rule], kind: str) -> list[tuple[str, bytes]]:
    """The example as files: the séance rules' examples are several files, each opened by a line
    "=== name.txt ==="; any other example is one file, "exemple.txt"."""
    text, encoding = encoded_examples(rule)[kind]
    heads = list(_FILE.finditer(text))
    if not heads:
        return [("exemple.txt", text.encode(encoding))]
    return [
        (head.group("name"), text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)].strip("\n").encode(encoding) + b"\n")
        for i, head in enumerate(heads)
    ]


def encoded_examples(rule: type[Rule]) -> dict[str, tuple[str, str]]:
    doc = rule.documentation()
    out: dict[str, tuple[str, str]] = {}
    heads = list(_HEAD.finditer(doc))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(doc)
        block = doc[head.end() : end]
        lines = []
        for line in block.split("\n")[1:]:
            if line.strip() and not line.startswith((" ", "\t")):
                break
            lines.append(line)
        text = textwrap.dedent("\n".join(lines)).strip("\n")
        encoding = "cp1252" if "Windows-1252" in head.group(0) else "utf-8"
        out[head.group("kind") or "configuration"] = (text, encoding)
    return out
