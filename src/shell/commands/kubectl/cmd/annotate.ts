/**
 * `kubectl annotate TYPE NAME key=value… key-… [--overwrite] [--list]`: a
 * merge patch of metadata.annotations; kubectl prints `annotated` whatever
 * changed (staging/src/k8s.io/kubectl/pkg/cmd/annotate/annotate.go).
 */
import { qualifiedNameErrors } from './taintspec.ts';
import { apiError, clientError, fetchNamed, objRef, type Subcommand } from './context.ts';

/**
 * cmdutil.GetResourcesAndPairs: the objects come first, then the changes
 * (`key=value`, or `key-` to remove); a name after a change is an error.
 */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = s.includes('=') || s.endsWith('-');
    if (isPair) pairs.push(s);
    else if (pairs.length) return { error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  return { resources, pairs };
}

export const annotate: Subcommand = (k) => {
  const split = resourcesAndPairs(k.args.args, 'annotation');
  if ('error' in split) return clientError(k, split.error);
  const { resources: resArgs, pairs: changes } = split;
  const list = k.args.flags['list'] === true;
  if (!changes.length && !list) return clientError(k, 'at least one annotation update is required');
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) {
      remove.push(c.slice(0, -1));
      continue;
    }
    const key = c.slice(0, c.indexOf('='));
    const errs = qualifiedNameErrors(key);
    if (errs.length) return clientError(k, `invalid annotation format: ${c}`);
    add[key] = c.slice(c.indexOf('=') + 1);
  }
  const both = remove.find((key) => key in add);
  if (both) return clientError(k, `can not both modify and remove an annotation in the same command`);
  const objs = fetchNamed(k, 'annotate', resArgs);
  if (typeof objs === 'number') return objs;
  let code = 0;
  for (const { info, obj } of objs) {
    const current = obj.metadata.annotations ?? {};
    if (list) {
      k.out(Object.entries(current).map(([a, b]) => `${a}=${b}\n`).join(''));
      continue;
    }
    // validateNoAnnotationOverwrites
    const clashes = Object.keys(add).filter((key) => current[key] !== undefined && current[key] !== add[key]);
    if (clashes.length && k.args.flags['overwrite'] !== true) {
      code = clientError(k, `--overwrite is false but found the following declared annotation(s): ${clashes.map((key) => `'${key}' already has a value (${current[key]})`).join('; ')}`);
      continue;
    }
    const patch = { metadata: { annotations: { ...Object.fromEntries(remove.map((key) => [key, null])), ...add } } };
    const r = k.api.patch(info.resource, obj.metadata.namespace, obj.metadata.name, patch, 'merge');
    if (!r.ok) code = apiError(k, r.errors[0]);
    else k.out(`${objRef(obj)} annotated${k.dry}\n`);
  }
  k.flush();
  return code;
};
