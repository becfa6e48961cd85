/**
 * The subset of kubectl's JSONPath (client-go util/jsonpath) lessons use:
 * `{.a.b}`, `[n]`, `[a:b]`, `[*]`, `..name`, `['key']`, filters
 * `[?(@.type=="Ready")]`, `{range ...}{end}`, string literals `{"\n"}`.
 * Missing keys print nothing, as `kubectl -o jsonpath` allows them.
 */
import { toCompactJSON } from './serialize.ts';

type Seg =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wild' }
  | { t: 'index'; start?: number; end?: number; single: boolean }
  | { t: 'filter'; left: Seg[]; op?: string; right?: { path?: Seg[]; lit?: unknown } };

type Node = { t: 'text'; text: string } | { t: 'path'; segs: Seg[] } | { t: 'range'; segs: Seg[]; body: Node[] };

export type JsonPathResult = { ok: true; value: string } | { ok: false; error: string };

class ParseError extends Error {}

function parsePath(src: string, pos: { i: number }, stop: (c: string) => boolean): Seg[] {
  const segs: Seg[] = [];
  const ident = () => {
    let name = '';
    while (pos.i < src.length && /[\w\-/\\]/.test(src[pos.i]!)) {
      if (src[pos.i] === '\\' && src[pos.i + 1] === '.') {
        name += '.';
        pos.i += 2;
        continue;
      }
      name += src[pos.i++];
    }
    return name;
  };
  if (src[pos.i] === '$' || src[pos.i] === '@') pos.i++;
  while (pos.i < src.length && !stop(src[pos.i]!)) {
    const c = src[pos.i]!;
    if (c === '.') {
      if (src[pos.i + 1] === '.') {
        pos.i += 2;
        segs.push({ t: 'recursive', name: ident() });
      } else if (src[pos.i + 1] === '*') {
        pos.i += 2;
        segs.push({ t: 'wild' });
      } else {
        pos.i++;
        const name = ident();
        if (name) segs.push({ t: 'field', name });
      }
    } else if (c === '[') {
      const close = src.indexOf(']', pos.i);
      if (src[pos.i + 1] === '?') {
        if (src[pos.i + 2] !== '(') throw new ParseError('unterminated filter');
        let depth = 0;
        let j = pos.i + 2;
        for (; j < src.length; j++) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')' && --depth === 0) break;
        }
        if (j >= src.length || src[j + 1] !== ']') throw new ParseError('unterminated filter');
        segs.push(parseFilter(src.slice(pos.i + 3, j)));
        pos.i = j + 2;
        continue;
      }
      if (close < 0) throw new ParseError('unterminated array');
      const body = src.slice(pos.i + 1, close).trim();
      pos.i = close + 1;
      if (body === '*') segs.push({ t: 'wild' });
      else if (/^'.*'$/.test(body) || /^".*"$/.test(body)) segs.push({ t: 'field', name: body.slice(1, -1) });
      else {
        const parts = body.split(':');
        const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
        if (parts.some((p) => p.trim() !== '' && !/^-?\d+$/.test(p.trim())) || parts.length > 3) throw new ParseError(`invalid array index ${body}`);
        segs.push(parts.length === 1 ? { t: 'index', start: num(parts[0]), single: true } : { t: 'index', start: num(parts[0]), end: num(parts[1]), single: false });
      }
    } else throw new ParseError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
  }
  return segs;
}

function parseFilter(expr: string): Seg {
  const m = /^\s*(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>|=~)?\s*(.*?)\s*$/.exec(expr);
  if (!m) throw new ParseError('unterminated filter');
  const left = parsePath(m[1]!, { i: 0 }, () => false);
  if (!m[2]) return { t: 'filter', left };
  const r = m[3]!;
  let right: { path?: Seg[]; lit?: unknown };
  if (/^(['"]).*\1$/.test(r)) right = { lit: r.slice(1, -1) };
  else if (/^-?\d+(\.\d+)?$/.test(r)) right = { lit: Number(r) };
  else if (r === 'true' || r === 'false') right = { lit: r === 'true' };
  else right = { path: parsePath(r, { i: 0 }, () => false) };
  return { t: 'filter', left, op: m[2], right };
}

function parseString(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

export function parseJsonPath(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top.push({ t: 'text', text: template.slice(i, open) });
    // A quoted literal may itself contain braces.
    let close = -1;
    let quote = '';
    for (let j = open + 1; j < template.length; j++) {
      const c = template[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') {
        close = j;
        break;
      }
    }
    if (close < 0) throw new ParseError(quote ? 'unterminated quoted string' : 'unclosed action');
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new ParseError('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: Node = { t: 'range', segs: parsePath(action.slice(6).trim(), { i: 0 }, () => false), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (/^".*"$/s.test(action)) top.push({ t: 'text', text: parseString(action) });
    else top.push({ t: 'path', segs: parsePath(action, { i: 0 }, () => false) });
  }
  return root;
}

function walk(values: unknown[], segs: Seg[]): unknown[] {
  let cur = values;
  for (const s of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (s.t === 'field') {
        if (v && typeof v === 'object' && !Array.isArray(v) && s.name in (v as object)) {
          const x = (v as Record<string, unknown>)[s.name];
          if (x !== undefined) next.push(x);
        }
      } else if (s.t === 'wild') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]));
      } else if (s.t === 'recursive') {
        const visit = (x: unknown) => {
          if (x && typeof x === 'object') {
            if (!Array.isArray(x) && s.name in x) next.push((x as Record<string, unknown>)[s.name]);
            for (const child of Array.isArray(x) ? x : Object.keys(x).sort().map((k) => (x as Record<string, unknown>)[k])) visit(child);
          }
        };
        visit(v);
      } else if (s.t === 'index') {
        if (!Array.isArray(v)) continue;
        const len = v.length;
        if (s.single) {
          let idx = s.start ?? 0;
          if (idx < 0) idx += len;
          if (idx < 0 || idx >= len) throw new Error(`array index out of bounds: index ${s.start ?? 0}, length ${len}`);
          next.push(v[idx]);
        } else {
          const norm = (n: number | undefined, d: number) => (n === undefined ? d : n < 0 ? Math.max(0, n + len) : Math.min(n, len));
          next.push(...v.slice(norm(s.start, 0), norm(s.end, len)));
        }
      } else {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) {
          const left = walk([item], s.left);
          if (!s.op) {
            if (left.length) next.push(item);
            continue;
          }
          const right = s.right!.path ? walk([item], s.right!.path) : [s.right!.lit];
          if (left.length === 0 || right.length === 0) continue;
          const [a, b] = [left[0], right[0]] as [unknown, unknown];
          const ok =
            s.op === '==' ? a === b || String(a) === String(b) && typeof a === typeof b :
            s.op === '!=' ? a !== b :
            s.op === '<' ? Number(a) < Number(b) :
            s.op === '>' ? Number(a) > Number(b) :
            s.op === '<=' ? Number(a) <= Number(b) :
            s.op === '>=' ? Number(a) >= Number(b) :
            new RegExp(String(b)).test(String(a));
          if (ok) next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** printResults: text for scalars, compact JSON for maps and lists, one space between results. */
function text(values: unknown[]): string {
  return values
    .map((v) => (v !== null && typeof v === 'object' ? toCompactJSON(v) : v === null ? '<nil>' : String(v)))
    .join(' ');
}

function exec(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'path') out += text(walk([data], n.segs));
    else for (const item of walk([data], n.segs).flatMap((v) => (Array.isArray(v) ? v : [v]))) out += exec(n.body, item);
  }
  return out;
}

/** Values a JSONPath expression finds (custom-columns uses this). */
export function findJsonPath(template: string, data: unknown): unknown[] {
  const nodes = parseJsonPath(template);
  return nodes.flatMap((n) => (n.t === 'path' ? walk([data], n.segs) : []));
}

/** `kubectl get -o jsonpath=TEMPLATE`: the output, or kubectl's error text. */
export function printJsonPath(template: string, data: unknown): JsonPathResult {
  let nodes: Node[];
  try {
    nodes = parseJsonPath(template);
  } catch (e) {
    return { ok: false, error: `error: error parsing jsonpath ${template}, ${(e as Error).message}\n` };
  }
  try {
    return { ok: true, value: exec(nodes, data) };
  } catch (e) {
    return { ok: false, error: `error: error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${(e as Error).message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\n` };
  }
}
