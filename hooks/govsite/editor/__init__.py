"""The browser editor: forms for every kind of file, made from the JSON Schemas (docs/editor.md).

config.py    the editor's configuration (editor/config.yml) made from the schemas: one collection per kind of
             file, Chinese labels, required fields, selects, date pickers, lists and nested objects
backend.py   the local mode of make serve: Decap CMS's local-backend JSON API on the working tree, in Python
check.py     the engine's own check of the entry being edited, for the editor's preview pane
app.py       what make serve answers under /bianji/ (a WSGI app; the MkDocs adapter mounts it), and the copy
             of the editor a preview build (make preview) carries for the intranet

Nothing here knows MkDocs; the public site (make build) never holds any of it.
"""
