import type { Command, CommandContext } from '../types.ts';

/**
 * GNU sed for the edits a lesson needs: `s/old/new/[gIp N]`, `d` and `p`,
 * each with an optional line-number, `$` or /regex/ address, several `-e`
 * scripts or `;`-separated commands, `-n`, `-E`/`-r` and `-i` (in place).
 * Patterns are POSIX basic (or extended with -E) regular expressions,
 * translated to JavaScript ones.
 */
type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp };
type SedCommand = { addr?: Address; name: 's'; re: RegExp; replacement: Replacement; global: boolean; nth: number; print: boolean } | { addr?: Address; name: 'd' | 'p' };

export class SedError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** POSIX BRE/ERE to a JavaScript RegExp source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      // Bracket expression: copied with POSIX classes expanded; a backslash inside is literal.
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') {
        body += '^';
        j++;
      }
      if (pattern[j] === ']') {
        body += '\\]';
        j++;
      }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j));
        if (cls && CLASSES[cls[1]!]) {
          body += CLASSES[cls[1]!];
          j += cls[0].length - 1;
        } else body += pattern[j] === '\\' ? '\\\\' : pattern[j];
      }
      if (j >= pattern.length) throw new SedError('unterminated address regex');
      out += `[${body}]`;
      i = j;
    } else if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else if (/[1-9wWsSbB]/.test(n)) out += '\\' + n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += /[a-zA-Z0-9]/.test(n) ? n : '\\' + n;
    } else if (!extended && '(){}+?|'.includes(c)) out += '\\' + c;
    else if (c === '*' && (out === '' || out === '^') && !extended) out += '\\*';
    else out += c;
  }
  return out;
}

/** sed's replacement text as parts: literal text, or a group number (0 for `&`, the whole match). */
type Replacement = (string | number)[];

function parseReplacement(rep: string): Replacement {
  const out: Replacement = [];
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      out.push(/[0-9]/.test(n) ? Number(n) : n === 'n' ? '\n' : n === 't' ? '\t' : n);
    } else if (c === '&') out.push(0);
    else out.push(c);
  }
  return out;
}

/** Reads text up to an unescaped delim; \delim becomes the delimiter itself. */
function readDelimited(script: string, i: number, delim: string): { text: string; end: number } | undefined {
  let text = '';
  for (; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && i + 1 < script.length) {
      text += script[i + 1] === delim ? (/[.*[\]^$\\+?(){}|]/.test(delim) ? '\\' + delim : delim) : '\\' + script[i + 1];
      i++;
    } else if (c === delim) return { text, end: i };
    else text += c;
  }
  return undefined;
}

export function parseSedScript(script: string, extended: boolean, exprNo = 1): SedCommand[] {
  const cmds: SedCommand[] = [];
  let i = 0;
  const fail = (msg: string) => {
    throw new SedError(`-e expression #${exprNo}, char ${Math.max(1, Math.min(i + 1, script.length))}: ${msg}`);
  };
  const makeRe = (src: string, flags: string) => {
    try {
      return new RegExp(posixToJs(src, extended), flags);
    } catch (e) {
      if (e instanceof SedError) fail(e.message);
      fail('Invalid preceding regular expression');
    }
    throw new Error('unreachable');
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    let addr: Address | undefined;
    const num = /^\d+/.exec(script.slice(i));
    if (num) {
      addr = { kind: 'line', n: Number(num[0]) };
      i += num[0].length;
    } else if (script[i] === '$') {
      addr = { kind: 'last' };
      i++;
    } else if (script[i] === '/') {
      const r = readDelimited(script, i + 1, '/');
      if (!r) fail('unterminated address regex');
      addr = { kind: 're', re: makeRe(r!.text, '') };
      i = r!.end + 1;
    }
    const name = script[i];
    if (name === 's') {
      const delim = script[i + 1];
      // GNU sed points at the end of the expression for an unterminated s
      if (delim === undefined || delim === '\n' || delim === '\\') (i = script.length), fail("unterminated `s' command");
      const pat = readDelimited(script, i + 2, delim!);
      if (!pat) (i = script.length), fail("unterminated `s' command");
      const rep = readDelimited(script, pat!.end + 1, delim!);
      if (!rep) (i = script.length), fail("unterminated `s' command");
      i = rep!.end + 1;
      let global = false;
      let insensitive = false;
      let print = false;
      let nth = 1;
      while (i < script.length && !/[\s;}]/.test(script[i]!)) {
        const f = script[i]!;
        const d = /^\d+/.exec(script.slice(i));
        if (f === 'g') global = true;
        else if (f === 'i' || f === 'I') insensitive = true;
        else if (f === 'p') print = true;
        else if (d) {
          nth = Number(d[0]);
          i += d[0].length - 1;
        } else fail("unknown option to `s'");
        i++;
      }
      const re = makeRe(pat!.text, 'g' + (insensitive ? 'i' : ''));
      const replacement = parseReplacement(rep!.text);
      const groups = new RegExp(`${re.source}|`).exec('')!.length - 1;
      const bad = replacement.find((part) => typeof part === 'number' && part > groups);
      if (bad !== undefined) fail(`invalid reference \\${bad} on \`s' command's RHS`);
      cmds.push({ addr, name: 's', re, replacement, global, nth, print });
    } else if (name === 'd' || name === 'p') {
      cmds.push({ addr, name });
      i++;
    } else if (name === undefined) fail('missing command');
    else fail(`unknown command: \`${name}'`);
  }
  return cmds;
}

function matches(addr: Address | undefined, line: string, n: number, last: boolean): boolean {
  if (!addr) return true;
  if (addr.kind === 'line') return addr.n === n;
  if (addr.kind === 'last') return last;
  addr.re.lastIndex = 0;
  return addr.re.test(line);
}

/** Runs the commands over text, line by line, as sed does. */
export function runSed(cmds: SedCommand[], text: string, quiet: boolean): string {
  if (text === '') return '';
  const trailing = text.endsWith('\n');
  const lines = (trailing ? text.slice(0, -1) : text).split('\n');
  let out = '';
  lines.forEach((orig, idx) => {
    let line = orig;
    let deleted = false;
    const last = idx === lines.length - 1;
    const nl = last && !trailing ? '' : '\n';
    for (const c of cmds) {
      if (!matches(c.addr, line, idx + 1, last)) continue;
      if (c.name === 'd') {
        deleted = true;
        break;
      }
      if (c.name === 'p') {
        out += line + '\n';
        continue;
      }
      const sub = c as Extract<SedCommand, { name: 's' }>;
      let count = 0;
      let changed = false;
      sub.re.lastIndex = 0;
      line = line.replace(sub.re, (...m: unknown[]) => {
        count++;
        if (count < sub.nth || (!sub.global && count > sub.nth)) return m[0] as string;
        changed = true;
        return sub.replacement.map((part) => (typeof part === 'string' ? part : ((m[part] as string | undefined) ?? ''))).join('');
      });
      if (changed && sub.print) out += line + '\n';
    }
    if (!deleted && !quiet) out += line + nl;
  });
  return out;
}

export const sed: Command = {
  name: 'sed',
  summary: { ko: "텍스트를 바꿉니다 (예: sed -i 's/nginx:1.27/nginx:1.28/' compose.yaml)", en: "edit text (e.g. sed -i 's/nginx:1.27/nginx:1.28/' compose.yaml)" },
  run(ctx: CommandContext) {
    const args = ctx.argv.slice(1);
    const scripts: string[] = [];
    const files: string[] = [];
    let inPlace = false;
    let quiet = false;
    let extended = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-e' || a === '--expression') {
        if (args[i + 1] === undefined) {
          ctx.stderr.write("sed: option requires an argument -- 'e'\n");
          return 1;
        }
        scripts.push(args[++i]!);
      } else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
      else if (a === '-i' || a.startsWith('--in-place') || /^-i[^-]/.test(a)) inPlace = true;
      else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (/^-[nEri]+$/.test(a)) {
        if (a.includes('n')) quiet = true;
        if (/[Er]/.test(a)) extended = true;
        if (a.includes('i')) inPlace = true;
      } else if (a.startsWith('-') && a !== '-') {
        ctx.stderr.write(`sed: invalid option -- '${a.slice(1, 2)}'\n`);
        return 1;
      } else files.push(a);
    }
    if (scripts.length === 0) {
      const s = files.shift();
      if (s === undefined) {
        ctx.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
        return 1;
      }
      scripts.push(s);
    }
    let cmds: SedCommand[];
    try {
      cmds = scripts.flatMap((s, k) => parseSedScript(s, extended, k + 1));
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      ctx.stderr.write(`sed: ${e.message}\n`);
      return 1;
    }
    if (inPlace && files.length === 0) {
      ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    if (files.length === 0) {
      ctx.stdout.write(runSed(cmds, ctx.stdin ?? '', quiet));
      return 0;
    }
    let code = 0;
    for (const f of files) {
      const p = ctx.shell.resolve(f);
      const text = ctx.world.vfs.readFile(p);
      if (text === undefined) {
        ctx.stderr.write(ctx.world.vfs.isDir(p) ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: No such file or directory\n`);
        code = 2;
        continue;
      }
      const out = runSed(cmds, text, quiet);
      if (inPlace) {
        const e = ctx.world.vfs.writeFile(p, out);
        if (e) {
          ctx.stderr.write(`sed: ${e.message}\n`);
          code = 4;
        }
      } else ctx.stdout.write(out);
    }
    return code;
  },
};
