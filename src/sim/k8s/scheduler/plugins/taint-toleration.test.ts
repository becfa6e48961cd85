import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types.ts';
import { CycleState, newNodeInfo } from '../framework.ts';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from '../testing.ts';
import { taintToleration, tolerates } from './taint-toleration.ts';

describe('tolerates', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const table: [string, Toleration, Taint, boolean][] = [
    ['Equal with same key, value, effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint, true],
    ['operator defaults to Equal', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, taint, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }, taint, false],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint, true],
    ['empty effect matches every effect', { key: 'dedicated', operator: 'Exists' }, taint, true],
    ['other effect does not match', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint, false],
    ['other key does not match', { key: 'team', operator: 'Exists' }, taint, false],
    ['empty key with Exists tolerates everything', { operator: 'Exists' }, taint, true],
    ['empty key with Exists and an effect', { operator: 'Exists', effect: 'NoSchedule' }, taint, true],
    ['empty key with Exists, wrong effect', { operator: 'Exists', effect: 'PreferNoSchedule' }, taint, false],
    ['Equal with empty value matches valueless taint', { key: CONTROL_PLANE_TAINT.key, operator: 'Equal', value: '', effect: 'NoSchedule' }, CONTROL_PLANE_TAINT, true],
    ['Equal with a value vs valueless taint', { key: CONTROL_PLANE_TAINT.key, operator: 'Equal', value: 'x' }, CONTROL_PLANE_TAINT, false],
  ];
  it.each(table)('%s', (_name, tol, t, want) => {
    expect(tolerates(tol, t)).toBe(want);
  });
});

describe('TaintToleration Filter', () => {
  const table: [string, Taint[], Toleration[], string | null][] = [
    ['no taints', [], [], null],
    ['control-plane taint, no toleration', [CONTROL_PLANE_TAINT], [], 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['control-plane taint tolerated', [CONTROL_PLANE_TAINT], [{ key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }], null],
    ['value shown in reason', [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }], [], 'node(s) had untolerated taint {dedicated: gpu}'],
    ['PreferNoSchedule never filters', [{ key: 'soft', effect: 'PreferNoSchedule' }], [], null],
    ['first untolerated taint is reported', [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }], [{ key: 'a', operator: 'Exists' }], 'node(s) had untolerated taint {b: }'],
  ];
  it.each(table)('%s', (_name, taints, tolerations, reason) => {
    const s = taintToleration.filter(new CycleState(), makePod('p', { tolerations }), newNodeInfo(makeNode('n', { taints })));
    if (reason === null) expect(s.code).toBe('Success');
    else expect(s).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [reason] });
  });
});

describe('TaintToleration Score', () => {
  it('counts untolerated PreferNoSchedule taints and normalises in reverse', () => {
    const nodes = [
      makeNode('clean'),
      makeNode('one', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
      makeNode('two', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] }),
      makeNode('tolerated', { taints: [{ key: 'b', effect: 'PreferNoSchedule' }] }),
    ];
    const pod = makePod('p', { tolerations: [{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    const state = new CycleState();
    taintToleration.preScore(state, pod, []);
    const raw = nodes.map((n) => taintToleration.score(state, pod, newNodeInfo(n)));
    expect(raw).toEqual([0, 1, 1, 0]);
    expect(taintToleration.normalizeScore!(state, pod, raw)).toEqual([100, 0, 0, 100]);
    expect(taintToleration.normalizeScore!(state, pod, [0, 0])).toEqual([100, 100]);
  });
});
