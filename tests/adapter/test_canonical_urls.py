"""make serve remembers each page's canonical URL (mkdocs_adapter.serve.canonical_urls): for any site URL and page
address it must set what MkDocs' own Page._set_canonical_url sets."""
from __future__ import annotations

import random
from types import SimpleNamespace

from mkdocs.structure.pages import Page
from mkdocs_adapter.serve import canonical_urls

BASES = ["http://127.0.0.1:8000/", "http://127.0.0.1:8000", "https://www.example.gov.cn/tyjrswj/",
         "https://www.example.gov.cn/tyjrswj", "https://例子.政务.cn/", "http://host:8080/a/b/c", "", None]
PARTS = ["notices", "2025", "peixun-baoming", "xxgk", "zcwj", "a b", "公示", "..", ".", "page", "2", "%E5%85%AC"]


def urls(rng: random.Random, count: int) -> list[str]:
    out = ["", "./", "index.html", "404.html", "notices/", "../x/"]
    for _ in range(count):
        path = "/".join(rng.choice(PARTS) for _ in range(rng.randint(1, 4)))
        out.append(rng.choice([path + "/", path, path + "/index.html", path + ".html", "/" + path + "/"]))
    return out


def test_the_remembered_canonical_url_is_mkdocs_own_for_every_site_url_and_address():
    remembered = canonical_urls(Page._set_canonical_url)
    rng = random.Random(7)
    for url in urls(rng, 300):
        for base in BASES:
            ours, theirs = SimpleNamespace(url=url), SimpleNamespace(url=url)
            for _ in range(2):  # the second time from what it remembered
                remembered(ours, base)
            Page._set_canonical_url(theirs, base)
            assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url), (base, url)
