"""The routes of `delib serve`: the page, the check of a text, the check of a dropped file, a rule's doc.

Dropped files are read in memory (Starlette spools a large upload to a private temporary file,
removed when the request ends) and never kept; their size is limited as `delib check` limits a
file, and a file that cannot be read gets the same French message as on the command line.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..check.registry import collect
from ..config import profile_names
from ..document import Document, InputError
from ..read.readers import ReadOptions, read_bytes
from ..read.sources import MAX_BYTES, suffixes
from ..report.explain import explanation
from .checking import Checker, Result, payload, summary
from .guard import Guard

# A typed text is at most the library's limit of characters (size_error says so); its JSON, at
# worst six bytes a character, is refused beyond this.
MAX_JSON = 64 * 1024 * 1024


def create_app(folder: Path | None = None, hosts: Collection[str] | None = None, ocr: str = "auto", max_bytes: int = MAX_BYTES,
               origins: Collection[str] = ()) -> Starlette:
    """The application; `hosts`: the Host names accepted (None on an intranet address); `origins`:
    the page's addresses behind a reverse proxy, accepted besides its own."""
    checker = Checker(folder)
    templates = Environment(loader=PackageLoader("validator.web", "templates"), autoescape=select_autoescape(default=True))
    rules = collect()
    profiles = profile_names()

    async def page(request: Request) -> Response:
        html = templates.get_template("page.html").render(profiles=profiles, folder=str(folder) if folder else None, accept=",".join(suffixes()))
        return HTMLResponse(html)

    async def check_text(request: Request) -> Response:
        if int(request.headers.get("content-length") or 0) > MAX_JSON:
            return _error("texte trop long pour être vérifié ici : découpez le document", 413)
        try:
            body = await request.json()
        except ValueError:
            return _error("requête illisible (JSON attendu)", 400)
        if not isinstance(body, dict) or not isinstance(body.get("texte"), str):
            return _error("requête illisible : le champ « texte » manque", 400)
        name = body.get("nom")
        document = Document(body["texte"], (PurePath(name).name if isinstance(name, str) else "") or "texte.txt")
        result = await run_in_threadpool(checker.check, document, _profile(body.get("profil"), profiles))
        return JSONResponse(_answer(result))

    async def check_file(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is None:
            return _error("envoi refusé : taille inconnue", 411)
        if int(length) > max_bytes + 64 * 1024:
            return _error(f"fichier trop volumineux ({int(length) // (1024 * 1024)} Mo ; limite {max_bytes // (1024 * 1024)} Mo)", 413)
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("fichier")
            if not isinstance(upload, UploadFile):
                return _error("aucun fichier reçu", 400)
            data = await upload.read(max_bytes + 1)
            profile = _profile(form.get("profil"), profiles)
            name = PurePath(upload.filename or "fichier").name
        if len(data) > max_bytes:
            return _error(f"fichier trop volumineux (limite {max_bytes // (1024 * 1024)} Mo)", 413)
        try:
            document = await run_in_threadpool(read_bytes, data, name, ReadOptions(ocr))
        except InputError as exc:
            return _error(f"{name} : {exc}", 422)
        result = await run_in_threadpool(checker.check, document, profile)
        if result.model is None:  # too long to check: not loaded into the editor either
            return _error(f"{name} : {result.diagnostics[0].message}", 413)
        return JSONResponse({"texte": document.text, "nom": name, **_answer(result)})

    async def rule_doc(request: Request) -> Response:
        cls = rules.get(request.path_params["name"])
        if cls is None:
            return _error("règle inconnue", 404)
        return PlainTextResponse(explanation(cls))

    def _answer(result: Result) -> dict[str, Any]:
        answer = payload(result)
        html = templates.get_template("summary.html").render(acts=summary(result), counts=answer["counts"], name=result.document.path)
        return {**answer, "resume": html}

    routes = [
        Route("/", page),
        Route("/api/verifier", check_text, methods=["POST"]),
        Route("/api/fichier", check_file, methods=["POST"]),
        Route("/api/regles/{name}", rule_doc),
        Mount("/static", StaticFiles(packages=[("validator.web", "static")]), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard, hosts=hosts, origins=origins)])


def _profile(value: Any, profiles: list[str]) -> str | None:
    return value if isinstance(value, str) and value in profiles else None


def _error(message: str, status: int) -> Response:
    return JSONResponse({"erreur": message}, status_code=status)
