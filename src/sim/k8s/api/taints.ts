/**
 * Taints and tolerations, one matcher for the scheduler, the taint-eviction
 * controller and anything else: k8s.io/api/core/v1 toleration.go
 * (Toleration.ToleratesTaint) and component-helpers' taints.go.
 */
import type { Taint, Toleration } from './types.ts';

/**
 * Toleration.ToleratesTaint:
 * 1. an empty effect matches every effect, otherwise the effects must be equal;
 * 2. an empty key matches every key, otherwise the keys must be equal;
 * 3. operator Exists matches any value; Equal (or empty, the default) needs equal values;
 *    any other operator matches nothing.
 * So `{operator: Exists}` (empty key) tolerates every taint. Validation only
 * allows an empty key with Exists, but the matcher itself does not check that.
 */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  switch (tol.operator ?? '') {
    case '':
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** v1helper.TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  // Plain loops: the scheduler asks this for every node of every pod, and a closure and an empty array per call were garbage.
  if (tolerations) for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true;
  return false;
}

const ALL = (): boolean => true;

/** FindMatchingUntoleratedTaint: the first taint (node order) that passes the filter and no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, include: (t: Taint) => boolean = ALL): Taint | undefined {
  if (taints) for (let i = 0; i < taints.length; i++) if (include(taints[i]!) && !tolerationsTolerateTaint(tolerations, taints[i]!)) return taints[i];
  return undefined;
}
