import { describe, expect, it } from 'vitest';
import type { Affinity, Pod, PodAffinityTerm } from '../../api/types.ts';
import { ALL_NODES_KEY, buildSnapshot, CycleState } from '../framework.ts';
import { boundTo, makeNode, makePod, type PodOpts } from '../testing.ts';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  interPodAffinity,
  normalizeAffinityScores,
} from './inter-pod-affinity.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** w1, w2 in zone a; w3 in zone b; bare has no labels but its hostname. */
const nodes = () => [
  makeNode('w1', { labels: { [ZONE]: 'a' } }),
  makeNode('w2', { labels: { [ZONE]: 'a' } }),
  makeNode('w3', { labels: { [ZONE]: 'b' } }),
];

const term = (app: string, topologyKey: string, namespaces?: string[]): PodAffinityTerm => ({
  labelSelector: { matchLabels: { app } },
  topologyKey,
  ...(namespaces ? { namespaces } : {}),
});
const affinity = (...t: PodAffinityTerm[]): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const antiAffinity = (...t: PodAffinityTerm[]): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const on = (node: string, name: string, o: PodOpts): Pod => boundTo(makePod(name, o), node);

describe('InterPodAffinity Filter', () => {
  const AFF = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_AFFINITY_RULES_NOT_MATCH] };
  const ANTI = { code: 'Unschedulable', reasons: [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH] };
  const EXISTING = { code: 'Unschedulable', reasons: [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH] };
  const db = on('w1', 'db-0', { labels: { app: 'db' } });
  const web = on('w1', 'web-0', { labels: { app: 'web' } });
  // [name, existing pods, incoming pod, node, expected status or null for success]
  const table: [string, Pod[], PodOpts, string, object | null][] = [
    ['no affinity anywhere', [db, web], { labels: { app: 'web' } }, 'w1', null],
    ['affinity on hostname: the node with the db', [db], { affinity: affinity(term('db', HOST)) }, 'w1', null],
    ['affinity on hostname: another node', [db], { affinity: affinity(term('db', HOST)) }, 'w2', AFF],
    ['affinity on zone: another node in the zone', [db], { affinity: affinity(term('db', ZONE)) }, 'w2', null],
    ['affinity on zone: the other zone', [db], { affinity: affinity(term('db', ZONE)) }, 'w3', AFF],
    ['affinity to a pod that runs nowhere', [web], { labels: { app: 'web' }, affinity: affinity(term('db', HOST)) }, 'w1', AFF],
    ['the first pod of a group with affinity to itself may go anywhere', [], { labels: { app: 'cache' }, affinity: affinity(term('cache', ZONE)) }, 'w3', null],
    ['…once one runs, the rest follow it', [on('w3', 'cache-0', { labels: { app: 'cache' } })], { labels: { app: 'cache' }, affinity: affinity(term('cache', ZONE)) }, 'w1', AFF],
    ['affinity needs the topology key on the node', [], { labels: { app: 'cache' }, affinity: affinity(term('cache', 'rack')) }, 'w1', AFF],
    ['affinity terms are ANDed on one pod', [db, web], { affinity: affinity(term('db', HOST), term('web', HOST)) }, 'w1', AFF],
    ['a term without namespaces looks in the pod’s own', [on('w1', 'db-1', { labels: { app: 'db' }, namespace: 'data' })], { affinity: affinity(term('db', HOST)) }, 'w1', AFF],
    ['a term with namespaces looks there', [on('w1', 'db-1', { labels: { app: 'db' }, namespace: 'data' })], { affinity: affinity(term('db', HOST, ['data'])) }, 'w1', null],
    ['anti-affinity on hostname: the node with a replica', [web], { labels: { app: 'web' }, affinity: antiAffinity(term('web', HOST)) }, 'w1', ANTI],
    ['anti-affinity on hostname: an empty node', [web], { labels: { app: 'web' }, affinity: antiAffinity(term('web', HOST)) }, 'w2', null],
    ['anti-affinity on zone keeps the whole zone out', [web], { labels: { app: 'web' }, affinity: antiAffinity(term('web', ZONE)) }, 'w2', ANTI],
    ['anti-affinity on zone: the other zone', [web], { labels: { app: 'web' }, affinity: antiAffinity(term('web', ZONE)) }, 'w3', null],
    ['an empty selector selects every pod', [db], { affinity: antiAffinity({ labelSelector: {}, topologyKey: HOST }) }, 'w1', ANTI],
    ['no selector selects none', [db], { affinity: antiAffinity({ topologyKey: HOST }) }, 'w1', null],
    ['an existing pod’s anti-affinity keeps the newcomer out', [on('w1', 'solo', { labels: { app: 'solo' }, affinity: antiAffinity(term('web', HOST)) })], { labels: { app: 'web' } }, 'w1', EXISTING],
    ['…of its own domain only', [on('w1', 'solo', { labels: { app: 'solo' }, affinity: antiAffinity(term('web', HOST)) })], { labels: { app: 'web' } }, 'w2', null],
    ['…and only pods it selects', [on('w1', 'solo', { labels: { app: 'solo' }, affinity: antiAffinity(term('web', HOST)) })], { labels: { app: 'api' } }, 'w1', null],
    ['affinity is checked before anti-affinity', [web], { labels: { app: 'web' }, affinity: { ...affinity(term('db', HOST)), ...antiAffinity(term('web', HOST)) } }, 'w1', AFF],
  ];
  it.each(table)('%s', (_name, pods, opts, node, want) => {
    const snap = buildSnapshot(nodes(), pods);
    const state = new CycleState();
    const pod = makePod('incoming', opts);
    interPodAffinity.preFilter(state, pod, snap.nodes);
    const s = interPodAffinity.filter(state, pod, snap.get(node)!);
    if (want === null) expect(s.code).toBe('Success');
    else expect(s).toEqual(want);
  });

  it('PreFilter skips a pod when no rule on either side is involved', () => {
    const snap = buildSnapshot(nodes(), [on('w1', 'db-0', { labels: { app: 'db' } })]);
    expect(interPodAffinity.preFilter(new CycleState(), makePod('p', { labels: { app: 'web' } }), snap.nodes).code).toBe('Skip');
  });
});

describe('InterPodAffinity Score', () => {
  const weighted = (weight: number, t: PodAffinityTerm) => ({ weight, podAffinityTerm: t });
  const scoreAll = (pod: Pod, pods: Pod[], feasible = ['w1', 'w2', 'w3']) => {
    const snap = buildSnapshot(nodes(), pods);
    const state = new CycleState();
    state.write(ALL_NODES_KEY, snap.nodes);
    const infos = feasible.map((n) => snap.get(n)!);
    if (interPodAffinity.preScore(state, pod, infos).code === 'Skip') return 'Skip' as const;
    const raw = infos.map((i) => interPodAffinity.score(state, pod, i));
    return { raw, normalized: interPodAffinity.normalizeScore!(state, pod, raw) };
  };

  // [name, incoming pod, existing pods, raw scores of w1..w3, normalized]
  const table: [string, PodOpts, Pod[], number[], number[]][] = [
    [
      'preferred affinity adds its weight across the zone',
      { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(80, term('db', ZONE))] } } },
      [on('w1', 'db-0', { labels: { app: 'db' } })],
      [80, 80, 0],
      [100, 100, 0],
    ],
    [
      'preferred anti-affinity subtracts per node',
      { labels: { app: 'web' }, affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(50, term('web', HOST))] } } },
      [on('w1', 'web-0', { labels: { app: 'web' } }), on('w1', 'web-1', { labels: { app: 'web' } }), on('w2', 'web-2', { labels: { app: 'web' } })],
      [-100, -50, 0],
      [0, 50, 100],
    ],
    [
      'affinity and anti-affinity together',
      {
        labels: { app: 'web' },
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(30, term('db', ZONE))] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(20, term('web', HOST))] },
        },
      },
      [on('w1', 'db-0', { labels: { app: 'db' } }), on('w1', 'web-0', { labels: { app: 'web' } })],
      [10, 30, 0],
      [33, 100, 0],
    ],
    [
      'an existing pod’s required affinity to the newcomer counts 1 (hardPodAffinityWeight)',
      { labels: { app: 'web' } },
      [on('w2', 'sidecar', { labels: { app: 'sidecar' }, affinity: affinity(term('web', HOST)) })],
      [0, 1, 0],
      [0, 100, 0],
    ],
    [
      'an existing pod’s preferred anti-affinity pushes the newcomer away',
      { labels: { app: 'web' } },
      [on('w3', 'loner', { labels: { app: 'loner' }, affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(40, term('web', ZONE))] } } })],
      [0, 0, -40],
      [100, 100, 0],
    ],
  ];
  it.each(table)('%s', (_name, opts, pods, raw, normalized) => {
    expect(scoreAll(makePod('incoming', opts), pods)).toEqual({ raw, normalized });
  });

  it('skips when no term of the pod or of any existing pod matches', () => {
    const pod = makePod('incoming', { labels: { app: 'web' }, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(10, term('db', HOST))] } } });
    expect(scoreAll(pod, [on('w1', 'api-0', { labels: { app: 'api' } })])).toBe('Skip');
  });

  const norm: [number[], number[]][] = [
    [[-50, 0, 50], [0, 50, 100]],
    [[7, 7], [0, 0]],
    [[0, 1, 3], [0, 33, 100]],
  ];
  it.each(norm)('normalize %j → %j', (scores, want) => {
    expect(normalizeAffinityScores(scores)).toEqual(want);
  });
});
