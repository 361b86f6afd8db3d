/* 法律法规: filter the law list in place, copy article links, show cited articles on tap.
   Everything works without this file: filters fall back to plain lists, links are ordinary links. */
(function () {
  "use strict";

  function setupFilters(root) {
    var box = root.querySelector("[data-law-filters]");
    if (!box) return;
    document.documentElement.classList.add("js-law-filters");
    var state = { status: "", topic: "" };
    var chips = box.querySelectorAll("[data-filter]");
    var result = box.querySelector("[data-filter-result]");
    function apply() {
      var shown = 0;
      root.querySelectorAll(".law-item").forEach(function (item) {
        var ok = (!state.status || item.getAttribute("data-status") === state.status) &&
          (!state.topic || (" " + item.getAttribute("data-topics") + " ").indexOf(" " + state.topic + " ") >= 0);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      root.querySelectorAll("[data-law-group]").forEach(function (group) {
        group.hidden = !group.querySelector(".law-item:not([hidden])");
      });
      chips.forEach(function (chip) {
        chip.setAttribute("aria-pressed", chip.getAttribute("data-value") === state[chip.getAttribute("data-filter")] ? "true" : "false");
      });
      result.hidden = !(state.status || state.topic);
      result.textContent = "筛选结果：" + shown + " 项" + (shown ? "" : "，请放宽条件");
    }
    chips.forEach(function (chip) {
      chip.setAttribute("role", "button");
      chip.addEventListener("click", function (event) {
        event.preventDefault();
        state[chip.getAttribute("data-filter")] = chip.getAttribute("data-value");
        apply();
        var hash = state.status ? "#status-" + state.status : state.topic ? "#topic-" + state.topic : "";
        history.replaceState(null, "", location.pathname + location.search + hash);
      });
    });
    // A link such as laws/#status-已废止 opens the list already filtered.
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("status-") === 0) state.status = hash.slice(7);
    if (hash.indexOf("topic-") === 0) state.topic = hash.slice(6);
    apply();
  }

  function flash(anchor, text) {
    var note = document.createElement("span");
    note.className = "law-article__copied";
    note.textContent = text;
    anchor.after(note);
    setTimeout(function () { note.remove(); }, 1800);
  }

  function setupCopyLinks(root) {
    root.querySelectorAll("[data-copy-link]").forEach(function (anchor) {
      anchor.addEventListener("click", function () {
        var link = location.href.split("#")[0] + anchor.getAttribute("href");
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(link).then(function () { flash(anchor, "已复制本条链接"); },
            function () { flash(anchor, "请从地址栏复制链接"); });
        } else {
          flash(anchor, "链接已显示在地址栏");
        }
      });
    });
  }

  var popover = null;
  function closePopover() {
    if (popover) { popover.remove(); popover = null; }
  }
  function openPopover(link) {
    closePopover();
    popover = document.createElement("div");
    popover.className = "law-popover";
    popover.setAttribute("role", "dialog");
    var text = document.createElement("p");
    text.textContent = link.getAttribute("data-law-text");
    var actions = document.createElement("p");
    actions.className = "law-popover__actions";
    var open = document.createElement("a");
    open.href = link.href;
    open.textContent = "打开全文";
    var close = document.createElement("a");
    close.href = "#";
    close.textContent = "关闭";
    close.addEventListener("click", function (event) { event.preventDefault(); closePopover(); });
    actions.append(open, close);
    popover.append(text, actions);
    document.body.append(popover);
    var rect = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 8));
    popover.style.left = left + "px";
    popover.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function setupCitations(root) {
    root.querySelectorAll("a[data-law-ref]").forEach(function (link) {
      link.setAttribute("data-law-text", link.getAttribute("title") || "");
      // Touch screens have no hover: the first tap shows the article, "打开全文" follows the link.
      link.addEventListener("click", function (event) {
        if (link.classList.contains("law-ref--title")) return;
        if (window.matchMedia("(hover: none)").matches && !(popover && popover.dataset.for === link.href)) {
          event.preventDefault();
          openPopover(link);
          popover.dataset.for = link.href;
        }
      });
    });
  }

  /* "跳到第 N 条": the number in Arabic or Chinese numerals (10, 十, 第一百零五条, 17之1). */
  var DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNITS = { "十": 10, "百": 100, "千": 1000 };
  function number(text) {
    text = text.replace(/[\s第条]/g, "").replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    var total = 0, digit = 0, seen = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c in DIGITS) { digit = DIGITS[c]; seen = true; }
      else if (c in UNITS) { total += (seen || digit ? digit : 1) * UNITS[c]; digit = 0; seen = false; }
      else return NaN;
    }
    return text ? total + digit : NaN;
  }
  function setupGoto(root) {
    var form = root.querySelector("[data-law-goto]");
    if (!form) return;
    var input = form.querySelector("input"), message = form.querySelector("[data-law-goto-message]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var parts = input.value.split(/之/), n = number(parts[0]), suffix = parts.length > 1 ? number(parts[1]) : 0;
      var id = "art-" + n + (suffix ? "-" + suffix : "");
      var target = isNaN(n) || isNaN(suffix) ? null : document.getElementById(id);
      if (!target) {
        message.textContent = input.value.trim() ? "没有找到这一条：本文共" + form.getAttribute("data-count") + "条，请输入 1 到 " + form.getAttribute("data-count") + " 之间的数字" : "请输入条号，如 10";
        return;
      }
      message.textContent = "";
      location.hash = "#" + id;
      var label = target.querySelector(".law-article__no");
      if (label) label.focus({ preventScroll: true });
    });
  }

  function setup() {
    closePopover();
    var root = document.querySelector(".md-content") || document;
    setupFilters(root);
    setupCopyLinks(root);
    setupCitations(root);
    setupGoto(root);
  }

  document.addEventListener("click", function (event) {
    if (popover && !popover.contains(event.target) && !event.target.closest("a[data-law-ref]")) closePopover();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePopover(); });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
