/**
 * The line number go-yaml puts in a syntax error, which is often not the line
 * of the mistake. libyaml keeps two 0-based marks for an error: the problem
 * (where the scanner or parser stopped) and the context (the start of the
 * construct it was in: the enclosing block mapping, the open `[`, the opening
 * quote). The two Go libraries print them differently:
 *
 * - gopkg.in/yaml.v2 (kubectl, through sigs.k8s.io/yaml) `parser.fail`: the
 *   problem mark's line if it is not 0, plus 1 only for scanner errors; else
 *   the context mark's line. A parser error such as "did not find expected key"
 *   therefore names the line *before* the offending one.
 * - gopkg.in/yaml.v3 (docker compose, through compose-go) `parser.fail`: the
 *   context mark's line first (plus 1 for scanner errors), else the problem
 *   mark's. "did not find expected key" names the line before the enclosing
 *   mapping's first key: a mis-indented key under `services:` gives `line 1`.
 *
 * Either way a line 0 is not printed at all (`yaml: did not find expected key`).
 */
export type GoYamlLib = 'v2' | 'v3';

interface Marks {
  scanner: boolean;
  /** 0-based lines. */
  problem: number;
  context: number;
}

const SCANNER_AT_PROBLEM = new Set([
  'mapping values are not allowed in this context',
  'found character that cannot start any token',
  'did not find expected alphabetic or numeric character',
  'found unknown escape character while parsing a quoted scalar',
  'block sequence entries are not allowed in this context',
]);

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function blank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** 0-based line where the block mapping enclosing an entry mis-indented at `at` starts (its first key). */
function enclosingMappingStart(lines: string[], at: number): number {
  const c = indentOf(lines[at] ?? '');
  let i = at - 1;
  while (i >= 0 && (blank(lines[i]!) || indentOf(lines[i]!) >= c)) i--;
  if (i < 0) return 0;
  const d = indentOf(lines[i]!);
  let start = i;
  for (let j = i - 1; j >= 0; j--) {
    if (blank(lines[j]!)) continue;
    const e = indentOf(lines[j]!);
    if (e < d) break;
    if (e === d) start = j;
  }
  return start;
}

/** 0-based line of the last bracket `open` still unclosed before offset. */
function unclosedBracket(src: string, offset: number, open: '[' | '{'): number {
  const close = open === '[' ? ']' : '}';
  let depth = 0;
  for (let i = Math.min(offset, src.length) - 1; i >= 0; i--) {
    const ch = src[i];
    if (ch === close) depth++;
    else if (ch === open) {
      if (depth === 0) return lineAt(src, i);
      depth--;
    }
  }
  return lineAt(src, offset);
}

function lineAt(src: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < src.length; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

/** The marks go-yaml would hold for a problem we found at 1-based `line` (offset into src), by its message. */
function marks(src: string, problem: string, line: number, offset: number): Marks {
  const p = line - 1;
  if (SCANNER_AT_PROBLEM.has(problem)) return { scanner: true, problem: p, context: p };
  if (problem === 'found unexpected end of stream') {
    // "while scanning a quoted scalar": context is the opening quote, problem the end of the input.
    const q = Math.max(src.lastIndexOf('"'), src.lastIndexOf("'"));
    return { scanner: true, problem: lineAt(src, src.length), context: q >= 0 ? lineAt(src, q) : p };
  }
  if (problem === "could not find expected ':'") return { scanner: true, problem: p + 1, context: p };
  if (problem === 'did not find expected key') return { scanner: false, problem: p, context: enclosingMappingStart(src.split('\n'), p) };
  if (problem === "did not find expected ',' or ']'") return { scanner: false, problem: p, context: unclosedBracket(src, offset, '[') };
  if (problem === "did not find expected ',' or '}'") return { scanner: false, problem: p, context: unclosedBracket(src, offset, '{') };
  return { scanner: false, problem: p, context: p };
}

/** `line N: ` as go-yaml prefixes the problem, or '' when it names no line. */
export function goYamlWhere(lib: GoYamlLib, src: string, problem: string, line: number, offset: number): string {
  const m = marks(src, problem, line, offset);
  const first = lib === 'v2' ? m.problem : m.context;
  const second = lib === 'v2' ? m.context : m.problem;
  let n = 0;
  if (first !== 0) n = m.scanner ? first + 1 : first;
  else if (second !== 0) n = lib === 'v3' && m.scanner ? second + 1 : second;
  return n !== 0 ? `line ${n}: ` : '';
}
