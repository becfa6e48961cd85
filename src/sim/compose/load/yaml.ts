import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { simError, type Result, type SimPosition } from '../../errors.ts';
import { nestingProblem, readerProblem } from '../../yaml-depth.ts';
import { goYamlWhere } from '../../yaml-go-line.ts';

/** A parsed compose file: its plain value plus what is needed to point back at lines. */
export interface ParsedFile {
  file: string;
  value: unknown;
  doc: Document;
  lines: LineCounter;
}

export type Path = readonly (string | number)[];

/**
 * compose v2 parses with go-yaml, so syntax errors are reworded to what
 * go-yaml says for the same mistake; the position comes from eemeli/yaml.
 */
function goYamlMessage(e: YAMLError, src: string, lines: LineCounter): string {
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return e.message.startsWith('Nested mappings') ? 'mapping values are not allowed in this context' : 'did not find expected key';
    case 'BAD_INDENT':
      return e.message.startsWith('Flow') ? "did not find expected ',' or ']'" : 'did not find expected key';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'MISSING_CHAR':
      if (e.message.includes('quote')) return 'found unexpected end of stream';
      if (e.message.includes('flow')) return "did not find expected ',' or '}'";
      return "could not find expected ':'";
    case 'MULTILINE_IMPLICIT_KEY':
      return "could not find expected ':'";
    case 'DUPLICATE_KEY': {
      const key = keyTextAt(src, e.pos[0]);
      const first = firstKeyLine(src, e.pos[0], key, lines);
      return `mapping key "${key}" already defined at line ${first}`;
    }
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return 'did not find expected alphabetic or numeric character';
    case 'MULTIPLE_DOCS':
      return 'expected a single document in the stream';
    case 'BAD_DQ_ESCAPE':
      return 'found unknown escape character while parsing a quoted scalar';
    default:
      return 'did not find expected node content';
  }
}

function keyTextAt(src: string, offset: number): string {
  const m = /^(?:"([^"]*)"|'([^']*)'|([^:\n]*?))\s*:/.exec(src.slice(offset));
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
}

/** The line of the earlier sibling key with the same text (same indentation, before offset). */
function firstKeyLine(src: string, offset: number, key: string, lines: LineCounter): number {
  const { line, col } = lines.linePos(offset);
  const indent = ' '.repeat(col - 1);
  const all = src.split('\n');
  for (let i = line - 2; i >= 0; i--) {
    const l = all[i] ?? '';
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const lead = l.length - l.trimStart().length;
    if (lead < col - 1) break;
    if (lead === col - 1 && keyTextAt(l, indent.length) === key) return i + 1;
  }
  return line;
}

function pos(lines: LineCounter, offset: number): SimPosition {
  const p = lines.linePos(offset);
  return { line: p.line, col: p.col };
}

export function parseYaml(file: string, src: string): Result<ParsedFile> {
  // Nesting past what go-yaml (10,000) or this parser's call stack takes: refused before parsing, with its line.
  const unreadable = readerProblem(src);
  if (unreadable) return { ok: false, errors: [simError('YAML_SYNTAX', `yaml: ${unreadable}`, { file })] };
  const deep = nestingProblem(src);
  if (deep) return { ok: false, errors: [simError('YAML_SYNTAX', `yaml: ${deep.message}`, { file, pos: { line: deep.line, col: deep.col } })] };
  const lines = new LineCounter();
  const doc = parseDocument(src, { merge: true, lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const p = pos(lines, first.pos[0]);
    const msg = goYamlMessage(first, src, lines);
    // go-yaml reports duplicate keys as an unmarshal error, everything else as a parse error.
    // compose-go parses with go-yaml v3, whose message names the line of the construct the mistake is in (yaml-go-line.ts).
    const text = first.code === 'DUPLICATE_KEY' ? `yaml: unmarshal errors:\n  line ${p.line}: ${msg}` : `yaml: ${goYamlWhere('v3', src, msg, p.line, first.pos[0])}${msg}`;
    return { ok: false, errors: [simError('YAML_SYNTAX', text, { file, pos: p })] };
  }
  let value: unknown;
  try {
    // The default alias budget (maxAliasCount 100) stops "billion laughs" documents early.
    value = doc.toJS();
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    const anchor = /Unresolved alias.*: (.*)$/.exec(m)?.[1];
    const text = anchor !== undefined ? `yaml: unknown anchor '${anchor}' referenced` : 'yaml: document contains excessive aliasing';
    return { ok: false, errors: [simError(anchor !== undefined ? 'YAML_SYNTAX' : 'YAML_ALIAS_BOMB', text, { file })] };
  }
  return { ok: true, value: { file, value, doc, lines } };
}

/**
 * Position of the node at path (the key itself when `key` is set), or of the
 * nearest ancestor that exists. Paths go through merge keys' sources too, so an
 * error in a value that came from `<<: *anchor` points at the anchor's text.
 */
export function locate(parsed: ParsedFile, path: Path, key = false): SimPosition | undefined {
  let node: unknown = parsed.doc.contents;
  let best = rangePos(parsed, node);
  for (let i = 0; i < path.length; i++) {
    const found = child(parsed.doc, node, path[i]!);
    if (!found) return best;
    node = found.value;
    const useKey = key && i === path.length - 1 && found.key !== undefined;
    best = rangePos(parsed, useKey ? found.key : (node ?? found.key)) ?? best;
  }
  return best;
}

function rangePos(parsed: ParsedFile, node: unknown): SimPosition | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? pos(parsed.lines, r[0]) : undefined;
}

function child(doc: Document, node: unknown, seg: string | number): { key?: unknown; value: unknown } | undefined {
  if (isAlias(node)) node = node.resolve(doc);
  if (isSeq(node) && typeof seg === 'number') {
    const v = node.items[seg];
    return v === undefined ? undefined : { value: v };
  }
  if (!isMap(node)) return undefined;
  // Explicit keys win over merged ones, as in the loaded value.
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && typeof item.key.value !== 'symbol' && String(item.key.value) === String(seg)) return { key: item.key, value: item.value };
  }
  for (const item of node.items) {
    // With `merge: true` the `<<` key's value is a symbol; its source text stays "<<".
    if (!isPair(item) || !isScalar(item.key) || (item.key as { source?: string }).source !== '<<') continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const s of sources) {
      const hit = child(doc, s, seg);
      if (hit) return hit;
    }
  }
  return undefined;
}
