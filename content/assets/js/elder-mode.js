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
      // The label says what pressing does, so a visitor who switched the mode on sees how to leave it. A label
      // that changes must not be combined with aria-pressed (screen readers would say "退出适老模式, pressed");
      // data-state gives the inverted look.
      buttons[i].setAttribute("data-state", on ? "on" : "off");
      buttons[i].textContent = on ? "退出适老模式" : "适老模式";
      buttons[i].title = on ? "恢复标准字号和配色" : "放大字号、提高对比度";
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
