"""Page weight in Chromium: bytes transferred for first loads and for a second page with a warm cache.

    .venv/bin/python bench/page_weight.py [--site DIR]     (default: strict build of this repository into /tmp)

Serves the built site on 127.0.0.1 with gzip for text types and `Cache-Control: max-age=3600` for /assets/ (what
the production server does for static files; pages themselves are revalidated), drives headless Chromium and
counts, from the DevTools protocol's Network events, the bytes on the wire (Network.loadingFinished
encodedDataLength, headers included) and the decoded body sizes. Scenarios:

  home (cold)              first visit to the home page, empty cache
  law page (cold)          first visit straight to a law page, empty cache
  second page: law (warm)  home first, then the law page in the same tab (shared assets cached)
  second page: notice (warm)

Also lists what blocks rendering: stylesheets and classic scripts without async/defer in <head> (the
targets: first load ≤ 250 kB, second page ≤ 50 kB, nothing render-blocking besides the theme CSS).
Stores bench/results/weight.json and rewrites bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGETS = {"first_kb": 250, "second_kb": 50}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

BLOCKING_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('head link[rel~="stylesheet"]'))
    if (!el.media || el.media === 'all' || matchMedia(el.media).matches) out.push(el.href);
  for (const el of document.querySelectorAll('head script[src]'))
    if (!el.async && !el.defer && el.type !== 'module') out.push(el.src);
  return out;
}"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and cache headers, like a production web server."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=3600")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # redirect to the slash URL
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not (os.path.isfile(path) and ctype.startswith(TEXT_TYPES)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        stamp = os.stat(path).st_mtime
        if self.headers.get("If-Modified-Since") == self.date_time_string(stamp):
            self.send_response(304)
            self.end_headers()
            return None
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stamp))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class Traffic:
    """Sums Network events of one page (CDP session)."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.requests: dict[str, dict] = {}
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.requestServedFromCache", self._cached)

    def _entry(self, rid):
        return self.requests.setdefault(rid, {"url": "", "wire": 0, "body": 0, "status": 0, "cache": False})

    def _response(self, event):
        entry = self._entry(event["requestId"])
        entry["url"] = event["response"]["url"]
        entry["status"] = event["response"]["status"]
        entry["cache"] = entry["cache"] or event["response"].get("fromDiskCache", False)

    def _data(self, event):
        self._entry(event["requestId"])["body"] += event.get("dataLength", 0)

    def _finished(self, event):
        self._entry(event["requestId"])["wire"] = event.get("encodedDataLength", 0)

    def _cached(self, event):
        self._entry(event["requestId"])["cache"] = True

    def take(self) -> list[dict]:
        taken = [r for r in self.requests.values() if r["url"]]
        self.requests = {}
        return taken


def scenario(browser, base: str, first: str, then: str | None = None) -> dict:
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(base + first, wait_until="networkidle")
    blocking = page.evaluate(BLOCKING_JS)
    measured = traffic.take()
    if then:
        page.goto(base + then, wait_until="networkidle")
        blocking = page.evaluate(BLOCKING_JS)
        measured = traffic.take()
    context.close()
    offsite = [r["url"] for r in measured if not r["url"].startswith(base) and not r["url"].startswith("data:")]
    return {
        "url": "/" + (then or first),
        "wire_bytes": sum(r["wire"] for r in measured),
        "body_bytes": sum(r["body"] for r in measured),
        "requests": len(measured),
        "from_cache": sum(1 for r in measured if r["cache"]),
        "biggest": sorted(({"url": r["url"].replace(base, "/"), "wire": r["wire"], "body": r["body"]}
                           for r in measured), key=lambda r: -r["wire"])[:6],
        "render_blocking": [u.replace(base, "/") for u in blocking],
        "offsite": offsite,
    }


def build_repo(out: Path) -> Path:
    env = dict(os.environ, PYTHONPATH=str(REPO / "hooks"), GOVSITE_TODAY="2026-11-26", NO_MKDOCS_2_WARNING="1")
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--quiet", "--site-dir",
                    str(out)], cwd=REPO, env=env, check=True)
    return out


def pick_pages(site: Path) -> tuple[str, str]:
    laws = sorted(p.parent.name for p in (site / "laws").glob("*/index.html") if not p.parent.name.startswith("gen-"))
    law = "laws/tuiyi-junren-baozhangfa/" if "tuiyi-junren-baozhangfa" in laws else f"laws/{laws[0]}/"
    notices = sorted(p.parent.relative_to(site).as_posix() for p in (site / "notices").glob("20*/*/index.html"))
    return law, notices[0] + "/"


def markdown(result: dict) -> str:
    lines = ["| page | on the wire (kB, gzip) | decoded (kB) | requests (cached) | target | render-blocking |",
             "|---|---:|---:|---:|---|---|"]
    for name, r in result["scenarios"].items():
        target = TARGETS["second_kb"] if "warm" in name else TARGETS["first_kb"]
        ok = "met" if r["wire_bytes"] / 1000 <= target else "NOT met"
        lines.append(f"| {name} `{r['url']}` | {r['wire_bytes'] / 1000:.1f} | {r['body_bytes'] / 1000:.1f} | "
                     f"{r['requests']} ({r['from_cache']}) | ≤ {target} kB: {ok} | "
                     f"{', '.join('`' + u + '`' for u in r['render_blocking'])} |")
    lines += ["", "Largest transfers per scenario:", ""]
    for name, r in result["scenarios"].items():
        lines.append(f"- {name}: " + ", ".join(f"`{b['url']}` {b['wire'] / 1000:.1f} kB" for b in r["biggest"]))
    lines += ["", f"Site: {result['site']}. Requests leaving 127.0.0.1: "
              f"{sum(len(r['offsite']) for r in result['scenarios'].values())}."]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build this repository)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    site = args.site or build_repo(Path("/tmp/govsite-weight-site"))
    law, notice = pick_pages(site)
    base, server = serve(site)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        scenarios = {
            "home (cold)": scenario(browser, base, ""),
            "law page (cold)": scenario(browser, base, law),
            "second page: law (warm)": scenario(browser, base, "", law),
            "second page: notice (warm)": scenario(browser, base, "", notice),
        }
        browser.close()
    server.shutdown()
    result = {"site": "this repository's demo site (strict build)" if not args.site else str(args.site),
              "scenarios": scenarios}
    result["markdown"] = markdown(result)
    print(result["markdown"])
    if not args.no_save:
        (BENCH / "results").mkdir(exist_ok=True)
        (BENCH / "results" / "weight.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                                        encoding="utf-8")
        sys.path.insert(0, str(BENCH))
        import run

        print("wrote", run.write_results_md())
    return 0


if __name__ == "__main__":
    sys.exit(main())
