"""The web page behind `delib serve`: drop an act or type it, see every finding on the text, in French.

The stack, chosen on purpose (docs/web.md):

- **Starlette** served by **uvicorn**: a small ASGI toolkit, enough for one page, three JSON
  endpoints and static files, without the weight of a framework's ORM or forms. Its `TestClient`
  tests the endpoints without a socket.
- **Server-rendered HTML** with **Jinja2** (autoescape on): the page and the printable summary are
  built here, so every word of the act reaches the browser escaped.
- **A small amount of plain JavaScript** (`static/page.js`, no build step, no framework): it
  sends the text to check while the clerk types (debounced, stale answers dropped), draws the
  underlines behind the text area and the list of findings. Every asset is served by `delib`
  itself: no CDN, no external font, nothing fetched from the network.

`checking` is the one check of a text or a dropped file, with the same `lint()` and configuration
resolution as `delib check` and the language server; `guard` refuses requests from another origin
or for another host; `app` wires the routes.
"""
