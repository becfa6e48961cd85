/**
 * Merging of -f files, after compose's override rules: mappings merge key by
 * key, scalars are replaced, and sequences follow the attribute:
 * - command, entrypoint, healthcheck.test, dns and the like are replaced;
 * - environment, labels, depends_on, networks, extra_hosts, args, sysctls are
 *   turned into mappings first and merged;
 * - volumes merge by container target, ports and the rest are appended
 *   without duplicates.
 */
type Obj = Record<string, unknown>;

const REPLACED = new Set(['command', 'entrypoint', 'test', 'dns', 'dns_search', 'dns_opt', 'tmpfs', 'profiles']);
const AS_MAP = new Set(['environment', 'labels', 'depends_on', 'networks', 'extra_hosts', 'args', 'sysctls', 'annotations']);

export function isObject(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** List forms of mapping attributes: ["A=1", "B"] for environment-like keys, ["db"] for depends_on/networks. */
export function listToMap(key: string, v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const o: Obj = {};
  for (const item of v) {
    const s = String(item);
    if (key === 'depends_on') o[s] = { condition: 'service_started' };
    else if (key === 'networks') o[s] = null;
    else {
      const sep = key === 'extra_hosts' ? s.search(/[=:]/) : s.indexOf('=');
      if (sep < 0) o[s] = null;
      else o[s.slice(0, sep)] = s.slice(sep + 1);
    }
  }
  return o;
}

/** Container path of a volume entry, the key volumes merge by. */
function volumeTarget(v: unknown): string {
  if (isObject(v)) return String(v.target ?? '');
  const parts = String(v).split(':');
  return parts.length === 1 ? parts[0]! : parts[1]!;
}

function mergeSeq(key: string, a: unknown[], b: unknown[]): unknown[] {
  if (key === 'volumes') {
    const byTarget = new Map<string, unknown>();
    for (const v of [...a, ...b]) byTarget.set(volumeTarget(v), v);
    return [...byTarget.values()];
  }
  const out = [...a];
  const seen = new Set(a.map((x) => JSON.stringify(x)));
  for (const x of b) if (!seen.has(JSON.stringify(x))) out.push(x);
  return out;
}

export function mergeValues(key: string, base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base === undefined || base === null) return over;
  if (key === 'build' && (typeof base === 'string' || typeof over === 'string')) {
    const asObj = (v: unknown) => (typeof v === 'string' ? { context: v } : v);
    return mergeValues(key, asObj(base), asObj(over));
  }
  if (AS_MAP.has(key) && (Array.isArray(base) || Array.isArray(over))) {
    return mergeValues(key, listToMap(key, base), listToMap(key, over));
  }
  if (REPLACED.has(key)) return over;
  if (Array.isArray(base) && Array.isArray(over)) return mergeSeq(key, base, over);
  if (isObject(base) && isObject(over)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = mergeValues(k, base[k], v);
    return out;
  }
  return over;
}

/** Later files override earlier ones. */
export function mergeFiles(files: unknown[]): Obj {
  let out: Obj = {};
  for (const f of files) out = mergeValues('', out, f) as Obj;
  return out;
}
