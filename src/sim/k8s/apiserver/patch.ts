/**
 * Patches as the apiserver applies them: JSON merge patch (RFC 7386) and the
 * strategic-merge flavour kubectl apply/label/scale send, where lists of
 * containers, ports, env, volumes... merge by key instead of being replaced.
 */
type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Merge keys of the lists the simulator's kinds have, by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  ownerReferences: 'uid',
  // containers[].ports merge by containerPort, Service ports by port: both are called "ports".
  ports: '',
};

function portsKey(items: Json[]): string {
  return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
}

export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    // Directives kubectl adds for ordering and retention; the merge itself does not need them.
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v) && k in MERGE_KEYS) {
      const key = MERGE_KEYS[k] || portsKey([...v, ...(Array.isArray(cur) ? cur : [])]);
      out[k] = mergeList(Array.isArray(cur) ? cur : [], v, key);
    } else if (isObj(v)) {
      out[k] = strategicMergePatch(cur, v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeList(cur: Json[], patch: Json[], key: string): Json[] {
  const out = [...cur];
  for (const item of patch) {
    if (!isObj(item) || !(key in item)) {
      out.push(item);
      continue;
    }
    const idx = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item);
    else out.push(strategicMergePatch({}, item));
  }
  return out;
}

export type PatchType = 'merge' | 'strategic' | 'json';

/** RFC 6902 JSON patch: add, remove, replace (what `kubectl patch --type=json` users reach for). */
export function jsonPatch(target: Json, ops: Json): { ok: true; value: Json } | { ok: false; message: string } {
  if (!Array.isArray(ops)) return { ok: false, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let doc = JSON.parse(JSON.stringify(target)) as Json;
  for (const op of ops) {
    if (!isObj(op) || typeof op.path !== 'string') return { ok: false, message: 'Unexpected kind: ' + String(isObj(op) ? op.op : op) };
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    let parent: Json = doc;
    for (const p of parts) parent = Array.isArray(parent) ? parent[Number(p)] : isObj(parent) ? parent[p] : undefined;
    if (last === undefined) {
      doc = op.value;
      continue;
    }
    if (!isObj(parent) && !Array.isArray(parent)) return { ok: false, message: `replace operation does not apply: doc is missing path: "${op.path}": missing value` };
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(i, 0, op.value);
      else if (op.op === 'remove') parent.splice(i, 1);
      else if (op.op === 'replace') parent[i] = op.value;
    } else {
      if ((op.op === 'replace' || op.op === 'remove') && !(last in parent)) return { ok: false, message: `${op.op} operation does not apply: doc is missing key: ${op.path}: missing value` };
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return { ok: true, value: doc };
}
