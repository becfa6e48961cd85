import type { Tty } from './types.ts';

const CODES = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
} as const;

export type Styler = Record<keyof typeof CODES, (s: string) => string>;

/** Colour helpers that turn into the identity when output is not a terminal. */
export function styler(tty: Pick<Tty, 'color'>): Styler {
  const out = {} as Styler;
  for (const [name, code] of Object.entries(CODES) as [keyof typeof CODES, number][]) {
    out[name] = tty.color ? (s) => `\x1b[${code}m${s}\x1b[0m` : (s) => s;
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, '');
}

/** Display width: East Asian wide characters (Hangul, CJK) take two cells. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)) ? 2 : 1;
  }
  return w;
}

/**
 * Output for a real terminal: escape sequences the simulator does not emit
 * itself are shown, not obeyed. The simulator only colours text (SGR,
 * `ESC [ … m`, and only when colour is on); anything else from a file or an
 * error message (OSC 52 clipboard writes, title changes, cursor moves, C1
 * controls) is printed the way `cat -v` shows it, e.g. `^[]52;c;…^G`.
 */
export function escapeControls(s: string, allowSgr: boolean): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g, (m) => {
    if (m.length > 1) return allowSgr ? m : caret(m[0]!) + m.slice(1);
    return caret(m);
  });
}

function caret(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x7f) return '^?';
  if (c >= 0x80) return `M-${caret(String.fromCharCode(c - 0x80))}`;
  return `^${String.fromCharCode(c + 64)}`;
}
