"""The hooks file mkdocs.yml names (`hooks: [hooks/mkdocs_adapter/hooks.py]`). MkDocs loads it by its path, not as
part of a package, so it puts hooks/ on the import path and takes the events from the package."""
from __future__ import annotations

import sys
from pathlib import Path

_HOOKS = str(Path(__file__).resolve().parent.parent)
if _HOOKS not in sys.path:  # mkdocs serve loads this file again on every rebuild
    sys.path.insert(0, _HOOKS)

from mkdocs_adapter.events import (  # noqa: E402 (after the import path above)
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_page_read_source,
    on_post_build,
    on_post_page,
    on_serve,
    on_shutdown,
    on_startup,
)

__all__ = ["on_build_error", "on_config", "on_env", "on_files", "on_nav", "on_page_content", "on_page_context",
           "on_page_markdown", "on_page_read_source", "on_post_build", "on_post_page", "on_serve",
           "on_shutdown", "on_startup"]
