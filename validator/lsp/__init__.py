"""The language server behind `delib lsp`: the checks of `delib check`, live in the editor.

It needs the optional `lsp` extra (pygls). `server` holds the protocol handlers, `convert` the
coordinate conversions, `features` hover and quick fixes, `schedule` the per-document debounce,
`settings` the editor settings and the `.delib.yaml` files, `protocol` the answers to malformed
messages. Editor set-up: docs/editors.md.
"""
