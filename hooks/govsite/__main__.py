"""`python -m govsite check [ROOT]`: validate all data and content without building (make check).
`python -m govsite publish …` and `rollback …`: make publish and make rollback (govsite/release.py).
`python -m govsite editor-config [--check]`: the browser editor's forms from the JSON Schemas (make editor-config).
`python -m govsite port HOST PORT TARGET`: make serve's check that its port is free, before any build (port.py).

Besides every error and warning of a build, it prints what a government-website inspection would find
(types/inspection): each failed rule as a warning, with its source. Those do not fail the check, and they are
counted with the other warnings: the summary's count is the number of lines above it that begin 警告.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .build import check_links, load_site


def main(argv: list[str]) -> int:
    if argv and argv[0] == "editor-config":
        from .editor import config

        return config.main(argv[1:])
    if argv and argv[0] in ("publish", "rollback"):
        from . import release

        return release.main(argv[0], argv[1:])
    if argv and argv[0] == "port" and len(argv) == 4:
        from .port import problem

        found = problem(argv[1], argv[2], argv[3])
        if found:
            print(found, file=sys.stderr)
        return 1 if found else 0
    if not argv or argv[0] != "check":
        print("用法：python -m govsite check [网站目录]\n      python -m govsite publish|rollback --webroot 目录",
              file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    site = load_site(root)
    if not site.problems.errors:
        check_links(site)  # links at review: every page and attachment an editor links to is published
    shown_errors, shown_warnings, held = site.problems.shown()
    for problem in shown_errors:
        print(f"错误 {problem.format()}", file=sys.stderr)
    for problem in shown_warnings:
        print(f"警告 {problem.format()}", file=sys.stderr)
    for problem in site.problems.notes:  # reviewed exceptions: shown every time, never silent
        print(f"提示 {problem.format()}", file=sys.stderr)
    from .types.inspection import report_lines

    inspection = site.models.get("inspection")
    found = report_lines(site)
    for line in found:
        print(f"警告 {line}", file=sys.stderr)
    failed = [r for r in inspection.failed if not r.stops_build] if inspection else []
    errors, warnings = len(shown_errors), len(shown_warnings) + len(found)
    inspected = (f"；网站巡检 {len(inspection.results)} 项，未通过 {len(failed)} 项"
                 f"（完整结果见 make serve 或 make preview 的合规检查页 xxgk/hegui/）") if inspection else ""
    if errors:
        later = f"；另有 {held} 个问题待上述错误修正后再检查" if held else ""
        print(f"检查未通过：{errors} 个错误，{warnings} 个警告{later}{inspected}。", file=sys.stderr)
        return 1
    print(f"检查通过：{len(site.editor_pages)} 个页面，{warnings} 个警告{inspected}。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
