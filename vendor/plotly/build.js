// Builds plotly-trygghetsmal.min.js the way plotly.js builds its own partial bundles
// (plotly.js/esbuild-config.js), from entry.js instead of lib/index.js.
'use strict';
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { version } = require('plotly.js/package.json');

esbuild
    .build({
        entryPoints: ['./entry.js'],
        outfile: './plotly-trygghetsmal.min.js',
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        sourcemap: false,
        plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
        alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false' },
        target: 'es2016',
        // The server reads the version from the first line (delivery.py).
        banner: { js: `/*! plotly.js v${version}, Trygghetsmål bundle: scatter, bar, heatmap */` },
        // As plotly.js's own bundles: Dash's dcc.Graph looks for window.Plotly.
        footer: { js: 'window.Plotly = Plotly;' },
        logLevel: 'info',
    })
    .catch(() => process.exit(1));
