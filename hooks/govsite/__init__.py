"""govsite: the engine that turns the bureau's data and Markdown into pages.

Pipeline: load -> validate -> model -> render. Pure Python; nothing here imports
MkDocs. The MkDocs adapter (hooks/mkdocs_adapter/) is the only bridge.
"""
