/* Wide tables scroll sideways on phones. A scrolling region must be reachable by keyboard (WCAG 2.1.1):
   give every such wrapper that really overflows a tab stop and a name. Material adds its own table
   wrappers (.md-typeset__scrollwrap) after load, hence the observer. */
(function () {
  var SELECTOR = ".md-typeset__scrollwrap, .gov-table-wrap, .xxgk-table-wrap";
  function mark(root) {
    var regions = (root.querySelectorAll ? root : document).querySelectorAll(SELECTOR);
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i];
      if (el.scrollWidth > el.clientWidth + 1) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "表格（可左右滑动查看）");
      } else if (el.getAttribute("role") === "region") {
        el.removeAttribute("tabindex");  // fits again (wider window): no needless tab stop
        el.removeAttribute("role");
      }
    }
  }
  function start() {
    mark(document);
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) if (changes[i].addedNodes.length) { mark(document); return; }
    }).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", function () { mark(document); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
