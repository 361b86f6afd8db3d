"""The MkDocs adapter: everything that knows MkDocs or Material lives in this package, nothing else does.

hooks.py    the file mkdocs.yml names under `hooks:`; MkDocs loads it by path and finds the events there
events.py   MkDocs events translated into engine calls (load, pages, HTML, files, the search index)
material.py what is Material's own: its JavaScript bundle without CDN URLs, its search assets not shipped,
            titles escaped for its templates, pages outside the navigation without an empty column
serve.py    `make serve` (mkdocs serve --dirty): pages written only when their output changed, front matter
            parsed only when its text changed, the cycle collector paused during a rebuild
errors.py   `make serve` when the site cannot be built: every page shows the problems, and reloads once fixed

The engine (hooks/govsite/) imports none of this; a different runtime would need a package like this one.
"""
