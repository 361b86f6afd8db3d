/* 政府信息公开目录: in-place filtering (on the full catalogue page), finding by keyword and column sorting.
   Without JavaScript the filter links open generated pages, the table keeps its default order and the keyword
   box stays hidden. A list cut into pages hands its keyword to the site's search, which sees every item. */
(function () {
  "use strict";

  // 发文字号 are written with any bracket (〔2024〕 is right, GB/T 9704; few people can type it): every opening
  // and closing bracket counts as the same one, as do full-width digits and letters, case and spaces.
  var OPEN = /[〔［\[（(【﹝〖{｛]/g, CLOSE = /[〕］\]）)】﹞〗}｝]/g;
  function fold(text) {
    return String(text)
      .replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(OPEN, "〔").replace(CLOSE, "〕")
      .replace(/\s+/g, "")
      .toLowerCase();
  }
  function terms(query) {
    return String(query).split(/[\s\u3000]+/).map(fold).filter(function (t) { return t; });
  }

  function init() {
    var table = document.querySelector("table[data-catalogue]");
    if (!table || table.dataset.enhanced) return;
    table.dataset.enhanced = "1";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var nav = document.querySelector("[data-catalogue-filters]");
    var counter = document.querySelector("[data-catalogue-count]");
    var keywordForm = document.querySelector("[data-catalogue-keyword]");
    var keyword = keywordForm ? keywordForm.elements.q : null;
    var keys = { year: "year", validity: "validity", category: "category" };
    var inPlace = nav && table.hasAttribute("data-complete");  // the filters act on this page's rows
    var findHere = keywordForm && !keywordForm.hasAttribute("data-site-search");  // every item of the list is here
    var baseText = counter ? counter.textContent : "";
    var folded = rows.map(function (row) { return fold(row.textContent); });
    var state = { year: "all", validity: "all", category: "all", q: "" };

    function matches(row, trial) {
      return Object.keys(keys).every(function (k) {
        return !inPlace || trial[k] === "all" || row.dataset[keys[k]] === trial[k];
      });
    }
    function found(index) {
      return terms(state.q).every(function (t) { return folded[index].indexOf(t) !== -1; });
    }

    var options = [];
    if (inPlace) {
      // Every option becomes a link handled here; the generated filter pages remain for visitors without JS.
      options = Array.prototype.slice.call(nav.querySelectorAll("[data-filter]")).map(function (el) {
        if (el.tagName !== "A") {
          var a = document.createElement("a");
          a.className = el.className;
          a.dataset.filter = el.dataset.filter;
          a.dataset.value = el.dataset.value;
          a.innerHTML = el.innerHTML;
          el.parentNode.replaceChild(a, el);
          el = a;
        }
        el.setAttribute("href", "#");
        el.setAttribute("role", "button");
        return el;
      });
    }

    function fromHash() {
      var params = new URLSearchParams(location.hash.slice(1));
      Object.keys(state).forEach(function (k) {
        if (k === "q" || inPlace) state[k] = params.get(k) || (k === "q" ? "" : "all");
      });
      if (keyword) keyword.value = state.q;
    }
    function toHash() {
      var params = new URLSearchParams();
      Object.keys(state).forEach(function (k) {
        if (state[k] && state[k] !== "all") params.set(k, state[k]);
      });
      var hash = params.toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }

    function render() {
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = matches(row, state) && found(i);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      options.forEach(function (el) {
        var k = el.dataset.filter, v = el.dataset.value;
        var trial = Object.assign({}, state);
        trial[k] = v;
        var n = rows.filter(function (row, i) { return matches(row, trial) && found(i); }).length;
        el.querySelector(".xxgk-filter__count").textContent = n;
        if (state[k] === v) el.setAttribute("aria-current", "true"); else el.removeAttribute("aria-current");
        if (n === 0 && state[k] !== v) el.setAttribute("aria-disabled", "true"); else el.removeAttribute("aria-disabled");
      });
      if (!counter) return;
      if (!inPlace && !state.q) { counter.textContent = baseText; return; }
      var parts = [];
      if (inPlace) {
        if (state.year !== "all") parts.push(state.year + "年");
        if (state.validity !== "all") parts.push(state.validity);
        if (state.category !== "all") parts.push(state.category);
      } else {
        parts.push(baseText.split("：")[0]);
      }
      if (state.q) parts.push("含“" + state.q.trim() + "”");
      counter.textContent = (parts.length ? parts.join("、") : "全部信息") + "：共 " + shown + " 条" +
        (state.q && shown === 0 ? "。没有找到，请换一个关键词，或使用全站搜索。" : "");
    }

    if (inPlace) {
      nav.addEventListener("click", function (event) {
        var el = event.target.closest("[data-filter]");
        if (!el) return;
        event.preventDefault();
        if (el.getAttribute("aria-disabled") === "true") return;
        state[el.dataset.filter] = el.dataset.value;
        toHash();
        render();
      });
    }
    if (keywordForm) {
      keywordForm.hidden = false;
      keywordForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!findHere) {  // part of the list only on this page: the site's search sees all of it
          var input = document.querySelector("[data-gs-query]");
          if (!input) return;
          input.value = keyword.value.trim();
          input.focus();
          input.dispatchEvent(new Event("input"));
          return;
        }
        state.q = keyword.value;
        toHash();
        render();
      });
      if (findHere) {
        keyword.addEventListener("input", function () {
          state.q = keyword.value;
          toHash();
          render();
        });
      }
    }
    if (inPlace || findHere) {
      window.addEventListener("hashchange", function () { fromHash(); render(); });
      fromHash();
      render();
    }

    // Sorting: a button in each sortable header; the second click reverses the order.
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.dataset.sort;
      if (!key) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "xxgk-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";  // first click ascending, then toggle
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var sorted = rows.slice().sort(function (a, b) {
          var x = a.dataset[key] || "", y = b.dataset[key] || "";
          var c = x.localeCompare(y, "zh-Hans-CN") || (a.dataset.index || "").localeCompare(b.dataset.index || "");
          return descending ? -c : c;
        });
        sorted.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  }
  window.govCatalogueFold = fold;  // the tests compare it with the search's folding
  // Material's instant navigation swaps pages without reloading; its document$ observable announces each page.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
