"""The search index: character bigrams -> records, cut into small files the browser fetches on demand.

Files under site/searchindex/ (format documented for the client in content/assets/search/search.js):
  manifest.json      counts, shard count, bigrams big enough for a file of their own, filter groups
  records.bin        per record: group, flags, date, text length; per text chunk: first record and byte size
  g/<n>.bin          postings of the bigrams hashed to shard n (or one large bigram)
  c/<n>.json         stored text of consecutive records: [url, title, kind, date, status, text, keys]

A posting is (record id gap as varint, one byte tf<<1 | in-title). Any query of two or more characters maps
to the records holding all of its bigrams; the client checks the phrase on the stored text (substring
semantics, like Ctrl+F) before it shows a hit, and ranks by title, phrase count and date.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import shutil
import struct
from collections import Counter
from operator import add
from pathlib import Path

from .extract import Record
from .facts import GROUPS
from .text import fold

FORMAT_VERSION = 1
CHUNK_BYTES = 8_000  # stored text per file: a hit costs about this much to show
SHARD_BYTES = 16_000  # postings per shard file
EPOCH = dt.date(1900, 1, 1)
FLAG_STATUS, FLAG_ARTICLE, FLAG_LISTING = 1, 2, 4
MAX_TF = 127


def bigram_hash(bigram: str) -> int:
    """FNV-1a over the code points; search.js computes the same."""
    value = 0x811C9DC5
    for char in bigram:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def _varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _days(date: str) -> int:
    try:
        return max(0, min(0xFFFF, (dt.date.fromisoformat(date[:10]) - EPOCH).days))
    except ValueError:
        return 0


def _postings(records: list[Record]) -> dict[str, tuple[bytearray, int]]:
    """bigram -> (encoded postings, number of postings); records in id order so gaps stay positive."""
    entries: dict[str, list] = {}  # bigram -> [blob, previous record id, count]
    for rid, record in enumerate(records):
        head = fold(record.title + " " + record.keys)
        body = fold(record.text)
        counts = Counter(map(add, head, head[1:]))
        counts.update(map(add, body, body[1:]))
        in_head = set(map(add, head, head[1:]))
        for bigram, count in counts.items():
            entry = entries.get(bigram)
            if entry is None:
                if " " in bigram:
                    continue
                entry = entries[bigram] = [bytearray(), -1, 0]
            gap = rid - entry[1]
            entry[1] = rid
            entry[2] += 1
            blob = entry[0]
            if gap < 0x80:
                blob.append(gap)
            else:
                _varint(gap, blob)
            blob.append(((count if count < MAX_TF else MAX_TF) << 1) | (bigram in in_head))
    return {bigram: (entry[0], entry[2]) for bigram, entry in entries.items()}


def _shard_bytes(entries: list[tuple[str, bytes, int]]) -> bytes:
    out = bytearray()
    _varint(len(entries), out)
    for bigram, blob, count in entries:
        _varint(ord(bigram[0]), out)
        _varint(ord(bigram[1]), out)
        _varint(count, out)
        _varint(len(blob), out)
    for _, blob, _ in entries:
        out += blob
    return bytes(out)


def build_files(records: list[Record]) -> dict[str, bytes]:
    """Every index file (relative path -> bytes), deterministic for the same records."""
    files: dict[str, bytes] = {}
    # Text chunks of consecutive records.
    chunk_first: list[int] = []
    chunk_sizes: list[int] = []
    rows: list = []
    size = 0

    def flush():
        nonlocal rows, size
        if rows:
            data = _json(rows)
            files[f"c/{len(chunk_first) - 1}.json"] = data
            chunk_sizes.append(len(data))
        rows, size = [], 0

    for rid, record in enumerate(records):
        row = [record.url, record.title, record.kind, record.date, record.status, record.text, record.keys]
        row_size = len(_json(row))
        if rows and size + row_size > CHUNK_BYTES:
            flush()
        if not rows:
            chunk_first.append(rid)
        rows.append(row)
        size += row_size
    flush()

    table = bytearray(struct.pack("<II", len(records), len(chunk_first)))
    for record in records:
        flags = ((FLAG_STATUS if record.status else 0) | (FLAG_ARTICLE if record.article else 0)
                 | (FLAG_LISTING if record.listing else 0))
        table += struct.pack("<BBHH", GROUPS.index(record.group), flags, _days(record.date),
                             min(len(record.text), 0xFFFF))
    table += struct.pack(f"<{len(chunk_first)}I", *chunk_first)
    table += struct.pack(f"<{len(chunk_sizes)}I", *chunk_sizes)
    files["records.bin"] = bytes(table)

    blobs = _postings(records)
    total = sum(len(b) for b, _ in blobs.values())
    shard_count = max(1, math.ceil(total / SHARD_BYTES))
    solo_limit = SHARD_BYTES // 2
    shards: dict[int, list] = {}
    solo: dict[str, int] = {}
    for bigram in sorted(blobs):
        blob, count = blobs[bigram]
        entry = (bigram, bytes(blob), count)
        if len(blob) > solo_limit:
            solo[bigram] = shard_count + len(solo)
            files[f"g/{solo[bigram]}.bin"] = _shard_bytes([entry])
        else:
            shards.setdefault(bigram_hash(bigram) % shard_count, []).append(entry)
    for number in range(shard_count):
        files[f"g/{number}.bin"] = _shard_bytes(shards.get(number, []))

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(files[name])
    manifest = {
        "version": FORMAT_VERSION,
        "build": digest.hexdigest()[:16],
        "records": len(records),
        "chunks": len(chunk_first),
        "shards": shard_count,
        "solo": solo,
        "groups": list(GROUPS),
        "epoch": EPOCH.isoformat(),
        "average_length": round(sum(len(r.text) for r in records) / max(1, len(records))),
    }
    files["manifest.json"] = _json(manifest)
    return files


def write_files(files: dict[str, bytes], folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    for name in sorted(files):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[name])
