import { describe, expect, it, vi } from 'vitest';
import { runLine as run } from '../testing/run-line.ts';

// The site's build swaps the Compose schema check (zod) for its lazy twin (astro.config.mjs); so does this file.
vi.mock('../sim/compose/load/schema-check.ts', () => import('../sim/compose/load/schema-check.lazy.ts'));
// And the container shell, utilities and exec (container-tools.ts), which docker commands wait for as well.
vi.mock('../sim/containers/container-tools.ts', () => import('../sim/containers/container-tools.lazy.ts'));

const { createLazySession, packsAfterStart } = await import('./lazy-session.ts');
const { createSession } = await import('./session.ts');
const { schemaCheckLoaded } = await import('../sim/compose/load/schema-check.ts');
const { containerToolsLoaded } = await import('../sim/containers/container-tools.ts');


// A typo the schema reports, then a valid project: both must read as they do with the validator loaded eagerly.
const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27-alpine\n    portz: ["8080:80"]\n  db:\n    image: redis:7\n' };

describe('the Compose schema (zod) loads after the terminal starts, before the first line that needs it', () => {
  it('a Compose session starts without it, fetches it after start, and a docker line waits for it', async () => {
    const shell = await createLazySession({ seed: 3, files, dir: 'demo' }, ['compose']);
    expect(schemaCheckLoaded()).toBe(false);
    expect(containerToolsLoaded()).toBe(false);
    expect(packsAfterStart(['compose'])).toContain('schema');
    expect(packsAfterStart(['compose'])).toContain('tools');
    expect(packsAfterStart(['k8s'])).not.toContain('schema');
    // Completing service names needs the project: before the schema is in it offers nothing rather than failing.
    expect(() => shell.complete('docker compose up ')).not.toThrow();
    const line = 'docker compose config; sed -i s/portz/ports/ compose.yaml; docker compose up -d && docker compose ps; docker compose exec web sh -c "echo $((6 * 7))"';
    const got = await run(shell, line);
    expect(schemaCheckLoaded()).toBe(true);
    expect(containerToolsLoaded()).toBe(true);
    const eager = createSession({ seed: 3, files, dir: 'demo' });
    expect(got).toEqual(await run(eager, line));
    expect(got.out).toMatch(/additional properties 'portz' not allowed/);
    expect(got.out).toMatch(/demo-web-1/);
    expect(got.out).toMatch(/^42$/m);
    expect(shell.complete('docker compose up ').candidates).toEqual(['db', 'web']);
  });
});
