/* Material for MkDocs 9.8.2, partials/javascripts/base.html, as a file (the site's CSP allows no inline script).
   The scope is the site root, two folders up from this file. */
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = function (e) { return [].concat(Array.from(e)).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); },
  __md_get = function (e, store, scope) {
    store = store || localStorage; scope = scope || __md_scope;
    return JSON.parse(store.getItem(scope.pathname + "." + e));
  },
  __md_set = function (e, value, store, scope) {
    store = store || localStorage; scope = scope || __md_scope;
    try { store.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* storage full or disabled */ }
  };
