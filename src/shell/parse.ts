import { simError, type SimError } from '../sim/errors.ts';

/**
 * A small POSIX-shell-like parser: words with '…' and "…" quoting, backslash
 * escapes, $VAR / ${VAR} / $? expansion, # comments, pipes, redirections and
 * the list operators ; && ||. No globbing and no subshells: enough for the
 * commands a learner types, with bash's own wording when something is wrong.
 */
export interface Redirect {
  fd: 1 | 2;
  /** '>' truncates, '>>' appends, '>&1' / '>&2' duplicate onto stdout / stderr (`2>&1`, `>&2`) */
  op: '>' | '>>' | '>&1' | '>&2';
  target: string;
}

/** A here-document (`<<EOF`, `<<-EOF`, `<<'EOF'`): its body is the lines typed after the command line. */
export interface HereDoc {
  delimiter: string;
  /** `<<-`: leading tabs are removed from body lines and from the delimiter line. */
  stripTabs: boolean;
  /** An unquoted delimiter means $VAR in the body is expanded; `'EOF'` or `"EOF"` keeps it literal. */
  expand: boolean;
  /** Filled in by the shell once the delimiter line has been read. */
  body?: string;
}

export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
  stdinFile?: string;
  /** `<<EOF` here-document or `<<< word` here-string: text on stdin. */
  heredoc?: HereDoc;
  stdinText?: string;
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface ListItem {
  /** How this pipeline is joined to the previous one. */
  join: ';' | '&&' | '||';
  pipeline: Pipeline;
  /** Ended by `&`: runs as a background job. */
  background?: boolean;
}

export type ParseResult = { ok: true; list: ListItem[]; heredocs: HereDoc[] } | { ok: false; error: SimError };

/** quoted: some part of the word was quoted or escaped (so `"2">f` is not a file descriptor, `<<'EOF'` not expanded). */
type Token = { kind: 'word'; value: string; quoted?: boolean } | { kind: 'op'; value: string };

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
  return {
    argv: c.argv.map(x),
    redirects: c.redirects.map((r) => ({ ...r, target: x(r.target) })),
    ...(c.stdinFile !== undefined ? { stdinFile: x(c.stdinFile) } : {}),
    ...(c.stdinText !== undefined ? { stdinText: x(c.stdinText) } : {}),
    ...(c.heredoc ? { heredoc: c.heredoc } : {}),
  };
}

/**
 * A here-document body as bash reads it: with an unquoted delimiter, $VAR,
 * ${VAR} and $? are expanded and backslash escapes \$ \` \\ and a trailing
 * backslash-newline are processed; with a quoted one the text is kept as is.
 */
export function expandHereDoc(doc: HereDoc, env: (name: string) => string | undefined): string {
  const body = doc.body ?? '';
  if (!doc.expand) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length && '$`\\\n'.includes(body[i + 1]!)) {
      if (body[i + 1] !== '\n') out += body[i + 1];
      i++;
    } else if (c === '$') {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(body.slice(i + 1));
      if (m) {
        out += env((m[1] ?? m[2])!) ?? '';
        i += m[0].length;
      } else out += c;
    } else out += c;
  }
  return out;
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
  // Whether the word so far was quoted or escaped: `"2">f` writes "2" into f, `2>f` redirects stderr.
  let quoted = false;
  const flush = () => {
    if (inWord) tokens.push(quoted ? { kind: 'word', value: word, quoted } : { kind: 'word', value: word });
    word = '';
    inWord = false;
    quoted = false;
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
      quoted = true;
      i += 2;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: simError('ESYNTAX', "unexpected EOF while looking for matching `''") };
      word += line.slice(i + 1, end);
      inWord = true;
      quoted = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      quoted = true;
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
      // `2>`, `1>>`, `2>&1`: a digit counts as a file descriptor only when it stands alone, unquoted, right before > or <.
      let fd = '';
      if (inWord && !quoted && /^[0-9]$/.test(word) && (c === '>' || c === '<')) {
        fd = word;
        word = '';
        inWord = false;
      }
      flush();
      const rest = line.slice(i);
      let m: RegExpExecArray | null;
      if (c === '>' && (m = /^>&([0-9-])/.exec(rest))) {
        // N>&M duplicates descriptors; >&- (close) is accepted and ignored
        tokens.push({ kind: 'op', value: `${fd || '1'}>&${m[1]}` });
        i += m[0].length;
      } else if (c === '>' || (c === '<' && fd !== '')) {
        const op = rest.startsWith('>>') ? '>>' : rest.startsWith('>|') ? '>|' : c;
        tokens.push({ kind: 'op', value: (fd && !(fd === '1' && c === '>') ? fd : '') + op });
        i += op.length;
      } else if (c === '<') {
        const op = rest.startsWith('<<<') ? '<<<' : rest.startsWith('<<-') ? '<<-' : rest.startsWith('<<') ? '<<' : '<';
        tokens.push({ kind: 'op', value: op });
        i += op.length;
      } else if (c === '&' && rest.startsWith('&>')) {
        // bash's &>file and &>>file: stdout and stderr both
        const op = rest.startsWith('&>>') ? '&>>' : '&>';
        tokens.push({ kind: 'op', value: op });
        i += op.length;
      } else if (rest.startsWith('&&') || rest.startsWith('||')) {
        tokens.push({ kind: 'op', value: rest.slice(0, 2) });
        i += 2;
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
  const heredocs: HereDoc[] = [];
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
    } else if (op === ';' || op === '&&' || op === '||' || op === '&') {
      const e = endCommand(op);
      if (e) return { ok: false, error: e };
      list.push(op === '&' ? { join, pipeline, background: true } : { join, pipeline });
      pipeline = { commands: [] };
      join = op === '&' ? ';' : op;
    } else if (/^[0-9]>&/.test(op)) {
      const [from, to] = [op[0], op[3]];
      // Only stdout and stderr exist here; other descriptors and >&- are accepted and change nothing.
      if ((from === '1' || from === '2') && (to === '1' || to === '2') && from !== to) cmd.redirects.push({ fd: from === '2' ? 2 : 1, op: to === '1' ? '>&1' : '>&2', target: '' });
    } else {
      const next = tokens[k + 1];
      if (!next || next.kind !== 'word') return { ok: false, error: unexpected(next ? next.value : 'newline') };
      k++;
      if (op === '<' || op === '0<') cmd.stdinFile = next.value;
      else if (op === '<<' || op === '<<-') {
        const doc: HereDoc = { delimiter: next.value, stripTabs: op === '<<-', expand: !next.quoted };
        cmd.heredoc = doc;
        heredocs.push(doc);
      } else if (op === '<<<') cmd.stdinText = next.value + '\n';
      else if (op === '&>' || op === '&>>') cmd.redirects.push({ fd: 1, op: op === '&>' ? '>' : '>>', target: next.value }, { fd: 2, op: '>&1', target: '' });
      else if (op === '>' || op === '>>' || op === '>|') cmd.redirects.push({ fd: 1, op: op === '>>' ? '>>' : '>', target: next.value });
      else if (op.startsWith('2>')) cmd.redirects.push({ fd: 2, op: op === '2>>' ? '>>' : '>', target: next.value });
      // other descriptors (3>file) are not modelled and are ignored
    }
  }
  const last = tokens[tokens.length - 1];
  if (cmd.argv.length > 0) pipeline.commands.push(cmd);
  else if (cmd.redirects.length > 0 || (last?.kind === 'op' && ['|', '&&', '||'].includes(last.value))) {
    return { ok: false, error: unexpected('newline') };
  }
  if (pipeline.commands.length > 0) list.push({ join, pipeline });
  return { ok: true, list, heredocs };
}
