import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';

/**
 * Content-Security-Policy for the static site. Only the site's own files may
 * run: scripts from 'self' plus the exact inline scripts Astro and Starlight
 * put in each page (by sha256 hash, computed from the built HTML, so a changed
 * script is noticed instead of silently allowed), workers from 'self', no
 * eval of any kind except WebAssembly compilation (Pagefind's search index).
 * Styles may be inline: xterm, Monaco and Starlight set styles at run time,
 * and styles cannot run code.
 *
 * For H5 (Monaco editor): this policy allows scripts and workers from the
 * site's own origin ('self'; `new Worker(new URL('./x.worker.js', import.meta.url))`
 * as Vite emits it works), inline <style> elements and style attributes,
 * data: fonts and images. It does NOT allow 'unsafe-eval', blob: workers or
 * scripts from a CDN: keep Monaco bundled and its workers as files.
 *
 * The policy goes into every page as a <meta http-equiv> (first in <head>, so
 * it covers every script after it), and into dist/_headers for static hosts
 * that read one (Netlify, Cloudflare Pages), where frame-ancestors also works.
 */
export const BASE_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** sha256 sources for the inline (no src) scripts of a page, in order of first appearance. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(m[1] ?? '')?.[1];
    // Data blocks (JSON, importmaps excepted) are not run, so they need no hash.
    if (type && !/^(module|text\/javascript|application\/javascript|importmap)$/i.test(type)) continue;
    const h = `'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`;
    if (!out.includes(h)) out.push(h);
  }
  return out;
}

export function policy(hashes: string[], extra: Record<string, string[]> = {}): string {
  const d: Record<string, string[]> = { ...BASE_DIRECTIVES, ...extra };
  d['script-src'] = [...(d['script-src'] ?? []), ...hashes];
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** Puts the page's policy first in <head> (replacing one already there). */
export function withPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inlineScriptHashes(html))}">`;
  const cleaned = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  return cleaned.replace(/<head>/i, `<head>${meta}`);
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* htmlFiles(p);
    else if (e.name.endsWith('.html')) yield p;
  }
}

export function cspIntegration(): AstroIntegration {
  return {
    name: 'kube-lessons-csp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = dir.pathname;
        const all = new Set<string>();
        let pages = 0;
        for await (const file of htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          for (const h of inlineScriptHashes(html)) all.add(h);
          await writeFile(file, withPolicy(html));
          pages++;
        }
        // One header for every path: the union of every page's inline scripts.
        const header = policy([...all], { 'frame-ancestors': ["'none'"] });
        await writeFile(join(root, '_headers'), `/*\n  Content-Security-Policy: ${header}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`);
        logger.info(`Content-Security-Policy on ${pages} pages (${all.size} inline script hashes); _headers written`);
      },
    },
  };
}
