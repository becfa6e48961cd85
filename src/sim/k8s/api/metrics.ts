/**
 * The resource metrics API (metrics.k8s.io/v1beta1) as metrics-server serves
 * it through the API server's aggregation layer: the latest CPU and memory
 * usage of every pod's containers and of every node.
 */
import type { Quantity } from './types.ts';

export interface ContainerMetrics {
  name: string;
  usage: { cpu: Quantity; memory: Quantity };
}

export interface PodMetrics {
  apiVersion: 'metrics.k8s.io/v1beta1';
  kind: 'PodMetrics';
  metadata: { name: string; namespace: string; creationTimestamp?: string };
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  apiVersion: 'metrics.k8s.io/v1beta1';
  kind: 'NodeMetrics';
  metadata: { name: string; creationTimestamp?: string };
  timestamp: string;
  window: string;
  usage: { cpu: Quantity; memory: Quantity };
}

/** What an aggregated API server behind the APIService v1beta1.metrics.k8s.io answers. */
export interface MetricsBackend {
  podMetrics(namespace: string | undefined): PodMetrics[];
  nodeMetrics(): NodeMetrics[];
}

/** A cpu quantity in millicores as metrics-server reports it (`12m`; nanocores rounded). */
export const milliCpu = (m: number): Quantity => `${Math.max(0, Math.round(m))}m`;
/** A memory quantity in Ki, as the kubelet's working set is reported. */
export const kibMemory = (bytes: number): Quantity => `${Math.max(0, Math.round(bytes / 1024))}Ki`;
