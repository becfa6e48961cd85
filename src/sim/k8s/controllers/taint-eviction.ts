import type { Pod, Taint } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { keyOf, listOr, parseTime, rfc3339, splitKey, tolerates } from './util.ts';

const SOURCE = 'taint-eviction-controller';

/**
 * Seconds a pod may stay on a node with these NoExecute taints: 0 when one is
 * not tolerated, undefined (forever) when every matching toleration has no
 * tolerationSeconds, else the smallest tolerationSeconds (getMinTolerationTime).
 */
export function tolerationSecondsFor(pod: Pod, taints: Taint[]): number | undefined {
  let min: number | undefined;
  for (const taint of taints) {
    const used = (pod.spec.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (!used.length) return 0;
    for (const t of used) if (t.tolerationSeconds !== undefined) min = Math.min(min ?? Infinity, Math.max(0, t.tolerationSeconds));
  }
  return min;
}

/**
 * pkg/controller/tainteviction: deletes pods from nodes with NoExecute taints
 * once their tolerationSeconds (counted from the taint's timeAdded) run out.
 * Owners replace them; the scheduler puts replacements elsewhere.
 */
export class TaintEvictionController extends QueueController {
  readonly name = 'taint-eviction-controller';
  #scheduled = new Set<string>();

  protected watchAll(): void {
    this.watch('pods', (_t, p) => p.spec.nodeName && this.enqueue(keyOf(p)));
    this.watch('nodes', (_t, n) => {
      for (const p of listOr(this.client.list('pods'))) if (p.spec.nodeName === n.metadata.name) this.enqueue(keyOf(p));
    });
  }

  protected allKeys(): string[] {
    return listOr(this.client.list('pods'))
      .filter((p) => p.spec.nodeName)
      .map(keyOf);
  }

  override stop(): void {
    super.stop();
    this.#scheduled.clear();
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    const got = this.client.get('pods', ns, name);
    const pod = got.ok && !got.value.metadata.deletionTimestamp ? got.value : undefined;
    const node = pod?.spec.nodeName ? this.client.get('nodes', undefined, pod.spec.nodeName) : undefined;
    const taints = node?.ok ? (node.value.spec.taints ?? []).filter((t) => t.effect === 'NoExecute') : [];
    const secs = pod && taints.length ? tolerationSecondsFor(pod, taints) : undefined;
    if (!pod || !taints.length || secs === undefined) {
      if (pod && this.#scheduled.has(key)) this.client.recordEvent(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, SOURCE);
      this.#scheduled.delete(key);
      return;
    }
    const now = this.clock.now();
    const since = Math.min(...taints.map((t) => parseTime(t.timeAdded) ?? now));
    const left = since + secs * 1000 - now;
    if (left > 0) {
      this.#scheduled.add(key);
      return left;
    }
    this.#scheduled.delete(key);
    const conds = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(now) });
    this.client.updateStatus('pods', { ...pod, status: { ...pod.status, conditions: conds } });
    this.client.recordEvent(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, SOURCE);
    this.client.delete('pods', ns, name);
  }
}
