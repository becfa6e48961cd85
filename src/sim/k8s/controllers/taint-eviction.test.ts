import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../api/types.ts';
import { tolerationSecondsFor } from './taint-eviction.ts';
import { pod } from './testing/objects.ts';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const gpu: Taint = { key: 'gpu', value: 'true', effect: 'NoExecute' };
const tol = (t: Partial<Toleration>): Toleration => ({ operator: 'Exists', effect: 'NoExecute', ...t });

describe('how long a pod tolerates NoExecute taints', () => {
  it.each<{ why: string; tolerations: Toleration[]; taints: Taint[]; want: number | undefined }>([
    { why: 'no toleration: evict now', tolerations: [], taints: [unreachable], want: 0 },
    { why: 'admission default', tolerations: [tol({ key: unreachable.key, tolerationSeconds: 300 })], taints: [unreachable], want: 300 },
    { why: 'no tolerationSeconds: forever', tolerations: [tol({ key: unreachable.key })], taints: [unreachable], want: undefined },
    { why: 'negative counts as 0', tolerations: [tol({ key: unreachable.key, tolerationSeconds: -5 })], taints: [unreachable], want: 0 },
    { why: 'smallest of the matching ones', tolerations: [tol({ key: unreachable.key, tolerationSeconds: 300 }), tol({ tolerationSeconds: 60 })], taints: [unreachable], want: 60 },
    { why: 'one untolerated taint wins', tolerations: [tol({ key: unreachable.key })], taints: [unreachable, gpu], want: 0 },
    { why: 'Equal needs the value', tolerations: [tol({ key: 'gpu', operator: 'Equal', value: 'false' })], taints: [gpu], want: 0 },
    { why: 'Equal with the value', tolerations: [tol({ key: 'gpu', operator: 'Equal', value: 'true', tolerationSeconds: 10 })], taints: [gpu], want: 10 },
  ])('$why', ({ tolerations, taints, want }) => {
    expect(tolerationSecondsFor(pod('p', {}, { tolerations }), taints)).toBe(want);
  });
});
