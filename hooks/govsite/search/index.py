"""The search index: character n-grams (2, 3 and 4 characters) -> records, cut into small files fetched on demand.

Files under site/searchindex/ (format documented for the client in content/assets/search/search.js):
  manifest.json      counts, shard count, n-grams big enough for a file of their own, filter groups, kinds
  records.bin        per record: group, flags, date, text length; per text chunk: first record and byte size
  titles.json        per record: [url, title, kind number, status, keys] (trailing empty fields left out),
                     loaded with records.bin on the first use of the search box: hits are shown from it
                     as soon as the n-gram lists are in, without waiting for their text
  g/<n>.bin          postings of the n-grams whose shard_key hashes to shard n (or of one large n-gram): a word,
                     its synonyms and the phrases holding them mostly share a file
  fold.json          {"from", "to"}: the characters whose fold search.js cannot compute itself (traditional
                     characters, brackets; text.browser_table()), loaded with the titles
  words.json         the dictionary to split a query typed without spaces, filler words, synonyms and everyday
                     words, the laws' pages, the intents' pages (words.py); loaded beside the titles
  pinyin.json        the sound of each common character and of every character of words.json (pinyin.py):
                     loaded beside words.json, to offer the same-sounding word that is meant when a word of a
                     query is on no page
  c/<n>.json         the text of consecutive records, one string each: for snippets, and to confirm terms
                     of five or more characters. A text longer than PART_TEXT characters is cut into parts between words,
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
import os
import queue
import re
import shutil
import struct
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import numpy as np

from .. import derived
from .derive import everyday_links
from .extract import Record
from .facts import GROUPS
from .pinyin import pinyin_file
from .text import browser_table, fold, fold_char
from .words import Intent, Vocabulary, common_words, dictionary_counts, page_words, words_file

FORMAT_VERSION = 3  # 3: n-grams filed by shard_key
CHUNK_BYTES = 4_000  # stored text per file: a hit costs about this much to show
SHARD_BYTES = 15_000  # bytes per shard file (its n-grams' code points, counts and postings)
EPOCH = dt.date(1900, 1, 1)
FLAG_STATUS, FLAG_ARTICLE, FLAG_LISTING = 1, 2, 4
# Every record's whole text is stored, so that a hit is never taken on trust: a long one (a page of 500
# answers) in parts of this many characters; confirming a term there fetches the parts, a snippet the first.
PART_TEXT = 6_000
# Where a part may end: after a space (between a page's blocks) or a mark that ends a phrase. A part cut inside a
# word would publish its halves as words of their own (条文内容 cut as 条 | 文内容, which reads as a name), and the
# output guard reads each file as it is published.
_PART_BREAK = re.compile(r"[\s。；！？，、：）)】」』》]")
MAX_TF = 127


def gram_hash(gram: str) -> int:
    """FNV-1a over the code points; search.js computes the same."""
    value = 0x811C9DC5
    for char in gram:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def variant_keys(words: bytes) -> dict[str, str]:
    """What the n-grams holding a synonym or an everyday word are filed under (shard_key), from words.json, which
    search.js reads the same way: each member of a synonym group stands for the group's first word, each everyday
    word for its first official term; the first mention wins."""
    data = json.loads(words)
    keys: dict[str, str] = {}
    for group in data["synonyms"]:
        for member in group:
            if len(member) >= 2:
                keys.setdefault(member, group[0])
    for says, official in data["everyday"]:
        for say in says:
            if len(say) >= 2:
                keys.setdefault(say, official[0])
    return keys


def shard_key(gram: str, keys: dict[str, str], longest: int) -> str:
    """The string whose hash files `gram` in a shard: the gram with each synonym or everyday word in it (the
    longest from the left) put as the word it stands for. A query looks for a word and its synonyms, and for a
    phrase with each synonym put in (优待证怎么办理, 优待卡怎么办理): filed under one key, their lists come in one
    file, not one file each (fewer requests before the first hits). search.js computes the same."""
    out, i, n = [], 0, len(gram)
    while i < n:
        for size in range(min(longest, n - i), 1, -1):
            word = keys.get(gram[i:i + size])
            if word is not None:
                out.append(word)
                i += size
                break
        else:
            out.append(gram[i])
            i += 1
    return "".join(out)


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


def _fold_table() -> bytes:
    """Code point -> folded code point over the Basic Multilingual Plane, as little-endian int64s."""
    table = np.arange(0x10000, dtype="<i8")
    for code in range(0x80, 0x10000):
        if not 0xD800 <= code <= 0xDFFF:
            folded = fold_char(chr(code))
            if folded != chr(code):
                table[code] = ord(folded)
    table[:0x80] = [ord(c) for c in fold("".join(map(chr, range(0x80))))]
    return table.tobytes()


def _folded_code_points(text: str) -> np.ndarray:
    """fold(text) as int64 code points, by table lookup: the same characters as text.fold(), without building
    the folded string (at 10,000 documents folding strings took 1.5 s of the index's CPU)."""
    if not _FOLD_TABLE:  # kept from one build to the next (derived.py): 65,000 characters folded take a second
        _FOLD_TABLE.append(np.frombuffer(derived.cached("fold-table", _fold_table), dtype="<i8"))
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


def _encode(packed: np.ndarray, rid_bits: int, keys: np.ndarray, n: int) -> dict[str, tuple[bytes, int]]:
    """Group postings into encoded posting lists. Each posting is one 64-bit integer (n-gram number, record id,
    value: most significant first; `rid_bits` bits for the record), so that one plain sort puts every n-gram's
    postings together, in record order: several times faster than a stable argsort of the keys and three
    gathers, at millions of postings. keys[number] is the key of the n-gram numbered `number` (GramNumbering).
    The order of the numbers does not matter: the lists are returned by n-gram. `packed` is sorted and reused
    in place (its memory is the largest part of a group's)."""
    if not len(packed):
        return {}
    packed.sort()
    vals = (packed & np.uint64(0xFF)).astype(np.uint8)
    rids = ((packed >> np.uint64(8)) & np.uint64((1 << rid_bits) - 1)).astype(np.int32)
    numbers = np.right_shift(packed, np.uint64(rid_bits + 8), out=packed)  # packed is not needed any more
    starts = np.flatnonzero(np.concatenate(([True], numbers[1:] != numbers[:-1])))
    gaps = np.empty(len(rids), dtype=np.int32)
    gaps[0] = rids[0] + 1
    np.subtract(rids[1:], rids[:-1], out=gaps[1:])
    gaps[starts] = rids[starts] + 1
    del rids
    # varint bytes per gap (record ids stay below 2**28)
    width = (1 + (gaps >= 1 << 7).astype(np.uint8) + (gaps >= 1 << 14) + (gaps >= 1 << 21)).astype(np.uint8)
    offsets = np.cumsum(width + 1, dtype=np.int64)
    offsets -= width + 1
    total = int(offsets[-1] + width[-1] + 1)
    out = np.empty(total, dtype=np.uint8)
    out[offsets] = (gaps & 0x7F) | ((width > 1).astype(np.int32) << 7)  # every gap's first byte, in one pass
    for byte in range(1, 4):
        has = np.flatnonzero(width > byte)
        if not len(has):
            break
        chunk = (gaps[has] >> (7 * byte)) & 0x7F
        more = (width[has] > byte + 1).astype(np.int32) << 7
        out[offsets[has] + byte] = chunk | more
    out[offsets + width] = vals
    del gaps, vals
    ends = np.concatenate((offsets[starts[1:]], [total]))
    counts = np.diff(np.concatenate((starts, [len(numbers)])))
    return {_gram(int(k), n): (out[b:e].tobytes(), int(c))
            for k, b, e, c in zip(keys[numbers[starts]].tolist(), offsets[starts].tolist(), ends.tolist(),
                                  counts.tolist())}


class GramNumbering:
    """Every distinct n-gram numbered (one numbering per n), in the order first met: _encode sorts numbers, not
    keys (a trigram's key takes 63 bits, leaving no room for the record in one integer).

    Numbers are given a batch of records at a time (`numbered`): one np.unique over the batch's keys and one
    lookup per distinct n-gram of the batch, not one per posting. `mkdocs build` numbers pages while MkDocs
    renders the next ones (search.PageStream), so that after the last page only the sorts are left."""

    def __init__(self):
        self._known: list[dict] = [{} for _ in NGRAM_SIZES]  # key -> number (a dict keeps insertion order)

    def numbered(self, grams: list[list[tuple]]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """record_grams() of some records, for each n of NGRAM_SIZES: the numbers of their n-grams (uint32) and
        their values, every record's after the one before, and how many each record has."""
        out = []
        for size in range(len(NGRAM_SIZES)):
            parts = [g[size][0] for g in grams]
            lengths = np.fromiter((len(part) for part in parts), dtype=np.int32, count=len(parts))
            if not lengths.sum():
                out.append((np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint8), lengths))
                continue
            distinct, where = np.unique(np.concatenate(parts), return_inverse=True)
            known = self._known[size]
            numbers = np.fromiter((known.setdefault(key, len(known)) for key in distinct.tolist()),
                                  dtype=np.uint32, count=len(distinct))[where]
            out.append((numbers, np.concatenate([g[size][1] for g in grams]), lengths))
        return out

    def keys(self, size: int) -> np.ndarray:
        """The keys of the n-grams of NGRAM_SIZES[size], by number."""
        known = self._known[size]
        return np.fromiter(known, dtype=np.uint64 if NGRAM_SIZES[size] == 4 else np.int64, count=len(known))

    def last_keys(self, size: int) -> np.ndarray:
        """keys(size), forgetting the numbering of that size (a hundred bytes an n-gram): no more are numbered."""
        found = self.keys(size)
        self._known[size] = {}
        return found


NUMBERING_BATCH = 256  # records numbered at once: big enough for np.unique to pay, small enough to stay cheap
# Postings sorted at once. A group costs about 40 bytes a posting while it is sorted and encoded, and two are
# grouped at a time: at 100,000 documents an n-gram size has some 90 million postings, and sorting a whole
# size at once (two sizes at a time) took five of the index process's 7.6 GB.
GROUP_POSTINGS = 8_000_000


class Postings:
    """The numbered n-grams of records, gathered as the records come (search.PageStream: in the order MkDocs
    writes the pages), then grouped into posting lists (`grouped`).

    Written to a temporary file as they come, one array of n-gram numbers (uint32) and one of values per batch
    of records and n (five bytes a posting: at 100,000 documents some 250 million postings, 1.2 GB the index
    process would otherwise hold to the end), and read back a band of n-gram numbers at a time
    (GROUP_POSTINGS), so the sort's arrays do not grow with the site either."""

    def __init__(self):
        self.numbering = GramNumbering()
        self._batches: list[list[tuple]] = [[] for _ in NGRAM_SIZES]  # per n: (offset in the file, count, lengths)
        self._file = tempfile.TemporaryFile(prefix="govsite-postings-")
        self._end = 0
        self._counts = [np.zeros(0, dtype=np.int64) for _ in NGRAM_SIZES]  # per n: postings of each n-gram
        self.records = 0
        self.record_ids = None  # record_ids[i]: the id of the i-th record added, when not i (set by the caller)

    def add(self, grams: list[list[tuple]]) -> None:
        """record_grams() of the next records, in the order they came."""
        for size, (numbers, values, lengths) in enumerate(self.numbering.numbered(grams)):
            self._file.write(numbers.astype(np.uint32, copy=False).tobytes())
            self._file.write(values.tobytes())
            self._batches[size].append((self._end, len(numbers), lengths))
            self._end += 5 * len(numbers)
            found = np.bincount(numbers, minlength=len(self._counts[size]))
            found[:len(self._counts[size])] += self._counts[size]
            self._counts[size] = found
        self.records += len(grams)

    def _read(self, offset: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        """A batch's numbers and values (os.pread: the two grouping threads read the file at once)."""
        raw = os.pread(self._file.fileno(), 5 * count, offset)
        if len(raw) != 5 * count:
            raise OSError(f"search index: short read of the postings' temporary file ({len(raw)} of {5 * count})")
        return np.frombuffer(raw, dtype=np.uint32, count=count), np.frombuffer(raw, dtype=np.uint8, offset=4 * count)

    def add_records(self, records: list[Record]) -> None:
        for start in range(0, len(records), NUMBERING_BATCH):
            self.add([record_grams(r) for r in records[start:start + NUMBERING_BATCH]])

    def grouped(self) -> dict[str, tuple[bytes, int]]:
        """n-gram -> (encoded postings, number of postings) of every record, by the records' ids (record_ids).
        Lets go of what it holds: grouping is the last use.

        Bands of consecutive n-gram numbers with at most GROUP_POSTINGS postings (or one n-gram) are sorted and
        encoded one after the other, two at a time (numpy's sorts and gathers release the GIL)."""
        self._file.flush()
        ids = (np.arange(self.records, dtype=np.int64) if self.record_ids is None
               else np.asarray(self.record_ids, dtype=np.int64))
        dropped = bool((ids < 0).any())  # records left out (a page written twice: its first records)
        rid_bits = max(1, int(ids.max(initial=0)).bit_length())
        tasks = []
        keys = []
        for size in range(len(NGRAM_SIZES)):
            keys.append(self.numbering.last_keys(size))
            number_bits = max(1, (len(keys[size]) - 1).bit_length())
            if number_bits + rid_bits + 8 > 64:
                raise ValueError(f"search index too large: {len(keys[size])} {NGRAM_SIZES[size]}-grams in "
                                 f"{self.records} records")
            ends = np.cumsum(self._counts[size])
            if not len(ends) or not ends[-1]:
                continue
            cuts = np.searchsorted(ends, np.arange(GROUP_POSTINGS, int(ends[-1]), GROUP_POSTINGS), side="right")
            edges = [0, *sorted({int(c) for c in cuts if 0 < c < len(ends)}), len(ends)]
            tasks += [(size, low, high, len(edges) == 2) for low, high in zip(edges, edges[1:])]

        def one_band(task) -> dict[str, tuple[bytes, int]]:
            size, low, high, whole = task
            parts = []
            first = 0  # the batch's first record, in the order added
            for offset, count, lengths in self._batches[size]:
                numbers, values = self._read(offset, count)
                rids = np.repeat(ids[first:first + len(lengths)], lengths)
                first += len(lengths)
                keep = None if whole else (numbers >= low) & (numbers < high)
                if dropped:
                    keep = rids >= 0 if keep is None else keep & (rids >= 0)
                if keep is not None:
                    numbers, values, rids = numbers[keep], values[keep], rids[keep]
                packed = numbers.astype(np.uint64) << np.uint64(rid_bits + 8)
                packed |= rids.astype(np.uint64) << np.uint64(8)
                packed |= values
                parts.append(packed)
            packed = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
            del parts
            return _encode(packed, rid_bits, keys[size], NGRAM_SIZES[size])

        result: dict[str, tuple[bytes, int]] = {}
        try:
            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="govsite-search-postings") as pool:
                for part in pool.map(one_band, tasks):
                    result.update(part)
        finally:
            self._batches = [[] for _ in NGRAM_SIZES]
            self._file.close()
        return result


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


def _parts(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of a long text: at most PART_TEXT characters each, each ending after the last
    break (_PART_BREAK) in its second half, or at PART_TEXT where that half has none."""
    start = 0
    while start < len(text):
        end = min(start + PART_TEXT, len(text))
        if end < len(text):
            breaks = [m.end() for m in _PART_BREAK.finditer(text, start + PART_TEXT // 2, end)]
            if breaks:
                end = breaks[-1]
        yield start, end
        start = end


def build_files(records: list[Record], vocabulary: Vocabulary | None = None,
                problems: list[str] | None = None) -> dict[str, bytes]:
    """Every index file (relative path -> bytes), deterministic for the same records and vocabulary
    (`vocabulary`: the editor's search words, data/search/). Mistakes of the editor's data found only here
    (an intent's page that does not exist) are added to `problems`."""
    return dict(iter_files(records, vocabulary=vocabulary, problems=problems))


def law_pages(records: list[Record]) -> list[int]:
    """Record ids of the laws' own pages: the pages whose articles are records of their own."""
    with_articles = {record.page_url for record in records if record.article}
    return [rid for rid, record in enumerate(records) if record.url in with_articles]


def intent_pages(records: list[Record], vocabulary: Vocabulary | None,
                 problems: list[str] | None = None) -> list[tuple[int, Intent]]:
    """(record id of its page, intent) for each intent of the editor's data whose page is in the index; a page
    that is not is reported in `problems` as the editor's mistake, with the file and line."""
    rid_of = {record.url: rid for rid, record in enumerate(records)}
    found = []
    for intent in vocabulary.intents if vocabulary else ():
        rid = rid_of.get(intent.url)
        if rid is None:
            if problems is not None:
                problems.append(f"{intent.file}:{intent.line} 入口“{intent.name}” 页面: 本站没有可搜索的页面"
                                f"“{intent.url}”：请写浏览器地址栏中网站地址后面的部分，如 xxgk/ysqgk/")
            continue
        found.append((rid, intent))
    return found


def iter_files(records: list[Record], postings: Postings | None = None, vocabulary: Vocabulary | None = None,
               problems: list[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """build_files() one file at a time, the stored texts first and the manifest last, so that a writer can
    write the first files while the postings are still being grouped. `postings`: the records' n-grams, when
    gathered beforehand (search.PageStream: in another order, given by its record_ids)."""
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
            for start, end in _parts(record.text):
                chunk_first.append(rid)
                rows.append(record.text[start:end])
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

    if postings is None:
        postings = Postings()
        postings.add_records(records)
    blobs = postings.grouped()
    solo_limit = SHARD_BYTES // 2
    # What the shard files hold: the n-grams not filed alone, each with its code points and counts (about its UTF-8
    # length and three bytes). On a small site those are most of a file (a 4-gram on one page: 15 bytes beside 2 of
    # postings): counted by their postings alone, the demo site's files were 42 kB each, a question's 17–26 of them
    # over 300 kB.
    total = sum(len(b) + len(g.encode()) + 3 for g, (b, _) in blobs.items() if len(b) <= solo_limit)
    shard_count = max(1, math.ceil(total / SHARD_BYTES))
    shards: dict[int, list] = {}
    solo: dict[str, int] = {}
    intents = intent_pages(records, vocabulary, problems)
    common = common_words(vocabulary or Vocabulary())
    # A list's text is the content of the pages it lists (the finder names every benefit): not its own words.
    own = {rid: page_words(records[rid].title + " " + records[rid].text,
                           lambda w: blobs[w][1] if w in blobs else 0, common)
           for rid, _ in intents if not records[rid].listing}
    holding = lambda w: blobs[w][1] if w in blobs else 0
    derived_words = everyday_links(vocabulary.articles, vocabulary.cited, dictionary_counts(), common, holding,
                             len(records)) if vocabulary and (vocabulary.articles or vocabulary.cited) else []
    files["words.json"] = words_file(vocabulary, blobs.__contains__, laws=law_pages(records), intents=intents,
                                     common=common, own_words=own, records_holding=holding, derived=derived_words)
    keys = variant_keys(files["words.json"])
    longest = max(map(len, keys), default=0)
    for gram in sorted(blobs):
        blob, count = blobs[gram]
        blobs[gram] = None  # held by its shard from here on (only which n-grams exist is asked below)
        entry = (gram, bytes(blob), count)
        if len(blob) > solo_limit:
            solo[gram] = shard_count + len(solo)
            files[f"g/{solo[gram]}.bin"] = _shard_bytes([entry])
            yield f"g/{solo[gram]}.bin", files[f"g/{solo[gram]}.bin"]
        else:
            shards.setdefault(gram_hash(shard_key(gram, keys, longest)) % shard_count, []).append(entry)
    for number in range(shard_count):
        files[f"g/{number}.bin"] = _shard_bytes(shards.pop(number, []))
        yield f"g/{number}.bin", files[f"g/{number}.bin"]
    files["fold.json"] = fold_file()
    files["pinyin.json"] = pinyin_file(_site_words(files["words.json"]))
    yield "words.json", files["words.json"]
    yield "fold.json", files["fold.json"]
    yield "pinyin.json", files["pinyin.json"]

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


def _site_words(words: bytes) -> list[str]:
    data = json.loads(words)
    return [w for group in data["words"].values() for w in group.split()]


@cache
def fold_file() -> bytes:
    table = browser_table()
    return _json({"from": "".join(table), "to": "".join(table.values())})


FRESH, STALE = ".new", ".old"  # write_files: the index being written beside the folder, the one it replaces


def generations(folder: Path) -> tuple[Path, Path, Path]:
    """The index folder and the two write_files() makes beside it while it swaps a new index in."""
    return folder, folder.with_name(folder.name + FRESH), folder.with_name(folder.name + STALE)


def settle_folder(folder: Path) -> None:
    """After a writer stopped half-way (a process stopped while it wrote), the index folder as it was before that
    writer started: whole and served. Its new files are removed; if it stopped between its two renames (the old
    index moved aside, the new one not yet in place), the old index is put back, since nothing says the new one
    was complete."""
    folder, fresh, stale = generations(folder)
    if stale.exists() and not folder.exists():
        stale.rename(folder)
    for leftover in (fresh, stale):
        if leftover.exists():
            shutil.rmtree(leftover)


def write_files(files, folder: Path) -> dict[str, int]:
    """Write the index beside the old one, then swap, so a browser never reads half of each. `files` is a dict or
    an iterable of (name, bytes) such as iter_files(): a thread writes each file as it comes (the disk is slow
    right after a build has written its pages) while the next ones are being made. Returns name -> size."""
    folder, fresh, stale = generations(folder)
    settle_folder(folder)
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
