/**
 * `--sort-by=JSONPATH` (staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go):
 * the expression is relaxed to `{.a.b}`, objects without the field sort
 * first, numbers compare as numbers and strings in natural order
 * (sortorder.NaturalLess), and the sort is stable.
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import type { Result } from '../../../../sim/errors.ts';
import { fail, ok, simError } from '../../../../sim/errors.ts';
import { findJsonPath } from './jsonpath.ts';

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(expr: string): Result<string> {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) return fail(simError('BadSortBy', "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"));
  return ok(`{.${m[1] ?? m[2]}}`);
}

/** sortorder.NaturalLess: digit runs compare as numbers, the rest byte by byte. */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return pa.length < pb.length;
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return naturalLess(typeof a === 'string' ? a : JSON.stringify(a), typeof b === 'string' ? b : JSON.stringify(b));
}

export function sortObjects<T extends KubeObject>(objs: T[], expr: string): Result<T[]> {
  const field = relaxedJsonPath(expr);
  if (!field.ok) return field;
  let values: unknown[][];
  try {
    values = objs.map((o) => findJsonPath(field.value, o));
  } catch (e) {
    return fail(simError('BadSortBy', `error parsing jsonpath ${field.value}, ${(e as Error).message}`));
  }
  if (objs.length && !values.some((v) => v.length)) return fail(simError('BadSortBy', `couldn't find any field with path "${field.value}" in the list of objects`));
  const idx = objs.map((_, i) => i);
  idx.sort((i, j) => {
    const a = values[i]!;
    const b = values[j]!;
    if (!a.length) return b.length ? -1 : 0;
    if (!b.length) return 1;
    return less(a[0], b[0]) ? -1 : less(b[0], a[0]) ? 1 : 0;
  });
  return ok(idx.map((i) => objs[i]!));
}
