// A goal page has several charts, and plotly.js draws each in one go: drawn in the same task,
// none shows until all are done. Each chart is therefore drawn in its own turn, after the one
// before it is on screen, so the page's first chart shows without waiting for the others.
(function () {
  var turn = Promise.resolve();
  var drawing = false;

  function afterNextPaint() {
    return new Promise(function (resolve) {
      if (document.hidden) {
        setTimeout(resolve, 0); // a hidden tab gets no animation frames
        return;
      }
      requestAnimationFrame(function () {
        setTimeout(resolve, 0);
      });
    });
  }

  function inTurn(react) {
    return function () {
      var args = arguments;
      if (drawing) {
        return react.apply(null, args); // asked for by a chart while it is being drawn
      }
      // The next turn waits for this draw's synchronous part, not for its promise: a draw
      // that waits for another chart's turn must not hold that turn back.
      var started = turn.then(function () {
        drawing = true;
        try {
          return { drawn: react.apply(null, args) };
        } finally {
          drawing = false;
        }
      });
      turn = started.then(afterNextPaint, afterNextPaint);
      return started.then(function (call) {
        return call.drawn;
      });
    };
  }

  // plotly.js arrives when the first chart mounts and names itself window.Plotly.
  var plotly;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get: function () {
      return plotly;
    },
    set: function (value) {
      if (value && typeof value.react === "function") {
        value.react = inTurn(value.react);
      }
      plotly = value;
    },
  });
})();
