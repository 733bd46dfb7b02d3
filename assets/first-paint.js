// The server writes the page as HTML before Dash's root (pages/first_paint.py), so the browser
// shows it at once. Once Dash has drawn its page (it holds <main>), the copy goes; the observer
// runs before the next frame, so the two are never on screen together. A copy whose page Dash
// never draws stays: the page is still readable.
(function () {
  var copy = document.getElementById("first-paint");
  var root = document.getElementById("react-entry-point");
  if (!copy || !root) {
    return;
  }
  var observer = new MutationObserver(function () {
    if (root.querySelector("main")) {
      observer.disconnect();
      copy.remove();
    }
  });
  observer.observe(root, { childList: true, subtree: true });
})();
