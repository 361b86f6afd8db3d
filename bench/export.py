"""Export every page of a site as it reaches MkDocs' Markdown stage, for the floor and Hugo builds of bench/run.py.

    PYTHONPATH=<root>/hooks python bench/export.py <root> <out>

The engine runs once (load, validate, render) and writes <out>/pages/<src_uri> for every page:
  generated pages (laws, policies, catalogue, lists …): their rendered article HTML as the body;
  editors' pages (notices, 普法 news …): the header and footer HTML the engine puts around them, with the
    Markdown body in between (citations already expanded), so Markdown still has that body to convert.
Front matter keeps title, description and hide. <out>/org.json holds data/site.yml (config.extra.org in the
templates), <out>/files/ the non-page outputs (feeds, JSON) so output sizes compare like with like.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml


def front_matter(title: str, meta: dict) -> str:
    keep = {"title": title}
    for key in ("description", "hide"):
        if meta.get(key):
            keep[key] = meta[key]
    return "---\n" + yaml.safe_dump(keep, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def export(root: Path, out: Path) -> dict[str, int]:
    from govsite import build as engine
    from govsite import crossref

    site = engine.load_site(root)
    if site.problems.errors:
        raise SystemExit("\n".join(p.format() for p in site.problems.errors[:20]))
    pages, files = engine.render_site(site)
    renderer = engine.Renderer(site)
    written = {"generated": 0, "documents": 0, "files": 0}
    for page in pages:
        target = out / "pages" / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # Raw HTML at the top of a Markdown file is passed through as one block (md_in_html is on).
        target.write_text(front_matter(page.title, page.meta) + page.html.strip() + "\n", encoding="utf-8")
        written["generated"] += 1
    for src_uri, doc in sorted(site.editor_pages.items()):
        owner = next((t for t in site.types if t.name == doc.kind), None)
        before, after = owner.document_html(site, doc, renderer) if owner else ("", "")
        body, _citations = crossref.expand_markdown(site, doc.body)
        meta = {"description": doc.meta.get("描述"), "hide": doc.meta.get("隐藏")}
        target = out / "pages" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = [before.strip(), body.strip(), after.strip()]
        target.write_text(front_matter(doc.meta["标题"], meta) + "\n\n".join(p for p in parts if p) + "\n",
                          encoding="utf-8")
        written["documents"] += 1
    for extra in files:
        target = out / "files" / extra.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(extra.content)
        written["files"] += 1
    (out / "org.json").write_text(json.dumps(site.settings, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return written


if __name__ == "__main__":
    counts = export(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
    print(json.dumps(counts))
