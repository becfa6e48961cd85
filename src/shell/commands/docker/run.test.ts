import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../../lessons/scenarios.ts';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';
import { renderTemplate, TemplateError } from './gotemplate.ts';

/** A fresh session; `before` runs silently, then `cmd`, then its exit code. */
function run(cmd: string, before: string[] = []) {
  const sh = createSession({ seed: 1, dir: composeDemo.dir, files: composeDemo.files, tty: { color: false, columns: 200 }, lang: 'en' });
  transcript(sh, before, { echo: false });
  const out = transcript(sh, [cmd, 'echo "code=$?"'], { echo: false });
  const code = Number(out.match(/code=(\d+)\n$/)![1]);
  return { out: out.replace(/code=\d+\n$/, ''), code };
}

// Checked against docker/cli 27: cli/command/container/run.go (reportError, exit 125 for daemon
// errors, the container's own code otherwise), create.go ("Unable to find image '%s' locally"
// before pulling), and docs.docker.com/reference/cli/docker/container/run/.
describe('docker run', () => {
  it('-d pulls a missing image (Unable to find image … locally, one Pull complete per layer) and prints the full container ID', () => {
    const r = run('docker run -d --name web -p 8080:80 nginx');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Unable to find image 'nginx:latest' locally\nlatest: Pulling from library\/nginx\n([0-9a-f]{12}: Pull complete\n)+Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:latest\n[0-9a-f]{64}\n$/);
  });
  it('a second use of the image does not pull again', () => {
    expect(run('docker run -d nginx', ['docker run -d nginx']).out).toMatch(/^[0-9a-f]{64}\n$/);
  });
  it('-p publishes the port as docker ps shows it, and --name names the container', () => {
    expect(run('docker ps', ['docker run -d --name web -p 8080:80 nginx']).out).toMatch(/0\.0\.0\.0:8080->80\/tcp.*web\n$/);
  });
  it('a taken --name is the daemon\'s Conflict error, exit 125', () => {
    const r = run('docker run -d --name web nginx', ['docker run -d --name web nginx']);
    expect(r.code).toBe(125);
    expect(r.out).toMatch(/^docker: Error response from daemon: Conflict\. The container name "\/web" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.\nSee 'docker run --help'\.\n$/);
  });
  it('COMMAND after the image overrides CMD; the foreground run prints its output and returns its exit code', () => {
    const r = run('docker run --rm alpine sh -c "echo hello; exit 3"', ['docker pull alpine']);
    expect(r).toEqual({ out: 'hello\n', code: 3 });
  });
  it('--rm removes the container once it exits; without it the exited container stays', () => {
    expect(run('docker ps -aq', ['docker run --rm alpine true']).out).toBe('');
    expect(run('docker ps -a --format "{{.Status}}"', ['docker run alpine true']).out).toMatch(/^Exited \(0\) /);
  });
  it('-e sets the environment and --network joins a user network', () => {
    expect(run('docker run --rm -e GREETING=hi alpine env', ['docker pull alpine']).out).toMatch(/^GREETING=hi$/m);
    expect(run('docker run --network nope alpine true').out).toBe('docker: Error response from daemon: network nope not found.\nSee \'docker run --help\'.\n');
  });
  it('-v NAME:/path creates the named volume', () => {
    expect(run('docker volume ls -q', ['docker run -d -v data:/data redis']).out).toBe('data\n');
  });
  it('no IMAGE: cobra\'s "requires at least 1 argument" with the usage line', () => {
    const r = run('docker run');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^"docker run" requires at least 1 argument\.\nSee 'docker run --help'\.\n\nUsage:  docker run \[OPTIONS\] IMAGE \[COMMAND\] \[ARG\.\.\.\]\n/);
  });
  it('an unknown flag exits 125', () => {
    expect(run('docker run --nope alpine')).toEqual({ out: "unknown flag: --nope\nSee 'docker run --help'.\n", code: 125 });
  });
});

// docs.docker.com/reference/cli/docker/container/exec/: -e and -w apply to the exec'd process only.
describe('docker exec', () => {
  it('runs in the running container with -e added to its environment', () => {
    expect(run('docker exec -e X=1 web env', ['docker run -d --name web nginx']).out).toMatch(/^X=1$/m);
  });
  it('-w sets the working directory', () => {
    expect(run('docker exec -w /etc web pwd', ['docker run -d --name web nginx']).out).toBe('/etc\n');
  });
  it('a missing container is "No such container"', () => {
    expect(run('docker exec nope ls')).toEqual({ out: 'Error response from daemon: No such container: nope\n', code: 1 });
  });
  it('a stopped container is "is not running"', () => {
    expect(run('docker exec c1 ls', ['docker run --name c1 alpine true']).out).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
  });
});

// cli/command/image/pull.go: "Using default tag: latest", then the canonical reference on the last line.
describe('docker pull / rmi', () => {
  it('pull without a tag says "Using default tag: latest" and ends with the full reference', () => {
    expect(run('docker pull redis').out).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/redis\n[\s\S]*Status: Downloaded newer image for redis:latest\ndocker\.io\/library\/redis:latest\n$/);
  });
  it('pulling an image already present: "Image is up to date"', () => {
    expect(run('docker pull redis:7', ['docker pull redis:7']).out).toMatch(/Status: Image is up to date for redis:7\ndocker\.io\/library\/redis:7\n$/);
  });
  it('rmi prints Untagged and Deleted lines', () => {
    expect(run('docker rmi redis:7', ['docker pull redis:7']).out).toMatch(/^Untagged: redis:7\nUntagged: redis@sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
  });
  it('rmi of an image a container uses is the daemon\'s conflict', () => {
    expect(run('docker rmi alpine', ['docker run alpine true']).out).toMatch(/^Error response from daemon: conflict: unable to remove repository reference "alpine" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/);
  });
});

// cli/command/formatter/container.go: the ContainerContext fields and their table headers; Go's text/template errors.
describe('docker ps --format / inspect -f', () => {
  const up = ['docker run -d --name web -p 8080:80 nginx'];
  it('{{.Names}} prints one name a line', () => {
    expect(run("docker ps --format '{{.Names}}'", up).out).toBe('web\n');
  });
  it('table prefix adds the real headers, tab-aligned', () => {
    expect(run("docker ps --format 'table {{.ID}}\\t{{.Names}}'", up).out).toMatch(/^CONTAINER ID   NAMES\n[0-9a-f]{12}   web\n$/);
  });
  it('{{json .}} prints the context as JSON', () => {
    expect(run("docker ps --format '{{json .}}'", up).out).toMatch(/^\{"Command":"\\"\/docker-entrypoint\.…\\"".*"Names":"web".*"State":"running"/);
  });
  it('an unknown field is Go\'s "can\'t evaluate field"', () => {
    expect(run("docker ps --format '{{.Nope}}'", up).out).toBe('template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n');
  });
  it("inspect -f '{{.State.Status}}'", () => {
    expect(run("docker inspect -f '{{.State.Status}}' web", up).out).toBe('running\n');
  });
  it('inspect -f with index and range over the networks', () => {
    expect(run(`docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}} {{index .Config.Labels "x"}}' web`, up).out).toMatch(/^172\.17\.0\.2 <no value>\n$/);
  });
  it('an unclosed action is a template parsing error', () => {
    expect(run("docker inspect -f '{{.State' web", up)).toEqual({ out: 'template parsing error: template: :1: unclosed action\n', code: 1 });
  });
  it('an unknown function is "function not defined"', () => {
    expect(() => renderTemplate('{{nope .}}', {})).toThrow(new TemplateError('template: :1: function "nope" not defined'));
  });
});

describe('docker info and commands not simulated', () => {
  it('info counts containers and images', () => {
    expect(run('docker info', ['docker run -d nginx']).out).toMatch(/Containers: 1\n  Running: 1\n  Paused: 0\n  Stopped: 0\n Images: 1\n Server Version: 27\.4\.1\n/);
  });
  it('a real docker command the simulator lacks says "not simulated here", never "not a docker command"', () => {
    expect(run('docker kill web').out).toBe("docker kill: not simulated here (a real Docker Engine's docker CLI has it)\n");
  });
  it('a made-up command is still "not a docker command"', () => {
    expect(run('docker frobnicate').out).toBe("docker: 'frobnicate' is not a docker command.\nSee 'docker --help'\n");
  });
});

// docker/compose cmd/compose/compose.go registers run, kill, rm, pause, version, cp, events…: real commands, so not "unknown".
describe('docker compose commands not simulated', () => {
  it('compose watch says "not simulated here", not "unknown docker command"', () => {
    expect(run('docker compose watch')).toEqual({ out: 'docker compose watch: not simulated here (real Docker Compose v2 has it)\n', code: 1 });
  });
  it('a made-up compose command is still unknown', () => {
    expect(run('docker compose frob').out).toBe('unknown docker command: "compose frob"\n');
  });
});
