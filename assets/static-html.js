// The component pages/static_html.py sends for the parts of a page no callback touches: the
// root element as its Dash component would render it, its descendants from the server's HTML,
// which the browser parses far faster than Dash builds components.
(function () {
  window.trygghetsmal_static = {
    StaticHtml: function (props) {
      var attributes = Object.assign({}, props.attributes, { id: props.id });
      if (props.html) {
        attributes.dangerouslySetInnerHTML = { __html: props.html };
      }
      return window.React.createElement(props.tag, attributes);
    },
  };
})();

// A dcc.Link written as HTML (<a data-dash-link>) navigates inside the app as dcc.Link does:
// the address changes without a page load and Dash's router draws the page.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-dash-link]");
  // A link in the page's first paint is followed as a plain link: Dash is not drawing yet.
  if (!link || link.closest("#first-paint") || event.defaultPrevented || event.button !== 0) {
    return;
  }
  if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey) {
    return;
  }
  event.preventDefault();
  window.history.pushState({}, "", link.getAttribute("href"));
  window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  window.scrollTo(0, 0);
});
