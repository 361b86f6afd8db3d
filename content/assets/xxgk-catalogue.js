/* 政府信息公开目录: in-place filtering (on the full catalogue page) and column sorting.
   Without JavaScript the filter links open generated pages and the table keeps its default order. */
(function () {
  "use strict";
  function init() {
    var table = document.querySelector("table[data-catalogue]");
    if (!table || table.dataset.enhanced) return;
    table.dataset.enhanced = "1";
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var nav = document.querySelector("[data-catalogue-filters]");
    var counter = document.querySelector("[data-catalogue-count]");
    var keys = { year: "year", validity: "validity", category: "category" };

    function matches(row, state) {
      return Object.keys(keys).every(function (k) {
        return state[k] === "all" || row.dataset[keys[k]] === state[k];
      });
    }

    if (nav && table.hasAttribute("data-complete")) {
      var state = { year: "all", validity: "all", category: "all" };
      // Every option becomes a link handled here; the generated filter pages remain for visitors without JS.
      var options = Array.prototype.slice.call(nav.querySelectorAll("[data-filter]")).map(function (el) {
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
      var fromHash = function () {
        var params = new URLSearchParams(location.hash.slice(1));
        Object.keys(state).forEach(function (k) { state[k] = params.get(k) || "all"; });
      };
      var render = function () {
        var shown = 0;
        rows.forEach(function (row) {
          var ok = matches(row, state);
          row.hidden = !ok;
          if (ok) shown += 1;
        });
        options.forEach(function (el) {
          var k = el.dataset.filter, v = el.dataset.value;
          var trial = Object.assign({}, state);
          trial[k] = v;
          var n = rows.filter(function (row) { return matches(row, trial); }).length;
          el.querySelector(".xxgk-filter__count").textContent = n;
          if (state[k] === v) el.setAttribute("aria-current", "true"); else el.removeAttribute("aria-current");
          if (n === 0 && state[k] !== v) el.setAttribute("aria-disabled", "true"); else el.removeAttribute("aria-disabled");
        });
        var parts = [];
        if (state.year !== "all") parts.push(state.year + "年");
        if (state.validity !== "all") parts.push(state.validity);
        if (state.category !== "all") parts.push(state.category);
        if (counter) counter.textContent = (parts.length ? parts.join("、") : "全部信息") + "：共 " + shown + " 条";
      };
      nav.addEventListener("click", function (event) {
        var el = event.target.closest("[data-filter]");
        if (!el) return;
        event.preventDefault();
        if (el.getAttribute("aria-disabled") === "true") return;
        state[el.dataset.filter] = el.dataset.value;
        var params = new URLSearchParams();
        Object.keys(state).forEach(function (k) { if (state[k] !== "all") params.set(k, state[k]); });
        var hash = params.toString();
        history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
        render();
      });
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
  // Material's instant navigation swaps pages without reloading; its document$ observable announces each page.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
