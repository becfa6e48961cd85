import { arr, obj, str, topLevel } from '../schema.ts';
import type { KubeObject } from '../../api/types.ts';
import type { KindDef } from './types.ts';

/**
 * ComponentStatus (v1, deprecated since 1.19 but still served): not stored
 * in etcd. On every GET or LIST the API server probes the scheduler's and
 * the controller manager's /healthz and each etcd server's /health, and
 * answers with what it found (pkg/registry/core/componentstatus). It cannot
 * be created, changed or deleted.
 */
export const componentStatusKind: KindDef = {
  kind: 'ComponentStatus',
  apiVersion: 'v1',
  resource: 'componentstatuses',
  singular: 'componentstatus',
  shortNames: ['cs'],
  namespaced: false,
  controlled: false,
  deprecation: 'v1 ComponentStatus is deprecated in v1.19+',
  schema: topLevel('The health of a control-plane component, as the API server probed it just now.', {
    conditions: arr('What the probe found.', obj('One condition.', { type: str('Healthy.'), status: str('True, False or Unknown.'), message: str('The probe\'s answer.'), error: str('Why the probe could not run.') })),
  }),
};

/** One probe's result: healthy, and what it answered (the body, or the dial error). */
export interface ComponentProbe {
  name: string;
  healthy: boolean;
  message: string;
}

/** The object the API server answers for one probe (no resourceVersion: it is made on the spot). */
export function componentStatusObject(p: ComponentProbe): KubeObject {
  // creationTimestamp: null, as the typed object the real one answers serializes it.
  return {
    apiVersion: 'v1',
    kind: 'ComponentStatus',
    metadata: { name: p.name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: p.healthy ? 'True' : 'False', message: p.message }],
  } as unknown as KubeObject;
}
