/**
 * Monaco's stylesheets, added to the page when Monaco's modules run (see
 * vite-monaco-css.mjs). As ordinary CSS imports they were hoisted into every
 * page's <link>s, so each lesson downloaded 140 kB of editor styles up front.
 */
let sheet: HTMLStyleElement | undefined;

export function addMonacoStyle(css: string): void {
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.monaco = '';
    document.head.append(sheet);
  }
  sheet.append(document.createTextNode(css));
}
