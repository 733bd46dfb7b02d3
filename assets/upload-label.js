// dcc.Upload renders its file input without a label (WCAG 4.1.2); name it for screen readers.
new MutationObserver(function () {
  document.querySelectorAll(".upload-zone input[type=file]:not([aria-label])").forEach(function (input) {
    input.setAttribute("aria-label", "Välj filer att läsa in");
  });
}).observe(document.documentElement, { childList: true, subtree: true });
