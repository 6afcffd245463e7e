"""The language server behind `delib lsp`: the checks of `delib check`, live in the editor.

It needs the optional `lsp` extra (pygls). `server` keeps the open documents and their checks,
`handlers` wires the protocol's messages to it, `checking` is one check in a worker thread,
`schedule` decides when checks run, `convert` turns positions and findings into the protocol's,
`features` answers hovers and quick fixes, `docs` renders rule documentation, `settings` reads
the editor's settings and the `.delib.yaml` files, `protocol` answers malformed messages.
Editor set-up: docs/editors.md.
"""
