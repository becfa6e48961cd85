import { describe, expect, it } from 'vitest';
import { DockerEngine } from '../compose/engine/docker.ts';
import { nodeFixture } from '../k8s/node/testing/node-fixture.ts';
import { World } from '../world.ts';

/**
 * One container world: for every modelled image, a Compose/Docker container
 * and a pod's container started from the same reference show the same image
 * config, env, entrypoint/cmd, binaries, hostname behaviour, welcome page and
 * start-up logs (timestamps, hostnames and IPs aside).
 */
const IMAGES: [string, Record<string, string>, number?][] = [
  ['nginx:1.14.2', {}, 80],
  ['nginx:1.27-alpine', {}, 80],
  ['httpd:2.4', {}, 80],
  ['redis:7.2', {}],
  ['postgres:16', { POSTGRES_PASSWORD: 'example' }],
  ['mysql:8.4', { MYSQL_ROOT_PASSWORD: 'example' }],
  ['mariadb:11.4', { MARIADB_ROOT_PASSWORD: 'example' }],
  ['mongo:7.0', {}],
  ['rabbitmq:3-management', {}],
  ['memcached:1.6', {}],
  ['traefik:v3.0', {}],
  ['wordpress:6', {}, 80],
  ['adminer:4', {}, 8080],
  ['caddy:2', {}],
  ['node:20', {}],
  ['python:3.12', {}],
  ['perl:5.40', {}],
  ['busybox:1.36', {}],
  ['alpine:3.20', {}],
  ['ubuntu:24.04', {}],
  ['debian:bookworm', {}],
  ['golang:1.22', {}],
  ['rust:1.64', {}],
  ['ruby:3.2', {}],
  ['php:8.2', {}],
  ['hello-world', {}],
  ['curlimages/curl:8.11.1', {}],
];

const PROBE_BINARIES = ['sh', 'bash', 'curl', 'wget', 'ps', 'apk', 'apt-get', 'nginx', 'httpd', 'redis-cli', 'psql', 'mysql', 'mongosh', 'node', 'npm', 'python3', 'pip', 'perl', 'go', 'cargo', 'ruby', 'php'];

function docker(ref: string, env: Record<string, string>) {
  const world = new World({ seed: 3 });
  const engine = new DockerEngine(world);
  const pulled = engine.pull(ref);
  if (!pulled.ok) throw new Error(pulled.errors[0]!.message);
  const c = engine.create({ name: 'parity', image: ref, env, ports: [], mounts: [], networks: [{ name: 'bridge', aliases: [] }], labels: {}, restart: 'no', stopGracePeriod: 10_000 });
  if (!c.ok) throw new Error(c.errors[0]!.message);
  engine.start(c.value);
  world.clock.advance(30_000);
  const ct = c.value;
  return {
    config: ct.image.spec,
    argv: engine.commandLine(ct),
    exec: (argv: string[]) => engine.exec(ct, argv),
    hostname: engine.hostname(ct),
    ip: [...ct.ips.values()][0]!,
    logs: ct.logs.map((l) => l.text),
    listener: (port: number) => engine.sys(ct).net.connect('127.0.0.1', port),
  };
}

function pod(ref: string, env: Record<string, string>) {
  const f = nodeFixture({ preloaded: [ref] });
  f.run({ name: 'parity', restartPolicy: 'Never', containers: [{ name: 'c', image: ref, env: Object.entries(env).map(([name, value]) => ({ name, value })) }] });
  f.seconds(30);
  const sb = f.runtime.sandboxes()[0]!;
  const rc = f.runtime.containersIn(sb.id)[0]!;
  const p = { namespace: 'default', name: 'parity' };
  return {
    config: rc.config,
    argv: rc.argv.join(' '),
    exec: (argv: string[]) => {
      // An exited container cannot be exec'd into; compare what a fresh one would answer.
      if (rc.state !== 'running') return { stdout: '', stderr: 'exited', exitCode: -1 };
      return f.runtime.exec(p, 'c', argv);
    },
    hostname: 'parity',
    ip: sb.ip,
    logs: f.runtime.logs(rc.id),
    running: rc.state === 'running',
    listener: (port: number) => f.runtime.listener(sb.ip, port),
  };
}

const envMap = (text: string) => Object.fromEntries(text.trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

/** Log lines with what differs between two runs (times, hostnames, addresses) masked. */
function normalise(lines: string[], hostname: string, ip: string): string[] {
  return lines.map((l) =>
    l
      .split(hostname).join('<host>')
      .split(ip).join('<ip>')
      .replace(/\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00| UTC)?/g, '<time>')
      .replace(/\d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d+/g, '<time>')
      .replace(/\w{3} \w{3} \d\d \d\d:\d\d:\d\d(\.\d+)? \d{4}/g, '<time>')
      .replace(/\d{4}-\d\d-\d\d +\d?\d:\d\d:\d\d/g, '<time>')
      .replace(/"ts":[\d.]+/g, '"ts":<time>')
      .replace(/signal-handler \(\d+\)/g, 'signal-handler (<time>)'),
  );
}

describe('a Compose container and a pod container from the same reference are the same', () => {
  it.each(IMAGES)('%s', (ref, env, port) => {
    const d = docker(ref, env);
    const k = pod(ref, env);
    // The image config both engines run: one model.
    expect(k.config).toEqual(d.config);
    // Entrypoint + cmd.
    expect(k.argv).toBe(d.argv);
    // Start-up logs.
    expect(normalise(k.logs, k.hostname, k.ip)).toEqual(normalise(d.logs, d.hostname, d.ip));
    if (!k.running) return;
    // Env the image sets, and the hostname each engine gives.
    const de = envMap(d.exec(['env']).stdout);
    const ke = envMap(k.exec(['env']).stdout);
    for (const key of Object.keys(d.config.env)) expect([key, ke[key]]).toEqual([key, de[key]]);
    expect([de.HOSTNAME, ke.HOSTNAME]).toEqual([d.hostname, k.hostname]);
    expect(d.exec(['hostname']).stdout).toBe(`${d.hostname}\n`);
    expect(k.exec(['hostname']).stdout).toBe(`${k.hostname}\n`);
    if (d.config.binaries.includes('cat')) {
      expect(d.exec(['cat', '/etc/hostname']).stdout).toBe(`${d.hostname}\n`);
      expect(k.exec(['cat', '/etc/hostname']).stdout).toBe(`${k.hostname}\n`);
    }
    // Binaries on PATH.
    const found = (e: typeof d.exec) => PROBE_BINARIES.filter((b) => e([b, '--version']).exitCode !== 127);
    expect(found(k.exec)).toEqual(found(d.exec));
    // The welcome page.
    if (port !== undefined) {
      const req = { method: 'GET', path: '/', agent: 'curl/8.14.1', client: '127.0.0.1' };
      const dw = d.listener(port)?.(req);
      expect(dw).toBeDefined();
      expect(k.listener(port)?.(req)).toEqual(dw);
    }
  });
});
