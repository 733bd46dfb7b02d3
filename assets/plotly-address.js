// dcc.Graph loads plotly.js from window._dashPlotlyJSURL, which Dash's renderer sets to a fixed
// address the browser must ask about again on every page load. The server names the same bundle
// at an address with its hash in it (delivery.py), cached for a year: the renderer's
// assignment is ignored so that dcc.Graph fetches that one.
(function () {
  var named = document.querySelector('meta[name="trygghetsmal-plotly"]');
  if (!named) {
    return;
  }
  var address = named.getAttribute("content");
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () { return address; },
    set: function () {},
  });
})();
