/** The one Kubernetes version of the simulated cluster (kind node image v1.33.4): kubelet, API server and kubectl. */
export const KUBERNETES_VERSION = 'v1.33.4';
