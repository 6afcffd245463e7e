"""A tiny third-party rule pack, installed by the plugin test."""

from validator.diagnostics import Severity
from validator.rule import Finding, Rule


class SecretaryNamed(Rule):
    """Le secrétaire de séance est nommé dans l'en-tête.

    Base légale : CGCT, art. L2121-15.

    Exemple conforme ::

        Secrétaire de séance : Mme Anne DURAND

    Exemple non conforme ::

        Présents : Anne DURAND, Paul MARTIN.
    """

    name = "demo-secretary-named"
    severity = Severity.WARNING

    def check(self, delib, ctx):
        if delib.attendance is not None and delib.attendance.secretary is None:
            yield Finding(delib.attendance.span, "secrétaire de séance non nommé (règle d'extension)")
