/* 公示期 status (公示中 / 公示已结束) is computed when the site is built. If the site has not been rebuilt since,
   correct it from today's date in Beijing, so an ended 公示 never shows "公示中". Without JavaScript the status
   of the last build stays. Elements carry data-gov-period-start / -end (YYYY-MM-DD); an element marked
   data-gov-open-only is a "公示中" badge in a list and disappears when the period is not open. */
(function () {
  "use strict";
  var LABELS = { before: "公示未开始", open: "公示中", closed: "公示已结束" };

  function beijingToday() {
    try {
      var text = new Intl.DateTimeFormat("en-CA", {
        timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit"
      }).format(new Date());
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
    } catch (e) {
      return null;
    }
  }

  function update() {
    var today = beijingToday();
    if (!today) return;
    var marked = document.querySelectorAll("[data-gov-period-end]");
    for (var i = 0; i < marked.length; i++) {
      var el = marked[i];
      var start = el.getAttribute("data-gov-period-start");
      var end = el.getAttribute("data-gov-period-end");
      var status = today < start ? "before" : (today <= end ? "open" : "closed");
      if (el.hasAttribute("data-gov-open-only")) {
        if (status !== "open") el.parentNode.removeChild(el);
        continue;
      }
      if (el.textContent !== LABELS[status]) {
        el.textContent = LABELS[status];
        el.className = "gov-status gov-status--" + status;
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
