import type { Command } from '../types.ts';

/**
 * Backslash escapes as `echo -e` and printf's %b read them. Returns the text
 * and whether a \c asked to stop all further output.
 */
export function backslashEscapes(s: string, octalNeedsZero = true): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === 'x' && /^[0-9a-fA-F]/.test(s.slice(i + 1))) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else if ((octalNeedsZero && n === '0') || (!octalNeedsZero && /[0-7]/.test(n))) {
      const digits = /^[0-7]{0,3}/.exec(s.slice(octalNeedsZero ? i + 1 : i))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i += octalNeedsZero ? digits.length : digits.length - 1;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

export const echo: Command = {
  name: 'echo',
  summary: { ko: '인자를 그대로 출력합니다 (-e: \\n 같은 이스케이프 해석)', en: 'print the arguments (-e: interpret escapes such as \\n)' },
  run({ argv, stdout }) {
    let args = argv.slice(1);
    let newline = true;
    let escapes = false;
    // Like bash's builtin: only words made of n, e and E after a dash are options.
    while (args.length && /^-[neE]+$/.test(args[0]!)) {
      for (const f of args[0]!.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const r = backslashEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    stdout.write(text + (newline ? '\n' : ''));
    return 0;
  },
};
