// Swagger UI draws some controls without a name for screen readers (WCAG 4.1.2): its copy
// buttons and the request body's text box. Name them as they appear.
(function () {
  "use strict";
  function name(root) {
    root.querySelectorAll(".copy-to-clipboard > button:not([aria-label])").forEach(function (b) {
      b.setAttribute("aria-label", document.documentElement.lang === "en" ? "Copy" : "Kopiera");
    });
    root.querySelectorAll("textarea:not([aria-label])").forEach(function (t) {
      var row = t.closest("tr[data-param-name]");
      var label = row ? row.getAttribute("data-param-name") : (document.documentElement.lang === "en" ? "Request body (JSON)" : "Begärans innehåll (JSON)");
      t.setAttribute("aria-label", label);
      if (t.getAttribute("title") === "") t.removeAttribute("title");
    });
  }
  new MutationObserver(function () { name(document); }).observe(document.body, { childList: true, subtree: true });
})();
