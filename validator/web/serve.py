"""`delib serve`: start the page on one address, loopback by default."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import uvicorn

from .app import create_app
from .guard import loopback_hosts


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str, port: int, folder: Path | None, ocr: str, open_browser: bool, origins: tuple[str, ...] = ()) -> None:
    """Serve until interrupted; on another address than loopback, say who can reach the page."""
    local = is_loopback(host)
    # uvicorn would log a bind error in English and exit 1: the caller says it in French (exit 2).
    with socket.create_server((host.strip("[]"), port)):
        pass
    if not local:
        print(f"delib serve : attention, la page est servie sur {host} : tout poste qui joint cette adresse peut y déposer des actes "
              "(docs/web.md : servir sur l'intranet)", file=sys.stderr)
    app = create_app(folder, loopback_hosts(port) if local else None, ocr, origins=origins)
    url = f"http://{'127.0.0.1' if local else host}:{port}/"
    print(f"delib serve : {url} (Ctrl+C pour arrêter)", file=sys.stderr)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
