/**
 * Realistic API objects for the printer tests: a three-node kind-like cluster
 * with a `web` Deployment, a Service of each type, and pods in the states
 * kubectl users meet. NOW is the virtual clock the tests print at.
 */
import type { Container, Deployment, EndpointSlice, Endpoints, Event, Job, Namespace, Node, Pod, ReplicaSet, Service } from '../../../../../sim/k8s/api/types.ts';

export const NOW = Date.parse('2026-01-15T10:00:00Z');
/** An RFC 3339 time `sec` seconds before NOW. */
export const ago = (sec: number): string => new Date(NOW - sec * 1000).toISOString().replace('.000Z', 'Z');

const RS_OWNER = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: 'b1f4c2e0-0d6a-4c1e-9a57-1f0c9d1e2a01', controller: true, blockOwnerDeletion: true };

const webContainer: Container = {
  name: 'nginx',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
  volumeMounts: [{ name: 'kube-api-access-7xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
};

const tolerations: Pod['spec']['tolerations'] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function pod(name: string, created: number, extra: { node?: string; ip?: string; phase?: Pod['status'] extends infer S ? S extends { phase?: infer P } ? P : never : never; statuses?: NonNullable<Pod['status']>['containerStatuses']; ready?: boolean; labels?: Record<string, string> } = {}): Pod {
  const ready = extra.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: 'web-7d4b9c8f6d-',
      namespace: 'default',
      uid: `0c0ffee0-0000-4000-8000-${name.slice(-5).padStart(12, '0')}`,
      resourceVersion: '1042',
      creationTimestamp: ago(created),
      labels: extra.labels ?? { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [RS_OWNER],
    },
    spec: {
      containers: [webContainer],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: extra.node,
      schedulerName: 'default-scheduler',
      priority: 0,
      tolerations,
      volumes: [{ name: 'kube-api-access-7xk2p', emptyDir: {} }],
    },
    status: {
      phase: extra.phase ?? 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: ago(created - 2) },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ago(created) },
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ago(created - 3) },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ago(created - 3) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ago(created) },
      ],
      hostIP: extra.node === 'worker-2' ? '172.18.0.4' : '172.18.0.3',
      podIP: extra.ip,
      podIPs: extra.ip ? [{ ip: extra.ip }] : undefined,
      startTime: ago(created),
      containerStatuses: extra.statuses ?? [
        { name: 'nginx', image: 'docker.io/library/nginx:1.27', imageID: 'docker.io/library/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac', containerID: 'containerd://5b2a7e0c1d9f', ready: true, started: true, restartCount: 0, state: { running: { startedAt: ago(created - 2) } } },
      ],
      qosClass: 'Burstable',
    },
  };
}

const cs = (over: Partial<NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]>) => ({
  name: 'nginx',
  image: 'docker.io/library/nginx:1.27',
  imageID: 'docker.io/library/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac',
  containerID: 'containerd://9e1d3c7a4b20',
  ready: false,
  started: false,
  restartCount: 0,
  state: {},
  ...over,
});

export const runningPod = pod('web-7d4b9c8f6d-x2k9p', 300, { node: 'worker-1', ip: '10.244.1.5' });
export const runningPod2 = pod('web-7d4b9c8f6d-h7m4q', 300, { node: 'worker-2', ip: '10.244.2.3' });

export const restartedPod = pod('api-5c6d7f8b9-q8w2e', 3 * 3600, {
  node: 'worker-1',
  ip: '10.244.1.9',
  labels: { app: 'api' },
  statuses: [
    cs({ name: 'nginx', ready: true, started: true, restartCount: 2, state: { running: { startedAt: ago(35) } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(600), finishedAt: ago(35) } } }),
  ],
});

export const crashLoopPod = pod('broken-6b8f9d7c5-mz4tn', 420, {
  node: 'worker-2',
  ip: '10.244.2.7',
  ready: false,
  labels: { app: 'broken' },
  statuses: [
    cs({ restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=nginx pod=broken-6b8f9d7c5-mz4tn_default(…)' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(75), finishedAt: ago(74) } } }),
  ],
});

export const completedPod = pod('migrate-db-8hq2x', 2 * 86400 + 3600, {
  node: 'worker-1',
  phase: 'Succeeded',
  ready: false,
  labels: { 'batch.kubernetes.io/job-name': 'migrate-db' },
  statuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(2 * 86400 + 3590), finishedAt: ago(2 * 86400 + 3500) } } })],
});
completedPod.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'migrate-db', uid: 'j0b', controller: true }];

export const terminatingPod = pod('web-7d4b9c8f6d-old01', 86400, { node: 'worker-1', ip: '10.244.1.3' });
terminatingPod.metadata.deletionTimestamp = ago(-25);
terminatingPod.metadata.deletionGracePeriodSeconds = 30;

export const pendingPod = pod('web-7d4b9c8f6d-pnd8z', 12, { ready: false, phase: 'Pending', statuses: [] });
pendingPod.status!.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastProbeTime: null, lastTransitionTime: ago(12) }];
pendingPod.status!.nominatedNodeName = 'worker-2';
delete pendingPod.status!.startTime;
delete pendingPod.status!.hostIP;

export const creatingPod = pod('web-7d4b9c8f6d-crt5v', 4, { node: 'worker-2', ready: false, phase: 'Pending', statuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })] });

export const pullBackOffPod = pod('typo-58d9c7b6f4-r2d2x', 95, { node: 'worker-1', ready: false, phase: 'Pending', labels: { app: 'typo' }, statuses: [cs({ image: 'ngnix:latest', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ngnix:latest"' } } })] });

export const errImagePullPod = pod('typo-58d9c7b6f4-k3s4z', 20, { node: 'worker-2', ready: false, phase: 'Pending', labels: { app: 'typo' }, statuses: [cs({ image: 'ngnix:latest', state: { waiting: { reason: 'ErrImagePull' } } })] });

export const errorPod = pod('once-fail', 600, {
  node: 'worker-2',
  phase: 'Failed',
  ready: false,
  labels: { run: 'once-fail' },
  statuses: [cs({ state: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(590), finishedAt: ago(580) } } })],
});
errorPod.spec.restartPolicy = 'Never';
delete errorPod.metadata.ownerReferences;

export const oomPod = pod('hungry-0', 200, { node: 'worker-1', phase: 'Failed', ready: false, labels: { app: 'hungry' }, statuses: [cs({ state: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(190), finishedAt: ago(150) } } })] });

export const initPod = pod('web-init-7f9c', 8, { node: 'worker-1', ready: false, phase: 'Pending', labels: { app: 'web-init' }, statuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })] });
initPod.spec.initContainers = [{ name: 'wait-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] }];
initPod.status!.initContainerStatuses = [cs({ name: 'wait-db', image: 'docker.io/library/busybox:1.36', state: { running: { startedAt: ago(6) } } })];
initPod.status!.conditions![1] = { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', lastProbeTime: null, lastTransitionTime: ago(8) };

export const nodeLostPod = pod('web-7d4b9c8f6d-lost1', 7200, { node: 'worker-3', ip: '10.244.3.4' });
nodeLostPod.status!.reason = 'NodeLost';
nodeLostPod.metadata.deletionTimestamp = ago(60);

export const allPods: Pod[] = [runningPod, runningPod2, restartedPod, crashLoopPod, completedPod, terminatingPod, pendingPod, creatingPod, pullBackOffPod, errImagePullPod, errorPod, oomPod, initPod, nodeLostPod];

// ---------- nodes ----------

function node(name: string, ip: string, created: number, labels: Record<string, string>, ready: 'True' | 'False' | 'Unknown'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `n0de-${name}`,
      resourceVersion: '980',
      creationTimestamp: ago(created),
      labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: `10.244.${name === 'control-plane' ? 0 : name.slice(-1)}.0/24`, podCIDRs: [`10.244.${name === 'control-plane' ? 0 : name.slice(-1)}.0/24`], providerID: `kind://docker/kind/${name}` },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', memory: '4015520Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', memory: '4015520Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: ready === 'Unknown' ? 'Unknown' : 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(created), reason: ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletHasSufficientMemory', message: ready === 'Unknown' ? 'Kubelet stopped posting node status.' : 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: ready === 'Unknown' ? 'Unknown' : 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(created), reason: ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletHasNoDiskPressure', message: ready === 'Unknown' ? 'Kubelet stopped posting node status.' : 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: ready === 'Unknown' ? 'Unknown' : 'False', lastHeartbeatTime: ago(20), lastTransitionTime: ago(created), reason: ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletHasSufficientPID', message: ready === 'Unknown' ? 'Kubelet stopped posting node status.' : 'kubelet has sufficient PID available' },
        { type: 'Ready', status: ready, lastHeartbeatTime: ago(20), lastTransitionTime: ago(created - 15), reason: ready === 'True' ? 'KubeletReady' : ready === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletNotReady', message: ready === 'True' ? 'kubelet is posting ready status' : ready === 'Unknown' ? 'Kubelet stopped posting node status.' : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.2',
        kubeProxyVersion: 'v1.32.2',
        containerRuntimeVersion: 'containerd://2.0.2',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-51-generic',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export const controlPlane = node('control-plane', '172.18.0.2', 10 * 86400, { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }, 'True');
controlPlane.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
export const worker1 = node('worker-1', '172.18.0.3', 10 * 86400 - 40, {}, 'True');
export const worker2 = node('worker-2', '172.18.0.4', 10 * 86400 - 40, {}, 'True');
worker2.spec.unschedulable = true;
worker2.spec.taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: ago(600) }];
export const worker3 = node('worker-3', '172.18.0.5', 3 * 3600, { 'kubernetes.io/role': 'ingress' }, 'Unknown');
export const allNodes: Node[] = [controlPlane, worker1, worker2, worker3];

// ---------- workloads ----------

export const webDeployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'd3p10y-web', resourceVersion: '1101', generation: 1, creationTimestamp: ago(300), labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }], restartPolicy: 'Always' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    observedGeneration: 1,
    conditions: [
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: ago(300), lastTransitionTime: ago(300) },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-7d4b9c8f6d" is progressing.', lastUpdateTime: ago(290), lastTransitionTime: ago(300) },
    ],
  },
};

export const apiDeployment: Deployment = {
  ...webDeployment,
  metadata: { ...webDeployment.metadata, name: 'api', uid: 'd3p10y-api', creationTimestamp: ago(3 * 3600), labels: { app: 'api' } },
  spec: { ...webDeployment.spec, replicas: 1, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'ghcr.io/example/api:2.4.1' }, { name: 'metrics', image: 'prom/statsd-exporter:v0.27.1' }] } } },
  status: { replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
};

export const webReplicaSet: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-7d4b9c8f6d',
    namespace: 'default',
    uid: RS_OWNER.uid,
    resourceVersion: '1100',
    generation: 1,
    creationTimestamp: ago(300),
    labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
    annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd3p10y-web', controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
    template: { metadata: { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
  },
  status: { replicas: 3, readyReplicas: 2, availableReplicas: 2, fullyLabeledReplicas: 3, observedGeneration: 1 },
};

export const migrateJob: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate-db', namespace: 'default', uid: 'j0b', creationTimestamp: ago(2 * 86400 + 3600) },
  spec: { template: { spec: { containers: [{ name: 'migrate', image: 'flyway/flyway:10' }], restartPolicy: 'Never' } }, completions: 1, parallelism: 1, backoffLimit: 6 },
  status: { succeeded: 1, startTime: ago(2 * 86400 + 3600), completionTime: ago(2 * 86400 + 3600 - 47), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
};

// ---------- services ----------

const svc = (name: string, created: number, spec: Service['spec']): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', uid: `svc-${name}`, resourceVersion: '1200', creationTimestamp: ago(created), labels: name === 'kubernetes' ? { component: 'apiserver', provider: 'kubernetes' } : { app: name.replace(/-.*/, '') } },
  spec: { sessionAffinity: 'None', ...spec, clusterIPs: spec.clusterIP ? [spec.clusterIP] : undefined },
  status: { loadBalancer: {} },
});

export const kubernetesSvc = svc('kubernetes', 10 * 86400, { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }] });
export const webSvc = svc('web', 290, { type: 'NodePort', clusterIP: '10.96.183.27', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 }] });
(webSvc.spec as Record<string, unknown>)['ipFamilies'] = ['IPv4'];
(webSvc.spec as Record<string, unknown>)['ipFamilyPolicy'] = 'SingleStack';
(webSvc.spec as Record<string, unknown>)['externalTrafficPolicy'] = 'Cluster';
(webSvc.spec as Record<string, unknown>)['internalTrafficPolicy'] = 'Cluster';
export const dbHeadless = svc('db-headless', 7200, { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'postgres', protocol: 'TCP', port: 5432, targetPort: 5432 }] });
export const lbSvc = svc('shop-lb', 60, { type: 'LoadBalancer', clusterIP: '10.96.44.210', selector: { app: 'shop' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 31234 }, { name: 'https', protocol: 'TCP', port: 443, targetPort: 8443, nodePort: 32443 }] });
export const allServices: Service[] = [dbHeadless, kubernetesSvc, lbSvc, webSvc];

export const webEndpoints: Endpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(290) },
  subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.3' }, { ip: '10.244.1.8' }, { ip: '10.244.2.9' }], ports: [{ port: 80, protocol: 'TCP' }] }],
};

export const webSlice: EndpointSlice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-m8xgb', namespace: 'default', creationTimestamp: ago(290), labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [
    { addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'worker-1' },
    { addresses: ['10.244.2.3'], conditions: { ready: true }, nodeName: 'worker-2' },
    { addresses: ['10.244.2.4'], conditions: { ready: false }, nodeName: 'worker-2' },
  ],
  ports: [{ name: '', port: 80, protocol: 'TCP' }],
};

export const defaultNs: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: ago(10 * 86400), labels: { 'kubernetes.io/metadata.name': 'default' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };

// ---------- events ----------

export function event(name: string, involved: Event['involvedObject'], type: Event['type'], reason: string, message: string, source: string, first: number, last: number, count = 1): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: involved.namespace ?? 'default', creationTimestamp: ago(first) },
    involvedObject: involved,
    reason,
    message,
    type,
    source: { component: source },
    count,
    firstTimestamp: ago(first),
    lastTimestamp: ago(last),
  };
}

const crashRef = { kind: 'Pod', name: 'broken-6b8f9d7c5-mz4tn', namespace: 'default', apiVersion: 'v1', fieldPath: 'spec.containers{nginx}' };
export const crashLoopEvents: Event[] = [
  event('broken-6b8f9d7c5-mz4tn.1', { ...crashRef, fieldPath: undefined }, 'Normal', 'Scheduled', 'Successfully assigned default/broken-6b8f9d7c5-mz4tn to worker-2', 'default-scheduler', 420, 420),
  event('broken-6b8f9d7c5-mz4tn.2', crashRef, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine', 'kubelet', 418, 74, 6),
  event('broken-6b8f9d7c5-mz4tn.3', crashRef, 'Normal', 'Created', 'Created container: nginx', 'kubelet', 418, 74, 6),
  event('broken-6b8f9d7c5-mz4tn.4', crashRef, 'Normal', 'Started', 'Started container nginx', 'kubelet', 418, 74, 6),
  event('broken-6b8f9d7c5-mz4tn.5', crashRef, 'Warning', 'BackOff', 'Back-off restarting failed container nginx in pod broken-6b8f9d7c5-mz4tn_default(0c0ffee0-0000-4000-8000-0000000mz4tn)', 'kubelet', 400, 5, 27),
];

export const nodeEvents: Event[] = [
  event('worker-2.1', { kind: 'Node', name: 'worker-2', uid: 'worker-2' }, 'Normal', 'NodeNotSchedulable', 'Node worker-2 status is now: NodeNotSchedulable', 'kubelet', 600, 600),
];
