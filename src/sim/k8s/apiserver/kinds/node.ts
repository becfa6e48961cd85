import type { Node } from '../../api/types.ts';
import { anything, arr, bool, obj, str, strList, topLevel } from '../schema.ts';
import type { KindDef } from './types.ts';

export const nodeKind: KindDef = {
  kind: 'Node',
  apiVersion: 'v1',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  controlled: true,
  statusSubresource: true,
  schema: topLevel('A worker machine in the cluster.', {
    spec: obj('How the node is configured.', {
      podCIDR: str('Pod IP range assigned to the node.'),
      podCIDRs: strList('Pod IP ranges assigned to the node.'),
      unschedulable: bool('Keeps new pods off the node (kubectl cordon).'),
      taints: arr('Taints that repel pods without a matching toleration.', obj('A taint.', { key: str('Taint key.', true), value: str('Taint value.'), effect: str('NoSchedule, PreferNoSchedule or NoExecute.', true), timeAdded: str('When a NoExecute taint was added.') })),
      providerID: str('ID of the node at its cloud provider.'),
      configSource: anything('Deprecated.'),
      externalID: str('Deprecated.'),
    }),
    status: anything('Most recently observed status of the node; set by the kubelet.'),
  }),
  fieldSelectors: { 'spec.unschedulable': (o) => String((o as Node).spec?.unschedulable ?? false) },
  defaults(o) {
    (o as Node).spec ??= {};
  },
};
