"""The search index: character n-grams (2, 3 and 4 characters) -> records, cut into small files fetched on demand.

Files under site/searchindex/ (format documented for the client in content/assets/search/search.js):
  manifest.json      counts, shard count, n-grams big enough for a file of their own, filter groups, kinds
  records.bin        per record: group, flags, date, text length; per text chunk: first record and byte size
  titles.json        per record: [url, title, kind number, status, keys] (trailing empty fields left out),
                     loaded with records.bin on the first use of the search box: hits are shown from it
                     as soon as the n-gram lists are in, without waiting for their text
  g/<n>.bin          postings of the n-grams hashed to shard n (or of one large n-gram)
  fold.json          {"from", "to"}: the characters whose fold search.js cannot compute itself (traditional
                     characters, brackets; text.browser_table()), loaded with the titles
  words.json         the dictionary to split a query typed without spaces, filler words, synonyms (words.py);
                     loaded beside the titles, needed only when a query is found nowhere as typed
  c/<n>.json         the text of consecutive records, one string each: for snippets, and to confirm terms
                     of five or more characters. A text longer than PART_TEXT characters is cut into parts,
                     each a file of its own (consecutive files whose first record is that record)

A posting is (record id gap as varint, one byte tf<<1 | in-title-or-keys). A term of two to four characters is
one n-gram: its postings are exactly the records containing it (4-grams of characters outside the Basic
Multilingual Plane are not indexed; the client covers such terms with trigrams). A longer term maps to the
records holding all of the 4-grams that cover it; the client confirms the phrase in the title, the keys or the
stored text (substring semantics, like Ctrl+F) before it shows a hit. The rank comes from the postings and
the titles only, so that it is final before any text is fetched.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import queue
import shutil
import struct
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np

from .extract import Record
from .facts import GROUPS
from .text import browser_table, fold, fold_char
from .words import Vocabulary, words_file

FORMAT_VERSION = 2
CHUNK_BYTES = 4_000  # stored text per file: a hit costs about this much to show
SHARD_BYTES = 16_000  # postings per shard file
EPOCH = dt.date(1900, 1, 1)
FLAG_STATUS, FLAG_ARTICLE, FLAG_LISTING = 1, 2, 4
# Every record's whole text is stored, so that a hit is never taken on trust: a long one (a page of 500
# answers) in parts of this many characters; confirming a term there fetches the parts, a snippet the first.
PART_TEXT = 6_000
MAX_TF = 127


def gram_hash(gram: str) -> int:
    """FNV-1a over the code points; search.js computes the same."""
    value = 0x811C9DC5
    for char in gram:
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


_SPACE = 32
_BITS = 21  # a code point fits in 21 bits: a bigram key takes 42, a trigram key 63 (and is ≥ 2**42)
_MASK = (1 << _BITS) - 1
_BMP = 0xFFFF  # a 4-gram key is four 16-bit code points in a uint64: only grams of BMP characters
NGRAM_SIZES = (2, 3, 4)


_FOLD_TABLE: list = []  # code point -> folded code point, for the Basic Multilingual Plane (built on first use)


def _folded_code_points(text: str) -> np.ndarray:
    """fold(text) as int64 code points, by table lookup: the same characters as text.fold(), without building
    the folded string (at 10,000 documents folding strings took 1.5 s of the index's CPU)."""
    if not _FOLD_TABLE:
        table = np.arange(0x10000, dtype=np.int64)
        for code in range(0x80, 0x10000):
            if not 0xD800 <= code <= 0xDFFF:
                folded = fold_char(chr(code))
                if folded != chr(code):
                    table[code] = ord(folded)
        table[:0x80] = [ord(c) for c in fold("".join(map(chr, range(0x80))))]
        _FOLD_TABLE.append(table)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    astral = cps > 0xFFFF
    folded = _FOLD_TABLE[0][np.where(astral, 0, cps)]
    if astral.any():  # rare: look those up one by one
        folded[astral] = [ord(fold_char(chr(c))) for c in cps[astral].tolist()]
    return folded


def _keys(cps: np.ndarray, n: int):
    """Keys of the n-grams (n = 2, 3: int64 of 21-bit code points; n = 4: uint64 of 16-bit code points, BMP
    only) of folded code points that do not span a space."""
    if n == 4:
        if len(cps) < 4:
            return np.empty(0, dtype=np.uint64)
        wide = cps.astype(np.uint64)
        keys = wide[:len(cps) - 3].copy()
        valid = (cps[:len(cps) - 3] != _SPACE) & (cps[:len(cps) - 3] <= _BMP)
        for i in range(1, 4):
            part = cps[i:len(cps) - 3 + i]
            keys = (keys << np.uint64(16)) | wide[i:len(cps) - 3 + i]
            valid &= (part != _SPACE) & (part <= _BMP)
        return keys[valid]
    if len(cps) < n:
        return np.empty(0, dtype=np.int64)
    keys = cps[:len(cps) - n + 1].copy()
    valid = keys != _SPACE
    for i in range(1, n):
        part = cps[i:len(cps) - n + 1 + i]
        keys = (keys << _BITS) | part
        valid &= part != _SPACE
    return keys[valid]


def _gram(key: int, n: int) -> str:
    if n == 4:
        return "".join(chr((key >> shift) & 0xFFFF) for shift in (48, 32, 16, 0))
    if n == 3:
        return chr(key >> (2 * _BITS)) + chr((key >> _BITS) & _MASK) + chr(key & _MASK)
    return chr(key >> _BITS) + chr(key & _MASK)


def _encode(arrays: list, n: int) -> dict[str, tuple[bytes, int]]:
    """Group (key, record, value) triples by key into encoded posting lists (numpy: millions of postings).

    `arrays` = [keys, records, values]; it is emptied so that the big inputs can be freed early.
    """
    keys, rids, vals = arrays
    arrays.clear()
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")  # stable: records stay in id order within a key
    keys = keys[order]
    rids = rids[order]
    vals = vals[order]
    del order
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    gaps = np.empty(len(rids), dtype=np.int32)
    gaps[0] = rids[0] + 1
    np.subtract(rids[1:], rids[:-1], out=gaps[1:])
    gaps[starts] = rids[starts] + 1
    # varint bytes per gap (record ids stay below 2**28)
    width = (1 + (gaps >= 1 << 7).astype(np.uint8) + (gaps >= 1 << 14) + (gaps >= 1 << 21)).astype(np.uint8)
    offsets = np.cumsum(width + 1, dtype=np.int64)
    offsets -= width + 1
    total = int(offsets[-1] + width[-1] + 1)
    out = np.zeros(total, dtype=np.uint8)
    for byte in range(4):
        has = np.flatnonzero(width > byte)
        if not len(has):
            break
        chunk = (gaps[has] >> (7 * byte)) & 0x7F
        more = (width[has] > byte + 1).astype(np.int32) << 7
        out[offsets[has] + byte] = chunk | more
    out[offsets + width] = vals
    del gaps, vals, rids
    ends = np.concatenate((offsets[starts[1:]], [total]))
    counts = np.diff(np.concatenate((starts, [len(keys)])))
    return {_gram(int(k), n): (out[b:e].tobytes(), int(c))
            for k, b, e, c in zip(keys[starts].tolist(), offsets[starts].tolist(), ends.tolist(), counts.tolist())}


def record_grams(record: Record) -> list[tuple]:
    """(n-gram keys, values) of one record for each n of NGRAM_SIZES: each distinct n-gram once, value
    tf << 1 | in-title-or-keys.

    Independent of every other record, so `mkdocs build` computes it while pages are still being rendered."""
    head = _folded_code_points(record.title + " " + record.keys)
    body = _folded_code_points(record.text)
    out = []
    for n in NGRAM_SIZES:
        head_keys = _keys(head, n)
        grams, counts = np.unique(np.concatenate((head_keys, _keys(body, n))), return_counts=True)
        head_grams = np.unique(head_keys)  # a title's few n-grams: a binary search beats np.isin
        if len(head_grams) and len(grams):
            at = np.minimum(np.searchsorted(head_grams, grams), len(head_grams) - 1)
            in_head = head_grams[at] == grams
        else:
            in_head = np.zeros(len(grams), dtype=bool)
        out.append((grams, ((np.minimum(counts, MAX_TF) << 1) | in_head).astype(np.uint8)))
    return out


def _postings(records: list[Record], grams: list | None = None) -> dict[str, tuple[bytes, int]]:
    """n-gram -> (encoded postings, number of postings) for the bigrams and the trigrams of every record.

    `grams`: record_grams() of each record when already computed."""
    if grams is None:
        grams = [record_grams(r) for r in records]
    result: dict[str, tuple[bytes, int]] = {}
    for size, n in enumerate(NGRAM_SIZES):  # one size at a time: a third of the memory
        keys = [g[size][0] for g in grams]
        if not sum(len(k) for k in keys):
            continue
        lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
        arrays = [np.concatenate(keys), np.repeat(np.arange(len(grams), dtype=np.int32), lengths),
                  np.concatenate([g[size][1] for g in grams])]
        del keys
        result.update(_encode(arrays, n))
    return result


@cache
def _varint_bytes(value: int) -> bytes:
    out = bytearray()
    _varint(value, out)
    return bytes(out)


def _shard_bytes(entries: list[tuple[str, bytes, int]]) -> bytes:
    # Headers are a million small numbers at 10,000 documents, mostly the same few thousand characters and
    # counts: their encodings are remembered (this was a quarter of the time after the last page).
    out = bytearray(_varint_bytes(len(entries)))
    for gram, blob, count in entries:
        out += b"".join([_varint_bytes(len(gram)), *[_varint_bytes(ord(char)) for char in gram],
                         _varint_bytes(count), _varint_bytes(len(blob))])
    for _, blob, _ in entries:
        out += blob
    return bytes(out)


def build_files(records: list[Record], grams: list | None = None,
                vocabulary: Vocabulary | None = None) -> dict[str, bytes]:
    """Every index file (relative path -> bytes), deterministic for the same records and vocabulary.

    `grams`: record_grams() of each record, when computed beforehand (see search.PageStream);
    `vocabulary`: the editor's search words (data/search/vocabulary.yml)."""
    return dict(iter_files(records, grams, vocabulary))


def iter_files(records: list[Record], grams: list | None = None,
               vocabulary: Vocabulary | None = None) -> Iterator[tuple[str, bytes]]:
    """build_files() one file at a time, the stored texts first and the manifest last, so that a writer can
    write the first files while the postings are still being grouped."""
    files: dict[str, bytes] = {}
    # Text chunks of consecutive records.
    chunk_first: list[int] = []
    chunk_sizes: list[int] = []
    rows: list = []
    size = 0

    def flush():  # the chunk so far as a file of its own, handed over at once
        nonlocal rows, size
        if rows:
            name, data = f"c/{len(chunk_first) - 1}.json", _json(rows)
            files[name] = data
            chunk_sizes.append(len(data))
            yield name, data
        rows, size = [], 0

    for rid, record in enumerate(records):
        if len(record.text) > PART_TEXT:  # alone, in parts: one file each
            yield from flush()
            for start in range(0, len(record.text), PART_TEXT):
                chunk_first.append(rid)
                rows.append(record.text[start:start + PART_TEXT])
                yield from flush()
            continue
        row_size = len(_json(record.text)) + 1
        if rows and size + row_size > CHUNK_BYTES:
            yield from flush()
        if not rows:
            chunk_first.append(rid)
        rows.append(record.text)
        size += row_size
    yield from flush()

    # What a hit shows before its text: every record's link, title, kind, status and document numbers.
    kinds = sorted({record.kind for record in records})
    kind_number = {kind: number for number, kind in enumerate(kinds)}
    titles = []
    for record in records:
        row = [record.url, record.title, kind_number[record.kind], record.status, record.keys]
        while len(row) > 3 and not row[-1]:
            row.pop()
        titles.append(row)
    files["titles.json"] = _json(titles)
    yield "titles.json", files["titles.json"]

    table = bytearray(struct.pack("<II", len(records), len(chunk_first)))
    for record in records:
        flags = ((FLAG_STATUS if record.status else 0) | (FLAG_ARTICLE if record.article else 0)
                 | (FLAG_LISTING if record.listing else 0))
        table += struct.pack("<BBHH", GROUPS.index(record.group), flags, _days(record.date),
                             min(len(record.text), 0xFFFF))
    table += struct.pack(f"<{len(chunk_first)}I", *chunk_first)
    table += struct.pack(f"<{len(chunk_sizes)}I", *chunk_sizes)
    files["records.bin"] = bytes(table)
    yield "records.bin", files["records.bin"]

    blobs = _postings(records, grams)
    total = sum(len(b) for b, _ in blobs.values())
    shard_count = max(1, math.ceil(total / SHARD_BYTES))
    solo_limit = SHARD_BYTES // 2
    shards: dict[int, list] = {}
    solo: dict[str, int] = {}
    for gram in sorted(blobs):
        blob, count = blobs[gram]
        entry = (gram, bytes(blob), count)
        if len(blob) > solo_limit:
            solo[gram] = shard_count + len(solo)
            files[f"g/{solo[gram]}.bin"] = _shard_bytes([entry])
            yield f"g/{solo[gram]}.bin", files[f"g/{solo[gram]}.bin"]
        else:
            shards.setdefault(gram_hash(gram) % shard_count, []).append(entry)
    for number in range(shard_count):
        files[f"g/{number}.bin"] = _shard_bytes(shards.get(number, []))
        yield f"g/{number}.bin", files[f"g/{number}.bin"]
    files["words.json"] = words_file(vocabulary, blobs.__contains__)
    files["fold.json"] = fold_file()
    yield "words.json", files["words.json"]
    yield "fold.json", files["fold.json"]

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
        "kinds": kinds,
        "epoch": EPOCH.isoformat(),
        "average_length": round(sum(len(r.text) for r in records) / max(1, len(records))),
    }
    yield "manifest.json", _json(manifest)


@cache
def fold_file() -> bytes:
    table = browser_table()
    return _json({"from": "".join(table), "to": "".join(table.values())})


def write_files(files, folder: Path) -> dict[str, int]:
    """Write the index beside the old one, then swap, so a browser never reads half of each. `files` is a dict or
    an iterable of (name, bytes) such as iter_files(): a thread writes each file as it comes (the disk is slow
    right after a build has written its pages) while the next ones are being made. Returns name -> size."""
    fresh = folder.with_name(folder.name + ".new")
    stale = folder.with_name(folder.name + ".old")
    for leftover in (fresh, stale):
        if leftover.exists():
            shutil.rmtree(leftover)
    pending: queue.SimpleQueue = queue.SimpleQueue()
    failed: list[BaseException] = []

    def writer():
        made: set[Path] = set()
        while (item := pending.get()) is not None:
            if failed:
                continue
            try:
                target = fresh / item[0]
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(item[1])
            except BaseException as exc:  # reported by the caller, after the thread has ended
                failed.append(exc)

    thread = threading.Thread(target=writer, name="govsite-search-index-writer")
    thread.start()
    written: dict[str, int] = {}
    try:
        for name, data in files.items() if isinstance(files, dict) else files:
            pending.put((name, data))
            written[name] = len(data)
    except BaseException:
        pending.put(None)
        thread.join()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    pending.put(None)
    thread.join()
    if failed:
        shutil.rmtree(fresh, ignore_errors=True)
        raise failed[0]
    if folder.exists():
        folder.rename(stale)
    fresh.rename(folder)
    if stale.exists():
        shutil.rmtree(stale)
    return written
