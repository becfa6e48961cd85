/**
 * `kubectl explain TYPE[.field.path]`: KIND/VERSION, FIELD, DESCRIPTION and
 * FIELDS in kubectl's plaintext layout, from the API server's field schema.
 * The simulator's schema has no Go type names, so objects read `<Object>`.
 */
import { groupOf, KINDS, schemaAt, type FieldSchema } from '../../../../sim/k8s/apiserver/index.ts';
import { unknownResourceType } from '../errors.ts';
import { resolveResource } from '../resources.ts';
import { clientError, type Subcommand } from './context.ts';

export function typeName(s: FieldSchema): string {
  switch (s.type) {
    case 'array':
      return `[]${s.items ? typeName(s.items) : 'Object'}`;
    case 'map':
      return 'map[string]string';
    case 'object':
    case 'any':
      return 'Object';
    case 'int-or-string':
      return 'IntOrString';
    default:
      return s.type;
  }
}

export function explainText(kind: string, apiVersion: string, path: string[], s: FieldSchema, recursive = false): string {
  const group = groupOf(apiVersion);
  let out = group ? `GROUP:      ${group}\n` : '';
  out += `KIND:       ${kind}\nVERSION:    ${apiVersion.split('/').pop()}\n\n`;
  if (path.length) out += `FIELD: ${path.at(-1)} <${typeName(s)}>${s.required ? ' -required-' : ''}\n\n`;
  out += `DESCRIPTION:\n    ${s.desc || '<empty>'}\n`;
  const fields = (s.type === 'array' ? s.items?.fields : s.fields) ?? {};
  const names = Object.keys(fields).sort();
  if (!names.length) return out;
  out += '    \nFIELDS:\n';
  if (recursive) return out + tree(fields, 1);
  for (const n of names) {
    const f = fields[n]!;
    out += `  ${n}\t<${typeName(f)}>${f.required ? ' -required-' : ''}\n    ${f.desc}\n\n`;
  }
  return out;
}

function tree(fields: Record<string, FieldSchema>, depth: number): string {
  let out = '';
  for (const n of Object.keys(fields).sort()) {
    const f = fields[n]!;
    out += `${'  '.repeat(depth)}${n}\t<${typeName(f)}>${f.required ? ' -required-' : ''}\n`;
    const sub = (f.type === 'array' ? f.items?.fields : f.fields) ?? {};
    out += tree(sub, depth + 1);
  }
  return out;
}

export const explain: Subcommand = (k) => {
  const arg = k.args.args[0];
  if (!arg) return clientError(k, 'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  const [type, ...path] = arg.split('.');
  const info = resolveResource(type!);
  const def = info && KINDS.find((d) => d.kind === info.kind);
  if (!def) {
    k.err(unknownResourceType(type!));
    return 1;
  }
  const s = path.length ? schemaAt(def.schema, path) : def.schema;
  if (!s) return clientError(k, `field "${path.at(-1)}" does not exist`);
  k.out(explainText(def.kind, def.apiVersion, path, s, k.args.flags['recursive'] === true));
  return 0;
};
