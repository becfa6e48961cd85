import { describe, expect, it, vi } from 'vitest';
import { runLine as run } from '../testing/run-line.ts';

// The site's build swaps the tag catalogue for its lazy twin (astro.config.mjs); so does this file.
vi.mock('../sim/containers/tag-catalogue.ts', () => import('../sim/containers/tag-catalogue.lazy.ts'));

const { createLazySession, packsAfterStart } = await import('./lazy-session.ts');
const { createSession } = await import('./session.ts');
const { tagCatalogueLoaded, tagCatalogue } = await import('../sim/containers/tag-catalogue.ts');


const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27-alpine\n' };

describe('the registry tag history loads after the terminal starts, before the first line that needs it', () => {
  it('a page session starts without it, lists it among the packs fetched after start, and a docker line waits for it', async () => {
    const shell = await createLazySession({ seed: 2, files, dir: 'demo' }, ['compose']);
    expect(tagCatalogueLoaded()).toBe(false);
    expect(() => tagCatalogue()).toThrow(/not loaded yet/);
    expect(packsAfterStart(['compose'])).toEqual(['tags']);
    expect(packsAfterStart(['k8s'])).toEqual(['kubectl', 'tags']);
    // The real docker command stands in with a load until the history is in.
    expect(shell.commands.get('docker')?.load).toBeTypeOf('function');
    const got = await run(shell, 'docker compose up -d && docker compose images');
    expect(tagCatalogueLoaded()).toBe(true);
    expect(shell.commands.get('docker')?.load).toBeUndefined();
    const eager = createSession({ seed: 2, files, dir: 'demo' });
    expect(got).toEqual(await run(eager, 'docker compose up -d && docker compose images'));
    expect(got.out).toMatch(/nginx\s+1\.27-alpine/);
  });
});
