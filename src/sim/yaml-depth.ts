/**
 * Nesting depth of a YAML text, found in one linear pass before the real parse.
 *
 * go-yaml (kubectl through sigs.k8s.io/yaml, compose through compose-go) refuses
 * more than 10,000 levels in its scanner: `max_flow_level` for `[[[`/`{a: {`,
 * `max_indents` for block nesting, both failing with "exceeded max depth of
 * 10000" (gopkg.in/yaml.v2 and v3 scannerc.go, yaml_parser_increase_flow_level
 * and yaml_parser_roll_indent). eemeli/yaml recurses once per level and runs out
 * of call stack after a few hundred levels (RESOURCE_EXHAUSTION at a column that
 * depends on the engine's stack), so past SIM_MAX_DEPTH the simulator stops with
 * its own clear, deterministic message instead of a misleading syntax error.
 */
export const GO_YAML_MAX_DEPTH = 10_000;
/** Far above any real manifest or compose file, far below the call stack of any browser. */
export const SIM_MAX_DEPTH = 200;

export interface DepthProblem {
  /** 1-based line and column of the bracket or indentation that went too deep. */
  line: number;
  col: number;
  /**
   * The problem as go-yaml words it, without the `yaml: ` prefix. A scanner error
   * names its line as mark.line + 1, and no line at all when the mark is on the
   * first line (mark.line == 0): yaml.v2 and v3 `parser.fail`.
   */
  message: string;
}

function goYamlScanner(line: number, problem: string): string {
  return line > 1 ? `line ${line}: ${problem}` : problem;
}

export function nestingProblem(src: string): DepthProblem | undefined {
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  /** Indentation of open block collections. */
  const indents: number[] = [];
  let simHit: { line: number; col: number } | undefined;
  let blockScalarIndent = -1;
  const n = src.length;
  let i = 0;
  let indentDone = false;
  while (i < n) {
    // Start of a line (outside flow and quotes): block indentation.
    if (i === lineStart && flow === 0 && !indentDone) {
      indentDone = true;
      let j = i;
      while (j < n && src.charCodeAt(j) === 32) j++;
      const c = src[j];
      const blank = c === undefined || c === '\n' || c === '\r' || c === '#';
      const indent = j - i;
      if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
        // Inside a literal or folded block scalar: its text is not YAML structure.
        const nl = src.indexOf('\n', j);
        if (nl < 0) break;
        i = nl + 1;
        lineStart = i;
        indentDone = false;
        line++;
        continue;
      }
      blockScalarIndent = -1;
      if (!blank) {
        while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > GO_YAML_MAX_DEPTH) return { line, col: indent + 1, message: goYamlScanner(line, `exceeded max depth of ${GO_YAML_MAX_DEPTH}`) };
        if (indents.length > SIM_MAX_DEPTH && !simHit) simHit = { line, col: indent + 1 };
      }
      i = j;
      continue;
    }
    const ch = src[i]!;
    if (ch === '\n') {
      line++;
      i++;
      lineStart = i;
      indentDone = false;
      continue;
    }
    const prev = i > lineStart ? src[i - 1]! : ' ';
    // Where a node can start: after blanks, or inside a flow collection after its brackets and commas.
    const tokenStart = prev === ' ' || prev === '\t' || i === lineStart || (flow > 0 && (prev === '[' || prev === '{' || prev === ','));
    if (ch === '#' && (prev === ' ' || prev === '\t' || i === lineStart)) {
      const nl = src.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if ((ch === '"' || ch === "'") && tokenStart) {
      // A quoted scalar: skip to its end (across lines), honouring \" and ''.
      let j = i + 1;
      while (j < n) {
        const d = src[j]!;
        if (d === '\n') {
          line++;
          lineStart = j + 1;
          indentDone = true;
        } else if (ch === '"' && d === '\\') j++;
        else if (d === ch) {
          if (ch === "'" && src[j + 1] === "'") j++;
          else break;
        }
        j++;
      }
      i = j + 1;
      continue;
    }
    if ((ch === '[' || ch === '{') && (flow > 0 || tokenStart)) {
      flow++;
      if (flow > GO_YAML_MAX_DEPTH) return { line, col: i - lineStart + 1, message: goYamlScanner(line, `exceeded max depth of ${GO_YAML_MAX_DEPTH}`) };
      if (flow + indents.length > SIM_MAX_DEPTH && !simHit) simHit = { line, col: i - lineStart + 1 };
    } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    else if ((ch === '|' || ch === '>') && flow === 0 && tokenStart) {
      // A block scalar indicator after `key:` or `-`: the following more-indented lines are its text.
      const before = src.slice(lineStart, i).trimEnd();
      if (before.endsWith(':') || before.endsWith('-') || before === '') blockScalarIndent = indents[indents.length - 1] ?? 0;
    }
    i++;
  }
  if (simHit)
    return {
      ...simHit,
      message: `line ${simHit.line}: nesting deeper than ${SIM_MAX_DEPTH} levels is not simulated here (go-yaml accepts up to ${GO_YAML_MAX_DEPTH})`,
    };
  return undefined;
}

/**
 * go-yaml's reader refuses characters YAML does not allow (c-printable) before
 * any parsing: a reader error has no mark, so the message names no line
 * (yaml.v2/v3 readerc.go yaml_parser_update_buffer: "control characters are not
 * allowed"). A binary file pasted as a manifest or compose file fails this way.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
export function readerProblem(src: string): string | undefined {
  return NOT_PRINTABLE.test(src) ? 'control characters are not allowed' : undefined;
}
