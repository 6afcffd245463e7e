"""Validate an SCDL table against the bundled Table Schema with frictionless, in French.

frictionless is an optional dependency (`pip install 'delib-validator[scdl]'`): the export works
without it, only `--validate` needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .scdl import Table, schema

_TYPES_FR = {"date": "une date AAAA-MM-JJ", "integer": "un nombre entier", "string": "un texte"}


class ValidationUnavailable(Exception):
    """frictionless is not installed. The message is French and says how to install it."""


@dataclass(frozen=True)
class Violation:
    """One departure from the schema: where (file, deliberation, column) and what, in French."""

    path: str | None
    delib_id: str | None
    row: int | None  # 1-based data row of the table, None for the header
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.path or "table SCDL"]
        if self.delib_id:
            where.append(f"délibération {self.delib_id}")
        elif self.row is not None:
            where.append(f"ligne {self.row} de la table")
        if self.field:
            where.append(self.field)
        return " : ".join([*where, self.message])


def require_frictionless() -> None:
    """Raise ValidationUnavailable, before any work is done, when frictionless is not installed."""
    try:
        import frictionless  # noqa: F401
    except ImportError:
        raise ValidationUnavailable(
            "la validation SCDL demande le paquet frictionless : pip install 'delib-validator[scdl]'"
        ) from None


def validate(table: Table) -> list[Violation]:
    """Check the CSV of `table` against schemas/scdl-deliberations.json; [] when it conforms."""
    require_frictionless()
    from frictionless import Resource, Schema, formats

    resource = Resource(
        table.csv().encode("utf-8"),
        format="csv",
        encoding="utf-8",
        schema=Schema.from_descriptor(schema()),
        control=formats.CsvControl(delimiter=","),
    )
    report = resource.validate()
    out = []
    for task in report.tasks:
        for error in task.errors:
            row_number = getattr(error, "row_number", None)
            index = row_number - 2 if row_number else None  # frictionless counts the header as row 1
            path, delib_id = table.origins[index] if index is not None and 0 <= index < len(table.origins) else (None, None)
            field = getattr(error, "field_name", None)
            out.append(Violation(path, delib_id or None, index + 1 if index is not None else None, field, _message(error, field)))
    return out


def _message(error: Any, field: str | None) -> str:
    """A French message for the errors an export can have; frictionless' own words otherwise."""
    spec: dict[str, Any] = next((f for f in schema()["fields"] if f["name"] == field), {})
    cell = getattr(error, "cell", None)
    if error.type == "constraint-error":
        found = re.search(r'constraint "(\w+)"', error.note or "")
        kind = found.group(1) if found else ""
        if kind == "required":
            return "valeur obligatoire absente"
        if kind == "pattern":
            return f"« {cell} » ne suit pas le motif {spec['constraints']['pattern']}"
        if kind == "enum":
            return f"« {cell} » n'est pas une valeur permise"
    if error.type == "type-error":
        return f"« {cell} » n'est pas {_TYPES_FR.get(spec.get('type', ''), spec.get('type', '?'))}"
    return f"{error.title} : {error.note}"
