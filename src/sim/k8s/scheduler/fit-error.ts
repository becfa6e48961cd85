/**
 * FitError's message, as kube-scheduler words it:
 * "0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient cpu. preemption: …"
 * Every reason of every failed node is counted, and the "<count> <reason>"
 * strings are sorted as strings (so "10 …" sorts before "2 …", as in Go).
 */
import type { Status } from './framework.ts';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface FitErrorInput {
  numAllNodes: number;
  /** Statuses of the nodes that were filtered out. */
  statuses: Iterable<Status>;
  /** Set when a PreFilter plugin rejected the pod; replaces the per-node histogram. */
  preFilterMsg?: string;
  /** PostFilter (preemption) message, already prefixed "preemption: ". */
  postFilterMsg?: string;
}

export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(f: FitErrorInput): string {
  let msg = `0/${f.numAllNodes} nodes are available:`;
  if (f.preFilterMsg) {
    msg += ` ${f.preFilterMsg}.`;
  } else {
    const hist = reasonHistogram(f.statuses);
    if (hist.length) msg += ` ${hist.join(', ')}.`;
  }
  if (f.postFilterMsg) msg += ` ${f.postFilterMsg}`;
  return msg;
}
