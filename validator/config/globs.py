"""Path patterns of the configuration ("**/*.pdf", "bureau/*.txt"), matched on "/"-separated paths."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """`**` spans folders, `*` and `?` stay within one; a pattern without "/" matches a name anywhere."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    prefix = "" if "/" in pattern else "(?:.*/)?"
    return re.compile(f"{prefix}{body}")


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    path = path.replace("\\", "/").removeprefix("./")
    return any(compile_glob(p).fullmatch(path) for p in patterns)
