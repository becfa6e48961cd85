import type { Container, KubeObject, LabelSelector, Labels } from '../../../../sim/k8s/api/types.ts';

/** A resource's table layout: the default columns, the extra `-o wide` ones, and the cells for one object. */
export interface ResourcePrinter<T extends KubeObject = KubeObject> {
  columns: readonly string[];
  wideColumns: readonly string[];
  /** Cells for the default columns, then the wide ones when `wide`. */
  row(obj: T, now: number, wide: boolean): string[];
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Labels | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; '' for an empty selector.
 */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((x) => x.text).join(',');
}

/** metav1.FormatLabelSelector: like selectorString but `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  return selectorString(sel) || '<none>';
}

/** layoutContainerCells: the CONTAINERS and IMAGES wide cells. */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

/** The controller owner reference, as metav1.GetControllerOf finds it. */
export function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller === true);
}

/** "a,b,c + 2 more..." when a list is cut at `max` items. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}
