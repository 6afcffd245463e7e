"""The documents of a corpus, their families, and `delib` run over them as a user runs it.

`delib` is started as a separate process (`python -m validator`, JSON output), once per folder of
documents and once for every mutant of them together: the harness measures the command a clerk
or a CI job runs, and is not tied to delib's internals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sidecars import Expected, read_sidecar

SUFFIXES = {".txt": "text", ".pdf": "pdf", ".docx": "office", ".odt": "office", ".doc": "office"}
FAMILIES = ["texts", "flattened", "pdf", "office"]


@dataclass
class Doc:
    path: Path
    family: str
    sidecar: Expected | None
    name: str  # the path below the corpus folder, for reports
    text: str | None = None  # the text delib checks (extracted from PDF and office files)
    error: str | None = None  # why delib could not read it
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    extract: dict[str, Any] | None = None


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def family_of(path: Path, text: str | None) -> str:
    """texts, flattened (a text on one line, as OCR datasets and web copies give), pdf or office."""
    kind = SUFFIXES[path.suffix.lower()]
    if kind != "text":
        return kind
    body = (text or "").rstrip("\r\n")
    return "flattened" if len(body) >= 300 and "\n" not in body and "\r" not in body else "texts"


def discover(roots: Iterable[Path]) -> list[Doc]:
    """Every document under the given folders (or the files themselves), sorted by path."""
    docs: list[Doc] = []
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        base = root.parent if root.is_file() else root
        for path in files:
            if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
                continue
            text = decode(path.read_bytes()) if SUFFIXES[path.suffix.lower()] == "text" else None
            name = f"{base.name}/{path.relative_to(base)}"
            docs.append(Doc(path.resolve(), family_of(path, text), read_sidecar(path), name, text))
    return sorted(docs, key=lambda d: d.name)


@dataclass(frozen=True)
class Delib:
    """How to run delib: the interpreter (or command), a configuration, the number of processes."""

    command: tuple[str, ...] = (sys.executable, "-m", "validator")
    config: Path | None = None
    jobs: int = os.cpu_count() or 1

    def _run(self, args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DELIB_DEBUG": ""}
        # From a neutral folder: `python -m` puts the current folder first on the import path, and a
        # checkout there would shadow the delib being measured. Every path given is absolute.
        return subprocess.run([*self.command, *args], capture_output=True, text=True, env=env, check=False, cwd=tempfile.gettempdir(), **kwargs)

    def _config(self) -> list[str]:
        return ["--config", str(self.config)] if self.config else []

    def check(self, paths: list[Path]) -> dict[str, dict[str, Any]]:
        """`delib check --format json` over `paths`: each file's diagnostics, or its error."""
        done = self._run(["check", *map(str, paths), "--format", "json", "--fail-on", "never", "--no-cache", "-j", str(self.jobs), *self._config()])
        if not done.stdout.strip():
            raise RuntimeError(f"delib check n'a rien produit (code {done.returncode}) : {done.stderr.strip()[:2000]}")
        report = json.loads(done.stdout)
        return {str(Path(f["path"]).resolve()): f for f in report["files"]}

    def extract(self, paths: list[Path]) -> dict[str, dict[str, Any]]:
        """`delib extract --format jsonl`: the model of each readable file."""
        done = self._run(["extract", "--format", "jsonl", *map(str, paths), *self._config()])
        out = {}
        for line in done.stdout.splitlines():
            if line.strip():
                item = json.loads(line)
                out[str(Path(item["path"]).resolve())] = item
        return out

    def text(self, path: Path) -> str | None:
        """`delib extract --text`: the text delib checks for a PDF or an office file."""
        done = self._run(["extract", "--text", str(path)])
        return done.stdout if done.returncode == 0 else None


def read_all(docs: list[Doc], delib: Delib) -> None:
    """Check and extract every document; fill in the texts of PDFs and office files."""
    paths = [d.path for d in docs]
    checked = delib.check(paths)
    extracted = delib.extract(paths)
    for doc in docs:
        report = checked.get(str(doc.path), {})
        doc.error = report.get("error")
        doc.diagnostics = report.get("diagnostics", [])
        doc.extract = extracted.get(str(doc.path))
    binary = [d for d in docs if d.text is None and d.error is None]
    with ThreadPoolExecutor(max_workers=max(1, delib.jobs)) as pool:
        for doc, text in zip(binary, pool.map(lambda d: delib.text(d.path), binary)):
            doc.text = text
