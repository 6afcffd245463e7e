"""Rule encoding: the file is read as the clerk wrote it."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Severity
from validator.document import Span
from validator.model import FileModel
from validator.rule import Context, Finding, Rule


class Encoding(Rule):
    """Le fichier est en UTF-8 ; un fichier Windows-1252 (ancien Word, Bloc-notes) est lu et signalé.

    Un texte qui n'est pas de l'UTF-8 valide est relu en Windows-1252 (cp1252), l'encodage des
    anciens postes Windows ; la vérification se fait normalement, et une `info` rappelle
    d'enregistrer le fichier en UTF-8 pour sa publication en données ouvertes.

    Base légale : les données ouvertes se publient en UTF-8 (schéma SCDL « Délibérations »).

    Exemple conforme ::

        Vu le Code général des collectivités territoriales ;

    Exemple non conforme (fichier enregistré en Windows-1252) ::

        Vu le Code général des collectivités territoriales ;
    """

    name = "encoding"
    severity = Severity.INFO
    scope = "file"

    def check_file(self, model: FileModel, ctx: Context) -> Iterator[Finding]:
        if model.encoding == "cp1252":
            yield Finding(Span(0, 0), "fichier lu en Windows-1252 (cp1252), pas en UTF-8 : enregistrez-le en UTF-8")
