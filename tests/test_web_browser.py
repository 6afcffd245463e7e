"""The page of `delib serve` driven in headless Chromium, served by the real command on a free port."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import browser  # noqa: F401  (the fixture)
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", str(port), "--ocr", "never"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"delib serve s'est arrêté : {process.stderr.read().decode() if process.stderr else ''}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(browser, server: str):  # noqa: F811
    # bypass_csp: the test's own probes are evaluated JavaScript, which the page's policy forbids
    # (and must: tests/test_web.py checks the policy the server sends).
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR", bypass_csp=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(server)
    tab.console_errors = errors  # a test that expects a refusal takes its entry out
    yield tab
    context.close()
    assert errors == []


def test_typing_a_wrong_count_underlines_it_then_the_underline_goes(page) -> None:
    text = (SAMPLES / "conformes" / "commune-conseil-municipal.txt").read_text(encoding="utf-8")
    page.fill("#texte", text)
    page.wait_for_function("document.getElementById('etat').textContent.startsWith('0 erreur')")
    assert page.locator("#fond mark").count() == 0
    page.fill("#texte", text.replace("Présents : 12", "Présents : 13"))
    page.wait_for_selector("#fond mark.warning")
    assert "Présents : 13" in page.locator("#fond mark").all_text_contents()
    assert "attendance-count" in page.locator("#liste").inner_text()
    page.fill("#texte", text)
    page.wait_for_function("document.querySelectorAll('#fond mark').length === 0 && document.getElementById('etat').textContent.startsWith('0 erreur')")


def test_a_quick_fix_corrects_the_text_and_the_finding_goes(page) -> None:
    text = (SAMPLES / "non_conformes" / "articles-saut-de-numero.txt").read_text(encoding="utf-8")
    page.fill("#texte", text)
    page.get_by_role("button", name="Corriger : Renuméroter les articles dans l'ordre").click()
    page.wait_for_function("document.getElementById('etat').textContent.startsWith('0 erreur(s), 0 avertissement(s), 0 info')")
    value = page.input_value("#texte")
    # One article renumbered, nothing else touched.
    assert value.count("Article 3") == text.count("Article 3") + 1 and len(value) == len(text)
    assert sum(a != b for a, b in zip(value, text)) == 1


def test_the_keyboard_reaches_every_finding_and_its_documentation(page) -> None:
    text = (SAMPLES / "conformes" / "commune-conseil-municipal.txt").read_text(encoding="utf-8").replace("Présents : 12", "Présents : 13")
    page.fill("#texte", text)
    page.wait_for_selector("#liste li")
    findings = page.locator("#liste .aller").count()
    assert findings >= 1
    reached, summaries = set(), 0
    page.focus("#texte")
    for _ in range(200):
        page.keyboard.press("Tab")
        info = page.evaluate("[document.activeElement.className, document.activeElement.tagName, [...document.querySelectorAll('#liste .aller')].indexOf(document.activeElement)]")
        if info[2] >= 0:
            reached.add(info[2])
        summaries += info[1] == "SUMMARY"
        if len(reached) == findings and summaries >= findings:
            break
    assert reached == set(range(findings))
    # Enter on a finding selects its place in the text; a documentation opens from the keyboard.
    page.locator("#liste .aller").first.focus()
    page.keyboard.press("Enter")
    selected = page.evaluate("(() => { const t = document.getElementById('texte'); return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected
    page.locator("#liste summary").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#liste details pre').textContent.includes('niveau par défaut')")


@pytest.mark.corpus
def test_the_corpus_pdf_and_docx_are_dropped_and_checked(page, corpus: Path, tmp_path: Path) -> None:
    for name in ("140_couthenans-cm-2021-01-29.pdf", "142_couthenans-cm-2021-09-17.docx"):
        page.set_input_files("#fichier", str(corpus / "files" / name))
        page.wait_for_function(f"document.getElementById('resume').textContent.includes({name!r})")
        assert page.input_value("#texte").strip()
        assert "Délibération" in page.inner_text("#resume")
        counts = [int(n) for n in re.findall(r"\d+", page.inner_text("#etat"))]
        assert len(counts) == 3 and page.locator("#liste li").count() == sum(counts)
    shot = tmp_path / "web.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    target = os.environ.get("DELIB_SCREENSHOT")
    if target:  # docs/web.png is taken by this test: DELIB_SCREENSHOT=docs/web.png
        (ROOT / target).write_bytes(shot.read_bytes())


def test_a_10_mb_file_gets_the_size_error(page, tmp_path: Path) -> None:
    big = tmp_path / "enorme.txt"
    big.write_bytes(b"Article 1 " * 1_100_000)
    page.set_input_files("#fichier", str(big))
    page.wait_for_selector("#alerte:not([hidden])")
    assert "trop long" in page.inner_text("#alerte")
    assert page.input_value("#texte") == ""
    # The browser logs the refused request (status 422) as an error: expected here, and only that.
    expected = [e for e in page.console_errors if "status of 422" in e]
    assert len(expected) == 1
    page.console_errors.remove(expected[0])
