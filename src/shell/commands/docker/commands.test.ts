import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../../lessons/scenarios.ts';
import { runLines, transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';
import { docker } from './docker.ts';

/** The demo project, already up unless `fresh`; each case runs one command and reports its output and exit code. */
function run(cmd: string, opts: { fresh?: boolean; files?: Record<string, string>; before?: string[] } = {}) {
  const sh = createSession({ seed: 1, dir: composeDemo.dir, files: { ...composeDemo.files, ...opts.files }, tty: { color: false, columns: 200 }, lang: 'en' });
  transcript(sh, [...(opts.fresh ? [] : ['docker compose up -d']), ...(opts.before ?? [])], { echo: false });
  const out = transcript(sh, [cmd, 'echo "code=$?"'], { echo: false });
  const code = Number(out.match(/code=(\d+)\n$/)![1]);
  return { out: out.replace(/code=\d+\n$/, ''), code };
}

type Case = [string, string, number, string | RegExp];

const cases = (title: string, list: Case[], opts: Parameters<typeof run>[1] = {}) =>
  describe(title, () => {
    it.each(list)('%s', (_why, cmd, code, want) => {
      const r = run(cmd, opts);
      expect(r.code).toBe(code);
      if (typeof want === 'string') expect(r.out).toBe(want);
      else expect(r.out).toMatch(want);
    });
  });

cases('docker compose up', [
  ['unknown flag: compose prints cobra\'s error alone, exit 1', 'docker compose up --foo', 1, 'unknown flag: --foo\n'],
  ['unknown shorthand', 'docker compose up -x', 1, "unknown shorthand flag: 'x' in -x\n"],
  ['no such service', 'docker compose up -d wbe', 1, 'no such service: wbe\n'],
  ['bad --scale', 'docker compose up -d --scale web=x', 1, 'invalid --scale option "web=x". Should be SERVICE=NUM\n'],
  ['already running: nothing to recreate', 'docker compose up -d', 0, ' Container compose-demo-db-1  Running\n Container compose-demo-web-1  Running\n'],
  ['--scale adds numbered containers', 'docker compose up -d --scale db=2 db', 0, /Container compose-demo-db-2  Started/],
]);

cases('docker compose ps', [
  ['--services', 'docker compose ps --services', 0, 'db\nweb\n'],
  ['-q prints full IDs', 'docker compose ps -q', 0, /^([0-9a-f]{64}\n){2}$/],
  ['--format json, one object a line', 'docker compose ps --format json web', 0, /^\{"Command":"\\"\/docker-entrypoint\.…\\"".*"Service":"web","State":"running"/],
  ['no such service', 'docker compose ps wbe', 1, 'no such service: wbe\n'],
  ['unknown flag', 'docker compose ps --foo', 1, 'unknown flag: --foo\n'],
]);

cases('stop, start, restart, down', [
  ['stop one service', 'docker compose stop web', 0, ' Container compose-demo-web-1  Stopping\n Container compose-demo-web-1  Stopped\n'],
  ['stop: no such service', 'docker compose stop wbe', 1, 'no such service: wbe\n'],
  ['start: nothing stopped, nothing to do', 'docker compose start', 0, ''],
  ['restart: no such service', 'docker compose restart wbe', 1, 'no such service: wbe\n'],
  ['restart one service', 'docker compose restart db', 0, ' Container compose-demo-db-1  Restarting\n Container compose-demo-db-1  Started\n'],
  ['down SERVICE keeps the network', 'docker compose down web', 0, ' Container compose-demo-web-1  Stopping\n Container compose-demo-web-1  Stopped\n Container compose-demo-web-1  Removing\n Container compose-demo-web-1  Removed\n'],
  ['down --rmi with a bad value', 'docker compose down --rmi none', 1, 'invalid value for --rmi: "none"\n'],
  ['down unknown flag', 'docker compose down --foo', 1, 'unknown flag: --foo\n'],
]);

cases('logs', [
  ['--tail that is not a number', 'docker compose logs --tail x', 1, 'invalid argument "x" for "-n, --tail" flag: strconv.Atoi: parsing "x": invalid syntax\n'],
  ['-n 1 per container, prefixed', 'docker compose logs -n 1 web', 0, /^web-1  \| .*start worker process 30\n$/],
  ['--no-log-prefix', 'docker compose logs -n 1 --no-log-prefix web', 0, /^\d{4}\/\d\d\/\d\d [\d:]+ \[notice\] 1#1: start worker process 30\n$/],
  ['no such service', 'docker compose logs wbe', 1, 'no such service: wbe\n'],
]);

cases('exec', [
  ['a command in a running service', 'docker compose exec web cat /etc/hostname', 0, /^[0-9a-f]{12}\n$/],
  ['too few arguments: cobra.MinimumNArgs(2)', 'docker compose exec web', 1, 'requires at least 2 arg(s), only received 1\n'],
  ['no such service', 'docker compose exec wbe ls', 1, 'no such service: wbe\n'],
  ['unknown flag', 'docker compose exec --foo web ls', 1, 'unknown flag: --foo\n'],
]);

describe('exec when the service is stopped', () => {
  it('service "web" is not running', () => {
    expect(run('docker compose exec web ls', { before: ['docker compose stop web'] })).toEqual({ out: 'service "web" is not running\n', code: 1 });
  });
});

cases('config, images, ls, top, port', [
  ['config --services', 'docker compose config --services', 0, 'db\nweb\n'],
  ['config --volumes', 'docker compose config --volumes', 0, 'db-data\n'],
  ['config -q', 'docker compose config -q', 0, ''],
  ['images', 'docker compose images', 0, /^CONTAINER +REPOSITORY +TAG +IMAGE ID +SIZE\ncompose-demo-db-1 +postgres +16 /],
  ['ls', 'docker compose ls', 0, /^NAME +STATUS +CONFIG FILES\ncompose-demo +running\(2\) +\/home\/learner\/compose-demo\/compose\.yaml\n$/],
  ['top: no such service', 'docker compose top wbe', 1, 'no such service: wbe\n'],
  ['top', 'docker compose top web', 0, /^compose-demo-web-1\nUID +PID +PPID +C +STIME +TTY +TIME +CMD\nroot .*\/docker-entrypoint\.sh nginx -g daemon off;\n\n$/],
  ['port of a published port', 'docker compose port web 80', 0, '0.0.0.0:8080\n'],
  ['port not published: the daemon\'s list in the error', 'docker compose port web 81', 1, 'no port 81/tcp for container compose-demo-web-1: 8080/tcp, 8080/tcp\n'],
  ['port with one argument', 'docker compose port web', 1, 'requires at least 2 arg(s), only received 1\n'],
  ['unknown compose command', 'docker compose frob', 1, 'unknown docker command: "compose frob"\n'],
]);

describe('ephemeral host ports', () => {
  const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "80"\n  api:\n    image: nginx\n    ports:\n      - target: 80\n' };
  it('"80" and target-only ports get host ports from 32768 up, in ps and port', () => {
    const a = run('docker compose ps', { files });
    // Started in declaration order: web first.
    expect(a.out).toMatch(/compose-demo-web-1 .*0\.0\.0\.0:32768->80\/tcp, \[::\]:32768->80\/tcp\n/);
    expect(a.out).toMatch(/compose-demo-api-1 .*0\.0\.0\.0:32769->80\/tcp, \[::\]:32769->80\/tcp\n/);
    expect(run('docker compose port api 80', { files })).toEqual({ out: '0.0.0.0:32769\n', code: 0 });
  });
});

cases('plain docker', [
  ['unknown flag: the docker CLI adds the help hint, exit 125', 'docker ps --foo', 125, "unknown flag: --foo\nSee 'docker ps --help'.\n"],
  ['volume create prints the name', 'docker volume create team-cache', 0, 'team-cache\n'],
  ['network create prints the ID', 'docker network create extra', 0, /^[0-9a-f]{64}\n$/],
  ['network create that exists', 'docker network create compose-demo_default', 1, 'Error response from daemon: network with name compose-demo_default already exists\n'],
  ['network rm of a predefined network', 'docker network rm bridge', 1, 'Error response from daemon: bridge is a pre-defined network and cannot be removed\n'],
  ['network rm in use', 'docker network rm compose-demo_default', 1, /^Error response from daemon: error while removing network: network compose-demo_default id [0-9a-f]{64} has active endpoints\n$/],
  ['volume prune -f with nothing unused', 'docker volume prune -f', 0, 'Total reclaimed space: 0B\n'],
  ['stop a missing container', 'docker stop nope', 1, 'Error response from daemon: No such container: nope\n'],
  ['logs without a container', 'docker logs', 1, "\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.\n"],
]);

describe('tab completion', () => {
  const sh = createSession({ seed: 1, dir: composeDemo.dir, files: { ...composeDemo.files, 'other.yaml': 'services:\n  cache:\n    image: redis\n' }, tty: { color: false, columns: 80 }, lang: 'en' });
  const ctx = { world: sh.world, cwd: sh.cwd, shell: sh };
  it.each([
    ['docker subcommands', [], 'v', ['volume', 'version']],
    ['compose subcommands', ['compose'], 'st', ['stop', 'start']],
    ['global flags before the subcommand', ['compose'], '--pro', ['--project-name', '--profile', '--project-directory', '--progress']],
    ['flags of the current subcommand', ['compose', 'up'], '--b', ['--build']],
    ['service names from the compose file, in file order', ['compose', 'logs'], '', ['web', 'db']],
    ['services not typed yet', ['compose', 'stop', 'web'], '', ['db']],
    ['services of the -f file', ['compose', '-f', 'other.yaml', 'up'], '', ['cache']],
    ['no services after exec SERVICE', ['compose', 'exec', 'web'], '', []],
    ['nothing for the value of --tail', ['compose', 'logs', '--tail'], '', []],
    ['volume verbs', ['volume'], 'p', ['prune']],
  ])('%s', (_why, words, current, want) => {
    expect(docker.complete!(words, current, ctx)).toEqual(want);
  });

  it('a broken compose file gives no services and no error', () => {
    const broken = createSession({ seed: 1, dir: 'x', files: { 'compose.yaml': 'services: [' }, tty: { color: false, columns: 80 }, lang: 'en' });
    expect(docker.complete!(['compose', 'up'], '', { world: broken.world, cwd: broken.cwd, shell: broken })).toEqual([]);
  });
});

describe('where compose writes', () => {
  it('progress goes to stderr, like docker compose: a redirected up -d leaves the file empty', () => {
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, dir: composeDemo.dir, files: composeDemo.files });
    let stdout = '';
    let stderr = '';
    runLines(sh, ['docker compose up -d'], { stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) } });
    expect(stdout).toBe('');
    expect(stderr).toContain('Container compose-demo-db-1  Started');
  });
});
