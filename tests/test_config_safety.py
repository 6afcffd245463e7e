"""Configuration safety: YAML read with safe_load only, and no code loaded from the project unless
the configuration names it (tests/test_plugins.py: a named module is loaded; tests/test_config.py:
unknown keys refused at every level, unsafe tags, local-rule messages)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLES

ACT = SAMPLES / "non_conformes" / "presents-annonces-faux.txt"


SAFE_LOADERS = frozenset({"SafeLoader", "CSafeLoader"})


def _safe_subclasses(tree: ast.AST) -> set[str]:
    """Classes of the module that derive from a safe loader only (`class _Loader(yaml.SafeLoader)`)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.bases:
            bases = {b.attr if isinstance(b, ast.Attribute) else b.id if isinstance(b, ast.Name) else "" for b in node.bases}
            if bases <= SAFE_LOADERS:
                out.add(node.name)
    return out


def _safe_loader(call: ast.Call, safe: frozenset[str] = SAFE_LOADERS) -> bool:
    """`yaml.load(text, Loader=...)` is safe when every loader it can name is a safe one (libyaml's or PyYAML's, or a
    class of the module deriving from one only)."""
    loaders = [k.value for k in call.keywords if k.arg == "Loader"] + call.args[1:2]
    names = {
        n.attr if isinstance(n, ast.Attribute) else n.id if isinstance(n, ast.Name) else n.value
        for loader in loaders for n in ast.walk(loader)
        if isinstance(n, ast.Attribute) or (isinstance(n, ast.Constant) and isinstance(n.value, str)) or (isinstance(n, ast.Name) and n.id not in ("yaml", "getattr"))
    }
    return bool(loaders) and bool(names) and names <= safe


def test_yaml_is_only_ever_read_with_safe_load() -> None:
    unsafe = []
    for path in sorted((ROOT / "validator").rglob("*.py")) + sorted((ROOT / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        safe = SAFE_LOADERS | _safe_subclasses(tree)
        safe_calls = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call) and _safe_loader(node, safe)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
                if node.attr in ("load", "load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all", "Loader", "UnsafeLoader", "FullLoader"):
                    if id(node) not in safe_calls:
                        unsafe.append(f"{path.relative_to(ROOT)}:{node.lineno} yaml.{node.attr}")
    assert not unsafe


def test_nothing_in_the_project_folder_is_imported_unless_named(tmp_path: Path) -> None:
    marker = tmp_path / "IMPORTED"
    trap = f"from pathlib import Path\nPath({str(marker)!r}).write_text(__name__)\n"
    (tmp_path / ".delib.yaml").write_text("rules: {article-sequence: warning}\n", encoding="utf-8")
    for name in ("delib_rules.py", "delib_plugin_demo.py", "plugins.py", "conftest.py", "sitecustomize.py"):
        (tmp_path / name).write_text(trap, encoding="utf-8")
    for folder in ("rules", "validator_rules", ".delib"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text(trap, encoding="utf-8")
        (tmp_path / folder / "regle.py").write_text(trap, encoding="utf-8")
    (tmp_path / "acte.txt").write_bytes(ACT.read_bytes())
    # `python -m` puts the working directory first on sys.path: the most exposed way to run.
    for command in (["check", "acte.txt"], ["check", "."], ["rules"], ["extract", "acte.txt"]):
        proc = subprocess.run([sys.executable, "-m", "validator", *command], cwd=tmp_path, capture_output=True, text=True)
        assert "Traceback" not in proc.stderr, proc.stderr
    assert not marker.exists(), marker.read_text()
