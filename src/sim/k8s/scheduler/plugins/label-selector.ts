/**
 * metav1.LabelSelectorAsSelector, as the scheduler's pod-to-pod plugins use
 * it: a missing selector selects nothing, an empty one ({}) everything.
 */
import type { LabelSelector, Labels, LabelSelectorRequirement } from '../../api/types.ts';

function requirementMatches(r: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(labels[r.key]!);
    case 'NotIn':
      return !has || !values.includes(labels[r.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

export function selectorMatches(sel: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!Object.hasOwn(l, k) || l[k] !== v) return false;
  return (sel.matchExpressions ?? []).every((r) => requirementMatches(r, l));
}

/** labels.Selector.Empty(): a present selector with no requirements (it matches everything). */
export const selectorIsEmpty = (sel: LabelSelector | undefined): boolean =>
  !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
