import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../../lessons/scenarios.ts';
import { World } from '../../world.ts';
import { ComposeRunner } from './compose.ts';
import { DockerEngine } from './docker.ts';
import { demoProject, project, service } from './fixtures.ts';

const DIR = '/home/learner/compose-demo';

function setup() {
  const world = new World({ seed: 1 });
  for (const [rel, text] of Object.entries(composeDemo.files)) world.vfs.writeFile(`${DIR}/${rel}`, text);
  const engine = new DockerEngine(world);
  return { world, engine, runner: new ComposeRunner(engine, demoProject(DIR)) };
}

const states = (r: ComposeRunner) => r.containers({ all: true }).map((c) => `${c.spec.name}:${c.state}`);

describe('compose engine, the claims in the notes', () => {
  it('up -d runs the services in the background and returns', () => {
    const { runner } = setup();
    const rep = runner.up({ detach: true });
    expect(rep.errors).toEqual([]);
    expect(states(runner)).toEqual(['compose-demo-db-1:running', 'compose-demo-web-1:running']);
  });

  it('--build rebuilds before starting: the image ID changes after the Dockerfile changes', () => {
    const { world, engine, runner } = setup();
    runner.up({ detach: true });
    const before = engine.findImage('compose-demo-web')!.id;
    world.vfs.writeFile(`${DIR}/web/Dockerfile`, 'FROM nginx:1.27-alpine\nCOPY index.html /usr/share/nginx/html/\nEXPOSE 80\n');
    runner.up({ detach: true });
    expect(engine.findImage('compose-demo-web')!.id).toBe(before);
    runner.up({ detach: true, build: true });
    const after = engine.findImage('compose-demo-web')!.id;
    expect(after).not.toBe(before);
    expect(runner.serviceContainers('web')[0]!.image.id).toBe(after);
  });

  it('stop keeps the containers, and restart or start bring them back', () => {
    const { runner } = setup();
    runner.up({ detach: true });
    runner.stop();
    expect(states(runner)).toEqual(['compose-demo-db-1:exited', 'compose-demo-web-1:exited']);
    runner.start();
    expect(states(runner)).toEqual(['compose-demo-db-1:running', 'compose-demo-web-1:running']);
    runner.stop();
    runner.restart();
    expect(states(runner)).toEqual(['compose-demo-db-1:running', 'compose-demo-web-1:running']);
  });

  it('down removes containers and the network; named volumes survive until down --volumes', () => {
    const { engine, runner } = setup();
    runner.up({ detach: true });
    const db = runner.serviceContainers('db')[0]!;
    engine.fs(db).write('/var/lib/postgresql/data/notes.txt', 'kept\n');
    runner.down();
    expect(runner.containers({ all: true })).toEqual([]);
    expect(engine.networks.has('compose-demo_default')).toBe(false);
    expect(engine.volumes.has('compose-demo_db-data')).toBe(true);
    runner.up({ detach: true });
    expect(engine.fs(runner.serviceContainers('db')[0]!).read('/var/lib/postgresql/data/notes.txt')).toBe('kept\n');
    runner.down({ volumes: true });
    expect(engine.volumes.has('compose-demo_db-data')).toBe(false);
    runner.up({ detach: true });
    expect(engine.fs(runner.serviceContainers('db')[0]!).read('/var/lib/postgresql/data/notes.txt')).toBeUndefined();
  });

  it('after down, up creates everything again', () => {
    const { engine, runner } = setup();
    runner.up({ detach: true });
    const ids = runner.containers().map((c) => c.id);
    runner.down();
    const rep = runner.up({ detach: true });
    const rows = rep.sections.flatMap((s) => (s.kind === 'progress' ? s.progress.rows.map((r) => `${r.id} ${r.status}`) : []));
    expect(rows).toEqual(['Network compose-demo_default Created', 'Container compose-demo-db-1 Started', 'Container compose-demo-web-1 Started']);
    expect(runner.containers().map((c) => c.id).some((id) => ids.includes(id))).toBe(false);
    expect(engine.networks.has('compose-demo_default')).toBe(true);
  });

  it('restart SERVICE restarts only that service, restart restarts all', () => {
    const { world, runner } = setup();
    runner.up({ detach: true });
    world.clock.advance(60_000);
    const started = () => runner.containers().map((c) => c.startedAt);
    const [db0, web0] = started();
    runner.restart(['web']);
    expect(started()[0]).toBe(db0);
    expect(started()[1]).toBeGreaterThan(web0!);
    const [, web1] = started();
    runner.restart();
    expect(started()[0]).toBeGreaterThan(db0!);
    expect(started()[1]).toBeGreaterThan(web1!);
  });
});

describe('compose engine behaviour', () => {
  it('postgres skips initialisation when its volume already holds a database', () => {
    const { world, runner } = setup();
    runner.up({ detach: true });
    world.clock.advance(5000);
    const first = runner.serviceContainers('db')[0]!.logs.map((l) => l.text);
    expect(first.at(-1)).toMatch(/database system is ready to accept connections$/);
    runner.down();
    runner.up({ detach: true });
    world.clock.advance(5000);
    const second = runner.serviceContainers('db')[0]!.logs.map((l) => l.text);
    expect(second).toContain('PostgreSQL Database directory appears to contain a database; Skipping initialization');
  });

  it('an unchanged service reports Running, a changed one is recreated', () => {
    const { runner } = setup();
    runner.up({ detach: true });
    const changed = demoProject(DIR);
    changed.services.db!.environment = { POSTGRES_PASSWORD: 'other' };
    const r2 = new ComposeRunner(runner.engine, changed);
    const rep = r2.up({ detach: true });
    const rows = rep.sections.flatMap((s) => (s.kind === 'progress' ? s.progress.rows.map((r) => `${r.id} ${r.status}`) : []));
    expect(rows).toEqual(['Container compose-demo-db-1 Started', 'Container compose-demo-web-1 Running']);
  });

  it.each([
    ['sh -c "exit 3" under on-failure:2 gives up after two restarts', ['sh', '-c', 'exit 3'], 'on-failure', 2, 'exited', 2],
    ['false under always keeps restarting', ['false'], 'always', undefined, 'restarting', undefined],
    ['exit 0 under on-failure is not restarted', ['true'], 'on-failure', undefined, 'exited', 0],
  ] as const)('%s', (_name, command, restart, max, state, restarts) => {
    const world = new World({ seed: 3 });
    const engine = new DockerEngine(world);
    const runner = new ComposeRunner(engine, project('p', '/w', [service('job', { image: 'alpine', command: [...command], restart, restartMaxRetries: max })]));
    expect(runner.up({ detach: true }).errors).toEqual([]);
    world.clock.advance(5_000);
    const c = runner.serviceContainers('job')[0]!;
    expect(c.state === 'running' ? 'restarting' : c.state).toBe(state);
    if (restarts !== undefined) expect(c.restartCount).toBe(restarts);
  });

  it('a host port held by another project fails like the daemon', () => {
    const { engine, runner } = setup();
    runner.up({ detach: true });
    const other = new ComposeRunner(engine, project('demo', '/d', [service('web', { image: 'nginx', ports: [{ target: 80, published: 8080, protocol: 'tcp' }] })]));
    const rep = other.up({ detach: true });
    expect(rep.errors[0]).toMatch(/^Error response from daemon: driver failed programming external connectivity on endpoint demo-web-1 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/);
  });

  it('service_healthy waits for the healthcheck, or fails when the dependency is unhealthy', () => {
    const hc = (test: string) => ({ test: ['CMD-SHELL', test], interval: 5000, timeout: 3000, retries: 3, startPeriod: 0, disable: false });
    const mk = (test: string) => {
      const engine = new DockerEngine(new World({ seed: 1 }));
      return new ComposeRunner(engine, project('demo', '/d', [
        service('db', { image: 'postgres:16', environment: { POSTGRES_PASSWORD: 'x' }, healthcheck: hc(test) }),
        service('app', { image: 'nginx', dependsOn: { db: { condition: 'service_healthy', restart: false, required: true } } }),
      ]));
    };
    const good = mk('pg_isready -U postgres');
    expect(good.up({ detach: true }).errors).toEqual([]);
    expect(good.serviceContainers('db')[0]!.health).toBe('healthy');
    const bad = mk('exit 1');
    expect(bad.up({ detach: true }).errors).toEqual(['dependency failed to start: container demo-db-1 is unhealthy']);
    expect(bad.serviceContainers('app')[0]!.state).toBe('created');
  });

  it.each<[number, string | undefined]>([
    [0, undefined],
    [-1000, 'Error response from daemon: Interval in Healthcheck cannot be less than 1ms'],
    [0.5, 'Error response from daemon: Interval in Healthcheck cannot be less than 1ms'],
  ])('healthcheck interval %s ms: 0 is the daemon default (30s), others must be at least 1ms', (interval, error) => {
    const engine = new DockerEngine(new World({ seed: 1 }));
    const runner = new ComposeRunner(engine, project('demo', '/d', [service('db', { image: 'postgres:16', environment: { POSTGRES_PASSWORD: 'x' }, healthcheck: { test: ['CMD-SHELL', 'pg_isready'], interval, timeout: 3000, retries: 3, startPeriod: 0, disable: false } })]));
    expect(runner.up({ detach: true }).errors[0]).toBe(error);
    if (!error) {
      engine.world.clock.advance(31_000);
      expect(runner.serviceContainers('db')[0]!.health).toBe('healthy');
    }
  });

  it('a negative stop_grace_period stops at once instead of moving the clock backwards (found by the typed fuzz)', () => {
    const engine = new DockerEngine(new World({ seed: 1 }));
    const runner = new ComposeRunner(engine, project('demo', '/d', [service('web', { image: 'nginx', stopGracePeriod: -5000 })]));
    expect(runner.up({ detach: true }).errors).toEqual([]);
    expect(() => runner.down({})).not.toThrow();
    expect(runner.serviceContainers('web')).toEqual([]);
  });

  it.each([
    ['ngnix', "Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"],
    ['nginx', undefined],
  ])('image %s', (image, error) => {
    const runner = new ComposeRunner(new DockerEngine(new World()), project('demo', '/d', [service('web', { image })]));
    expect(runner.up({ detach: true }).errors[0]).toBe(error);
  });
});
