import { anything, topLevel } from '../schema.ts';
import type { KindDef } from './types.ts';

/**
 * Real kinds with no controller of their own here: stored, listed, watched
 * and deleted like any other, with their body taken as is. Secrets and
 * ServiceAccounts are read by others (the kubelet mounts Secrets and puts them
 * in the environment; the service account controller makes `default`), so they
 * get no "nothing acts on it" warning.
 */
type Row = [kind: string, apiVersion: string, resource: string, shortNames: string[], namespaced: boolean, desc: string, topFields?: string[]];

const ROWS: Row[] = [
  ['Secret', 'v1', 'secrets', [], true, 'Sensitive data as key/value pairs.', ['data', 'stringData', 'type', 'immutable']],
  ['ServiceAccount', 'v1', 'serviceaccounts', ['sa'], true, 'An identity for processes in pods.', ['secrets', 'imagePullSecrets', 'automountServiceAccountToken']],
  ['ResourceQuota', 'v1', 'resourcequotas', ['quota'], true, 'Limits on resource use per namespace.'],
  ['LimitRange', 'v1', 'limitranges', ['limits'], true, 'Default and maximum resources per object.'],
  ['ReplicationController', 'v1', 'replicationcontrollers', ['rc'], true, 'The predecessor of ReplicaSet.'],
  ['Ingress', 'networking.k8s.io/v1', 'ingresses', ['ing'], true, 'HTTP routing from outside the cluster to Services.'],
  ['IngressClass', 'networking.k8s.io/v1', 'ingressclasses', [], false, 'Which controller implements an Ingress.'],
  ['NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', ['netpol'], true, 'Which pods may talk to which.'],
  ['PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', ['pdb'], true, 'How many pods may be down by choice.'],
  ['Role', 'rbac.authorization.k8s.io/v1', 'roles', [], true, 'Permissions within a namespace.', ['rules']],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', [], true, 'Grants a Role to subjects.', ['roleRef', 'subjects']],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', [], false, 'Cluster-wide permissions.', ['rules', 'aggregationRule']],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', [], false, 'Grants a ClusterRole to subjects.', ['roleRef', 'subjects']],
  ['PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', ['pc'], false, 'A named pod priority.', ['value', 'globalDefault', 'description', 'preemptionPolicy']],
  ['CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', ['crd', 'crds'], false, 'Adds a resource type to the API.'],
];

export const PASSIVE_KINDS: KindDef[] = ROWS.map(([kind, apiVersion, resource, shortNames, namespaced, desc, topFields]) => ({
  kind,
  apiVersion,
  resource,
  singular: kind.toLowerCase(),
  shortNames,
  namespaced,
  controlled: kind === 'Secret' || kind === 'ServiceAccount',
  schema: topLevel(desc, Object.fromEntries((topFields ?? ['spec', 'status']).map((f) => [f, anything(`${kind} ${f}.`)]))),
}));
