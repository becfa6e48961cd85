/**
 * What `kubeadm init` leaves on a fresh kind cluster besides the nodes: the
 * control-plane static pod manifests (/etc/kubernetes/manifests, run by the
 * control-plane kubelet and mirrored to the API), and the kube-proxy
 * DaemonSet, CoreDNS Deployment and kube-dns Service it applies.
 */
import type { Container, DaemonSet, Deployment, Pod, PodSpec, Service, StorageClass } from './api/types.ts';
import { DNS_SERVICE_IP } from './apiserver/allocator.ts';
import { KUBELET_VERSION } from './node/kubelet.ts';
import { ETCD_IMAGE_TAG } from './version.ts';

export const ETCD_IMAGE = `registry.k8s.io/etcd:${ETCD_IMAGE_TAG}`;
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
const k8s = (name: string) => `registry.k8s.io/${name}:${KUBELET_VERSION}`;

/** Every image the system pods use: preloaded on kind nodes, so boot pulls nothing. */
export const SYSTEM_IMAGES = [ETCD_IMAGE, k8s('kube-apiserver'), k8s('kube-controller-manager'), k8s('kube-scheduler'), k8s('kube-proxy'), COREDNS_IMAGE];

const NODE_CRITICAL = { priorityClassName: 'system-node-critical', priority: 2000001000 } as const;

function staticPod(component: string, cpu: string, command: string[], annotations: Record<string, string> = {}): Pod {
  const image = component === 'etcd' ? ETCD_IMAGE : k8s(component);
  const container: Container = { name: component, image, imagePullPolicy: 'IfNotPresent', command, resources: { requests: { cpu, ...(component === 'etcd' ? { memory: '100Mi' } : {}) } } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: component, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, annotations },
    spec: { containers: [container], hostNetwork: true, ...NODE_CRITICAL, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 },
  };
}

/** kubeadm's four manifests for a control-plane node at ip. */
export function controlPlaneStaticPods(ip: string, nodeName: string): Pod[] {
  return [
    staticPod('etcd', '100m', ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, `--name=${nodeName}`], { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` }),
    staticPod('kube-apiserver', '250m', ['kube-apiserver', `--advertise-address=${ip}`, '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/16'], { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` }),
    staticPod('kube-controller-manager', '200m', ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true']),
    staticPod('kube-scheduler', '100m', ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true']),
  ];
}

const template = (labels: Record<string, string>, spec: PodSpec) => ({ metadata: { labels }, spec });

export const KUBE_PROXY: DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
  spec: {
    selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    template: template(
      { 'k8s-app': 'kube-proxy' },
      {
        containers: [
          {
            name: 'kube-proxy',
            image: k8s('kube-proxy'),
            imagePullPolicy: 'IfNotPresent',
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
          },
        ],
        hostNetwork: true,
        ...NODE_CRITICAL,
        serviceAccountName: 'kube-proxy',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ operator: 'Exists' }],
      },
    ),
  },
};

export const COREDNS: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: template(
      { 'k8s-app': 'kube-dns' },
      {
        containers: [
          {
            name: 'coredns',
            image: COREDNS_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            args: ['-conf', '/etc/coredns/Corefile'],
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
          },
        ],
        dnsPolicy: 'Default',
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        serviceAccountName: 'coredns',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
        ],
      },
    ),
  },
};

export const KUBE_DNS: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
  },
  spec: {
    type: 'ClusterIP',
    clusterIP: DNS_SERVICE_IP,
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
    ],
  },
};

/** kind's default StorageClass (pkg/cluster/internal/create/actions/installstorage), served by local-path-provisioner. */
export const STANDARD_STORAGE_CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};
