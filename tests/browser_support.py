"""Headless Chromium for the tests of the web page and of the audit report.

The browser is Debian's Chromium (`scripts/system-deps` installs it); Playwright drives it through
`executable_path`, so nothing is downloaded at test time. The flags keep Chromium off the network
(this machine has none: without them it retries its background connections at every start).
Outside CI a missing browser skips the test with its reason; in CI it fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("DELIB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        missing = "Chromium introuvable (scripts/system-deps installe le paquet chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{missing} — en CI les tests du navigateur doivent tourner")
        pytest.skip(missing)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session's browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()
