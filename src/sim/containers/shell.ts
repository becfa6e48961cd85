/**
 * A small POSIX shell for what runs inside containers: `sh -c` commands,
 * shell-form CMDs, `docker exec`/`kubectl exec … sh -c`, scripts copied in by
 * a build. Quoting, `$VAR`/`${VAR:-x}`/`$?`/`$(…)`, `;` `&&` `||` `|`,
 * redirections (`>` `>>` `<` `2>` `2>&1`), `VAR=x cmd`, `export`, `cd`,
 * `exit`, `trap`, `exec`, `if`, `for`, `while`/`until`.
 *
 * It runs on a virtual timeline: `sleep` moves time on, output is stamped
 * with the time it is written, and an endless `while true; do …; sleep N;
 * done` is reported once as a loop with its period instead of being run.
 * Commands themselves are the host's (see utils.ts): the shell only wires them.
 */

export interface CmdIO {
  stdin: string;
  env: Record<string, string>;
  cwd: string;
  /** Virtual ms since the script started. */
  at: number;
}

export interface CmdResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Time the command took; Infinity for one that never returns (sleep infinity, tail -f). */
  ms?: number;
  /** The command becomes the container's long-running process (a server). */
  takeover?: unknown;
}

export interface ShellHost {
  run(argv: string[], io: CmdIO): CmdResult;
  readFile(path: string): string | undefined;
  /** `at`: virtual ms since the script started (a redirection after `sleep 30` happens 30 s in). */
  writeFile(path: string, text: string, at?: number): void;
  /** Why path cannot be written (a read-only mount), if it cannot. */
  writeError?(path: string): string | undefined;
}

export interface Output {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export type ShellEnd =
  | { kind: 'exit'; code: number }
  /** Never ends by itself (sleep infinity, tail -f, a loop with no sleep). */
  | { kind: 'forever' }
  /** `while true; do …; sleep N; done`: body output repeats every `every` ms. */
  | { kind: 'loop'; every: number; body: Output[] }
  | { kind: 'takeover'; program: unknown };

export interface ShellResult {
  out: Output[];
  end: ShellEnd;
  /** Time at which it ended (or the loop/takeover started). */
  at: number;
  trapsTerm: boolean;
  env: Record<string, string>;
  /** Working directory at the end (an interactive session keeps it for the next line). */
  cwd: string;
  /** The script ended by `exit` or `exec`, not by running out of lines (an interactive shell then ends too). */
  exited: boolean;
}

// ---------------------------------------------------------------- lexer

type Tok = { op: string } | { word: Part[] };
/** A word is parts: literal text, or text from quotes (no splitting), or an expansion. */
type Part = { lit: string; quoted: boolean } | { var: string; quoted: boolean; def?: string } | { sub: string; quoted: boolean } | { arith: string; quoted: boolean };

const OPS = ['&&', '||', ';;', '>>', '2>&1', '2>>', '2>', '&>', '>&', ';', '|', '&', '<', '>', '(', ')', '\n'];

class SyntaxErr extends Error {}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let parts: Part[] | undefined;
  const push = (p: Part) => (parts ??= []).push(p);
  const flush = () => {
    if (parts) toks.push({ word: parts });
    parts = undefined;
  };
  const dollar = (quoted: boolean) => {
    // at src[i] === '$'
    const rest = src.slice(i + 1);
    let m: RegExpExecArray | null;
    if (rest.startsWith('((')) {
      const end = src.indexOf('))', i + 3);
      if (end < 0) throw new SyntaxErr('Syntax error: Missing \'))\'');
      push({ arith: src.slice(i + 3, end), quoted });
      i = end + 2;
    } else if (rest.startsWith('(')) {
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      push({ sub: src.slice(i + 2, j), quoted });
      i = j + 1;
    } else if ((m = /^\{([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])(?::?-([^}]*))?\}/.exec(rest))) {
      push({ var: m[1]!, quoted, ...(m[2] !== undefined ? { def: m[2] } : {}) });
      i += 1 + m[0].length;
    } else if ((m = /^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9@*])/.exec(rest))) {
      push({ var: m[1]!, quoted });
      i += 1 + m[0].length;
    } else {
      push({ lit: '$', quoted });
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && !parts) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    // "2>" is an operator only at the start of a word ("file2>x" is not).
    if (op && !(op === '2>&1' || op === '2>' || op === '2>>')) {
      flush();
      toks.push({ op });
      i += op.length;
      continue;
    }
    if (op && !parts) {
      toks.push({ op });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new SyntaxErr('Unterminated quoted string');
      push({ lit: src.slice(i + 1, j), quoted: true });
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let lit = '';
      let closed = false;
      while (i < src.length) {
        const d = src[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && '"$`\\\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') lit += src[i + 1];
          i += 2;
        } else if (d === '$') {
          if (lit) push({ lit, quoted: true });
          lit = '';
          dollar(true);
        } else {
          lit += d;
          i++;
        }
      }
      if (!closed) throw new SyntaxErr('Unterminated quoted string');
      push({ lit, quoted: true });
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new SyntaxErr('Unterminated quoted string');
      push({ sub: src.slice(i + 1, j), quoted: false });
      i = j + 1;
      continue;
    }
    if (c === '\\') {
      push({ lit: src[i + 1] ?? '', quoted: true });
      i += 2;
      continue;
    }
    if (c === '$') {
      dollar(false);
      continue;
    }
    let j = i;
    while (j < src.length && !" \t\r\n'\"`\\$;|&<>()".includes(src[j]!)) j++;
    push({ lit: src.slice(i, j), quoted: false });
    i = j;
  }
  flush();
  return toks;
}

// ---------------------------------------------------------------- parser

type Redir = { op: string; target?: Part[] };
type Simple = { type: 'simple'; words: Part[][]; redirs: Redir[] };
type Node =
  | Simple
  | { type: 'pipe'; cmds: Node[] }
  | { type: 'and' | 'or'; left: Node; right: Node }
  | { type: 'list'; items: Node[] }
  | { type: 'while'; until: boolean; cond: Node; body: Node }
  | { type: 'for'; name: string; items: Part[][]; body: Node }
  | { type: 'if'; cond: Node; then: Node; else?: Node }
  | { type: 'group'; body: Node };

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in', '{', '}']);
const wordText = (t: Tok | undefined) => (t && 'word' in t && t.word.every((p) => 'lit' in p && !p.quoted) ? t.word.map((p) => (p as { lit: string }).lit).join('') : undefined);

class Parser {
  i = 0;
  readonly toks: Tok[];
  constructor(toks: Tok[]) {
    this.toks = toks;
  }
  peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t && 'op' in t ? t.op : undefined;
  }
  peekWord(): string | undefined {
    return wordText(this.toks[this.i]);
  }
  skipNewlines() {
    while (this.peekOp() === '\n' || this.peekOp() === ';') this.i++;
  }
  expectWord(w: string) {
    this.skipNewlines();
    if (this.peekWord() !== w) throw new SyntaxErr(`Syntax error: ${this.peekWord() ? `"${this.peekWord()}" unexpected` : 'end of file unexpected'} (expecting "${w}")`);
    this.i++;
  }
  list(stop: string[] = []): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.i >= this.toks.length) break;
      const w = this.peekWord();
      if (w !== undefined && stop.includes(w)) break;
      if (this.peekOp() === ')') break;
      items.push(this.andOr());
      if (this.peekOp() === '&') this.i++; // background: run in order, good enough
    }
    return { type: 'list', items };
  }
  andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return left;
      this.i++;
      while (this.peekOp() === '\n') this.i++;
      left = { type: op === '&&' ? 'and' : 'or', left, right: this.pipeline() };
    }
  }
  pipeline(): Node {
    const cmds = [this.command()];
    while (this.peekOp() === '|') {
      this.i++;
      cmds.push(this.command());
    }
    return cmds.length === 1 ? cmds[0]! : { type: 'pipe', cmds };
  }
  command(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.list(['do']);
      this.expectWord('do');
      const body = this.list(['done']);
      this.expectWord('done');
      return { type: 'while', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? '';
      this.i++;
      const items: Part[][] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.i < this.toks.length && this.peekOp() === undefined && this.peekWord() !== 'do') items.push((this.toks[this.i++] as { word: Part[] }).word);
      }
      const body = (this.expectWord('do'), this.list(['done']));
      this.expectWord('done');
      return { type: 'for', name, items, body };
    }
    if (w === 'if') {
      this.i++;
      return this.ifRest();
    }
    if (w === '{') {
      this.i++;
      const body = this.list(['}']);
      this.expectWord('}');
      return { type: 'group', body };
    }
    if (this.peekOp() === '(') {
      this.i++;
      const body = this.list();
      if (this.peekOp() !== ')') throw new SyntaxErr('Syntax error: end of file unexpected (expecting ")")');
      this.i++;
      return { type: 'group', body };
    }
    const s: Simple = { type: 'simple', words: [], redirs: [] };
    for (;;) {
      const t = this.toks[this.i];
      if (!t) break;
      if ('op' in t) {
        if (['>', '>>', '<', '2>', '2>>', '&>', '>&'].includes(t.op)) {
          const target = this.toks[this.i + 1];
          if (!target || !('word' in target)) throw new SyntaxErr('Syntax error: newline unexpected');
          s.redirs.push({ op: t.op, target: target.word });
          this.i += 2;
          continue;
        }
        if (t.op === '2>&1') {
          s.redirs.push({ op: '2>&1' });
          this.i++;
          continue;
        }
        break;
      }
      if (s.words.length === 0 && RESERVED.has(wordText(t) ?? '') && wordText(t) !== '{') break;
      s.words.push(t.word);
      this.i++;
    }
    if (s.words.length === 0 && s.redirs.length === 0) {
      const t = this.toks[this.i];
      throw new SyntaxErr(`Syntax error: "${t ? ('op' in t ? (t.op === '\n' ? 'newline' : t.op) : wordText(t)) : 'end of file'}" unexpected`);
    }
    return s;
  }
  ifRest(): Node {
    const cond = this.list(['then']);
    this.expectWord('then');
    const then = this.list(['else', 'elif', 'fi']);
    this.skipNewlines();
    const w = this.peekWord();
    this.i++;
    if (w === 'fi') return { type: 'if', cond, then };
    if (w === 'elif') return { type: 'if', cond, then, else: this.ifRest() };
    if (w === 'else') {
      const els = this.list(['fi']);
      this.expectWord('fi');
      return { type: 'if', cond, then, else: els };
    }
    throw new SyntaxErr('Syntax error: end of file unexpected (expecting "fi")');
  }
}

// ---------------------------------------------------------------- interpreter

class Stop {
  readonly end: ShellEnd;
  constructor(end: ShellEnd) {
    this.end = end;
  }
}

interface State {
  env: Record<string, string>;
  cwd: string;
  t: number;
  status: number;
  out: Output[];
  trapsTerm: boolean;
  errexit: boolean;
  /** Set by `exit` and `exec`. */
  exited?: boolean;
  /** Iterations left before a loop that never sleeps is declared endless. */
  budget: number;
}

export interface RunOptions {
  env: Record<string, string>;
  cwd: string;
  /** Name used in error messages: "sh", "/bin/sh", "bash". */
  name?: string;
  /** Whose wording errors take: busybox ash, Debian's dash (sh) or bash. */
  dialect?: 'busybox' | 'dash' | 'bash';
  /** Positional parameters $1… */
  args?: string[];
  /** `$?` before the first command (an interactive session carries it from line to line). */
  status?: number;
}

export function runShell(src: string, host: ShellHost, opts: RunOptions): ShellResult {
  const name = opts.name ?? 'sh';
  const st: State = { env: { ...opts.env }, cwd: opts.cwd, t: 0, status: opts.status ?? 0, out: [], trapsTerm: false, errexit: false, budget: 10_000 };
  let ast: Node;
  try {
    ast = new Parser(lex(src)).list();
  } catch (e) {
    if (!(e instanceof SyntaxErr)) throw e;
    const where = opts.dialect === 'busybox' ? `${name}: ` : opts.dialect === 'bash' || name === 'bash' ? `${name}: -c: line 1: ` : `${name}: 1: `;
    return { out: [{ at: 0, stream: 'stderr', text: `${where}${e.message}\n` }], end: { kind: 'exit', code: 2 }, at: 0, trapsTerm: false, env: st.env, cwd: st.cwd, exited: false };
  }
  const interp = new Interp(host, name, opts.args ?? [], opts.dialect ?? (name === 'bash' ? 'bash' : 'dash'));
  try {
    interp.exec(ast, st, '');
    return { out: st.out, end: { kind: 'exit', code: st.status }, at: st.t, trapsTerm: st.trapsTerm, env: st.env, cwd: st.cwd, exited: false };
  } catch (e) {
    if (e instanceof Stop) return { out: st.out, end: e.end, at: st.t, trapsTerm: st.trapsTerm, env: st.env, cwd: st.cwd, exited: st.exited === true };
    throw e;
  }
}

/** Output a node writes, captured (for pipes and command substitution) or streamed. */
type Sink = { text: string } | undefined;

class Interp {
  readonly host: ShellHost;
  readonly name: string;
  readonly args: string[];
  readonly dialect: 'busybox' | 'dash' | 'bash';
  constructor(host: ShellHost, name: string, args: string[], dialect: 'busybox' | 'dash' | 'bash') {
    this.host = host;
    this.name = name;
    this.args = args;
    this.dialect = dialect;
  }

  /** "sh: nope: not found" (busybox), "sh: 1: nope: not found" (dash), "bash: line 1: nope: command not found". */
  notFound(cmd: string): string {
    if (this.dialect === 'busybox') return `${this.name}: ${cmd}: not found\n`;
    if (this.dialect === 'bash') return `${this.name}: line 1: ${cmd}: command not found\n`;
    return `${this.name}: 1: ${cmd}: not found\n`;
  }

  emit(st: State, stream: 'stdout' | 'stderr', text: string, sink: Sink) {
    if (!text) return;
    if (sink && stream === 'stdout') sink.text += text;
    else st.out.push({ at: st.t, stream, text });
  }

  exec(n: Node, st: State, stdin: string, sink?: Sink): void {
    switch (n.type) {
      case 'list':
        for (const item of n.items) {
          this.exec(item, st, stdin, sink);
          if (st.errexit && st.status !== 0 && item.type !== 'and' && item.type !== 'or') throw new Stop({ kind: 'exit', code: st.status });
        }
        return;
      case 'and':
        this.exec(n.left, st, stdin, sink);
        if (st.status === 0) this.exec(n.right, st, stdin, sink);
        return;
      case 'or':
        this.exec(n.left, st, stdin, sink);
        if (st.status !== 0) this.exec(n.right, st, stdin, sink);
        return;
      case 'group':
        return this.exec(n.body, st, stdin, sink);
      case 'pipe': {
        let input = stdin;
        n.cmds.forEach((c, i) => {
          const cap = { text: '' };
          this.exec(c, st, input, i === n.cmds.length - 1 ? sink : cap);
          input = cap.text;
        });
        return;
      }
      case 'if':
        this.exec(n.cond, st, stdin);
        if (st.status === 0) this.exec(n.then, st, stdin, sink);
        else if (n.else) this.exec(n.else, st, stdin, sink);
        else st.status = 0;
        return;
      case 'for': {
        const items = n.items.length ? n.items.flatMap((w) => this.expand(w, st)) : this.args;
        for (const it of items) {
          st.env[n.name] = it;
          this.exec(n.body, st, stdin, sink);
        }
        return;
      }
      case 'while':
        return this.loop(n, st, stdin, sink);
      case 'simple':
        return this.simple(n, st, stdin, sink);
    }
  }

  loop(n: Extract<Node, { type: 'while' }>, st: State, stdin: string, sink: Sink) {
    const head = (c: Node) => (c.type === 'list' && c.items.length === 1 && c.items[0]!.type === 'simple' ? this.expand(c.items[0]!.words[0] ?? [], st)[0] ?? '' : '');
    // `while sleep 1; do …` never ends either: sleep succeeds, and its time is part of the period.
    const sleeps = head(n.cond) === 'sleep';
    const endless = (c: Node) => ['true', ':'].includes(head(c)) || sleeps;
    if (!n.until && endless(n.cond) && !sink) {
      // An endless loop is run until two iterations in a row write the same (then that iteration
      // repeats with its period), or for an hour of virtual time: a counter or `date` in the body
      // keeps changing its output, so those iterations are run out one by one.
      let prev: string | undefined;
      for (let i = 0; ; i++) {
        const start = st.t;
        const outStart = st.out.length;
        if (sleeps) this.exec(n.cond, st, stdin);
        this.exec(n.body, st, stdin);
        const every = st.t - start;
        if (every <= 0) {
          st.out.splice(outStart);
          throw new Stop({ kind: 'forever' });
        }
        const body = st.out.slice(outStart).map((o) => ({ ...o, at: o.at - start }));
        const key = JSON.stringify(body);
        if (key === prev || i >= 720 || st.t >= 3_600_000) {
          st.out.splice(outStart);
          st.t = start;
          throw new Stop({ kind: 'loop', every, body });
        }
        prev = key;
      }
    }
    for (;;) {
      if (--st.budget < 0) throw new Stop({ kind: 'forever' });
      this.exec(n.cond, st, stdin);
      if ((st.status === 0) === n.until) break;
      this.exec(n.body, st, stdin, sink);
    }
    st.status = 0;
  }

  /** Expands a word: variables, command substitution; unquoted expansions split on whitespace. */
  expand(parts: Part[], st: State): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const p of parts) {
      let text: string;
      if ('lit' in p) {
        cur += p.lit;
        has = true;
        continue;
      } else if ('var' in p) text = this.lookup(p.var, st, p.def);
      else if ('arith' in p) text = String(arith(p.arith, (n) => this.lookup(n, st)));
      else text = this.substitute(p.sub, st);
      if (p.quoted) {
        cur += text;
        has = true;
        continue;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        cur += piece;
        if (piece) has = true;
      });
    }
    if (has || cur) fields.push(cur);
    return fields;
  }

  lookup(name: string, st: State, def?: string): string {
    let v: string | undefined;
    if (name === '?') v = String(st.status);
    else if (name === '$') v = '1';
    else if (name === '#') v = String(this.args.length);
    else if (name === '0') v = this.name;
    else if (name === '@' || name === '*') v = this.args.join(' ');
    else if (/^\d$/.test(name)) v = this.args[Number(name) - 1];
    else v = st.env[name];
    return v === undefined || v === '' ? (def ?? v ?? '') : v;
  }

  substitute(src: string, st: State): string {
    const sub: State = { ...st, env: { ...st.env }, out: [] };
    const cap = { text: '' };
    try {
      this.exec(new Parser(lex(src)).list(), sub, '', cap);
    } catch (e) {
      if (!(e instanceof Stop) && !(e instanceof SyntaxErr)) throw e;
    }
    st.t = sub.t;
    for (const o of sub.out) st.out.push(o);
    return cap.text.replace(/\n+$/, '');
  }

  simple(n: Simple, st: State, stdin: string, sink: Sink) {
    const words = n.words.flatMap((w) => this.expand(w, st));
    const assigns: Record<string, string> = {};
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const w = words.shift()!;
      assigns[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    }
    if (words.length === 0) {
      Object.assign(st.env, assigns);
      st.status = 0;
      return;
    }
    // Redirections.
    let input = stdin;
    let outFile: { path: string; append: boolean } | undefined;
    let errFile: { path: string; append: boolean } | undefined;
    let errToOut = false;
    for (const r of n.redirs) {
      const target = r.target ? (this.expand(r.target, st)[0] ?? '') : '';
      const path = this.abs(target, st);
      if (r.op === '<') {
        const text = this.host.readFile(path);
        if (text === undefined) {
          this.emit(st, 'stderr', `${this.name}: 1: cannot open ${target}: No such file\n`, sink);
          st.status = 2;
          return;
        }
        input = text;
      } else if ((r.op === '>' || r.op === '>>' || r.op === '2>' || r.op === '2>>' || r.op === '&>' || r.op === '>&') && this.host.writeError?.(path)) {
        // The redirection fails before the command runs (busybox ash, dash and bash wording).
        const why = this.host.writeError(path)!;
        const msg = this.dialect === 'busybox' ? `${this.name}: can't create ${target}: ${why}` : this.dialect === 'bash' ? `${this.name}: line 1: ${target}: ${why}` : `${this.name}: 1: cannot create ${target}: ${why}`;
        this.emit(st, 'stderr', `${msg}\n`, sink);
        st.status = this.dialect === 'dash' ? 2 : 1;
        return;
      } else if (r.op === '>' || r.op === '>>') outFile = { path, append: r.op === '>>' };
      else if (r.op === '2>' || r.op === '2>>') errFile = { path, append: r.op === '2>>' };
      else if (r.op === '&>' || r.op === '>&') {
        outFile = { path, append: false };
        errToOut = true;
      } else if (r.op === '2>&1') errToOut = true;
    }
    const res = this.command(words, assigns, st, input, sink);
    if (!res) return;
    let stdout = res.stdout;
    let stderr = res.stderr;
    if (errToOut && !errFile) {
      stdout += stderr;
      stderr = '';
    }
    const write = (f: { path: string; append: boolean }, text: string) => {
      if (f.path === '/dev/null') return;
      if (f.path === '/dev/stdout' || f.path === '/proc/1/fd/1') return this.emit(st, 'stdout', text, undefined);
      if (f.path === '/dev/stderr' || f.path === '/proc/1/fd/2') return this.emit(st, 'stderr', text, undefined);
      this.host.writeFile(f.path, (f.append ? (this.host.readFile(f.path) ?? '') : '') + text, st.t);
    };
    if (outFile) write(outFile, stdout);
    else this.emit(st, 'stdout', stdout, sink);
    if (errFile) write(errFile, stderr);
    else this.emit(st, 'stderr', stderr, sink);
    st.status = res.code;
    if (res.takeover !== undefined) throw new Stop({ kind: 'takeover', program: res.takeover });
    if (res.ms === Infinity) throw new Stop({ kind: 'forever' });
    st.t += res.ms ?? 0;
  }

  abs(p: string, st: State): string {
    if (p.startsWith('/')) return p;
    return `${st.cwd.replace(/\/$/, '')}/${p}`.replace(/\/\.\//g, '/');
  }

  /** Builtins, then the host's commands. Undefined when the builtin has already set the status. */
  command(words: string[], assigns: Record<string, string>, st: State, stdin: string, sink: Sink): CmdResult | undefined {
    const [cmd, ...args] = words as [string, ...string[]];
    const r = (stdout = '', code = 0, stderr = ''): CmdResult => ({ stdout, stderr, code });
    switch (cmd) {
      case ':':
      case 'true':
        return r();
      case 'false':
        return r('', 1);
      case 'exit':
        st.status = args[0] !== undefined ? Number(args[0]) & 255 : st.status;
        st.exited = true;
        throw new Stop({ kind: 'exit', code: st.status });
      case 'export':
      case 'readonly':
      case 'local':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) st.env[a.slice(0, eq)] = a.slice(eq + 1);
        }
        return r();
      case 'unset':
        for (const a of args) delete st.env[a];
        return r();
      case 'set':
        if (args.some((a) => /^-\w*e/.test(a))) st.errexit = true;
        if (args.some((a) => /^\+\w*e/.test(a))) st.errexit = false;
        return r();
      case 'trap':
        if (args.slice(1).some((a) => /^(TERM|SIGTERM|15|INT|SIGINT|EXIT|0)$/.test(a))) st.trapsTerm = true;
        return r();
      case 'cd': {
        const to = this.abs(args[0] ?? st.env.HOME ?? '/', st);
        st.cwd = to;
        st.env.PWD = to;
        return r();
      }
      case 'wait':
      case 'shift':
      case 'umask':
      case 'ulimit':
      case 'hash':
        return r();
      case 'exec':
        if (args.length === 0) return r();
        {
          const res = this.command(args, assigns, st, stdin, sink);
          if (!res) return res;
          // exec replaces the shell: after the command, the script is over.
          if (res.takeover === undefined && res.ms !== Infinity) {
            this.emit(st, 'stdout', res.stdout, sink);
            this.emit(st, 'stderr', res.stderr, sink);
            st.t += res.ms ?? 0;
            st.status = res.code;
            st.exited = true;
            throw new Stop({ kind: 'exit', code: res.code });
          }
          return res;
        }
      case '.':
      case 'source': {
        const text = this.host.readFile(this.abs(args[0] ?? '', st));
        if (text === undefined) return r('', 2, `${this.name}: 1: .: cannot open ${args[0] ?? ''}: No such file\n`);
        this.exec(new Parser(lex(text)).list(), st, stdin, sink);
        return undefined;
      }
      case 'eval':
        this.exec(new Parser(lex(args.join(' '))).list(), st, stdin, sink);
        return undefined;
      case 'read': {
        const line = stdin.split('\n')[0] ?? '';
        if (args[0]) st.env[args.filter((a) => !a.startsWith('-')).at(-1)!] = line;
        return r('', stdin ? 0 : 1);
      }
    }
    const env = { ...st.env, ...assigns };
    const res = this.host.run([cmd, ...args], { stdin, env, cwd: st.cwd, at: st.t });
    if (res.code === 127 && res.stderr === '') return { ...res, stderr: this.notFound(cmd) };
    return res;
  }
}

/** `$(( … ))`: integer + - * / % and parentheses over numbers and variable names. */
export function arith(expr: string, lookup: (name: string) => string): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = toks[i++] ?? '0';
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -atom();
    if (/^\d+$/.test(t)) return Number(t);
    return Number(lookup(t.replace(/^\$/, ''))) || 0;
  };
  const product = (): number => {
    let v = atom();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = atom();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return sum();
}
