"""The tools a clerk would otherwise reach for, run side by side with `delib` on the same files.

- proselint (PyPI), in its own virtual environment: `proselint check PATHS`, its default checks.
- textlint (npm) with three rules that apply to any language: max-comma, sentence-length (its
  default maximum, 100 characters) and no-todo; `textlint FILES`.

Both are looked for in `bench/.tools/` (ignored by git), proselint also on the PATH. They are
installed there only when asked (`--install-tools`); otherwise this section says how and skips.
Neither checks what `delib` checks: the comparison is of cost, for the same bytes read.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from measure import Run, run_command

TOOLS = Path(__file__).resolve().parent / ".tools"
TEXTLINT_PACKAGES = ("textlint", "textlint-rule-max-comma", "textlint-rule-sentence-length", "textlint-rule-no-todo")
TEXTLINT_RULES = {"max-comma": True, "sentence-length": True, "no-todo": True}
INSTALL_HINT = f"""to compare with proselint and textlint, install them under {TOOLS} (ignored by git):
  .venv/bin/python bench/run.py --install-tools        (does the two commands below)
  python3 -m venv {TOOLS}/proselint && {TOOLS}/proselint/bin/pip install proselint
  npm install --prefix {TOOLS}/textlint {' '.join(TEXTLINT_PACKAGES)}"""


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    command: list[str]  # to which the paths to check are appended
    cwd: Path | None = None
    env: dict[str, str] | None = None

    def run(self, paths: list[Path]) -> Run:
        return run_command([*self.command, *map(str, paths)], env=self.env, cwd=self.cwd)


def _proselint() -> Tool | None:
    local = TOOLS / "proselint" / "bin" / "proselint"
    exe = str(local) if local.exists() else shutil.which("proselint")
    if exe is None:
        return None
    version = subprocess.run([exe, "version"], capture_output=True, text=True, check=False).stdout.strip().split()[-1:]
    return Tool("proselint", version[0] if version else "?", [exe, "check"])


def _textlint() -> Tool | None:
    folder = TOOLS / "textlint"
    exe = folder / "node_modules" / ".bin" / "textlint"
    if not exe.exists():
        return None
    # The rules are resolved from the tool's own node_modules: run it from its folder.
    (folder / ".textlintrc.json").write_text(json.dumps({"rules": TEXTLINT_RULES}), encoding="utf-8")
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, cwd=folder, check=False).stdout.strip()
    return Tool("textlint", f"{version.lstrip('v')} ({', '.join(TEXTLINT_RULES)})", [str(exe), "--config", str(folder / ".textlintrc.json")], folder)


def install() -> None:
    """Install both tools under bench/.tools (network: PyPI and the npm registry)."""
    TOOLS.mkdir(exist_ok=True)
    if not (TOOLS / "proselint" / "bin" / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS / "proselint")], check=True)
        subprocess.run([str(TOOLS / "proselint" / "bin" / "pip"), "install", "-q", "proselint"], check=True)
    if not (TOOLS / "textlint" / "node_modules" / ".bin" / "textlint").exists():
        if shutil.which("npm") is None:
            print("npm not found: textlint skipped", file=sys.stderr)
            return
        (TOOLS / "textlint").mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS / "textlint"), *TEXTLINT_PACKAGES], check=True)


def available() -> tuple[list[Tool], list[str]]:
    """The tools found, and a line for each one that is missing."""
    found, missing = [], []
    for name, probe in (("proselint", _proselint), ("textlint", _textlint)):
        tool = probe()
        if tool is None:
            missing.append(name)
        else:
            found.append(tool)
    return found, missing
