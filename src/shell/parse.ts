import { simError, type SimError } from '../sim/errors.ts';

/**
 * A small POSIX-shell-like parser: words with '…' and "…" quoting, backslash
 * escapes, $VAR / ${VAR} / $? expansion, # comments, pipes, redirections and
 * the list operators ; && ||. No globbing and no subshells: enough for the
 * commands a learner types, with bash's own wording when something is wrong.
 */
export interface Redirect {
  fd: 1 | 2;
  /** '>' truncates, '>>' appends, '>&1' sends stderr to stdout */
  op: '>' | '>>' | '>&1';
  target: string;
}

export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
  stdinFile?: string;
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface ListItem {
  /** How this pipeline is joined to the previous one. */
  join: ';' | '&&' | '||';
  pipeline: Pipeline;
}

export type ParseResult = { ok: true; list: ListItem[] } | { ok: false; error: SimError };

type Token = { kind: 'word'; value: string } | { kind: 'op'; value: string };

/** Longest line the shell accepts; a giant paste gets an error instead of freezing the page. */
export const MAX_LINE = 16_384;

/** Marks a variable reference inside a word until expandWord() fills it in at run time. */
const VAR = '\u0000';

/**
 * Replaces deferred $VAR references. The shell expands each command just before
 * it runs, so `false; echo $?` sees the status of `false`, as in bash.
 */
export function expandWord(word: string, env: (name: string) => string | undefined): string {
  return word.includes(VAR) ? word.replace(/\u0000([^\u0000]*)\u0000/g, (_, name: string) => env(name) ?? '') : word;
}

export function expandCommand(c: SimpleCommand, env: (name: string) => string | undefined): SimpleCommand {
  const x = (w: string) => expandWord(w, env);
  return { argv: c.argv.map(x), redirects: c.redirects.map((r) => ({ ...r, target: x(r.target) })), ...(c.stdinFile !== undefined ? { stdinFile: x(c.stdinFile) } : {}) };
}

export function tokenize(line: string, env?: (name: string) => string | undefined): { tokens: Token[] } | { error: SimError } {
  line = line.replaceAll(VAR, '');
  if (line.length > MAX_LINE) {
    return { error: simError('ELINE', `line too long: ${line.length} characters (the limit is ${MAX_LINE})`) };
  }
  const tokens: Token[] = [];
  let i = 0;
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', value: word });
    word = '';
    inWord = false;
  };
  const readVar = (): string => {
    // at line[i] === '$'
    const rest = line.slice(i + 1);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\{([A-Za-z_][A-Za-z0-9_]*)\}/)) || (m = rest.match(/^([A-Za-z_][A-Za-z0-9_]*|\?)/))) {
      i += 1 + m[0].length;
      return env ? (env(m[1]!) ?? '') : `${VAR}${m[1]!}${VAR}`;
    }
    i += 1;
    return '$';
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[i + 1];
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: simError('ESYNTAX', "unexpected EOF while looking for matching `''") };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= line.length) return { error: simError('ESYNTAX', 'unexpected EOF while looking for matching `"\'') };
        const d = line[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          word += line[i + 1];
          i += 2;
        } else if (d === '$') {
          word += readVar();
        } else {
          word += d;
          i++;
        }
      }
    } else if (c === '$') {
      word += readVar();
      inWord = true;
    } else if (c === '|' || c === '&' || c === ';' || c === '>' || c === '<') {
      const two = line.slice(i, i + 2);
      const three = line.slice(i, i + 4);
      // "2>" and "2>&1" only count as redirections when the 2 stands alone
      if (c === '>' && word === '2' && inWord) {
        word = '';
        inWord = false;
        if (three === '>&1') {
          tokens.push({ kind: 'op', value: '2>&1' });
          i += 3;
        } else if (two === '>>') {
          tokens.push({ kind: 'op', value: '2>>' });
          i += 2;
        } else {
          tokens.push({ kind: 'op', value: '2>' });
          i += 1;
        }
        continue;
      }
      flush();
      if (two === '&&' || two === '||' || two === '>>') {
        tokens.push({ kind: 'op', value: two });
        i += 2;
      } else if (c === '&') {
        return { error: simError('EBACKGROUND', 'background jobs (&) are not supported here; commands such as `docker compose up -d` run in the background by themselves') };
      } else {
        tokens.push({ kind: 'op', value: c });
        i++;
      }
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  flush();
  return { tokens };
}

const unexpected = (tok: string) => simError('ESYNTAX', `syntax error near unexpected token \`${tok}'`);

/** Parses a line. With env, variables are expanded at once; without, they are left for expandCommand(). */
export function parseLine(line: string, env?: (name: string) => string | undefined): ParseResult {
  const t = tokenize(line, env);
  if ('error' in t) return { ok: false, error: t.error };
  const list: ListItem[] = [];
  let join: ListItem['join'] = ';';
  let pipeline: Pipeline = { commands: [] };
  let cmd: SimpleCommand = { argv: [], redirects: [] };
  const tokens = t.tokens;
  const endCommand = (tok: string): SimError | undefined => {
    if (cmd.argv.length === 0) return unexpected(tok);
    pipeline.commands.push(cmd);
    cmd = { argv: [], redirects: [] };
    return undefined;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.kind === 'word') {
      cmd.argv.push(tok.value);
      continue;
    }
    const op = tok.value;
    if (op === '|') {
      const e = endCommand(op);
      if (e) return { ok: false, error: e };
    } else if (op === ';' || op === '&&' || op === '||') {
      const e = endCommand(op);
      if (e) return { ok: false, error: e };
      list.push({ join, pipeline });
      pipeline = { commands: [] };
      join = op;
    } else if (op === '2>&1') {
      cmd.redirects.push({ fd: 2, op: '>&1', target: '' });
    } else {
      const next = tokens[k + 1];
      if (!next || next.kind !== 'word') return { ok: false, error: unexpected(next ? next.value : 'newline') };
      k++;
      if (op === '<') cmd.stdinFile = next.value;
      else if (op === '>' || op === '>>') cmd.redirects.push({ fd: 1, op, target: next.value });
      else cmd.redirects.push({ fd: 2, op: op === '2>>' ? '>>' : '>', target: next.value });
    }
  }
  const last = tokens[tokens.length - 1];
  if (cmd.argv.length > 0) pipeline.commands.push(cmd);
  else if (cmd.redirects.length > 0 || (last?.kind === 'op' && ['|', '&&', '||'].includes(last.value))) {
    return { ok: false, error: unexpected('newline') };
  }
  if (pipeline.commands.length > 0) list.push({ join, pipeline });
  return { ok: true, list };
}
