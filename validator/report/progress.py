"""Progress of a long run on the terminal's error stream: the files of a big batch, the pages of a scan.

Shown only when the error stream is a terminal: a pipe, a CI log or a file gets nothing, so the
output of a run that is not watched stays what it was. The report itself goes to standard output,
so a machine format piped elsewhere stays clean while a person at the terminal sees the bar.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO

import click

from .formatters.escape import printable


def terminal() -> TextIO | None:
    """The error stream when a person watches it, else None (the one place the test forces)."""
    return sys.stderr if sys.stderr.isatty() else None


class FileBar:
    """A bar over the files of a run, only for long runs (more than `threshold` files)."""

    def __init__(self, count: int, threshold: int = 20) -> None:
        stream = terminal()
        self.bar = click.progressbar(length=count, label="vérification", file=stream) if stream is not None and count > threshold else None

    def __enter__(self) -> Any:
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, exc, tb)


class PageBars:
    """A bar per scanned file, "OCR : pages [###  ] 12/300 ... fichier X", as its pages are read.

    Called as the reader's `ReadOptions.pages` (file, pages read, pages to read); a scan of 300
    pages takes minutes, and this is what tells the clerk it is moving and how long it will take.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None
        self.path = ""

    @classmethod
    def on_terminal(cls) -> PageBars | None:
        stream = terminal()
        return cls(stream) if stream is not None else None

    def __call__(self, path: str, done: int, total: int) -> None:
        if self.bar is None or path != self.path:
            self.close()
            name = printable(path)
            self.path = path
            self.bar = click.progressbar(length=total, label="OCR : pages", show_pos=True, file=self.stream, item_show_func=lambda _: f"fichier {name}")
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
