/** An in-memory SchedulerClient for tests: a tiny pods/nodes store with watches. */
import { fail, ok, simError, type Result } from '../../errors.ts';
import type { Node, Pod } from '../api/types.ts';
import type { Listed, PodStatusPatch, SchedulerClient, SchedulerEvent, Watch, WatchEvent } from './client.ts';

const key = (ns: string, name: string) => `${ns}/${name}`;

export class FakeClient implements SchedulerClient {
  pods = new Map<string, Pod>();
  nodes = new Map<string, Node>();
  events: SchedulerEvent[] = [];
  /** Every bind call, in order. */
  binds: string[] = [];
  #rv = 0;
  #podWatchers = new Set<(e: WatchEvent<Pod>) => void>();
  #nodeWatchers = new Set<(e: WatchEvent<Node>) => void>();

  // ----- test-side writes (what kubectl or controllers would do) -----
  addNode(n: Node): void {
    const type = this.nodes.has(n.metadata.name) ? 'MODIFIED' : 'ADDED';
    this.nodes.set(n.metadata.name, this.#stamp(n));
    for (const w of this.#nodeWatchers) w({ type, object: n });
  }
  putPod(p: Pod): void {
    const k = key(p.metadata.namespace ?? 'default', p.metadata.name);
    const type = this.pods.has(k) ? 'MODIFIED' : 'ADDED';
    this.pods.set(k, this.#stamp(p));
    for (const w of this.#podWatchers) w({ type, object: p });
  }
  removePod(ns: string, name: string): Pod | undefined {
    const p = this.pods.get(key(ns, name));
    if (!p) return undefined;
    this.pods.delete(key(ns, name));
    this.#rv++;
    for (const w of this.#podWatchers) w({ type: 'DELETED', object: p });
    return p;
  }
  pod(ns: string, name: string): Pod | undefined {
    return this.pods.get(key(ns, name));
  }

  // ----- SchedulerClient -----
  listPods(): Result<Listed<Pod>> {
    return ok({ items: [...this.pods.values()], resourceVersion: String(this.#rv) });
  }
  watchPods(_rv: string, onEvent: (e: WatchEvent<Pod>) => void): Result<Watch> {
    this.#podWatchers.add(onEvent);
    return ok({ stop: () => void this.#podWatchers.delete(onEvent) });
  }
  listNodes(): Result<Listed<Node>> {
    return ok({ items: [...this.nodes.values()], resourceVersion: String(this.#rv) });
  }
  watchNodes(_rv: string, onEvent: (e: WatchEvent<Node>) => void): Result<Watch> {
    this.#nodeWatchers.add(onEvent);
    return ok({ stop: () => void this.#nodeWatchers.delete(onEvent) });
  }
  bind(ns: string, name: string, node: string): Result<Pod> {
    this.binds.push(`${ns}/${name}->${node}`);
    const p = this.pods.get(key(ns, name));
    if (!p) return fail(simError('NotFound', `pods "${name}" not found`));
    if (p.spec.nodeName) return fail(simError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${p.spec.nodeName}"`));
    const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const bound: Pod = { ...p, spec: { ...p.spec, nodeName: node }, status: { ...p.status, conditions: [...conditions, { type: 'PodScheduled', status: 'True' }] } };
    this.putPod(bound);
    return ok(bound);
  }
  patchPodStatus(ns: string, name: string, patch: PodStatusPatch): Result<Pod> {
    const p = this.pods.get(key(ns, name));
    if (!p) return fail(simError('NotFound', `pods "${name}" not found`));
    const status = { ...p.status };
    if (patch.conditions) {
      const types = new Set(patch.conditions.map((c) => c.type));
      status.conditions = [...(status.conditions ?? []).filter((c) => !types.has(c.type)), ...patch.conditions];
    }
    if (patch.nominatedNodeName !== undefined) status.nominatedNodeName = patch.nominatedNodeName || undefined;
    const next = { ...p, status };
    this.putPod(next);
    return ok(next);
  }
  deletePod(ns: string, name: string): Result<Pod> {
    const p = this.removePod(ns, name);
    return p ? ok(p) : fail(simError('NotFound', `pods "${name}" not found`));
  }
  recordEvent(e: SchedulerEvent): void {
    this.events.push(e);
  }

  #stamp<T extends Pod | Node>(o: T): T {
    o.metadata.resourceVersion = String(++this.#rv);
    return o;
  }
}
