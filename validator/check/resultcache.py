"""Content-keyed cache of lint results (`delib check --cache`), in the manner of ruff's cache.

An entry's key is the SHA-256 of everything that can change a finding: the file's bytes; the
effective configuration of that file (rule settings after profile and overrides, forced profile,
roster, local rules, --select/--ignore); the tool's version and a digest of its own code and data
(package, rules, grammar, profiles) and of the modules of every rule in use (plugins included);
and the versions of Python and of the libraries that shape results (Lark, the number parsers, the
PDF and office readers). An entry is therefore never stale, only unused: nothing is invalidated.

Plugins: the key covers every `.py` file of the folder of each rule's module (a plugin package
and its helpers beside it); a helper imported from elsewhere is not tracked, so clear the cache
folder after changing one.

Waivers are applied after the cache, per run (their use is reported), so they are not in the key.
Entries are JSON files under `<cache dir>/resultats/`; one that cannot be read or does not have the
expected shape counts as a miss and is rewritten. The cache never makes a run fail.

The cache folder is shared (a CI cache restored from another pipeline, a `DELIB_CACHE_DIR` on a
shared disk), so an entry is trusted only when it is authentic and sane: each carries an HMAC-SHA256
of its key and content under a secret held outside the folder (`DELIB_CACHE_KEY`, a CI secret,
else `~/.config/delib-validator/cache.key`, created 0600 on first use), and its findings must fit
the text (lines and offsets inside it, known rules). A forged `"diagnostics": []` is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import importlib
import secrets
import inspect
import json
import os
import platform
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..document import Document, Span, decode
from ..read.readers import ReadOptions, read_bytes, sniff
from ..read.readers.ocr import engine_version as ocr_engine
from ..seance_model import SeanceAct
from .engine import RuleSet, lint_document
from .seance import act_from_json, act_to_json, acts_of

FORMAT = 3  # of the entries: bumped when their shape changes (3: the acts of the séance checks)
# Libraries whose version can change what is read or found.
LIBRARIES = ("lark", "text2num", "num2words", "pyyaml", "pypdfium2", "python-docx", "odfpy", "pytesseract")
_PACKAGES = ("validator", "validator.rules", "validator.grammar")
_DATA_SUFFIXES = (".py", ".lark", ".yaml", ".json")


class ResultCache:
    """Lint results by content; `hits` and `misses` count this process's look-ups.

    `folder` None (no writable cache directory): every file is linted, nothing is kept.
    """

    def __init__(self, folder: Path | None, secret: bytes | None = None) -> None:
        self.secret = secret if secret is not None else (cache_secret() if folder is not None else None)
        # Without a secret no entry can be trusted: the cache is off, the run goes on.
        self.folder = folder if self.secret is not None else None
        self.hits = 0
        self.misses = 0
        self._fingerprints: dict[int, tuple[RuleSet, str]] = {}

    def lint(self, data: bytes, path: str, ruleset: RuleSet, reading: ReadOptions | None = None) -> tuple[tuple[Diagnostic, ...], str]:
        """The diagnostics of a file's bytes under a rule set, and the text they refer to."""
        diagnostics, text, _ = self.lint_acts(data, path, ruleset, reading)
        return diagnostics, text

    def lint_acts(self, data: bytes, path: str, ruleset: RuleSet, reading: ReadOptions | None = None) -> tuple[tuple[Diagnostic, ...], str, tuple[SeanceAct, ...]]:
        """As `lint`, with the file's acts as the séance checks see them (kept in the entry, so
        that a file not read again still takes part in the checks of its séance)."""
        reading = reading or ReadOptions()
        key = hashlib.sha256(f"{self._fingerprint(ruleset)}\0{reading.ocr}\0".encode() + data).hexdigest()
        entry = self._read(key, path)
        if entry is not None:
            diagnostics, text, acts = entry
            # Plain texts are decoded again (cheap); extracted ones (PDF, office) come from the entry.
            full = text if text is not None else decode(data, path).text
            if _fits(diagnostics, full, ruleset):
                self.hits += 1
                return diagnostics, full, acts
        self.misses += 1
        document = self._document(data, path, reading)
        result = lint_document(document, ruleset)
        acts = acts_of(document, result.model, path)
        self._write(key, result.diagnostics, None if sniff(data) == "text" else document.text, acts)
        return result.diagnostics, document.text, acts

    def _fingerprint(self, ruleset: RuleSet) -> str:
        # Rule sets are built once per configuration and kept by the runner: keyed by identity,
        # with the rule set itself held so that its id cannot be reused.
        known = self._fingerprints.get(id(ruleset))
        if known is None:
            known = (ruleset, hashlib.sha256(f"{tool_digest()}\0{_settings(ruleset)}\0{_rule_modules(ruleset)}".encode()).hexdigest())
            self._fingerprints[id(ruleset)] = known
        return known[1]

    def _entry_path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key[2:]}.json"

    def _document(self, data: bytes, path: str, reading: ReadOptions) -> Document:
        """The document read from the bytes; an OCR'd one is kept by content, so that a run under
        another configuration does not run the OCR again."""
        if sniff(data) != "pdf":
            return read_bytes(data, path, reading)
        key = hashlib.sha256(f"lecture\0{tool_digest()}\0{ocr_engine()}\0{reading.ocr}\0".encode() + data).hexdigest()
        kept = _as_document(self._load(key), path)
        if kept is not None:
            return kept
        document = read_bytes(data, path, reading)
        if document.ocr_pages or document.notices:
            self._store(key, {"text": document.text, "page_starts": list(document.page_starts), "ocr_pages": list(document.ocr_pages),
                              "uncertain": [[u.start, u.end] for u in document.uncertain], "notices": [list(n) for n in document.notices]})
        return document

    def _read(self, key: str, path: str) -> tuple[tuple[Diagnostic, ...], str | None, tuple[SeanceAct, ...]] | None:
        raw = self._load(key)
        try:
            text = raw["text"] if raw is not None and "text" in raw else None
            if raw is None or text is not None and not isinstance(text, str):
                return None
            return tuple(_diagnostic(d) for d in raw["diagnostics"]), text, tuple(act_from_json(a, path) for a in raw["acts"])
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
            return None  # not the expected shape: a miss

    def _write(self, key: str, diagnostics: Iterable[Diagnostic], text: str | None, acts: Iterable[SeanceAct] = ()) -> None:
        payload: dict[str, Any] = {"diagnostics": [_plain(d) for d in diagnostics], "acts": [act_to_json(a) for a in acts]}
        if text is not None:
            payload["text"] = text
        self._store(key, payload)

    def _load(self, key: str) -> Any:
        """An entry's payload if it is there and authentic, else None."""
        if self.folder is None:
            return None
        try:
            entry = json.loads(self._entry_path(key).read_text(encoding="utf-8"))
            if entry["format"] != FORMAT or not isinstance(entry["mac"], str):
                return None
            if not hmac.compare_digest(entry["mac"], self._mac(key, entry["payload"])):
                return None  # not written by this user's delib: forged, or another machine's
            return entry["payload"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
            return None  # absent, unreadable or corrupt: a miss

    def _store(self, key: str, payload: dict[str, Any]) -> None:
        if self.folder is None:
            return
        entry = {"format": FORMAT, "mac": self._mac(key, payload), "payload": payload}
        target = self._entry_path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written aside then renamed: a reader (another worker) never sees half an entry.
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            return  # a read-only or full disk costs the cache, not the run

    def _mac(self, key: str, payload: Any) -> str:
        assert self.secret is not None
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hmac.new(self.secret, f"{FORMAT}\0{key}\0{body}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def _as_document(raw: Any, path: str) -> Document | None:
    """A kept OCR reading, if it has the expected shape and its spans fit its text."""
    try:
        text = raw["text"]
        if not isinstance(text, str):
            return None
        spans = tuple(Span(int(a), int(b)) for a, b in raw["uncertain"])
        notices = tuple((int(at), str(message)) for at, message in raw["notices"])
        starts = tuple(int(x) for x in raw["page_starts"])
        if any(s.end > len(text) for s in spans) or any(not 0 <= at <= len(text) for at, _ in notices) or any(not 0 <= x <= len(text) for x in starts):
            return None
        return Document(text, path, "pdf", page_starts=starts, uncertain=spans, notices=notices, ocr_pages=tuple(int(x) for x in raw["ocr_pages"]))
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None


def _fits(diagnostics: Iterable[Diagnostic], text: str, ruleset: RuleSet) -> bool:
    """Findings that could have come from this text: inside it, ordered spans, rules of the run."""
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    known = set(ruleset.rules) | {"structure", "input", "internal", "configuration"}
    return all(
        d.rule in known and 0 <= d.start <= d.end <= len(text) and 1 <= d.line <= d.end_line <= lines + 1 and d.column >= 1 and d.end_column >= 1
        for d in diagnostics
    )


def cache_secret() -> bytes | None:
    """The key that authenticates entries: `DELIB_CACHE_KEY`, else the user's key file (made once)."""
    given = os.environ.get("DELIB_CACHE_KEY")
    if given:
        return given.encode()
    from ..config.trust import user_config_path

    user = user_config_path()
    if user is None:
        return None
    path = user.parent / "cache.key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None  # no place for a key: no cache


def open_cache(base: Path | None) -> ResultCache:
    """The cache under the user cache directory (`DELIB_CACHE_DIR` or XDG), if there is one."""
    return ResultCache(base / "resultats" if base is not None else None)


@functools.cache
def tool_digest() -> str:
    """Version, own files and libraries: what makes the same input give other findings."""
    h = hashlib.sha256(f"{__version__}\0{platform.python_version()}\0".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    for package in _PACKAGES:
        for folder in importlib.import_module(package).__path__:
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # walked in a stable order
                for name in sorted(f for f in files if f.endswith(_DATA_SUFFIXES)):
                    with open(os.path.join(root, name), "rb") as handle:
                        h.update(os.path.relpath(os.path.join(root, name), folder).encode() + b"\0" + handle.read() + b"\0")
    return h.hexdigest()


def _settings(ruleset: RuleSet) -> str:
    config = ruleset.config
    local = json.dumps(config.raw.get("local-rules"), sort_keys=True, default=str)
    return repr((sorted(config.rules.items()), config.profile, config.roster, ruleset.select, ruleset.ignore, local))


def _rule_modules(ruleset: RuleSet) -> str:
    """Digest of the modules of every rule in use and of the `.py` files beside them: a plugin or
    a helper of its package edited is a plugin changed."""
    h = hashlib.sha256()
    folders: set[Path] = set()
    for name in sorted(ruleset.rules):
        try:
            source = inspect.getsourcefile(ruleset.rules[name])
            h.update(name.encode() + b"\0" + (Path(source).read_bytes() if source else b"") + b"\0")
            if source:
                folders.add(Path(source).resolve().parent)
        except (OSError, TypeError):
            h.update(name.encode() + b"\0?\0")
    for folder in sorted(folders):
        for helper in sorted(folder.glob("*.py")):
            try:
                h.update(str(helper.name).encode() + b"\0" + helper.read_bytes() + b"\0")
            except OSError:
                h.update(b"?\0")
    return h.hexdigest()


def _plain(d: Diagnostic) -> dict[str, Any]:
    fix = {"title": d.fix.title, "edits": [[e.start, e.end, e.text] for e in d.fix.edits]} if d.fix else None
    return {
        "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column, "rule": d.rule,
        "message": d.message, "severity": d.severity.value, "start": d.start, "end": d.end, "page": d.page,
        "fix": fix, "context": [list(pair) for pair in d.context],
    }


def _diagnostic(raw: dict[str, Any]) -> Diagnostic:
    fix = raw["fix"]
    return Diagnostic(
        line=int(raw["line"]), column=int(raw["column"]), end_line=int(raw["end_line"]), end_column=int(raw["end_column"]),
        rule=str(raw["rule"]), message=str(raw["message"]), severity=Severity(raw["severity"]),
        start=int(raw["start"]), end=int(raw["end"]), page=None if raw["page"] is None else int(raw["page"]),
        fix=None if fix is None else Fix(str(fix["title"]), tuple(Edit(int(s), int(e), str(t)) for s, e, t in fix["edits"])),
        context=tuple((str(k), str(v)) for k, v in raw["context"]),
    )
