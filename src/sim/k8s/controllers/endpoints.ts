import type { Endpoints } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { endpointPods, resolvePorts } from './endpointslice.ts';
import { canonicalJson, isPodReady, jsonEqual, keyOf, splitKey } from './util.ts';

type Subset = NonNullable<Endpoints['subsets']>[number];

/**
 * pkg/controller/endpoint: the legacy Endpoints object `kubectl get ep`
 * shows, named like its Service. Ready pods go to addresses, the rest to
 * notReadyAddresses; terminating pods are left out. Subsets group pods that
 * serve the same resolved ports.
 */
export class EndpointsController extends QueueController {
  readonly name = 'endpoints';

  protected watchAll(): void {
    this.watch('services', (_t, s) => this.enqueue(keyOf(s)));
    this.watch('pods', (_t, p) => {
      for (const s of this.lister('services').list(p.metadata.namespace)) if (s.spec.selector) this.enqueue(keyOf(s));
    });
  }

  protected allKeys(): string[] {
    return this.lister('services').list().map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.lister('services').get(ns, name);
    const cur = this.lister('endpoints').get(ns, name);
    if (!svc) {
      if (cur) this.client.delete('endpoints', ns, name);
      return;
    }
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return;
    const subsets = new Map<string, Subset>();
    for (const pod of endpointPods(svc, this.lister('pods').list(ns))) {
      if (pod.metadata.deletionTimestamp) continue;
      const ports = resolvePorts(svc, pod);
      const sig = canonicalJson(ports);
      let s = subsets.get(sig);
      if (!s) subsets.set(sig, (s = { ports }));
      const ip = pod.status!.podIP!;
      if (isPodReady(pod)) (s.addresses ??= []).push({ ip, ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace } });
      else (s.notReadyAddresses ??= []).push({ ip });
    }
    const byIp = (a: { ip: string }, b: { ip: string }) => a.ip.localeCompare(b.ip, 'en', { numeric: true });
    const list = [...subsets.values()].map((s) => ({ ...s, addresses: s.addresses?.sort(byIp), notReadyAddresses: s.notReadyAddresses?.sort(byIp) }));
    const labels = { ...svc.metadata.labels, 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    const want: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, ...(list.length ? { subsets: list } : {}) };
    if (!cur) {
      this.client.create('endpoints', want);
      return;
    }
    if (jsonEqual({ s: cur.subsets, l: cur.metadata.labels }, { s: want.subsets, l: labels })) return;
    this.client.update('endpoints', { ...cur, metadata: { ...cur.metadata, labels }, subsets: want.subsets });
  }
}
