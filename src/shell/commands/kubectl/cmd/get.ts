/**
 * `kubectl get`: tables (one per kind, `get all`), -o formats, selectors, -A,
 * and `-w` as a Job that prints the table once, then one row per change.
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { printObjects } from '../print/output.ts';
import { noResourcesFound, printGroups, printTable, type TableOptions } from '../print/table.ts';
import { sortObjects } from '../print/sort.ts';
import type { ResourceTarget } from '../args.ts';
import { rawGet } from './raw.ts';
import { apiError, eventJob, nsFor, targets, warningPrinter, type Kctx, type Subcommand } from './context.ts';

interface Found {
  groups: KubeObject[][];
  failed: boolean;
  /** Names were given: NotFound is an error, empty is not "No resources found". */
  named: boolean;
  resourceVersion?: string;
}

/** Fetches what the targets name, printing NotFound and other errors as it goes. */
export function fetchTargets(k: Kctx, ts: ResourceTarget[]): Found {
  const found: Found = { groups: [], failed: false, named: ts.some((t) => t.names.length > 0) };
  const warn = warningPrinter(k);
  for (const t of ts) {
    const group: KubeObject[] = [];
    if (t.names.length) {
      for (const name of t.names) {
        const r = k.api.get(t.resource.resource, nsFor(k, t.resource), name);
        warn(r);
        if (r.ok) group.push(r.value);
        else {
          apiError(k, r.errors[0]);
          found.failed = true;
        }
      }
    } else {
      const r = k.api.list(t.resource.resource, nsFor(k, t.resource, true), { labelSelector: k.args.selector, fieldSelector: k.args.fieldSelector });
      warn(r);
      if (!r.ok) {
        apiError(k, r.errors[0]);
        found.failed = true;
        continue;
      }
      group.push(...r.value.items);
      found.resourceVersion = r.value.metadata.resourceVersion;
    }
    found.groups.push(group);
  }
  return found;
}

function tableOptions(k: Kctx): TableOptions {
  return { wide: k.args.output === 'wide', noHeaders: k.args.noHeaders, withNamespace: k.args.allNamespaces, showLabels: k.args.showLabels, labelColumns: k.args.labelColumns };
}

export const get: Subcommand = (k) => {
  const raw = k.args.flags['raw'];
  if (typeof raw === 'string') return rawGet(k, raw);
  const ts = targets(k, 'get');
  if (typeof ts === 'number') return ts;
  const found = fetchTargets(k, ts);
  const sortBy = k.args.flags['sort-by'];
  if (typeof sortBy === 'string' && sortBy) {
    for (const [i, g] of found.groups.entries()) {
      const sorted = sortObjects(g, sortBy);
      if (!sorted.ok) {
        k.err(`error: ${sorted.errors[0].message}\n`);
        return 1;
      }
      found.groups[i] = sorted.value;
    }
  }
  const objs = found.groups.flat();
  const fmt = k.args.output;
  if (fmt && fmt !== 'wide') {
    // A named object that was not found prints only its error.
    if (objs.length || (!found.named && !found.failed)) {
      const single = ts.length === 1 && ts[0]!.names.length === 1;
      const r = printObjects(fmt, objs, single, { noHeaders: k.args.noHeaders, template: k.args.flags['template'] as string | undefined });
      if (!r.ok) {
        k.err(r.error);
        return 1;
      }
      k.out(r.stdout);
    }
    return found.failed ? 1 : 0;
  }
  const opts = tableOptions(k);
  const clusterScoped = ts.every((t) => !t.resource.namespaced);
  const nsName = k.args.allNamespaces || clusterScoped ? undefined : k.ns;
  if (ts.length === 1) {
    if (objs.length) k.out(printTable(objs, k.now(), opts));
    // kubectl says "No resources found" only when nothing failed (get.go: len(infos) == 0 && len(allErrs) == 0).
    else if (!found.named && !found.failed && !k.args.watch) k.err(noResourcesFound(nsName));
  } else {
    const g = printGroups(found.groups, k.now(), { ...opts, namespace: nsName });
    k.out(g.stdout);
    if (!found.named && !found.failed) k.err(g.stderr);
  }
  if (!k.args.watch) return found.failed ? 1 : 0;
  return watch(k, ts, found, opts);
};

/** -w: every later change of the listed objects, one row each, aligned on its own as kubectl's per-event flush does. */
function watch(k: Kctx, ts: ResourceTarget[], found: Found, opts: TableOptions): ReturnType<Subcommand> {
  const t = ts[0]!;
  if (ts.length > 1) {
    k.err('error: you may only specify a single resource type\n');
    return 1;
  }
  const names = new Set(t.names);
  return eventJob(k, () => {
    const r = k.api.watch(
      t.resource.resource,
      { namespace: nsFor(k, t.resource, true), labelSelector: k.args.selector, fieldSelector: k.args.fieldSelector, resourceVersion: found.resourceVersion ?? listVersion(k, t) },
      (e) => {
        if (names.size && !names.has(e.object.metadata.name)) return;
        k.out(printTable([e.object], k.now(), { ...opts, noHeaders: true }));
      },
    );
    if (!r.ok) return () => {};
    return () => r.value.stop();
  });
}

function listVersion(k: Kctx, t: ResourceTarget): string | undefined {
  const r = k.api.list(t.resource.resource, nsFor(k, t.resource, true));
  return r.ok ? r.value.metadata.resourceVersion : undefined;
}
