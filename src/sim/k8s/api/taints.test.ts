import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from './types.ts';
import { findUntoleratedTaint, toleratesTaint } from './taints.ts';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('one toleration matcher for the scheduler and the controllers', () => {
  // k8s.io/api/core/v1/toleration.go ToleratesTaint:
  //   if len(t.Effect) > 0 && t.Effect != taint.Effect { return false }
  //   if len(t.Key) > 0 && t.Key != taint.Key { return false }
  //   switch t.Operator { case "", Equal: return t.Value == taint.Value; case Exists: return true; default: return false }
  it.each<[string, Toleration, Taint, boolean]>([
    ['an empty key with Exists tolerates every taint', { operator: 'Exists' }, taint, true],
    ['an empty key with Exists tolerates the control-plane taint too', { operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }, true],
    ['an empty key with Exists and an effect tolerates only that effect', { operator: 'Exists', effect: 'NoExecute' }, taint, false],
    ['same key, Equal, same value', { key: 'dedicated', operator: 'Equal', value: 'gpu' }, taint, true],
    ['no operator means Equal', { key: 'dedicated', value: 'gpu' }, taint, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu' }, taint, false],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists' }, taint, true],
    ['another key', { key: 'other', operator: 'Exists' }, taint, false],
    ['an empty effect matches every effect', { key: 'dedicated', operator: 'Exists' }, { ...taint, effect: 'NoExecute' }, true],
    ['another effect', { key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }, taint, false],
    // Validation rejects this pair, but the matcher skips the key test and compares values.
    ['an empty key with Equal compares values only', { operator: 'Equal', value: 'gpu' }, taint, true],
    ['an empty key with Equal and an empty value matches a taint without a value', { operator: 'Equal' }, { key: 'x', effect: 'NoSchedule' }, true],
    ['an unknown operator tolerates nothing', { key: 'dedicated', operator: 'Lt' as never, value: 'gpu' }, taint, false],
  ])('%s', (_, tol, t, want) => expect(toleratesTaint(tol, t)).toBe(want));

  it('finds the first untolerated taint in node order', () => {
    const taints: Taint[] = [taint, { key: 'b', effect: 'NoExecute' }, { key: 'c', effect: 'NoSchedule' }];
    expect(findUntoleratedTaint(taints, [{ key: 'dedicated', operator: 'Exists' }])).toEqual({ key: 'b', effect: 'NoExecute' });
    expect(findUntoleratedTaint(taints, [{ key: 'dedicated', operator: 'Exists' }], (t) => t.effect === 'NoSchedule')).toEqual({ key: 'c', effect: 'NoSchedule' });
    expect(findUntoleratedTaint(taints, [{ operator: 'Exists' }])).toBeUndefined();
  });
});
