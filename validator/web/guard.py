"""The page drives a local server: no other site may drive it, and nothing but the page is served.

A page on another site could post to http://127.0.0.1:8765 from the clerk's browser, or reach it
under its own domain name by DNS rebinding. So every request must name an allowed host, every
POST must carry the page's own header (a cross-origin `fetch` with it needs a CORS preflight,
which is never granted) and, when the browser says where it comes from, come from the page's
own origin. Answers carry a strict Content-Security-Policy: scripts and styles from `delib` only.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

HEADER = "x-delib"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
}


class Guard(BaseHTTPMiddleware):
    """Refuse another host name and another origin; add the security headers."""

    def __init__(self, app: ASGIApp, hosts: Collection[str] | None, origins: Collection[str] = ()) -> None:
        super().__init__(app)
        # None: served on an intranet address (--host), where the names are the collectivité's.
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)
        # The page's address as the browser sees it behind a reverse proxy (--origin), besides its own.
        self.origins = frozenset(o.lower().rstrip("/") for o in origins)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        host = request.headers.get("host", "").lower()
        if self.hosts is not None and host not in self.hosts:
            return _refuse(f"hôte « {host} » refusé : la page se sert sur {', '.join(sorted(self.hosts))}", 421)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin.lower() not in self.origins | {f"{request.url.scheme}://{host}"}:
                return _refuse(f"requête d'une autre origine refusée ({origin})", 403)
            if request.headers.get(HEADER) != "1":
                return _refuse("requête refusée : elle ne vient pas de la page de delib", 403)
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def loopback_hosts(port: int) -> list[str]:
    return [f"{name}:{port}" for name in LOOPBACK]


def _refuse(message: str, status: int) -> Response:
    return JSONResponse({"erreur": message}, status_code=status, headers=SECURITY_HEADERS)
