"""`make serve` speaks to the editor: while the site cannot be built, every page of the preview is a Chinese page
listing the problems (govsite/errorpage.py), and it reloads by itself once a save fixes them.

MkDocs' own serve loop, on a failed rebuild, keeps the browser waiting for a site that never comes and prints an
English notice in the terminal; a failed first build ends `mkdocs serve`. Here a failed build is caught, remembered
and answered with the error page. MkDocs-side code (it patches MkDocs' serve command and wraps its server): the
adapter calls
    guard_builds()           from on_startup, when the command is "serve"
    remember(root, errors, warnings, held)   from on_config, just before stopping the build on errors
    install(server)          from on_serve (returns the server); also prints the office-network address
                             when the preview listens on every interface (make serve-lan)
"""
from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

from govsite import errorpage, lan

_lock = threading.Lock()
_state: dict = {"page": None, "pending": None}  # the error page being shown; problems of the build in progress
_HTML_PATHS = ("/", ".html", ".htm")


def remember(root: Path, errors, warnings=(), held: int = 0) -> None:
    """The engine's problems for the build that is about to stop (shown when the build fails); only under
    `make serve` (guard_builds), where a page shows them."""
    if _state.get("guarded"):
        _state["pending"] = errorpage.render(root, list(errors), list(warnings), held)


def guard_builds() -> None:
    """Wrap MkDocs' serve builder so that a failed build shows the error page instead of hanging the browser
    (first build included: `make serve` starts even when something is wrong)."""
    from mkdocs.commands import serve as serve_command

    if getattr(serve_command.build, "govsite_guarded", False):
        _state["guarded"] = True
        return
    build = serve_command.build

    def guarded(config, *args, **kwargs):
        _state["pending"] = None
        try:
            build(config, *args, **kwargs)
        except (Exception, SystemExit) as exc:  # mkdocs' Abort is a SystemExit
            page = _state["pending"]
            if page is None:  # not a problem of editors' files: show what failed
                detail = str(exc) or type(exc).__name__
                if not isinstance(exc, SystemExit):
                    traceback.print_exc()
                page = errorpage.render(Path(config.config_file_path).parent, [], failure=detail)
            else:
                print(exc, file=sys.stderr)
            with _lock:
                _state["page"] = page.encode("utf-8")
            print("预览暂停：浏览器中的每个页面都列出了上面这些问题；改正并保存文件后，页面会自动刷新。", file=sys.stderr)
            return
        with _lock:
            _state["page"] = None

    guarded.govsite_guarded = True
    serve_command.build = guarded
    _state["guarded"] = True


def install(server):
    """Answer every page request with the error page while the last build failed (assets and the reload
    poll still go to MkDocs' server, so the page reloads when a build succeeds)."""
    app = server.get_app()

    def with_error_page(environ, start_response):
        page = _state["page"]
        path = environ.get("PATH_INFO", "")
        if page is None or path.startswith("/livereload/") or environ.get("REQUEST_METHOD") not in ("GET", "HEAD") \
                or not (path.endswith(_HTML_PATHS) or "." not in path.rsplit("/", 1)[-1]):
            return app(environ, start_response)
        body = server._inject_js_into_html(page, server._visible_epoch)  # MkDocs' own reload script
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    server.set_app(with_error_page)
    host, port = server.server_address[:2]
    if host in ("0.0.0.0", "::", ""):  # make serve-lan: say where a phone on the office network finds it
        print(lan.announcement(port), file=sys.stderr)
    return server
