import type { Command } from '../types.ts';
import { backslashEscapes } from './echo.ts';

/** A number argument as bash's printf reads it: decimal, 0x hex, 0 octal, or 'c for a character code. */
function toNumber(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const t = arg.trim();
  const n = /^[+-]?0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^[+-]?0[0-7]+$/.test(t) ? parseInt(t, 8) : Number(t);
  if (Number.isNaN(n)) {
    errors.push(`printf: ${arg}: invalid number`);
    return parseFloat(t) || 0;
  }
  return n;
}

/**
 * bash's printf: the format is reused until every argument is consumed;
 * %s %b %c %d %i %u %x %X %o %f %e %g %q? and %% with flags, width and precision.
 */
export function formatPrintf(format: string, args: string[]): { text: string; errors: string[] } {
  const errors: string[] = [];
  let out = '';
  let k = 0;
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sbcdiuxXofeEgG%])/g;
  for (let pass = 0; pass === 0 || (k < args.length && pass < 10_000); pass++) {
    const before = k;
    let stop = false;
    let last = 0;
    spec.lastIndex = 0;
    let m: RegExpExecArray | null;
    const lit = (s: string) => {
      const r = backslashEscapes(s, false);
      out += r.text;
      if (r.stop) stop = true;
    };
    while ((m = spec.exec(format)) && !stop) {
      lit(format.slice(last, m.index));
      last = spec.lastIndex;
      if (stop) break;
      const [, flags = '', w, p, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? toNumber(args[k++], errors) : w ? Number(w) : 0;
      const prec = p === '*' ? toNumber(args[k++], errors) : p !== undefined ? Number(p) : undefined;
      const arg = args[k++];
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = backslashEscapes(arg ?? '');
          s = r.text;
          if (r.stop) stop = true;
          break;
        }
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(toNumber(arg, errors));
          s = String(Math.abs(n));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'x':
        case 'X':
        case 'o': {
          const n = Math.trunc(toNumber(arg, errors));
          s = (n >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          break;
        }
        default: {
          const n = toNumber(arg, errors);
          const digits = prec ?? 6;
          s = conv === 'f' ? n.toFixed(digits) : conv === 'e' || conv === 'E' ? n.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(n.toPrecision(digits || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (n >= 0 && flags.includes('+')) s = '+' + s;
        }
      }
      if (s.length < width) {
        if (flags.includes('-')) s = s.padEnd(width);
        else if (flags.includes('0') && /[diuxXofeEgG]/.test(conv!)) s = s.startsWith('-') || s.startsWith('+') ? s[0] + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
        else s = s.padStart(width);
      }
      out += s;
    }
    if (!stop) lit(format.slice(last));
    if (stop || k === before) break; // a format with no conversions is printed once
  }
  return { text: out, errors };
}

export const printf: Command = {
  name: 'printf',
  summary: { ko: "형식에 맞춰 출력합니다 (예: printf 'a\\nb\\n')", en: "print formatted text (e.g. printf 'a\\nb\\n')" },
  run({ argv, stdout, stderr }) {
    let args = argv.slice(1);
    if (args[0] === '--') args = args.slice(1);
    if (args[0] === '-v') {
      stderr.write('printf: -v: not simulated here\n');
      return 2;
    }
    if (args.length === 0) {
      stderr.write('printf: usage: printf [-v var] format [arguments]\n');
      return 2;
    }
    const r = formatPrintf(args[0]!, args.slice(1));
    stdout.write(r.text);
    for (const e of r.errors) stderr.write(`bash: ${e}\n`);
    return r.errors.length ? 1 : 0;
  },
};
