"""The endpoints of `delib serve` (Starlette's TestClient, no socket): checks, files, errors, safety."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES
from starlette.testclient import TestClient

from validator.web.app import create_app
from validator.web.guard import loopback_hosts

HOST = "127.0.0.1:8765"
OWN = {"X-Delib": "1", "Origin": f"http://{HOST}"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(None, loopback_hosts(8765), ocr="never", max_bytes=2 * 1024 * 1024), base_url=f"http://{HOST}")


def check(client: TestClient, text: str) -> dict:
    response = client.post("/api/verifier", json={"texte": text}, headers=OWN)
    assert response.status_code == 200, response.text
    return response.json()


def test_page_is_french_and_self_contained(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    # Every asset from delib itself: no other host named by a src or href.
    assert "http" not in page.text.replace(HOST, "")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert client.get("/static/page.js").status_code == 200


def test_a_wrong_declared_count_is_found_at_its_place_with_its_fix(client: TestClient) -> None:
    text = (SAMPLES / "conformes" / "commune-conseil-municipal.txt").read_text(encoding="utf-8")
    assert check(client, text)["diagnostics"] == []
    wrong = text.replace("Présents : 12", "Présents : 13")
    found = check(client, wrong)["diagnostics"]
    at = next(d for d in found if d["fix"])
    assert (at["rule"], at["line"]) == ("attendance-count", 13)
    # The fix's edit, applied as the page applies it, makes the act conforming again.
    (edit,) = at["fix"]["edits"]
    fixed = wrong[: edit["from"]] + edit["text"] + wrong[edit["to"] :]
    assert check(client, fixed)["diagnostics"] == []


def test_offsets_are_javascript_string_offsets(client: TestClient) -> None:
    text = (SAMPLES / "non_conformes" / "articles-saut-de-numero.txt").read_text(encoding="utf-8")
    plain = check(client, text)["diagnostics"][0]
    with_emoji = check(client, "\U0001F600" + text)["diagnostics"][0]  # two UTF-16 units before everything
    assert with_emoji["from"] == plain["from"] + 2 and with_emoji["to"] == plain["to"] + 2
    assert text[plain["from"] : plain["to"]] == "Article 4"


def test_the_summary_escapes_the_act(client: TestClient) -> None:
    text = (SAMPLES / "conformes" / "commune-conseil-municipal.txt").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("Objet"))
    answer = check(client, text.replace(line, line + " <script>alert(1)</script>"))
    assert "<script>" not in answer["resume"] and "&lt;script&gt;" in answer["resume"]
    assert "Résumé de la vérification" in answer["resume"]


def test_a_sample_file_is_read_and_checked(client: TestClient) -> None:
    path = SAMPLES / "non_conformes" / "articles-saut-de-numero.txt"
    response = client.post("/api/fichier", files={"fichier": (path.name, path.read_bytes(), "text/plain")}, headers=OWN)
    assert response.status_code == 200
    body = response.json()
    assert body["texte"] == path.read_text(encoding="utf-8") and body["nom"] == path.name
    assert [d["rule"] for d in body["diagnostics"]] == ["article-sequence"]


@pytest.mark.parametrize(("content", "name", "status", "words"), [
    (b"\x00\x01binary" * 10, "x.txt", 422, "x.txt"),
    (b"%PDF-1.4 cut", "x.docx", 422, "ne correspond pas"),
    (b"a" * (2 * 1024 * 1024 + 10), "gros.txt", 413, "trop volumineux"),
])
def test_bad_files_get_a_french_error(client: TestClient, content: bytes, name: str, status: int, words: str) -> None:
    response = client.post("/api/fichier", files={"fichier": (name, content, "application/octet-stream")}, headers=OWN)
    assert response.status_code == status
    assert words in response.json()["erreur"]


def test_a_text_beyond_the_limit_is_refused_in_french() -> None:
    app = TestClient(create_app(None, loopback_hosts(8765), ocr="never"), base_url=f"http://{HOST}")
    response = app.post("/api/fichier", files={"fichier": ("long.txt", b"a " * 5_300_000, "text/plain")}, headers=OWN)
    # The reader's own message, as `delib check` prints it (exit 2 there).
    assert response.status_code == 422
    assert "texte trop long" in response.json()["erreur"]


@pytest.mark.parametrize("headers", [
    {"X-Delib": "1", "Origin": "http://attaquant.example"},  # another site's page
    {"Origin": f"http://{HOST}"},  # a plain form post, without the page's header
    {},
])
def test_requests_from_another_origin_are_refused(client: TestClient, headers: dict) -> None:
    response = client.post("/api/verifier", content=json.dumps({"texte": "x"}), headers={"Content-Type": "application/json", **headers})
    assert response.status_code == 403
    assert "refusée" in response.json()["erreur"]


def test_another_host_name_is_refused(client: TestClient) -> None:
    # DNS rebinding: a domain name pointed at 127.0.0.1 reaches the server under another Host.
    response = client.get("/", headers={"Host": "attaquant.example:8765"})
    assert response.status_code == 421


@pytest.mark.parametrize("path", ["/static/../checking.py", "/static/%2e%2e/app.py", "/etc/passwd", "/static//etc/passwd"])
def test_no_path_of_the_server_is_readable(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_rule_documentation_is_explain(client: TestClient) -> None:
    doc = client.get("/api/regles/attendance-count")
    assert doc.status_code == 200 and doc.text.startswith("attendance-count (niveau par défaut")
    assert "Exemple" in doc.text
    assert client.get("/api/regles/inconnue").status_code == 404


def test_malformed_requests_get_a_french_error(client: TestClient) -> None:
    bad = client.post("/api/verifier", content=b"{", headers={"Content-Type": "application/json", **OWN})
    assert bad.status_code == 400 and "illisible" in bad.json()["erreur"]
    missing = client.post("/api/verifier", json={"text": "x"}, headers=OWN)
    assert missing.status_code == 400 and "texte" in missing.json()["erreur"]


def test_behind_a_reverse_proxy_the_declared_origin_is_accepted() -> None:
    app = TestClient(create_app(None, loopback_hosts(8765), ocr="never", origins=["https://intranet.mairie.fr"]), base_url=f"http://{HOST}")
    ok = app.post("/api/verifier", json={"texte": "x"}, headers={"X-Delib": "1", "Origin": "https://intranet.mairie.fr"})
    assert ok.status_code == 200
    other = app.post("/api/verifier", json={"texte": "x"}, headers={"X-Delib": "1", "Origin": "https://autre.example"})
    assert other.status_code == 403


def test_a_port_already_taken_gets_a_french_error() -> None:
    import socket
    import subprocess
    import sys

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "validator", "serve", "--port", str(port)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2
    assert "impossible d'écouter" in run.stderr and "Traceback" not in run.stderr
