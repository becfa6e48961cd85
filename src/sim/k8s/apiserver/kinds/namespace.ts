import type { Namespace } from '../../api/types.ts';
import { dns1123Label } from '../names.ts';
import { anything, obj, strList, topLevel } from '../schema.ts';
import type { KindDef } from './types.ts';

/** The namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export const namespaceKind: KindDef = {
  kind: 'Namespace',
  apiVersion: 'v1',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  controlled: true,
  statusSubresource: true,
  nameRule: dns1123Label,
  schema: topLevel('A scope for names.', {
    spec: obj('Namespace settings.', { finalizers: strList('Must be empty before the namespace is removed.') }),
    status: anything('Phase of the namespace: Active or Terminating.'),
  }),
  fieldSelectors: { 'status.phase': (o) => (o as Namespace).status?.phase ?? '' },
  defaults(o) {
    const ns = o as Namespace;
    // The namespace lifecycle admission labels every namespace with its own name.
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    ns.spec ??= {};
    ns.spec.finalizers ??= ['kubernetes'];
  },
  initialStatus: () => ({ phase: 'Active' }),
};
