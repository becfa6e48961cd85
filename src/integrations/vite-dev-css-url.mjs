// @ts-check
/**
 * `astro dev` only. Starlight imports its print stylesheet as a URL
 * (`print.css?url&no-inline`); Astro 7's dev server takes every CSS module in
 * a page's graph for a stylesheet to hot-reload and also emits
 * `<script type="module" src="…print.css?url&no-inline">`, which Vite answers
 * with the stylesheet itself (text/css), so Chromium logs "Failed to load
 * module script … MIME type text/css" on every page. The page links the
 * stylesheet anyway; the script is answered with an empty module. A build
 * emits no such script.
 * @returns {import('vite').Plugin}
 */
export function devCssUrlModules() {
  return {
    name: 'kube-lessons:dev-css-url-modules',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.headers['sec-fetch-dest'] === 'script' && isCssUrlImport(req.url ?? '')) {
          res.setHeader('Content-Type', 'text/javascript');
          res.end('// a stylesheet imported as a URL: nothing to run (src/integrations/vite-dev-css-url.mjs)\n');
          return;
        }
        next();
      });
    },
  };
}

/**
 * A request for `….css?url…` (a CSS file imported for its URL), not a CSS module.
 * @param {string} url
 * @returns {boolean}
 */
export function isCssUrlImport(url) {
  const q = url.indexOf('?');
  if (q < 0 || !/\.css$/.test(url.slice(0, q))) return false;
  return new URLSearchParams(url.slice(q + 1)).has('url');
}
