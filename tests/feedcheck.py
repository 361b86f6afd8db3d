"""Checks of the RSS 2.0 and Atom 1.0 rules, shared by the unit tests (one feed) and the site tests (every feed).

Written from the specifications (RSS 2.0 at rssboard.org, RFC 4287 for Atom, RFC 822 / RFC 3339 dates), not
from our writer's output: feedparser stands in for a forgiving feed reader, atoma for a strict one (it refuses
what the specifications do not allow), lxml reads the XML as it is.
"""
from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

import atoma
import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                    r"\d{2}:\d{2}:\d{2} \+0800$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")


def parse_with_reader(data: bytes):
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def check_rss(data: bytes, self_url: str) -> list[dict]:
    """Every rule we rely on for an RSS 2.0 file; returns its items as dicts in file order."""
    parsed = parse_with_reader(data)
    assert parsed.version == "rss20"
    strict = atoma.parse_rss_bytes(data)  # raises on anything RSS 2.0 does not allow
    root = etree.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    [channel] = root.findall("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"channel <{required}> missing"
    assert channel.findtext("language") == "zh-CN"
    [self_link] = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == self_url
    assert channel.findtext("link").startswith("http")
    build_date = channel.findtext("lastBuildDate")
    assert RFC822.match(build_date), build_date
    items = []
    for item in channel.findall("item"):
        title, link = item.findtext("title"), item.findtext("link")
        assert title and link and link.startswith("http")
        guid = item.find("guid")
        assert guid is not None and guid.text
        assert RFC822.match(item.findtext("pubDate")), item.findtext("pubDate")
        assert item.findtext("category")
        assert item.findtext("description")
        enclosures = [(e.get("url"), int(e.get("length")), e.get("type")) for e in item.findall("enclosure")]
        assert len(enclosures) <= 1, "RSS 2.0 allows one enclosure per item"
        items.append({"title": title, "link": link, "guid": guid.text, "permalink": guid.get("isPermaLink"),
                      "published": parsedate_to_datetime(item.findtext("pubDate")),
                      "content": item.findtext(f"{CONTENT}encoded") or "", "enclosures": enclosures,
                      "author": item.findtext(f"{DC}creator") or "",
                      "categories": [c.text for c in item.findall("category")]})
    guids = [i["guid"] for i in items]
    assert len(guids) == len(set(guids)), "duplicate GUIDs"
    assert [i.guid for i in strict.items] == guids
    dates = [i["published"] for i in items]
    assert dates == sorted(dates, reverse=True), "items are not newest first"
    if items:
        assert parsedate_to_datetime(build_date) >= max(dates)
    return items


def check_atom(data: bytes, self_url: str) -> list[dict]:
    """Every RFC 4287 rule we rely on; returns its entries as dicts in file order."""
    parsed = parse_with_reader(data)
    assert parsed.version == "atom10"
    strict = atoma.parse_atom_bytes(data)  # raises on anything RFC 4287 does not allow
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") in (None, "zh-CN")
    for required in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{required}") or "").strip(), f"feed <{required}> missing"
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    [self_link] = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == self_url
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), f"entry <{required}> missing"
        assert feed_has_author or entry.find(f"{ATOM}author") is not None
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert RFC3339.match(entry.findtext(f"{ATOM}published"))
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert links and links[0].get("href").startswith("http")
        content = entry.find(f"{ATOM}content")
        if content is not None:
            assert content.get("type") == "html"
        entries.append({"id": entry.findtext(f"{ATOM}id"), "title": entry.findtext(f"{ATOM}title"),
                        "link": links[0].get("href"), "updated": entry.findtext(f"{ATOM}updated"),
                        "published": entry.findtext(f"{ATOM}published"),
                        "content": content.text if content is not None else "",
                        "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
                        "author": entry.findtext(f"{ATOM}author/{ATOM}name") or "",
                        "enclosures": [(link.get("href"), int(link.get("length")), link.get("type"))
                                       for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]})
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert [e.id_ for e in strict.entries] == ids
    assert [e["published"] for e in entries] == sorted((e["published"] for e in entries), reverse=True)
    if entries:
        assert root.findtext(f"{ATOM}updated") == max(e["updated"] for e in entries)
    return entries
