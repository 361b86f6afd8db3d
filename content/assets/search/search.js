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
  var STAGE_RISK = 0.15; // a question's phrase: its n-grams asked for first until all being on a page is this unlikely
  var STEP_CHUNKS = 16; // text files fetched at most per step while looking for confirmed hits
  var FLAG_STATUS = 1, FLAG_ARTICLE = 2, FLAG_LISTING = 4;
  // Filter groups (facts.py GROUPS): a kind named after its group says nothing more of what a page is.
  var GROUP_NAMES = ["法律法规", "政策文件", "解读", "公示公告", "普法", "其他"];

  /* ---------------------------------------------------------------- folding */

  // Exactly Python's str.isspace() (JavaScript's \s differs on U+0085, U+001C–U+001F and U+FEFF).
  var SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  // The brackets of a 发文字号's year, one pair for all (text.py BRACKET): 〔2024〕 [2024] (2024) （2024） 【2024】.
  var BRACKET = { "(": "〔", "[": "〔", "【": "〔", "〔": "〔", "〖": "〔", ")": "〕", "]": "〕", "】": "〕", "〕": "〕", "〗": "〕" };
  var extraFold = null; // fold.json: traditional characters and brackets -> their fold (what NFKC does not do)
  var foldCache = Object.create(null);
  function foldChar(c) {
    var hit = foldCache[c];
    if (hit !== undefined) return hit;
    var out = c, code = c.charCodeAt(0);
    if (extraFold && extraFold[c] !== undefined) out = extraFold[c];
    else if (c.length === 1 && code < 128) {
      out = (code >= 65 && code <= 90) ? String.fromCharCode(code + 32)
        : ((code >= 9 && code <= 13) || (code >= 28 && code <= 31)) ? " " : (BRACKET[c] || c);
    } else if (SPACE.test(c)) out = " ";
    else {
      var f = c.normalize("NFKC").toLowerCase();
      var cps = Array.from(f);
      if (cps.length === 1 && !SPACE.test(f) && f.length === c.length) out = BRACKET[f] || f;
    }
    foldCache[c] = out;
    return out;
  }
  // Characters fold() may change: everything but printable ASCII without capitals and brackets, and the CJK
  // ideographs (NFKC and lower case leave U+4E00–U+9FFF alone) except the traditional ones of fold.json. The
  // regular expression skips the rest natively: a hit's 6,000 characters are folded in well under a
  // millisecond, also before the code is optimised.
  var SKIPPED = "\\x20-\\x27\\x2a-\\x40\\x5c\\x5e-\\x7e\\u4e00-\\u9fff";
  var mayFold = new RegExp("[^" + SKIPPED + "]", "gu");
  function fold(text) {
    return text.replace(mayFold, foldChar);
  }
  /* fold.json (built from OpenCC's table by hooks/govsite/search/text.py): from then on fold() is text.fold(). */
  function setFoldTable(table) {
    var from = Array.from(table.from), to = Array.from(table.to), cjk = "";
    extraFold = Object.create(null);
    for (var i = 0; i < from.length; i++) {
      extraFold[from[i]] = to[i];
      if (from[i] >= "\u4e00" && from[i] <= "\u9fff") cjk += from[i];
    }
    foldCache = Object.create(null);
    mayFold = new RegExp("[^" + SKIPPED + "]" + (cjk ? "|[" + cjk + "]" : ""), "gu");
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
    this.source = null; // made-up files instead of the network: the warm-up's copy of the index (see warmUp)
  }

  /* XMLHttpRequest, not fetch(): the page gets the whole file in one task, where fetch() hands over the
   * headers and then the body in tasks of their own — each one more wait for the main thread on a busy phone
   * (measured with bench/search_scale.py: the n-gram lists reached the code about a third sooner). */
  Index.prototype.fetch = function (name, kind) {
    if (this.source) return Promise.resolve(this.source(name, kind));
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
        // With them: the traditional characters to fold, the synonyms and dictionary of words.json and the
        // sounds of pinyin.json (in parallel, smaller than titles.json: the first query does not wait longer for
        // them). The sounds come now, not with the first query that has a piece no page holds: a question with a
        // same-sounding typo then asks for its corrected words' lists in the same round as its own.
        return Promise.all([self.fetch("records.bin", "bin"), self.fetch("titles.json", "json"),
          self.fetch("fold.json", "json"), self.fetch("words.json", "json"),
          // Without the sounds the search works, only without same-sounding corrections (as before they came).
          self.fetch("pinyin.json", "json").catch(function () { return null; })]);
      }).then(function (loaded) {
        setFoldTable(loaded[2]);
        self.words = new Words(loaded[3]);
        self.soundsReady = loaded[4] ? Promise.resolve(self.readSounds(loaded[4])) : Promise.reject(new Error("pinyin.json"));
        self.soundsReady.catch(function () {}); // each use handles a failure
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
        self.joinHeads(); // titles as one text, for questions (headStats)
        self.understanding(); // laws, 发文字号 and intents, read now rather than during the first query
        // What the rank needs of each record besides its postings, computed once: BM25's length norm
        // (k1 = 1.2, b = 0.75) and the place of list pages (last) and of repealed texts (after those in force).
        var average = Math.max(self.manifest.average_length, 1);
        var answers = ANSWER_KINDS.map(function (k) { return self.manifest.kinds.indexOf(k); });
        self.answer = new Uint8Array(n);
        for (var a = 0; a < n; a++) self.answer[a] = answers.indexOf(self.titles[a][2]) !== -1 ? 1 : 0;
        self.norm = new Float64Array(n);
        self.bonus = new Float64Array(n);
        for (var q = 0; q < n; q++) {
          self.norm[q] = 1.2 * (0.25 + 0.75 * Math.max(self.length[q], 1) / average);
          self.bonus[q] = (self.flags[q] & FLAG_LISTING ? -80 : 0) + (self.flags[q] & FLAG_STATUS ? -15 : 0);
        }
        return self.warmUp();
      });
    }
    return this.ready;
  };

  /* The search code runs once when the index loads, on made-up lists: a browser runs code it has not run before in
   * its interpreter and compiles the loops over thousands of postings only once it has seen them run, so each
   * page's first query paid for that (in Chromium at 10,000 documents, a question's code after its lists came took
   * about twice as long on its first run as with the code run once before on other words). The run is a word, two
   * words and a question of the site's commonest words, in a copy of this index with caches of its own whose files
   * are made up (a record in every few holding those words, nothing else): nothing is fetched, nothing it finds is
   * kept, and the real queries' results are the same. Its cost is part of the first use of the search box, while
   * the visitor types. */
  var WARM_POSTINGS = 3000; // postings per made-up list: enough runs of each loop for the browser to compile it
  Index.prototype.warmUp = function () {
    var self = this, words = this.words, n = this.count, found = [];
    this.warmed = null;
    if (!words || n < 2) return Promise.resolve(this);
    var common = [];
    words.dict.forEach(function (c, w) {
      if (/^[\u4e00-\u9fff]{2,4}$/.test(w) && !words.isGeneric(w) && !words.asker.has(w)) common.push(w);
    });
    common.sort(function (a, b) { return words.dict.get(b) - words.dict.get(a) || (a < b ? -1 : 1); });
    // The first with synonyms of its own (their lists are merged), the second any other.
    var first = common.filter(function (w) { return words.keys.has(w); })[0] || common[0];
    var second = common.filter(function (w) { return first && first.indexOf(w) === -1 && w.indexOf(first) === -1; })[0];
    var filler = Array.from(words.fillers).filter(function (w) { return /^[\u4e00-\u9fff]{2,3}$/.test(w); })[0];
    if (!first || !second || !filler) return Promise.resolve(this);
    // The made-up shard file: each n-gram of the two words and of their synonyms, all with the same postings.
    var grams = [];
    [first, second].forEach(function (w) {
      groupOf(w, false, words, true).alts.forEach(function (t) {
        cover(t, self.manifest.solo).forEach(function (g) { if (grams.indexOf(g) === -1) grams.push(g); });
      });
    });
    var postings = [], count = 0, last = -1, step = Math.max(1, Math.floor(n / WARM_POSTINGS)), bytes = [];
    function put(out, v) { while (v > 127) { out.push((v & 127) | 128); v = Math.floor(v / 128); } out.push(v); }
    for (var r = 0; r < n; r += step, count++) {
      put(postings, r - last);
      last = r;
      postings.push(((1 + r % 3) << 1) | (r % 5 === 0 ? 1 : 0)); // tf << 1 | in the title
    }
    put(bytes, grams.length);
    grams.forEach(function (g) {
      var cps = Array.from(g);
      put(bytes, cps.length);
      cps.forEach(function (c) { put(bytes, c.codePointAt(0)); });
      put(bytes, count);
      put(bytes, postings.length);
    });
    grams.forEach(function () { for (var k = 0; k < postings.length; k++) bytes.push(postings[k]); });
    var shard = new Uint8Array(bytes).buffer, text = first + "，" + second + "。";
    var copy = new Index(this.base);
    Object.keys(this).forEach(function (key) { if (key !== "fetch") copy[key] = self[key]; });
    copy.shards = new Map(); copy.lists = new Map(); copy.chunks = new Map(); copy.headCache = new Map();
    if (this.corrections) copy.corrections = new Map();
    copy.ready = Promise.resolve(copy);
    copy.source = function (name, kind) {
      if (kind !== "json") return shard.slice(0);
      var c = /^c\/(\d+)/.exec(name);
      if (!c) return null;
      var at = +c[1], size = (at + 1 < self.chunkFirst.length ? self.chunkFirst[at + 1] : n) - self.chunkFirst[at];
      return new Array(Math.max(1, size)).fill(text);
    };
    var search = new Search(copy), queries = [first, first + " " + second, first + filler + second];
    return queries.reduce(function (done, query) {
      return done.then(function () {
        return search.run(query, { group: -1, year: 0 }, PAGE_SIZE).then(function (result) {
          found.push([result.hits.length, !!result.split, result.terms.length]);
        });
      });
    }, Promise.resolve()).then(function () {
      self.warmed = { queries: queries, hits: found };
      return self;
    }, function () { return self; });
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

  /* What a record's title says of itself, for ranking a question: a law article's own label (its title
   * begins with its law's, which every article shares), a document's title without the site owner's name
   * that begins every title of the bureau's documents. */
  Index.prototype.ownTitle = function (rid) {
    if (!this.ownTitles) this.ownTitles = new Array(this.count);
    var t = this.ownTitles[rid];
    if (t === undefined) {
      t = this.title(rid)[0];
      if (this.flags[rid] & FLAG_ARTICLE) t = t.slice(t.lastIndexOf(" ") + 1);
      else if (this.words) this.words.owner.forEach(function (name) { t = t.split(name).join(" "); });
      t += this.kindSuffix(rid);
      this.ownTitles[rid] = t;
    }
    return t;
  };
  /* The kind of a document says what it is as its title does (法治政府建设年度报告: a 年度报告). */
  Index.prototype.kindSuffix = function (rid) {
    if (!this.kindSuffixes) {
      this.kindSuffixes = this.manifest.kinds.map(function (kind) {
        return kind && GROUP_NAMES.indexOf(kind) === -1 ? " " + fold(kind) : "";
      });
    }
    return this.kindSuffixes[this.titles[rid][2]] || "";
  };

  /* Every record's folded title, document numbers and own title, each kind in one string ("\n" between records:
   * no folded text holds one, nor does any term), so that where a term is in them is found for all records at
   * once by the browser's own string search (headStats) instead of record by record while a query waits.
   * Own titles are made here too, in one pass per name of the owner over all of them (the same replacements,
   * in the same order, as ownTitle makes in one title). */
  Index.prototype.joinHeads = function () {
    var n = this.count, titles = new Array(n), keys = new Array(n), own = new Array(n), docs = [], at = [];
    for (var r = 0; r < n; r++) {
      var t = this.title(r);
      titles[r] = t[0]; keys[r] = t[1];
      if (this.flags[r] & FLAG_ARTICLE) own[r] = t[0].slice(t[0].lastIndexOf(" ") + 1);
      else { at.push(r); docs.push(t[0]); }
    }
    if (docs.length) {
      var joined = docs.join("\n");
      if (this.words) this.words.owner.forEach(function (name) { joined = joined.split(name).join(" "); });
      joined.split("\n").forEach(function (t, k) { own[at[k]] = t; });
    }
    for (var q = 0; q < n; q++) own[q] += this.kindSuffix(q);
    this.ownTitles = own;
    this.heads = [joinedText(titles), joinedText(keys), joinedText(own)];
    this.headCache = new Map();
  };
  /* Does a title or a document number hold `term` (a guess at whether it is found as typed, before its lists)? */
  Index.prototype.inHeads = function (term) {
    if (!this.heads) this.joinHeads();
    return this.heads[0].text.indexOf(term) !== -1 || this.heads[1].text.indexOf(term) !== -1;
  };
  function joinedText(parts) {
    var starts = new Int32Array(parts.length + 1), at = 0;
    for (var k = 0; k < parts.length; k++) { starts[k] = at; at += parts[k].length + 1; }
    starts[parts.length] = at;
    return { text: parts.join("\n"), starts: starts };
  }
  /* Per record, the occurrences of `term` in its title (`title`), in its document numbers (`keys`), and whether its
   * own title holds it (`own`): the same as countOf and indexOf on each (overlapping occurrences counted). */
  Index.prototype.headStats = function (term) {
    if (!this.heads) this.joinHeads();
    var hit = this.headCache.get(term);
    if (hit) return hit;
    var n = this.count;
    hit = { title: new Int32Array(n), keys: new Int32Array(n), own: new Int32Array(n) };
    occurrences(this.heads[0], term, hit.title);
    occurrences(this.heads[1], term, hit.keys);
    occurrences(this.heads[2], term, hit.own);
    if (this.headCache.size > 50) this.headCache.clear();
    this.headCache.set(term, hit);
    return hit;
  };
  function occurrences(joined, term, out) {
    var text = joined.text, starts = joined.starts, r = 0;
    for (var i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) {
      while (starts[r + 1] <= i) r++;
      out[r]++;
    }
  }

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
    var cps = Array.from(this.manifest.version >= 3 && this.words ? this.words.shardKey(gram) : gram)
      .map(function (c) { return c.codePointAt(0); });
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

  var ASTRAL = /[\ud800-\udfff]/;
  function lengthOf(term) { return Array.from(term).length; }
  /* The largest n-gram indexed for a term: 4, or 3 when it has characters outside the Basic Multilingual
   * Plane (their 4-grams are not indexed). */
  function gramSize(term) { return ASTRAL.test(term) ? 3 : 4; }
  /* A term whose n-gram list is exactly the records containing it: nothing to confirm. */
  function exactTerm(term) { var n = lengthOf(term); return n >= 2 && n <= gramSize(term); }

  var MAX_ALTERNATIVES = 6; // a word and its synonyms: each is one more list to fetch
  var MAX_WORDS = 6; // words of a question searched (the rest are left out: each is one more list)
  var SYNONYM_WEIGHT = 0.8; // a synonym found counts less than the word as typed
  var CN_DIGITS = "零一二三四五六七八九";

  /* 24 -> 二十四, 105 -> 一百零五, 110 -> 一百一十: the way laws number their articles (laws/numerals.py). */
  function chineseNumber(n) {
    if (n < 10) return CN_DIGITS[n];
    if (n < 100) return (n >= 20 ? CN_DIGITS[Math.floor(n / 10)] : "") + "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
    var rest = n % 100, head = CN_DIGITS[Math.floor(n / 100)] + "百";
    if (!rest) return head;
    return head + (rest < 10 ? "零" + CN_DIGITS[rest] : rest < 20 ? "一" + chineseNumber(rest) : chineseNumber(rest));
  }

  var QUOTES = "\"“”「」『』";
  var QUOTED = new RegExp("[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]", "g");
  // Between the words of a question: spaces and punctuation (folded: ，？！；： are ASCII by then).
  var BREAK = /[\s,.。?!;:、…]+/;
  var ARTICLE_DIGITS = /第?(\d{1,3})条(?!例)/g; // 第24条, 24条 -> 第二十四条 (not 24条例)
  var ARTICLE_LABEL = "第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?";
  var ARTICLE_REF = new RegExp("^(.*[^\\d\\s第]{2})(" + ARTICLE_LABEL + ")$");

  /* The query as chunks: {text, quoted}. A phrase in quotes stays exact (no synonyms, never split). */
  function parseQuery(query) {
    var text = fold(query), chunks = [], seen = Object.create(null), at = 0, m;
    function add(part, quoted) {
      part.split(quoted ? /\s+/ : BREAK).forEach(function (t) {
        if (!quoted) t = t.replace(ARTICLE_DIGITS, function (all, n) { return +n > 0 ? "第" + chineseNumber(+n) + "条" : all; });
        // A law and its article typed together (保障法第十五条): the law's name and the article label are two
        // words, both in the title of the article's hit ("…退役军人保障法 第十五条").
        var article = quoted ? null : ARTICLE_REF.exec(t);
        (article ? [article[1], article[2]] : [t]).forEach(function (part) {
          var key = (quoted ? "\"" : "") + part;
          if (part && !seen[key]) { seen[key] = true; chunks.push({ text: part, quoted: quoted }); }
        });
      });
    }
    QUOTED.lastIndex = 0;
    while ((m = QUOTED.exec(text))) {
      add(text.slice(at, m.index), false);
      add(m[1], true);
      at = QUOTED.lastIndex;
    }
    add(text.slice(at).replace(new RegExp("[" + QUOTES + "]", "g"), " "), false);
    return chunks;
  }

  /* words.json: the dictionary a question is split by (the site's own vocabulary: jieba's words found in the
   * index, each with its frequency class, ln of jieba's count rounded), the filler words to drop and the
   * synonyms (data/search/vocabulary.yml), all folded at build time. */
  // Weights of an intent's cue words (intentScored): a word of its phrasings, a word that may come with it or of
  // its page; the score a question all of whose words are its cues needs to go to its page first (CUE_ROUTE), and
  // the score that sends a question the site has no answer to there (CUE_ANSWER), and the score that does so
  // although a record holds much of the question (CUE_STRONG: two phrasings' words, see routed).
  var CUE_PHRASING = 2, CUE_ALONG = 1, CUE_CHARACTER = 0.5, CUE_ROUTE = 2, CUE_ANSWER = 1.5, CUE_STRONG = 3;
  var FILLER_CLASS = 10, UNKNOWN_COST = 16, WORD_COST = 14; // a word costs WORD_COST - its class
  // A word of the language around a word of the site (信用卡 around 信用: Words.outer) costs as a rare word: it wins
  // over the site's word beside a character, never over the site's own words.
  var OUTER_CLASS = 3;
  function Words(data) {
    var self = this, classes = data.words || {};
    this.dict = new Map();
    Object.keys(classes).forEach(function (c) {
      classes[c].split(" ").forEach(function (w) { if (w) self.dict.set(w, +c); });
    });
    // The site owner's names (某区退役军人事务局, 本局) are dropped from a question like filler words.
    this.owner = data.owner ? data.owner.split(" ").sort(function (a, b) { return b.length - a.length; }) : [];
    this.fillers = new Set((data.fillers ? data.fillers.split(" ") : []).concat(this.owner));
    this.synonyms = data.synonyms || [];
    // 俗称 (data/search/synonyms.yml): an everyday word -> the official terms the pages use, one way only.
    this.everyday = new Map();
    (data.everyday || []).forEach(function (entry) {
      entry[0].forEach(function (say) { self.everyday.set(say, entry[1]); });
    });
    // Each everyday word by its first character (variants): its place in the data, in everydaySaid.
    this.everydaySaid = Array.from(this.everyday.keys());
    // The everyday words derived from the site's own text (words.json's derived: 退役军人 → 抚恤优待对象 from a
    // law's definition): a word typed whole only, never put in place inside a longer word (退伍军人, 军人价 would
    // each become one more list to fetch that no page holds), and never over the editor's own entry.
    (data.derived || []).forEach(function (entry) {
      entry[0].forEach(function (say) { if (!self.everyday.has(say)) self.everyday.set(say, entry[1]); });
    });
    this.everydayStarting = new Map();
    this.everydaySaid.forEach(function (say, k) {
      var list = self.everydayStarting.get(say[0]);
      if (!list) self.everydayStarting.set(say[0], [k]); else list.push(k);
    });
    this.laws = data.laws || [];
    this.intents = data.intents || [];
    this.intentClasses = data.intentClasses || [];
    this.addressing = data.addressing || [];
    this.intentFallback = data.intentFallback || "";
    // The language's most common words (时候, 情况, 几年): they say little of what a question is about.
    this.common = new Set(data.common ? data.common.split(" ") : []);
    // The asker's own words (data/search/vocabulary.yml, 提问者用语: kin, people, time, amounts, how people talk):
    // they place a question in the asker's life (娃他爸, 老两口, 百年以后), they are not what it asks about.
    this.asker = new Set(data.asker ? data.asker.split(" ") : []);
    // The language's function characters (个, 那, 都, 着 …: pronouns, adverbs, measure words, particles; words.json's
    // particles): in a piece no page holds they glue the asker's sentence (个事情该找, 那笔), they name nothing.
    this.particles = new Set(Array.from(data.particles || ""));
    // The language's words of three characters around a word of the site (words.json's outer: 信用 followed by 卡,
    // 动车 after 电): a question holding one is about it (信用卡, 电动车), not about the site's word inside it, and
    // is split so. No page holds them: such a word is one the site has no answer on.
    this.outer = new Set();
    (data.outer || ["", ""]).forEach(function (entries, before) {
      entries.split(" ").forEach(function (entry) {
        var word = entry.slice(0, 2);
        for (var i = 2; i < entry.length; i++) self.outer.add(before ? entry[i] + word : word + entry[i]);
      });
    });
    // What an n-gram holding a synonym or an everyday word is filed under (shardKey; index.py's variant_keys):
    // each member of a group stands for its first word, each everyday word for its first official term.
    this.keys = new Map();
    this.synonyms.forEach(function (group) {
      group.forEach(function (m) { if (Array.from(m).length >= 2 && !self.keys.has(m)) self.keys.set(m, group[0]); });
    });
    (data.everyday || []).forEach(function (entry) {
      entry[0].forEach(function (say) { if (Array.from(say).length >= 2 && !self.keys.has(say)) self.keys.set(say, entry[1][0]); });
    });
    this.keyLongest = 0;
    this.keys.forEach(function (v, k) { self.keyLongest = Math.max(self.keyLongest, Array.from(k).length); });
    this.costs = new Map(); // piece -> cost (see cost)
    this.splits = new Map(); // text -> its split (see split)
    this.longest = 1;
    this.dict.forEach(function (c, w) { if (w.length > self.longest) self.longest = w.length; });
    // Words of the site as people shorten them: the first character of each two-character part (国有企业: 国企,
    // 社会保险: 社保, 就业创业: 就创), the way Chinese abbreviates a term. Read only for a word the site's vocabulary
    // does not hold, so a word of the site is never taken for another's abbreviation.
    this.shortForms = new Map();
    this.dict.forEach(function (c, w) {
      if ((w.length !== 4 && w.length !== 6) || !/^[\u4e00-\u9fff]+$/.test(w)) return;
      var short = "";
      for (var i = 0; i < w.length; i += 2) short += w[i];
      var list = self.shortForms.get(short);
      if (!list) self.shortForms.set(short, [w]); else list.push(w);
    });
    this.shortForms.forEach(function (list) { list.sort(function (a, b) { return self.dict.get(b) - self.dict.get(a) || (a < b ? -1 : 1); }); });
    this.fillers.forEach(function (w) { if (w.length > self.longest) self.longest = w.length; });
  }
  /* What a piece costs in a segmentation: less the more common the word; a character no word explains most. */
  Words.prototype.cost = function (piece) {
    // Remembered: a question is split several times (its words' lists, intents, sounds), each piece of it
    // looked up against every synonym and everyday word, while the browser has not optimised this code yet.
    var known = this.costs.get(piece);
    if (known !== undefined) return known;
    var c = this.fillers.has(piece) ? FILLER_CLASS : this.dict.get(piece);
    if (c === undefined && this.outer.has(piece)) c = OUTER_CLASS;
    if (c === undefined && piece.length > 1) {
      // A word of the site written with a synonym (退伍军人 for 退役军人) is a word too.
      var dict = this.dict;
      this.variants(piece).forEach(function (v) { var k = dict.get(v); if (k !== undefined && (c === undefined || k > c)) c = k; });
    }
    known = c !== undefined ? WORD_COST - c : piece.length === 1 ? UNKNOWN_COST : Infinity;
    this.costs.set(piece, known);
    return known;
  };
  /* The cheapest sequence of pieces (jieba's way: the most probable sequence of dictionary words). */
  Words.prototype.segment = function (text, preferred) {
    var n = text.length, best = new Float64Array(n + 1).fill(Infinity), from = new Int32Array(n + 1);
    best[0] = 0;
    for (var i = 1; i <= n; i++) {
      for (var len = 1; len <= Math.min(this.longest, i); len++) {
        var piece = text.substr(i - len, len);
        // `preferred` words (an intent's) are cheaper than any other word or character.
        var c = best[i - len] + (preferred && preferred.has(piece) ? 1 : this.cost(piece));
        if (c < best[i]) { best[i] = c; from[i] = i - len; }
      }
    }
    var pieces = [];
    for (var j = n; j > 0; j = from[j]) pieces.unshift(text.slice(from[j], j));
    return pieces;
  };

  /* A chunk typed without spaces as its words: article labels (第二十四条) and runs of other characters
   * (digits, letters, document numbers) stay whole; filler words and single characters are dropped. */
  Words.prototype.split = function (text) {
    var remembered = this.splits.get(text);
    if (remembered) return { words: remembered.words.slice(), dropped: remembered.dropped.slice() };
    var self = this, out = [], dropped = [];
    var parts = text.split(new RegExp("(" + ARTICLE_LABEL + "|[^\\u4e00-\\u9fff]+)"));
    parts.forEach(function (part, k) {
      if (!part) return;
      // The unit of a number typed before it (2023年, 2024年度, 15日, 3号) belongs to the number, not to the
      // next word (2023年选岗结果 is 2023 and 选岗结果, not 年选岗).
      var unit = k % 2 === 0 && k > 0 && /\d$/.test(parts[k - 1]) ? /^(年度|年|月|日|号|条|个|岁|元)/.exec(part) : null;
      if (unit) { dropped.push(unit[0]); part = part.slice(unit[0].length); if (!part) return; }
      var pieces = k % 2 === 0 ? self.segment(self.closeUp(part)) : [part];
      // Characters the dictionary does not know, one after another (选岗 in 选岗结果), are one word.
      var run = "";
      pieces.concat([""]).forEach(function (p) {
        if (p.length === 1 && !self.fillers.has(p)) { run += p; return; }
        // A run made of common words and a character (那几年, 每个月) is how people talk, not what they ask about.
        if (run.length > 1 && !self.isFiller(run) && !self.isGeneric(run)) out.push(run); else if (run) dropped.push(run);
        run = "";
        if (!p) return;
        if (self.isFiller(p)) dropped.push(p); else out.push(p);
      });
    });
    if (this.splits.size > 200) this.splits.clear();
    this.splits.set(text, { words: out.slice(), dropped: dropped.slice() });
    return { words: out, dropped: dropped };
  };

  /* A measure word or aspect particle put inside an everyday phrase (学个手艺, 找份工作, 交了学费, 开个网店): the
   * phrase as the data writes it (学手艺), when taking it out joins a synonym or an everyday word across the place
   * it was, and no such word already holds it (老了干不动 keeps its 了). People put these inside a verb and its
   * object as they speak; the data cannot list every way of doing so, and the split would otherwise read the
   * phrase as characters no word explains, a question the site has no answer to. */
  var INSERTED = /一?[个份门套间点些笔张]|[了过]/g;
  Words.prototype.closeUp = function (text) {
    var keys = this.keys, longest = this.keyLongest;
    function spanned(t, at) {
      // A synonym or everyday word of t that begins before `at` and ends after it.
      for (var start = Math.max(0, at - longest + 1); start < at; start++) {
        for (var end = at + 1; end <= Math.min(t.length, start + longest); end++) {
          if (keys.has(t.slice(start, end))) return true;
        }
      }
      return false;
    }
    function closed(t, at, size) {
      // t without the piece at `at`, or null when that joins no word or a word already holds the piece.
      if (at === 0 || at + size >= t.length) return null;
      for (var i = at; i < at + size; i++) if (spanned(t, i) || spanned(t, i + 1)) return null;
      var without = t.slice(0, at) + t.slice(at + size);
      return spanned(without, at) ? without : null;
    }
    var out = text, m;
    INSERTED.lastIndex = 0;
    while ((m = INSERTED.exec(out))) {
      var at = m.index, size = m[0].length;
      // 一点 may be 一 ending a word (一一 …) and 点 put in: the piece without its 一 too.
      var joined = closed(out, at, size) || (size === 2 ? closed(out, at + 1, 1) : null);
      if (!joined) continue;
      out = joined;
      INSERTED.lastIndex = at;
    }
    return out;
  };

  /* The string whose hash files an n-gram in a shard (index.py's shard_key): each synonym or everyday word in it,
   * the longest from the left, put as the word it stands for, so that a word, its synonyms and the phrases with
   * each synonym put in mostly come in one file. Code points, as in Python. */
  Words.prototype.shardKey = function (gram) {
    var cps = Array.from(gram), out = "", i = 0;
    while (i < cps.length) {
      var size = Math.min(this.keyLongest, cps.length - i), word;
      for (; size >= 2; size--) {
        word = this.keys.get(cps.slice(i, i + size).join(""));
        if (word !== undefined) break;
      }
      if (size >= 2) { out += word; i += size; } else { out += cps[i]; i++; }
    }
    return out;
  };

  /* Other ways to write a word: each synonym of a part of it put in its place (残疾军人 -> 伤残军人), and the
   * official terms for an everyday word in it (少交税 -> 税收优惠; 政府资讯公开 -> 政府信息公开). */
  Words.prototype.variants = function (word) {
    var out = [];
    function add(v) { if (v !== word && out.indexOf(v) === -1) out.push(v); }
    // An everyday word typed whole is its official terms first, before a word inside it is put as its own
    // (坐车不要钱: 免费乘坐 before 坐车免费, 交通工具不要钱 …), as only the first few variants are looked for.
    (this.everyday.get(word) || []).forEach(add);
    // The everyday words inside it, found by their first character (a thousand of them, looked up for each piece
    // of each question split), then put in the order of the data file, as they always were.
    var inside = [], starting = this.everydayStarting;
    for (var i = 0; i < word.length; i++) {
      (starting.get(word[i]) || []).forEach(function (k) {
        if (word.startsWith(this.everydaySaid[k], i) && inside.indexOf(k) === -1) inside.push(k);
      }, this);
    }
    inside.sort(function (a, b) { return a - b; });
    for (var j = 0; j < inside.length; j++) {
      var say = this.everydaySaid[inside[j]];
      this.everyday.get(say).forEach(function (term) { add(word.split(say).join(term)); });
    }
    this.synonyms.forEach(function (group) {
      group.forEach(function (member) {
        if (word.indexOf(member) === -1) return;
        group.forEach(function (other) { if (other !== member) add(word.split(member).join(other)); });
      });
    });
    return out;
  };

  /* What a word of a question is also looked for as: its variants, and when the word is no word of the site's
   * vocabulary, the official terms of a variant that is an everyday word. Such a piece (给分配工作 beside the
   * everyday word 给安排工作, 退役费 beside 退伍费) is a word of the split only because that variant is one, and no
   * page holds either: their official terms are what the pages hold. A word of the site (退役军人) is not taken
   * further than its own variants (退伍军人 is an everyday word for 退役士兵 too, a narrower term). */
  Words.prototype.wordVariants = function (word) {
    var out = this.variants(word), everyday = this.everyday;
    if (this.dict.has(word)) return out;
    out.slice().forEach(function (v) {
      (everyday.get(v) || []).forEach(function (t) { if (t !== word && out.indexOf(t) === -1) out.push(t); });
    });
    return out;
  };

  /* The words of the site that `word` shortens (国企: 国有企业), most common first; none when the site's vocabulary
   * holds `word` itself. At most two: a short form names one term, rarely two. */
  Words.prototype.longForms = function (word) {
    if (this.dict.has(word) || this.fillers.has(word)) return [];
    return (this.shortForms.get(word) || []).slice(0, 2);
  };

  /* A question particle of the form A不A (管不管, 算不算, 行不行): it asks, it is not what is asked about. */
  var ASKING = /^(.{1,2})[不没]\1$/;
  Words.prototype.isFiller = function (piece) {
    return this.fillers.has(piece) || ASKING.test(piece);
  };

  /* Does a word of a question say little of what it is about: a filler, one of the language's most common words,
   * or made of those, the asker's own words and function characters with one more character at most (那几年, 每个月,
   * 我爸, 个事情该找)? A question whose other words the site holds is answered even when no page holds this one. */
  Words.prototype.isGeneric = function (word) {
    if (this.isFiller(word) || this.common.has(word)) return true;
    // A word of the site's own vocabulary names something (医药费, 生活费, 不合理), though made of a common word
    // and a character: only what the vocabulary does not hold is judged by its parts (那几年, 每个月, 我爸).
    if (this.dict.has(word)) return false;
    var n = word.length, left = this.unexplained(word);
    // So does a word of the language around one of the site (党组织, 结婚证: not 组织 or 结婚 and a character),
    // unless it is made of those parts alone, with no other character (一个月: 一个 and 月).
    if (this.outer.has(word)) return left === 0;
    return left <= 1 && left < n;
  };
  /* How many characters of `word` no filler, common word, word of the asker's or function character explains
   * (比别人多休: 比, 多 and 休, 别人 being common; 健身房办卡: all five): what of it may name something. */
  Words.prototype.unexplained = function (word) {
    var n = word.length, best = new Int32Array(n + 1).fill(99);
    best[0] = 0;
    for (var i = 1; i <= n; i++) {
      best[i] = best[i - 1] + 1; // a character of its own
      for (var len = 2; len <= Math.min(4, i); len++) {
        var piece = word.substr(i - len, len);
        if (this.isFiller(piece) || this.common.has(piece) || this.asker.has(piece)) best[i] = Math.min(best[i], best[i - len]);
      }
      if (this.fillers.has(word[i - 1]) || this.asker.has(word[i - 1]) || this.particles.has(word[i - 1])) best[i] = Math.min(best[i], best[i - 1]);
    }
    return best[n];
  };

  /* What one word of the query may be found as: the word as typed, then its synonyms; a word of a question
   * (`asWord`: split from a query found nowhere as typed) also as the terms of the site it shortens. */
  function groupOf(text, quoted, words, asWord) {
    var alts = [text];
    if (!quoted && words) {
      var more = asWord ? words.wordVariants(text).concat(words.longForms(text)) : words.variants(text);
      more.forEach(function (v) {
        if (alts.length < MAX_ALTERNATIVES && lengthOf(v) >= 2 && alts.indexOf(v) === -1) alts.push(v);
      });
    }
    return { text: text, quoted: quoted, alts: alts };
  }

  /* ---------------------------------------------------------------- query understanding */
  /* What a query means beyond its characters, from the site's own data: the laws it names the way people shorten
   * them, a 发文字号 typed loosely, an intent (data/search/intents.yml), a character typed for another of the same
   * sound. Each gives records to put first ("pins") and may rewrite the query into the words the pages use. */

  var CN_VALUE = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  /* 十四 -> 14, 一百零五 -> 105, 二十 -> 20, 八 -> 8 (the numbers of articles and documents); NaN if not one. */
  function parseChineseNumber(text) {
    var total = 0, digit = -1;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (CN_VALUE[c] !== undefined) { digit = CN_VALUE[c]; continue; }
      var unit = c === "十" ? 10 : c === "百" ? 100 : c === "千" ? 1000 : 0;
      if (!unit) return NaN;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    }
    return total + (digit < 0 ? 0 : digit);
  }
  var CN_NUMERAL = "[零〇一二两三四五六七八九十百千]";

  /* Years and numbers of documents written in Chinese numerals, as digits: 二〇二四年 -> 2024年, 〔二〇二五〕 ->
   * 〔2025〕, 十四号 -> 14号; a year of two digits (二五年) only before the number of a document (二五年九号), where
   * it cannot be a count of years (服役三五年). */
  function digitsFor(text) {
    function digits(all) { return all.split("").map(function (c) { return CN_VALUE[c]; }).join(""); }
    return text.replace(/([零〇一二三四五六七八九]{4})(?=年|〕)/g, digits)
      .replace(new RegExp("([零〇一二三四五六七八九]{2})(?=年度?\\s*第?\\s*(?:" + CN_NUMERAL + "+|\\d+)号)", "g"), digits)
      .replace(new RegExp("(" + CN_NUMERAL + "+)(?=号)", "g"), function (all) {
        var n = parseChineseNumber(all);
        return isNaN(n) ? all : String(n);
      });
  }

  // Laws. A law's name is its title without 中华人民共和国 and a version note (〔2019年修订〕); its kind is how the
  // name ends (法, 条例 …). What people type names a law when its characters come in the law's name in the same
  // order (个保法: 个人信息保护法; 英烈法: 英雄烈士保护法; 军人权益保障法: 军人地位和权益保障法), it ends with the same
  // kind, or is followed by an article (退役军人保障 第二十一条), and it keeps two characters of the name or more.
  var LAW_ENDINGS = ["实施细则", "条例", "规定", "办法", "决定", "细则", "规则", "法"];
  var NOT_A_LAW_AFTER = "律院官人定治制学理庭警"; // 法律, 法院, 法定 …: a word, not the end of a law's name
  var VERSION_NOTE = /〔[^〔〕]*〕$/;

  function lawName(title) {
    var name = title.replace(VERSION_NOTE, "").replace(STATE_PREFIX, "");
    var ending = "";
    for (var i = 0; i < LAW_ENDINGS.length; i++) {
      if (name.length > LAW_ENDINGS[i].length && name.slice(-LAW_ENDINGS[i].length) === LAW_ENDINGS[i]) { ending = LAW_ENDINGS[i]; break; }
    }
    return { name: name, core: name.slice(0, name.length - ending.length), ending: ending };
  }

  /* How well `core` (typed, without the kind) names a law's core: 0 when it does not (its characters are not in
   * the name in that order), else more for more of the name, fewer gaps, the same first character. */
  function nameScore(core, law) {
    if (core === law.core) return 1000;
    if (lengthOf(core) < 2) return 0;
    var at = -1, gaps = 0;
    for (var i = 0; i < core.length; i++) {
      var next = law.core.indexOf(core[i], at + 1);
      if (next === -1) return 0;
      if (i > 0 && next !== at + 1) gaps++;
      at = next;
    }
    return 100 * core.length / law.core.length + (core[0] === law.core[0] ? 20 : 0) - 5 * gaps;
  }

  /* The laws `typed` names, best first (laws in force before repealed ones and older versions; one law per name).
   * `ending`: whether `typed` must end with the law's kind (else it may leave it out). */
  function lawsNamed(idx, typed, ending, words) {
    var tries = [typed].concat(words ? words.variants(typed) : []), found = [];
    idx.laws.forEach(function (law) {
      var best = 0;
      tries.forEach(function (t) {
        var core = t;
        if (law.ending && t.slice(-law.ending.length) === law.ending) core = t.slice(0, t.length - law.ending.length);
        else if (ending) return;
        best = Math.max(best, nameScore(core, law));
      });
      if (best > 0) found.push({ law: law, score: best - (law.old ? 0.5 : 0) });
    });
    found.sort(function (a, b) { return b.score - a.score || a.law.rid - b.law.rid; });
    var top = found.length ? Math.floor(found[0].score) : 0, names = {};
    return found.filter(function (f) {
      if (Math.floor(f.score) < top - 10 || names[f.law.name]) return false;
      return (names[f.law.name] = true);
    }).map(function (f) { return f.law; });
  }

  /* Names of laws in a chunk of the query: [{start, end, laws, article}], `article` the number of an article
   * typed right after the name (第二十一条). Each place where a kind of law ends a name (法, 条例 …) is tried
   * with the longest text before it that names a law. */
  function lawMentions(idx, text, words) {
    var out = [], from = 0;
    for (var end = 1; end <= text.length; end++) {
      var ending = LAW_ENDINGS.filter(function (e) { return end >= e.length && text.slice(end - e.length, end) === e; })[0];
      if (!ending || end <= from) continue;
      if (ending === "法" && text[end] && NOT_A_LAW_AFTER.indexOf(text[end]) !== -1) continue;
      if (ending === "法" && text[end] === "规" && text[end + 1] !== "定") continue; // 法规, not 法 + 规定
      for (var start = Math.max(from, end - 16); start <= end - ending.length - 1; start++) {
        var typed = text.slice(start, end);
        if (/[\s\d〔〕]/.test(typed)) continue;
        var laws = lawsNamed(idx, typed, true, words);
        // A name begins a word: what is typed right before it, in the same run of characters, may only be
        // filler words (请问英烈法), not the beginning of another name (军人地位和权义保障法 is not 保障法).
        var before = /[\u4e00-\u9fff]*$/.exec(text.slice(0, start))[0];
        if (laws.length && before && words && words.split(before).words.length) laws = [];
        if (laws.length) {
          var after = new RegExp("^\\s*的?\\s*(" + ARTICLE_LABEL + ")").exec(text.slice(end));
          out.push({ start: start, end: end + (after ? after[0].length : 0), nameEnd: end, laws: laws,
            article: after ? articleNumber(after[1]) : 0 });
          from = end;
          break;
        }
      }
    }
    return out;
  }

  function articleNumber(label) {
    var m = /^第(.+?)条/.exec(label);
    return m ? parseChineseNumber(m[1]) : 0;
  }

  // 发文字号 typed loosely: the organ shortened or left out, no brackets, 年 and 号 written out, 第, Chinese
  // numerals (某退役军人发〔2024〕3号 as 退役军人发2024年3号, 发2025 4号, 2023年第5号文件, 24年6号文, 二〇二四年八号);
  // the organ typed after the year (2023年办字12号: the 字 of 文字号), or the number after a dash with no 号 at all
  // (办2025-14), which only the organ typed before it tells from a date or an index number.
  var LOOSE_NUMBER = new RegExp("([^\\s\\d〔〕]*?)(?:[\\s〔]*((?:19|20)\\d{2}|\\d{2}(?=年|〕))\\s*〕?\\s*(?:年度?|[-—－\\/.·])?\\s*" +
    "(?:([^\\s\\d〔〕第号年度]{1,8}?)字?\\s*)?第?\\s*(\\d{1,4})\\s*号" +
    "|\\s*〔((?:19|20)\\d{2})〕\\s*第?\\s*(\\d{1,4})(?![\\d号])" +
    "|\\s*((?:19|20)\\d{2})\\s*[-—－\\/]\\s*([1-9]\\d{0,2})(?![\\d号\\-—－\\/.年月]))", "g");
  var DOC_NUMBER = /([^\s〔〕]*)〔(\d{4})〕(\d+)号/g;

  /* Documents whose 发文字号 the query holds, loosely typed: [{start, end, docs}]. */
  function numberMentions(idx, text) {
    var out = [], m;
    LOOSE_NUMBER.lastIndex = 0;
    while ((m = LOOSE_NUMBER.exec(text))) {
      // 〔2025〕9 without 号 (m[5], m[6]): the brackets say it is a number all the same. 2025-14 (m[7], m[8]):
      // only with the organ before it.
      var typedYear = m[2] || m[5] || m[7], year = typedYear.length === 2 ? 2000 + +typedYear : +typedYear;
      var number = +(m[4] || m[6] || m[8]), organ = m[1], dashed = !!m[7];
      var docs = idx.docNumbers.filter(function (d) { return d.year === year && d.number === number; });
      // The organ typed between the year and the number must be in the document's organ: else it is another
      // word, not a number of this site.
      if (m[3]) docs = docs.filter(function (d) { return d.organ.indexOf(m[3]) !== -1; });
      if ((docs.length > 1 || dashed) && organ) {
        // The organ typed, or the end of it (发, 办 …), in the document's organ: the one meant.
        var tail = organ.slice(-3), named = [];
        for (var k = tail.length; k >= 1 && !named.length; k--) {
          named = docs.filter(function (d) { return d.organ.indexOf(tail.slice(-k)) !== -1; });
        }
        if (named.length || dashed) docs = named;
      } else if (dashed) docs = [];
      if (docs.length) out.push({ start: m.index, end: LOOSE_NUMBER.lastIndex, docs: docs });
    }
    return out;
  }

  /* A kind of document and a year, asked for and nothing else (法治政府建设年度报告 2024, 2025年的年度报告): the
   * documents of that kind about that year, which a search of the words can miss when the kind is the page's kind
   * and not a phrase of its text, and which a page that lists or mentions them must not outrank. A document is
   * about the year its title names; one whose title names none, about the year it was published. The longest
   * kind the query holds is meant (法治政府建设年度报告, not 年度报告); list pages are not documents of a kind. */
  function kindAndYear(idx, text, words) {
    var years = text.match(/(?:19|20)\d\d/g), kinds = idx.manifest.kinds, kind = -1;
    if (!years || years.length !== 1) return [];
    kinds.forEach(function (name, k) {
      if (name && GROUP_NAMES.indexOf(name) === -1 && text.indexOf(fold(name)) !== -1 &&
          (kind < 0 || name.length > kinds[kind].length)) kind = k;
    });
    if (kind < 0) return [];
    var rest = text.split(years[0]).join(" ").split(fold(kinds[kind])).join(" ").split(/[^\u4e00-\u9fff]+/);
    if (rest.some(function (part) { return part && words.split(part.replace(/^(年度|年)/, "")).words.length; })) return [];
    var titled = [], published = [];
    for (var r = 0; r < idx.count; r++) {
      if (idx.titles[r][2] !== kind || idx.flags[r] & FLAG_LISTING) continue;
      var named = idx.title(r)[0].match(/(?:19|20)\d\d/g);
      if (named) { if (named.indexOf(years[0]) !== -1) titled.push(r); }
      else if (idx.year && String(idx.year[r]) === years[0]) published.push(r);
    }
    return titled.concat(published);
  }

  function ownerless(text, words) {
    // A verb doubled with 一 or 了 between (测一测, 问了问) is the verb doubled (测测, 问问), as the data writes it.
    var plain = text.replace(/\s+/g, "").replace(/([\u4e00-\u9fff])[一了]\1/g, "$1$1");
    words.owner.forEach(function (name) { plain = plain.split(name).join(" "); });
    return plain;
  }
  function phrasedAs(intent, plain) {
    return intent.patterns.some(function (p) {
      return p.every(function (alts) { return alts.some(function (w) { return plain.indexOf(w) !== -1; }); });
    });
  }
  /* The first intent one of whose phrasings the query holds as whole words, whatever else it says: the page a
   * question found nowhere on the site goes to when it asks for that (材料寄给你们写什么收件地址: 联系方式). A
   * phrasing's word inside another word of the question (领 in 冒领) is not that word. */
  function intentPhrased(idx, text, words) {
    var plain = ownerless(text, words);
    for (var i = 0; i < idx.intents.length; i++) {
      var intent = idx.intents[i];
      if (!phrasedAs(intent, plain)) continue;
      var pieces = new Set();
      plain.split(/([\u4e00-\u9fff]+)/).forEach(function (part, k) {
        if (k % 2) words.segment(part, intent.words).forEach(function (piece) { pieces.add(piece); });
        else part.split(/[^a-z0-9]+/).forEach(function (w) { if (w) pieces.add(w); });
      });
      if (intent.patterns.some(function (p) {
        return p.every(function (alts) { return alts.some(function (w) { return pieces.has(w); }); });
      })) return intent;
    }
    return null;
  }

  /* The intent of a question (data/search/intents.yml), when it asks for nothing else: the question holds every
   * word of one of its phrasings, and each of its words (split as a question is) is one of the intent's words or
   * made of them, a filler word, the bureau's name or a character alone (优待证 is not 优待 and a character:
   * 优待证有什么用 asks about the card). null when none. */
  function intentOf(idx, text, words) {
    if (!idx.intents.length) return null;
    var plain = ownerless(text, words);
    for (var i = 0; i < idx.intents.length; i++) {
      var intent = idx.intents[i], pieces = [];
      if (!phrasedAs(intent, plain)) continue;
      plain.split(/([\u4e00-\u9fff]+)/).forEach(function (part, k) {
        if (k % 2) pieces = pieces.concat(words.segment(part, intent.words));
        else part.split(/[^a-z0-9]+/).forEach(function (w) { if (w) pieces.push(w); });
      });
      // Characters alone, one after another, are a word the site does not know (订阅 where no page says it).
      var run = 0, other = pieces.some(function (piece) {
        run = piece.length === 1 && !intent.words.has(piece) && !words.isFiller(piece) ? run + 1 : 0;
        return run > 1 || (piece.length > 1 && !intent.words.has(piece) && !words.isFiller(piece) &&
          words.owner.indexOf(piece) === -1 && !composedOf(piece, intent.words));
      });
      if (!other) return intent;
    }
    return null;
  }

  /* The intent a question asks for by its cue words, phrased in no way written: {intent, score, uncovered}, the
   * best by the fewest words it leaves unexplained, then by the weight of its cues (shared ones count less), then
   * the first written; null when no intent has a phrasing's word in the question. The question is split with each
   * intent's words preferred, as intentOf splits it. */
  function intentScored(idx, text, words) {
    if (!idx.intents.length) return null;
    var plain = ownerless(text, words), best = null;
    idx.intents.forEach(function (intent) {
      // Only an intent one of whose phrasings' words the question holds may be the answer: the others are not
      // split for (one string search each, not a segmentation).
      if (!intent.phrasingWords.some(function (w) { return plain.indexOf(w) !== -1; })) return;
      var pieces = [];
      plain.split(/([\u4e00-\u9fff]+)/).forEach(function (part, k) {
        if (k % 2) pieces = pieces.concat(words.segment(part, intent.along));
        else part.split(/[^a-z0-9]+/).forEach(function (w) { if (w) pieces.push(w); });
      });
      var score = 0, phrasing = false, uncovered = 0, seen = new Set(), run = 0;
      pieces.forEach(function (piece) {
        var weight = intent.cues.get(piece);
        if (weight !== undefined && !seen.has(piece)) {
          seen.add(piece);
          // A character alone is in most sentences (管, 领, 钱), and so is one of the language's most common
          // words (不好, 工作): little evidence by itself.
          score += piece.length > 1 && !words.common.has(piece) ? weight : weight * CUE_CHARACTER;
          if (intentPhrasing(intent, piece)) phrasing = true;
        }
        run = piece.length === 1 && !intent.along.has(piece) && !words.isFiller(piece) && !words.particles.has(piece) ? run + 1 : 0;
        if (run > 1 || (piece.length > 1 && !intent.along.has(piece) && !words.isFiller(piece) && !words.asker.has(piece) &&
            words.owner.indexOf(piece) === -1 && !composedOf(piece, intent.along))) uncovered++;
      });
      if (!phrasing) return;
      if (!best || score > best.score || (score === best.score && uncovered < best.uncovered)) {
        best = { intent: intent, score: score, uncovered: uncovered, matched: Array.from(seen) };
      }
    });
    return best;
  }
  function intentPhrasing(intent, word) {
    return intent.patterns.some(function (p) { return p.some(function (alts) { return alts.indexOf(word) !== -1; }); });
  }

  /* `piece` as words of `known` one after another (信息公开: 信息, 公开), or null. */
  function composedOf(piece, known) {
    var n = piece.length, from = new Int32Array(n + 1).fill(-1);
    from[0] = 0;
    for (var i = 1; i <= n; i++) {
      for (var len = 1; len <= i; len++) {
        if (from[i - len] !== -1 && known.has(piece.substr(i - len, len))) { from[i] = i - len; break; }
      }
    }
    if (from[n] === -1) return null;
    var out = [];
    for (var j = n; j > 0; j = from[j]) out.unshift(piece.slice(from[j], j));
    return out;
  }

  /* Laws, documents and intents of the index, read from words.json and the titles once, on the first query. */
  Index.prototype.understanding = function () {
    if (this.laws) return;
    var self = this, words = this.words;
    this.urls = new Map();
    for (var r = 0; r < this.count; r++) this.urls.set(this.titles[r][0], r);
    this.laws = words.laws.map(function (rid) {
      var law = lawName(self.title(rid)[0]);
      law.rid = rid;
      law.url = self.titles[rid][0];
      law.old = !!(self.flags[rid] & FLAG_STATUS);
      return law;
    });
    this.docNumbers = [];
    for (var d = 0; d < this.count; d++) {
      var keys = this.title(d)[1], m;
      if (!keys) continue;
      DOC_NUMBER.lastIndex = 0;
      while ((m = DOC_NUMBER.exec(keys))) this.docNumbers.push({ rid: d, organ: m[1], year: +m[2], number: +m[3], text: m[0] });
    }
    // 同类说法 (intents.yml): a word of a phrasing stands for each word of its class (投诉: 举报, 检举, 揭发 …), so a
    // new word of a class routes as the listed one does; the class's words may come with the intent too.
    var classOf = new Map();
    (words.intentClasses || []).forEach(function (members) { members.forEach(function (w) { classOf.set(w, members); }); });
    this.intents = words.intents.map(function (entry) {
      var own = new Set();
      [].concat.apply([], entry[1]).concat(entry[2]).forEach(function (w) {
        (classOf.get(w) || [w]).forEach(function (m) { own.add(m); });
      });
      // The asker's own words (我爸, 周末, 俩) come with any intent, and are whole words when it is read.
      words.asker.forEach(function (w) { own.add(w); });
      var patterns = entry[1].map(function (p) { return p.map(function (w) { return classOf.get(w) || [w]; }); });
      // Cue words, for a question phrased in no way written (intentScored): a word of a phrasing says most of
      // what is asked for, a word that may come with it less, and so does a word of the intent's page of its own
      // (its text names what it is for: 信箱, 题库, 接待室).
      var cues = new Map();
      function cue(w, weight) { if (!words.isFiller(w) && (cues.get(w) || 0) < weight) cues.set(w, weight); }
      (entry[4] || []).forEach(function (w) { cue(w, CUE_ALONG); });
      entry[2].forEach(function (w) { (classOf.get(w) || [w]).forEach(function (m) { cue(m, CUE_ALONG); }); });
      patterns.forEach(function (p) { p.forEach(function (alts) { alts.forEach(function (m) { cue(m, CUE_PHRASING); }); }); });
      var along = new Set(own);
      (entry[4] || []).forEach(function (w) { along.add(w); });
      var phrasingWords = [];
      patterns.forEach(function (p) { p.forEach(function (alts) { alts.forEach(function (m) { if (cues.has(m)) phrasingWords.push(m); }); }); });
      return { rid: entry[0], patterns: patterns, words: own, name: entry[3], cues: cues, along: along, phrasingWords: phrasingWords };
    });
    // 称呼本局 and 其他事的入口 (intents.yml): a question addressing the bureau (你们, 贵局) that the site has no
    // answer to asks about the bureau's own business, which its general channel answers (see routed).
    this.addressing = (words.addressing || []).filter(Boolean);
    this.fallbackIntent = null;
    this.intents.forEach(function (intent) { if (intent.name === words.intentFallback) self.fallbackIntent = intent; });
    // A cue several intents share says less of which is meant (你们, 本局, 哪里): its weight is shared out. So
    // does a cue most records hold (军人, 工作, 政策: what the pages are about, not a way of asking for one of
    // them): weighted by its rarity, ln(records / holding) against ln(records).
    var shared = new Map(), all = Math.log(Math.max(2, this.count));
    this.intents.forEach(function (intent) { intent.cues.forEach(function (w, k) { shared.set(k, (shared.get(k) || 0) + 1); }); });
    this.intents.forEach(function (intent, i) {
      var holding = words.intents[i][5] || {};
      intent.cues.forEach(function (w, k) {
        var rarity = holding[k] ? Math.max(0, Math.log(self.count / (holding[k] + 1))) / all : 1;
        intent.cues.set(k, w * Math.min(1, rarity) / shared.get(k));
      });
    });
  };

  /* What a query means: {text: the query in the pages' words, pins: records to show first, notes}. */
  function understand(idx, query) {
    idx.understanding();
    var words = idx.words, pins = [], notes = [];
    function pin(rid) { if (rid !== undefined && pins.indexOf(rid) === -1) pins.push(rid); }
    var text = digitsFor(fold(query)).replace(ARTICLE_DIGITS, function (all, n) { return +n > 0 ? "第" + chineseNumber(+n) + "条" : all; });
    // Quoted phrases stay as typed.
    var parts = [], at = 0, m;
    QUOTED.lastIndex = 0;
    while ((m = QUOTED.exec(text))) { parts.push([text.slice(at, m.index), false], [m[0], true]); at = QUOTED.lastIndex; }
    parts.push([text.slice(at), false]);
    var out = parts.map(function (part) {
      if (part[1]) return part[0];
      var piece = part[0];
      numberMentions(idx, piece).reverse().forEach(function (n) {
        n.docs.forEach(function (d) { pin(d.rid); });
        // Typed loosely: searched as the document writes it (a part of it typed as written stays as typed).
        if (n.docs[0].text.indexOf(piece.slice(n.start, n.end).trim()) === -1) {
          piece = piece.slice(0, n.start) + " " + n.docs[0].text + " " + piece.slice(n.end);
        }
      });
      var mentions = lawMentions(idx, piece, words);
      // A law typed without its kind, followed by an article (个人信息保护 第二十九条).
      if (!mentions.length) {
        var bare = new RegExp("^(.*?[^\\s\\d第的]{2})\\s*的?\\s*(" + ARTICLE_LABEL + ")").exec(piece.trim());
        if (bare) {
          // The name may follow filler words (请问个人信息保护第二十九条), nothing else.
          var typedName = bare[1].trim(), from = piece.indexOf(typedName);
          for (var s = 0; s <= typedName.length - 2 && !mentions.length; s++) {
            if (s && words.split(typedName.slice(0, s)).words.length) break;
            var candidate = typedName.slice(s);
            var named = lawsNamed(idx, candidate, false, words).filter(function (law) { return nameScore(candidate, law) >= 50; });
            if (named.length) {
              mentions = [{ start: from + s, end: from + bare[0].trim().length, nameEnd: from + typedName.length, laws: named,
                article: articleNumber(bare[2]) }];
            }
          }
        }
      }
      mentions.reverse().forEach(function (mention) {
        var label = mention.article ? "第" + chineseNumber(mention.article) + "条" : "";
        var law = mention.laws[0], typed = piece.slice(mention.start, mention.end).replace(/\s+/g, "");
        var shortened = typed.indexOf(law.name) !== 0;
        // The law itself is asked for when its name is all the part says (but filler words: 请问宪法), or with an
        // article; named inside a phrase (宪法宣传周), the phrase is asked for.
        var around = (piece.slice(0, mention.start) + " " + piece.slice(mention.end)).split(/[^\u4e00-\u9fff]+/);
        var alone = around.every(function (part) { return !part || !words.split(part).words.length; });
        if (mention.article || alone) {
          mention.laws.slice(0, 3).forEach(function (named) {
            var article = mention.article ? idx.urls.get(named.url + "#art-" + mention.article) : undefined;
            pin(article !== undefined ? article : named.rid);
          });
        } else if (!shortened) return;
        // Said plainly above the hits: the name typed, and the law it was read as.
        if (shortened) notes.push([piece.slice(mention.start, mention.nameEnd).trim(), law.name]);
        piece = piece.slice(0, mention.start) + " " + law.name + (label ? " " + label : "") + " " + piece.slice(mention.end);
      });
      return piece;
    });
    var rewritten = out.join("").replace(/\s+/g, " ").trim();
    kindAndYear(idx, rewritten, words).forEach(pin);
    var intent = intentOf(idx, rewritten, words);
    if (intent) pin(intent.rid);
    var phrased = intent || pins.length ? null : intentPhrased(idx, rewritten, words);
    // Scored only when asked (routed): most queries are found as typed and never need it.
    var scored;
    function scoredOnce() {
      if (scored === undefined) scored = intent || pins.length ? null : intentScored(idx, rewritten, words);
      return scored;
    }
    var addressed = idx.addressing.some(function (w) { return rewritten.indexOf(w) !== -1; });
    return { text: rewritten, pins: pins, notes: notes, intent: intent, phrased: phrased, scored: scoredOnce,
      addressed: addressed, fallback: idx.fallbackIntent };
  }

  /* ---------------------------------------------------------------- same-sounding characters */
  /* pinyin.json (hooks/govsite/search/pinyin.py): each common character and each character of the site's words
   * under its usual reading without tone, and the site's words read otherwise as phrases (银行: yin hang); loaded
   * with the index (load), or here by itself. */
  Index.prototype.sounds = function () {
    var self = this;
    if (!this.soundsReady) {
      this.soundsReady = this.fetch("pinyin.json", "json").then(function (table) { return self.readSounds(table); });
    }
    return this.soundsReady;
  };
  Index.prototype.readSounds = function (table) {
    var self = this;
    // A sound is a string of one character per syllable (its number), made from character codes looked up in a
    // typed array: this runs for every word of the site when the index loads, before the browser has optimised it.
    var syllables = Object.keys(table.sounds), number = Object.create(null), of = new Int16Array(65536).fill(-1);
    syllables.forEach(function (syllable, k) {
      number[syllable] = k;
      var chars = table.sounds[syllable];
      for (var i = 0; i < chars.length; i++) of[chars.charCodeAt(i)] = k;
    });
    self.soundOf = of;
    // The site's words by their number of syllables and first syllable: a word that sounds like a piece typed
    // is among the few of its group (its whole sound is compared then, see soundAlikes).
    var read = table.words || {}, unread = String.fromCharCode(SOUND_BASE + syllables.length);
    var groups = new Map(), spoken = new Map(), width = self.soundWidth = syllables.length + 2;
    self.words.dict.forEach(function (cls, word) {
      var phrase = read[word], first, size;
      if (phrase) {
        // Read as a phrase (银行: yin hang); a syllable no character has as its usual reading is a sound no
        // piece typed can have.
        var key = phrase.split(" ").map(function (syllable) {
          return syllable in number ? String.fromCharCode(SOUND_BASE + number[syllable]) : unread;
        }).join("");
        spoken.set(word, key);
        first = key.charCodeAt(0) - SOUND_BASE; size = key.length;
      } else {
        first = of[word.charCodeAt(0)]; size = word.length;
      }
      if (first < 0) return;
      var list = groups.get(size * width + first);
      if (!list) groups.set(size * width + first, [word]); else list.push(word);
    });
    self.soundGroups = groups;
    self.spoken = spoken;
    self.realWords = new Set(table.real ? table.real.split(" ") : []);
    return self;
  };

  /* The sound of a piece typed: its characters' usual readings, a character per syllable ("" when one has none). */
  var SOUND_BASE = 0x100;
  Index.prototype.soundKey = function (piece) {
    var key = "", of = this.soundOf;
    for (var i = 0; i < piece.length; i++) {
      var syllable = of[piece.charCodeAt(i)];
      if (syllable < 0) return "";
      key += String.fromCharCode(SOUND_BASE + syllable);
    }
    return key;
  };

  /* Does a piece hold a filler word (有, 吗, 怎么 …)? Then it is not one word typed wrong. */
  function hasFiller(words, piece) {
    for (var i = 0; i < piece.length; i++) {
      for (var len = 1; len <= Math.min(3, piece.length - i); len++) if (words.fillers.has(piece.substr(i, len))) return true;
    }
    return false;
  }

  /* Words of the site that sound like `piece` and differ from it in at most half its characters, most common
   * first: what was meant when `piece` was typed with the wrong character of the same sound. */
  Index.prototype.soundAlikes = function (piece) {
    var self = this, found = [], words = this.words;
    // A word of the language in common use that sounds like a word of the site (一半 and 一般, 视力 and 势力, 今年 and
    // 近年) was typed as meant: it is another word, not the site's typed with a wrong character.
    if (!this.soundGroups || lengthOf(piece) < 2 || words.dict.has(piece) || this.realWords.has(piece)) return found;
    var key = this.soundKey(piece);
    if (!key) return found;
    (this.soundGroups.get(key.length * this.soundWidth + key.charCodeAt(0) - SOUND_BASE) || []).forEach(function (word) {
      if ((self.spoken.get(word) || self.soundKey(word)) !== key) return;
      if (word === piece || words.isFiller(word)) return;
      var same = 0;
      for (var i = 0; i < word.length; i++) if (word[i] === piece[i]) same++;
      if (same >= 1 && word.length - same <= Math.ceil(word.length / 2)) found.push(word);
    });
    var dict = this.words.dict;
    return found.sort(function (a, b) { return dict.get(b) - dict.get(a) || (a < b ? -1 : 1); });
  };

  /* The query with same-sounding words of the site put for pieces no page holds: a split of each chunk where a
   * piece may also be a word of the site typed with other characters of the same sound (at a cost, so that
   * words as typed win). {text, replaced: [[typed, meant]]}; replaced is empty when nothing sounds better. */
  var TYPO_COST = 8; // a word typed as it is written wins over the same word of another sound
  Index.prototype.soundCorrection = function (text) {
    // Remembered: the same text is corrected to prefetch the lists its correction needs, then to search it.
    if (!this.corrections) this.corrections = new Map();
    var known = this.corrections.get(text);
    if (!known) {
      known = this.correctSounds(text);
      if (this.corrections.size > 50) this.corrections.clear();
      this.corrections.set(text, known);
    }
    return { text: known.text, replaced: known.replaced.slice() };
  };
  Index.prototype.correctSounds = function (text) {
    var self = this, words = this.words, replaced = [];
    var parts = text.split(/(\s+|[^\u4e00-\u9fff]+)/);
    var corrected = parts.map(function (part, at) {
      if (!/^[\u4e00-\u9fff]{2,}$/.test(part)) return part;
      // 年 after a number is the year's unit, explained by it (2025年碾报: the year and 年报 typed wrong).
      var year = at > 0 && /\d$/.test(parts[at - 1]);
      var n = part.length, best = new Float64Array(n + 1).fill(Infinity), from = new Int32Array(n + 1), meant = new Array(n + 1);
      best[0] = 0;
      for (var i = 1; i <= n; i++) {
        for (var len = 1; len <= Math.min(words.longest, i); len++) {
          var piece = part.substr(i - len, len), cost = best[i - len] + words.cost(piece), alike = null;
          if (len >= 2 && !words.dict.has(piece) && !words.isFiller(piece) && !hasFiller(words, piece)) {
            var alikes = self.soundAlikes(piece);
            if (alikes.length) {
              // The longer the word that sounds like what was typed, the likelier it is what was meant (人事关系
              // rather than 人士 and 关系).
              var c = best[i - len] + TYPO_COST + Math.max(0, words.cost(alikes[0]) - 3 * (len - 2));
              if (c < cost) { cost = c; alike = alikes[0]; }
            }
          }
          if (cost < best[i]) { best[i] = cost; from[i] = i - len; meant[i] = alike; }
        }
      }
      var pieces = [];
      for (var j = n; j > 0; j = from[j]) pieces.unshift({ typed: part.slice(from[j], j), meant: meant[j] });
      // A word of the same sound between characters nothing explains is a guess across other words (驾照到期:
      // not 驾 找到 期): a correction leaves the words around it words. A word of three characters or more that
      // sounds like one of the site is evidence enough beside one such character (光荣苑收: 光荣院 收).
      function loose(k) {
        var p = pieces[k];
        return p && !p.meant && p.typed.length === 1 && !words.isFiller(p.typed) && !(k === 0 && year && p.typed === "年");
      }
      // Nor is a short piece that ends a word begun before it or begins one that goes on after it (生兵 of
      // 大学生兵: 大学生 and 兵, not 大学 生病; 件事 of 第一件事: 一件): the asker's words, cut in two by the split.
      // The site's rarest words (seen once in its texts: 户办 of 个体工商户办理) are pieces of its sentences, too
      // many to say a word is cut.
      function isWord(w) {
        return (words.dict.get(w) || 0) > 1 || words.common.has(w) || words.asker.has(w) || self.realWords.has(w) ||
          words.outer.has(w);
      }
      function crosses(k) {
        var t = pieces[k].typed, prev = k > 0 ? pieces[k - 1].typed : "", next = k + 1 < pieces.length ? pieces[k + 1].typed : "";
        for (var a = 1; a <= Math.min(2, prev.length); a++) {
          for (var b = 1; b < t.length; b++) if (isWord(prev.slice(-a) + t.slice(0, b))) return true;
        }
        for (var c = 1; c <= Math.min(2, next.length); c++) {
          for (var d = 1; d < t.length; d++) if (isWord(t.slice(-d) + next.slice(0, c))) return true;
        }
        return false;
      }
      return pieces.map(function (p, k) {
        var before = loose(k - 1), after = loose(k + 1);
        if (!p.meant || (before && after) || ((before || after) && p.typed.length < 3)) return p.typed;
        if (p.typed.length < 3 && crosses(k)) return p.typed;
        replaced.push([p.typed, p.meant]);
        return p.meant;
      }).join("");
    }).join("");
    return { text: corrected, replaced: replaced };
  };

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

  /* The list of a question's phrase (a part with a filler word that no title holds: it is expected on no page as
   * typed, and its words' lists are already on their way, see answer): the phrase as typed first, its variants
   * with a synonym put in (优待卡怎么办理, 优待证怎么申请 …) only when the phrase as typed is on some page. A question
   * whose phrase is on no page is searched as its words, and each word with its synonyms: the variants of the
   * whole phrase would be a file or more each for nothing. */
  function questionList(idx, alts) {
    return Promise.all(stagedLists(idx, alts.slice(0, 1))).then(function (typed) {
      if (alts.length === 1 || !typed[0].ids.length) return mergeAlternatives(typed);
      return Promise.all(typed.concat(stagedLists(idx, alts.slice(1)))).then(mergeAlternatives);
    });
  }

  /* The lists of a part that is expected on no page as typed (a question, whose words' lists are already on
   * their way: see answer), each alternative's exactly as cover() and intersect() give it, but asked for in two
   * steps: first the n-grams most likely on no page, then the others only when those leave records. A cover's
   * lists intersect to nothing as soon as some of them do, so the result is the same; a question then waits
   * for its words' files and a file or two of its phrase, not for one file per n-gram of every variant of its
   * phrase (the variants put each synonym in, and their n-grams across a synonym's edge are filed apart). */
  function stagedLists(idx, alts) {
    var solo = idx.manifest.solo, words = idx.words, files = new Set(idx.shards.keys());
    var covers = alts.map(function (term) { return cover(term, solo); });
    covers.forEach(function (grams, a) {
      if (grams.length < 2) { grams.forEach(function (g) { files.add(idx.shardFile(g)); }); return; }
      var chance = gramChances(words, alts[a], grams);
      // The n-grams whose files come anyway count first; then the least likely ones are added until all of
      // them being on some page is unlikely (a second round is then rare).
      var risk = 1, order = grams.map(function (g, k) { return k; });
      order.forEach(function (k) { if (files.has(idx.shardFile(grams[k]))) risk *= chance[k]; });
      order.sort(function (x, y) { return chance[x] - chance[y] || x - y; });
      order.forEach(function (k) {
        var file = idx.shardFile(grams[k]);
        if (risk <= STAGE_RISK || files.has(file)) return;
        files.add(file);
        risk *= chance[k];
      });
    });
    return covers.map(function (grams) {
      var first = grams.filter(function (g) { return files.has(idx.shardFile(g)); });
      return Promise.all(first.map(function (g) { return idx.postings(g); })).then(function (lists) {
        if (first.length === grams.length || !intersect(lists).ids.length) return intersect(lists);
        return Promise.all(grams.map(function (g) { return idx.postings(g); })).then(intersect);
      });
    });
  }

  /* How likely each n-gram of a question's phrase is to be on some page, from how many of the phrase's pieces
   * (words, filler words, single characters) it holds: a word alone mostly is (扶持政策), two pieces often are
   * (怎么申请), three or more seldom (证怎么办: the end of a word, a filler word, the start of another). Measured
   * on the questions of bench/data at 10,000 documents: 71–98 %, 0–45 %, at most 11 % of such n-grams were on a
   * page. */
  function gramChances(words, term, grams) {
    var cps = Array.from(term), piece = [];
    words.segment(term).forEach(function (p, k) { Array.from(p).forEach(function () { piece.push(k); }); });
    return grams.map(function (g) {
      var size = lengthOf(g), from = 0, pieces = 1;
      while (from + size < cps.length && cps.slice(from, from + size).join("") !== g) from++;
      for (var c = from + 1; c < from + size; c++) if (piece[c] !== piece[c - 1]) pieces++;
      return pieces >= 3 ? 0.05 : pieces === 2 ? 0.35 : 0.9;
    });
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

  /* The lists of a word's alternatives as one: per record the alternative it holds (`alt`, the word as typed
   * first, else the most frequent). A merge of the sorted lists in plain loops over typed arrays (a common word
   * has thousands of postings, and this runs before the browser has optimised it). */
  function mergeAlternatives(lists) {
    var k = lists.length, total = 0, a;
    if (k === 1) return { ids: lists[0].ids, tf: lists[0].tf, title: lists[0].title, alt: new Uint8Array(lists[0].ids.length) };
    for (a = 0; a < k; a++) total += lists[a].ids.length;
    var ids = new Int32Array(total), tf = new Uint8Array(total), title = new Uint8Array(total), alt = new Uint8Array(total);
    var at = new Int32Array(k), n = 0;
    for (;;) {
      var rid = 2147483647;
      for (a = 0; a < k; a++) if (at[a] < lists[a].ids.length && lists[a].ids[at[a]] < rid) rid = lists[a].ids[at[a]];
      if (rid === 2147483647) break;
      var best = -1;
      for (a = 0; a < k; a++) {
        var list = lists[a];
        if (at[a] < list.ids.length && list.ids[at[a]] === rid) {
          if (best < 0 || (best > 0 && list.tf[at[a]] > tf[n])) { best = a; tf[n] = list.tf[at[a]]; title[n] = list.title[at[a]]; }
          at[a]++;
        }
      }
      ids[n] = rid; alt[n] = best; n++;
    }
    return { ids: ids.subarray(0, n), tf: tf.subarray(0, n), title: title.subarray(0, n), alt: alt.subarray(0, n) };
  }

  /* Saturating, length-normalised term frequency (BM25; `norm` from Index.load), 0 … 22. */
  function tfScore(n, norm) {
    return 10 * n * 2.2 / (n + norm);
  }

  /* Candidates in rank order, taken a few at a time (a query may have thousands; a hit object is made only
   * for those actually shown). `length` is how many are left. Per candidate: `unsure`, a bit per word of the
   * query found only through a long term's 4-grams (to be confirmed), and `count`, the words it holds. */
  function Queue(rids, scores, keys, order, unsure, counts, held) {
    this.rids = rids; this.scores = scores; this.at = 0; this.length = rids.length;
    this.held = held || null; // a question split up: per candidate, a bit per word it holds
    this.keys = keys; // rank keys sorted ascending (see rankKey), or null when `order` lists the positions
    this.order = order;
    this.unsure = unsure; this.counts = counts;
  }
  /* Position in rids/scores of the candidate ranked `at` (decoded from its key only when it is taken). */
  Queue.prototype.position = function (at) {
    return this.order ? this.order[at] : DAY_UNIT - 1 - (this.keys[this.rids.length - 1 - at] % DAY_UNIT);
  };
  Queue.prototype.candidate = function (k) {
    return { rid: this.rids[k], score: this.scores[k], unsure: this.unsure[k], count: this.counts[k],
      held: this.held ? this.held[k] : 0 };
  };
  Queue.prototype.peek = function () {
    if (this.at >= this.rids.length) return null;
    return this.candidate(this.position(this.at));
  };
  Queue.prototype.take = function (n) {
    var out = [];
    while (out.length < n && this.at < this.rids.length) out.push(this.candidate(this.position(this.at++)));
    this.length = this.rids.length - this.at;
    return out;
  };

  // Rank order as one number per candidate, sorted natively: score (to 1/16), then newer, then lower record id
  // (`position`, the candidate's place in record-id order, in the low bits: ascending ids rank first).
  var SCORE_STEPS = 16, SCORE_FLOOR = 1024, RANK_BITS = 20;
  var DAY_UNIT = Math.pow(2, RANK_BITS), SCORE_UNIT = Math.pow(2, RANK_BITS + 16), SCORE_MAX = Math.pow(2, 17) - 1;
  // Tiers above the score: a record holding every word as typed before one found through a synonym; in a
  // question split into words, records holding more of its words first.
  // Within them: those whose own title holds every word (a page titled with what was asked is what was asked
  // for), then the score (repealed texts and list pages at the end of their tier). A question has at most
  // MAX_WORDS words: 6 * COUNT_TIER + 2 * TITLE_TIER stays within SCORE_MAX / SCORE_STEPS.
  var TYPED_TIER = 4000, COUNT_TIER = 1000, TITLE_TIER = 125, BONUS_FLOOR = 85; // COUNT_TIER > MAX_WORDS * TITLE_TIER
  // A list or catalogue page holding the words only because it lists documents that hold them comes after every
  // document holding them as typed (not after those found through a synonym): it must not outrank what it lists.
  var LIST_DROP = 2000;
  function rankKey(score, days, position) {
    var q = Math.floor((score + SCORE_FLOOR) * SCORE_STEPS + 0.5);
    q = q < 0 ? 0 : q > SCORE_MAX ? SCORE_MAX : q;
    return q * SCORE_UNIT + days * DAY_UNIT + (DAY_UNIT - 1 - position);
  }

  function Search(index) { this.index = index; }

  /* Score of a term found in the title or document numbers of a record (`head`: its n-grams are there).
   * Sets headCount to its occurrences there: the postings' tf counts them too, and only the body's count
   * should weigh as text (else every article of a law would rank by length, not by what its text says). */
  var headCount = 0, STATE_PREFIX = /^中华人民共和国/;
  function headScore(idx, rid, term) {
    var t = idx.title(rid), at = t[0].indexOf(term);
    headCount = countOf(t[0], term) + countOf(t[1], term);
    if (at !== -1) {
      // A law article's title starts with the law's: a title hit counts less there than on the law's own page.
      // Between laws whose names both hold what was typed (保障法: 退役军人保障法 and 军人地位和权益保障法),
      // the one it names more fully comes first.
      // Laws are named without their formal prefix (退役军人保障法 for 中华人民共和国退役军人保障法).
      if (idx.flags[rid] & FLAG_ARTICLE) {
        var law = t[0].lastIndexOf(" "), name = t[0].slice(0, law).replace(STATE_PREFIX, "");
        return 60 + (at < law ? 20 * Math.min(1, term.length / name.length) : 0);
      }
      var own = t[0].replace(STATE_PREFIX, "");
      return 100 + (own.indexOf(term) === 0 ? 20 : 0) + (own === term ? 30 : 0);
    }
    return t[1].indexOf(term) !== -1 ? 80 : 0; // 发文字号/索引号: after titles, before body text
  }

  /* Occurrences of `term` in `text`, overlapping ones too (as the n-gram postings count them). */
  function countOf(text, term) {
    var n = 0;
    for (var i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) n++;
    return n;
  }

  /* Score of word `g` (list `m`, entry `i`) in record `rid`. */
  function wordScore(idx, rid, group, m, i) {
    var term = group.alts[m.alt[i]], tf = m.tf[i], s = 0;
    if (m.title[i]) { s = headScore(idx, rid, term); tf = Math.max(0, tf - headCount); }
    s += tfScore(tf, idx.norm[rid]);
    return m.alt[i] ? s * SYNONYM_WEIGHT : s;
  }

  /* Candidates for a query, final scores, filters applied: a Queue in rank order. The score needs only the
   * postings and the titles, so the order is known before any text is fetched.
   * `split`: the words of a question split up; records holding some of them are candidates too, those with
   * more of them first. Otherwise a record must hold every word (or a synonym of it). */
  Search.prototype.candidates = function (groups, short, filters, split) {
    var idx = this.index, solo = idx.manifest.solo;
    return Promise.all(groups.map(function (group) {
      if (group.staged) return questionList(idx, group.alts);
      return Promise.all(group.alts.map(function (term) {
        return Promise.all(cover(term, solo).map(function (g) { return idx.postings(g); })).then(intersect);
      })).then(mergeAlternatives);
    })).then(function (sets) {
      mark("lists");
      groups.forEach(function (group, g) { group.size = sets[g].ids.length; }); // 0: the word is on no page
      var longBits = 0;
      groups.forEach(function (group, g) { if (!group.alts.every(exactTerm)) longBits |= 1 << g; });
      var filtered = filters.group >= 0 || !!filters.year, group = idx.group, year = idx.year, days = idx.days;
      var norm = idx.norm, bonus = idx.bonus, flags = idx.flags, est = 0, rid = 0, tf = 0;
      function excluded(r) {
        return filtered && ((filters.group >= 0 && group[r] !== filters.group) || (filters.year && year[r] !== filters.year));
      }
      if (sets.length === 1 && groups[0].alts.length === 1 && !short.length) {
        // One term, the usual query: the same score as below, in a loop that stays cheap on its first run.
        var base = sets[0], size = base.ids.length, ids1 = base.ids, tf1 = base.tf, head1 = base.title, term1 = groups[0].text;
        var rids = new Int32Array(size), scores = new Float64Array(size), n = 0;
        var packed = size < DAY_UNIT, keys = packed ? new Float64Array(size) : null;
        for (var j = 0; j < size; j++) {
          rid = ids1[j];
          if (filtered && excluded(rid)) continue;
          est = 0; tf = tf1[j];
          if (head1[j]) { est = headScore(idx, rid, term1); tf = Math.max(0, tf - headCount); }
          est += tfScore(tf, norm[rid]);
          est += bonus[rid] + TYPED_TIER;
          if (flags[rid] & FLAG_LISTING && !head1[j]) est -= LIST_DROP; // a list after what it lists
          if (packed) keys[n] = rankKey(est, days[rid], n);
          rids[n] = rid; scores[n] = est; n++;
        }
        mark("scored");
        return rankQueue(idx, rids.subarray(0, n), scores.subarray(0, n), packed ? keys.subarray(0, n) : null,
          new Uint8Array(n).fill(longBits), new Uint8Array(n).fill(1));
      }
      return split ? scoreSome(idx, groups, sets, filtered ? excluded : null, longBits)
        : scoreAll(idx, groups, short, sets, excluded, longBits);
    });
  };

  /* Every record holding every word (or a synonym of it). */
  function scoreAll(idx, groups, short, sets, excluded, longBits) {
    var order = sets.map(function (s, k) { return k; }).sort(function (a, b) { return sets[a].ids.length - sets[b].ids.length; });
    var base = sets[order[0]], size = base.ids.length, joined = groups.length > 1 ? groups.map(function (g) { return g.text; }).join("") : null;
    var rids = new Int32Array(size), scores = new Float64Array(size), unsure = new Uint8Array(size), n = 0;
    var packed = size < DAY_UNIT, keys = packed ? new Float64Array(size) : null;
    var cursors = new Int32Array(sets.length), at = new Int32Array(sets.length);
    outer: for (var k = 0; k < size; k++) {
      var rid = base.ids[k], est = 0, inAllTitles = 1, typed = 1, bits = 0;
      if (excluded(rid)) continue;
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
      for (var g = 0; g < sets.length; g++) {
        var m = sets[g], i = at[g];
        est += wordScore(idx, rid, groups[g], m, i);
        if (!m.title[i]) inAllTitles = 0;
        if (m.alt[i]) typed = 0;
        if ((longBits >> g) & 1 && !exactTerm(groups[g].alts[m.alt[i]])) bits |= 1 << g;
      }
      for (var u = 0; u < short.length; u++) {
        if (idx.title(rid)[0].indexOf(short[u]) !== -1) est += 10;
      }
      if (joined && inAllTitles && idx.title(rid)[0].indexOf(joined) !== -1) est += 30;
      est += idx.bonus[rid] + (typed ? TYPED_TIER : 0);
      if (idx.flags[rid] & FLAG_LISTING && !inAllTitles) est -= LIST_DROP;
      if (packed) keys[n] = rankKey(est, idx.days[rid], n);
      rids[n] = rid; scores[n] = est; unsure[n] = bits; n++;
    }
    mark("scored");
    return rankQueue(idx, rids.subarray(0, n), scores.subarray(0, n), packed ? keys.subarray(0, n) : null,
      unsure.subarray(0, n), new Uint8Array(n).fill(groups.length));
  }

  /* Score of word `g` of a question split up: its occurrences in the text, and a part for the title or the
   * document numbers of about one well-used word's worth (a common word in a title must not outweigh the
   * other words of the question in a short text, as the large title score of a phrase search would). */
  var TITLE_SCORE = 12, LONE_TITLE = 3;
  var YEAR_WORD = /^(19|20)\d\d$/, YEAR_IN_TITLE = /(?:19|20)\d\d/;
  // A question is answered first by the pages written to answer questions.
  var ANSWER_KINDS = ["政策问答", "办事指南"], ANSWER_BONUS = 6;

  /* Every record holding at least one word of a question split up (and every word typed in quotes): those
   * holding more of its words first, then by score, each word weighted by its rarity (idf). `excluded`: null, or
   * the filters' test of a record.
   * A question's words may be on most records (退役军人, in every title of the bureau's documents), and this runs
   * on its first use in the page, before the browser has optimised it: the loops below do per posting only
   * arithmetic on typed arrays, and what a word's title occurrences need (headStats) is found for all records at
   * once. The score is the same, term by term, as the one the definitions above describe. */
  /* Whether a title names a year and none of the years asked for. */
  function otherYear(title, asked, published) {
    var years = title.match(/(?:19|20)\d\d/g);
    if (!years) return !!published && asked.indexOf(String(published)) === -1;
    return !years.some(function (y) { return asked.indexOf(y) !== -1; });
  }

  function scoreSome(idx, groups, sets, excluded, longBits) {
    var n = idx.count, count = new Uint8Array(n), score = new Float64Array(n), bits = new Uint8Array(n);
    var titled = new Uint8Array(n), holding = new Uint8Array(n); // holding: a bit per word held
    var weights = sets.map(function (m) { return Math.log(1 + n / Math.max(1, m.ids.length)); });
    var top = Math.max.apply(null, weights.concat([1e-9])), required = 0;
    groups.forEach(function (group) { if (group.quoted) required++; });
    var quoted = new Uint8Array(n), counted = countedWords(idx, groups), norm = idx.norm;
    sets.forEach(function (m, g) {
      var group = groups[g], weight = group.weight = weights[g] / top, counts = (counted >> g) & 1, bit = 1 << g;
      var ids = m.ids, tfs = m.tf, heads = m.title, alts = m.alt, inQuotes = group.quoted ? 1 : 0, stats = [];
      // Per alternative: the bit of a word its n-gram lists do not prove (to be confirmed), and whether it is a year
      // (the year in a 索引号 or 发文字号 is when a document was published, not what it is about: it counts in the
      // title only: 2024年度法治政府建设工作报告).
      var unsure = group.alts.map(function (t) { return (longBits >> g) & 1 && !exactTerm(t) ? bit : 0; });
      var year = group.alts.map(function (t) { return YEAR_WORD.test(t); });
      for (var i = 0; i < ids.length; i++) {
        var rid = ids[i], a = alts[i], tf = tfs[i], s = 0;
        count[rid] += counts;
        holding[rid] |= bit;
        quoted[rid] += inQuotes;
        if (heads[i]) {
          // Occurrences in the title and document numbers are not counted again as text; one in its own title
          // (or in its document numbers, but a year) is the title's part.
          var st = stats[a] || (stats[a] = idx.headStats(group.alts[a]));
          tf = Math.max(0, tf - st.title[rid] - st.keys[rid]);
          if (st.own[rid] || (st.keys[rid] && !year[a])) { s = TITLE_SCORE; titled[rid]++; }
        }
        s += 10 * tf * 2.2 / (tf + norm[rid]); // tfScore
        score[rid] += weight * (a ? s * SYNONYM_WEIGHT : s);
        bits[rid] |= unsure[a];
      }
    });
    mark("summed");
    var rids = new Int32Array(n), scores = new Float64Array(n), unsureOf = new Uint8Array(n);
    var counts = new Uint8Array(n), held = new Uint8Array(n), k = 0;
    var answer = idx.answer, bonus = idx.bonus, flags = idx.flags, words = groups.length, tierFrom = Math.min(2, words);
    var asked = groups.filter(function (g) { return YEAR_WORD.test(g.text); }).map(function (g) { return g.text; });
    // Lists titled with every word and a year asked; by the words held (a bit each), the best and the lowest score
    // of a document of that year holding those words, and the best of another year's.
    var lists = [], ofYear = [], ofOther = [], lowest = [];
    for (var q = 0; q < n; q++) {
      if (!holding[q] || quoted[q] !== required || (excluded && excluded(q))) continue;
      // A title holding two words of the question or more is a tier above the others; one word alone of several
      // (补助 in the title of a notice) is evidence like any other, as a law article's title never holds any.
      var tier = titled[q] >= tierFrom ? titled[q] : 0, lone = titled[q] - tier;
      var est = count[q] * COUNT_TIER + tier * TITLE_TIER + Math.max(0, Math.min(TITLE_TIER - 1,
        score[q] / words + lone * LONE_TITLE + (answer[q] ? ANSWER_BONUS : 0) + bonus[q] + BONUS_FLOOR));
      // A list (of documents, or of what others say: quiz questions quoting laws, the finder of benefits) holds
      // many words because it gathers many things, each word from another of them: after the texts holding one
      // word fewer (the article that answers holds 光荣院 and 参战 where the finder gathers 岁数 from another
      // benefit), unless its own title holds them all. With a year asked for, a list so titled (2025年 政策解读, a catalogue's view of a year) says
      // what it lists: it comes after the documents whose titles hold one word less (that year's interpretations,
      // 解读 in their titles), still before those holding fewer (2026年的报告 before that year's report is written:
      // the catalogue's 2026 view, not the 2025 report published in 2026).
      if (flags[q] & FLAG_LISTING) {
        est -= titled[q] < words ? COUNT_TIER * 3 / 2 : asked.length ? TITLE_TIER : 0;
        if (asked.length && titled[q] >= words) lists.push(k);
      } else if (asked.length) {
        // A document whose own title names another year than the one asked for is about that year (the 2025
        // report, published in 2026): one title word less than its title holds. So is a dated document (one with
        // an index number) whose title names no year, published in another year.
        var published = idx.title(q)[1] && !(flags[q] & FLAG_ARTICLE) ? idx.year[q] : 0;
        if (otherYear(idx.title(q)[0], asked, published)) {
          est -= TITLE_TIER;
          if (!(ofOther[holding[q]] >= est)) ofOther[holding[q]] = est;
        } else if (published || YEAR_IN_TITLE.test(idx.title(q)[0])) {
          // Of the year asked for (an undated text, a law or a guide, is of no year).
          if (!(ofYear[holding[q]] >= est)) ofYear[holding[q]] = est;
          if (!(lowest[holding[q]] <= est)) lowest[holding[q]] = est;
        }
      }
      rids[k] = q; scores[k] = est; unsureOf[k] = bits[q]; counts[k] = count[q]; held[k] = holding[q]; k++;
    }
    // A list titled with the kind and the year asked for (a catalogue's view of that year) comes after the
    // documents of that year holding the same words, whatever their titles: it is what they are asked for
    // through (2023年的规范性文件: the year's 规范性文件, then the catalogue). Unless a document of another year
    // holding them comes before the year's best: the list then keeps its place before it (2026年的工作报告: the 2025
    // report, published in 2026, is not 2026's, and the year's notices that mention a report are not one).
    lists.forEach(function (p) {
      var mine = ofYear[held[p]];
      if (mine !== undefined && !(ofOther[held[p]] > mine)) scores[p] = Math.min(scores[p], lowest[held[p]] - 1);
    });
    var keys = null;
    if (k < DAY_UNIT) {
      keys = new Float64Array(k);
      for (var p = 0; p < k; p++) keys[p] = rankKey(scores[p], idx.days[rids[p]], p);
    }
    mark("scored");
    return rankQueue(idx, rids.subarray(0, k), scores.subarray(0, k), keys, unsureOf.subarray(0, k),
      counts.subarray(0, k), held.subarray(0, k));
  }

  /* The words of a question that count in how many of them a record holds (a bit per word): all but the
   * language's most common ones (时候, 每个), unless the question has nothing else. */
  function countedWords(idx, groups) {
    var mask = 0;
    groups.forEach(function (group, g) { if (group.quoted || !idx.words.isGeneric(group.text)) mask |= 1 << g; });
    return mask || (1 << groups.length) - 1;
  }

  /* The candidates in rank order: their keys sorted natively (a run of the code that the browser has not
   * optimised yet costs about a microsecond per candidate and loop, and a query may have 10,000 of them). */
  function rankQueue(idx, rids, scores, keys, unsure, counts, held) {
    if (keys) return new Queue(rids, scores, keys.sort(), null, unsure, counts, held);
    // Beyond a million candidates the packed number has no room: compare.
    var slow = Array.from(rids.keys()).map(function (k) { return { rid: rids[k], score: scores[k], k: k }; });
    slow.sort(function (a, b) {
      return (b.score - a.score) || (idx.days[b.rid] - idx.days[a.rid]) || (a.rid - b.rid);
    });
    return new Queue(rids, scores, null, Int32Array.from(slow, function (c) { return c.k; }), unsure, counts, held);
  }

  /* Is some form of word `g` in the title or the document numbers of a record (or in `folded`, its text)? */
  function holds(idx, rid, group, folded) {
    var t = idx.title(rid);
    return group.alts.some(function (term) {
      return t[0].indexOf(term) !== -1 || t[1].indexOf(term) !== -1 || (folded !== null && folded.indexOf(term) !== -1);
    });
  }

  /* Does a candidate hold every word its n-gram lists do not prove? true, or null (its text is needed). */
  function confirmedWithout(idx, c, groups) {
    for (var g = 0; g < groups.length; g++) {
      if ((c.unsure >> g) & 1 && !holds(idx, c.rid, groups[g], null)) return null;
    }
    return true;
  }

  function confirmedBy(idx, c, text, groups) {
    var folded = fold(text);
    for (var g = 0; g < groups.length; g++) {
      if ((c.unsure >> g) & 1 && !holds(idx, c.rid, groups[g], folded)) return false;
    }
    return true;
  }

  /* Bytes of text to fetch to check every candidate, counted until it passes `limit`. */
  function checkCost(idx, queue, limit) {
    var seen = new Set(), cost = 0, rids = queue.rids;
    for (var k = 0; k < rids.length && cost <= limit; k++) {
      if (!queue.unsure[k]) continue;
      idx.chunksOf(rids[k]).forEach(function (c) {
        if (!seen.has(c) && !idx.chunks.has(c)) { seen.add(c); cost += idx.chunkSize[c]; }
      });
    }
    return cost;
  }

  function emptyResult(flag, chunks) {
    var result = { terms: chunks.map(function (c) { return c.text; }), words: [], hits: [], total: 0, exact: true, pending: [] };
    result[flag] = true;
    return result;
  }

  /* Run a query: {terms, words, hits, total, exact, pending, split, partial, noAnswer, suggestion, understood}.
   * The query is first understood (laws named as people shorten them, 发文字号 typed loosely, intents: see
   * understand()), which rewrites it into the pages' words and gives records to put first. Then it is looked for
   * as typed (each space-separated part a phrase, substring semantics, synonyms and everyday words after it);
   * when that finds nothing, its parts are split into words (a question: 烈士遗属有什么待遇 -> 烈士遗属, 待遇), filler
   * words dropped, and records holding all of them come first, then those holding most (`partial` when none
   * holds all). A word on no page may be a character typed for another of the same sound: the query with the
   * site's word that sounds the same is searched instead (`suggestion`, shown as 您是不是要找). When no page holds
   * the question's main words, `noAnswer` says so and the hits are only the closest few. Hits whose terms are
   * proven by the n-gram lists or by their titles come at once (in rank order, up to `want`); the rest waits for
   * check(). Hits carry url, title, kind, date, status, count (words held); their `text` (for the snippet) comes
   * with withText(). */
  Search.prototype.run = function (query, filters, want) {
    var self = this, idx = this.index;
    filters = filters || {};
    if (filters.group === undefined) filters.group = -1;
    want = want || PAGE_SIZE;
    return idx.load().then(function () {
      var meaning = understand(idx, query);
      mark("understood");
      return self.answer(meaning.text, filters, want, true).then(function (result) {
        if (!result.suggestion) return result;
        // What was meant is understood as if typed: a law named with a same-sounding character (军人全益保障法
        // 第48条) is pinned to its article, an intent asked for with one (订约网站更新) goes to its page.
        var meant = understand(idx, result.suggestion);
        if (!meant.pins.length && !meant.intent) return result;
        meaning = meant;
        if (meant.text === result.suggestion) return result;
        return self.answer(meant.text, filters, want, false, true).then(function (again) {
          if (!again.hits.length && !again.pending.length) return result;
          again.suggestion = result.suggestion;
          again.typed = result.typed;
          return again;
        });
      }).then(function (result) {
        result.understood = meaning.notes;
        // How much of the question its best hit covers, for routed (a question found nowhere as typed).
        if (result.split) result.coverage = coverage(idx, result);
        var intent = routed(meaning, result);
        result.intent = intent ? intent.name : "";
        return withPins(idx, result, intent && intent !== meaning.intent ? [intent.rid] : meaning.pins, filters);
      });
    });
  };

  /* The intent a query is routed to: the one it asks for and nothing else (understand), or else the one it is
   * phrased as when the site holds no answer on the rest (result.noAnswer, no same-sounding correction): a
   * question whose other words no page holds asks for that intent's page (网站上有个字写错了跟谁说 is about the
   * site's typo, not about a subject of its pages). A question found nowhere as typed may also go to the intent
   * its cue words score (intentScored): when they explain all its words, or when no record holds all its words
   * and they weigh enough. Last, a question the site has no answer to that addresses the bureau (称呼本局) goes
   * to 其他事的入口. null when none. */
  function routed(meaning, result) {
    if (meaning.intent) return meaning.intent;
    if (result.suggestion) return null;
    if (!result.split) return result.noAnswer ? meaning.phrased || null : null;
    var scored = meaning.scored();
    // Found nowhere as typed, and every word of it a cue of one intent: that intent, as if phrased as written.
    if (scored && !scored.uncovered && scored.score >= CUE_ROUTE) return scored.intent;
    // No record holds all its words (or the site has no answer): its cues say what it asks for when they weigh
    // enough.
    if (result.noAnswer && meaning.phrased) return meaning.phrased;
    if (result.noAnswer && scored && scored.score >= CUE_ANSWER) return scored.intent;
    // Nothing written or scored says which, but the question addresses the bureau (你们网站有个页面点进去是空的，跟谁说;
    // 你们那儿有干部吃拿卡要): what the site does not answer about the bureau's own business is asked of it.
    if (result.noAnswer && meaning.addressed && meaning.fallback) return meaning.fallback;
    // A record holds part of it: the intent only when that record covers less than half the question (its words
    // weighed by rarity), or when its cues are strong. 七级伤残 … 住院 … 钱: the article holding the first two is
    // the answer, 钱 and 老兵 are cues of 政策找找看 that say little beside them.
    // Strong cues (two phrasings' words or more) say what is asked for even when some record holds every word of
    // the question by chance: that record was never written to answer it.
    if (scored && scored.score >= CUE_STRONG) return scored.intent;
    if (result.partial && scored && scored.score >= CUE_ANSWER &&
        (result.coverage < COVERED_ROUTE || scored.score >= CUE_STRONG)) return scored.intent;
    return null;
  }

  /* The search of a query's text (see run): as typed, then as words, then with the same-sounding words of the
   * site (`mayCorrect`), and whether the site has an answer at all. */
  Search.prototype.answer = function (text, filters, want, mayCorrect, corrected) {
    var self = this, idx = this.index, words = idx.words;
    var chunks = parseQuery(text);
    if (!chunks.length) return Promise.resolve(emptyResult("empty", chunks));
    if (!chunks.some(function (c) { return lengthOf(c.text) >= 2; })) return Promise.resolve(emptyResult("tooShort", chunks));
    var long = chunks.filter(function (c) { return lengthOf(c.text) >= 2; });
    var short = chunks.filter(function (c) { return lengthOf(c.text) < 2; }).map(function (c) { return c.text; });
    var groups = long.map(function (c) { return groupOf(c.text, c.quoted, words); });
    var unknown = false, questions = 0;
    // A part holding a filler word (怎么, 什么 …) is a question that no page holds as typed: its words' lists
    // are asked for now, beside the phrase's, not in a second round after it. So are those of a longer part of
    // several words that no title or document number holds (伤残军人抚恤金标准, 2024年光荣牌): such a part is
    // mostly found nowhere as typed, and one found in a title (a law's name, a 发文字号) would fetch them for
    // nothing. A question no title holds asks for its phrase in steps (questionList); the longer part without a
    // filler word does not: it is found as typed (in a page's text) often enough that the steps would cost a
    // round more than the files they save (tried at 10,000 documents: 32 queries of two rounds instead of 11).
    long.forEach(function (c) {
      var parts = c.quoted ? null : words.split(c.text);
      if (parts && parts.words.some(function (w) { return !words.dict.has(w) && /[\u4e00-\u9fff]/.test(w); })) unknown = true;
      if (!parts) return;
      var asks = parts.dropped.some(function (w) { return words.isFiller(w); });
      if (!asks && !(lengthOf(c.text) > 4 && parts.words.length > 1 && !idx.inHeads(c.text))) return;
      if (asks && parts.words.length > 1) questions++;
      if (asks && !idx.inHeads(c.text)) groups[long.indexOf(c)].staged = true;
      parts.words.forEach(function (w) {
        groupOf(w, false, words, true).alts.forEach(function (t) { cover(t, idx.manifest.solo).forEach(function (g) { idx.postings(g).catch(function () {}); }); });
      });
    });
    // A word the site does not know may be a character typed for another of the same sound: the lists a
    // correction would need (the pieces typed and meant, the corrected query's phrases and words) are asked for
    // beside the query's own (the sounds came with the index), so that a query with a typo waits for no more
    // rounds than one without.
    mayCorrect = mayCorrect && (unknown || chunks.some(function (c) {
      return !c.quoted && words.split(c.text).dropped.some(function (w) { return !words.isFiller(w); });
    }));
    if (mayCorrect) idx.sounds().then(function () { prefetchCorrection(idx, text); }).catch(function () {});
    // A question corrected for a same-sounding character was found nowhere as typed: its words are searched at
    // once (the phrase's lists would be downloads for nothing).
    var asTyped = corrected === true && questions === long.length ? Promise.resolve(emptyResult("none", chunks))
      : self.search(groups, short, filters, want, false);
    return asTyped.then(function (result) {
      mark("typed");
      if (result.hits.length || result.pending.length) return result;
      // Found nowhere as typed: the words of a question, then as many of them as possible.
      var split = [], dropped = short.slice();
      long.forEach(function (c) {
        if (c.quoted) { split.push(groupOf(c.text, true, words)); return; }
        var parts = words.split(c.text);
        dropped = dropped.concat(parts.dropped);
        parts.words.forEach(function (w) {
          if (!split.some(function (g) { return g.text === w && !g.quoted; })) split.push(groupOf(w, false, words, true));
        });
      });
      split = split.slice(0, MAX_WORDS);
      var same = split.length === groups.length && split.every(function (g, k) {
        return g.text === groups[k].text && g.alts.length === groups[k].alts.length;
      });
      function asWords() {
        var words_ = !split.length || (same && split.length === 1) ? Promise.resolve(result)
          : self.search(split, [], filters, want, true);
        return words_.then(function (second) {
          second.dropped = dropped;
          return decided(idx, second);
        });
      }
      // A same-sounding correction first (its sounds and lists were asked for beside the phrase's): the query as
      // typed is then not scored as words for nothing.
      return (mayCorrect ? self.corrected(text) : Promise.resolve(null)).then(function (fixed) {
        mark("corrected");
        if (!fixed) return asWords();
        return self.answer(fixed, filters, want, false, true).then(function (third) {
          if (!third.hits.length && !third.pending.length) return asWords();
          third.suggestion = fixed;
          third.typed = text;
          return third;
        });
      });
    });
  };

  function prefetchCorrection(idx, text) {
    var fix = idx.soundCorrection(text), solo = idx.manifest.solo, words = idx.words, terms = [];
    if (!fix.replaced.length) return;
    fix.replaced.forEach(function (pair) { terms.push(pair[0], pair[1]); });
    var long = parseQuery(fix.text).filter(function (c) { return lengthOf(c.text) >= 2; }), questions = 0;
    long.forEach(function (chunk) {
      if (chunk.quoted) return;
      var parts = words.split(chunk.text);
      if (parts.words.length > 1 && parts.dropped.some(function (w) { return words.isFiller(w); })) questions++;
      parts.words.forEach(function (w) { terms = terms.concat(groupOf(w, false, words, true).alts); });
    });
    // Unless every part is a question, the corrected query is searched as typed first (see answer).
    if (questions < long.length) long.forEach(function (c) { terms = terms.concat(groupOf(c.text, c.quoted, words).alts); });
    terms.forEach(function (term) {
      cover(term, solo).forEach(function (g) { idx.postings(g).catch(function () {}); });
    });
  }

  /* `text` with the site's same-sounding words put for the pieces no page holds (each replaced piece checked:
   * on no page as typed, on some as meant), or null. */
  Search.prototype.corrected = function (text) {
    var idx = this.index;
    return idx.sounds().then(function () {
      var fix = idx.soundCorrection(text);
      if (!fix.replaced.length) return null;
      var solo = idx.manifest.solo;
      function held(term) {
        return Promise.all(cover(term, solo).map(function (g) { return idx.postings(g); })).then(function (lists) {
          return intersect(lists).ids.length > 0;
        });
      }
      // What was meant may be one of the site's everyday words (优待卡 for 优待证, 上访 for 信访): on a page as
      // the terms it stands for.
      function found(term) {
        return held(term).then(function (yes) {
          if (yes) return true;
          var alts = groupOf(term, false, idx.words, true).alts.filter(function (t) { return t !== term; });
          return Promise.all(alts.map(held)).then(function (all) { return all.some(Boolean); });
        });
      }
      return Promise.all(fix.replaced.map(function (pair) { return Promise.all([held(pair[0]), found(pair[1])]); })).then(function (checks) {
        var good = fix.replaced.filter(function (pair, k) { return !checks[k][0] && checks[k][1]; });
        if (!good.length) return null;
        var out = text;
        good.forEach(function (pair) { out = out.split(pair[0]).join(pair[1]); });
        return out === text ? null : out;
      });
    }, function () { return null; });
  };

  /* Whether the site answers a question found nowhere as typed: not when a word of it that says what it is
   * about is on no page, nor its synonyms, nor a word of the same sound (护照 in 退役军人办护照有优先吗; a word of
   * the language's most common ones, such as 时候, says little of that). Then `noAnswer` is set and the hits are
   * only the closest few, not every page holding one of its other words. */
  var CLOSEST = 3;
  function decided(idx, result) {
    if (result.empty || result.tooShort || result.noAnswer) return result;
    var groups = result.groups || [], words = idx.words;
    var absent = groups.filter(function (g) { return g.size === 0 && !g.quoted && !words.isGeneric(g.text); })
      .map(function (g) { return g.text; });
    if (absent.length === 0 && (result.hits.length || result.pending.length)) return result;
    var spoken = absent.length ? speaksOf(idx, result) : 0;
    // A word of the language no page holds (信用卡, 民政局: Words.outer) names a thing, never the asker's own way of
    // putting it: the other words the best hit holds (逾期 … 起诉, 登记 … 结婚) are what the site says beside it,
    // so the question is at best in doubt, never answered by them.
    if (absent.some(function (w) { return words.outer.has(w); })) spoken = Math.min(spoken, 1);
    // The site speaks of it only when that hit also holds most of what the question asks, its words weighed by
    // their rarity (coverage): beside 生孩子 … 军嫂, the piece no page holds (比别人多休 of 产假) is a good part of
    // the question, and the hit that holds the others does not answer it.
    if (spoken === 2 && coverage(idx, result) >= COVERED) return result;
    // In doubt (spoken === 1): the best hit holds a specific word of the question and another of its words,
    // beside the one no page holds (探亲 and 军人 beside 车票钱), or two but little of the question (coverage).
    // Said as plainly as no answer, with the same few closest hits and help, not every page that holds one of
    // the other words (手机话费 has the same shape); the note names the words the hits do hold, which often answer
    // a question put in the asker's own words.
    result.doubt = spoken >= 1;
    result.noAnswer = true;
    result.absent = absent;
    result.exact = true;
    result.pending = new Queue(new Int32Array(0), new Float64Array(0), new Float64Array(0), null, new Uint8Array(0), new Uint8Array(0));
    result.hits = result.hits.slice(0, CLOSEST);
    result.total = result.hits.length;
    return result;
  }

  /* Whether the site speaks of what a question asks although a word of it is on no page: the word is then the
   * asker's own (那口子, 咋转, 加分), not the thing asked about. Two of the question's other words or more, each
   * specific (on few records: SPECIFIC_SHARE of them; not one of the site's everyday words such as 退役军人, nor
   * the language's common ones), held together by its best hit (随军 and 养老保险 in one article) say so; so do one
   * specific word and two of the site's broad ones (伤残, 老兵 and 旧伤 in one article: the asker speaks the
   * site's language). A question on something else keeps at most one specific word and one broad one (办护照 …
   * 优先 … 退役军人; 宠物 … 医院). */
  var SPECIFIC_SHARE = 0.05;
  // The share of a question's weight (coverage) its best hit must hold for a question with a piece no page holds
  // to be answered by it, and for one whose cue words are weak to be left to it rather than sent to an intent.
  var COVERED = 0.45, COVERED_ROUTE = 0.5;
  /* 2 when it does; 1 when in doubt: one specific word and one other held by the best hit (探亲 … 军人 beside
   * 车票钱; 护照 … 优先 … 退役军人 has no specific word and stays unanswered); 0 when not. */
  function speaksOf(idx, result) {
    var groups = result.groups || [], words = idx.words, limit = Math.max(2, idx.count * SPECIFIC_SHARE);
    var specific = 0, broad = 0;
    groups.forEach(function (g, k) {
      if (g.size === 0 || g.quoted || words.isGeneric(g.text)) return;
      if (g.size <= limit) specific |= 1 << k; else broad |= 1 << k;
    });
    var best = result.hits.length ? result.hits[0] : result.pending.length ? result.pending.peek() : null;
    if (!best) return false;
    var n = bitCount(best.held & specific), b = bitCount(best.held & broad);
    return n >= 2 || (n === 1 && b >= 2) ? 2 : n === 1 && b === 1 ? 1 : 0;
  }
  /* How much of a question its best hit covers (0 to 1): the weight of the question's words that hit holds
   * against the weight of them all, each word weighted by its rarity on the site (ln(records / holding) against
   * ln(records): a word on no page weighs most, one every page holds nothing); the words that say little of what
   * is asked (isGeneric: fillers, common words, the asker's own) are not counted. */
  function coverage(idx, result) {
    var groups = result.groups || [], words = idx.words, all = Math.log(Math.max(2, idx.count)), total = 0, held = 0;
    var best = result.hits.length ? result.hits[0] : result.pending.length ? result.pending.peek() : null;
    groups.forEach(function (g, k) {
      if (g.quoted || words.isGeneric(g.text)) return;
      var weight = Math.max(0, Math.log(idx.count / (g.size + 1))) / all;
      // A piece on no page made of characters no word of the site explains, one after another (健身房办卡), is as
      // many things the site does not speak of as it has pairs of characters that may name something, not one
      // word's worth; the asker's own sentence (比别人多休: 别人 explained, three characters left, one pair) stays one.
      if (g.size === 0 && !words.dict.has(g.text)) weight *= Math.max(1, Math.floor(words.unexplained(g.text) / 2));
      total += weight;
      if (best && best.held & (1 << k)) held += weight;
    });
    return total ? held / total : 1;
  }
  function bitCount(x) { var n = 0; for (; x; x &= x - 1) n++; return n; }

  /* The records understood to answer the query (the article of a law named, a document by its number, an
   * intent's page) first, each once. */
  function withPins(idx, result, pins, filters) {
    pins = pins.filter(function (rid) {
      return !((filters.group >= 0 && idx.group[rid] !== filters.group) || (filters.year && idx.year[rid] !== filters.year));
    });
    if (!pins.length || result.empty || result.tooShort) return result;
    var pinned = new Set(pins), queue = result.pending, added = 0;
    pins.forEach(function (rid) { if (!queue.rids || Array.prototype.indexOf.call(queue.rids, rid) === -1) added++; });
    var rest = result.hits.filter(function (h) { return !pinned.has(h.rid); });
    if (result.noAnswer) { rest = []; result.noAnswer = false; result.doubt = false; result.absent = null; result.total = 0; result.exact = true; }
    else added -= result.hits.length - rest.length;
    result.hits = pins.map(function (rid) {
      var hit = hitOf(idx, { rid: rid, score: 0, count: (result.groups || []).length });
      hit.pinned = true;
      return hit;
    }).concat(rest);
    result.pinned = pinned;
    result.total += Math.max(0, added);
    result.partial = false;
    return result;
  }

  /* One search of `groups` (see run): the first hits, confirmed by their text when nothing else proves them. */
  Search.prototype.search = function (groups, short, filters, want, split) {
    var self = this;
    return this.candidates(groups, short, filters, split).then(function (queue) {
      var terms = [];
      groups.forEach(function (g) { g.alts.forEach(function (t) { if (terms.indexOf(t) === -1) terms.push(t); }); });
      var result = {
        terms: terms.concat(short), words: groups.map(function (g) { return g.text; }), groups: groups, hits: [],
        total: queue.length, exact: groups.every(function (g) { return g.alts.every(exactTerm); }), pending: queue,
        split: split
      };
      if (split) {
        var counted = countedWords(self.index, groups), many = 0;
        for (var g = 0; g < groups.length; g++) many += (counted >> g) & 1;
        result.counted = many;
        result.partial = groups.length > 1 && (!queue.length || queue.peek().count < many);
      }
      self.takeProven(result, want);
      // Nothing proven yet (every top candidate must be confirmed by its text): confirm a few first.
      return result.hits.length || !result.pending.length ? result : self.check(result, Math.min(want, FIRST_PAINT));
    });
  };

  /* Move candidates from the front of the queue to the hits while nothing needs to be fetched to confirm them. */
  Search.prototype.takeProven = function (result, want) {
    var idx = this.index, target = result.hits.length + want, queue = result.pending;
    while (result.hits.length < target) {
      var next = queue.peek();
      if (next && result.pinned && result.pinned.has(next.rid)) { queue.take(1); continue; } // shown first already
      if (!next || !confirmedWithout(idx, next, result.groups)) break;
      queue.take(1);
      result.hits.push(hitOf(idx, next));
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
      // Every candidate at once (`all`: the exact count): the text only of those with a word to confirm. The
      // others are hits without it (their snippets come as the first hits' do): a question whose first
      // candidates needed their text once fetched every candidate's, thousands of files for a count.
      var read = !all ? batch : batch.filter(function (c) {
        return !(result.pinned && result.pinned.has(c.rid)) && !confirmedWithout(idx, c, result.groups);
      });
      read.forEach(function (c) { idx.chunksOf(c.rid).forEach(function (k) { if (!idx.chunks.has(k)) fetched.add(k); }); });
      return idx.texts(read.map(function (c) { return c.rid; }), true).then(function (texts) {
        batch.forEach(function (c) {
          var text = texts.get(c.rid);
          if (result.pinned && result.pinned.has(c.rid)) return;
          if (text === undefined) { result.hits.push(hitOf(idx, c)); return; } // proven by its title or lists
          if (!confirmedBy(idx, c, text, result.groups)) return;
          var hit = hitOf(idx, c);
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

  function hitOf(idx, c) {
    var rid = c.rid, row = idx.titles[rid];
    return {
      rid: rid, score: c.score, count: c.count, held: c.held || 0, url: row[0], title: row[1], kind: idx.manifest.kinds[row[2]],
      date: idx.isoDate(rid), status: row[3] || "", text: null,
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

  /* The part of `text` to show for a hit: the window of `width` characters holding the most of the terms
   * (counted once each, a longer term more: the words of a question, not only the first synonym found). */
  function snippet(text, terms, width) {
    var folded = fold(text), found = [];
    terms.forEach(function (t, k) {
      for (var i = folded.indexOf(t), n = 0; i !== -1 && n < 50; i = folded.indexOf(t, i + 1), n++) found.push([i, k]);
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var at = found.length ? found[0][0] : 0, best = -1;
    for (var s = 0; s < found.length; s++) {
      var seen = {}, value = 0;
      for (var e = s; e < found.length && found[e][0] + terms[found[e][1]].length <= found[s][0] + width; e++) {
        if (!seen[found[e][1]]) { seen[found[e][1]] = true; value += terms[found[e][1]].length; }
      }
      if (value > best) { best = value; at = found[s][0]; }
    }
    var from = Math.max(0, at - Math.floor(width / 3)), to = Math.min(text.length, from + width);
    from = Math.max(0, Math.min(from, to - width));
    return (from > 0 ? "…" : "") + marked(text, terms, from, to) + (to < text.length ? "…" : "");
  }

  function zhDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? +m[1] + "年" + +m[2] + "月" + +m[3] + "日" : "";
  }

  window.govsiteSearch = {
    fold: fold, setFoldTable: setFoldTable, parseQuery: parseQuery, Words: Words, cover: cover, Index: Index, Search: Search, marked: marked, snippet: snippet, zhDate: zhDate,
    escapeHTML: escapeHTML, mark: mark, PAGE_SIZE: PAGE_SIZE, FIRST_PAINT: FIRST_PAINT,
    // The query's understanding, for the tests of tests/unit/test_search_query.py (run in Node).
    understand: understand, chineseNumber: chineseNumber, parseChineseNumber: parseChineseNumber, digitsFor: digitsFor,
    speaksOf: speaksOf, decided: decided, routed: routed, coverage: coverage,
    // A question's phrase asked for in steps, for tests/unit/test_search_index.py.
    questionList: questionList, intersect: intersect, mergeAlternatives: mergeAlternatives
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
  var note = root.querySelector("[data-gs-note]");
  var didYouMean = root.querySelector("[data-gs-did-you-mean]");
  var suggest = root.querySelector("[data-gs-suggest]");
  var fewer = root.querySelector("[data-gs-fewer]");
  var fewerWords = root.querySelector("[data-gs-fewer-words]");
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
    note.hidden = true;
    suggest.hidden = true;
    didYouMean.hidden = true;
    if (result.empty || result.tooShort) {
      meta.textContent = result.empty ? "输入关键词或问题，例如：抚恤金、〔2023〕3号、残疾军人怎么申请优待" : "请至少输入两个字";
      list.innerHTML = ""; list.gsResult = null; more.hidden = true;
      return;
    }
    var hits = result.hits.slice(0, shown), words = result.words || [];
    if (result.suggestion) {
      // A word typed with a character of the same sound: what was searched instead, to click or to read.
      didYouMean.innerHTML = "您是不是要找：" + '<button type="button" class="gs-link" data-gs-try="' + S.escapeHTML(result.suggestion) +
        '">' + S.escapeHTML(result.suggestion) + "</button>" + '<span class="gs-did-you-mean__note">（以下是它的结果）</span>';
      didYouMean.hidden = false;
    }
    if (result.noAnswer || (!result.hits.length && !result.pending.length)) {
      var typed = input.value.trim().replace(/^["“”「」『』]+|["“”「」『』]+$/g, "");
      // Plainly: nothing holds what was typed, or nothing is about the question's main words (the closest few follow).
      var named = result.absent && result.absent.length && result.absent.every(function (w) { return /^[\u4e00-\u9fff]+$/.test(w); });
      meta.textContent = (result.hits.length && named
        ? "没有找到关于" + result.absent.map(function (w) { return "“" + w + "”"; }).join("") + "的内容"
        : "没有找到包含“" + typed + "”的内容") + (filters.group >= 0 || filters.year ? "（可取消筛选再试）" : "");
      // Other ways to the answer: each word alone, the catalogue, the questions and answers, the guides.
      fewer.hidden = words.length < 2;
      fewerWords.innerHTML = words.map(function (w) {
        return '<button type="button" class="gs-chip" data-gs-try="' + S.escapeHTML(w) + '">' + S.escapeHTML(w) + "</button>";
      }).join(" ");
      suggest.hidden = false;
    }
    else if (!result.hits.length && result.pending.length) meta.textContent = "还在查找，请点“显示更多结果”";
    else if (result.exact) meta.textContent = "共 " + result.total + " 条结果";
    else meta.textContent = "约 " + result.total + " 条结果，已显示 " + hits.length + " 条";
    var notes = [];
    if (result.understood && result.understood.length) {
      notes.push(result.understood.map(function (u) { return "“" + u[0] + "”按“" + u[1] + "”查找"; }).join("；"));
    }
    if (result.hits.length && result.split && !result.noAnswer) {
      // A question found nowhere as typed: say which words were looked for instead.
      notes.push((result.partial ? "没有同时包含全部词语的结果，以下结果包含其中部分词语" : "没有找到与输入完全相同的内容，以下结果包含这些词语") +
        "：" + words.join("、"));
    }
    // No answer: the hits below are only the closest few, and say so; in doubt (see decided), which of the
    // question's words they hold.
    if (result.noAnswer && result.hits.length) {
      var held = words.filter(function (w) { return (result.absent || []).indexOf(w) === -1; });
      notes.push(result.doubt && held.length ? "以下几条包含问题的其他词语（" + held.join("、") + "），不一定能回答您的问题"
        : "最接近的几条（不一定能回答您的问题）");
    }
    if (notes.length) { note.textContent = notes.join("。"); note.hidden = false; }
    // The same result drawn again (more hits, snippets): add what is new, keep what is there (and the focus).
    var drawn = list.gsResult === result ? list.querySelectorAll(".md-search-result__item").length : 0;
    if (drawn > hits.length) drawn = 0;
    var html = "";
    hits.slice(drawn).forEach(function (h, k) {
      var before = drawn + k > 0 ? hits[drawn + k - 1] : null;
      // Where the hits holding every word end and those holding only some begin.
      if (result.split && !result.partial && !result.noAnswer && !h.pinned && h.count < result.counted &&
          (!before || before.pinned || before.count === result.counted))
        html += '<li class="gs-divider">以下结果包含其中部分词语</li>';
      html += hitHTML(h, result.terms);
    });
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
      var items = list.querySelectorAll(".md-search-result__item");
      hits.forEach(function (hit, k) {
        var p = items[k] && items[k].querySelector(".gs-snippet");
        if (p && !p.firstChild && hit.text) p.innerHTML = S.snippet(hit.text, result.terms, 90);
      });
    });
  }

  function run() {
    var mine = ++sequence, started = performance.now(), query = input.value;
    S.lastQueryStart = started;
    var stale = function () { return mine !== sequence; };
    return search.run(query, { group: filters.group, year: filters.year }, S.PAGE_SIZE).then(function (result) {
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

  // Reaching the box by Tab does not open the overlay (a keyboard user passing through would leave the page
  // greyed behind it): typing, a click or a tap does. Focus leaving the search closes it.
  input.addEventListener("focus", function () { warm(); });
  input.addEventListener("pointerdown", function () { open(true); });
  input.addEventListener("compositionstart", function () { composing = true; open(true); });
  input.addEventListener("compositionend", function () { composing = false; run(); });
  input.addEventListener("input", function () { open(true); if (!composing) run(); });
  root.addEventListener("focusout", function (ev) {
    var to = ev.relatedTarget;
    // to another element outside the search (not the window losing focus, not a click on the results' blank space)
    if (to instanceof Element && !root.contains(to) && !to.closest('label[for="__search"]')) open(false);
  });
  form.addEventListener("reset", function () { setTimeout(function () { run(); input.focus(); }, 0); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  more.addEventListener("click", showMore);
  function tryWords(ev) {
    var word = ev.target instanceof Element && ev.target.getAttribute("data-gs-try");
    if (!word) return;
    input.value = word;
    input.focus();
    run();
  }
  fewerWords.addEventListener("click", tryWords);
  didYouMean.addEventListener("click", tryWords);
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
    // Open, the search takes these keys only while the focus is in it: arrows elsewhere (a quiz's answers, a
    // radio group) belong to what has the focus.
    var inside = active && (active === document.body || root.contains(active));
    if (!inside) return;
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
  // The page's text is folded as the index folds it: with the traditional characters of fold.json.
  var box = document.querySelector("[data-govsite-search]");
  var table = box ? new S.Index(new URL(box.getAttribute("data-index"), location.href)).fetch("fold.json", "json") : Promise.reject();
  table.then(S.setFoldTable, function () {}).then(function () {
    var terms = S.fold(wanted).split(" ").filter(function (t) { return Array.from(t).length >= 2; });
    if (terms.length) mark(terms);
  });

  function mark(terms) {
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
        var highlight = document.createElement("mark");
        highlight.className = "gs-highlight";
        highlight.textContent = text.slice(cut[0], cut[1]);
        fragment.appendChild(highlight);
        at = cut[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(fragment, node);
    });
  }
})();
