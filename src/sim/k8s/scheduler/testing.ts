/** Small builders for scheduler tests: nodes and pods with only what a case needs. */
import type { Container, Node, Pod, PodSpec, Taint } from '../api/types.ts';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function makeNode(name: string, o: NodeOpts = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable, ...(o.images ? { images: o.images } : {}) },
  };
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export interface PodOpts extends Partial<PodSpec> {
  namespace?: string;
  cpu?: string;
  memory?: string;
  image?: string;
  hostPort?: number;
  labels?: Record<string, string>;
  creationTimestamp?: string;
  uid?: string;
}

export function makePod(name: string, o: PodOpts = {}): Pod {
  const { namespace, cpu, memory, image, hostPort, labels, creationTimestamp, uid, ...spec } = o;
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  const container: Container = {
    name: 'app',
    image: image ?? 'nginx:1.27',
    ...(cpu || memory ? { resources: { requests } } : {}),
    ...(hostPort ? { ports: [{ containerPort: 80, hostPort }] } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: namespace ?? 'default', uid: uid ?? `uid-${name}`, ...(labels ? { labels } : {}), ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec: { containers: [container], ...spec },
    status: { phase: 'Pending' },
  };
}

/** The pod as bound to a node (what the snapshot counts). */
export const boundTo = (pod: Pod, node: string): Pod => ({ ...pod, spec: { ...pod.spec, nodeName: node }, status: { ...pod.status, phase: 'Running' } });
