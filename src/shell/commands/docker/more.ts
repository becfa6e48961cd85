/**
 * `docker compose version | pause | unpause | kill | rm`, after
 * docker/compose v2 (cmd/compose/version.go, pkg/compose/pause.go, kill.go,
 * remove.go, run.go): the progress titles Pausing/Unpausing/Killing/Removing and
 * their Paused/Unpaused/Killed/Removed rows, rm's "Going to remove …"
 * confirmation and "No stopped containers".
 */
import type { ComposeRunner } from '../../../sim/compose/engine/compose.ts';
import type { Container, DockerEngine } from '../../../sim/compose/engine/docker.ts';
import { newReport, Progress } from '../../../sim/compose/engine/progress.ts';
import { interactiveShell } from '../../../sim/containers/exec.ts';
import { processArgv } from '../../../sim/containers/programs.ts';
import { JobHandle } from '../../job.ts';
import { attach, shellSession } from './run.ts';
import type { Session, Writer } from '../../types.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last, parseFlags } from './flags.ts';
import { printReport } from './render.ts';

/** The Compose release bundled with Docker Engine 27.4.1 (what `docker version` says). */
export const COMPOSE_VERSION = '2.32.1';

export const version: ComposeSub = {
  name: 'version',
  flags: { bool: [['--short']], value: [['-f', '--format']] },
  run({ ctx, args }) {
    const p = parseFlags(args, version.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    // version.go: --short trims the "v"; --format json prints {"version":"v…"}.
    if (has(p, '--short')) ctx.stdout.write(`${COMPOSE_VERSION}\n`);
    else if (last(p, '--format') === 'json') ctx.stdout.write(`{"version":"v${COMPOSE_VERSION}"}\n`);
    else ctx.stdout.write(`Docker Compose version v${COMPOSE_VERSION}\n`);
    return 0;
  },
};

/** One progress block over the project's containers: act on each, a row per container. */
function progressOver(call: ComposeCall, title: string, list: Container[], act: (c: Container) => string | undefined, done: string, rowOf: (c: Container) => string = (c) => `Container ${c.spec.name}`): number {
  const report = newReport();
  const prog = new Progress(call.engine.world.clock, title);
  report.sections.push({ kind: 'progress', progress: prog });
  for (const c of list) {
    const err = act(c);
    if (err) {
      report.errors.push(err);
      break;
    }
    prog.event(rowOf(c), done);
  }
  return printReport(report, call.ctx.stderr, call.ctx.tty);
}

export const pause: ComposeSub = {
  name: 'pause',
  flags: { bool: [], value: [] },
  run(call) {
    const o = openProject(call, pause.flags);
    if (!o) return 1;
    // getContainers(all=false): running and paused; pausing a paused one is the daemon's error.
    const list = o.runner.containers({ services: o.p.args }).filter((c) => c.state !== 'restarting');
    return progressOver(call, 'Pausing', list, (c) => call.engine.pause(c), 'Paused');
  },
};

export const unpause: ComposeSub = {
  name: 'unpause',
  flags: { bool: [], value: [] },
  run(call) {
    const o = openProject(call, unpause.flags);
    if (!o) return 1;
    const list = o.runner.containers({ services: o.p.args }).filter((c) => c.state !== 'restarting');
    return progressOver(call, 'Unpausing', list, (c) => call.engine.unpause(c), 'Unpaused');
  },
};

/** Signals by name or number, as the daemon's signal.ParseSignal accepts them (the common ones). */
const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, STOP: 19, CONT: 18 };

export const kill: ComposeSub = {
  name: 'kill',
  flags: { bool: [['--remove-orphans']], value: [['-s', '--signal']] },
  run(call) {
    const o = openProject(call, kill.flags);
    if (!o) return 1;
    const raw = (last(o.p, '--signal') ?? 'SIGKILL').toUpperCase().replace(/^SIG/, '');
    const sig = /^\d+$/.test(raw) ? Number(raw) : SIGNALS[raw];
    const list = o.runner.containers({ services: o.p.args }).filter((c) => c.state === 'running');
    if (!list.length) {
      // kill.go prints this without a newline.
      call.ctx.stderr.write('no container to kill');
      return 0;
    }
    if (sig === undefined || sig < 1 || sig > 64) {
      call.ctx.stderr.write(`Error response from daemon: Invalid signal: ${last(o.p, '--signal')}\n`);
      return 1;
    }
    return progressOver(
      call,
      'Killing',
      list,
      (c) => {
        // SIGKILL ends the process (exit 137); TERM/INT/QUIT stop it as on `stop`; the rest it handles and goes on (nginx reloads on HUP).
        if (sig === 9) call.engine.kill(c);
        else if (sig === 15 || sig === 2 || sig === 3) call.engine.stopAndWait(c);
        return undefined;
      },
      'Killed',
    );
  },
};

/**
 * rm: stopped containers only; asks `Going to remove NAMES` first (a y/N
 * question on the terminal) unless -f, which prints the line and goes on.
 * -s stops them first.
 */
export const rm: ComposeSub = {
  name: 'rm',
  flags: { bool: [['-f', '--force'], ['-s', '--stop'], ['-v', '--volumes']], value: [] },
  run(call) {
    const o = openProject(call, rm.flags);
    if (!o) return 1;
    const { p, runner } = o;
    if (has(p, '--stop')) {
      const stopped = runner.stop(p.args);
      const code = printReport(stopped, call.ctx.stderr, call.ctx.tty);
      if (code !== 0) return code;
    }
    // The daemon lists containers newest first.
    const list = runner
      .containers({ all: true, services: p.args })
      .filter((c) => c.state !== 'running' && c.state !== 'restarting' && c.state !== 'paused')
      .sort((a, b) => b.created - a.created || (a.spec.name < b.spec.name ? 1 : -1));
    if (!list.length) {
      call.ctx.stderr.write('No stopped containers\n');
      return 0;
    }
    const msg = `Going to remove ${list.map((c) => c.spec.name).join(', ')}`;
    const remove = () => progressOver(call, 'Removing', list, (c) => removeOne(call.engine, runner, c, has(p, '--volumes')), 'Removed');
    if (has(p, '--force')) {
      call.ctx.stdout.write(`${msg}\n`);
      return remove();
    }
    return new Question(`? ${msg} (y/N) `, (answer, io) => {
      // survey's Confirm: y/yes (any case) is yes, anything else the default No; it re-renders the answer.
      const yes = /^(y|yes)$/i.test(answer.trim());
      return yes ? remove() : 0;
    });
  },
};

function removeOne(engine: DockerEngine, _runner: ComposeRunner, c: Container, volumes: boolean): string | undefined {
  const r = engine.remove(c, false);
  if (!r.ok) return r.errors[0]!.message;
  // -v: the container's anonymous volumes go with it.
  if (volumes) for (const m of c.spec.mounts) if (m.type === 'volume' && /^[0-9a-f]{64}$/.test(m.source)) engine.removeVolume(m.source);
  return undefined;
}

/** A one-line question on the terminal (compose's survey prompt): the answer line goes to it, then it ends. */
class Question extends JobHandle implements Session {
  readonly attached = true;
  #prompt: string;
  #answer: (line: string, io: { stdout: Writer; stderr: Writer }) => number;
  constructor(prompt: string, answer: (line: string, io: { stdout: Writer; stderr: Writer }) => number) {
    // Ctrl-C at the question: survey returns "interrupt" and compose exits 130.
    super((j) => j.exit(130));
    this.#prompt = prompt;
    this.#answer = answer;
  }
  onReady(fn: () => void): void {
    fn();
  }
  prompt(): string {
    return this.#prompt;
  }
  input(line: string, io: { stdout: Writer; stderr: Writer }, done: () => void): void {
    this.exit(this.#answer(line, io));
    done();
  }
  eof(io: { stdout: Writer; stderr: Writer }, done: () => void): void {
    io.stdout.write('\n');
    this.exit(0);
    done();
  }
}


const RUN_FLAGS = {
  bool: [['--rm'], ['-d', '--detach'], ['--no-deps'], ['-T', '--no-TTY'], ['-i', '--interactive'], ['-t', '--tty'], ['--service-ports'], ['--build'], ['--remove-orphans'], ['-q', '--quiet-pull']],
  value: [['-e', '--env'], ['--name'], ['-w', '--workdir'], ['-u', '--user'], ['--entrypoint'], ['-l', '--label'], ['-p', '--publish'], ['-v', '--volume'], ['--pull']],
};

/**
 * `docker compose run [--rm] [-e K=V] [--no-deps] SERVICE [COMMAND…]`
 * (pkg/compose/run.go): dependencies are started first, then a one-off
 * container `<project>-<service>-run-<12 hex>` without the service's ports,
 * with a terminal and stdin by default (-T: no terminal, -d: detached, its
 * name printed). A shell command attaches the terminal to it.
 */
export const run: ComposeSub = {
  name: 'run',
  flags: RUN_FLAGS,
  run(call) {
    const { ctx, engine } = call;
    const p = parseFlags(call.args, RUN_FLAGS, true);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const [service, ...command] = p.args;
    if (!service) return (ctx.stderr.write('requires at least 1 arg(s), only received 0\n'), 1);
    const runner = call.runner();
    if (!runner) return 1;
    const bad = runner.checkServices([service]);
    if (bad) return (ctx.stderr.write(`${bad}\n`), 1);
    const svc = runner.project.services[service]!;
    if (!has(p, '--no-deps')) {
      const deps = runner.order([service]).filter((s) => s !== service);
      if (deps.some((d) => !runner.serviceContainers(d).some((c) => c.state === 'running'))) {
        const code = printReport(runner.up({ services: deps, detach: true }), ctx.stderr, ctx.tty);
        if (code !== 0) return code;
      }
    }
    const prep = runner.prepareRun(service);
    if (prep.errors.length || prep.sections.some((s) => s.kind !== 'progress' || s.progress.rows.length)) {
      const code = printReport(prep, ctx.stderr, ctx.tty);
      if (code !== 0) return code;
    }
    const env: Record<string, string> = { ...svc.environment };
    for (const e of p.flags.get('--env') ?? []) {
      const eq = e.indexOf('=');
      if (eq > 0) env[e.slice(0, eq)] = e.slice(eq + 1);
      else if (ctx.shell.env.has(e)) env[e] = ctx.shell.env.get(e)!;
    }
    const detach = has(p, '--detach');
    const tty = !detach && !has(p, '--no-TTY');
    const base = runner.containerSpec(svc, 1, []);
    const name = last(p, '--name') ?? `${runner.project.name}-${service}-run-${engine.world.rng.hex(12)}`;
    const entrypoint = last(p, '--entrypoint');
    const created = engine.create({
      ...base,
      name,
      env,
      ...(command.length ? { command } : {}),
      ...(entrypoint !== undefined ? { entrypoint: entrypoint ? [entrypoint] : [] } : {}),
      // run.go: the service's ports only with --service-ports; a one-off never restarts.
      ports: has(p, '--service-ports') ? base.ports : [],
      restart: 'no',
      labels: { ...base.labels, 'com.docker.compose.oneoff': 'True', 'com.docker.compose.slug': name.slice(-12) },
      networks: base.networks.map((n) => ({ ...n, aliases: n.aliases.filter((a) => a !== base.name) })),
      ...(last(p, '--workdir') ? { workingDir: last(p, '--workdir') } : {}),
      ...(detach ? {} : { openStdin: true }),
      ...(tty ? { tty: true } : {}),
    });
    if (!created.ok) return (ctx.stderr.write(`${created.errors[0]!.message}\n`), 1);
    const c = created.value;
    const since = engine.now;
    const started = engine.start(c);
    if (!started.ok) return (ctx.stderr.write(`${started.errors[0]!.message}\n`), 1);
    const rm = has(p, '--rm');
    if (detach) {
      ctx.stdout.write(`${name}\n`);
      return 0;
    }
    const argv = processArgv(c.image.spec, c.spec.entrypoint, c.spec.command);
    const shell = c.state === 'running' ? interactiveShell(engine.sys(c), argv) : undefined;
    if (shell) {
      return shellSession(engine, c, shell, tty, (code) => {
        engine.mainExited(c, code);
        if (rm) engine.remove(c, true);
        return code;
      });
    }
    return attach(ctx, engine, c, since, rm);
  },
};

/** `a:b` names a service path unless it is absolute or an explicit relative path (compose's splitCpArg). */
function splitCpArg(arg: string): { service?: string; path: string } {
  if (arg.startsWith('/')) return { path: arg };
  const i = arg.indexOf(':');
  if (i < 0 || arg.startsWith('.')) return { path: arg };
  return { service: arg.slice(0, i), path: arg.slice(i + 1) };
}

const baseName = (p: string) => p.replace(/\/+$/, '').slice(p.replace(/\/+$/, '').lastIndexOf('/') + 1);

/**
 * `docker compose cp SERVICE:SRC DEST` and `SRC SERVICE:DEST` (pkg/compose/cp.go):
 * from the service's first container, or into every one of them; a row
 * `NAME copy SRC to DEST  Copied` per container. Files and directories
 * (recursively); `-` (a tar stream) is not simulated.
 */
export const cp: ComposeSub = {
  name: 'cp',
  flags: { bool: [['--all'], ['-a', '--archive'], ['-L', '--follow-link']], value: [['--index']] },
  run(call) {
    const { ctx, engine } = call;
    const p = parseFlags(call.args, cp.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    if (p.args.length !== 2) return (ctx.stderr.write(`accepts 2 arg(s), received ${p.args.length}\n`), 1);
    const src = splitCpArg(p.args[0]!);
    const dst = splitCpArg(p.args[1]!);
    if (src.service && dst.service) return (ctx.stderr.write('copying between services is not supported\n'), 1);
    if (!src.service && !dst.service) return (ctx.stderr.write('unknown copy direction\n'), 1);
    if (src.path === '-' || dst.path === '-') return (ctx.stderr.write('note: docker compose cp with - (a tar stream) is not simulated here\n'), 1);
    const runner = call.runner();
    if (!runner) return 1;
    const service = (src.service ?? dst.service)!;
    const bad = runner.checkServices([service]);
    if (bad) return (ctx.stderr.write(`${bad}\n`), 1);
    const index = Number(last(p, '--index') ?? 0);
    let list = runner.serviceContainers(service).filter((c) => c.spec.labels['com.docker.compose.oneoff'] !== 'True' || has(p, '--all'));
    if (index > 0) list = list.filter((c) => c.spec.labels['com.docker.compose.container-number'] === String(index));
    if (!list.length) return (ctx.stderr.write(`no container found for service "${service}"\n`), 1);
    const vfs = ctx.world.vfs;
    if (src.service) list = list.slice(0, 1);
    return progressOver(
      call,
      'Copying',
      list,
      (c) => {
        const fs = engine.fs(c);
        const name = c.spec.name;
        if (src.service) {
          // From the container into the learner's files.
          const files = fs.read(src.path) !== undefined ? [src.path] : (fs.list?.(src.path) ?? []);
          if (!files.length) return `Error response from daemon: Could not find the file ${src.path} in container ${name}`;
          const local = ctx.shell.resolve(dst.path);
          const single = files.length === 1 && files[0] === src.path;
          const root = single ? (vfs.isDir(local) ? `${local}/${baseName(src.path)}` : local) : vfs.isDir(local) ? `${local}/${baseName(src.path)}` : local;
          for (const f of files) {
            const to = single ? root : `${root}/${f.slice(src.path.replace(/\/+$/, '').length + 1)}`;
            vfs.mkdir(to.slice(0, to.lastIndexOf('/')) || '/');
            const e = vfs.writeFile(to, fs.read(f) ?? '');
            if (e) return e.message;
          }
        } else {
          const local = ctx.shell.resolve(src.path);
          const text = vfs.readFile(local);
          const dir = vfs.isDir(local);
          if (text === undefined && !dir) return `stat ${local}: no such file or directory`;
          const into = dst.path.endsWith('/') || (fs.list?.(dst.path) ?? []).length > 0;
          const target = into ? `${dst.path.replace(/\/+$/, '')}/${baseName(local)}` : dst.path;
          if (!dir) fs.write(target, text!);
          else {
            const walk = (d: string, to: string) => {
              for (const e of vfs.list(d) ?? []) (e.dir ? walk(`${d}/${e.name}`, `${to}/${e.name}`) : fs.write(`${to}/${e.name}`, vfs.readFile(`${d}/${e.name}`) ?? ''));
            };
            walk(local, target);
          }
        }
        void name;
        return undefined;
      },
      'Copied',
      (c) => (src.service ? `${c.spec.name} copy ${c.spec.name}:${src.path} to ${dst.path}` : `${c.spec.name} copy ${src.path} to ${c.spec.name}:${dst.path}`),
    );
  },
};

/**
 * `docker compose events [--json] [SERVICE…]` (cmd/compose/events.go,
 * pkg/compose/events.go): the project's container events as they happen,
 * until Ctrl-C: `TIME container ACTION ID (k=v, …)` followed by an empty
 * line (Event.String ends in a newline that Println doubles), or with
 * --json one object per line with Go's sorted keys.
 */
export const events: ComposeSub = {
  name: 'events',
  flags: { bool: [['--json']], value: [['--since'], ['--until']] },
  run(call) {
    const { ctx, engine } = call;
    const o = openProject(call, events.flags);
    if (!o) return 1;
    const project = o.runner.project.name;
    const services = o.p.args;
    const json = has(o.p, '--json');
    const off = engine.on((e) => {
      if (e.type === 'log') return;
      const c = e.container;
      if (c.spec.labels['com.docker.compose.project'] !== project) return;
      const service = c.spec.labels['com.docker.compose.service'] ?? '';
      if (services.length && !services.includes(service)) return;
      const action = e.type === 'health' ? `health_status: ${c.health}` : e.type;
      const attrs: Record<string, string> = { image: `${c.image.repo}:${c.image.tag}`, name: c.spec.name };
      if (e.type === 'die') attrs.exitCode = String(c.exitCode);
      if (e.type === 'kill') attrs.signal = String(e.signal);
      for (const [k, v] of Object.entries(c.spec.labels)) if (!k.startsWith('com.docker.compose.')) attrs[k] = v;
      const keys = Object.keys(attrs).sort();
      const at = new Date(engine.now);
      if (json) {
        const attributes = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(attrs[k])}`).join(',')}}`;
        ctx.stdout.write(`{"action":${JSON.stringify(action)},"attributes":${attributes},"id":"${c.id}","service":${JSON.stringify(service)},"time":"${at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')}","type":"container"}\n`);
      } else {
        const t = at.toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000');
        ctx.stdout.write(`${t} container ${action} ${c.id} (${keys.map((k) => `${k}=${attrs[k]}`).join(', ')})\n\n`);
      }
    });
    const job = new JobHandle(() => {
      off();
      job.exit(130);
    });
    return job;
  },
};
