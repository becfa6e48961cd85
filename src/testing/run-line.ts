import type { Shell } from '../shell/shell.ts';

/** Runs one command line the way the terminal does (it may finish later: a pack loading, time passing); stdout and stderr together. */
export function runLine(shell: Shell, line: string): Promise<{ out: string; code: number }> {
  let out = '';
  const w = { write: (s: string) => (out += s) };
  return new Promise((resolve) => shell.run(line, { stdout: w, stderr: w }, (code) => resolve({ out, code })));
}
