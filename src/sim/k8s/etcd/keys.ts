/**
 * Where the Kubernetes API server keeps each object in etcd. The layout is the
 * real one (`etcdctl get /registry --prefix --keys-only` on a kubeadm cluster),
 * including its historical oddities: nodes live under "minions" and services
 * under "services/specs" because the storage paths predate the current names.
 */
export const REGISTRY = '/registry';

/** Resources whose storage path differs from their plural name. */
const PATHS: Record<string, string> = {
  nodes: 'minions',
  services: 'services/specs',
  endpoints: 'services/endpoints',
  ingresses: 'ingress',
  customresourcedefinitions: 'apiextensions.k8s.io/customresourcedefinitions',
  apiservices: 'apiregistration.k8s.io/apiservices',
};

/** Cluster-scoped resources: no namespace segment, whatever the caller passes. */
const CLUSTER_SCOPED = new Set([
  'namespaces',
  'nodes',
  'persistentvolumes',
  'clusterroles',
  'clusterrolebindings',
  'storageclasses',
  'priorityclasses',
  'ingressclasses',
  'runtimeclasses',
  'csinodes',
  'customresourcedefinitions',
  'apiservices',
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
]);

export function isClusterScoped(resource: string): boolean {
  return CLUSTER_SCOPED.has(resource);
}

/** The storage directory of a resource, e.g. "/registry/minions". */
function resourceDir(resource: string): string {
  return `${REGISTRY}/${PATHS[resource] ?? resource}`;
}

/**
 * The key of one object: `/registry/pods/default/web-1`, `/registry/minions/kind-worker`.
 * resource is the lowercase plural ("pods"); namespace is ignored for
 * cluster-scoped resources and may be omitted for them.
 */
export function keyFor(resource: string, namespace: string | undefined, name: string): string {
  if (isClusterScoped(resource) || !namespace) return `${resourceDir(resource)}/${name}`;
  return `${resourceDir(resource)}/${namespace}/${name}`;
}

/**
 * The prefix a list (or watch) of a resource reads, with the trailing slash the
 * API server uses so that "/registry/pods/def" never matches namespace "default".
 */
export function prefixFor(resource: string, namespace?: string): string {
  if (isClusterScoped(resource) || !namespace) return `${resourceDir(resource)}/`;
  return `${resourceDir(resource)}/${namespace}/`;
}
