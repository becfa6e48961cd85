// @ts-check
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = '\0monaco-css:';
const helper = fileURLToPath(new URL('./monaco-style.ts', import.meta.url));

/**
 * Turns the .css files monaco-editor's modules import into JavaScript that
 * adds the rules when the module runs (monaco-style.ts). Otherwise Astro links
 * Monaco's stylesheet from every page whose scripts can reach the editor, and
 * the editor would not be off the critical path. Relative url()s (the codicon
 * font) become asset URLs.
 * @returns {import('vite').Plugin}
 */
export function monacoCssAsStyle() {
  return {
    name: 'kube-lessons:monaco-css',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !importer.includes('/monaco-editor/')) return null;
      const r = await this.resolve(source, importer, { skipSelf: true });
      // Ends in .js so Vite's own CSS handling leaves it alone.
      return r ? `${PREFIX}${r.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      /** @type {string[]} */
      const imports = [];
      const css = readFileSync(file, 'utf8').replace(/url\((['"]?)\.\/([^'")]+)\1\)/g, (_, _q, rel) => {
        imports.push(`import u${imports.length} from ${JSON.stringify(join(dirname(file), rel) + '?url')};`);
        return `url(\u0001${imports.length - 1}\u0001)`;
      });
      const expr = JSON.stringify(css).replace(/\\u0001(\d+)\\u0001/g, (_, n) => `" + u${n} + "`);
      return `${imports.join('\n')}\nimport { addMonacoStyle } from ${JSON.stringify(helper)};\naddMonacoStyle(${expr});\n`;
    },
  };
}
