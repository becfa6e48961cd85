import type { ControllerRevision, KubeObject, PodTemplateSpec } from '../api/types.ts';
import type { ControllerClient } from './client.ts';
import { clone, ownerRefTo } from './util.ts';

/**
 * pkg/controller/history as the StatefulSet and DaemonSet controllers use it: the revision `<owner>-<hash>` holding
 * the patch that restores the template exists; one that comes back (a rollback) is renumbered newest
 * (controller_history.go); revisions nothing uses are deleted beyond revisionHistoryLimit (10), oldest first.
 */
export function syncRevisions(client: ControllerClient, owner: KubeObject & { spec: { template: PodTemplateSpec; revisionHistoryLimit?: number } }, owned: ControllerRevision[], name: string, hash: string, live: Set<string>): void {
  const ns = owner.metadata.namespace;
  const max = owned.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const existing = owned.find((r) => r.metadata.name === name);
  if (!existing) {
    const cr: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(owner.spec.template.metadata?.labels ?? {}), 'controller.kubernetes.io/hash': hash },
        ...(owner.metadata.annotations && Object.keys(owner.metadata.annotations).length ? { annotations: { ...owner.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(owner)],
      },
      data: { spec: { template: { ...clone(owner.spec.template), $patch: 'replace' } } },
      revision: max + 1,
    };
    const r = client.create('controllerrevisions', cr);
    if (r.ok) owned = [...owned, r.value];
  } else if ((existing.revision ?? 0) < max) {
    const r = client.update('controllerrevisions', { ...existing, revision: max + 1 });
    if (r.ok) owned = owned.map((o) => (o === existing ? r.value : o));
  }
  const old = owned.filter((r) => !live.has(r.metadata.name)).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const limit = owner.spec.revisionHistoryLimit ?? 10;
  for (const r of old.slice(0, Math.max(0, old.length - limit))) client.delete('controllerrevisions', ns, r.metadata.name);
}
