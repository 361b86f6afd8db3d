/* A search box inside a page (the 404 page): hands the words to the site's search in the header, which opens
   its results over the page. Without JavaScript the site's search cannot run; the links beside it still work. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-gov-search-box]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) {
      var words = form.elements.q.value.trim();
      var input = document.querySelector("[data-gs-query]");
      if (!input) return;  // no site search on this page: let the form go to the home page
      event.preventDefault();
      input.value = words;
      input.focus();  // opens the search overlay
      input.dispatchEvent(new Event("input"));
    });
  });
})();
