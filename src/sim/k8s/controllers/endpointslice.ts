import type { EndpointSlice, Pod, Service } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { canonicalJson, isPodReady, jsonEqual, keyOf, matchesMap, ownerRefTo, splitKey } from './util.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

/**
 * The service's ports as this pod serves them (podutil.FindPort): a numeric
 * targetPort as is, a named one looked up among the containers' ports, no
 * targetPort meaning the service port. Ports a pod cannot serve are left out.
 */
export function resolvePorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const protocol = sp.protocol ?? 'TCP';
    const tp = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof tp === 'number') port = tp;
    else if (/^\d+$/.test(tp)) port = Number(tp);
    else
      for (const c of pod.spec.containers)
        for (const cp of c.ports ?? []) if (port === undefined && cp.name === tp && (cp.protocol ?? 'TCP') === protocol) port = cp.containerPort;
    if (port !== undefined) out.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol });
  }
  return out;
}

/** Pods that belong in a Service's endpoints: selected, with an IP, not finished. */
export function endpointPods(svc: Service, pods: Pod[]): Pod[] {
  return pods.filter((p) => matchesMap(svc.spec.selector, p.metadata.labels) && p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
}

/**
 * pkg/controller/endpointslice: for each Service with a selector, EndpointSlices
 * named `<svc>-<5 chars>`, one per distinct set of resolved ports (one, unless
 * a named targetPort resolves differently across pods), or one empty
 * placeholder slice when no pod matches.
 */
export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice';

  protected watchAll(): void {
    this.watch('services', (_t, s) => this.enqueue(keyOf(s)));
    this.watch('pods', (_t, p) => {
      for (const s of this.lister('services').list(p.metadata.namespace)) if (s.spec.selector) this.enqueue(keyOf(s));
    });
    this.watch('endpointslices', (_t, es) => {
      const svc = es.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc && es.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) this.enqueue(`${es.metadata.namespace}/${svc}`);
    });
  }

  protected allKeys(): string[] {
    return this.lister('services').list().map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.lister('services').get(ns, name);
    // Slices of a deleted Service go with it through their ownerReference (garbage collector).
    if (!svc || svc.metadata.deletionTimestamp) return;
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return;
    const existing = this.lister('endpointslices')
      .list(ns)
      .filter((es) => es.metadata.labels?.[SERVICE_NAME_LABEL] === name && es.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);

    const groups = new Map<string, { ports: EndpointPort[] | undefined; endpoints: EndpointSlice['endpoints'] }>();
    for (const pod of endpointPods(svc, this.lister('pods').list(ns))) {
      const ports = resolvePorts(svc, pod);
      const sig = canonicalJson(ports);
      if (!groups.has(sig)) groups.set(sig, { ports, endpoints: [] });
      const terminating = pod.metadata.deletionTimestamp !== undefined;
      const ready = isPodReady(pod);
      groups.get(sig)!.endpoints.push({
        addresses: [pod.status!.podIP!],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        // endpointsliceutil: a pod whose subdomain is this Service gets a DNS name of its own (StatefulSet pods).
        ...(pod.spec.hostname && pod.spec.subdomain === name ? { hostname: pod.spec.hostname } : {}),
        ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      });
    }
    if (groups.size === 0) groups.set('placeholder', { ports: undefined, endpoints: [] });

    const labels = { ...svc.metadata.labels, [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
    const unused = [...existing];
    for (const [sig, g] of groups) {
      const i = unused.findIndex((es) => (sig === 'placeholder' ? !es.ports : canonicalJson(es.ports ?? []) === sig));
      const want = { endpoints: g.endpoints, ports: g.ports, labels };
      if (i >= 0) {
        const es = unused.splice(i, 1)[0]!;
        if (!jsonEqual(want, { endpoints: es.endpoints, ports: es.ports, labels: es.metadata.labels })) {
          this.client.update('endpointslices', { ...es, metadata: { ...es.metadata, labels }, endpoints: g.endpoints, ...(g.ports ? { ports: g.ports } : { ports: undefined }) });
        }
        continue;
      }
      this.client.create('endpointslices', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: '', generateName: `${name}-`, namespace: ns, labels, ownerReferences: [ownerRefTo(svc)] },
        addressType: 'IPv4',
        endpoints: g.endpoints,
        ...(g.ports ? { ports: g.ports } : {}),
      });
    }
    for (const es of unused) this.client.delete('endpointslices', ns, es.metadata.name);
  }
}
