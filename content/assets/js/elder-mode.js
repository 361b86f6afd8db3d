/* 适老化 mode: larger text and higher contrast (国办公开办函〔2021〕28号). Loaded in <head> so the page is
   painted in the chosen mode at once; the choice is remembered in this browser only (localStorage). */
(function () {
  var KEY = "govsite.elder-mode";
  var root = document.documentElement;
  function stored() {
    try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function apply(on) {
    if (on) root.setAttribute("data-gov-elder", "on"); else root.removeAttribute("data-gov-elder");
    var buttons = document.querySelectorAll("[data-gov-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      // A toggle keeps its name; aria-pressed (and the inverted look) says whether it is on.
      buttons[i].title = on ? "适老模式已开启，再按一次恢复标准字号和配色" : "适老模式：放大字号、提高对比度";
    }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-gov-elder-toggle]");
      if (!button) return;
      var on = !stored();
      try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode: still switch this page */ }
      apply(on);
    });
  });
})();
