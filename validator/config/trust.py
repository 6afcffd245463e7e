"""Which configurations may load code: the folders the user trusts.

A `.delib.yaml` found by walking up from a checked file can come from anywhere: a downloaded
archive, a shared drive, a repository under review. Its `plugins:` are Python modules, so they are
loaded only when the user asked for them:

- the configuration was given on the command line (`--config`), or `--allow-plugins` was given;
- or it lies in a folder the user trusts: `DELIB_TRUSTED_FOLDERS` (folders separated by `:`, `;`
  on Windows) or `trusted-folders:` in the user's own configuration
  (`$XDG_CONFIG_HOME/delib-validator/config.yaml`, else `~/.config/delib-validator/config.yaml`),
  which no project can write.

Otherwise the plugins are reported (rule `plugin-trust`) and the run goes on without them, as VS
Code's workspace trust or direnv's `allow` do.
"""

from __future__ import annotations

import os
from pathlib import Path

from .configbase import ConfigError, check_keys, read_yaml, string_list

ENV = "DELIB_TRUSTED_FOLDERS"
USER_KEYS = ("trusted-folders",)


def user_config_path() -> Path | None:
    """The user's own configuration file (never a project's)."""
    try:
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    except RuntimeError:  # no home directory
        return None
    return Path(base) / "delib-validator" / "config.yaml"


def trusted_folders() -> tuple[Path, ...]:
    """The folders whose configurations may load plugins, resolved."""
    folders = [Path(p).expanduser() for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    user = user_config_path()
    if user is not None and user.is_file():
        data = read_yaml(user)
        check_keys(data, USER_KEYS, str(user))
        if "trusted-folders" in data:
            folders += [Path(p).expanduser() for p in string_list(data["trusted-folders"], f"{user} : trusted-folders")]
    out = []
    for folder in folders:
        if not folder.is_absolute():
            raise ConfigError(f"dossier approuvé « {folder} » : un chemin absolu est attendu")
        out.append(folder.resolve())
    return tuple(out)


def is_trusted(config_path: Path) -> bool:
    """Whether a configuration file lies in a trusted folder (symlinks resolved)."""
    where = config_path.resolve()
    return any(where.is_relative_to(folder) for folder in trusted_folders())
