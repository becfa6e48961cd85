import type { Container } from '../../../sim/compose/engine/docker.ts';
import { ago, humanDuration } from '../../../sim/compose/engine/humanize.ts';
import type { OpReport, Progress } from '../../../sim/compose/engine/progress.ts';
import { displayWidth, styler } from '../../ansi.ts';
import type { Tty, Writer } from '../../types.ts';

/**
 * Docker's output shapes: Compose's progress block, the CLI's tab-aligned
 * tables, container statuses, port lists and truncated commands.
 */

/**
 * Compose's progress: on a terminal the final `[+] Running 4/4` block, drawn
 * once with the timers right-aligned; otherwise Compose's plain writer, one
 * line per event, as Go's Println joins ("", ID, Text, StatusText).
 */
export function renderProgress(p: Progress, tty: Tty): string {
  if (p.rows.length === 0) return '';
  if (!tty.color) return p.events.map((e) => (p.textStatus ? ` ${e.id} ${e.status} \n` : ` ${e.id}  ${e.status}\n`)).join('');
  const s = styler(tty);
  // Compose counts every event that is no longer Working (a warning too) as done.
  const done = p.rows.filter((r) => r.state === 'done' || r.state === 'warning').length;
  const width = Math.max(...p.rows.map((r) => displayWidth(r.id)));
  let out = `[+] ${p.title} ${done}/${p.rows.length}\n`;
  for (const r of p.rows) {
    const icon = r.state === 'done' ? s.green('✔') : r.state === 'error' ? s.red('✘') : r.state === 'warning' ? s.yellow('!') : s.blue('⠿');
    const text = ` ${icon} ${r.id}${' '.repeat(width - displayWidth(r.id))}  ${r.state === 'error' ? s.red(r.status) : r.status}`;
    const timer = `${((r.end - r.start) / 1000).toFixed(1)}s `;
    const pad = Math.max(1, tty.columns - displayWidth(text) - timer.length);
    out += `${text}${' '.repeat(pad)}${s.dim(timer)}\n`;
  }
  return out;
}

/** Prints an operation's sections to stdout, then its errors to stderr; returns the exit code. */
/** Compose writes its progress and build output to stderr, so `up -d > file` leaves the file empty. */
export function printReport(rep: OpReport, err: Writer, tty: Tty): number {
  for (const w of rep.warnings) err.write(`${w}\n`);
  for (const sec of rep.sections) {
    if (sec.kind === 'text') err.write(sec.lines.map((l) => `${l}\n`).join(''));
    else err.write(renderProgress(sec.progress, tty));
  }
  for (const e of rep.errors) err.write(`${e}\n`);
  return rep.errors.length ? 1 : 0;
}

/** Go's text/tabwriter as the docker CLI sets it up: minwidth 10, padding 3, last column unpadded. */
export function table(rows: string[][]): string {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let i = 0; i < cols - 1; i++) widths[i] = Math.max(10, ...rows.map((r) => displayWidth(r[i] ?? '') + 3));
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell + ' '.repeat(widths[i]! - displayWidth(cell)) : cell)).join('').trimEnd() + '\n').join('');
}

/** `"docker-entrypoint.s…"`: quoted, cut to 20 characters with an ellipsis. */
export function shortCommand(cmd: string, max = 20): string {
  const chars = [...cmd];
  return `"${chars.length > max ? chars.slice(0, max - 1).join('') + '…' : cmd}"`;
}

export function statusText(c: Container, now: number): string {
  switch (c.state) {
    case 'created':
      return 'Created';
    case 'restarting':
      return `Restarting (${c.exitCode}) ${ago(now - c.finishedAt)}`;
    case 'exited':
    case 'dead':
      return `Exited (${c.exitCode}) ${ago(now - c.finishedAt)}`;
    case 'paused':
      return `Up ${humanDuration(now - c.startedAt)} (Paused)`;
    case 'running': {
      const up = `Up ${humanDuration(now - c.startedAt)}`;
      if (c.health === 'starting') return `${up} (health: starting)`;
      return c.health ? `${up} (${c.health})` : up;
    }
  }
}

/** `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 5432/tcp` (published only while running). */
export function portsText(c: Container): string {
  const out: string[] = [];
  const published = new Set<string>();
  // A stopped container has no ports to show, exposed or published.
  if (c.state !== 'running' && c.state !== 'paused' && c.state !== 'restarting') return '';
  {
    for (const p of c.bindings) {
      if (p.published === undefined) continue;
      published.add(`${p.target}/${p.protocol}`);
      if (p.hostIp && p.hostIp !== '0.0.0.0') out.push(`${p.hostIp}:${p.published}->${p.target}/${p.protocol}`);
      else out.push(`0.0.0.0:${p.published}->${p.target}/${p.protocol}`, `[::]:${p.published}->${p.target}/${p.protocol}`);
    }
  }
  const exposed = new Set([...c.image.spec.exposed, ...c.spec.ports.map((p) => `${p.target}/${p.protocol}`)]);
  const rest = [...exposed].filter((e) => !published.has(e)).sort((a, b) => parseInt(a) - parseInt(b));
  return [...rest, ...out].join(', ');
}

/** Ports as the daemon lists them for a running container: published ones per address, then exposed ones unpublished. */
export function portEntries(c: Container): { ip: string; published: number; target: number; protocol: string }[] {
  const out: { ip: string; published: number; target: number; protocol: string }[] = c.bindings.flatMap((p) =>
    p.hostIp && p.hostIp !== '0.0.0.0' ? [{ ip: p.hostIp, published: p.published ?? 0, target: p.target, protocol: p.protocol }] : ['0.0.0.0', '::'].map((ip) => ({ ip, published: p.published ?? 0, target: p.target, protocol: p.protocol })),
  );
  for (const e of c.image.spec.exposed) {
    const [port, protocol = 'tcp'] = e.split('/');
    if (!out.some((x) => x.target === Number(port) && x.protocol === protocol)) out.push({ ip: '', published: 0, target: Number(port), protocol });
  }
  return out;
}

const RAINBOW = ['cyan', 'yellow', 'green', 'magenta', 'blue'] as const;

/** `web-1  | `, coloured per service, padded so the bars line up. */
export function logPrefixer(names: string[], services: string[], tty: Tty): (name: string, service: string) => string {
  const s = styler(tty);
  const width = Math.max(0, ...names.map((n) => n.length));
  const order = [...new Set(services)];
  return (name, service) => s[RAINBOW[Math.max(0, order.indexOf(service)) % RAINBOW.length]!](`${name.padEnd(width + 2)}| `);
}
