import type { Pod, Taint } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { keyOf, parseTime, rfc3339, splitKey, tolerates } from './util.ts';

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
  /**
   * What the pod and node informers hold: pods by key and by node, nodes'
   * NoExecute taints. A sync reads these instead of listing every pod on
   * every node heartbeat (that list was a quarter of all CPU at 100 nodes).
   */
  #pods = new Map<string, Pod>();
  #podsOnNode = new Map<string, Set<string>>();
  #taints = new Map<string, Taint[]>();

  protected watchAll(): void {
    for (const p of this.lister('pods').list()) this.#setPod(keyOf(p), p);
    for (const n of this.lister('nodes').list()) this.#taints.set(n.metadata.name, noExecute(n.spec.taints));
    this.watch('pods', (t, p) => {
      const key = keyOf(p);
      if (t === 'DELETED') this.#setPod(key, undefined);
      else this.#setPod(key, p);
      if (p.spec.nodeName) this.enqueue(key);
    });
    this.watch('nodes', (t, n) => {
      const name = n.metadata.name;
      const before = this.#taints.get(name);
      const after = t === 'DELETED' ? [] : noExecute(n.spec.taints);
      if (t === 'DELETED') this.#taints.delete(name);
      else this.#taints.set(name, after);
      // Like the real handler: only a change of NoExecute taints concerns the node's pods.
      if (t === 'MODIFIED' && JSON.stringify(before) === JSON.stringify(after)) return;
      for (const k of [...(this.#podsOnNode.get(name) ?? [])].sort()) this.enqueue(k);
    });
  }

  protected allKeys(): string[] {
    return [...this.#pods.entries()]
      .filter(([, p]) => p.spec.nodeName)
      .map(([k]) => k)
      .sort();
  }

  override stop(): void {
    super.stop();
    this.#scheduled.clear();
    this.#pods.clear();
    this.#podsOnNode.clear();
    this.#taints.clear();
  }

  #setPod(key: string, p: Pod | undefined): void {
    const old = this.#pods.get(key)?.spec.nodeName;
    if (old) this.#podsOnNode.get(old)?.delete(key);
    if (!p) {
      this.#pods.delete(key);
      return;
    }
    this.#pods.set(key, p);
    const node = p.spec.nodeName;
    if (!node) return;
    let s = this.#podsOnNode.get(node);
    if (!s) this.#podsOnNode.set(node, (s = new Set()));
    s.add(key);
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    const cached = this.#pods.get(key);
    const pod = cached && !cached.metadata.deletionTimestamp ? cached : undefined;
    const taints = pod?.spec.nodeName ? (this.#taints.get(pod.spec.nodeName) ?? []) : [];
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
    // Acting reads the pod fresh, as the real controller's addConditionAndDeletePod does.
    const got = this.client.get('pods', ns, name);
    if (!got.ok || got.value.metadata.deletionTimestamp) return;
    const fresh = got.value;
    const conds = (fresh.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(now) });
    this.client.updateStatus('pods', { ...fresh, status: { ...fresh.status, conditions: conds } });
    this.client.recordEvent(fresh, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, SOURCE);
    this.client.delete('pods', ns, name);
  }
}

const noExecute = (taints: Taint[] | undefined): Taint[] => (taints ?? []).filter((t) => t.effect === 'NoExecute');
