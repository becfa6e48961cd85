import { RE2JS } from 're2js';
import type { Command } from '../types.ts';
import { SUMMARY } from '../commands/summaries.ts';
import { input, lines } from './text.ts';

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
  summary: SUMMARY.grep,
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
