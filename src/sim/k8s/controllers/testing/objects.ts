import type { Deployment, Pod, PodTemplateSpec, ReplicaSet } from '../../api/types.ts';

/** Small object builders for controller tests. */
export function template(labels: Record<string, string> = { app: 'web' }, image = 'nginx:1.27'): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image, ports: [{ name: 'http', containerPort: 80 }] }] } };
}

export function replicaSet(name: string, replicas: number, labels: Record<string, string> = { app: 'web' }): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { replicas, selector: { matchLabels: labels }, template: template(labels) } };
}

export function deployment(name: string, replicas: number, extra: Partial<Deployment['spec']> = {}): Deployment {
  const labels = { app: name };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas, selector: { matchLabels: labels }, template: template(labels), ...extra } };
}

export function pod(name: string, labels: Record<string, string> = { app: 'web' }, extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } };
}
