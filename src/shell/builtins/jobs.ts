import type { Command, CommandContext } from '../types.ts';

/**
 * bash's job control for commands started with `&`: `jobs`, `fg [%N]`,
 * `kill [-SIG] %N|PID`, with bash's wording (jobs.c pretty_print_job:
 * "[1]+  Running                 CMD &").
 */
export const jobs: Command = {
  name: 'jobs',
  summary: { ko: '백그라운드(&) 작업 목록', en: 'list background (&) jobs' },
  run(ctx) {
    ctx.stdout.write(ctx.shell.jobsText());
    return 0;
  },
};

function jobArg(ctx: CommandContext, name: string, spec: string | undefined) {
  const j = ctx.shell.findJob(spec);
  if (!j) ctx.stderr.write(`bash: ${name}: ${spec ?? 'current'}: no such job\n`);
  return j;
}

export const fg: Command = {
  name: 'fg',
  summary: { ko: '백그라운드 작업을 앞으로 (Ctrl-C 로 끝냄)', en: 'bring a background job to the foreground (end it with Ctrl-C)' },
  run(ctx) {
    const j = jobArg(ctx, 'fg', ctx.argv[1]);
    if (!j) return 1;
    ctx.stdout.write(`${j.text}\n`);
    return ctx.shell.foregroundJob(j);
  },
};

export const kill: Command = {
  name: 'kill',
  summary: { ko: '작업 끝내기 (kill %1)', en: 'end a job (kill %1)' },
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a, i, all) => !(/^-/.test(a) && i < all.length - 1) && !(i > 0 && all[i - 1] === '-s'));
    if (!args.length) {
      ctx.stderr.write('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      return 2;
    }
    let code = 0;
    for (const a of args) {
      const j = a.startsWith('%') ? ctx.shell.findJob(a) : /^\d+$/.test(a) ? ctx.shell.jobs.find((x) => String(x.pid) === a) : undefined;
      if (!j) {
        ctx.stderr.write(a.startsWith('%') ? `bash: kill: ${a}: no such job\n` : /^\d+$/.test(a) ? `bash: kill: (${a}) - No such process\n` : `bash: kill: ${a}: arguments must be process or job IDs\n`);
        code = 1;
        continue;
      }
      ctx.shell.terminateJob(j);
    }
    return code;
  },
};
