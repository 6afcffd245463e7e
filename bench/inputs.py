"""The texts the benchmarks read: a 10 kB deliberation, procès-verbaux 10x and 100x larger, and a
directory of N deliberations cycling the bundled samples and the real corpus texts.

Everything is generated from files of the repository and of the corpus, so every run of every
section measures the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    """The real deliberations (read in place, never written)."""
    return Path(os.environ.get("DELIB_CORPUS", ROOT.parent / "shared" / "corpus"))


def ten_kb_document() -> bytes:
    """A realistic 10 kB deliberation: our bureau sample with its report lengthened to 10 kB."""
    base = (ROOT / "samples" / "conformes" / "metropole-bureau.txt").read_text(encoding="utf-8")
    head, marker, tail = base.partition("Il est proposé d'attribuer")
    paragraph = head.split("soumet au Bureau de la Métropole le rapport suivant :")[1]
    text = base
    while len(text.encode()) < 10_000:
        head += paragraph
        text = head + marker + tail
    return text.encode()


def proces_verbal(acts: int) -> bytes:
    """A procès-verbal of `acts` copies of the 10 kB deliberation (10 acts: 100 kB, 100: 1 MB)."""
    return b"\n".join([ten_kb_document()] * acts)


def batch_sources() -> list[bytes]:
    """The varied real layouts a batch cycles through: every bundled sample and every corpus text."""
    paths = sorted((ROOT / "samples").rglob("*.txt")) + sorted((corpus_dir() / "texts").glob("*.txt"))
    return [p.read_bytes() for p in paths]


def variant(data: bytes, index: int) -> bytes:
    """The same act made unique: `index` written in binary as trailing spaces on its first lines.

    Without it the 1,000 files would hold only ~45 distinct texts, and a content-keyed cache
    would hit on repeats within the very first run. Trailing blanks change no finding.
    """
    lines = data.split(b"\n")
    for bit in range(min(len(lines) - 1, 16)):
        if index >> bit & 1:
            lines[bit] = lines[bit].rstrip(b"\r") + b" " + (b"\r" if lines[bit].endswith(b"\r") else b"")
    return b"\n".join(lines)


def write_batch(folder: Path, count: int, per_folder: int = 100) -> list[Path]:
    """Write `count` deliberations under `folder`, `per_folder` to a sub-directory (as archives are kept)."""
    sources = batch_sources()
    written = []
    for i in range(count):
        sub = folder / f"lot-{i // per_folder:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"deliberation-{i:05d}.txt"
        path.write_bytes(variant(sources[i % len(sources)], i // len(sources)))
        written.append(path)
    return written


def write_copies(folder: Path, data: bytes, count: int) -> list[Path]:
    """`count` unique copies of one document (see `variant`), for the cost of one more file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"copie-{i:04d}.txt" for i in range(count)]
    for i, path in enumerate(paths):
        path.write_bytes(variant(data, i))
    return paths


def pdf_files() -> list[Path]:
    return sorted((corpus_dir() / "pdf").rglob("*.pdf"))
