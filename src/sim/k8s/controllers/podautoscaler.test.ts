/**
 * The HPA's replica calculation (pkg/controller/podautoscaler/replica_calculator.go
 * GetResourceReplicas; algorithm documented at
 * https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/#algorithm-details):
 * desired = ceil(current × currentUtilization / target), unchanged within a 0.1 tolerance.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import type { PodMetrics } from '../api/metrics.ts';
import { resourceReplicas } from './podautoscaler.ts';

const pod = (name: string, request = '200m', ready = true): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: request } } }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const usage = (name: string, cpu: string): PodMetrics => ({ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics', metadata: { name, namespace: 'default' }, timestamp: '', window: '15s', containers: [{ name: 'c', usage: { cpu, memory: '1Mi' } }] });

describe('HPA replica calculation', () => {
  it.each([
    { why: '1 pod at 250% of a 50% target -> 5', pods: [pod('a')], m: [usage('a', '500m')], current: 1, target: 50, want: 5, util: 250 },
    { why: 'within tolerance (54% vs 50%, ratio 1.08) -> unchanged', pods: [pod('a'), pod('b')], m: [usage('a', '108m'), usage('b', '108m')], current: 2, target: 50, want: 2, util: 54 },
    { why: 'just outside tolerance (56%) -> ceil(2 × 1.12) = 3', pods: [pod('a'), pod('b')], m: [usage('a', '112m'), usage('b', '112m')], current: 2, target: 50, want: 3, util: 56 },
    { why: 'idle: 4 pods at 1% -> ceil(4 × 0.02) = 1', pods: [pod('a'), pod('b'), pod('c'), pod('d')], m: ['a', 'b', 'c', 'd'].map((n) => usage(n, '2m')), current: 4, target: 50, want: 1, util: 1 },
    { why: 'a pod without metrics counts as 100% when scaling down', pods: [pod('a'), pod('b')], m: [usage('a', '20m')], current: 2, target: 50, want: 2, util: 10 },
  ])('$why', ({ pods, m, current, target, want, util }) => {
    const r = resourceReplicas(current, target, pods, m);
    expect(r).toMatchObject({ replicas: want, utilization: util });
  });

  it('a container without a cpu request is an error in the controller\'s words', () => {
    const p = pod('a');
    delete p.spec.containers[0]!.resources;
    expect(resourceReplicas(1, 50, [p], [usage('a', '1m')])).toEqual({ error: 'failed to get cpu utilization: missing request for cpu in container c of Pod a' });
  });
});
