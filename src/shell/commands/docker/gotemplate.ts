import { table } from './render.ts';

/**
 * A small subset of Go's text/template, as the docker CLI feeds it to
 * `--format` / `-f`: field chains (`.State.Status`), `.`, `json`, `index`,
 * `len`, `upper`, `lower`, `join`, `println`, and `range` / `if` / `with`
 * blocks closed by `end`. Errors carry Go's own wording.
 */
type Node = { kind: 'text'; text: string } | { kind: 'action'; pipe: string } | { kind: 'block'; verb: 'range' | 'if' | 'with'; pipe: string; body: Node[]; alt: Node[] };

export class TemplateError extends Error {}

const FUNCS = new Set(['json', 'index', 'len', 'upper', 'lower', 'join', 'println', 'print', 'title', 'split', 'truncate', 'pad']);

export function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[]; block?: Extract<Node, { kind: 'block' }>; inElse: boolean }[] = [{ nodes: root, inElse: false }];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    const top = stack[stack.length - 1]!;
    const cur = top.inElse ? top.block!.alt : top.nodes;
    if (open < 0) {
      cur.push({ kind: 'text', text: src.slice(i) });
      break;
    }
    if (open > i) cur.push({ kind: 'text', text: src.slice(i, open) });
    const close = src.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError('template: :1: unclosed action');
    const body = src.slice(open + 2, close).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    i = close + 2;
    const m = body.match(/^(range|if|with)\s+(.+)$/s);
    if (m) {
      const block: Extract<Node, { kind: 'block' }> = { kind: 'block', verb: m[1] as 'range', pipe: m[2]!, body: [], alt: [] };
      cur.push(block);
      stack.push({ nodes: block.body, block, inElse: false });
    } else if (body === 'else') {
      if (stack.length === 1) throw new TemplateError('template: :1: unexpected {{else}}');
      top.inElse = true;
    } else if (body === 'end') {
      if (stack.length === 1) throw new TemplateError('template: :1: unexpected {{end}}');
      stack.pop();
    } else if (body === '') throw new TemplateError('template: :1: missing value for command');
    else {
      const fn = body.match(/^([A-Za-z_]\w*)/)?.[1];
      if (fn && !FUNCS.has(fn) && !['true', 'false', 'nil'].includes(fn)) throw new TemplateError(`template: :1: function "${fn}" not defined`);
      cur.push({ kind: 'action', pipe: body });
    }
  }
  if (stack.length > 1) throw new TemplateError(`template: :1: unexpected EOF`);
  return root;
}

function words(pipe: string): string[] {
  return pipe.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? [];
}

/** Go's fmt %v of a decoded JSON value: maps as map[k:v], lists as [a b]. */
export function goString(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goString((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

function field(dot: unknown, path: string, strict: boolean): unknown {
  let v: unknown = dot;
  for (const name of path.split('.').filter(Boolean)) {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw new TemplateError(`template: :1:2: executing "" at <.${name}>: can't evaluate field ${name} in type ${Array.isArray(v) ? '[]interface {}' : typeof v === 'number' ? 'float64' : typeof v}`);
    const rec = v as Record<string, unknown>;
    if (strict && !(name in rec)) throw new TemplateError(`template: :1:2: executing "" at <.${name}>: can't evaluate field ${name} in type *formatter.ContainerContext`);
    v = rec[name];
  }
  return v;
}

function arg(word: string, dot: unknown, strict: boolean): unknown {
  if (word === '.') return dot;
  if (word.startsWith('.')) return field(dot, word, strict);
  if (word.startsWith('"')) return JSON.parse(word);
  if (word.startsWith('`')) return word.slice(1, -1);
  if (/^-?\d+$/.test(word)) return Number(word);
  if (word === 'true' || word === 'false') return word === 'true';
  return undefined;
}

function evalPipe(pipe: string, dot: unknown, strict: boolean): unknown {
  // `a | b c` passes a as b's last argument.
  let prev: unknown;
  let first = true;
  for (const stage of pipe.split(/\s\|\s/)) {
    const w = words(stage);
    const args = w.slice(1).map((x) => arg(x, dot, strict));
    if (!first) args.push(prev);
    first = false;
    const fn = w[0]!;
    if (!FUNCS.has(fn)) {
      prev = arg(fn, dot, strict);
      continue;
    }
    switch (fn) {
      case 'json':
        prev = JSON.stringify(args[0] ?? null);
        break;
      case 'index': {
        let v = args[0];
        for (const k of args.slice(1)) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[String(k)];
        prev = v === undefined ? (args.length > 1 && Array.isArray(args[0]) ? undefined : '<no value>') : v;
        break;
      }
      case 'len':
        prev = Array.isArray(args[0]) ? args[0].length : typeof args[0] === 'string' ? args[0].length : Object.keys((args[0] as object) ?? {}).length;
        break;
      case 'upper':
        prev = goString(args[0]).toUpperCase();
        break;
      case 'lower':
        prev = goString(args[0]).toLowerCase();
        break;
      case 'title':
        prev = goString(args[0]).replace(/\b\w/g, (c) => c.toUpperCase());
        break;
      case 'join':
        prev = ((args[0] as unknown[]) ?? []).map(goString).join(String(args[1] ?? ''));
        break;
      case 'split':
        prev = String(args[0] ?? '').split(String(args[1] ?? ''));
        break;
      case 'println':
        prev = args.map(goString).join(' ') + '\n';
        break;
      case 'print':
        prev = args.map(goString).join('');
        break;
      case 'truncate':
        prev = goString(args[0]).slice(0, Number(args[1]));
        break;
      case 'pad':
        prev = `${' '.repeat(Number(args[1]))}${goString(args[0])}${' '.repeat(Number(args[2]))}`;
        break;
    }
  }
  return prev;
}

const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

function exec(nodes: Node[], dot: unknown, strict: boolean): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'action') out += goString(evalPipe(n.pipe, dot, strict));
    else {
      const v = evalPipe(n.pipe, dot, strict);
      if (n.verb === 'range') {
        const items = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]) : [];
        out += items.length ? items.map((x) => exec(n.body, x, false)).join('') : exec(n.alt, dot, strict);
      } else if (n.verb === 'if') out += truthy(v) ? exec(n.body, dot, strict) : exec(n.alt, dot, strict);
      else out += truthy(v) ? exec(n.body, v, false) : exec(n.alt, dot, strict);
    }
  }
  return out;
}

/**
 * Renders `tpl` over `data`. `strict` (docker ps's formatter context, a Go
 * struct) makes an unknown field an error; inspect's decoded JSON maps
 * print `<no value>` instead, as Go does for a missing map key.
 */
export function renderTemplate(tpl: string, data: unknown, strict = false): string {
  return exec(parseTemplate(tpl), data, strict);
}

/**
 * The docker CLI's formatter.Context.Write over one context per row: `table …` prints a header row (each `{{.Field}}`
 * replaced by header(Field)) and aligns the columns; `json` is `{{json .}}`; anything else is one rendered line per row.
 * A template that does not parse is "template parsing error: …", one that fails on a row the executor's error.
 */
export function formatRows(ctx: { stdout: { write(s: string): void }; stderr: { write(s: string): void } }, rows: unknown[], format: string, header: (field: string) => string): number {
  const isTable = format.startsWith('table ');
  const tpl = (isTable ? format.slice(6) : format).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  try {
    const lines = rows.map((r) => renderTemplate(tpl === 'json' ? '{{json .}}' : tpl, r, true));
    if (!isTable) return (ctx.stdout.write(lines.map((l) => `${l}\n`).join('')), 0);
    const head = tpl.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_m, f: string) => header(f));
    ctx.stdout.write(table([head, ...lines].map((l) => l.split('\t'))));
    return 0;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    ctx.stderr.write(`${e.message.startsWith('template: :1: ') && !e.message.includes('executing') ? `template parsing error: ${e.message}` : e.message}\n`);
    return 1;
  }
}
