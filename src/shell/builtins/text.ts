import { RE2JS } from 're2js';
import type { Command, CommandContext } from '../types.ts';

/** Input for a text filter: the named file, else what was piped in. */
function input(ctx: CommandContext, name: string, file: string | undefined): string | undefined {
  if (file === undefined) return ctx.stdin ?? '';
  const text = ctx.world.vfs.readFile(ctx.shell.resolve(file));
  if (text === undefined) ctx.stderr.write(`${name}: ${file}: No such file or directory\n`);
  return text;
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/**
 * GNU grep's patterns on RE2 (re2js): matching is linear in the input, so a
 * pattern like `(a+)+$` cannot freeze the page as a backtracking RegExp does.
 * Basic regular expressions (the default) are translated to RE2 syntax: `\(`,
 * `\{`, `\|`, `\+`, `\?` are the operators and the bare characters are
 * literal; -E takes extended syntax as is; -F matches fixed strings.
 */
export function grepPattern(pattern: string, mode: 'basic' | 'extended'): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      // A bracket expression is copied up to its closing ']' (a ']' first in it is literal); a backslash in it is literal in POSIX.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '[' && /[:.=]/.test(pattern[j + 1] ?? '')) {
          const close = pattern.indexOf(pattern[j + 1]! + ']', j + 2);
          j = close < 0 ? pattern.length : close + 2;
        } else j++;
      }
      if (j >= pattern.length) throw new GrepError('Unmatched [, [^, [:, [., or [=');
      out += pattern.slice(i, j + 1).replace(/\\/g, '\\\\');
      i = j;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) throw new GrepError('Trailing backslash');
      if (/[1-9]/.test(n)) throw new GrepError('back-references (\\' + n + ') are not simulated here');
      if (n === '<' || n === '>') out += '\\b';
      else if (mode === 'basic' && '(){}|+?'.includes(n)) out += n;
      else out += '\\' + n;
      atStart = mode === 'basic' && n === '(';
      continue;
    }
    if (mode === 'basic' && '(){}|+?'.includes(c)) out += '\\' + c;
    else if (c === '*' && atStart) out += '\\*';
    else out += c;
    atStart = (c === '^' && out.length === 1) || (mode === 'extended' && (c === '(' || c === '|'));
  }
  return out;
}

class GrepError extends Error {}

/** GNU grep's words for what RE2 rejects. */
function grepMessage(e: unknown): string {
  if (e instanceof GrepError) return e.message;
  const m = e instanceof Error ? e.message : String(e);
  if (/missing closing \)/.test(m)) return 'Unmatched ( or \\(';
  if (/unexpected \)/.test(m)) return 'Unmatched ) or \\)';
  if (/missing closing \]/.test(m)) return 'Unmatched [, [^, [:, [., or [=';
  if (/repetition|repeat/.test(m)) return 'Invalid preceding regular expression';
  return 'Invalid regular expression';
}

export const grep: Command = {
  name: 'grep',
  summary: { ko: '패턴과 맞는 줄만 골라 냅니다 (예: kubectl get pods | grep web)', en: 'print lines that match a pattern' },
  run(ctx) {
    const isOpt = (a: string) => /^-[ivcnEF]+$/.test(a);
    const opts = ctx.argv.slice(1).filter(isOpt).join('');
    const rest = ctx.argv.slice(1).filter((a) => !isOpt(a));
    const pattern = rest[0];
    if (pattern === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    const icase = opts.includes('i');
    let test: (line: string) => boolean;
    if (opts.includes('F')) {
      const needle = icase ? pattern.toLowerCase() : pattern;
      test = (l) => (icase ? l.toLowerCase() : l).includes(needle);
    } else {
      try {
        const re = RE2JS.compile(grepPattern(pattern, opts.includes('E') ? 'extended' : 'basic'), icase ? RE2JS.CASE_INSENSITIVE : 0);
        test = (l) => re.test(l);
      } catch (e) {
        ctx.stderr.write(`grep: ${grepMessage(e)}\n`);
        return 2;
      }
    }
    const text = input(ctx, 'grep', rest[1]);
    if (text === undefined) return 2;
    const invert = opts.includes('v');
    const hits = lines(text)
      .map((l, i) => [l, i + 1] as const)
      .filter(([l]) => test(l) !== invert);
    if (opts.includes('c')) ctx.stdout.write(`${hits.length}\n`);
    else for (const [l, n] of hits) ctx.stdout.write((opts.includes('n') ? `${n}:` : '') + l + '\n');
    return hits.length ? 0 : 1;
  },
};

function headTail(name: 'head' | 'tail'): Command {
  return {
    name,
    summary: name === 'head' ? { ko: '앞의 몇 줄만 보여 줍니다', en: 'print the first lines' } : { ko: '마지막 몇 줄만 보여 줍니다', en: 'print the last lines' },
    run(ctx) {
      let n = 10;
      let file: string | undefined;
      const args = ctx.argv.slice(1);
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const m = a.match(/^-n?(\d+)$/);
        if (a === '-n') n = Number(args[++i]);
        else if (m) n = Number(m[1]);
        else file = a;
      }
      if (!Number.isInteger(n) || n < 0) {
        ctx.stderr.write(`${name}: invalid number of lines\n`);
        return 1;
      }
      const text = input(ctx, name, file);
      if (text === undefined) return 1;
      const all = lines(text);
      const pick = name === 'head' ? all.slice(0, n) : all.slice(Math.max(0, all.length - n));
      for (const l of pick) ctx.stdout.write(l + '\n');
      return 0;
    },
  };
}

export const head = headTail('head');
export const tail = headTail('tail');

export const wc: Command = {
  name: 'wc',
  summary: { ko: '줄, 단어, 바이트 수를 셉니다 (wc -l)', en: 'count lines, words and bytes (wc -l)' },
  run(ctx) {
    const flags = ctx.argv.slice(1).filter((a) => a.startsWith('-')).join('');
    const file = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
    const text = input(ctx, 'wc', file);
    if (text === undefined) return 1;
    const l = (text.match(/\n/g) ?? []).length;
    const w = text.split(/\s+/).filter(Boolean).length;
    const c = new TextEncoder().encode(text).length;
    const parts = flags.includes('l') ? [l] : flags.includes('w') ? [w] : flags.includes('c') ? [c] : [l, w, c];
    const width = parts.length > 1 ? 7 : 1;
    ctx.stdout.write(parts.map((p) => String(p).padStart(width)).join(' ') + (file ? ` ${file}` : '') + '\n');
    return 0;
  },
};
