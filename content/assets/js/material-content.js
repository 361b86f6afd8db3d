/* Material for MkDocs 9.8.2, partials/javascripts/content.html, as a file (no inline script under the CSP). */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
