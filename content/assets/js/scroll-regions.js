/* Tables on small screens.
   1. Plain tables of three or more columns (editors' Markdown tables) get each cell labelled with its column
      (data-label) and are marked data-gov-stack, which CSS shows as one card per row on phones. Tables made by
      templates carry those attributes already and need no script.
   2. A table that still does not fit scrolls sideways: a written hint is put above it, and the scrolling region
      is made reachable by keyboard (WCAG 2.1.1) with a tab stop and a name. Material adds its own table wrappers
      (.md-typeset__scrollwrap) after load, hence the observer. */
(function () {
  var SELECTOR = ".md-typeset__scrollwrap, .gov-table-wrap, .xxgk-table-wrap";
  function stackable(table) {
    if (table.hasAttribute("data-gov-stack") || table.className || !table.tHead || table.tHead.rows.length !== 1) return false;
    var heads = table.tHead.rows[0].cells;
    if (heads.length < 3 || table.querySelector("[rowspan], [colspan]")) return false;
    for (var b = 0; b < table.tBodies.length; b++) {
      for (var r = 0; r < table.tBodies[b].rows.length; r++) {
        if (table.tBodies[b].rows[r].cells.length !== heads.length) return false;
      }
    }
    return true;
  }
  function label(root) {
    var tables = root.querySelectorAll(".md-typeset table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (!stackable(table)) continue;
      var heads = table.tHead.rows[0].cells;
      for (var b = 0; b < table.tBodies.length; b++) {
        for (var r = 0; r < table.tBodies[b].rows.length; r++) {
          var cells = table.tBodies[b].rows[r].cells;
          for (var c = 0; c < cells.length; c++) cells[c].setAttribute("data-label", heads[c].textContent.trim());
        }
      }
      table.setAttribute("data-gov-stack", "");
    }
  }
  function hintFor(el) {
    var before = el.previousElementSibling;
    return before && /(^| )(gov|xxgk)-scroll-hint( |$)/.test(before.className) ? before : null;
  }
  function mark(root) {
    var regions = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i];
      var hint = hintFor(el);
      if (el.scrollWidth > el.clientWidth + 1) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "表格（可左右滑动查看）");
        if (!hint) {
          hint = document.createElement("p");
          hint.className = "gov-scroll-hint";
          hint.setAttribute("aria-hidden", "true");  // the region's name says it already
          hint.textContent = "表格较宽，可左右滑动查看";
          el.parentNode.insertBefore(hint, el);
        }
        hint.hidden = false;
      } else {
        if (el.getAttribute("role") === "region") {
          el.removeAttribute("tabindex");  // fits again (wider window): no needless tab stop
          el.removeAttribute("role");
        }
        if (hint && hint.className === "gov-scroll-hint") hint.hidden = true;
      }
    }
  }
  function start() {
    label(document);
    mark(document);
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        if (changes[i].addedNodes.length && !(changes[i].addedNodes[0].className === "gov-scroll-hint")) {
          label(document);
          mark(document);
          return;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", function () { mark(document); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
