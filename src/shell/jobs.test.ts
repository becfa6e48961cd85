import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Background jobs with bash's wording (bash jobs.c: "[N] PID" when started,
 * pretty_print_job "[N]+  Running                 CMD &", "Done", "Exit N",
 * "Terminated"; builtins/fg_bg.def and kill.def errors), which let
 * `kubectl port-forward … &` and `curl` share one terminal.
 */
const run = (lines: string[]) => transcript(createSession({ seed: 2, lang: 'en', tty: { color: false } }), lines, { echo: true });

describe('job control', () => {
  it('a job that finishes at once is reported Done before the next prompt', () => {
    expect(run(['sleep 5 &', 'jobs'])).toMatch(/^\$ sleep 5 &\n\[1\] \d+\n\[1\]\+  Done                    sleep 5\n\$ jobs\n$/);
  });

  it('a failing one is reported with its exit status', () => {
    expect(run(['cat nope &'])).toMatch(/\[1\]\+  Exit 1                  cat nope\n$/);
  });

  it('a running job is listed with & and ends Terminated after kill %1', () => {
    const t = run(['docker run -d --name web nginx', 'docker logs -f web &', 'jobs', 'kill %1', 'jobs']);
    expect(t).toContain('$ jobs\n[1]+  Running                 docker logs -f web &\n$ kill %1\n[1]+  Terminated              docker logs -f web\n$ jobs\n');
  });

  it.each([
    ['fg', 'bash: fg: current: no such job\n'],
    ['fg %2', 'bash: fg: %2: no such job\n'],
    ['kill %1', 'bash: kill: %1: no such job\n'],
    ['kill 99999', 'bash: kill: (99999) - No such process\n'],
    ['kill', 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n'],
  ])('%s with no such job', (line, want) => {
    expect(run([line])).toBe(`$ ${line}\n${want}`);
  });

  it('`&` alone is a syntax error, as in bash', () => {
    expect(run(['&'])).toContain("syntax error near unexpected token `&'");
  });
});
