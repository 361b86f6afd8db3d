"""MkDocs events translated into engine calls. Keep it thin: what Material needs is in material.py, what
`make serve` needs in serve.py, everything else in the engine (govsite).

on_startup     route the engine's log to MkDocs'; start the search indexer (build) or the serve layer
on_config      load + validate everything; stop before site/ is touched if anything is wrong
on_files       the engine's generated pages as virtual files (not in the nav); the site's CSS as one file
on_page_read_source  an editor's page as the engine read it (not read from disk again)
on_page_*      every engine page's HTML, table of contents, title and description
on_post_page   each finished page to the output check and the search index (mkdocs build: in a child process)
on_post_build  feeds, JSON and other files; the search index
on_shutdown    `mkdocs serve` stops: the search index still being built stops first (MkDocs then removes its folder)
"""
from __future__ import annotations

import hashlib
import html
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as mkdocs_meta

from govsite import assets, breadcrumb, lifecycle, pagemeta, search
from govsite import build as engine
from govsite import mode as build_mode
from govsite.guard import ExemptionSources, link_problems, links, output_problems, personal
from govsite.guard import output as output_guard
from govsite.guard.sources import LazyOrigins
from govsite.guard.sources import origins as output_origins
from govsite.incremental import Memo
from govsite.internal import INTERNAL_FIELDS
from govsite.markdown import MarkdownConfig
from govsite.render import shared_bytecode_cache
from govsite.types.inspection import allowed_hosts, report_lines

from . import errors as serve_errors
from . import material, serve

log = logging.getLogger("govsite")

_state: dict = {}
_skipper = serve.PageSkipper()  # make serve: write only pages whose output changed
_watcher = serve.SaveWatcher()  # ... notice a save when the system reports it
_collector = serve.CollectorPause()  # ... and collect cyclic garbage after a rebuild, not during it
_memo = Memo()  # ... and reuse every result whose inputs did not change (govsite.incremental)
_link_state = links.LinkState()  # ... and check again only the links of files that changed or reach a change
_theme_outputs: dict[str, tuple] = {}  # ... and write sitemap.xml and the 404 page only when they changed
_inputs_kept: dict[str, tuple] = {}  # ... and tell an engine page's inputs again only when they differ (_page_inputs)


_NO_TOC = get_toc([])  # a written page's (on_post_page)

UNTOUCHED = "site/ 未作任何改动。"  # stopped in on_config, before MkDocs writes anything
# stopped after the pages were written: make build (a staging folder) still leaves site/ as it was
NOT_PUBLISHABLE = "本次输出的文件不可发布；make build 只在没有错误时才替换 site/。"


def _report_and_stop(lines: list[str], count: int, kind: str, outcome: str = UNTOUCHED) -> None:
    for line in lines:
        print(line, file=sys.stderr)
    raise Abort(f"构建已停止：发现 {count} 个{kind}（见上方，每行为“文件:行 字段: 问题”）。{outcome}")


def on_startup(command, dirty):
    mkdocs_log = logging.getLogger("mkdocs")  # the engine logs as "govsite"; MkDocs prints what "mkdocs" gets
    for handler in mkdocs_log.handlers:
        if handler not in log.handlers:
            log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    _state["serve"] = command == "serve"
    if command == "serve":
        serve_errors.guard_builds()  # a failed build shows its problems in the browser
    if command != "serve":  # index pages while the next ones are built (search.PageStream)
        _state["index_stream"] = search.PageStream()
    _skipper.enabled = command == "serve" and dirty
    if _skipper.enabled and not getattr(mkdocs_meta.get_data, "govsite_cached", False):
        mkdocs_meta.get_data = serve.front_matter(mkdocs_meta.get_data, _memo)  # Page.read_source looks it up here
    if _skipper.enabled and not getattr(Files.add_files_from_theme, "govsite_cached", False):
        Files.add_files_from_theme = serve.theme_files(Files.add_files_from_theme, _memo)
    if _skipper.enabled and not getattr(mkdocs_build._build_theme_template, "govsite_cached", False):
        mkdocs_build._build_theme_template = serve.theme_templates(mkdocs_build._build_theme_template,
                                                                   _theme_outputs)
    if _skipper.enabled and not getattr(Page._set_canonical_url, "govsite_cached", False):
        Page._set_canonical_url = serve.canonical_urls(Page._set_canonical_url)
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
    try:  # preview or release (govsite/mode.py): make serve and previews show drafts
        mode = build_mode.from_environ(os.environ, serve=_state.get("serve", False))
    except build_mode.ModeError as exc:
        raise Abort(f"构建已停止：{exc}。") from None
    config.extra["preview"], config.extra["release"] = mode.preview, mode.release  # for overrides/ templates
    site = engine.load_site(root, site_url=config.site_url or "", memo=_memo if _skipper.enabled else None,
                            markdown=MarkdownConfig.from_mkdocs(config.markdown_extensions, config.mdx_configs),
                            mode=mode)
    if not site.problems.errors:  # links at review: before MkDocs cleans the output folder
        _state["rendered"] = engine.check_links(site)
    errors, warnings, held = site.problems.shown()  # the cause first: see Problems.shown
    if errors:
        serve_errors.remember(root, errors, warnings, held)
        _report_and_stop([f"错误 {p.format()}" for p in errors] + [f"警告 {p.format()}" for p in warnings],
                         len(errors), "错误")
    if warnings and config.strict:
        _report_and_stop([f"警告 {p.format()}" for p in warnings], len(warnings), "警告（严格模式下警告也会停止构建）")
    for p in warnings:
        log.info("警告 %s", p.format())  # info, not warning: strict builds already stopped above
    for p in site.problems.notes:  # reviewed exceptions to the guard: shown, stop nothing
        log.info("提示 %s", p.format())
    _state["site"] = site
    _state["docs_are_content"] = Path(config.docs_dir).resolve() == site.content_dir.resolve()
    if "SOURCE_DATE_EPOCH" not in os.environ or _state.get("epoch_is_ours"):
        os.environ["SOURCE_DATE_EPOCH"] = str(engine.build_epoch(site))  # reproducible sitemap dates
        _state["epoch_is_ours"] = True
    if site.settings.get("网站名称"):
        # data/site.yml is where editors name the site. Material prints the name unescaped in places (the
        # logo's aria-label), which was safe while it came from mkdocs.yml; as editors' data it is escaped
        # once, as Markup, so that templates which do escape it leave it as it is.
        config.site_name = material.escaped(site.settings["网站名称"])
    config.extra["org"] = site.settings
    # The site's own CSS files as one request (govsite/assets.py: page weight, render-blocking requests).
    _state["css_bundle"] = bundle = assets.css_bundle(Path(config.docs_dir), list(config.extra_css))
    if bundle:
        config.extra_css = [bundle[0]]
    return config


def on_serve(server, config, builder):
    serve.stop_like_ctrl_c()
    _watcher.install(server, config)  # a save starts the rebuild at once, not at MkDocs' next poll
    server = serve_errors.install(server)
    # the browser editor at /bianji/, in front of the error page: editors fix a broken site with it too
    return serve.mount_editor(server, Path(config.config_file_path).resolve().parent)


def on_shutdown():
    search.stop_index_later()  # it reads the folder MkDocs removes next, and would die on a missing page


def on_files(files, config):
    site = _state["site"]
    _leave_out_held(site, files)
    pages, extra_files = _state.pop("rendered")  # made by check_links in on_config
    _state["renderer"] = engine.Renderer(site)
    _state["pages"] = {page.src_uri: page for page in pages}
    _state["files"] = extra_files
    # Only section index pages are listed in mkdocs.yml's nav (a nav of thousands of pages makes MkDocs
    # quadratic); every other page the engine makes or reads is expected outside it.
    for page in pages:
        files.append(File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    documentation_pages = files.documentation_pages()  # a walk of every file MkDocs knows: once
    for file in documentation_pages:
        if file.src_uri in site.editor_pages and file.inclusion == InclusionLevel.UNDEFINED:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    _state["trails"] = breadcrumb.trails(site, pages)
    _state["pagemeta"] = _page_metadata(site, pages, config)
    config.extra["site_metadata"] = _state["pagemeta"].site_tags  # pages MkDocs makes alone (404.html)
    # what the public will get, file by file (govsite/guard/output.py): pages as MkDocs writes them, then the
    # whole output folder in on_post_build
    check = _state["file_check"] = output_guard.FileCheck(personal.Rules.of(site.settings), allowed_hosts(site))
    _state["page_scan"] = output_guard.Scan()
    if _state.get("css_bundle"):
        files.append(File.generated(config, _state["css_bundle"][0], content=_state["css_bundle"][1]))
    material.theme_files(files, config)
    # where each output file came from, made only when a finding is traced back (a clean save never asks)
    _state["origins"] = LazyOrigins(lambda: output_origins(
        site, {f.dest_uri: f.src_uri for f in files.documentation_pages()},
        {f.dest_uri: f.abs_src_path for f in files if not f.is_documentation_page() and f.abs_src_path}))
    if "index_stream" in _state:  # before the first page: the child checks and indexes each page as it comes
        _state["index_stream"].facts(site, Path(config.site_dir), pages, check=check)
        # and checks the engine's other files (feeds, JSON) while MkDocs reads the pages, before it is busy
        _state["index_stream"].files((extra.dest_uri, extra.content) for extra in extra_files)
    _state["editor_pages"] = {}  # make serve: editors' pages' HTML, made in _page_inputs, taken in on_page_content
    _state["content_dir"] = site.content_dir
    if _skipper.enabled:
        _skipper.inputs_of = _page_inputs
        for file in documentation_pages:  # the CSS bundle and the theme's files added since are no pages
            _skipper.watch(file)
    return files


def _page_inputs(file, shown_alone: bool = False) -> bytes | None:
    """make serve: the digest of everything the adapter gives MkDocs for a page (its title, meta, table of contents
    and HTML from the engine; an editor's page's text, which MkDocs' front matter comes from; its 网页元数据 and
    sitemap date), or None when the page must be read (a page the engine does not know, a text MkDocs reads itself).
    `shown_alone`: only what other pages show of it in the nav (its title and meta come from these, not its HTML)."""
    src_uri = file.src_uri
    site = _state["site"]
    metadata = _state["pagemeta"]
    dest = file.abs_dest_path
    generated = _state["pages"].get(src_uri)
    if generated is not None:
        meta = generated.meta
        if shown_alone:
            shown = (0, generated.title, repr(generated.toc), sorted((str(k), repr(v)) for k, v in meta.items()))
            return serve.page_inputs(shown, (), "", b"")
        html_digest = _skipper.html_digest(dest, generated.html)
        url = file.url
        parts = (generated.title, generated.toc, meta, html_digest,
                 metadata.tags(url, noindex=bool(meta.get("noindex"))), metadata.lastmod.get(url, ""))
        # the digest of the last save when every part is what it was (most pages: their documents did not change)
        kept = _inputs_kept.get(dest)
        if kept is not None and (serve.same_parts(kept[0][3:], parts[3:]) and (
                # the very page of the last save, which the engine handed over (build.render_site: a type's pages
                # as a record of their inputs; nothing changes a page once made): its title, toc and meta too
                kept[2] is generated or serve.same_parts(kept[0][:3], parts[:3]))):
            return kept[1]
        shown = (0, generated.title, repr(generated.toc), sorted((str(k), repr(v)) for k, v in meta.items()))
        told = serve.page_inputs(shown, parts[4], parts[5], html_digest)
        # kept as copies: the page's meta and table of contents are MkDocs' and the adapter's to change
        _inputs_kept[dest] = ((parts[0], list(parts[1]), serve.copy_meta(meta), *parts[3:]), told, generated)
        return told
    else:
        document = site.editor_pages.get(src_uri)
        text = site.text_read(_state["content_dir"] / src_uri) if document is not None else None
        if text is None or "\r" in text or not _state.get("docs_are_content"):
            return None  # MkDocs reads the file itself (on_page_read_source)
        html, toc = _state["editor_pages"][src_uri] = engine.editor_page_html(site, document, _state["renderer"])
        title = engine.editor_page_title(site, document)
        if not shown_alone:
            url = file.url
            tags, lastmod = metadata.tags(url, noindex=bool(document.meta.get("noindex"))), metadata.lastmod.get(url, "")
            # the digest of the last save when the text and the HTML are the very str of then (an unchanged page:
            # the engine hands over its HTML, made of reused parts, with its toc) and the rest is equal
            kept = _inputs_kept.get(dest)
            if (kept is not None and kept[2] is html and kept[0][0] is text and kept[0][1] == title
                    and serve.same_parts(kept[0][2:], (tags, lastmod))):
                return kept[1]
        shown = (1, site.derived("serve: text digest", text, _text_digest), title, repr(toc))
        if shown_alone:
            return serve.page_inputs(shown, (), "", b"")
        told = serve.page_inputs(shown, tags, lastmod, _skipper.html_digest(dest, html))
        _inputs_kept[dest] = ((text, title, tags, lastmod), told, html)
        return told


def _text_digest(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


def _page_metadata(site, pages, config) -> pagemeta.PageMetadata:
    """Every page's 网页元数据 (govsite/pagemeta.py), from the engine's pages and the editors' pages."""
    from govsite.model import page_url
    from govsite.types.sitemap import read_nav

    titles = {page_url(p.src_uri): p.title for p in pages}
    descriptions = {page_url(p.src_uri): str(p.meta.get("description") or "") for p in pages}
    for src_uri, document in site.editor_pages.items():
        titles[page_url(src_uri)] = engine.editor_page_title(site, document)
        descriptions[page_url(src_uri)] = str(document.meta.get("描述") or "")
    return pagemeta.PageMetadata(site, titles, descriptions, read_nav(site.root))


def _leave_out_held(site, files) -> None:
    """What the engine held back (drafts, documents scheduled for later, withdrawn ones: govsite/lifecycle.py)
    is not built by MkDocs either: their Markdown files, and attachments no published document uses. A withdrawn
    document's URL gets the engine's withdrawal page instead."""
    from govsite.document import all_documents

    sources = {item.src_uri for item in lifecycle.held(site) if item.src_uri}
    in_use = {a.url for doc in all_documents(site) for a in doc.attachments}
    withheld = lifecycle.withheld_files(site, in_use)
    for file in [f for f in files if f.src_uri in sources or f.src_uri in withheld]:
        files.remove(file)


def on_nav(nav, config, files):
    _state["nav"] = nav
    _state["nav_pages"] = {page.file.src_uri for page in nav.pages}
    if _skipper.enabled:  # before MkDocs reads the pages: which ones it need not read
        _skipper.check_frame(config, nav)
    return nav


def on_env(env, config, files):
    site = _state["site"]
    site.forget_texts()  # MkDocs has read every page (on_page_read_source)
    env.bytecode_cache = shared_bytecode_cache()  # the theme's templates compiled once, not in every build
    if "index_stream" in _state:  # mkdocs build: the engine's pages are made; the editors' pages to write are left
        written = {file.src_uri for file in files.documentation_pages()}
        site.markdown.keep_only((document.body, src_uri) for src_uri, document in site.editor_pages.items()
                                if src_uri in written)
    if _skipper.enabled:  # every page is read now; decide which ones need writing
        from mkdocs.commands.build import _populate_page

        _skipper.before_writing(config, _state.get("nav"), [f.page for f in files.documentation_pages() if f.page],
                                lambda page: _populate_page(page, config, files))
        read = len(_skipper.inputs_now) - len(_skipper.unread)
        if _skipper.unread:
            log.info("未改动输入的页面未再处理：%d 个；重新处理 %d 个", len(_skipper.unread), read)
    return env


def on_page_read_source(page, config):
    """The text of an editor's page as the engine read it in this build (every page of content/ is read by the
    load), so MkDocs does not read the file again; under `make serve` an unchanged page's text is then the very
    str of the last save, and its front matter split is found without hashing it again. MkDocs reads in text mode
    (a carriage return becomes a newline): a text holding one is left to MkDocs."""
    if page.file.abs_src_path is None or not _state.get("docs_are_content"):
        return None
    site = _state["site"]
    text = site.text_read(site.content_dir / page.file.src_uri)
    return text if text is not None and "\r" not in text else None


def _with_metadata(page) -> None:
    """The page's 网页元数据 and sitemap lastmod (govsite/pagemeta.py), for overrides/main.html and
    overrides/sitemap.xml. Kept in page.meta, not in the template context or config.extra: make serve rewrites a page
    when its meta changes (serve.PageSkipper), and a whole-site value in config.extra would rewrite every page on
    every save and lose track of removed ones."""
    metadata = _state["pagemeta"]
    page.meta["govsite_metadata"] = metadata.tags(page.url, noindex=bool(page.meta.get("noindex")))
    page.meta["govsite_lastmod"] = metadata.lastmod.get(page.url, "")


def on_page_markdown(markdown, page, config, files):
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None:
        material.page_meta(page, generated.title, None, generated.meta)
        _with_metadata(page)
        _converted_by_the_engine(page)
        return ""
    document = _state["site"].editor_pages.get(page.file.src_uri)
    for key in INTERNAL_FIELDS:  # the review record, the guard's exceptions: never in what templates can print
        page.meta.pop(key, None)
    if document is not None:
        extra = {"hide": document.meta["隐藏"]} if "隐藏" in document.meta else {}
        material.page_meta(page, engine.editor_page_title(_state["site"], document), document.meta.get("描述"), extra)
        _with_metadata(page)
        _converted_by_the_engine(page)
        return ""  # the engine converts it (one Markdown pipeline: citations, extensions, safe HTML)
    return markdown


def _converted_by_the_engine(page) -> None:
    """MkDocs would build a Markdown instance with every extension for each page (about 0.6 ms each, a second
    per save at 2,000 documents) only to convert the empty text returned above: its HTML and table of contents
    come from the engine in on_page_content."""
    def render(config, files):
        page.content = ""  # replaced in on_page_content

    page.render = render


def _toc_tokens(entries) -> list[dict]:
    """Nest flat (level, id, title) entries the way MkDocs' toc extension would. Titles are plain text (often
    editors' data) and Material prints a TOC entry's name as HTML, so they are escaped here."""
    roots: list[dict] = []
    stack: list[dict] = []
    for entry in entries:
        token = {"level": entry.level, "id": entry.id, "name": material.escaped(entry.title), "children": []}
        while stack and stack[-1]["level"] >= entry.level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots


def on_page_content(html, page, config, files):
    # mkdocs build gives a page its HTML just before it is written (on_page_context), unless Material's own search
    # is on (the comparison site of bench/search_eval.py): its plugin reads each page's HTML before this site's hooks
    deferred = "index_stream" in _state and not material.search_enabled(config)
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None:
        page.toc = get_toc(_toc_tokens(generated.toc))
        return "" if deferred else generated.html
    document = _state["site"].editor_pages.get(page.file.src_uri)
    if document is not None:
        return "" if deferred else _editor_page_content(page, document)
    return html


def _editor_page_content(page, document) -> str:
    made = _state.get("editor_pages", {}).pop(page.file.src_uri, None)  # make serve: made to tell its inputs
    html, toc = made if made is not None else engine.editor_page_html(_state["site"], document, _state["renderer"])
    page.toc = get_toc(_toc_tokens(toc))
    return html


def on_page_context(context, page, config, nav):
    # MkDocs converts every page before it writes the first one, and keeps each page's HTML to the end of the
    # build: at 100,000 documents the editors' pages alone would hold hundreds of megabytes that were written
    # long before. mkdocs build converts an editor's page right before its template is rendered instead, gives
    # an engine's page its HTML (kept compressed until then: GeneratedPage.pack) there too, and on_post_page lets
    # go of every page's HTML once it is written.
    building = "index_stream" in _state
    generated = _state["pages"].get(page.file.src_uri) if building else None
    document = _state["site"].editor_pages.get(page.file.src_uri) if building else None
    if generated is not None:
        page.content = generated.html
    elif document is not None and not page.content:
        page.content = _editor_page_content(page, document)
    in_nav = page.file.src_uri in _state.get("nav_pages", ())
    material.hide_empty_navigation(page, in_nav and bool(page.ancestors))
    context["breadcrumb"] = _state["trails"].above(page.url)  # 当前位置, shown by overrides/main.html
    return context


def on_post_page(output, page, config):
    if "index_stream" in _state:  # mkdocs build: checked and indexed in the child, off the build's core
        _state["index_stream"].add(page.file.dest_uri, _engine_title(page), output)
        # Written next, and nothing reads the page's HTML, its table of contents or the engine's page again (the
        # sitemap reads a page's address and meta): held to the end, they grew with the site (see on_page_context).
        page.content = None
        page.toc = _NO_TOC
        generated = _state["pages"].pop(page.file.src_uri, None)
        if generated is not None:
            generated.html = ""
    else:
        output_guard.check_bytes(_state["file_check"], page.file.dest_uri, output.encode("utf-8"), _state["page_scan"],
                                 output_guard.CHECKED)
    return output


def _engine_title(page) -> str:
    """A page's title as the engine gave it (Material's <title> adds the site's name; page.title is escaped)."""
    generated = _state["pages"].get(page.file.src_uri)
    if generated is not None:
        return generated.title
    document = _state["site"].editor_pages.get(page.file.src_uri)
    if document is not None:
        return engine.editor_page_title(_state["site"], document)
    return html.unescape(str(page.title or ""))


def on_build_error(error):
    _collector.resume()
    if "index_stream" in _state:
        _state.pop("index_stream").cancel()


def _guard_output(config, site_dir: Path, page_scan, index_problems: list[str]) -> None:
    """Every file of the output folder read as the public gets it (govsite/guard/output.py), before make build
    replaces site/ or make publish switches to the release. Under make serve the editor sees the problems and
    goes on editing; otherwise they stop the build."""
    import time

    site = _state["site"]
    origins = _state["origins"]
    started, started_cpu = time.perf_counter(), time.process_time()
    # make serve: not the search index's folders. The index of this save is made after this scan, by a process
    # that checks it before it is served (search.build_index_later); what the folders hold now is the last save's
    # index, or a part of one whose process was stopped, which this save's index replaces: reported here, it
    # would be reported by a save that does not serve it (and twice, as the save that made it reported it).
    scan = output_guard.scan_folder(site_dir, _state["file_check"], streamed=page_scan, by_status=_skipper.enabled,
                                    leave_out=search.index_folders() if _skipper.enabled else ())
    report = _output_report(site, scan, origins)
    for note in report.notes:
        log.info("提示 %s", note.format())
    # every link of the output: a template's or a data field's, and anchors into other pages (editors' links to
    # pages and files were reviewed at load)
    broken = links.check_site(site_dir, site.site_url or config.site_url or "", scan.links,
                              *((scan.digests, _link_state) if _skipper.enabled else ())).found
    errors = report.errors + link_problems(site.root, broken, origins, site_url=site.site_url or config.site_url or "")
    streamed = page_scan.cpu if page_scan is not None and page_scan is not _state["page_scan"] else 0.0
    known = scan.known + (page_scan.known if page_scan is not None else 0)
    log.info("发布内容检查：%d 个文件（其中 %d 个在本次检查），%d 个页面的链接，用时 %.2f 秒（CPU %.2f 秒；"
             "另有索引进程中逐个检查 %d 个文件 CPU %.2f 秒；%d 个文件与此前构建中检查无误的内容相同，未再读取）",
             len(scan.digests), scan.read, len(scan.links), time.perf_counter() - started,
             time.process_time() - started_cpu, page_scan.read if page_scan is not None else 0, streamed, known)
    if not errors and not index_problems:
        return
    lines = [p.format() for p in errors] + index_problems
    if _skipper.enabled:
        for line in lines:
            log.warning("警告 %s", line)
        return
    _report_and_stop([f"错误 {line}" for line in lines], len(lines), "错误（发布内容检查）", NOT_PUBLISHABLE)



def _output_report(site, scan, origins):
    """The output guard's findings at their sources (guard.output_problems)."""
    sources = None
    if _skipper.enabled:  # make serve: the exemptions kept from the last save, read again where sources changed
        sources = _state.get("exemption_sources")
        if sources is None or sources.root != Path(site.root):
            sources = _state["exemption_sources"] = ExemptionSources(site.root)
    return output_problems(site.root, scan, origins, used_before=site.models.get("_exemptions_used", frozenset()),
                           # make serve: the sources' texts through the engine's reader (a file not written since
                           # the last save is not read again)
                           read=site.read_text if _skipper.enabled else None, sources=sources)


def _report_index(scan) -> None:
    """make serve, in the search index's process (search.build_index_later): the guard's findings in the index
    it made, before the index is served, as the save's guard reports those in the pages. Only problems: the
    notes (exceptions applied, exceptions that matched nothing) are the save's guard's to give, from the whole
    output, and this scan sees the index alone."""
    for problem in _output_report(_state["site"], scan, _state["origins"]).errors:
        log.warning("警告 %s", problem.format())


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    """A page gone leaves the folder of its address empty (a notice deleted, a policy withdrawn): removed, and
    its parents left empty with it, as a fresh build would not make them; the served folder stays what a build
    of the same sources writes."""
    site_dir = site_dir.resolve()
    folder = folder.resolve()
    while folder != site_dir and site_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (another page, an attachment): the folder stays, and so do its parents
            return
        folder = folder.parent

def on_post_build(config):
    site_dir = Path(config.site_dir)
    if _skipper.enabled:
        for gone in _skipper.after_writing():  # pages that no longer exist are not served either
            if os.path.exists(gone):
                os.remove(gone)
                _remove_empty_folders(Path(gone).parent, site_dir)
        log.info("未变化的页面未重写：%d 个", _skipper.skipped)
    for extra in _state.get("files", []):
        target = site_dir / extra.dest_uri
        if _skipper.enabled and _skipper.unchanged_file(target, extra.content):
            continue  # left as it is, the output guard does not read it again either (scan_folder by_status)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(extra.content)
        if _skipper.enabled:
            _skipper.wrote_file(target, extra.content)
    stats = None
    stream = _state.pop("index_stream", None)
    page_scan = _state["page_scan"]
    if stream is not None:
        # what else MkDocs wrote (its 404 page, the sitemap, the theme's files, copies of attachments): checked in
        # the child too, where the units of the pages are known already
        stream.files(output_guard.unseen_files(site_dir, stream.sent))
        try:
            stats = stream.finish(_state["site"], site_dir, _state.get("pages", {}).values())
        except RuntimeError as exc:  # the index process failed (e.g. out of memory): a message, not a traceback
            raise Abort(f"{exc}。构建已停止，请重试；如再次出现，请联系网站维护人员。") from exc
        page_scan = stream.scan
    elif not _skipper.enabled:
        stats = search.build_index(_state["site"], site_dir, _state.get("pages", {}).values())
    # the editors' search data that the index cannot use (an intent naming a page that is not built) stops a build
    # as a guard finding does
    _guard_output(config, site_dir, page_scan, list(stats.problems) if stats is not None else [])
    if _skipper.enabled:  # make serve: the edited page first, the search index right after
        _collector.resume()
        search.build_index_later(_state["site"], site_dir, _state.get("pages", {}).values(),
                                 check=_state["file_check"], report=_report_index)
        return
    if config.extra.get("preview"):  # make preview (the intranet): the browser editor, after the guard (not public)
        _write_editor(config, site_dir)
    # make publish asks for the inspection's findings (govsite/release.py puts them in the publish log): a file
    # of its own outside the site, never a page the public could read.
    report = os.environ.get("GOVSITE_INSPECTION_REPORT")
    if report:
        Path(report).write_text("".join(line + "\n" for line in report_lines(_state["site"])), encoding="utf-8")
    log.info("搜索索引：%d 个页面，%d 条记录，%d 个文件，%.0f KB，用时 %.2f 秒（CPU %.2f 秒）",
             stats.pages, stats.records, stats.files, stats.bytes / 1024, stats.seconds, stats.cpu_seconds)


def _write_editor(config, site_dir: Path) -> None:
    """The browser editor into a preview build (never into the public site: only previews call this)."""
    from govsite.editor import app as editor

    root = Path(config.config_file_path).resolve().parent
    if editor.write_into(root, site_dir, _state["site"].settings):
        log.info("网页编辑器：预览网站的 %s（登录 data/site.yml 中“网页编辑器”设置的 Git 服务器）", editor.PREFIX)
    else:
        log.info("网页编辑器未放入预览：data/site.yml 没有“网页编辑器”设置，或编辑器尚未安装（make editor）")
