/** A benchmark that measures in a fresh Node process: the same file run again with `--child` first, printing its result as JSON. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The arguments after the script, and whether this process is the child. */
export function benchArgs(): { child: boolean; args: string[] } {
  const args = process.argv.slice(2);
  const child = args[0] === '--child';
  return { child, args: child ? args.slice(1) : args };
}

/** In the child: the result, for the parent to read. */
export function reply(value: unknown): void {
  process.stdout.write(JSON.stringify(value));
}

/**
 * Runs the benchmark at moduleUrl again as a child, under Node flags of its own,
 * and returns what it replied, or why it failed (exit code or signal, and the
 * last lines of its stderr, such as V8's 'heap out of memory').
 */
export function inChild<T>(moduleUrl: string, nodeFlags: string[], args: string[]): { ok: true; value: T } | { ok: false; why: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(moduleUrl), '--child', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) return { ok: false, why: `exit ${r.status ?? r.signal} ${r.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  return { ok: true, value: JSON.parse(r.stdout) as T };
}
