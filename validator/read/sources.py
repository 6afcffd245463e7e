"""Turn a path (or standard input) into a `Document`, and walk directories for checkable files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, InputError
from .readers import ReadOptions
from .readers import read_bytes as read_content

TEXT_SUFFIXES = (".txt", ".text")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt")
MAX_BYTES = 200 * 1024 * 1024


def suffixes() -> tuple[str, ...]:
    return TEXT_SUFFIXES + DOCUMENT_SUFFIXES


def read_document(path: Path, options: ReadOptions | None = None) -> Document:
    """Read a file into a Document; raise InputError with a French message when it cannot be."""
    return read_content(read_file(path), str(path), options)


def read_file(path: Path) -> bytes:
    """The bytes of a file, within the size limit; InputError with a French message otherwise."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"fichier trop volumineux ({size // (1024 * 1024)} Mo ; limite {MAX_BYTES // (1024 * 1024)} Mo)")
        with path.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError("fichier introuvable") from None
    except IsADirectoryError:
        raise InputError("c'est un répertoire") from None
    except PermissionError:
        raise InputError("lecture refusée (droits d'accès)") from None
    except OSError as exc:
        raise InputError(f"lecture impossible ({exc.strerror or exc})") from None


def read_bytes(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    return read_content(data, name, options)


def walk(root: Path) -> Iterator[Path]:
    """Checkable files under `root`, in a stable order, skipping hidden entries and symlink loops."""
    seen: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            real = os.path.realpath(folder)
            if real in seen:
                continue
            seen.add(real)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(Path(entry.path))
                # is_file(): a named pipe or a device called "x.txt" would block the read forever.
                elif entry.is_file() and entry.name.lower().endswith(suffixes()):
                    yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))
