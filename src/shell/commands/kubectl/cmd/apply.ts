/**
 * `kubectl apply -f` and `kubectl create -f`. apply keeps the manifest in the
 * last-applied-configuration annotation and sends a merge patch computed from
 * (last applied, manifest, live): fields the manifest dropped are deleted,
 * fields it sets are written where live differs; lists go whole when the
 * manifest changed them (live lists carry server defaults).
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { kindFor } from '../../../../sim/k8s/apiserver/index.ts';
import { apiError, loadManifests, printResult, warningPrinter, type Kctx, type Subcommand } from './context.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's json.Marshal of a map: compact, keys sorted. */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(v[key])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return sortedJson(a) === sortedJson(b);
}

/** The three-way merge patch; undefined when nothing would change. */
export function threeWayPatch(original: unknown, modified: unknown, live: unknown): Record<string, Json> | undefined {
  const o = isObj(original) ? original : {};
  const m = isObj(modified) ? modified : {};
  const l = isObj(live) ? live : {};
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(o)) if (!(key in m) && key in l) patch[key] = null;
  for (const [key, mv] of Object.entries(m)) {
    const lv = l[key];
    if (isObj(mv) && isObj(lv)) {
      const sub = threeWayPatch(o[key], mv, lv);
      if (sub) patch[key] = sub;
    } else if (Array.isArray(mv) && Array.isArray(lv)) {
      if (!(key in o && deepEqual(o[key], mv))) {
        if (!deepEqual(mv, lv)) patch[key] = mv;
      }
    } else if (!deepEqual(mv, lv)) patch[key] = mv;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** What apply stores in the annotation: the manifest with its namespace, the annotation itself left out. */
function lastApplied(obj: KubeObject, ns: string | undefined): string {
  const copy = structuredClone(obj) as KubeObject;
  const annotations = { ...copy.metadata.annotations };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations, ...(ns ? { namespace: ns } : {}) };
  return `${sortedJson(copy)}\n`;
}

function withAnnotation(obj: KubeObject, value: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [LAST_APPLIED]: value } } };
}

function inNamespace(obj: KubeObject, ns: string | undefined): KubeObject {
  return ns ? { ...obj, metadata: { ...obj.metadata, namespace: ns } } : obj;
}

function resourceFor(obj: KubeObject) {
  return kindFor(obj.apiVersion, obj.kind);
}

export const apply: Subcommand = (k) => {
  if (!k.args.filenames.length) {
    k.err('error: must specify one of -f and -k\n\n');
    return 1;
  }
  const loaded = loadManifests(k);
  if (loaded.fatal || nothingPassed(k, loaded, 'apply')) return 1;
  let failed = loaded.failed;
  const warn = warningPrinter(k);
  for (const { obj, file } of loaded.objects) {
    const def = resourceFor(obj)!;
    const ns = def.namespaced ? obj.metadata?.namespace || k.ns : undefined;
    if (def.namespaced && obj.metadata?.namespace && k.args.namespace && obj.metadata.namespace !== k.args.namespace) {
      k.err(`error: the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${k.args.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.\n`);
      failed = true;
      continue;
    }
    const applied = lastApplied(obj, ns);
    const cur = k.api.get(def.resource, ns, obj.metadata?.name ?? '');
    if (!cur.ok && cur.errors[0].code !== 'NotFound') {
      failed = apiError(k, cur.errors[0], { verb: 'retrieving current configuration of', filename: file }) > 0;
      continue;
    }
    if (!cur.ok) {
      const r = k.api.create(withAnnotation(inNamespace(obj, ns), applied));
      warn(r);
      if (!r.ok) failed = apiError(k, r.errors[0], { verb: 'creating', filename: file }) > 0;
      else printResult(k, r.value, 'created');
      continue;
    }
    const live = cur.value;
    const original = live.metadata.annotations?.[LAST_APPLIED];
    let parsedOriginal: unknown = {};
    try {
      parsedOriginal = original ? JSON.parse(original) : {};
    } catch {
      parsedOriginal = {};
    }
    // The annotation records the namespace, so the manifest compared with it must carry it too.
    const modified = withAnnotation(inNamespace(obj, ns), applied);
    const patch = threeWayPatch(parsedOriginal, modified, live);
    if (!patch) {
      printResult(k, live, 'unchanged');
      continue;
    }
    const r = k.api.patch(def.resource, ns, live.metadata.name, patch, 'merge');
    warn(r);
    if (!r.ok) failed = apiError(k, r.errors[0], { verb: 'patching', filename: file }) > 0;
    else printResult(k, r.value, 'configured');
  }
  k.flush();
  return failed ? 1 : 0;
};

/** An empty file (or only `---` and comments) is an error for apply and create, as in kubectl; decoding errors speak for themselves. */
function nothingPassed(k: Kctx, loaded: ReturnType<typeof loadManifests>, verb: string): boolean {
  if (loaded.objects.length || loaded.failed) return false;
  k.err(`error: no objects passed to ${verb}\n`);
  return true;
}

/** `kubectl create -f`: every object created as written; AlreadyExists is an error. */
export function createFromFiles(k: Kctx): number {
  const loaded = loadManifests(k);
  if (loaded.fatal || nothingPassed(k, loaded, 'create')) return 1;
  let failed = loaded.failed;
  const warn = warningPrinter(k);
  const save = k.args.flags['save-config'] === true;
  for (const { obj, file } of loaded.objects) {
    const def = resourceFor(obj)!;
    const ns = def.namespaced ? obj.metadata?.namespace || k.ns : undefined;
    const body = save ? withAnnotation(obj, lastApplied(obj, ns)) : obj;
    const r = k.api.create(body, { namespace: ns });
    warn(r);
    if (!r.ok) failed = apiError(k, r.errors[0], { verb: 'creating', filename: file }) > 0;
    else printResult(k, r.value, 'created');
  }
  k.flush();
  return failed ? 1 : 0;
}
