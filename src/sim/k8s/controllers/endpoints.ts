import type { Endpoints } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { endpointPods, resolvePorts } from './endpointslice.ts';
import { canonicalJson, isPodReady, jsonEqual, keyOf, listOr, splitKey } from './util.ts';

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
      for (const s of listOr(this.client.list('services', p.metadata.namespace))) if (s.spec.selector) this.enqueue(keyOf(s));
    });
  }

  protected allKeys(): string[] {
    return listOr(this.client.list('services')).map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    const got = this.client.get('services', ns, name);
    const current = this.client.get('endpoints', ns, name);
    if (!got.ok) {
      if (current.ok) this.client.delete('endpoints', ns, name);
      return;
    }
    const svc = got.value;
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return;
    const subsets = new Map<string, Subset>();
    for (const pod of endpointPods(svc, listOr(this.client.list('pods', ns)))) {
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
    if (!current.ok) {
      this.client.create('endpoints', want);
      return;
    }
    const cur = current.value;
    if (jsonEqual({ s: cur.subsets, l: cur.metadata.labels }, { s: want.subsets, l: labels })) return;
    this.client.update('endpoints', { ...cur, metadata: { ...cur.metadata, labels }, subsets: want.subsets });
  }
}
