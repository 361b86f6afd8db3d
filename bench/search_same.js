// Runs a search.js in Node on a built site's searchindex/ for bench/search_same.py: each query (one JSON string
// per line on stdin) in a fresh Index, as a fresh browser page would, and one JSON line per query on stdout with
// its hits and flags before and after complete() and for the next 40 hits, and the requests it made before its
// first hits: how many files and in how many rounds (a round: the requests made before any of them answered;
// every request is answered at once, all of a round together, so a round is one network wait of the browser).
//     node bench/search_same.js path/to/search.js path/to/site/searchindex < queries
"use strict";
const vm = require("vm");
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const [script, folder] = process.argv.slice(2);
const sandbox = {
  document: { querySelector: () => null },
  location: { search: "", href: "http://127.0.0.1/" },
  URL, URLSearchParams, console, process, setTimeout, clearTimeout,
  performance: { now: () => 0 },
};
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(script, "utf8"), sandbox);
const S = sandbox.window.govsiteSearch;

const files = new Map();
function read(name, kind) {
  const key = name + " " + kind;
  if (!files.has(key)) {
    const bytes = fs.readFileSync(path.join(folder, name));
    files.set(key, kind === "json" ? bytes.toString("utf8") : bytes);
  }
  const data = files.get(key);
  if (kind === "json") return JSON.parse(data);
  const copy = new ArrayBuffer(data.length);
  new Uint8Array(copy).set(data);
  return copy;
}

// The network: requests wait until nothing else can run (the code has made every request it will make before an
// answer), then all waiting ones are answered together.
let waiting = [], rounds = 0, requested = [], counting = false;
function flush() {
  const now = waiting;
  waiting = [];
  if (counting && now.length) rounds++;
  now.forEach((w) => w());
}
function fetchStub(name, kind) {
  const clean = new URL(name, "http://127.0.0.1/searchindex/").pathname.replace(/^\/searchindex\//, "");
  if (counting) requested.push(clean);
  return new Promise((resolve, reject) => {
    if (!waiting.length) setImmediate(flush);
    waiting.push(() => {
      try { resolve(read(clean, kind)); } catch (error) { reject(new Error(clean + ": " + error.message)); }
    });
  });
}

function hits(list) {
  return list.map((h) => [h.url, typeof h.score === "number" ? +h.score.toFixed(6) : null, h.count, h.held, !!h.pinned]);
}
function state(r) {
  return {
    hits: hits(r.hits), total: r.total, exact: !!r.exact, pending: r.pending ? r.pending.length : 0,
    terms: r.terms, words: r.words, split: !!r.split, partial: !!r.partial, counted: r.counted,
    noAnswer: !!r.noAnswer, doubt: !!r.doubt, absent: r.absent || null, suggestion: r.suggestion || null,
    understood: r.understood || null, intent: r.intent || "", empty: !!r.empty, tooShort: !!r.tooShort,
    dropped: r.dropped || null,
  };
}

async function one(query) {
  const idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
  idx.fetch = fetchStub;
  await idx.load();
  // What a fresh page has asked for by now (the first use of the search box) is not the query's.
  await new Promise((done) => setImmediate(done));
  const search = new S.Search(idx);
  requested = []; rounds = 0; counting = true;
  const result = await search.run(query, { group: -1, year: 0 }, S.PAGE_SIZE);
  counting = false;
  const first = { files: requested.length, rounds, names: requested.slice() };
  const out = { q: query, first, run: state(result) };
  counting = true;
  // The page draws the snippets of the first hits while it completes the count (their text files).
  await Promise.all([search.withText(result.hits.slice(0, S.PAGE_SIZE)), search.complete(result, S.PAGE_SIZE)]);
  await search.withText(result.hits.slice(0, S.PAGE_SIZE));
  counting = false;
  await new Promise((done) => setImmediate(done));
  out.fetched = requested.slice();
  out.complete = state(result);
  await search.check(result, 40);
  out.more = state(result);
  // What the page asked for while the first hits were drawn, which the hits never needed (a prefetch), is
  // answered before the next query.
  await new Promise((done) => setImmediate(done));
  return out;
}

(async () => {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const query = JSON.parse(line);
    let answer;
    try { answer = await one(query); } catch (error) { answer = { q: query, error: String(error && error.stack || error) }; }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
})();
