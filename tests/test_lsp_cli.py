"""`delib lsp` on the command line: a clear French error when the `lsp` extra is missing."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from validator.cli import main


def test_without_the_lsp_extra_the_command_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in sys.modules if n == "pygls" or n.startswith(("pygls.", "validator.lsp."))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)  # makes `import pygls` fail as if not installed
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert "pip install 'delib-validator[lsp]'" in result.output
    assert "Traceback" not in result.output


def test_the_command_is_listed_with_a_french_summary() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "lsp" in result.output and "serveur de langage" in result.output
