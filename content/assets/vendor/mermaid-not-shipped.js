/* Material loads mermaid.js for elements with class "mermaid". This site never emits one (the sanitizer
   removes the class from editors' HTML) and does not ship mermaid; the bundle points here instead of a CDN. */
console.warn("本站不提供 mermaid 图表脚本");
