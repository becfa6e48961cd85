/** The one Kubernetes version of the simulated cluster (kind node image v1.33.4): kubelet, API server and kubectl. */
export const KUBERNETES_VERSION = 'v1.33.4';

/**
 * The etcd that kubeadm runs for this Kubernetes minor, as kind's node image ships it: kubeadm's
 * constants map 1.33 to SupportedEtcdVersion "3.5.21-0" (cmd/kubeadm/app/constants). One version for
 * the etcd static pod's image tag, `etcdctl version` and `etcdctl endpoint status`.
 */
export const ETCD_VERSION = '3.5.21';
export const ETCD_IMAGE_TAG = `${ETCD_VERSION}-0`;
/** etcd's cluster API version: major.minor of the release. */
export const ETCD_API_VERSION = ETCD_VERSION.split('.').slice(0, 2).join('.');
