"""The pipeline reads one way, and rules read facts, not text.

source -> Document -> reading view -> sections (grammar) -> model (build stage) -> rules -> diagnostics
-> formatters. Each stage is a package of validator/ (read/, parse/, build/, config/, check/, report/)
and imports only the stages before it and the public contracts (`document`, `model`, `rule`,
`diagnostics`, at the top of the package); every module lies in a stage or is one of the modules
kept at the top. The rules import only the contracts and the questions
asked of the model (`people`, `names`, the formatting of dates and amounts for messages), never
the readers, and never read the document: the build stage is the only reader of text.

Every bundled rule reads the model only (issue 15 moved the reading of the last seven, amounts,
grants, citations, delegations and numbers, into build modules).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

VALIDATOR = ROOT / "validator"
RULES = ROOT / "rules"

# The stages, in order; a module may import its own stage and the ones before it. The contracts
# (the plugins' API) and the questions rules may ask stay at the top of the package; every other
# stage is a package `validator.<stage>`; the command line, the public API and the language
# server come last and may import everything.
ORDER = ["contracts", "read", "parse", "build", "config", "check", "report", "app"]
# The packages of the stages (`validator.read.*` is the read stage...).
PACKAGES = {"read": "read", "parse": "parse", "build": "build", "config": "config", "check": "check", "report": "report", "lsp": "app", "web": "app"}
# The modules kept at the top of the package, and their stage.
TOP_LEVEL = {
    "document": "contracts", "diagnostics": "contracts", "model": "contracts", "attendance_model": "contracts", "money_model": "contracts", "actes_model": "contracts", "seance_model": "contracts", "legality_model": "contracts", "rule": "contracts",
    # The questions rules may ask of the model, read by the build stage too; their paths are part
    # of the plugins' API.
    "people": "build", "names": "build", "french": "build", "ruledata": "build", "userregex": "build",
    "__init__": "app", "__main__": "app", "cli": "app",
}
# What rules may import from the package: the contracts and the questions asked of the model.
# validator.userregex: the time budget of the expressions a configuration gives a rule's options.
RULE_IMPORTS = {
    "validator.rule", "validator.model", "validator.seance_model", "validator.diagnostics", "validator.document", "validator.people", "validator.names",
    "validator.ruledata", "validator.french", "validator.userregex",
}
# From validator.french, only the formatting of dates and amounts for messages.
FRENCH_FOR_MESSAGES = {"format_date", "format_amount", "weekday_name"}


def _stage(module: str) -> str | None:
    """The stage of a module of the package, named without `validator.` (`read.view`, `model`)."""
    top = module.split(".")[0]
    if top in PACKAGES:
        return PACKAGES[top]
    return TOP_LEVEL.get(top) if "." not in module else None


def _dotted(path: Path) -> str:
    """The module a file of validator/ is, without `validator.` (`read.readers.pdf`, `config` for config/__init__.py)."""
    parts = path.relative_to(VALIDATOR).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every `from X import ...` and `import X` of a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path.is_relative_to(VALIDATOR):
        package = ".".join(("validator", *path.parent.relative_to(VALIDATOR).parts))
    else:
        package = "validator"  # rules/, installed as validator.rules
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.append((module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
    return out


def _modules() -> list[Path]:
    return sorted(VALIDATOR.rglob("*.py"))


def _layered_modules() -> list[Path]:
    return [p for p in _modules() if _stage(_dotted(p)) is not None]


def test_every_module_lies_in_a_stage() -> None:
    """A new module goes into the package of its stage: a flat module, or a new package, fails here."""
    stray = [str(p.relative_to(VALIDATOR)) for p in _modules() if _stage(_dotted(p)) is None]
    assert stray == [], f"modules outside the stages {sorted(PACKAGES)} and the top-level modules {sorted(TOP_LEVEL)}"


@pytest.mark.parametrize("path", _layered_modules(), ids=_dotted)
def test_a_stage_imports_only_the_stages_before_it(path: Path) -> None:
    own = ORDER.index(_stage(_dotted(path)) or "")
    for module, _ in _imports(path):
        if not module.startswith("validator."):
            continue
        stage = _stage(module.removeprefix("validator."))
        assert stage is None or ORDER.index(stage) <= own, f"{_dotted(path)} ({ORDER[own]}) imports {module} ({stage})"


def _rule_modules() -> list[Path]:
    return sorted(p for p in RULES.glob("*.py") if not p.name.startswith("_"))


def _reads_text(path: Path) -> list[str]:
    """What in a rule reads the act itself: the document, a reader of the build stage."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "document" and isinstance(node.value, ast.Name) and node.value.id == "ctx":
            problems.append(f"ctx.document (l. {node.lineno})")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "text" and isinstance(node.func.value, ast.Name) and node.func.value.id == "ctx":
            problems.append(f"ctx.text() (l. {node.lineno}): quote() is for messages and fixes")
    for module, names in _imports(path):
        if module.startswith("validator.rules") or module == "validator.rules._citations":
            problems.append(f"imports {module}")
        elif module.startswith("validator") and module not in RULE_IMPORTS:
            problems.append(f"imports {module}")
        elif module == "validator.french" and set(names) - FRENCH_FOR_MESSAGES:
            problems.append(f"imports the readers {sorted(set(names) - FRENCH_FOR_MESSAGES)} of validator.french")
    return problems


@pytest.mark.parametrize("path", _rule_modules(), ids=lambda p: p.stem)
def test_a_rule_reads_the_model_only(path: Path) -> None:
    assert _reads_text(path) == []


def test_the_contracts_import_no_stage_of_the_pipeline() -> None:
    for name in (name for name, stage in TOP_LEVEL.items() if stage == "contracts"):
        for module, _ in _imports(VALIDATOR / f"{name}.py"):
            stage = _stage(module.removeprefix("validator.")) if module.startswith("validator.") else None
            assert stage in (None, "contracts"), f"{name} imports {module}"
