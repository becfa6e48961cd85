/**
 * Headless runner: the same shell as the lesson terminal, driven from stdin.
 *
 *   npm run --silent sim [-- --seed N] [--dir PATH] [--lang ko|en] [--color auto|always|never] [--follow DURATION] [--echo]
 *
 * Piped input is deterministic: a command that streams until Ctrl-C (`up`
 * without -d, `logs -f`, `kubectl get -w`) runs for --follow of virtual time
 * (default 10s) and is then interrupted, as if the learner pressed Ctrl-C; an
 * input line that reads `^C` right after it is taken as that Ctrl-C. On a
 * terminal, the virtual clock follows real time and Ctrl-C interrupts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { durationMs as parseDuration } from '../sim/duration.ts';
import { createSession } from '../shell/session.ts';
import { runLines } from '../shell/headless.ts';
import { escapeControls } from '../shell/ansi.ts';
import type { Shell, ShellIO } from '../shell/shell.ts';
import type { Lang } from '../shell/types.ts';

interface CliOptions {
  seed: number;
  dir?: string;
  lang: Lang;
  color: boolean;
  followMs: number;
  echo: boolean;
}

const USAGE = 'usage: npm run --silent sim -- [--seed N] [--dir PATH] [--lang ko|en] [--color auto|always|never] [--follow DURATION] [--echo]';

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    seed: 1,
    lang: (process.env.LANG ?? '').startsWith('ko') ? 'ko' : 'en',
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    followMs: 10_000,
    echo: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? die(`${flag} needs a value`);
    switch (flag) {
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v)) die(`--seed wants a non-negative integer, got '${v}'`);
        o.seed = Number(v) >>> 0;
        break;
      }
      case '--dir':
        o.dir = value();
        break;
      case '--lang': {
        const v = value();
        if (v !== 'ko' && v !== 'en') die(`--lang is ko or en, got '${v}'`);
        o.lang = v;
        break;
      }
      case '--color': {
        const v = value();
        if (v === 'always') o.color = true;
        else if (v === 'never') o.color = false;
        else if (v !== 'auto') die(`--color is auto, always or never, got '${v}'`);
        break;
      }
      case '--follow': {
        const v = value();
        const ms = parseDuration(v);
        if (ms === undefined) die(`--follow wants a duration such as 10s, got '${v}'`);
        o.followMs = ms;
        break;
      }
      case '--echo':
        o.echo = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
      default:
        die(`unknown option '${flag}'`);
    }
  }
  return o;
}

function die(msg: string): never {
  process.stderr.write(`sim: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

/** Copies a real directory's text files (up to a sane limit) for --dir. */
function readDir(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  let count = 0;
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(abs, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, rel ? `${rel}/${name}` : name);
      else if (st.isFile() && st.size <= 1_000_000 && ++count <= 2000) {
        const buf = readFileSync(p);
        if (!buf.includes(0)) files[rel ? `${rel}/${name}` : name] = buf.toString('utf8');
      }
    }
  };
  walk(root, '');
  return files;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  let files: Record<string, string> | undefined;
  let dir: string | undefined;
  if (o.dir) {
    const abs = resolve(o.dir);
    try {
      if (!statSync(abs).isDirectory()) die(`--dir ${o.dir}: not a directory`);
    } catch {
      die(`--dir ${o.dir}: no such directory`);
    }
    files = readDir(abs);
    dir = basename(abs);
  }
  const shell = createSession({ seed: o.seed, lang: o.lang, tty: { color: o.color, columns: process.stdout.columns ?? 120 }, files, dir });
  // Only the simulator's own colours reach the real terminal; escape sequences from files or messages are shown, not obeyed.
  const io = {
    stdout: { write: (s: string) => void process.stdout.write(escapeControls(s, o.color)) },
    stderr: { write: (s: string) => void process.stderr.write(escapeControls(s, o.color)) },
  };
  if (process.stdin.isTTY) interactive(shell, io);
  else piped(shell, io, o);
}

function piped(shell: Shell, io: ShellIO, o: CliOptions) {
  const lines = readFileSync(0, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (!runLines(shell, lines, io, { followMs: o.followMs, echo: o.echo })) process.exit(1);
  process.exitCode = 0;
}

function interactive(shell: Shell, io: ShellIO) {
  const rl = createInterface({ input: process.stdin, output: process.stdout, completer: (line: string) => {
    const { start, candidates } = shell.complete(line);
    return [candidates.map((c) => line.slice(0, start) + c), line];
  } });
  // On a terminal the virtual clock follows real time, like the browser's.
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    shell.world.clock.advance(Math.floor(now - last));
    last = now;
  }, 200);
  const prompt = () => {
    rl.setPrompt(shell.prompt());
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    if (!shell.interrupt()) {
      io.stdout.write('^C\n');
      prompt();
    }
  });
  rl.on('line', (line) => {
    if (shell.busy) return;
    shell.run(line, io, () => prompt());
  });
  rl.on('close', () => {
    clearInterval(tick);
    io.stdout.write('\n');
    process.exit(0);
  });
  prompt();
}

main();
