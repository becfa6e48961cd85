import type { Container, DockerEngine, Image, Mount } from '../../../sim/compose/engine/docker.ts';
import { hexDigest } from '../../../sim/compose/engine/hash.ts';
import type { PortMapping } from '../../../sim/compose/types.ts';
import { parseReference } from '../../../sim/containers/reference.ts';
import { processArgv } from '../../../sim/containers/programs.ts';
import { execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession } from '../../../sim/containers/index.ts';
import { AttachedShell } from '../../attach.ts';
import { JobHandle } from '../../job.ts';
import type { CommandContext, CommandResult } from '../../types.ts';
import { has, last, parseFlags } from './flags.ts';

/**
 * `docker run`, `exec`, `pull`, `rmi` and `info` over the one simulated
 * daemon that Compose also uses. Wording follows docker/cli 27
 * (cli/command/container/run.go, create.go, image/pull.go, image/remove.go).
 */
type Sub = (ctx: CommandContext, args: string[], engine: DockerEngine) => CommandResult;

const runUsage = `"docker run" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image`;

const RUN_FLAGS = {
  bool: [['-d', '--detach'], ['--rm'], ['-i', '--interactive'], ['-t', '--tty'], ['--init'], ['--privileged'], ['-P', '--publish-all'], ['--read-only']],
  value: [['-p', '--publish'], ['-e', '--env'], ['-v', '--volume'], ['--name'], ['--net', '--network'], ['-w', '--workdir'], ['--entrypoint'], ['-h', '--hostname'], ['--restart'], ['-l', '--label'], ['-u', '--user'], ['--platform'], ['--pull'], ['--network-alias'], ['-m', '--memory'], ['--cpus']],
};

// docker's namesgenerator (pkg/namesgenerator): adjective_surname, a few of each.
const LEFT = ['admiring', 'bold', 'brave', 'eager', 'focused', 'gifted', 'happy', 'jolly', 'keen', 'nifty', 'quirky', 'relaxed', 'serene', 'vibrant', 'zealous'];
const RIGHT = ['hopper', 'lovelace', 'turing', 'curie', 'darwin', 'einstein', 'feynman', 'goldberg', 'hamilton', 'knuth', 'noether', 'pike', 'ritchie', 'shannon', 'torvalds'];

function randomName(engine: DockerEngine): string {
  for (;;) {
    const n = `${LEFT[engine.world.rng.int(LEFT.length)]}_${RIGHT[engine.world.rng.int(RIGHT.length)]}`;
    if (!engine.findContainer(n)) return n;
  }
}

/** `docker pull`'s progress: one "Pull complete" per layer, then digest and status. */
function pullLines(img: Image, digest: string): string {
  const ref = parseReference(`${img.repo}:${img.tag}`);
  const n = 2 + (parseInt(img.id.slice(0, 2), 16) % 4);
  const layers = Array.from({ length: n }, (_, i) => `${hexDigest(`layer:${img.id}:${i}`).slice(0, 12)}: Pull complete\n`).join('');
  return `${img.tag}: Pulling from ${ref.path}\n${layers}Digest: ${digest}\nStatus: Downloaded newer image for ${img.repo}:${img.tag}\n`;
}

function doPull(engine: DockerEngine, ref: string): { img?: Image; text: string; error?: string } {
  const r = engine.pull(ref);
  if (!r.ok) return { text: '', error: r.errors[0]!.message };
  engine.world.clock.advance(1500 + Math.round(r.value.size / 40_000));
  return { img: r.value, text: pullLines(r.value, `sha256:${hexDigest(`digest:${r.value.id}`)}`) };
}

function parsePort(s: string): PortMapping | string {
  const m = s.match(/^(?:(?:(\d+\.\d+\.\d+\.\d+):)?(\d*):)?(\d+)(?:\/(tcp|udp))?$/);
  if (!m) return `invalid containerPort: ${s}`;
  return { target: Number(m[3]), ...(m[2] ? { published: Number(m[2]) } : {}), ...(m[1] ? { hostIp: m[1] } : {}), protocol: (m[4] as 'tcp' | 'udp') ?? 'tcp' };
}

function parseVolume(ctx: CommandContext, engine: DockerEngine, s: string): Mount | string {
  const parts = s.split(':');
  if (parts.length === 1) return { type: 'volume', source: engine.createVolume(undefined).name, target: parts[0]!, readOnly: false };
  const [src, target, mode] = parts as [string, string, string | undefined];
  if (!target?.startsWith('/')) return `invalid volume specification: '${s}'`;
  const readOnly = mode?.split(',').includes('ro') ?? false;
  if (src.startsWith('/') || src.startsWith('.') || src.startsWith('~')) return { type: 'bind', source: ctx.shell.resolve(src), target, readOnly };
  return { type: 'volume', source: src, target, readOnly };
}

/** docker/cli 27 run.go reportError: trailing period, help pointer for create-time errors. */
const fail125 = (ctx: CommandContext, msg: string, code = 125, withHelp = true) => (ctx.stderr.write(`docker: ${msg.replace(/\.$/, '')}.${withHelp ? "\nSee 'docker run --help'." : ''}\n`), code);

export const run: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, RUN_FLAGS, true);
  if (p.error) return (ctx.stderr.write(`${p.error}\nSee 'docker run --help'.\n`), 125);
  const [imageRef, ...cmd] = p.args;
  if (!imageRef) return (ctx.stderr.write(`${runUsage}\n`), 1);
  const ports: PortMapping[] = [];
  for (const s of p.flags.get('--publish') ?? []) {
    const r = parsePort(s);
    if (typeof r === 'string') return fail125(ctx, r);
    ports.push(r);
  }
  const mounts: Mount[] = [];
  for (const s of p.flags.get('--volume') ?? []) {
    const r = parseVolume(ctx, engine, s);
    if (typeof r === 'string') return fail125(ctx, `Error response from daemon: ${r}`);
    mounts.push(r);
  }
  const env: Record<string, string> = {};
  for (const e of p.flags.get('--env') ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
    else if (ctx.shell.env.has(e)) env[e] = ctx.shell.env.get(e)!;
  }
  const name = last(p, '--name');
  if (name !== undefined && !/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return fail125(ctx, `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  const network = last(p, '--network') ?? 'bridge';
  if (!engine.findNetwork(network)) return fail125(ctx, `Error response from daemon: network ${network} not found`);
  // The name clash is checked before any pull (the daemon refuses the create).
  const clash = name ? engine.findContainer(name) : undefined;
  if (clash && clash.spec.name === name) {
    return fail125(ctx, `Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const ref = parseReference(imageRef);
  let image = engine.findImage(imageRef);
  if (!image || last(p, '--pull') === 'always') {
    if (!image) ctx.stderr.write(`Unable to find image '${ref.familiar}:${ref.tag}' locally\n`);
    const pulled = doPull(engine, imageRef);
    if (pulled.error) return fail125(ctx, pulled.error);
    ctx.stderr.write(pulled.text);
    image = pulled.img!;
    if (image.generic) ctx.stderr.write(`note: ${imageRef} is not modelled by the simulator; its container starts and stays up without logs\n`);
  }
  const entrypoint = last(p, '--entrypoint');
  const c = engine.create({
    name: name ?? randomName(engine),
    image: `${image.repo}:${image.tag}`,
    ...(cmd.length ? { command: cmd } : {}),
    ...(entrypoint !== undefined ? { entrypoint: entrypoint ? [entrypoint] : [] } : {}),
    env,
    ports,
    mounts,
    networks: [{ name: engine.findNetwork(network)!.name, aliases: p.flags.get('--network-alias') ?? [] }],
    labels: Object.fromEntries((p.flags.get('--label') ?? []).map((l) => [l.split('=')[0]!, l.split('=').slice(1).join('=')])),
    ...(last(p, '--hostname') ? { hostname: last(p, '--hostname') } : {}),
    restart: (last(p, '--restart')?.split(':')[0] ?? 'no') as 'no',
    stopGracePeriod: 10_000,
    ...(last(p, '--workdir') ? { workingDir: last(p, '--workdir') } : {}),
    ...(has(p, '--interactive') ? { openStdin: true } : {}),
    ...(has(p, '--tty') ? { tty: true } : {}),
  });
  if (!c.ok) return fail125(ctx, c.errors[0]!.message);
  const container = c.value;
  const since = engine.now;
  const started = engine.start(container);
  const rm = has(p, '--rm');
  if (!started.ok) {
    // A process that cannot start is "command not found" (127) or "cannot invoke" (126).
    const msg = started.errors[0]!.message;
    return fail125(ctx, msg, /not found|no such file/i.test(msg) ? 127 : /permission denied/.test(msg) ? 126 : 125, false);
  }
  if (has(p, '--detach')) {
    ctx.stdout.write(`${container.id}\n`);
    if (rm) autoRemove(engine, container);
    return 0;
  }
  const argv = processArgv(container.image.spec, container.spec.entrypoint, container.spec.command);
  const shell = has(p, '--interactive') && container.state === 'running' ? interactiveShell(engine.sys(container), argv) : undefined;
  if (shell) {
    return shellSession(engine, container, shell, has(p, '--tty'), (code) => {
      engine.mainExited(container, code);
      if (rm) engine.remove(container, true);
      return code;
    });
  }
  return attach(ctx, engine, container, since, rm);
};

/**
 * `-i` on a shell: the terminal becomes the shell's (`/ # ` in alpine,
 * `root@<id>:/# ` with bash); without -t there is no prompt, as a shell
 * without a terminal prints none. Each line runs over the container's files.
 */
export function shellSession(engine: DockerEngine, c: Container, shell: string, tty: boolean, end: (code: number) => number, extraEnv: Record<string, string> = {}): AttachedShell {
  const sys = () => {
    const s = engine.sys(c);
    return { ...s, env: { ...s.env, HOME: s.env.HOME ?? '/root', ...extraEnv } };
  };
  const st = startSession(sys());
  return new AttachedShell({
    clock: engine.world.clock,
    prompt: () => (tty ? shellPrompt(sys(), shell, st) : ''),
    line: (text) => (c.state === 'running' ? execLine(sys(), shell, text, st) : ''),
    eofText: tty ? (shell.endsWith('bash') ? 'exit\n' : '\n') : '',
    end: (code) => end(code),
    interrupted: () => (st.status = 130),
  });
}

function autoRemove(engine: DockerEngine, c: Container): void {
  if (c.state === 'exited' || c.state === 'dead') return void engine.remove(c, true);
  const off = engine.on((e) => {
    if (e.type === 'die' && e.container === c) {
      off();
      engine.remove(c, true);
    }
  });
}

/** Foreground run: the container's output is the command's, its exit code the command's. */
export function attach(ctx: CommandContext, engine: DockerEngine, c: Container, since: number, rm: boolean): CommandResult {
  const write = (stream: 'stdout' | 'stderr', text: string) => (stream === 'stderr' ? ctx.stderr : ctx.stdout).write(`${text}\n`);
  for (const l of c.logs.filter((x) => x.at >= since)) write(l.stream, l.text);
  const done = () => {
    if (rm) engine.remove(c, true);
    return c.exitCode;
  };
  if (c.state === 'exited' || c.state === 'dead') return done();
  const job = new JobHandle(() => {
    // The CLI proxies SIGINT to the process (--sig-proxy); the simulated process stops as on SIGTERM.
    engine.stop(c, undefined);
  });
  const off = engine.on((e) => {
    if (e.container !== c) return;
    if (e.type === 'log') write(e.entry.stream, e.entry.text);
    if (e.type === 'die' && c.state !== 'restarting') {
      off();
      job.exit(done());
    }
  });
  return job;
}

const EXEC_FLAGS = { bool: [['-d', '--detach'], ['-i', '--interactive'], ['-t', '--tty'], ['--privileged']], value: [['-e', '--env'], ['-w', '--workdir'], ['-u', '--user'], ['--env-file']] };

export const exec: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, EXEC_FLAGS, true);
  if (p.error) return (ctx.stderr.write(`${p.error}\nSee 'docker exec --help'.\n`), 125);
  const [name, ...cmd] = p.args;
  if (!name || cmd.length === 0) return (ctx.stderr.write(`"docker exec" requires at least 2 arguments.\nSee 'docker exec --help'.\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n`), 1);
  const c = engine.findContainer(name);
  if (!c) return (ctx.stderr.write(`Error response from daemon: No such container: ${name}\n`), 1);
  if (c.state === 'paused') return (ctx.stderr.write(`Error response from daemon: Container ${c.id} is paused, unpause the container before exec\n`), 1);
  if (c.state !== 'running') return (ctx.stderr.write(`Error response from daemon: container ${c.id} is not running\n`), 1);
  const env: Record<string, string> = {};
  for (const e of p.flags.get('--env') ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  const workdir = last(p, '--workdir');
  const view = Object.keys(env).length || workdir ? { ...c, spec: { ...c.spec, env: { ...c.spec.env, ...env }, ...(workdir ? { workingDir: workdir } : {}) } } : c;
  if (has(p, '--interactive') && !has(p, '--detach') && isInteractiveShell(engine.sys(view), cmd)) {
    // The exec'd shell ends; the container goes on running.
    return shellSession(engine, view, cmd[0]!, has(p, '--tty'), (code) => code);
  }
  const r = engine.exec(view, cmd);
  if (has(p, '--detach')) return 0;
  ctx.stdout.write(r.stdout);
  ctx.stderr.write(r.stderr);
  return r.exitCode;
};

export const pull: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, { bool: [['-q', '--quiet'], ['-a', '--all-tags']], value: [['--platform']] });
  if (p.error) return (ctx.stderr.write(`${p.error}\nSee 'docker pull --help'.\n`), 125);
  if (p.args.length !== 1) return (ctx.stderr.write(`"docker pull" requires exactly 1 argument.\nSee 'docker pull --help'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry\n`), 1);
  const ref = parseReference(p.args[0]!);
  const quiet = has(p, '--quiet');
  if (!quiet && !p.args[0]!.includes(':') && !ref.digest) ctx.stdout.write('Using default tag: latest\n');
  const have = engine.findImage(p.args[0]!);
  if (have) {
    if (!quiet) ctx.stdout.write(`${ref.tag}: Pulling from ${ref.path}\nDigest: sha256:${hexDigest(`digest:${have.id}`)}\nStatus: Image is up to date for ${ref.familiar}:${ref.tag}\n`);
    ctx.stdout.write(`${ref.full}\n`);
    return 0;
  }
  const r = doPull(engine, p.args[0]!);
  if (r.error) return (ctx.stderr.write(`${r.error}\n`), 1);
  if (!quiet) ctx.stdout.write(r.text);
  ctx.stdout.write(`${ref.full}\n`);
  return 0;
};

export const rmi: Sub = (ctx, args, engine) => {
  const p = parseFlags(args, { bool: [['-f', '--force'], ['--no-prune']], value: [] });
  if (p.error) return (ctx.stderr.write(`${p.error}\nSee 'docker rmi --help'.\n`), 125);
  if (p.args.length === 0) return (ctx.stderr.write(`"docker rmi" requires at least 1 argument.\nSee 'docker rmi --help'.\n\nUsage:  docker rmi [OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images\n`), 1);
  let code = 0;
  for (const n of p.args) {
    const img = engine.findImage(n);
    const r = engine.removeImage(n, has(p, '--force'));
    if (!r.ok || !img) {
      ctx.stderr.write(`${r.ok ? `Error response from daemon: No such image: ${n}` : r.errors[0]!.message}\n`);
      code = 1;
      continue;
    }
    ctx.stdout.write(`Untagged: ${img.repo}:${img.tag}\n`);
    ctx.stdout.write(`Untagged: ${img.repo}@sha256:${hexDigest(`digest:${img.id}`)}\nDeleted: sha256:${img.id}\n`);
  }
  return code;
};

export const info: Sub = (ctx, _args, engine) => {
  const cs = [...engine.containers.values()];
  const count = (s: string) => cs.filter((c) => c.state === s).length;
  ctx.stdout.write(`Client: Docker Engine - Community
 Version:    27.4.1
 Context:    default
 Debug Mode: false

Server:
 Containers: ${cs.length}
  Running: ${count('running') + count('restarting')}
  Paused: ${count('paused')}
  Stopped: ${cs.length - count('running') - count('restarting') - count('paused')}
 Images: ${engine.images.size}
 Server Version: 27.4.1
 Storage Driver: overlay2
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
 Default Runtime: runc
 Kernel Version: 6.8.0-simulated
 Operating System: kube-lessons simulator
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Docker Root Dir: /var/lib/docker
`);
  return 0;
};
