import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../testing/golden.ts';
import { Vfs } from '../../vfs.ts';
import type { ComposeProject } from '../types.ts';
import { formatWarning, loadProject, renderConfig } from './index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const HOME = '/home/learner';

function copyInto(vfs: Vfs, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyInto(vfs, src, `${to}/${name}`);
    else vfs.writeFile(`${to}/${name}`, readFileSync(src, 'utf8'));
  }
}

function fixture(name: string, env: Record<string, string> = {}): { project: ComposeProject; warnings: string[] } {
  const vfs = new Vfs();
  copyInto(vfs, join(FIXTURES, name), `${HOME}/${name}`);
  const r = loadProject(vfs, { cwd: `${HOME}/${name}`, env });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return { project: r.value, warnings: (r.warnings ?? []).map(formatWarning) };
}

describe('fixtures', () => {
  it('wordpress + mysql: named volumes get the project prefix, the list form of depends_on waits for start', () => {
    const { project: p, warnings } = fixture('wordpress-mysql');
    expect(warnings).toEqual([]);
    expect(p.name).toBe('wordpress-mysql');
    expect(Object.keys(p.services)).toEqual(['db', 'wordpress']);
    expect(p.services.wordpress!.dependsOn).toEqual({ db: { condition: 'service_started', restart: false, required: true } });
    expect(p.services.wordpress!.ports).toEqual([{ target: 80, published: 8000, protocol: 'tcp' }]);
    expect(p.services.db!.volumes).toEqual([{ type: 'volume', source: 'db_data', target: '/var/lib/mysql', readOnly: false }]);
    expect(p.volumes.db_data!.name).toBe('wordpress-mysql_db_data');
    expect(p.networks.default!.name).toBe('wordpress-mysql_default');
    expect(p.services.db!.restart).toBe('always');
  });

  it('proxy + node + redis: binds become absolute, commands are split, on-failure keeps its count', () => {
    const { project: p, warnings } = fixture('proxy-node-redis');
    expect(warnings).toEqual(["note: 'expose' is not simulated"]);
    expect(p.services.proxy!.volumes[0]).toEqual({ type: 'bind', source: `${HOME}/proxy-node-redis/nginx/default.conf`, target: '/etc/nginx/conf.d/default.conf', readOnly: true });
    expect(p.services.api!.command).toEqual(['node', 'server.js']);
    expect(p.services.api!.environment).toEqual({ NODE_ENV: 'production', REDIS_URL: 'redis://cache:6379', PORT: '3000' });
    expect([p.services.api!.restart, p.services.api!.restartMaxRetries]).toEqual(['on-failure', 3]);
    expect(p.services.cache!.command).toEqual(['redis-server', '--appendonly', 'yes']);
    expect(p.services.proxy!.restart).toBe('unless-stopped');
  });

  it('build context: contexts are absolute, args and target are kept, a string build uses the Dockerfile', () => {
    const { project: p } = fixture('build-context');
    expect(p.services.web!.build).toEqual({
      context: `${HOME}/build-context/app`,
      dockerfile: 'Dockerfile.prod',
      args: { PYTHON_VERSION: '3.12', APP_ENV: 'production' },
      target: 'runtime',
    });
    expect(p.services.worker!.build).toEqual({ context: `${HOME}/build-context/app`, dockerfile: 'Dockerfile', args: {} });
    expect(p.services.worker!.image).toBeUndefined();
    expect(p.services.web!.ports).toEqual([{ target: 5000, published: 5000, protocol: 'tcp' }]);
  });

  it('healthcheck-gated: durations in ms, test strings run in a shell, conditions kept', () => {
    const { project: p } = fixture('healthcheck-gated');
    expect(p.services.postgres!.healthcheck).toEqual({ test: ['CMD-SHELL', 'pg_isready -U app -d orders'], interval: 5000, timeout: 3000, retries: 10, startPeriod: 90_000, disable: false, given: ['test', 'interval', 'timeout', 'retries', 'start_period'] });
    expect(p.services.api!.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -fsS http://localhost:8080/healthz || exit 1'], interval: 30_000, timeout: 30_000, retries: 3, startPeriod: 0, disable: false, given: ['test', 'interval'] });
    expect(p.services.api!.dependsOn).toEqual({
      postgres: { condition: 'service_healthy', restart: true, required: true },
      migrate: { condition: 'service_completed_successfully', restart: false, required: true },
    });
    expect(p.services.api!.stopGracePeriod).toBe(30_000);
    expect(p.services.api!.ports).toEqual([{ target: 8080, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }]);
  });

  it('anchors and merge keys: shared defaults are merged, local keys win', () => {
    const { project: p, warnings } = fixture('anchors-extensions');
    expect(warnings).toEqual(["note: 'logging' is not simulated"]);
    expect(p.services.web!.image).toBe('registry.example.com/shop/app:2.3.1');
    expect(p.services.worker!.restart).toBe('unless-stopped');
    expect(p.services.worker!.environment).toEqual({ DATABASE_URL: 'postgres://shop@db/shop', LOG_LEVEL: 'debug', QUEUE: 'default' });
    expect(p.services.web!.environment).toEqual({ DATABASE_URL: 'postgres://shop@db/shop', LOG_LEVEL: 'info' });
    expect(p.services.worker!.command).toEqual(['celery', '-A', 'shop', 'worker', '--loglevel=info']);
  });

  it('.env interpolation: defaults, .env values, $$ escapes, env_file, and the shell winning over .env', () => {
    const { project: p, warnings } = fixture('dotenv-interpolation');
    expect(warnings).toEqual([]);
    expect(p.name).toBe('ghost-blog');
    const ghost = p.services.ghost!;
    expect(ghost.image).toBe('ghost:5.82-alpine');
    expect(ghost.ports).toEqual([{ target: 2368, published: 8080, protocol: 'tcp' }]);
    expect(ghost.environment).toMatchObject({ url: 'http://localhost:8080', database__connection__password: 's3cret pass', mail__from: 'noreply@${DOMAIN}', NODE_ENV: 'production', mail__transport: 'SMTP' });
    expect(p.services.db!.image).toBe('mysql:8.0');
    expect(p.services.db!.replicas).toBe(1);
    const shell = fixture('dotenv-interpolation', { GHOST_PORT: '9000', DB_REPLICAS: '2', PROJECT: 'blog2' }).project;
    expect([shell.name, shell.services.ghost!.ports[0]!.published, shell.services.db!.replicas]).toEqual(['blog2', 9000, 2]);
  });

  it('named + bind volumes: long and short forms, anonymous volumes, external volumes keep their name', () => {
    const { project: p } = fixture('volumes-bind-named');
    expect(p.services.site!.volumes).toEqual([
      { type: 'bind', source: `${HOME}/volumes-bind-named/public`, target: '/usr/share/nginx/html', readOnly: true },
      { type: 'bind', source: `${HOME}/volumes-bind-named/nginx.conf`, target: '/etc/nginx/nginx.conf', readOnly: true },
      { type: 'volume', source: 'logs', target: '/var/log/nginx', readOnly: false },
      { type: 'volume', target: '/var/cache/nginx', readOnly: false },
    ]);
    expect(p.services.backup!.volumes[1]).toEqual({ type: 'bind', source: `${HOME}/backups`, target: '/backup', readOnly: false });
    expect(p.volumes).toEqual({
      logs: { name: 'volumes-bind-named_logs', driver: 'local', external: false, labels: {} },
      'shared-cache': { name: 'team-cache', driver: 'local', external: true, labels: {} },
    });
    expect(p.services.backup!.command).toEqual(['sh', '-c', 'tar czf /backup/logs.tgz -C /logs . && sleep 3600']);
  });

  it('multiple networks: aliases, services without networks join none of the others', () => {
    const { project: p, warnings } = fixture('multi-network');
    expect(warnings).toEqual([]);
    expect(p.services.app!.networks).toEqual({ frontend: { aliases: ['notes'] }, backend: { aliases: [] } });
    expect(p.services.db!.networks).toEqual({ backend: { aliases: ['database', 'mariadb'] } });
    expect(p.services.traefik!.networks).toEqual({ frontend: { aliases: [] } });
    expect(p.networks.legacy).toEqual({ name: 'legacy', driver: 'bridge', external: true, labels: {} });
    expect(p.networks.frontend!.name).toBe('multi-network_frontend');
    expect(p.services.app!.labels['traefik.http.routers.notes.rule']).toBe('Host(`notes.localhost`)');
  });

  it('secrets and configs are mounted where the service asks for them', () => {
    const { project: p, warnings } = fixture('secrets-configs');
    expect(p.services.api!.secrets).toEqual([{ source: 'stripe_key', target: '/run/secrets/stripe_key' }, { source: 'db_password', target: '/run/secrets/db', givenTarget: '/run/secrets/db' }]);
    expect(p.services.api!.configs).toEqual([{ source: 'api_config', target: '/etc/payments/config.yaml', givenTarget: '/etc/payments/config.yaml' }]);
    expect(p.secrets!.db_password).toEqual({ external: false, environment: 'DB_PASSWORD' });
    expect(warnings).toEqual([
      "note: 'deploy.resources' are not simulated",
      "note: 'logging' is not simulated",
    ]);
    expect(p.services.api!.environment).toEqual({ STRIPE_KEY_FILE: '/run/secrets/stripe_key' });
    expect(p.services.api!.replicas).toBe(1);
  });

  it('deploy.replicas and scale become replicas', () => {
    const { project: p } = fixture('replicas');
    expect(Object.fromEntries(Object.entries(p.services).map(([k, s]) => [k, s.replicas]))).toEqual({ lb: 1, whoami: 3, 'queue-worker': 2 });
  });

  it('an old file with version: "3.8" loads with the obsolete warning', () => {
    const { project: p, warnings } = fixture('legacy-version');
    expect(p.composeFiles).toEqual([`${HOME}/legacy-version/docker-compose.yml`]);
    expect(warnings).toEqual([
      `WARN[0000] ${HOME}/legacy-version/docker-compose.yml: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
      "note: 'links' are not simulated",
    ]);
    expect(p.services.web!.volumes).toEqual([{ type: 'bind', source: `${HOME}/legacy-version`, target: '/code', readOnly: false }]);
    expect(p.services.web!.build?.context).toBe(`${HOME}/legacy-version`);
  });

  it.each(['wordpress-mysql', 'healthcheck-gated', 'multi-network'])('renders %s like docker compose config', (name) => {
    expectGolden(join(import.meta.dirname, 'testdata', `${name}.golden`), renderConfig(fixture(name).project));
  });
});

describe('robustness', () => {
  const texts = readdirSync(FIXTURES).map((n) => {
    const dir = join(FIXTURES, n);
    const file = readdirSync(dir).find((f) => /compose\.ya?ml$/.test(f))!;
    return readFileSync(join(dir, file), 'utf8');
  });

  it('never throws on mutated fixture text: every load returns a Result', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(':', '- ', '\t', '  ', '"', '${', '$', '*a', '&a ', '<<: *x\n', '[', '{', '\n', '#', 'x: y\n', '!!int ', '---\n', '%') }),
      fc.record({ kind: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, muts) => {
        let t = texts[i]!;
        for (const m of muts) {
          const at = m.at % (t.length + 1);
          if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
          else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
          else t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
        }
        const vfs = new Vfs();
        vfs.writeFile('/p/compose.yaml', t);
        const r = loadProject(vfs, { cwd: '/p' });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        else renderConfig(r.value);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });
});
