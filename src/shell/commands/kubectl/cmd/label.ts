/**
 * `kubectl label TYPE NAME key=value… key-… [--overwrite]`: `pod/web labeled`,
 * `unlabeled` when it only removes, `not labeled` when nothing changes.
 */
import { resourcesAndPairs } from './annotate.ts';
import { apiError, clientError, fetchNamed, objRef, type Subcommand } from './context.ts';

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export const label: Subcommand = (k) => {
  const split = resourcesAndPairs(k.args.args, 'label');
  if ('error' in split) return clientError(k, split.error);
  const { resources: resArgs, pairs: changes } = split;
  if (!changes.length && k.args.flags['list'] !== true) return clientError(k, 'at least one label update is required');
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const key = c.slice(0, c.indexOf('='));
      if (!LABEL_KEY.test(key)) return clientError(k, `invalid label spec: ${c}`);
      add[key] = c.slice(c.indexOf('=') + 1);
    }
  }
  const objs = fetchNamed(k, 'label', resArgs);
  if (typeof objs === 'number') return objs;
  let code = 0;
  for (const { info, obj } of objs) {
    const labels = { ...obj.metadata.labels };
    if (k.args.flags['list'] === true) {
      k.out(Object.entries(labels).map(([a, b]) => `${a}=${b}\n`).join(''));
      continue;
    }
    const clash = Object.keys(add).find((key) => labels[key] !== undefined && labels[key] !== add[key]);
    if (clash && k.args.flags['overwrite'] !== true) {
      code = clientError(k, `'${clash}' already has a value (${labels[clash]}), and --overwrite is false`);
      continue;
    }
    const before = JSON.stringify(labels);
    Object.assign(labels, add);
    for (const key of remove) delete labels[key];
    if (JSON.stringify(labels) === before) {
      k.out(`${objRef(obj)} not labeled\n`);
      continue;
    }
    const patch = { metadata: { labels: { ...Object.fromEntries(remove.map((key) => [key, null])), ...add } } };
    const r = k.api.patch(info.resource, obj.metadata.namespace, obj.metadata.name, patch, 'merge');
    if (!r.ok) code = apiError(k, r.errors[0]);
    else k.out(`${objRef(obj)} ${Object.keys(add).length ? 'labeled' : 'unlabeled'}${k.dry}\n`);
  }
  k.flush();
  return code;
};
