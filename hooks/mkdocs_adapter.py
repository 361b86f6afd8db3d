"""The one bridge between MkDocs and the govsite engine. Keep it thin: translate events only.

on_config   load + validate everything; stop before site/ is touched if anything is wrong
on_files    add the engine's generated pages as virtual files
on_page_*   give generated pages their HTML and table of contents; map Chinese front matter
on_post_build  write feeds, JSON and other non-page files
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as mkdocs_meta

sys.path.insert(0, str(Path(__file__).parent))

from govsite import (
    assets,
    breadcrumb,
    crossref,
    search,
)
from govsite import build as engine
from govsite.render import shared_bytecode_cache
from govsite.servecache import CollectorPause, ConversionCache, PageSkipper, SourceCache
from govsite.types.inspection import allowed_hosts
from govsite.types.inspection.scan import OutputCheck

log = logging.getLogger("mkdocs.govsite")

_state: dict = {}
# `mkdocs serve --dirty` (make serve): write only pages whose output changed; see govsite/servecache.py.
_skipper = PageSkipper()
_conversions = ConversionCache()  # ... and convert only pages whose Markdown changed
_sources = SourceCache()  # ... and parse a page's front matter only when its text changed
_collector = CollectorPause()  # ... and collect cyclic garbage after a rebuild, not during it
_parsed = engine.ParseCache()  # ... parse and validate only files whose text changed
_rendered = engine.RenderCache()  # ... and render a template again only for a new context


def _report_and_stop(lines: list[str], count: int, kind: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)
    raise Abort(f"构建已停止：发现 {count} 个{kind}（见上方，每行为“文件:行 字段: 问题”）。site/ 未作任何改动。")


def on_startup(command, dirty):
    if command != "serve":  # index pages while the next ones are built (search.PageStream)
        _state["index_stream"] = search.PageStream()
    _skipper.enabled = command == "serve" and dirty
    _conversions.enabled = _skipper.enabled
    if _skipper.enabled and not getattr(mkdocs_meta.get_data, "govsite_cached", False):
        mkdocs_meta.get_data = _sources.wrap(mkdocs_meta.get_data)  # Page.read_source calls it by module attribute
        mkdocs_meta.get_data.govsite_cached = True
    if _skipper.enabled:  # MkDocs warns that --dirty may leave pages stale; the skipper rewrites every changed page
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: "A 'dirty' build is being performed" not in record.getMessage())


def on_config(config):
    if _skipper.enabled:  # make serve: a save started this rebuild; the previous one's index is stale
        search.stop_index_later()
        if "site" in _state:  # a rebuild (the first build's garbage is collected as usual)
            _collector.pause()
    _skipper.start()
    root = Path(config.config_file_path).resolve().parent
    site = engine.load_site(root, site_url=config.site_url or "", cache=_parsed if _skipper.enabled else None,
                            render_cache=_rendered if _skipper.enabled else None)
    errors, warnings = site.problems.errors, site.problems.warnings
    if errors:
        _report_and_stop([f"错误 {p.format()}" for p in errors] + [f"警告 {p.format()}" for p in warnings],
                         len(errors), "错误")
    if warnings and config.strict:
        _report_and_stop([f"警告 {p.format()}" for p in warnings], len(warnings), "警告（严格模式下警告也会停止构建）")
    for p in warnings:
        log.info("警告 %s", p.format())  # info, not warning: strict builds already stopped above
    _state["site"] = site
    if "SOURCE_DATE_EPOCH" not in os.environ or _state.get("epoch_is_ours"):
        os.environ["SOURCE_DATE_EPOCH"] = str(engine.build_epoch(site))  # reproducible sitemap dates
        _state["epoch_is_ours"] = True
    config.extra["org"] = site.settings
    # The site's own CSS files as one request (govsite/assets.py: page weight, render-blocking requests).
    _state["css_bundle"] = bundle = assets.css_bundle(Path(config.docs_dir), list(config.extra_css))
    if bundle:
        config.extra_css = [bundle[0]]
    return config


def on_files(files, config):
    site = _state["site"]
    pages, extra_files = engine.render_site(site)
    _state["renderer"] = engine.Renderer(site)
    _state["pages"] = {page.src_uri: page for page in pages}
    _state["files"] = extra_files
    for page in pages:
        files.append(File.generated(config, page.src_uri, content=""))
    _state["trails"] = breadcrumb.trails(site, pages)
    _state["output_check"] = OutputCheck(allowed_hosts(site))  # what the public will see, page by page
    if _state.get("css_bundle"):
        files.append(File.generated(config, _state["css_bundle"][0], content=_state["css_bundle"][1]))
    for file in [f for f in files if f.dest_uri.startswith(("assets/javascripts/", "assets/stylesheets/"))]:
        if file.dest_uri.endswith(".map"):
            files.remove(file)  # Material's source maps are not shipped (only developers' tools read them)
        elif assets.MATERIAL_BUNDLE.match(file.dest_uri):  # no CDN script URLs (govsite/assets.py)
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        content=assets.localise_material_bundle(file.content_string)))
    if not _material_search_enabled(config):  # the site's own search replaces it: don't ship lunr (~1 MB)
        for file in [f for f in files if search.is_material_search_asset(f.dest_uri)]:
            files.remove(file)
    if _skipper.enabled:
        for file in files.documentation_pages():
            _skipper.watch(file)
        _conversions.enabled = ConversionCache.usable(config.markdown_extensions, config.strict)
        _conversions.start(config.config_file_path, [f.src_uri for f in files])
        _sources.start()
    return files


def on_nav(nav, config, files):
    _state["nav"] = nav
    return nav


def on_env(env, config, files):
    if _skipper.enabled:  # every page is read now; decide which ones need writing
        env.bytecode_cache = shared_bytecode_cache()  # and compile the theme's templates once per session
        _skipper.before_writing(config, _state.get("nav"), [f.page for f in files.documentation_pages() if f.page])
    return env


def _material_search_enabled(config) -> bool:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and plugin.config.get("enabled", True)


def on_page_markdown(markdown, page, config, files):
    _conversions.wrap(page)  # make serve: MkDocs converts the Markdown right after this event
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None:
        page.meta.update(generated.meta)
        page.meta["title"] = escape(generated.title)  # data, printed unescaped by Material: escape once
        if "description" in page.meta:
            page.meta["description"] = escape(page.meta["description"])
        return ""
    document = _state["site"].documents.get(page.file.src_uri)
    if document is not None:
        # Material prints titles and descriptions unescaped (they normally come from trusted Markdown);
        # here they are editors' data, so they are escaped once, as Markup, before any template sees them.
        page.meta["title"] = escape(document.meta["标题"])
        if "描述" in document.meta:
            page.meta["description"] = escape(document.meta["描述"])
        if "隐藏" in document.meta:
            page.meta["hide"] = document.meta["隐藏"]
        return crossref.expand(_state["site"], markdown, page.file.src_uri)  # [[法#条]] citations, 《titles》
    return markdown


def _toc_tokens(entries) -> list[dict]:
    """Nest flat (level, id, title) entries the way MkDocs' toc extension would."""
    roots: list[dict] = []
    stack: list[dict] = []
    for entry in entries:
        token = {"level": entry.level, "id": entry.id, "name": entry.title, "children": []}
        while stack and stack[-1]["level"] >= entry.level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots


def on_page_content(html, page, config, files):
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None:
        page.toc = get_toc(_toc_tokens(generated.toc))
        return generated.html
    document = _state["site"].documents.get(page.file.src_uri)
    if document is not None:
        before, after = engine.document_html(_state["site"], document, _state["renderer"])
        return before + engine.clean_html(html) + after  # editors' raw HTML: safe subset only
    return html


def on_page_context(context, page, config, nav):
    trails = _state["trails"]
    context["breadcrumb"] = trails.above(page.url)  # 当前位置, shown by overrides/main.html
    # A page outside the nav's sections has nothing in Material's left column: give its width to the text.
    # The catalogue's documents are left as they are: their page header decides their layout.
    if not page.ancestors and not trails.is_document(page.url) and "navigation" not in page.meta.get("hide", ()):
        page.meta["hide"] = [*page.meta.get("hide", ()), "navigation"]
    return context


def on_post_page(output, page, config):
    _state["output_check"].page(page.file.dest_uri, output)
    if "index_stream" in _state:
        _state["index_stream"].add(page.file.dest_uri, output)
    return output


def on_build_error(error):
    _collector.resume()
    if "index_stream" in _state:
        _state.pop("index_stream").cancel()


def on_post_build(config):
    site_dir = Path(config.site_dir)
    if _skipper.enabled:
        for gone in _skipper.after_writing():  # pages that no longer exist are not served either
            if os.path.exists(gone):
                os.remove(gone)
        log.info("未变化的页面未重写：%d 个", _skipper.skipped)
    check = _state["output_check"]
    for extra in _state.get("files", []):
        check.file(extra.dest_uri, extra.content)
        target = site_dir / extra.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(extra.content)
    if check.problems:  # never published; under make serve the editor sees them and goes on editing
        if _skipper.enabled:
            for line in check.problems:
                log.warning("警告 %s", line)
        else:
            _report_and_stop([f"错误 {line}" for line in check.problems], len(check.problems), "错误（网站巡检）")
    if _skipper.enabled:  # make serve: the edited page first, the search index right after
        _collector.resume()
        search.build_index_later(_state["site"], site_dir, _state.get("pages", {}).values())
        return
    stream = _state.pop("index_stream", None)
    if stream is not None:
        try:
            stats = stream.finish(_state["site"], site_dir, _state.get("pages", {}).values())
        except RuntimeError as exc:  # the index process failed (e.g. out of memory): a message, not a traceback
            raise Abort(f"{exc}。构建已停止，请重试；如再次出现，请联系网站维护人员。") from exc
    else:
        stats = search.build_index(_state["site"], site_dir, _state.get("pages", {}).values())
    log.info("搜索索引：%d 个页面，%d 条记录，%d 个文件，%.0f KB，用时 %.2f 秒（CPU %.2f 秒）",
             stats.pages, stats.records, stats.files, stats.bytes / 1024, stats.seconds, stats.cpu_seconds)
