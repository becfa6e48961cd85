/**
 * `-o json` and `-o yaml` as kubectl writes them. kubectl prints unstructured
 * objects, so keys come out sorted: bytewise for JSON (encoding/json, 4-space
 * indent, HTML characters escaped) and go-yaml v2's natural order for YAML
 * (sigs.k8s.io/yaml), with sequences not indented under their key and long
 * scalars folded past column 80.
 */

// ---------- JSON ----------

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

export function toJSON(v: unknown, indent = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + toJSON(x, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(v as object)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${jsonString(k)}: ${toJSON((v as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${indent}}`;
}

// ---------- YAML ----------

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2's keyList.Less: letters after non-letters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    let ai = i;
    let bi = i;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const RESERVED = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<']);
const INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const FLOAT = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|infinity|nan)$/i;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Would go-yaml read this plain string back as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (RESERVED.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  return INT.test(plain) || FLOAT.test(plain) || TIMESTAMP.test(s) || BASE60.test(s);
}

const printable = (c: number) => c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);

/** yaml_emitter_analyze_scalar, reduced to what block context needs. */
function analyze(s: string): { plain: boolean; single: boolean; block: boolean } {
  const chars = [...s];
  let plain = true;
  let single = true;
  let block = true;
  if (s.startsWith('---') || s.startsWith('...')) plain = false;
  const blankz = (i: number) => i >= chars.length || chars[i] === ' ' || chars[i] === '\t' || chars[i] === '\n';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) plain = false;
      if ((c === '?' || c === ':' || c === '-') && blankz(1)) plain = false;
    } else {
      if (c === ':' && blankz(i + 1)) plain = false;
      if (c === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t')) plain = false;
    }
    if (!printable(c.codePointAt(0)!)) single = block = plain = false;
    if (c === '\n') plain = false;
    if (c === ' ' && chars[i + 1] === '\n') single = block = plain = false;
    if (c === '\n' && chars[i + 1] === ' ') single = plain = false;
  }
  if (chars[0] === ' ' || chars.at(-1) === ' ') plain = false;
  if (chars.at(-1) === ' ') block = false;
  return { plain, single, block };
}

const BEST_WIDTH = 80;

/** Writes `s` starting at `col`, folding at a space once past column 80 (go-yaml's emitter). */
function folded(s: string, col: number, indent: number, mode: 'plain' | 'single' | 'double'): string {
  const chars = [...s];
  let out = '';
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ' ') {
      const ok = mode === 'plain' ? chars[i + 1] !== ' ' : mode === 'single' ? i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ' : i > 0 && i < chars.length - 1;
      if (!spaces && col > BEST_WIDTH && ok) {
        out += '\n' + ' '.repeat(indent);
        col = indent;
        if (mode === 'double' && chars[i + 1] === ' ') {
          out += '\\';
          col++;
        }
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    let piece = c;
    if (mode === 'single' && c === "'") piece = "''";
    if (mode === 'double') piece = doubleEscape(c);
    out += piece;
    col += [...piece].length;
  }
  return out;
}

function doubleEscape(c: string): string {
  const esc: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\xa0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
  if (esc[c]) return esc[c]!;
  const cp = c.codePointAt(0)!;
  if (printable(cp)) return c;
  return cp <= 0xff ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A scalar value written at column `col`; continuation lines go to `indent`. */
function scalar(v: unknown, col: number, indent: number, simpleKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  const a = analyze(s);
  if (s.includes('\n') && !simpleKey && a.block) {
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') || s === '\n' ? '+' : '') : '-';
    const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    return `|${hint}${chomp}\n` + body.split('\n').map((l) => (l ? ' '.repeat(indent) + l : '')).join('\n');
  }
  const breaks = !simpleKey;
  if (!resolvesToNonString(s) && a.plain && !s.includes('\n')) return breaks ? folded(s, col, indent, 'plain') : s;
  if (!resolvesToNonString(s) && a.single && !s.includes('\n')) return `'${breaks ? folded(s, col + 1, indent, 'single') : s.replace(/'/g, "''")}'`;
  return `"${breaks ? folded(s, col + 1, indent, 'double') : [...s].map(doubleEscape).join('')}"`;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

/** Lines of a mapping whose keys sit at `indent`; `first` is the column the first key starts at when inline after `- `. */
function yamlMap(m: Record<string, unknown>, indent: number): string[] {
  const lines: string[] = [];
  for (const k of sortedKeys(m)) {
    const key = scalar(k, indent, indent, true);
    const v = m[k];
    const head = ' '.repeat(indent) + key + ':';
    if (isMap(v) && sortedKeys(v).length) lines.push(head, ...yamlMap(v, indent + 2));
    else if (Array.isArray(v) && v.length) lines.push(head, ...yamlSeq(v, indent));
    else lines.push(`${head} ${emptyOrScalar(v, [...head].length + 1, indent + 2)}`);
  }
  return lines;
}

function emptyOrScalar(v: unknown, col: number, indent: number): string {
  if (isMap(v)) return '{}';
  if (Array.isArray(v)) return '[]';
  return scalar(v, col, indent);
}

function yamlSeq(items: unknown[], indent: number): string[] {
  const lines: string[] = [];
  const dash = ' '.repeat(indent) + '- ';
  for (const item of items) {
    if (isMap(item) && sortedKeys(item).length) {
      const sub = yamlMap(item, indent + 2);
      lines.push(dash + sub[0]!.slice(indent + 2), ...sub.slice(1));
    } else if (Array.isArray(item) && item.length) {
      const sub = yamlSeq(item, indent + 2);
      lines.push(dash + sub[0]!.slice(indent + 2), ...sub.slice(1));
    } else lines.push(dash + emptyOrScalar(item, indent + 2, indent + 2));
  }
  return lines;
}

export function toYAML(v: unknown): string {
  if (isMap(v)) return sortedKeys(v).length ? yamlMap(v, 0).join('\n') + '\n' : '{}\n';
  if (Array.isArray(v)) return v.length ? yamlSeq(v, 0).join('\n') + '\n' : '[]\n';
  return scalar(v, 0, 0) + '\n';
}

/** json.Marshal: compact, sorted keys, HTML characters escaped. */
export function toCompactJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'object') return toJSON(v);
  if (Array.isArray(v)) return `[${v.map(toCompactJSON).join(',')}]`;
  const m = v as Record<string, unknown>;
  return `{${Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort()
    .map((k) => `${toJSON(k)}:${toCompactJSON(m[k])}`)
    .join(',')}}`;
}
