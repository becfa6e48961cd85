import { describe, expect, it } from 'vitest';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

/**
 * Issue 12's Compose defects, each checked against real Docker Compose v2 (source cited per test).
 * Output without colour, as a plain (non-TTY) terminal gets it.
 */
function session(files: Record<string, string>) {
  return createSession({ seed: 1, dir: 'p', files, tty: { color: false, columns: 200 }, lang: 'en' });
}
function run(sh: ReturnType<typeof session>, cmd: string) {
  const out = transcript(sh, [cmd, 'echo "code=$?"'], { echo: false });
  return { out: out.replace(/code=\d+\n$/, ''), code: Number(/code=(\d+)\n$/.exec(out)![1]) };
}

const FAILING_DEP = `services:
  migrate:
    image: busybox
    command: ["sh", "-c", "exit 1"]
  app:
    image: nginx
    depends_on:
      migrate:
        condition: service_completed_successfully
  web:
    image: nginx
    depends_on: [app]
  cache:
    image: redis
`;

const PROFILES = `services:
  web:
    image: nginx
  debug:
    image: busybox
    command: ["sleep", "3600"]
    profiles: [debug]
`;

describe('docker compose (issue 12)', () => {
  // docker/compose pkg/compose/dependencies.go InDependencyOrder visits every service whose dependencies
  // are met at once (an errgroup), and pkg/compose/convergence.go waitDependencies fails only the service
  // waiting on the failed one: `cache` depends on nothing and starts; `app` waits for `migrate`, which
  // exits 1, so `app` and its dependent `web` stay Created, and up exits 1 with
  // `service "migrate" didn't complete successfully: exit 1`.
  it('when one dependency fails, services that do not depend on it still start', () => {
    const sh = session({ 'compose.yaml': FAILING_DEP });
    const up = run(sh, 'docker compose up -d');
    expect(up.code).toBe(1);
    expect(up.out).toMatch(/Container p-cache-1 {2}Started\n/);
    expect(up.out).toMatch(/Container p-migrate-1 {2}Waiting\n Container p-migrate-1 {2}service "migrate" didn't complete successfully: exit 1\nservice "migrate" didn't complete successfully: exit 1\n$/);
    const ps = run(sh, 'docker compose ps -a').out;
    expect(ps).toMatch(/p-app-1 .* Created\n/);
    expect(ps).toMatch(/p-cache-1 .* Up Less than a second/);
    expect(ps).toMatch(/p-migrate-1 .* Exited \(1\)/);
    expect(ps).toMatch(/p-web-1 .* Created\n/);
  });

  // docs/reference/compose_ps.md: `--orphans` "Include orphaned services (not declared by project)",
  // default true, so containers of a profile's service show in `ps` without `--profile`.
  it('ps shows a service started with --profile, and hides it with --orphans=false', () => {
    const sh = session({ 'compose.yaml': PROFILES });
    transcript(sh, ['docker compose up -d', 'docker compose --profile debug up -d debug'], {});
    expect(run(sh, 'docker compose ps --services').out).toBe('debug\nweb\n');
    expect(run(sh, 'docker compose ps').out).toMatch(/^NAME .*\np-debug-1 .*\np-web-1 .*\n$/);
    expect(run(sh, 'docker compose --profile debug ps --services').out).toBe('debug\nweb\n');
    expect(run(sh, 'docker compose ps --orphans=false --services').out).toBe('web\n');
  });

  // docker/compose pkg/compose/down.go removeNetwork: a network that still has containers gets the
  // warning event "Resource is still in use" and down goes on and exits 0. A profile's service is not an
  // orphan (pkg/compose/containers.go isOrphaned counts DisabledServiceNames), so no orphan warning either.
  it('down while a profile container runs warns that the network is still in use and exits 0', () => {
    const sh = session({ 'compose.yaml': PROFILES });
    transcript(sh, ['docker compose up -d', 'docker compose --profile debug up -d debug'], {});
    const down = run(sh, 'docker compose down');
    expect(down.code).toBe(0);
    expect(down.out).not.toMatch(/orphan/);
    expect(down.out).toMatch(/ Container p-web-1 {2}Removed\n Network p_default {2}Removing\n Network p_default {2}Resource is still in use\n$/);
    expect(run(sh, 'docker compose ps --services').out).toBe('debug\n');
    // With the profile, the rest goes and the network with it.
    const all = run(sh, 'docker compose --profile debug down');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/ Network p_default {2}Removed\n$/);
  });

  // cmd/compose AdaptCmd maps a project-loading error to its failure category's exit code
  // (pkg/compose/metrics.go FileNotFoundFailure = 14; compose-go's "no configuration file provided" wraps
  // errdefs.ErrNotFound). A real CI log: milvus-io/milvus#29889, "Process completed with exit code 14".
  it.each(['docker compose up -d', 'docker compose ps', 'docker compose config', 'docker compose down'])('%s without a compose file exits 14', (cmd) => {
    const sh = session({ 'README.md': 'no compose file here\n' });
    expect(run(sh, cmd)).toEqual({ out: 'no configuration file provided: not found\n', code: 14 });
  });

  it('-f with a missing file exits 14 too (an fs.PathError)', () => {
    const sh = session({ 'compose.yaml': PROFILES });
    expect(run(sh, 'docker compose -f nope.yaml config')).toEqual({ out: 'open /home/learner/p/nope.yaml: no such file or directory\n', code: 14 });
  });

  // `docker compose config` prints the model compose-go loaded: every attribute the file has, long
  // forms, service attributes sorted; compose-go sets no healthcheck defaults (the engine applies
  // interval/timeout 30s and retries 3 when it runs the container), so none is printed that the file
  // lacks. Top-level secrets get compose-go's <project>_<key> name (loader setNameFromKey) and an
  // absolute file path.
  it('config keeps secrets, expose and stop_signal and adds no healthcheck timeout the file never had', () => {
    const sh = session({
      'compose.yaml': `services:
  app:
    image: busybox
    command: ["sleep", "3600"]
    secrets: [token]
    expose: [3000]
    stop_signal: SIGINT
    healthcheck:
      test: ["CMD", "true"]
      interval: 5s
secrets:
  token:
    file: ./token.txt
`,
      'token.txt': 's3cret\n',
    });
    const r = run(sh, 'docker compose config 2>/dev/null');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`name: p
services:
  app:
    command:
      - sleep
      - "3600"
    expose:
      - "3000"
    healthcheck:
      test:
        - CMD
        - "true"
      interval: 5s
    image: busybox
    networks:
      default: null
    secrets:
      - source: token
    stop_signal: SIGINT
networks:
  default:
    name: p_default
secrets:
  token:
    name: p_token
    file: /home/learner/p/token.txt
`);
  });
});
