// The server writes the page's layout and the app's callbacks into the page (delivery.py), so
// Dash's renderer need not ask for them after its scripts have run and wait before it draws.
// Each is answered once: a later request for the layout goes to the server.
(function () {
  var fromServer = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var method = ((init && init.method) || "GET").toUpperCase();
    if (typeof input === "string" && method === "GET") {
      var path = new URL(input, window.location.href).pathname;
      var written = document.querySelector(
        'script[data-trygghetsmal-answers="' + CSS.escape(path) + '"]'
      );
      if (written) {
        written.remove();
        return Promise.resolve(
          new Response(written.textContent, {
            status: 200,
            headers: { "Content-Type": "application/json" },
          })
        );
      }
    }
    return fromServer(input, init);
  };
})();
