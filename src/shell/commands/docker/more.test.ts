import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../../lessons/scenarios.ts';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

/**
 * docker compose version | pause | unpause | kill | rm, checked against
 * docker/compose v2: cmd/compose/version.go (--short trims the "v",
 * --format json), pkg/compose/pause.go ("Pausing"/"Paused", "Unpausing"/"Unpaused"),
 * kill.go ("Killing"/"Killed", default SIGKILL, "no container to kill"),
 * remove.go ("No stopped containers", "Going to remove …" asked with a y/N
 * prompt unless --force, "Removing"/"Removed"); docker ps shows a paused
 * container as "Up … (Paused)" and a SIGKILLed one as "Exited (137)".
 */
const demo = () => {
  const sh = createSession({ seed: 1, dir: composeDemo.dir, files: composeDemo.files, tty: { color: false, columns: 200 }, lang: 'en' });
  transcript(sh, ['docker compose up -d'], { echo: false });
  return sh;
};
const run = (sh: ReturnType<typeof demo>, lines: string[]) => transcript(sh, lines, { echo: true });

describe('docker compose version', () => {
  it.each([
    ['docker compose version', 'Docker Compose version v2.32.1\n'],
    ['docker compose version --short', '2.32.1\n'],
    ['docker compose version --format json', '{"version":"v2.32.1"}\n'],
    ['docker-compose version', 'Docker Compose version v2.32.1\n'],
  ])('%s', (line, want) => {
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false } });
    // (docker-compose adds the simulator's one-line note that v1 is superseded.)
    expect(transcript(sh, [line], { echo: false }).replace(/^note: .*\n/, '')).toBe(want);
  });
});

describe('docker compose pause / unpause / kill / rm', () => {
  it('pause shows Paused rows and ps says (Paused); unpause undoes it', () => {
    const sh = demo();
    expect(run(sh, ['docker compose pause web'])).toBe('$ docker compose pause web\n Container compose-demo-web-1  Paused\n');
    expect(run(sh, ['docker ps --format "{{.Names}} {{.Status}}"'])).toMatch(/compose-demo-web-1 Up .* \(Paused\)/);
    expect(run(sh, ['docker exec compose-demo-web-1 ls'])).toContain('is paused, unpause the container before exec');
    expect(run(sh, ['docker compose unpause web'])).toContain(' Container compose-demo-web-1  Unpaused\n');
    expect(run(sh, ['docker ps --format "{{.Names}} {{.Status}}"'])).not.toContain('(Paused)');
    // pause.go unpauses every listed container; the daemon refuses one that is not paused.
    expect(run(sh, ['docker compose unpause db'])).toMatch(/Error response from daemon: Container [0-9a-f]{64} is not paused\n/);
  });

  it('kill sends SIGKILL: Killed, then Exited (137); nothing left to kill says so', () => {
    const sh = demo();
    const t = run(sh, ['docker compose kill db', 'docker ps -a --format "{{.Names}} {{.Status}}"']);
    expect(t).toContain(' Container compose-demo-db-1  Killed\n');
    expect(t).toMatch(/compose-demo-db-1 Exited \(137\)/);
    expect(run(sh, ['docker compose kill db'])).toBe('$ docker compose kill db\nno container to kill');
  });

  it('kill -s with a signal the daemon does not know', () => {
    expect(run(demo(), ['docker compose kill -s SIGFOO'])).toContain('Error response from daemon: Invalid signal: SIGFOO\n');
  });

  it('rm with nothing stopped: No stopped containers', () => {
    expect(run(demo(), ['docker compose rm'])).toBe('$ docker compose rm\nNo stopped containers\n');
  });

  it('rm asks first: n keeps the containers, y removes them', () => {
    const sh = demo();
    run(sh, ['docker compose stop']);
    const no = run(sh, ['docker compose rm', 'n', 'docker ps -a --format "{{.Names}}"']);
    expect(no).toContain('$ docker compose rm\n? Going to remove compose-demo-web-1, compose-demo-db-1 (y/N) n\n');
    expect(no).toContain('compose-demo-db-1\n');
    const yes = run(sh, ['docker compose rm', 'y', 'docker ps -a --format "{{.Names}}"']);
    expect(yes).toContain(' Container compose-demo-web-1  Removed\n Container compose-demo-db-1  Removed\n');
    expect(yes).not.toMatch(/^compose-demo/m);
  });

  it('rm -f prints the line and removes without asking; -s stops first', () => {
    const sh = demo();
    const t = run(sh, ['docker compose rm -s -f db']);
    expect(t).toContain(' Container compose-demo-db-1  Stopped\n');
    expect(t).toContain('Going to remove compose-demo-db-1\n Container compose-demo-db-1  Removed\n');
  });
});

describe('docker compose run', () => {
  const fresh = () => createSession({ seed: 1, dir: composeDemo.dir, files: composeDemo.files, tty: { color: false, columns: 200 }, lang: 'en' });

  it('starts the dependencies, then a one-off <project>-<service>-run-<id> container; --rm removes it', () => {
    const sh = fresh();
    const t = run(sh, ['docker compose run --rm -e GREETING=hi db sh -c \'echo $GREETING from $(hostname)\'', 'docker ps -a --format "{{.Names}}"']);
    expect(t).toMatch(/\nhi from [0-9a-f]{12}\n/);
    expect(t).not.toMatch(/compose-demo-db-run-/);
  });

  it('web depends on db: db is started first; without --rm the one-off stays, not publishing the service ports', () => {
    const sh = fresh();
    const t = run(sh, ['docker compose run web echo once', 'docker ps -a --format "{{.Names}} {{.Ports}}"']);
    expect(t).toContain('Container compose-demo-db-1  Started');
    expect(t).toContain('\nonce\n');
    expect(t).toMatch(/\ncompose-demo-web-run-[0-9a-f]{12} \n/);
  });

  it('--no-deps leaves the dependencies alone; a shell command attaches the terminal', () => {
    const sh = fresh();
    const t = run(sh, ['docker compose run --rm --no-deps web sh', 'echo inside', 'exit', 'docker ps -a --format "{{.Names}}"']);
    expect(t).not.toContain('compose-demo-db-1');
    expect(t).toContain('/ # echo inside\ninside\n/ # exit\n');
  });

  it('-d prints the container name; a missing service is refused', () => {
    const sh = fresh();
    expect(run(sh, ['docker compose run -d --no-deps db'])).toMatch(/\ncompose-demo-db-run-[0-9a-f]{12}\n$/);
    expect(run(sh, ['docker compose run nope'])).toContain('no such service: nope');
    expect(run(sh, ['docker compose run'])).toContain('requires at least 1 arg(s), only received 0');
  });
});

describe('docker compose cp / events', () => {
  // pkg/compose/cp.go: "copying between services is not supported", "no container found for service %q", a Copied row per container.
  it('copies a file out of the service container and another one in', () => {
    const sh = demo();
    const out = run(sh, ['docker compose cp web:/etc/nginx/conf.d/default.conf ./nginx.conf', 'head -3 nginx.conf']);
    expect(out).toContain('compose-demo-web-1 copy compose-demo-web-1:/etc/nginx/conf.d/default.conf to ./nginx.conf  Copied\n');
    expect(out).toMatch(/\$ head -3 nginx\.conf\n\S/);
    const into = run(sh, ['echo hello > note.txt', 'docker compose cp note.txt web:/tmp/', 'docker compose exec web cat /tmp/note.txt']);
    expect(into).toContain('compose-demo-web-1 copy note.txt to compose-demo-web-1:/tmp/  Copied\n');
    expect(into.trimEnd().endsWith('hello')).toBe(true);
  });

  it.each([
    ['docker compose cp web:/a db:/b', 'copying between services is not supported\n'],
    ['docker compose cp a b', 'unknown copy direction\n'],
    ['docker compose cp web:/nope .', 'Error response from daemon: Could not find the file /nope in container compose-demo-web-1\n'],
  ])('%s', (line, want) => {
    expect(run(demo(), [line])).toContain(want);
  });

  it('events streams the project\'s container events until Ctrl-C (text and --json)', () => {
    const sh = demo();
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
    sh.run('docker compose events', io);
    // A second terminal would run this; here the engine is driven directly.
    const web = [...(sh.world.peek<{ containers: Map<string, { spec: { name: string } }> }>('docker')!.containers.values())].find((c) => c.spec.name === 'compose-demo-web-1')!;
    const engine = sh.world.peek<{ pause(c: unknown): void; unpause(c: unknown): void }>('docker')!;
    engine.pause(web);
    expect(out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} container pause [0-9a-f]{64} \(image=compose-demo-web:latest, name=compose-demo-web-1\)\n\n$/);
    sh.interrupt();
    out = '';
    sh.run('docker compose events --json web', io);
    engine.unpause(web);
    expect(JSON.parse(out)).toMatchObject({ action: 'unpause', attributes: { name: 'compose-demo-web-1' }, service: 'web', type: 'container' });
    expect(Object.keys(JSON.parse(out))).toEqual(['action', 'attributes', 'id', 'service', 'time', 'type']);
    sh.interrupt();
  });
});
