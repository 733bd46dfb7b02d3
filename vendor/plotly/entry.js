'use strict';
// The trace types Trygghetsmål's charts use: scatter (in core), bar and heatmap. A chart with
// another type needs it registered here and the bundle rebuilt (see README.md).
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);

module.exports = Plotly;
