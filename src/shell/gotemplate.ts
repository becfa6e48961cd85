/**
 * The part of Go's text/template that kubectl's `-o go-template` and
 * docker's `--format` are used with: fields (`.metadata.name`, `$`, `$x`),
 * `range` (with `$i, $e :=`) and `if`/`else if`/`else`/`with`, string and
 * number literals, pipelines (`.x | printf "%s"`), `{{-`/`-}}` trimming,
 * and the functions people write: index, len, printf, print, println, eq,
 * ne, lt, le, gt, ge, and, or, not, plus each tool's own (KUBECTL_FUNCS, DOCKER_FUNCS).
 * Errors read like Go's (`template: output:1: function "x" not defined`).
 */

type Value = unknown;
export type TemplateFuncs = Record<string, (...args: Value[]) => Value>;

type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'range'; pipe: Pipe; vars: string[]; body: Node[]; els: Node[] }
  | { t: 'if' | 'with'; pipe: Pipe; body: Node[]; els: Node[] };

type Arg = { k: 'field'; base: string; path: string[] } | { k: 'lit'; v: Value } | { k: 'call'; name: string } | { k: 'sub'; pipe: Pipe; path: string[] };
type Cmd = Arg[];
type Pipe = { decl?: string; cmds: Cmd[]; line?: number; col?: number };

export class TemplateError extends Error {}

/** Deepest nesting of blocks or parentheses parsed (Go's parser has maxStackDepth). */
const MAX_DEPTH = 1000;

const fail = (name: string, line: number, msg: string): never => {
  throw new TemplateError(`template: ${name}:${line}: ${msg}`);
};

function tokenize(src: string, name: string): { t: 'text' | 'action'; s: string; line: number; col?: number }[] {
  const out: { t: 'text' | 'action'; s: string; line: number; col?: number }[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ t: 'text', s: src.slice(i), line });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start++;
    }
    if (text) out.push({ t: 'text', s: text, line });
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    // Find the closing braces outside string literals.
    let j = start;
    let quote = '';
    for (; j < src.length; j++) {
      const c = src[j]!;
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (c === '}' && src[j + 1] === '}') break;
    }
    if (j >= src.length) {
      // Go's lexer stops at the first character an action cannot hold: a lone '}' (`{{.Name}`) before the end.
      let q = '';
      for (let k = start; k < src.length; k++) {
        const c = src[k]!;
        if (q) {
          if (c === '\\' && q === '"') k++;
          else if (c === q) q = '';
        } else if (c === '"' || c === '`' || c === "'") q = c;
        else if (c === '}') fail(name, line + (src.slice(open, k).match(/\n/g) ?? []).length, "unrecognized character in action: U+007D '}'");
      }
      fail(name, line, 'unclosed action');
    }
    let body = src.slice(start, j);
    let next = j + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      while (next < src.length && /\s/.test(src[next]!)) next++;
    }
    // Go reports a position as line:column of the action's first token (0-based byte column).
    const col = start - (src.lastIndexOf('\n', open) + 1) + (body.length - body.trimStart().length);
    out.push({ t: 'action', s: body.trim(), line, col });
    line += (src.slice(open, next).match(/\n/g) ?? []).length;
    i = next;
  }
  return out;
}

function lexAction(s: string, name: string, line: number): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) fail(name, line, 'unterminated quoted string');
      toks.push(s.slice(i, j + 1));
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) fail(name, line, 'unterminated raw quoted string');
      toks.push(s.slice(i, j + 1));
      i = j + 1;
    } else if ('()|,'.includes(c)) {
      toks.push(c);
      i++;
      // (pipeline).field: a field chained onto the parenthesized value, written without a space.
      if (c === ')' && s[i] === '.' && /\w/.test(s[i + 1] ?? '')) {
        let j = i;
        while (j < s.length && !/[\s()|,]/.test(s[j]!)) j++;
        toks.push(`@${s.slice(i, j)}`);
        i = j;
      }
    } else if (s.startsWith(':=', i)) {
      toks.push(':=');
      i += 2;
    } else {
      let j = i;
      while (j < s.length && !/[\s()|,]/.test(s[j]!) && !s.startsWith(':=', j)) j++;
      toks.push(s.slice(i, j));
      i = j;
    }
  }
  return toks;
}

function parsePipe(toks: string[], name: string, line: number, depth = 0): Pipe {
  let pos = 0;
  const pipe: Pipe = { cmds: [] };
  if (toks[0]?.startsWith('$') && toks[1] === ':=') {
    pipe.decl = toks[0];
    pos = 2;
  }
  const arg = (): Arg => {
    const t = toks[pos++]!;
    if (t === '(') {
      if (depth >= MAX_DEPTH) fail(name, line, 'max expression depth exceeded');
      const start = pos;
      let open = 1;
      while (pos < toks.length && open) {
        if (toks[pos] === '(') open++;
        else if (toks[pos] === ')') open--;
        pos++;
      }
      if (open) fail(name, line, 'unclosed left paren');
      const path = toks[pos]?.startsWith('@.') ? toks[pos++]!.slice(2).split('.') : [];
      return { k: 'sub', pipe: parsePipe(toks.slice(start, pos - 1 - (path.length ? 1 : 0)), name, line, depth + 1), path };
    }
    if (t.startsWith('"')) return { k: 'lit', v: JSON.parse(t) };
    if (t.startsWith('`')) return { k: 'lit', v: t.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(t)) return { k: 'lit', v: Number(t) };
    if (t === 'true' || t === 'false') return { k: 'lit', v: t === 'true' };
    if (t === 'nil') return { k: 'lit', v: null };
    if (t.startsWith('.')) return { k: 'field', base: '.', path: t === '.' ? [] : t.slice(1).split('.') };
    if (t.startsWith('$')) {
      const [base, ...path] = t.split('.');
      return { k: 'field', base: base!, path };
    }
    if (/^[A-Za-z_]\w*$/.test(t)) return { k: 'call', name: t };
    return fail(name, line, `unexpected "${t}" in command`);
  };
  let cmd: Cmd = [];
  while (pos < toks.length) {
    if (toks[pos] === '|') {
      if (!cmd.length) fail(name, line, 'missing value for command');
      pipe.cmds.push(cmd);
      cmd = [];
      pos++;
      continue;
    }
    cmd.push(arg());
  }
  if (!cmd.length) fail(name, line, 'missing value for command');
  pipe.cmds.push(cmd);
  return pipe;
}

function parse(src: string, name: string): Node[] {
  const toks = tokenize(src, name);
  let pos = 0;
  let depth = 0;
  function block(stopAt: string[]): { nodes: Node[]; end: string; endTok?: { s: string; line: number; col?: number } } {
    const nodes: Node[] = [];
    while (pos < toks.length) {
      const tok = toks[pos++]!;
      if (tok.t === 'text') {
        nodes.push({ t: 'text', s: tok.s });
        continue;
      }
      const s = tok.s;
      if (s.startsWith('/*')) continue;
      const word = s.split(/\s+/)[0]!;
      if (stopAt.includes(word)) return { nodes, end: word, endTok: tok };
      if (word === 'end' || word === 'else') fail(name, tok.line, `unexpected {{${word}}}`);
      if (word === 'range' || word === 'if' || word === 'with') {
        nodes.push(control(word, s.slice(word.length).trim(), tok.line));
        continue;
      }
      nodes.push({ t: 'action', pipe: { ...parsePipe(lexAction(s, name, tok.line), name, tok.line), line: tok.line, col: tok.col } });
    }
    return { nodes, end: 'EOF' };
  }
  /** range/if/with up to its {{end}}; `{{else if x}}` is an if nested in the else that shares the one {{end}}. */
  function control(word: 'range' | 'if' | 'with', rest: string, line: number): Node {
    // Go's parser stops at maxStackDepth; a pasted template nested thousands deep must not overflow the page's stack.
    if (++depth > MAX_DEPTH) fail(name, line, 'max expression depth exceeded');
    const lexed = lexAction(rest, name, line);
    let vars: string[] = [];
    let pipeToks = lexed;
    const decl = lexed.indexOf(':=');
    if (word === 'range' && decl > 0) {
      vars = lexed.slice(0, decl).filter((x) => x !== ',');
      pipeToks = lexed.slice(decl + 1);
    }
    if (!pipeToks.length) fail(name, line, `missing value for ${word}`);
    const pipe = parsePipe(pipeToks, name, line);
    const body = block(['end', 'else']);
    let els: Node[] = [];
    if (body.end === 'else') {
      const elseRest = body.endTok!.s.slice(4).trim();
      if (elseRest.startsWith('if ')) els = [control('if', elseRest.slice(3).trim(), body.endTok!.line)];
      else {
        const e = block(['end']);
        if (e.end !== 'end') fail(name, line, 'unexpected EOF');
        els = e.nodes;
      }
    } else if (body.end !== 'end') fail(name, line, 'unexpected EOF');
    depth--;
    return word === 'range' ? { t: 'range', pipe, vars, body: body.nodes, els } : { t: word, pipe, body: body.nodes, els };
  }
  const top = block([]);
  return top.nodes;
}

function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** fmt's %v of a decoded JSON value, as Go prints map[string]interface{} and []interface{}. */
export function goString(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace(/^(\d+)e\+?(\d+)$/, '$1e+$2');
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  const m = v as Record<string, Value>;
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:${goString(m[k])}`)
    .join(' ')}]`;
}

function sprintf(format: string, args: Value[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([vsdqtfx%])/g, (_m, flags: string, width: string, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    let s: string;
    if (verb === 'q') s = JSON.stringify(goString(a));
    else if (verb === 'd') s = typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${typeof a}=${goString(a)})`;
    else if (verb === 'f') s = typeof a === 'number' ? a.toFixed(prec ? Number(prec) : 6) : `%!f(${typeof a}=${goString(a)})`;
    else if (verb === 'x') s = typeof a === 'number' ? a.toString(16) : [...new TextEncoder().encode(goString(a))].map((b) => b.toString(16).padStart(2, '0')).join('');
    else s = goString(a);
    if (width) s = flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes('0') && verb === 'd' ? '0' : ' ');
    return s;
  });
}

const cmp = (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a - b : goString(a) < goString(b) ? -1 : goString(a) > goString(b) ? 1 : 0);

/** text/template's own functions. */
export const GO_FUNCS: TemplateFuncs = {
  index: (x, ...keys) => keys.reduce<Value>((v, k) => (v === null || v === undefined ? undefined : (v as Record<string, Value>)[k as string]), x),
  len: (x) => (typeof x === 'string' || Array.isArray(x) ? x.length : x && typeof x === 'object' ? Object.keys(x).length : 0),
  printf: (f, ...a) => sprintf(goString(f), a),
  print: (...a) => a.map(goString).join(''),
  println: (...a) => `${a.map(goString).join(' ')}\n`,
  eq: (a, ...bs) => bs.some((b) => cmp(a, b) === 0),
  ne: (a, b) => cmp(a, b) !== 0,
  lt: (a, b) => cmp(a, b) < 0,
  le: (a, b) => cmp(a, b) <= 0,
  gt: (a, b) => cmp(a, b) > 0,
  ge: (a, b) => cmp(a, b) >= 0,
  and: (...a) => a.find((x) => !truthy(x)) ?? a.at(-1),
  or: (...a) => a.find((x) => truthy(x)) ?? a.at(-1),
  not: (a) => !truthy(a),
};

/** kubectl's -o go-template adds exists and base64decode (pkg/printers/template.go). */
export const KUBECTL_FUNCS: TemplateFuncs = {
  ...GO_FUNCS,
  exists: (x, ...keys) => keys.reduce<Value>((v, k) => (v && typeof v === 'object' && k as string in (v as object) ? (v as Record<string, Value>)[k as string] : undefined), x) !== undefined,
  base64decode: (a) => {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(goString(a)), (c) => c.charCodeAt(0)));
    } catch {
      return '';
    }
  },
};

/** docker's --format adds json, join, lower, upper, split, title, truncate and pad (templates/templates.go). */
export const DOCKER_FUNCS: TemplateFuncs = {
  ...GO_FUNCS,
  json: (a) => JSON.stringify(a),
  join: (a, sep) => (Array.isArray(a) ? a.map(goString).join(goString(sep)) : goString(a)),
  lower: (a) => goString(a).toLowerCase(),
  upper: (a) => goString(a).toUpperCase(),
  split: (a, sep) => goString(a).split(goString(sep)),
  title: (a) => goString(a).replace(/\b\w/g, (c) => c.toUpperCase()),
  truncate: (a, n) => goString(a).slice(0, Number(n)),
  pad: (a, l, r) => `${' '.repeat(Number(l))}${goString(a)}${' '.repeat(Number(r))}`,
};

export interface TemplateOptions {
  funcs?: TemplateFuncs;
  /** The template's name in messages: kubectl's is "output", docker's "". */
  name?: string;
  /**
   * The Go type of the data when it is a struct (docker's formatter
   * contexts): a field it lacks is an execution error naming that type, where
   * a map (kubectl's decoded objects) answers <no value>.
   */
  struct?: string;
}

/** Parses once (unknown functions fail here, as in Go), then executes over any number of values. */
export function compileTemplate(src: string, opts: TemplateOptions = {}): (data: Value) => string {
  const name = opts.name ?? 'output';
  const funcs = opts.funcs ?? GO_FUNCS;
  const nodes = parse(src, name);
  const checkPipe = (p: Pipe): void => {
    for (const cmd of p.cmds)
      for (const a of cmd) {
        if (a.k === 'call' && !funcs[a.name]) fail(name, p.line ?? 1, `function "${a.name}" not defined`);
        if (a.k === 'sub') checkPipe({ ...a.pipe, line: p.line });
      }
  };
  const check = (ns: Node[]): void => {
    for (const n of ns) {
      if (n.t === 'text') continue;
      checkPipe(n.pipe);
      if (n.t !== 'action') (check(n.body), check(n.els));
    }
  };
  check(nodes);
  return (data) => execute(nodes, data, funcs, name, opts.struct);
}

/** Executes template src over data; throws TemplateError with Go's wording. */
export function executeTemplate(src: string, data: Value, funcs: TemplateFuncs = GO_FUNCS, name = 'output'): string {
  return compileTemplate(src, { funcs, name })(data);
}

/** Go's name for the type of a decoded JSON value, as the executor's errors print it. */
const goType = (v: Value): string => (Array.isArray(v) ? '[]interface {}' : typeof v === 'number' ? 'float64' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'interface {}');

function execute(nodes: Node[], data: Value, funcs: TemplateFuncs, name: string, struct: string | undefined): string {
  let out = '';
  let at: Pipe | undefined;
  const run = (ns: Node[], dot: Value, vars: Map<string, Value>) => {
    for (const n of ns) {
      if (n.t === 'text') out += n.s;
      else if (n.t === 'action') {
        const v = evalPipe(n.pipe, dot, vars);
        if (!n.pipe.decl) out += goString(v);
      } else if (n.t === 'if' || n.t === 'with') {
        const v = evalPipe(n.pipe, dot, vars);
        if (truthy(v)) run(n.body, n.t === 'with' ? v : dot, vars);
        else run(n.els, dot, vars);
      } else {
        const names = n.t === 'range' ? n.vars : [];
        const v = evalPipe(n.pipe, dot, vars);
        const entries: [Value, Value][] = Array.isArray(v) ? v.map((e, i) => [i, e]) : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => [k, (v as Record<string, Value>)[k]]) : [];
        if (!entries.length) run(n.els, dot, vars);
        for (const [k, e] of entries) {
          const inner = new Map(vars);
          if (names.length === 1) inner.set(names[0]!, e);
          if (names.length === 2) (inner.set(names[0]!, k), inner.set(names[1]!, e));
          run(n.body, e, inner);
        }
      }
    }
  };
  const execError = (field: string, type: string): never => {
    throw new TemplateError(`template: ${name}:${at?.line ?? 1}:${at?.col ?? 0}: executing "${name}" at <.${field}>: can't evaluate field ${field} in type ${type}`);
  };
  const field = (base: Value, path: string[]): Value => {
    let v = base;
    for (const k of path) {
      if (v === null || v === undefined) return undefined;
      if (typeof v !== 'object' || Array.isArray(v)) {
        if (struct) execError(k, goType(v));
        return undefined;
      }
      if (struct && v === data && !(k in (v as object))) execError(k, struct);
      v = (v as Record<string, Value>)[k];
    }
    return v;
  };
  const evalArg = (a: Arg, dot: Value, vars: Map<string, Value>): Value => {
    if (a.k === 'lit') return a.v;
    if (a.k === 'sub') return field(evalPipe(a.pipe, dot, vars), a.path);
    if (a.k === 'field') {
      if (a.base === '.') return field(dot, a.path);
      if (!vars.has(a.base)) fail(name, 1, `undefined variable "${a.base}"`);
      return field(vars.get(a.base), a.path);
    }
    return funcs[a.name]!();
  };
  const evalPipe = (p: Pipe, dot: Value, vars: Map<string, Value>): Value => {
    if (p.line !== undefined) at = p;
    let prev: Value = undefined;
    p.cmds.forEach((cmd, ci) => {
      const [head, ...rest] = cmd;
      const piped = ci > 0 ? [prev] : [];
      if (head!.k === 'call') prev = funcs[head!.name]!(...rest.map((a) => evalArg(a, dot, vars)), ...piped);
      else {
        if (rest.length || ci > 0) fail(name, 1, `can't give argument to non-function ${head!.k === 'field' ? (head!.base === '.' ? '.' : head!.base) + head!.path.map((x) => `.${x}`).join('') : 'literal'}`);
        prev = evalArg(head!, dot, vars);
      }
    });
    if (p.decl) vars.set(p.decl, prev);
    return prev;
  };
  run(nodes, data, new Map([['$', data]]));
  return out;
}
