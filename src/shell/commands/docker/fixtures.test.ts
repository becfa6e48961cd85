import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

const FIXTURES = join(import.meta.dirname, '../../../sim/compose/fixtures');

function read(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, r)).isDirectory()) Object.assign(out, read(dir, r));
    else out[r] = readFileSync(join(dir, r), 'utf8');
  }
  return out;
}

/** `NAME  ...  STATUS` rows of `ps -a`, as "name state" with the state the first word of STATUS. */
function states(out: string): string[] {
  // Load notes and warnings (stderr) come before the table.
  const ps = (out.split('$ docker compose ps -a\n')[1] ?? '').trimEnd().split('\n');
  const [header = '', ...rows] = ps.slice(ps.findIndex((l) => l.startsWith('NAME ')));
  const at = header.indexOf('STATUS');
  return rows.map((r) => `${r.split(/\s+/)[0]} ${r.slice(at).split(/\s+/)[0]}`);
}

const session = (name: string) => createSession({ seed: 1, dir: name, files: read(join(FIXTURES, name)), tty: { color: false, columns: 200 }, lang: 'en' });
const bringUp = ['docker compose up -d', 'echo "up=$?"', 'sleep 1m', 'docker compose ps -a'];

describe('every fixture comes up', () => {
  it.each([
    ['anchors-extensions', [], ['anchors-extensions-db-1 Up', 'anchors-extensions-web-1 Up', 'anchors-extensions-worker-1 Up']],
    ['build-context', [], ['build-context-web-1 Up', 'build-context-worker-1 Up']],
    ['dotenv-interpolation', [], ['ghost-blog-db-1 Up', 'ghost-blog-ghost-1 Up']],
    // migrate is a one-shot job: it must have exited 0 for api to start.
    ['healthcheck-gated', [], ['healthcheck-gated-api-1 Up', 'healthcheck-gated-migrate-1 Exited', 'healthcheck-gated-postgres-1 Up']],
    ['legacy-version', [], ['legacy-version-redis-1 Up', 'legacy-version-web-1 Up']],
    ['multi-network', [], ['multi-network-app-1 Up', 'multi-network-db-1 Up', 'multi-network-traefik-1 Up']],
    // api runs `node server.js` from node:20-alpine with nothing mounted at /usr/src/app: node exits 1
    // (Cannot find module), as on a real host, and on-failure:3 gives up after three restarts.
    ['proxy-node-redis', [], ['proxy-node-redis-api-1 Exited', 'proxy-node-redis-cache-1 Up', 'proxy-node-redis-proxy-1 Up']],
    ['replicas', [], ['replicas-lb-1 Up', 'replicas-queue-worker-1 Up', 'replicas-queue-worker-2 Up', 'replicas-whoami-1 Up', 'replicas-whoami-2 Up', 'replicas-whoami-3 Up']],
    ['secrets-configs', [], ['secrets-configs-api-1 Up']],
    // The external volume must exist first, as on a real host.
    ['volumes-bind-named', ['docker volume create team-cache'], ['volumes-bind-named-backup-1 Up', 'volumes-bind-named-site-1 Up']],
    ['wordpress-mysql', [], ['wordpress-mysql-db-1 Up', 'wordpress-mysql-wordpress-1 Up']],
  ])('%s', (name, before, want) => {
    const out = transcript(session(name), [...before, ...bringUp]);
    expect(out).toContain('up=0');
    expect(states(out)).toEqual(want);
  });

  it('every fixture directory is in the table above', () => {
    expect(readdirSync(FIXTURES).length).toBe(11);
  });

  it('volumes-bind-named fails without the external volume, like Docker', () => {
    const out = transcript(session('volumes-bind-named'), bringUp);
    expect(out).toContain('external volume "team-cache" not found');
    expect(out).toContain('up=1');
  });
});
