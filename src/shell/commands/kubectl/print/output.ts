/**
 * kubectl's non-table outputs: `-o yaml|json|name|jsonpath=…|custom-columns=…`.
 * `printObjects` takes what the get found: one named object prints as itself,
 * anything else as a `kind: List`, as kubectl does.
 */
import { executeTemplate, KUBECTL_FUNCS, TemplateError } from '../../../gotemplate.ts';
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { kindPrefix } from '../resources.ts';
import { findJsonPath, printJsonPath } from './jsonpath.ts';
import { toJSON, toYAML } from './serialize.ts';
import { GET_TABWRITER, tabwrite } from './tabwriter.ts';

export type OutputResult = { ok: true; stdout: string } | { ok: false; error: string };

/** The List wrapper kubectl prints around several objects. */
export function asList(objs: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

/** `-o name`: `pod/web-1`, `deployment.apps/web`. */
export function printNames(objs: KubeObject[]): string {
  return objs.map((o) => `${kindPrefix(o.kind, o.apiVersion)}/${o.metadata.name}\n`).join('');
}

/** Go's %v for custom-columns cells: maps as map[k:v], lists as [a b]. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    return `map[${Object.keys(m)
      .sort()
      .map((k) => `${k}:${goValue(m[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`; missing values read `<none>`. */
export function printCustomColumns(spec: string, objs: KubeObject[], noHeaders = false): OutputResult {
  if (!spec) return { ok: false, error: 'error: custom-columns format specified but no custom columns given\n' };
  const cols: { header: string; path: string }[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>\n` };
    const expr = part.slice(colon + 1);
    cols.push({ header: part.slice(0, colon), path: expr.startsWith('{') ? expr : `{${expr.startsWith('.') ? expr : `.${expr}`}}` });
  }
  const lines: string[] = noHeaders ? [] : [cols.map((c) => c.header).join('\t')];
  try {
    for (const o of objs) lines.push(cols.map((c) => findJsonPath(c.path, o).map(goValue).join(',') || '<none>').join('\t'));
  } catch (e) {
    return { ok: false, error: `error: ${(e as Error).message}\n` };
  }
  return { ok: true, stdout: tabwrite(lines.join('\n') + '\n', GET_TABWRITER) };
}

/**
 * Everything but tables. `single` is true when the user named exactly one
 * object (`get pod web -o yaml`), so it prints bare rather than in a List.
 */
export function printObjects(format: string, objs: KubeObject[], single: boolean, opts: { noHeaders?: boolean; template?: string } = {}): OutputResult {
  const data = single && objs.length === 1 ? objs[0] : asList(objs);
  // -o go-template=TPL, -o template=TPL, or -o go-template --template=TPL (pkg/printers/template.go).
  const tpl = /^(go-)?template=/.test(format) ? format.slice(format.indexOf('=') + 1) : format === 'go-template' || format === 'template' ? opts.template : undefined;
  if (format === 'go-template' || format === 'template' || tpl !== undefined) {
    if (!tpl) return { ok: false, error: 'error: template format specified but no template given\n' };
    try {
      // The object as JSON (an unstructured map), as kubectl's template printer sees it.
      return { ok: true, stdout: executeTemplate(tpl, JSON.parse(JSON.stringify(data)), KUBECTL_FUNCS) };
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      return { ok: false, error: `error: error parsing template ${tpl}, ${e.message}\n` };
    }
  }
  if (format === 'json') return { ok: true, stdout: toJSON(data) + '\n' };
  if (format === 'yaml') return { ok: true, stdout: toYAML(data) };
  if (format === 'name') return { ok: true, stdout: printNames(objs) };
  if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    const r = printJsonPath(format.slice(format.indexOf('=') + 1), data);
    return r.ok ? { ok: true, stdout: r.value } : { ok: false, error: r.error };
  }
  if (format === 'jsonpath') return { ok: false, error: 'error: jsonpath template format specified but no template given\n' };
  if (format.startsWith('custom-columns=')) return printCustomColumns(format.slice('custom-columns='.length), objs, opts.noHeaders);
  return {
    ok: false,
    error: `error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`,
  };
}
