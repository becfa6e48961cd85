import type { ComposeRunner } from '../../../sim/compose/engine/compose.ts';
import type { OpReport } from '../../../sim/compose/engine/progress.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last, type FlagSpec, type Parsed } from './flags.ts';
import { printReport } from './render.ts';

/** The shared shape of stop/start/restart/down: parse flags, load, check service names, run, print. */
function lifecycle(name: string, flags: FlagSpec, op: (r: ComposeRunner, p: Parsed) => OpReport | string): ComposeSub {
  return {
    name,
    flags,
    run(call: ComposeCall) {
      const { ctx, args } = call;
      const opened = openProject(call, flags);
      if (!opened) return 1;
      const { p, runner } = opened;
      const rep = op(runner, p);
      if (typeof rep === 'string') {
        ctx.stderr.write(`${rep}\n`);
        return 1;
      }
      return printReport(rep, ctx.stderr, ctx.tty);
    },
  };
}

export const stop = lifecycle('stop', { bool: [], value: [['-t', '--timeout']] }, (r, p) => r.stop(p.args));
export const start = lifecycle('start', { bool: [], value: [] }, (r, p) => r.start(p.args));
export const restart = lifecycle('restart', { bool: [['--no-deps']], value: [['-t', '--timeout']] }, (r, p) => r.restart(p.args));
export const down = lifecycle(
  'down',
  { bool: [['-v', '--volumes'], ['--remove-orphans']], value: [['--rmi'], ['-t', '--timeout']] },
  (r, p) => {
    const rmi = last(p, '--rmi');
    if (rmi !== undefined && rmi !== 'local' && rmi !== 'all') return `invalid value for --rmi: "${rmi}"`;
    return r.down({ services: p.args, volumes: has(p, '--volumes'), rmi, removeOrphans: has(p, '--remove-orphans') });
  },
);
