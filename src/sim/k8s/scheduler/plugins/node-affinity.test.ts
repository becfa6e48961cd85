import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../api/types.ts';
import { CycleState, newNodeInfo } from '../framework.ts';
import { makeNode, makePod } from '../testing.ts';
import { ERR_REASON_POD, nodeAffinity, requirementMatches } from './node-affinity.ts';

describe('node selector requirement operators', () => {
  const labels = { zone: 'a', cores: '8', disk: 'ssd' };
  const table: [string, NodeSelectorRequirement, boolean][] = [
    ['In matches', { key: 'zone', operator: 'In', values: ['a', 'b'] }, true],
    ['In misses', { key: 'zone', operator: 'In', values: ['c'] }, false],
    ['In on a missing key', { key: 'rack', operator: 'In', values: ['1'] }, false],
    ['NotIn with other value', { key: 'zone', operator: 'NotIn', values: ['c'] }, true],
    ['NotIn with the value', { key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    ['NotIn on a missing key matches', { key: 'rack', operator: 'NotIn', values: ['1'] }, true],
    ['Exists', { key: 'disk', operator: 'Exists' }, true],
    ['Exists on a missing key', { key: 'gpu', operator: 'Exists' }, false],
    ['DoesNotExist', { key: 'gpu', operator: 'DoesNotExist' }, true],
    ['DoesNotExist on a present key', { key: 'disk', operator: 'DoesNotExist' }, false],
    ['Gt true', { key: 'cores', operator: 'Gt', values: ['4'] }, true],
    ['Gt equal is false', { key: 'cores', operator: 'Gt', values: ['8'] }, false],
    ['Lt true', { key: 'cores', operator: 'Lt', values: ['16'] }, true],
    ['Lt false', { key: 'cores', operator: 'Lt', values: ['2'] }, false],
    ['Gt on a non-integer label', { key: 'zone', operator: 'Gt', values: ['1'] }, false],
    ['Gt on a missing key', { key: 'rack', operator: 'Gt', values: ['1'] }, false],
    ['Gt needs exactly one value', { key: 'cores', operator: 'Gt', values: ['1', '2'] }, false],
  ];
  it.each(table)('%s', (_name, req, want) => {
    expect(requirementMatches(req, labels)).toBe(want);
  });
});

describe('NodeAffinity Filter', () => {
  const node = makeNode('kind-worker', { labels: { zone: 'a', disk: 'ssd' } });
  const term = (...e: NodeSelectorRequirement[]): NodeSelectorTerm => ({ matchExpressions: e });
  const table: [string, Parameters<typeof makePod>[1], boolean][] = [
    ['no selector', {}, true],
    ['nodeSelector matches', { nodeSelector: { disk: 'ssd' } }, true],
    ['nodeSelector value differs', { nodeSelector: { disk: 'hdd' } }, false],
    ['nodeSelector label missing', { nodeSelector: { gpu: 'true' } }, false],
    ['required terms are ORed', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'zone', operator: 'In', values: ['b'] }), term({ key: 'disk', operator: 'Exists' })] } } } }, true],
    ['expressions in a term are ANDed', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'DoesNotExist' })] } } } }, false],
    ['an empty term matches nothing', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }, false],
    ['matchFields on metadata.name', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kind-worker'] }] }] } } } }, true],
    ['nodeSelector and affinity both apply', { nodeSelector: { disk: 'hdd' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term({ key: 'zone', operator: 'Exists' })] } } } }, false],
  ];
  it.each(table)('%s', (_name, opts, fits) => {
    const s = nodeAffinity.filter(new CycleState(), makePod('p', opts), newNodeInfo(node));
    expect(s).toEqual(fits ? expect.objectContaining({ code: 'Success' }) : { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD] });
  });
});

describe('NodeAffinity Score', () => {
  it('sums matching preferred weights and scales to the best node', () => {
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
          ],
        },
      },
    });
    const nodes = [makeNode('both', { labels: { disk: 'ssd', zone: 'a' } }), makeNode('ssd', { labels: { disk: 'ssd' } }), makeNode('zone', { labels: { zone: 'a' } }), makeNode('none')];
    const state = new CycleState();
    const raw = nodes.map((n) => nodeAffinity.score(state, pod, newNodeInfo(n)));
    expect(raw).toEqual([100, 80, 20, 0]);
    const half = raw.map((r) => r / 2);
    expect(nodeAffinity.normalizeScore!(state, pod, half)).toEqual([100, 80, 20, 0]);
  });
});
