import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import type { SimError } from '../../errors.ts';
import { kindFor } from './registry.ts';
import { nestingProblem, readerProblem } from '../../yaml-depth.ts';
import { goYamlWhere } from '../../yaml-go-line.ts';

/**
 * Manifest decoding as kubectl does it before it talks to the server:
 * several documents (`---`), `kind: List`, block or flow style (KYAML).
 * Messages are the full lines kubectl prints, `error: ` included.
 */
export interface Decoded {
  /** Objects in file order, Lists flattened. */
  objects: KubeObject[];
  /** Per-object problems (missing kind, no mapping); the other objects still apply. */
  errors: SimError[];
  /** A syntax error stops kubectl before anything is sent. */
  fatal: boolean;
}

/** go-yaml's wording for what eemeli/yaml reports under its own codes. */
function goYamlProblem(code: string, message: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'MISSING_CHAR':
      if (message.includes('quote')) return 'found unexpected end of stream';
      return message.includes('}') ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'";
    case 'BAD_INDENT':
      if (message.startsWith('Flow sequence')) return "did not find expected ',' or ']'";
      if (message.startsWith('Flow mapping')) return "did not find expected ',' or '}'";
      return 'did not find expected key';
    default:
      return 'did not find expected key';
  }
}

/**
 * kubectl splits a file into documents at `---` lines (apimachinery's YAMLReader) and converts each
 * with sigs.k8s.io/yaml (go-yaml v2), so the line in its message counts from the document's first line,
 * with v2's own quirks (yaml-go-line.ts).
 */
function kubectlWhere(text: string, problem: string, line: number, offset: number): string {
  const lines = text.split('\n');
  let startLine = 0;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    if (/^---\s*$/.test(lines[i]!)) {
      startLine = i + 1;
      break;
    }
  }
  const startOffset = lines.slice(0, startLine).reduce((n, l) => n + l.length + 1, 0);
  return goYamlWhere('v2', text.slice(startOffset), problem, line - startLine, offset - startOffset);
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function keyOnLine(text: string, line: number): string {
  const m = /^\s*(?:-\s+)?["']?([^"':]+)["']?\s*:/.exec(text.split('\n')[line - 1] ?? '');
  return m?.[1]?.trim() ?? '';
}

/** Compact JSON with sorted keys, as the YAML-to-JSON step of kubectl produces. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function decodeManifests(text: string, file: string): Decoded {
  const out: Decoded = { objects: [], errors: [], fatal: false };
  // Nesting past what go-yaml (10,000) or this parser's call stack takes: refused before parsing, with its line.
  const unreadable = readerProblem(text);
  if (unreadable) {
    out.errors.push({ code: 'YAMLSyntax', message: `error: error parsing ${file}: error converting YAML to JSON: yaml: ${unreadable}`, file });
    out.fatal = true;
    return out;
  }
  const deep = nestingProblem(text);
  if (deep) {
    out.errors.push({ code: 'YAMLSyntax', message: `error: error parsing ${file}: error converting YAML to JSON: yaml: ${deep.message}`, file, pos: { line: deep.line, col: deep.col } });
    out.fatal = true;
    return out;
  }
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  for (const doc of docs) {
    const e = doc.errors[0];
    if (e) {
      const line = e.linePos?.[0].line ?? 1;
      const body =
        e.code === 'DUPLICATE_KEY'
          ? `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(keyOnLine(text, line))} already set in map`
          : `yaml: ${kubectlWhere(text, goYamlProblem(e.code, e.message), line, e.pos[0])}${goYamlProblem(e.code, e.message)}`;
      out.errors.push({ code: 'YAMLSyntax', message: `error: error parsing ${file}: error converting YAML to JSON: ${body}`, file, pos: { line, col: e.linePos?.[0].col ?? 1 } });
      out.fatal = true;
      return out;
    }
  }
  const values: unknown[] = [];
  for (const doc of docs) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // eemeli/yaml throws for aliases (an unknown anchor, or a "billion laughs" bomb); go-yaml fails the whole file with its own words.
      const msg = (e as Error).message ?? '';
      const anchor = /Unresolved alias[^:]*: (.*)$/.exec(msg)?.[1];
      const body = anchor !== undefined ? `yaml: unknown anchor '${anchor}' referenced` : /alias/i.test(msg) ? 'yaml: document contains excessive aliasing' : `yaml: ${msg}`;
      const line = doc.contents?.range ? lineOf(text, doc.contents.range[0]) : 1;
      out.errors.push({ code: 'YAMLSyntax', message: `error: error parsing ${file}: error converting YAML to JSON: ${body}`, file, pos: { line, col: 1 } });
      out.fatal = true;
      out.objects = [];
      return out;
    }
    values.push(value);
  }
  for (const value of values) {
    if (value === null || value === undefined) continue;
    addObject(value, file, out);
  }
  return out;
}

function addObject(value: unknown, file: string, out: Decoded): void {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    out.errors.push({ code: 'Decode', message: `error: unable to decode "${file}": json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`, file });
    return;
  }
  const o = value as Partial<KubeObject> & { items?: unknown[] };
  if (!o.kind) {
    out.errors.push({ code: 'MissingKind', message: `error: unable to decode "${file}": Object 'Kind' is missing in '${goJson(o)}'`, file });
    return;
  }
  if (o.kind === 'List' && (o.apiVersion ?? 'v1') === 'v1') {
    const items = o.items as unknown;
    if (items !== undefined && items !== null && !Array.isArray(items)) {
      // The List is decoded into a struct whose items are raw JSON messages; anything but an array fails there.
      const t = typeof items === 'object' ? 'object' : typeof items === 'boolean' ? 'bool' : typeof items;
      out.errors.push({ code: 'Decode', message: `error: unable to decode "${file}": json: cannot unmarshal ${t} into Go struct field decodeList.items of type []json.RawMessage`, file });
      return;
    }
    for (const item of (items as unknown[] | null | undefined) ?? []) addObject(item, file, out);
    return;
  }
  if (!o.apiVersion || !kindFor(o.apiVersion, o.kind)) {
    const name = o.metadata?.name ?? '';
    const ns = o.metadata?.namespace ?? '';
    out.errors.push({
      code: 'NoKindMatch',
      message: `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${file}": no matches for kind "${o.kind}" in version "${o.apiVersion ?? ''}"\nensure CRDs are installed first`,
      file,
    });
    return;
  }
  out.objects.push(o as KubeObject);
}
