import { int, obj, str, topLevel } from '../schema.ts';
import type { KindDef } from './types.ts';

export const leaseKind: KindDef = {
  kind: 'Lease',
  apiVersion: 'coordination.k8s.io/v1',
  resource: 'leases',
  singular: 'lease',
  shortNames: [],
  namespaced: true,
  controlled: true,
  schema: topLevel('A lease: node heartbeats and leader election.', {
    spec: obj('The lease.', {
      holderIdentity: str('Who holds the lease.'),
      leaseDurationSeconds: int('Seconds others wait before taking the lease over.'),
      acquireTime: str('When the current holder acquired it.'),
      renewTime: str('When the holder last renewed it.'),
      leaseTransitions: int('How many times the holder changed.'),
      strategy: str('Coordinated leader election strategy.'),
      preferredHolder: str('Holder that should take over.'),
    }),
  }),
};
