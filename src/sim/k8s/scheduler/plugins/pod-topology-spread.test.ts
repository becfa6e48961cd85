import { describe, expect, it } from 'vitest';
import type { OwnerReference, Pod, TopologySpreadConstraint } from '../../api/types.ts';
import { ALL_NODES_KEY, buildSnapshot, CycleState, type Snapshot } from '../framework.ts';
import { boundTo, makeNode, makePod, type PodOpts } from '../testing.ts';
import {
  defaultSelector,
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  normalizeSpreadScores,
  podTopologySpread,
} from './pod-topology-spread.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const rs = (name = 'web-abc'): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `uid-${name}`, controller: true });

const owned = (name: string, o: PodOpts = {}, owner: OwnerReference | null = rs()): Pod => {
  const p = makePod(name, { labels: { app: 'web', 'pod-template-hash': 'abc' }, ...o });
  if (owner) p.metadata.ownerReferences = [owner];
  return p;
};

/** n1, n2 in zone a; n3 in zone b; n4 has no zone label. */
const zonedNodes = () => [
  makeNode('n1', { labels: { [ZONE]: 'a' } }),
  makeNode('n2', { labels: { [ZONE]: 'a' } }),
  makeNode('n3', { labels: { [ZONE]: 'b' } }),
  makeNode('n4'),
];

const web = (name: string, node: string, o: PodOpts = {}) => boundTo(makePod(name, { labels: { app: 'web' }, ...o }), node);

const spread = (key: string, maxSkew = 1, whenUnsatisfiable: TopologySpreadConstraint['whenUnsatisfiable'] = 'DoNotSchedule'): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey: key,
  whenUnsatisfiable,
  labelSelector: { matchLabels: { app: 'web' } },
});

describe('PodTopologySpread Filter', () => {
  const terminating = (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-15T09:00:00Z' } });
  // [name, existing pods, incoming pod options, node, expected reason or null]
  const table: [string, Pod[], PodOpts, string, string | null][] = [
    ['empty cluster: every zone is fine', [], { topologySpreadConstraints: [spread(ZONE)] }, 'n1', null],
    ['zone a has 1, b has 0: a would be skewed 2', [web('w1', 'n1')], { topologySpreadConstraints: [spread(ZONE)] }, 'n2', ERR_REASON_CONSTRAINTS_NOT_MATCH],
    ['zone a has 1, b has 0: b evens it out', [web('w1', 'n1')], { topologySpreadConstraints: [spread(ZONE)] }, 'n3', null],
    ['maxSkew 2 allows the second pod in zone a', [web('w1', 'n1')], { topologySpreadConstraints: [spread(ZONE, 2)] }, 'n2', null],
    ['a node without the topology key', [], { topologySpreadConstraints: [spread(ZONE)] }, 'n4', ERR_REASON_NODE_LABEL_NOT_MATCH],
    ['a pod its own selector does not match adds nothing', [web('w1', 'n1')], { labels: { app: 'other' }, topologySpreadConstraints: [spread(ZONE)] }, 'n2', null],
    ['pods of other namespaces are not counted', [web('w1', 'n1', { namespace: 'other' })], { topologySpreadConstraints: [spread(ZONE)] }, 'n2', null],
    ['terminating pods are not counted', [terminating(web('w1', 'n1'))], { topologySpreadConstraints: [spread(ZONE)] }, 'n2', null],
    ['hostname: the node that has one', [web('w1', 'n1')], { topologySpreadConstraints: [spread(HOST)] }, 'n1', ERR_REASON_CONSTRAINTS_NOT_MATCH],
    ['hostname: an empty node', [web('w1', 'n1')], { topologySpreadConstraints: [spread(HOST)] }, 'n2', null],
    // nodeAffinityPolicy Honor: zone b cannot take the pod, so its 0 is not the minimum.
    ['domains outside the pod’s nodeSelector do not count', [web('w1', 'n1')], { nodeSelector: { [ZONE]: 'a' }, topologySpreadConstraints: [spread(ZONE)] }, 'n2', null],
    ['ScheduleAnyway never filters', [web('w1', 'n1'), web('w2', 'n1')], { topologySpreadConstraints: [spread(HOST, 1, 'ScheduleAnyway')] }, 'n1', null],
    ['every DoNotSchedule constraint must hold', [web('w1', 'n3')], { topologySpreadConstraints: [spread(ZONE, 5), spread(HOST)] }, 'n3', ERR_REASON_CONSTRAINTS_NOT_MATCH],
    ['no constraints and no owner: nothing to check', [web('w1', 'n1'), web('w2', 'n1')], {}, 'n1', null],
  ];
  it.each(table)('%s', (_name, pods, opts, node, reason) => {
    const snap = buildSnapshot(zonedNodes(), pods);
    const state = new CycleState();
    const pod = makePod('incoming', { labels: { app: 'web' }, ...opts });
    const pre = podTopologySpread.preFilter(state, pod, snap.nodes);
    const s = podTopologySpread.filter(state, pod, snap.get(node)!);
    if (reason === null) {
      expect(s.code).toBe('Success');
    } else {
      expect(pre.code).toBe('Success');
      expect(s).toEqual({ code: reason === ERR_REASON_NODE_LABEL_NOT_MATCH ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons: [reason] });
    }
  });

  it('system default constraints are ScheduleAnyway: PreFilter skips a ReplicaSet pod', () => {
    expect(podTopologySpread.preFilter(new CycleState(), owned('web-1'), buildSnapshot(zonedNodes(), []).nodes).code).toBe('Skip');
  });
});

describe('defaultSelector (system default spreading)', () => {
  const table: [string, Pod, Record<string, string> | undefined][] = [
    ['ReplicaSet pod: its labels', owned('p'), { app: 'web', 'pod-template-hash': 'abc' }],
    ['StatefulSet pod', owned('p', {}, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }), { app: 'web', 'pod-template-hash': 'abc' }],
    ['a Job pod is not spread', owned('p', {}, { apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'u', controller: true }), undefined],
    ['an owner that is not the controller', owned('p', {}, { ...rs(), controller: false }), undefined],
    ['a bare pod', owned('p', {}, null), undefined],
    ['a ReplicaSet pod without labels', owned('p', { labels: {} }), undefined],
  ];
  it.each(table)('%s', (_name, pod, want) => {
    expect(defaultSelector(pod)?.matchLabels).toEqual(want);
  });
});

describe('PodTopologySpread Score', () => {
  const scoreAll = (pod: Pod, snap: Snapshot, feasible: string[]) => {
    const state = new CycleState();
    state.write(ALL_NODES_KEY, snap.nodes);
    const infos = feasible.map((n) => snap.get(n)!);
    const pre = podTopologySpread.preScore(state, pod, infos);
    if (pre.code === 'Skip') return 'Skip' as const;
    const raw = infos.map((i) => podTopologySpread.score(state, pod, i));
    return { raw, normalized: podTopologySpread.normalizeScore!(state, pod, raw) };
  };

  it('skips pods with neither constraints nor a spreading owner', () => {
    const snap = buildSnapshot([makeNode('w1'), makeNode('w2')], []);
    expect(scoreAll(makePod('bare', { labels: { app: 'web' } }), snap, ['w1', 'w2'])).toBe('Skip');
  });

  it('system defaults: hostname maxSkew 3 scores siblings per node, zone is left out on unzoned nodes', () => {
    const snap = buildSnapshot([makeNode('w1'), makeNode('w2'), makeNode('w3')], [boundTo(owned('web-1'), 'w1'), boundTo(owned('web-2'), 'w1'), boundTo(owned('web-3'), 'w2')]);
    // ln(3 + 2) per sibling + (3 − 1): w1 2·1.609+2 = 5.2 → 5, w2 3.6 → 4, w3 2
    const r = scoreAll(owned('web-4'), snap, ['w1', 'w2', 'w3']);
    expect(r).toEqual({ raw: [5, 4, 2], normalized: [40, 60, 100] });
  });

  it('system defaults: only pods with the same labels and namespace are siblings', () => {
    const other = boundTo(owned('api-1', { labels: { app: 'api', 'pod-template-hash': 'abc' } }), 'w1');
    const elsewhere = boundTo(owned('web-x', { namespace: 'prod' }), 'w1');
    const snap = buildSnapshot([makeNode('w1'), makeNode('w2')], [other, elsewhere]);
    expect(scoreAll(owned('web-1'), snap, ['w1', 'w2'])).toEqual({ raw: [2, 2], normalized: [100, 100] });
  });

  it('zone constraint: pods anywhere in the zone count, on nodes that are not feasible too', () => {
    const snap = buildSnapshot(zonedNodes(), [web('a1', 'n1'), web('a2', 'n1'), web('b1', 'n3')]);
    const pod = makePod('incoming', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE, 1, 'ScheduleAnyway')] });
    // Feasible: n2 (zone a, 2 pods in the zone) and n3 (zone b, 1); two domains: weight ln 4.
    // n2: 2·1.386 + 0 = 2.77 → 3; n3: 1.386 → 1
    expect(scoreAll(pod, snap, ['n2', 'n3'])).toEqual({ raw: [3, 1], normalized: [33, 100] });
  });

  it('the pod’s own constraints: a node lacking the key scores 0', () => {
    const snap = buildSnapshot(zonedNodes(), [web('a1', 'n1')]);
    const pod = makePod('incoming', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE, 1, 'ScheduleAnyway')] });
    expect(scoreAll(pod, snap, ['n1', 'n3', 'n4'])).toEqual({ raw: [1, 0, 0], normalized: [0, 100, 0] });
  });

  const table: [number[], boolean[], number[]][] = [
    [[2, 2], [false, false], [100, 100]],
    [[0, 0], [false, false], [100, 100]],
    [[5, 2], [false, false], [40, 100]],
    [[3, 2, 0], [false, false, true], [66, 100, 0]],
    [[4, 0], [false, true], [100, 0]],
  ];
  it.each(table)('normalize %j (ignored %j) → %j', (scores, ignored, want) => {
    expect(normalizeSpreadScores(scores, ignored)).toEqual(want);
  });
});
