/* Site search: finds every page and law article containing what was typed (substring, like Ctrl+F).
 *
 * The index (built by hooks/govsite/search/ into searchindex/, format in index.py) maps character bigrams,
 * trigrams and 4-grams to records. A term of 2 to 4 characters is one n-gram list: exactly the records
 * containing it. A longer term needs the 4-grams covering it (a few small files); their intersection gives
 * the candidates, and the title, document numbers or stored text of a candidate confirm the phrase.
 * The first use of the search box loads every record's date, flags, link and title (records.bin,
 * titles.json): the rank needs nothing else, so hits are shown as soon as the n-gram lists are in (one round
 * of requests), and their snippets follow with the text files. Nothing is loaded until the search box is used.
 *
 * Text folding must match hooks/govsite/search/text.py: NFKC + lower case, one code point to one code
 * point with the same UTF-16 length, whitespace to a space.
 */
(function () {
  "use strict";

  var VERIFY_ALL_BYTES = 100000; // check every candidate when their text costs at most this much
  var PAGE_SIZE = 10; // hits shown per step
  var FIRST_PAINT = 5; // hits needed before anything is shown when candidates must be confirmed by their text
  var MAX_GRAMS = 3; // n-gram lists fetched at most per term: each is a request the first hits wait for; three
  // 4-grams spread over a term leave few candidates, and those are confirmed anyway
  var STEP_CHUNKS = 16; // text files fetched at most per step while looking for confirmed hits
  var FLAG_STATUS = 1, FLAG_ARTICLE = 2, FLAG_LISTING = 4;

  /* ---------------------------------------------------------------- folding */

  // Exactly Python's str.isspace() (JavaScript's \s differs on U+0085, U+001C–U+001F and U+FEFF).
  var SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  var foldCache = Object.create(null);
  function foldChar(c) {
    var hit = foldCache[c];
    if (hit !== undefined) return hit;
    var out = c, code = c.charCodeAt(0);
    if (c.length === 1 && code < 128) {
      out = (code >= 65 && code <= 90) ? String.fromCharCode(code + 32)
        : ((code >= 9 && code <= 13) || (code >= 28 && code <= 31)) ? " " : c;
    } else if (SPACE.test(c)) out = " ";
    else {
      var f = c.normalize("NFKC").toLowerCase();
      var cps = Array.from(f);
      if (cps.length === 1 && !SPACE.test(f) && f.length === c.length) out = f;
    }
    foldCache[c] = out;
    return out;
  }
  // Characters fold() may change: everything but printable ASCII without capitals and the CJK ideographs
  // (NFKC and lower case leave U+4E00–U+9FFF alone). The regular expression skips the rest natively: a
  // hit's 6,000 characters are folded in well under a millisecond, also before the code is optimised.
  var MAY_FOLD = /[^\x20-\x40\x5b-\x7e\u4e00-\u9fff]/gu;
  function fold(text) {
    return text.replace(MAY_FOLD, foldChar);
  }

  /* Timestamps of a query's steps, kept only while a measurement sets govsiteSearch.trace = [] (bench/). */
  function mark(step) {
    var trace = window.govsiteSearch && window.govsiteSearch.trace;
    if (trace) trace.push([step, performance.now()]);
  }

  function fnv(cps) {
    var h = 0x811c9dc5;
    for (var i = 0; i < cps.length; i++) h = Math.imul(h ^ cps[i], 0x01000193) >>> 0;
    return h;
  }

  /* ---------------------------------------------------------------- index files */

  function Index(base) {
    this.base = base; // URL of searchindex/
    this.shards = new Map(); // file number -> promise of its bytes
    this.lists = new Map(); // n-gram -> promise of its decoded postings
    this.chunks = new Map();
    this.ready = null;
  }

  /* XMLHttpRequest, not fetch(): the page gets the whole file in one task, where fetch() hands over the
   * headers and then the body in tasks of their own — each one more wait for the main thread on a busy phone
   * (measured with bench/search_scale.py: the n-gram lists reached the code about a third sooner). */
  Index.prototype.fetch = function (name, kind) {
    var url = new URL(name, this.base);
    url.search = this.base.search; // ?r=<release>: the page's own release's files (docs/publishing.md)
    if (this.build) url.searchParams.set("v", this.build); // a new build never mixes with cached old files
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      var failed = function () { reject(new Error("索引文件 " + name + " 无法下载（" + (request.status || "网络错误") + "）")); };
      request.open("GET", url.href);
      request.responseType = kind === "json" ? "json" : "arraybuffer";
      request.onload = function () {
        if (request.status !== 200 || request.response === null) failed(); else resolve(request.response);
      };
      request.onerror = failed;
      request.send();
    });
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.fetch("manifest.json", "json").then(function (m) {
        self.manifest = m;
        self.build = m.build;
        return Promise.all([self.fetch("records.bin", "bin"), self.fetch("titles.json", "json")]);
      }).then(function (loaded) {
        var buf = loaded[0], view = new DataView(buf);
        var n = view.getUint32(0, true), c = view.getUint32(4, true);
        self.count = n;
        self.titles = loaded[1]; // [url, title, kind number, status, keys]; trailing empty fields left out
        // Folded titles and document numbers, for ranking: all now (part of the first use of the box, a few
        // ms), not while a query waits (folding thousands of titles on a first run took up to 100 ms).
        self.foldedTitles = new Array(n);
        for (var t = 0; t < n; t++) self.title(t);
        self.group = new Uint8Array(n);
        self.flags = new Uint8Array(n);
        self.days = new Uint16Array(n);
        self.length = new Uint16Array(n);
        var off = 8;
        for (var i = 0; i < n; i++, off += 6) {
          self.group[i] = view.getUint8(off);
          self.flags[i] = view.getUint8(off + 1);
          self.days[i] = view.getUint16(off + 2, true);
          self.length[i] = view.getUint16(off + 4, true);
        }
        self.chunkFirst = new Uint32Array(c);
        self.chunkSize = new Uint32Array(c);
        for (var j = 0; j < c; j++) self.chunkFirst[j] = view.getUint32(off + 4 * j, true);
        off += 4 * c;
        for (var k = 0; k < c; k++) self.chunkSize[k] = view.getUint32(off + 4 * k, true);
        var epoch = Date.UTC(1900, 0, 1);
        self.year = new Uint16Array(n);
        var years = new Set();
        for (var r = 0; r < n; r++) {
          if (self.days[r]) { self.year[r] = new Date(epoch + self.days[r] * 86400000).getUTCFullYear(); years.add(self.year[r]); }
        }
        self.years = Array.from(years).sort(function (a, b) { return b - a; });
        // What the rank needs of each record besides its postings, computed once: BM25's length norm
        // (k1 = 1.2, b = 0.75) and the place of list pages (last) and of repealed texts (after those in force).
        var average = Math.max(self.manifest.average_length, 1);
        self.norm = new Float64Array(n);
        self.bonus = new Float64Array(n);
        for (var q = 0; q < n; q++) {
          self.norm[q] = 1.2 * (0.25 + 0.75 * Math.max(self.length[q], 1) / average);
          self.bonus[q] = (self.flags[q] & FLAG_LISTING ? -80 : 0) + (self.flags[q] & FLAG_STATUS ? -15 : 0);
        }
        return self;
      });
    }
    return this.ready;
  };

  /* Folded title and folded document numbers of a record (folded when first needed). */
  Index.prototype.title = function (rid) {
    var t = this.foldedTitles[rid];
    if (t === undefined) {
      var row = this.titles[rid];
      t = this.foldedTitles[rid] = [fold(row[1]), fold(row[4] || "")];
    }
    return t;
  };

  Index.prototype.isoDate = function (rid) {
    if (!this.days[rid]) return "";
    return new Date(Date.UTC(1900, 0, 1) + this.days[rid] * 86400000).toISOString().slice(0, 10);
  };

  Index.prototype.chunkOf = function (rid) {
    var lo = 0, hi = this.chunkFirst.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.chunkFirst[mid] <= rid) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* Varints (7 bits per byte, low first; every value in the index is below 2**28). The decoders below run
   * once per query on thousands of values, mostly before V8 has optimised them: plain loops over local
   * variables, no objects per value. */
  var after = 0; // position after the last varint read
  function varint(bytes, p) {
    var b = bytes[p++], value = b & 0x7f, shift = 7;
    while (b & 0x80) { b = bytes[p++]; value |= (b & 0x7f) << shift; shift += 7; }
    after = p;
    return value;
  }

  /* One n-gram's postings in a shard file, or null. The file: varint count; per n-gram its length, code
   * points, number of postings and byte size; then the postings of each, in the same order. */
  function shardEntry(bytes, gram) {
    var n = varint(bytes, 0), p = after, offset = 0, found = -1, count = 0, size = 0;
    for (var k = 0; k < n; k++) {
      var len = varint(bytes, p), same = len === gram.length;
      p = after;
      for (var c = 0; c < len; c++) {
        if (varint(bytes, p) !== gram[c]) same = false;
        p = after;
      }
      var entries = varint(bytes, p), bytesOf = varint(bytes, after);
      p = after;
      if (same && found < 0) { found = offset; count = entries; size = bytesOf; }
      offset += bytesOf;
    }
    return found < 0 ? null : { count: count, bytes: bytes.subarray(p + found, p + found + size) };
  }

  /* A posting is (record id gap as varint, one byte tf << 1 | in title). */
  function decodePostings(bytes, count) {
    var ids = new Int32Array(count), tf = new Uint8Array(count), title = new Uint8Array(count);
    var p = 0, rid = -1;
    for (var k = 0; k < count; k++) {
      var b = bytes[p++], gap = b & 0x7f, shift = 7;
      while (b & 0x80) { b = bytes[p++]; gap |= (b & 0x7f) << shift; shift += 7; }
      rid += gap;
      ids[k] = rid;
      var v = bytes[p++];
      tf[k] = v >> 1;
      title[k] = v & 1;
    }
    return { ids: ids, tf: tf, title: title };
  }

  Index.prototype.shardFile = function (gram) {
    var solo = this.manifest.solo[gram];
    if (solo !== undefined) return solo;
    var cps = Array.from(gram).map(function (c) { return c.codePointAt(0); });
    return fnv(cps) % this.manifest.shards;
  };

  /* Postings of one n-gram: {ids (ascending record ids), tf, title (1 when in the title)}. */
  Index.prototype.postings = function (gram) {
    var self = this;
    if (!this.lists.has(gram)) {
      var file = this.shardFile(gram);
      if (!this.shards.has(file)) {
        this.shards.set(file, this.fetch("g/" + file + ".bin", "bin").then(function (buf) { return new Uint8Array(buf); }));
      }
      var cps = Array.from(gram).map(function (c) { return c.codePointAt(0); });
      this.lists.set(gram, this.shards.get(file).then(function (bytes) {
        var entry = shardEntry(bytes, cps);
        return entry ? decodePostings(entry.bytes, entry.count) : decodePostings(bytes, 0);
      }));
    }
    return this.lists.get(gram);
  };

  Index.prototype.chunk = function (c) {
    if (!this.chunks.has(c)) this.chunks.set(c, this.fetch("c/" + c + ".json", "json"));
    return this.chunks.get(c);
  };

  /* The text files of a record: one, or the parts of a long text (consecutive files starting with it). */
  Index.prototype.chunksOf = function (rid) {
    var c = this.chunkOf(rid), k = c;
    while (k > 0 && this.chunkFirst[k - 1] === rid) k--;
    var out = [];
    for (var n = k; n <= c; n++) out.push(n);
    return out;
  };

  /* Stored text of records: rid -> text. `whole`: every part of a long text (to confirm a term), else its
   * first part (enough for a snippet). */
  Index.prototype.texts = function (rids, whole) {
    var self = this, wanted = new Map();
    rids.forEach(function (rid) {
      var parts = self.chunksOf(rid);
      wanted.set(rid, whole ? parts : parts.slice(0, 1));
    });
    var files = [];
    wanted.forEach(function (parts) { parts.forEach(function (c) { if (files.indexOf(c) === -1) files.push(c); }); });
    return Promise.all(files.map(function (c) { return self.chunk(c); })).then(function (loaded) {
      var byFile = new Map();
      files.forEach(function (c, k) { byFile.set(c, loaded[k]); });
      var texts = new Map();
      wanted.forEach(function (parts, rid) {
        texts.set(rid, parts.length > 1 || self.chunkFirst[parts[0]] === rid && byFile.get(parts[0]).length === 1
          ? parts.map(function (c) { return byFile.get(c)[0]; }).join("")
          : byFile.get(parts[0])[rid - self.chunkFirst[parts[0]]]);
      });
      return texts;
    });
  };

  /* ---------------------------------------------------------------- query */

  function parseQuery(query) {
    var seen = Object.create(null), terms = [];
    fold(query).split(" ").forEach(function (t) {
      if (t && !seen[t]) { seen[t] = true; terms.push(t); }
    });
    return terms;
  }

  var ASTRAL = /[\ud800-\udfff]/;
  function lengthOf(term) { return Array.from(term).length; }
  /* The largest n-gram indexed for a term: 4, or 3 when it has characters outside the Basic Multilingual
   * Plane (their 4-grams are not indexed). */
  function gramSize(term) { return ASTRAL.test(term) ? 3 : 4; }
  /* A term whose n-gram list is exactly the records containing it: nothing to confirm. */
  function exactTerm(term) { var n = lengthOf(term); return n >= 2 && n <= gramSize(term); }

  /* The n-grams whose lists hold every record containing `term`: the term itself when it has 2 to 4
   * characters, else the 4-grams at 0, 2, 4 … and the last one (overlapping, so that few records hold
   * them all without holding the term: 2025-20001 is not taken for 2025-20010). Any of them would do for
   * correctness (the candidates are confirmed); more of them only narrow the candidates. */
  function cover(term, solo) {
    var cps = Array.from(term), size = gramSize(term), out = [];
    if (cps.length <= size) return [term];
    for (var i = 0; i + size <= cps.length; i += 2) out.push(cps.slice(i, i + size).join(""));
    if ((cps.length - size) % 2 === 1) out.push(cps.slice(-size).join(""));
    // n-grams with a list of their own (`solo`: the most frequent, e.g. 人民政府 or the code every 索引号
    // starts with) are big downloads that narrow little down: when two or more others cover part of the
    // term, those are enough (the candidates are confirmed) — 县级以上地方人民政府 needs 级以上地 and 上地方人.
    var rare = out.filter(function (g, k) { return !(solo && solo[g] !== undefined) && out.indexOf(g) === k; });
    if (rare.length >= 2) return spread(rare, MAX_GRAMS);
    if (out.length <= MAX_GRAMS) return out;
    var common = out.filter(function (g, k) { return solo && solo[g] !== undefined && out.indexOf(g) === k; });
    return rare.concat(spread(common, 2 - rare.length));
  }

  function spread(list, count) {
    if (list.length <= count) return list.slice();
    var picked = [];
    for (var k = 0; k < count; k++) picked.push(list[Math.round(k * (list.length - 1) / Math.max(1, count - 1))]);
    return picked;
  }

  /* Records in every list, as a list of the same shape: tf the smallest, title 1 when in every title. */
  function intersect(lists) {
    lists = lists.slice().sort(function (a, b) { return a.ids.length - b.ids.length; });
    var first = lists[0];
    if (lists.length === 1) return first;
    var size = first.ids.length, ids = new Int32Array(size), tf = new Uint8Array(size), title = new Uint8Array(size);
    var cursors = new Int32Array(lists.length), n = 0;
    outer: for (var k = 0; k < size; k++) {
      var rid = first.ids[k], t = first.tf[k], h = first.title[k];
      for (var l = 1; l < lists.length; l++) {
        var other = lists[l].ids, lo = cursors[l], hi = other.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (other[mid] < rid) lo = mid + 1; else hi = mid; }
        cursors[l] = lo;
        if (lo >= other.length) break outer;
        if (other[lo] !== rid) continue outer;
        if (lists[l].tf[lo] < t) t = lists[l].tf[lo];
        h &= lists[l].title[lo];
      }
      ids[n] = rid; tf[n] = t; title[n] = h; n++;
    }
    return { ids: ids.subarray(0, n), tf: tf.subarray(0, n), title: title.subarray(0, n) };
  }

  /* Saturating, length-normalised term frequency (BM25; `norm` from Index.load), 0 … 22. */
  function tfScore(n, norm) {
    return 10 * n * 2.2 / (n + norm);
  }

  /* Candidates in rank order, taken a few at a time (a query may have thousands; a hit object is made only
   * for those actually shown). `length` is how many are left. */
  function Queue(rids, scores, keys, order) {
    this.rids = rids; this.scores = scores; this.at = 0; this.length = rids.length;
    this.keys = keys; // rank keys sorted ascending (see rankKey), or null when `order` lists the positions
    this.order = order;
  }
  /* Position in rids/scores of the candidate ranked `at` (decoded from its key only when it is taken). */
  Queue.prototype.position = function (at) {
    return this.order ? this.order[at] : DAY_UNIT - 1 - (this.keys[this.rids.length - 1 - at] % DAY_UNIT);
  };
  Queue.prototype.peek = function () {
    if (this.at >= this.rids.length) return null;
    var k = this.position(this.at);
    return { rid: this.rids[k], score: this.scores[k] };
  };
  Queue.prototype.take = function (n) {
    var out = [];
    while (out.length < n && this.at < this.rids.length) {
      var k = this.position(this.at++);
      out.push({ rid: this.rids[k], score: this.scores[k] });
    }
    this.length = this.rids.length - this.at;
    return out;
  };

  // Rank order as one number per candidate, sorted natively: score (to 1/16), then newer, then lower record id
  // (`position`, the candidate's place in record-id order, in the low bits: ascending ids rank first).
  var SCORE_STEPS = 16, SCORE_FLOOR = 1024, RANK_BITS = 20;
  var DAY_UNIT = Math.pow(2, RANK_BITS), SCORE_UNIT = Math.pow(2, RANK_BITS + 16), SCORE_MAX = Math.pow(2, 17) - 1;
  function rankKey(score, days, position) {
    var q = Math.floor((score + SCORE_FLOOR) * SCORE_STEPS + 0.5);
    q = q < 0 ? 0 : q > SCORE_MAX ? SCORE_MAX : q;
    return q * SCORE_UNIT + days * DAY_UNIT + (DAY_UNIT - 1 - position);
  }

  function Search(index) { this.index = index; }

  /* Score of a term found in the title or document numbers of a record (`head`: its n-grams are there).
   * Sets headCount to its occurrences there: the postings' tf counts them too, and only the body's count
   * should weigh as text (else every article of a law would rank by length, not by what its text says). */
  var headCount = 0;
  function headScore(idx, rid, term) {
    var t = idx.title(rid), at = t[0].indexOf(term);
    headCount = countOf(t[0], term) + countOf(t[1], term);
    if (at !== -1) {
      // A law article's title starts with the law's: a title hit counts less there than on the law's own page.
      return (idx.flags[rid] & FLAG_ARTICLE) ? 60 : 100 + (at === 0 ? 20 : 0) + (t[0] === term ? 30 : 0);
    }
    return t[1].indexOf(term) !== -1 ? 80 : 0; // 发文字号/索引号: after titles, before body text
  }

  /* Occurrences of `term` in `text`, overlapping ones too (as the n-gram postings count them). */
  function countOf(text, term) {
    var n = 0;
    for (var i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) n++;
    return n;
  }

  /* Candidates for a query, final scores, filters applied: a Queue in rank order. The score needs only the
   * postings and the titles, so the order is known before any text is fetched. */
  Search.prototype.candidates = function (terms, filters) {
    var idx = this.index;
    var long = terms.filter(function (t) { return lengthOf(t) >= 2; });
    var short = terms.filter(function (t) { return lengthOf(t) < 2; });
    var joined = terms.length > 1 ? terms.join("") : null;
    return Promise.all(long.map(function (term) {
      return Promise.all(cover(term, idx.manifest.solo).map(function (g) { return idx.postings(g); })).then(intersect);
    })).then(function (sets) {
      mark("lists");
      var order = sets.map(function (s, k) { return k; }).sort(function (a, b) { return sets[a].ids.length - sets[b].ids.length; });
      var base = sets[order[0]], size = base.ids.length;
      var rids = new Int32Array(size), scores = new Float64Array(size), n = 0;
      var packed = size < DAY_UNIT, keys = packed ? new Float64Array(size) : null, days = idx.days;
      var group = idx.group, year = idx.year, norm = idx.norm, bonus = idx.bonus, est = 0, rid = 0, tf = 0;
      var filtered = filters.group >= 0 || !!filters.year;
      if (sets.length === 1 && !short.length) {
        // One term, the usual query: the same score as below, in a loop that stays cheap on its first run.
        var ids1 = base.ids, tf1 = base.tf, head1 = base.title, term1 = long[0];
        for (var j = 0; j < size; j++) {
          rid = ids1[j];
          if (filtered && ((filters.group >= 0 && group[rid] !== filters.group) || (filters.year && year[rid] !== filters.year))) continue;
          est = 0; tf = tf1[j];
          if (head1[j]) { est = headScore(idx, rid, term1); tf = Math.max(0, tf - headCount); }
          est += tfScore(tf, norm[rid]);
          est += bonus[rid];
          if (packed) keys[n] = rankKey(est, days[rid], n);
          rids[n] = rid; scores[n] = est; n++;
        }
        mark("scored");
        return rankQueue(idx, rids.subarray(0, n), scores.subarray(0, n), packed ? keys.subarray(0, n) : null);
      }
      var cursors = new Int32Array(sets.length), at = new Int32Array(sets.length);
      outer: for (var k = 0; k < size; k++) {
        var inAllTitles = 1;
        rid = base.ids[k]; est = 0;
        if (filters.group >= 0 && group[rid] !== filters.group) continue;
        if (filters.year && year[rid] !== filters.year) continue;
        for (var o = 0; o < order.length; o++) {
          var s = order[o];
          if (o === 0) { at[s] = k; continue; }
          var ids = sets[s].ids, lo = cursors[s], hi = ids.length;
          while (lo < hi) { var mid = (lo + hi) >> 1; if (ids[mid] < rid) lo = mid + 1; else hi = mid; }
          cursors[s] = lo;
          if (lo >= ids.length) break outer;
          if (ids[lo] !== rid) continue outer;
          at[s] = lo;
        }
        for (var t = 0; t < sets.length; t++) {
          tf = sets[t].tf[at[t]];
          if (sets[t].title[at[t]]) { est += headScore(idx, rid, long[t]); tf = Math.max(0, tf - headCount); }
          else inAllTitles = 0;
          est += tfScore(tf, norm[rid]);
        }
        for (var u = 0; u < short.length; u++) {
          if (idx.title(rid)[0].indexOf(short[u]) !== -1) est += 10;
        }
        if (joined && inAllTitles && idx.title(rid)[0].indexOf(joined) !== -1) est += 30;
        est += bonus[rid];
        if (packed) keys[n] = rankKey(est, days[rid], n);
        rids[n] = rid; scores[n] = est; n++;
      }
      mark("scored");
      return rankQueue(idx, rids.subarray(0, n), scores.subarray(0, n), packed ? keys.subarray(0, n) : null);
    });
  };

  /* The candidates in rank order: their keys sorted natively (a run of the code that the browser has not
   * optimised yet costs about a microsecond per candidate and loop, and a query may have 10,000 of them). */
  function rankQueue(idx, rids, scores, keys) {
    if (keys) return new Queue(rids, scores, keys.sort(), null);
    // Beyond a million candidates the packed number has no room: compare.
    var slow = Array.from(rids.keys()).map(function (k) { return { rid: rids[k], score: scores[k], k: k }; });
    slow.sort(function (a, b) {
      return (b.score - a.score) || (idx.days[b.rid] - idx.days[a.rid]) || (a.rid - b.rid);
    });
    return new Queue(rids, scores, null, Int32Array.from(slow, function (c) { return c.k; }));
  }

  /* Does a candidate contain every term its n-gram lists do not prove? true, false, or null (its text is needed). */
  function confirmedWithout(idx, rid, unsure) {
    if (!unsure.length) return true;
    var t = idx.title(rid);
    for (var k = 0; k < unsure.length; k++) {
      if (t[0].indexOf(unsure[k]) === -1 && t[1].indexOf(unsure[k]) === -1) return null;
    }
    return true;
  }

  function confirmedBy(idx, rid, text, unsure) {
    var t = idx.title(rid), folded = null;
    for (var k = 0; k < unsure.length; k++) {
      var term = unsure[k];
      if (t[0].indexOf(term) !== -1 || t[1].indexOf(term) !== -1) continue;
      if (folded === null) folded = fold(text);
      if (folded.indexOf(term) === -1) return false;
    }
    return true;
  }

  /* Bytes of text to fetch to check every candidate, counted until it passes `limit`. */
  function checkCost(idx, queue, limit) {
    var seen = new Set(), cost = 0, rids = queue.rids;
    for (var k = 0; k < rids.length && cost <= limit; k++) {
      idx.chunksOf(rids[k]).forEach(function (c) {
        if (!seen.has(c) && !idx.chunks.has(c)) { seen.add(c); cost += idx.chunkSize[c]; }
      });
    }
    return cost;
  }

  /* Run a query: {terms, hits, total, exact, pending}. Hits whose terms are proven by the n-gram lists or by
   * their titles come at once (in rank order, up to `want`); the rest waits for check(). Hits carry url,
   * title, kind, date, status; their `text` (for the snippet) comes with withText(). */
  Search.prototype.run = function (query, filters, want) {
    var self = this, idx = this.index, terms = parseQuery(query);
    filters = filters || {};
    if (filters.group === undefined) filters.group = -1;
    if (!terms.length) return Promise.resolve({ terms: terms, hits: [], total: 0, exact: true, empty: true, pending: [] });
    if (!terms.some(function (t) { return lengthOf(t) >= 2; }))
      return Promise.resolve({ terms: terms, hits: [], total: 0, exact: true, tooShort: true, pending: [] });
    return idx.load().then(function () { return self.candidates(terms, filters); }).then(function (queue) {
      var unsure = terms.filter(function (t) { return !exactTerm(t); });
      var result = { terms: terms, hits: [], total: queue.length, exact: !unsure.length, pending: queue, unsure: unsure };
      self.takeProven(result, want || PAGE_SIZE);
      return result;
    });
  };

  /* Move candidates from the front of the queue to the hits while nothing needs to be fetched to confirm them. */
  Search.prototype.takeProven = function (result, want) {
    var idx = this.index, target = result.hits.length + want, queue = result.pending;
    while (result.hits.length < target) {
      var next = queue.peek();
      if (!next || !confirmedWithout(idx, next.rid, result.unsure)) break;
      queue.take(1);
      result.hits.push(hitOf(idx, next.rid, next.score));
    }
    if (!queue.length && !result.exact) { result.exact = true; result.total = result.hits.length; }
    return result;
  };

  /* Confirm candidates in rank order until `want` more hits are found, none are left, or this step has
   * fetched STEP_CHUNKS text files (what is left waits for "more"); `all`: every candidate, no step limit. */
  Search.prototype.check = function (result, want, all) {
    var self = this, idx = this.index, target = result.hits.length + want, fetched = new Set();
    var size = Math.min(want, PAGE_SIZE);
    function step() {
      self.takeProven(result, target - result.hits.length);
      if (result.hits.length >= target || !result.pending.length) return result;
      if (!all && fetched.size >= STEP_CHUNKS) return result;
      var batch = result.pending.take(Math.max(size, target - result.hits.length));
      batch.forEach(function (c) { idx.chunksOf(c.rid).forEach(function (k) { if (!idx.chunks.has(k)) fetched.add(k); }); });
      return idx.texts(batch.map(function (c) { return c.rid; }), true).then(function (texts) {
        batch.forEach(function (c) {
          var text = texts.get(c.rid);
          if (!confirmedBy(idx, c.rid, text, result.unsure)) return;
          var hit = hitOf(idx, c.rid, c.score);
          hit.text = text;
          result.hits.push(hit);
        });
        return step();
      });
    }
    return Promise.resolve(step()).then(function () {
      if (!result.pending.length) { result.exact = true; result.total = result.hits.length; }
      return result;
    });
  };

  /* After the first hits: confirm every candidate when their text is small (an exact count), else enough for
   * `want` hits. */
  Search.prototype.complete = function (result, want) {
    if (result.empty || result.tooShort || !result.pending.length) return Promise.resolve(result);
    if (!result.exact && checkCost(this.index, result.pending, VERIFY_ALL_BYTES) <= VERIFY_ALL_BYTES)
      return this.check(result, result.pending.length, true);
    return this.check(result, Math.max(0, want - result.hits.length));
  };

  /* Fetch the stored text of the given hits (for their snippets). */
  Search.prototype.withText = function (hits) {
    var missing = hits.filter(function (h) { return h.text === null; });
    if (!missing.length) return Promise.resolve(hits);
    return this.index.texts(missing.map(function (h) { return h.rid; }), false).then(function (texts) {
      missing.forEach(function (h) { h.text = texts.get(h.rid); });
      return hits;
    });
  };

  function hitOf(idx, rid, score) {
    var row = idx.titles[rid];
    return {
      rid: rid, score: score, url: row[0], title: row[1], kind: idx.manifest.kinds[row[2]], date: idx.isoDate(rid),
      status: row[3] || "", text: null,
      group: idx.manifest.groups[idx.group[rid]], article: !!(idx.flags[rid] & FLAG_ARTICLE)
    };
  }

  /* ---------------------------------------------------------------- rendering helpers */

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* HTML of `text` with every term marked; `folded` is fold(text) (same indices). */
  function marked(text, terms, from, to) {
    var folded = fold(text), marks = new Uint8Array(text.length);
    terms.forEach(function (term) {
      var i = folded.indexOf(term);
      while (i !== -1) { marks.fill(1, i, i + term.length); i = folded.indexOf(term, i + 1); }
    });
    from = from || 0; to = to === undefined ? text.length : to;
    var out = "", open = false;
    for (var i = from; i < to; i++) {
      if (marks[i] && !open) { out += "<mark>"; open = true; }
      if (!marks[i] && open) { out += "</mark>"; open = false; }
      out += escapeHTML(text[i]);
    }
    return out + (open ? "</mark>" : "");
  }

  function snippet(text, terms, width) {
    var folded = fold(text), at = -1;
    terms.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (t) {
      var i = folded.indexOf(t);
      if (i !== -1 && (at === -1 || i < at)) at = i;
    });
    if (at === -1) at = 0;
    var from = Math.max(0, at - Math.floor(width / 3)), to = Math.min(text.length, from + width);
    from = Math.max(0, Math.min(from, to - width));
    return (from > 0 ? "…" : "") + marked(text, terms, from, to) + (to < text.length ? "…" : "");
  }

  function zhDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? +m[1] + "年" + +m[2] + "月" + +m[3] + "日" : "";
  }

  window.govsiteSearch = {
    fold: fold, cover: cover, Index: Index, Search: Search, marked: marked, snippet: snippet, zhDate: zhDate,
    escapeHTML: escapeHTML, mark: mark, PAGE_SIZE: PAGE_SIZE, FIRST_PAINT: FIRST_PAINT
  };
})();

/* ------------------------------------------------------------------ the search box in the header */
(function () {
  "use strict";
  var S = window.govsiteSearch;
  var root = document.querySelector("[data-govsite-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-gs-query]");
  var form = input.form;
  var meta = root.querySelector("[data-gs-meta]");
  var list = root.querySelector("[data-gs-list]");
  var more = root.querySelector("[data-gs-more]");
  var filterBar = root.querySelector("[data-gs-filters]");
  var yearSelect = root.querySelector("[data-gs-year]");
  var chips = Array.prototype.slice.call(root.querySelectorAll("[data-gs-group]"));
  var scrollwrap = root.querySelector(".md-search__scrollwrap");
  var index = new S.Index(new URL(root.getAttribute("data-index"), location.href));
  var search = new S.Search(index);
  var filters = { group: -1, year: 0 };
  var current = null, sequence = 0, composing = false;
  S.index = index; S.search = search; // for measurements and tests
  S.lastQueryMs = null;

  function open(on) {
    if (toggle.checked !== on) {
      toggle.checked = on;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function warm() {
    return index.load().then(function () {
      if (yearSelect.options.length === 1) {
        index.years.forEach(function (y) {
          var o = document.createElement("option");
          o.value = String(y); o.textContent = y + "年";
          yearSelect.appendChild(o);
        });
      }
    }).catch(function () { meta.textContent = "搜索暂时不可用，请稍后再试。"; });
  }

  function hitHTML(hit, terms) {
    var url = new URL(hit.url, index.base.href.replace(/searchindex\/(\?.*)?$/, ""));
    url.searchParams.set("h", terms.join(" "));  // the page marks the terms (see below)
    var info = '<span class="gs-kind">' + S.escapeHTML(hit.kind || hit.group) + "</span>";
    if (hit.date) info += '<time class="gs-date" datetime="' + S.escapeHTML(hit.date) + '">' + S.zhDate(hit.date) + "</time>";
    if (hit.status) info += '<span class="gs-status">' + S.escapeHTML(hit.status) + "</span>";
    return '<li class="md-search-result__item' + (hit.status ? " gs-hit--status" : "") + '">' +
      '<a href="' + S.escapeHTML(url.href) + '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset" data-md-score="' + hit.score.toFixed(2) + '">' +
      '<div class="md-search-result__icon md-icon"></div>' +
      "<h1>" + S.marked(hit.title, terms) + "</h1>" +
      '<p class="gs-info">' + info + "</p>" +
      '<p class="gs-snippet">' + (hit.text === null ? "" : S.snippet(hit.text, terms, 90)) + "</p>" +
      "</article></a></li>";
  }

  function render(result, shown) {
    current = result;
    filterBar.hidden = !!(result.empty || result.tooShort);
    if (result.empty) { meta.textContent = "输入关键词，例如：抚恤金、退役金、〔2023〕3号"; list.innerHTML = ""; list.gsResult = null; more.hidden = true; return; }
    if (result.tooShort) { meta.textContent = "请至少输入两个字"; list.innerHTML = ""; list.gsResult = null; more.hidden = true; return; }
    var hits = result.hits.slice(0, shown);
    if (!result.hits.length && result.pending.length) meta.textContent = "还在查找，请点“显示更多结果”";
    else if (!result.hits.length) meta.textContent = "没有找到包含“" + result.terms.join(" ") + "”的内容" + (filters.group >= 0 || filters.year ? "（可取消筛选再试）" : "");
    else if (result.exact) meta.textContent = "共 " + result.total + " 条结果";
    else meta.textContent = "约 " + result.total + " 条结果，已显示 " + hits.length + " 条";
    // The same result drawn again (more hits, snippets): add what is new, keep what is there (and the focus).
    var drawn = list.gsResult === result ? list.children.length : 0;
    if (drawn > hits.length) drawn = 0;
    var html = hits.slice(drawn).map(function (h) { return hitHTML(h, result.terms); }).join("");
    if (drawn) list.insertAdjacentHTML("beforeend", html); else list.innerHTML = html;
    list.gsResult = result;
    more.hidden = !(result.hits.length > shown || result.pending.length);
    more.dataset.shown = String(hits.length);
  }

  /* Snippets of the hits on screen, filled in as their text arrives (the list is not redrawn: focus stays). */
  function fillSnippets(result, shown) {
    var hits = result.hits.slice(0, shown);
    return search.withText(hits).then(function () {
      if (current !== result) return;
      hits.forEach(function (hit, k) {
        var p = list.children[k] && list.children[k].querySelector(".gs-snippet");
        if (p && !p.firstChild && hit.text) p.innerHTML = S.snippet(hit.text, result.terms, 90);
      });
    });
  }

  function run() {
    var mine = ++sequence, started = performance.now(), query = input.value;
    S.lastQueryStart = started;
    var stale = function () { return mine !== sequence; };
    return search.run(query, { group: filters.group, year: filters.year }, S.PAGE_SIZE).then(function (result) {
      if (stale()) return null;
      // Nothing proven yet (every top candidate must be confirmed by its text): confirm a few first.
      return result.hits.length || !result.pending.length ? result : search.check(result, S.FIRST_PAINT);
    }).then(function (result) {
      if (!result || stale()) return null;
      S.mark("ranked");
      render(result, S.PAGE_SIZE);
      S.lastQueryMs = performance.now() - started; // the first hits are on screen
      S.mark("drawn");
      return Promise.all([fillSnippets(result, S.PAGE_SIZE), search.complete(result, S.PAGE_SIZE)]).then(function () {
        if (stale()) return null;
        render(result, S.PAGE_SIZE);  // more hits, an exact count; snippets drawn from the text now in memory
        return fillSnippets(result, S.PAGE_SIZE).then(function () { return result; });
      });
    }).then(function (result) {
      if (!result || stale()) return;
      S.lastFullMs = performance.now() - started;
      root.setAttribute("data-gs-done", query);  // tests wait for this
    }).catch(function (err) {
      if (stale()) return;
      meta.textContent = "搜索出错：" + err.message;
      root.setAttribute("data-gs-done", query);
    });
  }

  function showMore() {
    if (!current) return;
    var shown = +(more.dataset.shown || 0) + S.PAGE_SIZE, mine = sequence, result = current;
    var need = result.hits.length < shown && result.pending.length;
    (need ? search.check(result, shown - result.hits.length) : Promise.resolve(result)).then(function (r) {
      if (mine !== sequence) return;
      render(r, shown);
      fillSnippets(r, shown);
    });
  }

  input.addEventListener("focus", function () { open(true); warm(); });
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; run(); });
  input.addEventListener("input", function () { if (!composing) run(); });
  form.addEventListener("reset", function () { setTimeout(function () { run(); input.focus(); }, 0); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  more.addEventListener("click", showMore);
  scrollwrap.addEventListener("scroll", function () {
    if (!more.hidden && scrollwrap.scrollTop + scrollwrap.clientHeight > scrollwrap.scrollHeight - 200) showMore();
  });
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var name = chip.getAttribute("data-gs-group");
      filters.group = name === "全部" ? -1 : (index.manifest ? index.manifest.groups.indexOf(name) : -1);
      chips.forEach(function (c) { c.setAttribute("aria-pressed", c === chip ? "true" : "false"); });
      run();
    });
  });
  yearSelect.addEventListener("change", function () { filters.year = +yearSelect.value || 0; run(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { warm(); if (document.activeElement !== input) input.focus(); }
  });
  root.addEventListener("click", function (ev) {
    if (ev.target instanceof Element && ev.target.closest("a")) open(false);
  });
  document.querySelector('label.md-header__button[for="__search"]').addEventListener("pointerenter", warm, { once: true });

  /* Keyboard: the same keys as Material's search. */
  window.addEventListener("keydown", function (ev) {
    if (ev.metaKey || ev.ctrlKey || ev.altKey || ev.isComposing) return;
    var active = document.activeElement;
    if (!toggle.checked) {
      var typing = active && (/^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName) || active.isContentEditable);
      if (!typing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
        ev.preventDefault(); open(true); input.focus(); input.select();
      }
      return;
    }
    if (ev.key === "Escape") { open(false); input.blur(); ev.preventDefault(); return; }
    if (ev.key === "Enter" && active === input) {
      var first = list.querySelector(".md-search-result__link");
      if (first) { ev.preventDefault(); first.click(); }
      return;
    }
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      var items = [input].concat(Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")));
      var at = items.indexOf(active);
      var next = ((at < 0 ? 0 : at) + items.length + (ev.key === "ArrowUp" ? -1 : 1)) % items.length;
      items[next].focus();
      if (items[next] !== input) items[next].scrollIntoView({ block: "nearest" });
      ev.preventDefault();
    }
  }, true);
})();

/* ------------------------------------------------------------------ marks on the page a hit leads to */
(function () {
  "use strict";
  var S = window.govsiteSearch;
  var wanted = new URLSearchParams(location.search).get("h");
  var article = document.querySelector("article");
  if (!wanted || !article) return;
  var terms = S.fold(wanted).split(" ").filter(function (t) { return Array.from(t).length >= 2; });
  if (!terms.length) return;
  var scope = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) || article;
  var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      return node.parentElement.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    }
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  nodes.forEach(function (node) {
    var text = node.nodeValue, folded = S.fold(text), cuts = [];
    terms.forEach(function (term) {
      for (var i = folded.indexOf(term); i !== -1; i = folded.indexOf(term, i + term.length)) cuts.push([i, i + term.length]);
    });
    if (!cuts.length) return;
    cuts.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment(), at = 0;
    cuts.forEach(function (cut) {
      if (cut[0] < at) return;
      fragment.appendChild(document.createTextNode(text.slice(at, cut[0])));
      var mark = document.createElement("mark");
      mark.className = "gs-highlight";
      mark.textContent = text.slice(cut[0], cut[1]);
      fragment.appendChild(mark);
      at = cut[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(fragment, node);
  });
})();
