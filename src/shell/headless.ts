import type { Shell, ShellIO } from './shell.ts';

export interface HeadlessOptions {
  /** How long a streaming command runs (virtual ms) before the automatic Ctrl-C. */
  followMs?: number;
  /** Print "$ line" before each command's output, for transcripts. */
  echo?: boolean;
}

/**
 * Runs input lines to completion without a terminal, deterministically: a
 * streaming command (`up` without -d, `logs -f`, `get -w`) runs for followMs
 * of virtual time and then gets Ctrl-C, as a learner would press it. A line
 * that is just `^C` stands for that Ctrl-C and is otherwise skipped.
 * Returns false if a command would not stop even after a second Ctrl-C.
 */
export function runLines(shell: Shell, lines: string[], io: ShellIO, opts: HeadlessOptions = {}): boolean {
  const followMs = opts.followMs ?? 10_000;
  const clock = shell.world.clock;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '^C') continue;
    // Inside an attached session (docker run -it … sh) the line is shown after the session's own prompt.
    if (opts.echo) io.stdout.write(`${shell.session ? shell.prompt() : '$ '}${line}\n`);
    let finished = false;
    shell.run(line, io, () => (finished = true));
    if (finished) continue;
    for (let t = 0; t < followMs && !finished; t += 1000) clock.advance(Math.min(1000, followMs - t));
    if (finished) continue;
    io.stdout.write('^C');
    shell.interrupt();
    // A graceful stop may take simulated time (containers get 10 s to exit); a second Ctrl-C forces it.
    for (let t = 0; t < 60_000 && !finished; t += 1000) clock.advance(1000);
    if (!finished) shell.interrupt();
    for (let t = 0; t < 10_000 && !finished; t += 1000) clock.advance(1000);
    if (!finished) {
      io.stderr.write(`sim: '${line}' did not stop after Ctrl-C\n`);
      return false;
    }
  }
  return true;
}

/** Runs a script and returns everything printed, stdout and stderr interleaved as a terminal shows them. */
export function transcript(shell: Shell, script: string | string[], opts: HeadlessOptions = { echo: true }): string {
  let out = '';
  const w = { write: (s: string) => (out += s) };
  const lines = Array.isArray(script) ? script : script.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
  runLines(shell, lines, { stdout: w, stderr: w }, opts);
  return out;
}
