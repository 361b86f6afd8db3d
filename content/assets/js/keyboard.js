/* Keyboard use of Material's header (GB/T 37668, WCAG 2.1.1 and 2.4.3): the ☰ button and, on a phone, the search
   button are labels of hidden checkboxes (#__drawer, #__search), which a label alone does not make reachable.
   overrides/partials/header.html gives them a tab stop, a role and a name; this file makes Enter and Space press
   them, keeps aria-expanded true to the state, takes the focus into the drawer when it opens and back to ☰ when
   it closes (Escape closes it). While the drawer is closed, CSS keeps its links out of the tab order. */
(function () {
  "use strict";

  function toggles() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-gov-toggle]"));
  }

  function sync() {
    toggles().forEach(function (label) {
      var box = document.getElementById(label.getAttribute("data-gov-toggle"));
      if (box) label.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
  }

  function drawerLinks() {
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!drawer) return [];
    return Array.prototype.slice.call(drawer.querySelectorAll("a[href], label[tabindex], input:not([type=checkbox]), button"))
      .filter(function (el) { return !el.closest("[hidden]"); })
      .filter(function (el) { return el.getClientRects().length && getComputedStyle(el).visibility === "visible"; });
  }

  function set(box, on) {
    if (box.checked === on) return;
    box.checked = on;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // A pane's title inside the drawer goes back to the list it came from: a button for the keyboard as well.
  function paneTitles() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-nav--primary .md-nav .md-nav__title[for]"), function (label) {
      var target = label.getAttribute("for");
      if (target === "__drawer" || label.hasAttribute("data-gov-toggle")) return;
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", "返回上一级（当前：" + label.textContent.trim() + "）");
      label.setAttribute("data-gov-toggle", target);
    });
  }

  function setup() {
    paneTitles();
    var drawer = document.getElementById("__drawer");
    var opener = document.querySelector('[data-gov-toggle="__drawer"]');

    // Window, capture phase: before Material's own key handling, which clicks a focused label on Enter (pressing
    // it twice would undo it); the label is clicked once here, for Enter and Space alike.
    window.addEventListener("keydown", function (ev) {
      var label = ev.target instanceof Element && ev.target.closest("[data-gov-toggle]");
      if (label && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        ev.stopPropagation();
        label.click();
        return;
      }
      if (ev.key === "Escape" && drawer && drawer.checked) {
        set(drawer, false);
        if (opener) opener.focus();
      }
    }, true);

    if (drawer) {
      drawer.addEventListener("change", sync);
      // Opened from ☰ by keyboard: the first link of the drawer takes the focus (CSS shows it at once).
      drawer.addEventListener("change", function () {
        if (drawer.checked && document.activeElement === opener) {
          window.setTimeout(function () { var first = drawerLinks()[0]; if (first) first.focus(); }, 30);
        }
      });
      // Focus leaving the open drawer (Tab past its last link) closes it: the page behind is dimmed by it.
      var sidebar = document.querySelector(".md-sidebar--primary");
      if (sidebar) {
        sidebar.addEventListener("focusout", function (ev) {
          var to = ev.relatedTarget;
          if (drawer.checked && to instanceof Element && !sidebar.contains(to) && to !== opener &&
              getComputedStyle(sidebar).position === "fixed") {
            set(drawer, false);
          }
        });
      }
    }
    var search = document.getElementById("__search");
    if (search) search.addEventListener("change", sync);
    sync();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
