// Runs content/assets/search/search.js in Node for tests/unit/test_search_query.py: one JSON request per line on
// stdin, one JSON answer per line on stdout. The page's globals the script touches are stubbed; nothing is fetched
// (pinyin.json is handed over in "setup").
"use strict";
const vm = require("vm");
const fs = require("fs");
const readline = require("readline");

const sandbox = {
  document: { querySelector: () => null },
  location: { search: "", href: "http://127.0.0.1/" },
  URL, URLSearchParams, console,
  performance: { now: () => 0 },
};
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);
const S = sandbox.window.govsiteSearch;
let idx = null;

function setup(data) {
  S.setFoldTable(data.fold);
  idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
  idx.titles = data.titles;
  idx.count = data.titles.length;
  idx.flags = Uint8Array.from(data.flags);
  idx.foldedTitles = new Array(idx.count);
  idx.manifest = { kinds: data.kinds, groups: ["法律法规", "政策文件", "解读", "公示公告", "普法", "其他"], solo: {} };
  idx.words = new S.Words(data.words);
  // The year each record was published (the index's dates), when the test gives them.
  idx.year = data.years ? Uint16Array.from(data.years) : undefined;
  idx.fetch = (name) => name === "pinyin.json" ? Promise.resolve(data.pinyin) : Promise.reject(new Error(name));
  return idx.count;
}

const ops = {
  setup,
  understand: ({ query }) => {
    const u = S.understand(idx, query);
    return { text: u.text, pins: u.pins.map((rid) => idx.titles[rid][0]), notes: u.notes, intent: u.intent ? u.intent.name : "",
      phrased: u.phrased ? u.phrased.name : "" };
  },
  // The intent a query goes to once its search has answered ({noAnswer, suggestion} of the result).
  // split: found nowhere as typed; partial: no record holds all its words; coverage: how much of it the best hit
  // holds (0 to 1, see coverage).
  routed: ({ query, noAnswer, suggestion, split, partial, coverage }) => {
    const r = S.routed(S.understand(idx, query), { noAnswer, suggestion, split, partial, coverage });
    return r ? r.name : "";
  },
  correct: async ({ text }) => { await idx.sounds(); return idx.soundCorrection(text); },
  generic: ({ word }) => idx.words.isGeneric(word),
  // The language's words around the site's, as the browser reads them from words.json.
  outer: () => Array.from(idx.words.outer),
  longForms: ({ word }) => idx.words.longForms(word),
  // A question's words ({text, size: records holding it}) and which of them its best hit holds.
  speaksOf: ({ groups, held }) => S.speaksOf(idx, { groups, hits: [{ held }], pending: { length: 0 } }),
  // How much of a question its best hit holds, its words weighed by their rarity.
  coverage: ({ groups, held }) => S.coverage(idx, { groups, hits: [{ held }], pending: { length: 0 } }),
  // The verdict on such a question: answered, in doubt (hits under a note naming the word) or no answer.
  decided: ({ groups, held }) => {
    const r = S.decided(idx, { groups, hits: [{ held, rid: 0 }, { held: 0, rid: 1 }, { held: 0, rid: 2 }, { held: 0, rid: 3 }],
      pending: { length: 0 }, total: 4 });
    return { noAnswer: !!r.noAnswer, doubt: !!r.doubt, absent: r.absent || null, shown: r.hits.length };
  },
  split: ({ text }) => idx.words.split(text),
  variants: ({ word }) => idx.words.variants(word),
  wordVariants: ({ word }) => idx.words.wordVariants(word),
  chineseNumber: ({ n }) => S.chineseNumber(n),
  parseChineseNumber: ({ text }) => S.parseChineseNumber(text),
  digitsFor: ({ text }) => S.digitsFor(text),
  fold: ({ text }) => S.fold(text),
  heads: ({ term }) => {
    const found = idx.headStats(term);
    return { title: Array.from(found.title), keys: Array.from(found.keys), own: Array.from(found.own) };
  },
};

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const request = JSON.parse(line);
  let answer;
  try {
    answer = { ok: await ops[request.op](request.args || {}) };
  } catch (error) {
    answer = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
