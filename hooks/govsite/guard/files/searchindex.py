"""The site's search index (search/index.py) holds its text in JSON files (c/<n>.json: every record's whole
text; titles.json: titles and document numbers), read as JSON. Its .bin files hold counts and postings: the
n-grams of those same texts, two to four characters each, with record numbers. They hold no text of their
own, so they are checked to be exactly that (the format parses to its end) and published as they are; any
other .bin file is not."""
from __future__ import annotations

import re
import struct

_SHARD = re.compile(r"(?:^|/)searchindex/g/\d+\.bin$")
_INDEX_JSON = re.compile(r"(?:^|/)searchindex/(?:(?P<fragments>words|fold|manifest|pinyin)|[^/]+/[^/]+|[^/]+)\.json$")
_RECORDS = re.compile(r"(?:^|/)searchindex/records\.bin$")


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
        if shift > 35:
            raise ValueError("varint too long")


def _shard_ok(data: bytes) -> bool:
    count, pos = _varint(data, 0)
    total = 0
    for _ in range(count):
        length, pos = _varint(data, pos)
        if not 2 <= length <= 4:
            return False
        for _ in range(length):
            _code, pos = _varint(data, pos)
        _postings, pos = _varint(data, pos)
        size, pos = _varint(data, pos)
        total += size
    return pos + total == len(data)


def _records_ok(data: bytes) -> bool:
    records, chunks = struct.unpack("<II", data[:8])
    return len(data) == 8 + 6 * records + 8 * chunks


def search_index_kind(name: str, data: bytes) -> bool:
    """Whether `data` is one of the search index's binary files, named as such."""
    try:
        if _SHARD.search(name):
            return _shard_ok(data)
        if _RECORDS.search(name):
            return _records_ok(data)
    except (IndexError, ValueError, struct.error):
        return False
    return False


def is_fragment_list(name: str) -> bool:
    """Whether `name` is one of the search index's lists of pieces of the records' texts (the vocabulary, the
    folding and same-sound tables, the manifest's n-grams): only numbers are looked for in them, the names and
    addresses they could hold are read whole in the records."""
    found = _INDEX_JSON.search(name)
    return found is not None and bool(found.group("fragments"))


def read_index_json(name: str, text: str):
    """The search index's JSON as the guard must read it, or None when `name` is not one of its files. Records'
    texts join a page's blocks with spaces (JOINED: a heading and the paragraph after it are not one sentence);
    the vocabulary, the folding table, the same-sound table and the manifest's n-grams are fragments of those texts
    (FRAGMENT)."""
    from .jsonfile import read_json
    from .model import FRAGMENT, JOINED, Line

    found = _INDEX_JSON.search(name)
    if found is None:
        return None
    extracted = read_json(text)
    kind = FRAGMENT if found.group("fragments") else JOINED
    extracted.lines = [Line(u.text, u.place, u.line, kind, u.attribute) for u in extracted.lines]
    return extracted
