"""Rule plugin-trust: the plugins of a configuration nobody trusted are not run."""

from __future__ import annotations

from validator.diagnostics import Severity
from validator.rule import Rule


class PluginTrust(Rule):
    """Une configuration trouvée en remontant les dossiers n'exécute pas de code : ses extensions sont signalées, non chargées.

    `plugins:` nomme des modules Python. Un `.delib.yaml` trouvé en remontant depuis l'acte vérifié
    peut venir d'une archive téléchargée, d'un partage ou d'un dépôt en relecture : ses extensions
    ne sont chargées que si l'utilisateur l'a demandé (`--config FICHIER`, `--allow-plugins`) ou si
    le fichier est dans un dossier qu'il approuve (`DELIB_TRUSTED_FOLDERS`, ou `trusted-folders:`
    dans sa configuration personnelle `~/.config/delib-validator/config.yaml`). Sinon chacune est
    signalée (`warning`, sur la ligne `plugins:`) et la vérification continue sans elle.

    Base légale : aucune ; sécurité du poste et des chaînes d'intégration (principe de VS Code
    « workspace trust », de direnv « allow »).

    Exemple conforme (configuration) ::

        rules:
          attendance-count: error

    Exemple non conforme (configuration) ::

        plugins: [regles_maison.py]
    """

    name = "plugin-trust"
    severity = Severity.WARNING
    scope = "config"
