import { describe, expect, it } from 'vitest';
import { isCssUrlImport } from './vite-dev-css-url.mjs';

describe('dev: which script requests are stylesheets imported as URLs', () => {
  it("matches Starlight's print stylesheet as Astro dev links it", () => {
    expect(isCssUrlImport('/@fs/work/main/node_modules/@astrojs/starlight/dist/style/print.css?url&no-inline')).toBe(true);
    expect(isCssUrlImport('/src/x.css?no-inline&url')).toBe(true);
  });

  it('leaves CSS modules, inline CSS and scripts alone', () => {
    expect(isCssUrlImport('/src/styles/site.css')).toBe(false);
    expect(isCssUrlImport('/src/components/editor/editor.css?inline')).toBe(false);
    expect(isCssUrlImport('/src/components/terminal/element.ts?url')).toBe(false);
    expect(isCssUrlImport('/src/x.css?direct&urlish')).toBe(false);
  });
});
