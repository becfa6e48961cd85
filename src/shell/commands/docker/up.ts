import { LABEL, type ComposeRunner } from '../../../sim/compose/engine/compose.ts';
import type { Container, EngineEvent } from '../../../sim/compose/engine/docker.ts';
import { Progress } from '../../../sim/compose/engine/progress.ts';
import { JobHandle } from '../../job.ts';
import type { CommandContext } from '../../types.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has } from './flags.ts';
import { logPrefixer, printReport, renderProgress } from './render.ts';

export const upFlags = {
  bool: [['-d', '--detach'], ['--build'], ['--force-recreate'], ['--no-deps'], ['--wait'], ['--remove-orphans'], ['--no-build']],
  value: [['--scale']],
};

export const up: ComposeSub = {
  name: 'up',
  flags: upFlags,
  run(call: ComposeCall) {
    const { ctx, args } = call;
    const opened = openProject(call, upFlags);
    if (!opened) return 1;
    const { p, runner } = opened;
    const scale: Record<string, number> = {};
    for (const s of p.flags.get('--scale') ?? []) {
      const m = s.match(/^([^=]+)=(\d+)$/);
      if (!m) {
        ctx.stderr.write(`invalid --scale option "${s}". Should be SERVICE=NUM\n`);
        return 1;
      }
      scale[m[1]!] = Number(m[2]);
    }
    const detach = has(p, '--detach') || has(p, '--wait');
    const since = ctx.world.clock.now();
    const rep = runner.up({ services: p.args, detach, build: has(p, '--build'), forceRecreate: has(p, '--force-recreate'), noDeps: has(p, '--no-deps'), wait: has(p, '--wait'), scale });
    const code = printReport(rep, ctx.stderr, ctx.tty);
    if (code !== 0 || detach) return code;
    return attach(ctx, runner, p.args, since);
  },
};

/** Attached `up`: streams service-prefixed logs until every container exits or Ctrl-C stops them. */
function attach(ctx: CommandContext, runner: ComposeRunner, services: string[], since: number): JobHandle {
  const engine = runner.engine;
  const order = runner.order(services.length ? services : Object.keys(runner.project.services));
  const containers = order.flatMap((s) => runner.serviceContainers(s));
  const short = (c: Container) => (runner.project.services[c.spec.labels[LABEL.service]!]?.containerName ? c.spec.name : `${c.spec.labels[LABEL.service]}-${c.spec.labels[LABEL.number]}`);
  const prefix = logPrefixer(containers.map(short), containers.map((c) => c.spec.labels[LABEL.service]!), ctx.tty);
  const write = (c: Container, text: string) => ctx.stdout.write(`${prefix(short(c), c.spec.labels[LABEL.service]!)}${text}\n`);
  ctx.stdout.write(`Attaching to ${containers.map(short).join(', ')}\n`);
  // Lines logged while up was still starting the others come first, in time order.
  const backlog = containers.flatMap((c) => c.logs.filter((l) => l.at >= since).map((l) => ({ c, l })));
  backlog.sort((a, b) => a.l.at - b.l.at);
  for (const { c, l } of backlog) write(c, l.text);
  const ids = new Set(containers.map((c) => c.id));
  let stopping: Progress | undefined;
  const job = new JobHandle(() => {
    if (stopping) {
      // Second Ctrl-C: kill what is left.
      for (const c of containers) engine.kill(c);
      return;
    }
    ctx.stdout.write('Gracefully stopping... (press Ctrl+C again to force)\n');
    const prog = new Progress(ctx.world.clock, 'Stopping');
    stopping = prog;
    const live = [...containers].reverse().filter((c) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused');
    if (live.length === 0) return finish(130);
    let left = live.length;
    for (const c of live) {
      prog.event(`Container ${c.spec.name}`, 'Stopping', 'working');
      engine.stop(c, undefined, () => {
        prog.event(`Container ${c.spec.name}`, 'Stopped');
        if (--left === 0) finish(130);
      });
    }
  });
  const finish = (code: number) => {
    off();
    if (stopping) ctx.stdout.write(renderProgress(stopping, ctx.tty));
    job.exit(code);
  };
  const off = engine.on((e: EngineEvent) => {
    if (!ids.has(e.container.id)) return;
    // Compose v2.32 stops printing logs (and exit statuses) once Ctrl-C starts the graceful stop.
    if (e.type === 'log' && !stopping) write(e.container, e.entry.text);
    if (e.type === 'die') {
      if (!stopping) ctx.stdout.write(`${short(e.container)} exited with code ${e.container.exitCode}\n`);
      if (!stopping && containers.every((c) => c.state === 'exited' || c.state === 'created')) finish(0);
    }
  });
  return job;
}
