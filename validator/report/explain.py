"""A rule's documentation as `delib explain` prints it and the web page shows it."""

from __future__ import annotations

from ..rule import Rule


def explanation(cls: type[Rule]) -> str:
    """Name and default level, the docstring (legal basis, examples), cases, options, remedies."""
    pack = f" ; paquet « {cls.pack} », désactivé par défaut : « extends: actes » ou « --select {cls.pack} »" if cls.pack else ""
    if cls.scope == "session":
        pack += " ; vérifiée sur la séance : « delib check » d'un dossier ou de plusieurs fichiers, ou « --session »"
    parts = [f"{cls.name} (niveau par défaut : {cls.severity.value}{pack})\n", cls.documentation()]
    if cls.cases:
        parts.append("\nCas et niveaux par défaut :")
        parts.extend(f"  {case:<28} {level.value}" for case, level in cls.cases.items())
    if cls.options:
        parts.append("\nOptions : " + ", ".join(sorted(cls.options)))
    remedies = cls.remedy_notes()
    if remedies:
        parts.append("\n" + remedies)
    return "\n".join(parts)
