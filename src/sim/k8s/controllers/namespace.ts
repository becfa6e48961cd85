import type { KubeObject, Namespace } from '../api/types.ts';
import { NAMESPACED } from './client.ts';
import { QueueController } from './controller.ts';
import { listOr } from './util.ts';

/** How soon a terminating namespace is looked at again while content remains. */
const RECHECK_MS = 1000;
/** kube-controller-manager --namespace-sync-period. */
export const NAMESPACE_SYNC_MS = 5 * 60_000;

/**
 * pkg/controller/namespace: a deleted namespace (deletionTimestamp set, held
 * by the `kubernetes` spec finalizer) shows phase Terminating, has everything
 * in it deleted, and once nothing is left the finalizer is removed so the API
 * server can drop it.
 */
export class NamespaceController extends QueueController {
  readonly name = 'namespace';

  protected override resyncMs(): number {
    return NAMESPACE_SYNC_MS;
  }

  protected watchAll(): void {
    this.watch('namespaces', (_t, n) => n.metadata.deletionTimestamp && this.enqueue(n.metadata.name));
    // Content going away may let a terminating namespace finish.
    for (const res of NAMESPACED)
      this.watch(res, (t, o: KubeObject) => {
        if (t === 'DELETED' && o.metadata.namespace) this.enqueue(o.metadata.namespace);
      });
  }

  protected allKeys(): string[] {
    return this.lister('namespaces')
      .list()
      .filter((n) => n.metadata.deletionTimestamp)
      .map((n) => n.metadata.name);
  }

  protected sync(name: string): number | void {
    // The namespace from the shared informer (nsLister); only a terminating one's content is listed from the API server,
    // as upstream's namespaced resources deleter does with its metadata client.
    const cached = this.lister('namespaces').get(undefined, name);
    if (!cached || !cached.metadata.deletionTimestamp) return;
    let ns: Namespace = cached;
    if (ns.status?.phase !== 'Terminating') {
      const r = this.client.updateStatus('namespaces', { ...ns, status: { phase: 'Terminating' } });
      if (r.ok) ns = r.value;
    }
    let remaining = 0;
    for (const res of NAMESPACED) {
      for (const o of listOr(this.client.list(res, name))) {
        remaining++;
        if (!o.metadata.deletionTimestamp) this.client.delete(res, name, o.metadata.name, { propagationPolicy: 'Background' });
      }
    }
    if (remaining > 0) {
      // Deletes without finalizers finish at once; only wait if something is left.
      if (NAMESPACED.some((res) => listOr(this.client.list(res, name)).length > 0)) return RECHECK_MS;
    }
    if (ns.spec?.finalizers?.includes('kubernetes')) this.client.update('namespaces', { ...ns, spec: { ...ns.spec, finalizers: ns.spec.finalizers.filter((f) => f !== 'kubernetes') } });
  }
}
