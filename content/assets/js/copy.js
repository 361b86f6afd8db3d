/* 复制 buttons (a feed's page): copy the address in the field named by data-copy, and say so. Where the
   clipboard cannot be written (an old browser, a page not served over HTTPS), the address is selected instead so
   the visitor can copy it by hand. */
(function () {
  "use strict";
  function say(button, text) {
    var status = button.closest("div, section, article").querySelector(".gov-copy__status") ||
                 document.querySelector(".gov-copy__status");
    if (status) status.textContent = text;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var select = function () {
      field.focus();
      field.select();
      say(button, "已选中地址，请长按或按 Ctrl+C 复制。");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        say(button, "已复制：" + field.value);
      }, select);
    } else {
      select();
    }
  });
})();
