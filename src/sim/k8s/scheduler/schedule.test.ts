import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng.ts';
import type { Node, Pod } from '../api/types.ts';
import { buildSnapshot, type Profile } from './framework.ts';
import { NAME as POD_TOPOLOGY_SPREAD } from './plugins/pod-topology-spread.ts';
import { defaultProfile } from './profile.ts';
import { insufficientResources } from './plugins/node-resources-fit.ts';
import { podRequests } from './resources.ts';
import { numFeasibleNodesToFind, scheduleOne } from './schedule.ts';
import { boundTo, CONTROL_PLANE_TAINT, makeNode, makePod } from './testing.ts';

const cluster = (): Node[] => [
  makeNode('kind-control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
  makeNode('kind-worker', { labels: { disk: 'hdd' } }),
  makeNode('kind-worker2', { labels: { disk: 'ssd' } }),
];

const chosen = (pod: Pod, nodes: Node[], pods: Pod[] = [], seed = 1): string | undefined => {
  const d = scheduleOne(pod, buildSnapshot(nodes, pods), new Rng(seed));
  return d.result.ok ? d.result.node : undefined;
};

describe('numFeasibleNodesToFind', () => {
  const table: [number | undefined, number, number][] = [
    [undefined, 3, 3],
    [undefined, 99, 99],
    [undefined, 100, 100],
    [undefined, 1000, 420], // 50 - 8 = 42%
    [undefined, 5000, 500], // 50 - 40 = 10%
    [undefined, 6000, 300], // 50 - 48 = 2% → at least 5%
    [undefined, 200, 100], // 49% of 200 = 98 → at least 100
    [10, 5000, 500],
    [100, 500, 500],
  ];
  it.each(table)('percentage %s of %d nodes → %d', (pct, n, want) => {
    expect(numFeasibleNodesToFind(pct, n)).toBe(want);
  });
});

describe('scheduleOne', () => {
  it('never picks the tainted control-plane node for an ordinary pod', () => {
    for (let seed = 1; seed <= 30; seed++) expect(chosen(makePod('web'), cluster(), [], seed)).not.toBe('kind-control-plane');
  });

  it('uses the control-plane node when the pod tolerates the taint and selects it', () => {
    const pod = makePod('agent', {
      tolerations: [{ key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }],
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
    });
    expect(chosen(pod, cluster())).toBe('kind-control-plane');
  });

  it('honours nodeSelector', () => {
    for (let seed = 1; seed <= 10; seed++) expect(chosen(makePod('db', { nodeSelector: { disk: 'ssd' } }), cluster(), [], seed)).toBe('kind-worker2');
  });

  it('prefers the emptier worker', () => {
    const busy = boundTo(makePod('busy', { cpu: '3', memory: '6Gi' }), 'kind-worker');
    const d = scheduleOne(makePod('web', { cpu: '100m', memory: '128Mi' }), buildSnapshot(cluster(), [busy]), new Rng(1));
    expect(d.result).toMatchObject({ ok: true, node: 'kind-worker2', reason: 'highest-score' });
    const byNode = Object.fromEntries(d.scores.map((s) => [s.node, s]));
    expect(byNode['kind-worker2']!.total).toBeGreaterThan(byNode['kind-worker']!.total);
    // Every plugin's raw, normalised and weighted score is kept.
    const taint = byNode['kind-worker']!.scores.find((s) => s.plugin === 'TaintToleration')!;
    expect(taint).toEqual({ plugin: 'TaintToleration', raw: 0, normalized: 100, weight: 3, weighted: 300 });
  });

  it('breaks ties with the seeded Rng: same seed, same node; different seeds spread', () => {
    const nodes = [makeNode('a'), makeNode('b'), makeNode('c'), makeNode('d')];
    const pod = makePod('web');
    const picks = new Set<string | undefined>();
    for (let seed = 1; seed <= 40; seed++) {
      const first = chosen(pod, nodes, [], seed);
      expect(chosen(pod, nodes, [], seed)).toBe(first);
      picks.add(first);
    }
    expect(picks.size).toBe(4);
    const d = scheduleOne(pod, buildSnapshot(nodes, []), new Rng(3));
    expect(d.tied).toEqual(['a', 'b', 'c', 'd']);
    expect(d.result).toMatchObject({ ok: true, reason: 'tie-break' });
  });

  it('skips scoring when only one node passes the filters', () => {
    const d = scheduleOne(makePod('db', { nodeSelector: { disk: 'ssd' } }), buildSnapshot(cluster(), []), new Rng(1));
    expect(d.result).toEqual({ ok: true, node: 'kind-worker2', reason: 'only-feasible' });
    expect(d.scores).toEqual([]);
    const cp = d.filters.find((f) => f.node === 'kind-control-plane')!;
    // Every plugin's verdict is kept, the first rejection decides.
    expect(cp.status?.plugin).toBe('TaintToleration');
    expect(cp.verdicts.filter((v) => v.status.code !== 'Success').map((v) => v.plugin)).toEqual(['TaintToleration', 'NodeAffinity']);
  });

  it('starts the node scan where the previous cycle stopped (large clusters)', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`));
    const snap = buildSnapshot(nodes, []);
    const d1 = scheduleOne(makePod('a'), snap, new Rng(1));
    expect(d1.numNodesToFind).toBe(100);
    expect(d1.filters.filter((f) => f.evaluated).length).toBe(100);
    expect(d1.nextStartIndex).toBe(100);
    const d2 = scheduleOne(makePod('b'), snap, new Rng(1), { startIndex: d1.nextStartIndex });
    expect(d2.filters[100]!.evaluated).toBe(true);
    expect(d2.filters[0]!.evaluated).toBe(false);
    expect(d2.nextStartIndex).toBe(0);
  });
});

describe('FitError messages', () => {
  const full = (node: string, cpu: string) => boundTo(makePod(`filler-${node}`, { cpu }), node);

  it('counts reasons per node, sorted, with the preemption part', () => {
    const d = scheduleOne(makePod('web', { cpu: '2' }), buildSnapshot(cluster(), [full('kind-worker', '3'), full('kind-worker2', '3')]), new Rng(1));
    expect(d.result).toEqual({
      ok: false,
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
  });

  it('says preemption is not helpful when the request exceeds every node', () => {
    const d = scheduleOne(makePod('huge', { cpu: '100', memory: '1Ti' }), buildSnapshot(cluster().slice(1), []), new Rng(1));
    expect(d.result).toMatchObject({
      message: '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    });
  });

  it('reports selector and cordon reasons', () => {
    const nodes = [makeNode('a', { unschedulable: true }), makeNode('b'), makeNode('c')];
    const d = scheduleOne(makePod('p', { nodeSelector: { gpu: 'true' } }), buildSnapshot(nodes, []), new Rng(1));
    expect(d.result).toMatchObject({
      message: "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    });
  });

  it('sorts counts as strings, like Go ("10 …" before "2 …")', () => {
    const nodes = [...Array.from({ length: 10 }, (_, i) => makeNode(`t${i}`, { taints: [CONTROL_PLANE_TAINT] })), makeNode('x', { pods: '0' }), makeNode('y', { pods: '0' })];
    const d = scheduleOne(makePod('p'), buildSnapshot(nodes, []), new Rng(1));
    expect(d.result.ok ? '' : d.result.message).toMatch(/^0\/12 nodes are available: 10 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 Too many pods\. /);
  });

  it('says so when there are no nodes', () => {
    expect(scheduleOne(makePod('p'), buildSnapshot([], []), new Rng(1)).result).toEqual({ ok: false, message: 'no nodes available to schedule pods' });
  });

  it('preemptionPolicy Never keeps the pod from preempting', () => {
    const low = boundTo(makePod('low', { cpu: '4', priority: 0 }), 'kind-worker');
    const pod = makePod('vip', { cpu: '1', priority: 1000, preemptionPolicy: 'Never' });
    const d = scheduleOne(pod, buildSnapshot([makeNode('kind-worker')], [low]), new Rng(1));
    expect(d.result).toEqual({ ok: false, message: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.' });
  });

  it('finds preemption victims: the fewest lower-priority pods that make room', () => {
    const pods = [
      boundTo(makePod('low-a', { cpu: '2', priority: 10 }), 'kind-worker'),
      boundTo(makePod('low-b', { cpu: '2', priority: 5 }), 'kind-worker'),
      boundTo(makePod('peer', { cpu: '4', priority: 1000 }), 'kind-worker2'),
    ];
    const pod = makePod('vip', { cpu: '2', priority: 1000 });
    const d = scheduleOne(pod, buildSnapshot([makeNode('kind-worker'), makeNode('kind-worker2')], pods), new Rng(1));
    expect(d.result.ok).toBe(false);
    if (d.result.ok) return;
    // No preemption part: a candidate was found. Only the lowest-priority pod must go.
    expect(d.result.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    expect(d.result.preemption?.node).toBe('kind-worker');
    expect(d.result.preemption?.victims.map((v) => v.metadata.name)).toEqual(['low-b']);
  });

  it('a nominated node that now fits is used directly', () => {
    const pod = makePod('vip', { cpu: '1' });
    pod.status = { phase: 'Pending', nominatedNodeName: 'kind-worker2' };
    expect(scheduleOne(pod, buildSnapshot(cluster(), []), new Rng(1)).result).toEqual({ ok: true, node: 'kind-worker2', reason: 'nominated' });
  });
});

describe('pod-to-pod placement (PodTopologySpread, InterPodAffinity)', () => {
  const replica = (i: number, opts: Parameters<typeof makePod>[1] = {}): Pod => {
    const p = makePod(`web-7d4b9c-${i}`, { labels: { app: 'web', 'pod-template-hash': '7d4b9c' }, ...opts });
    p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'uid-rs', controller: true }];
    return p;
  };
  /** Schedules the pods one after another, each seeing the ones placed before it. */
  const rollOut = (pods: Pod[], existing: Pod[], profile?: Profile) => {
    const placed = [...existing];
    const rng = new Rng(1);
    return pods.map((pod) => {
      const d = scheduleOne(pod, buildSnapshot(cluster(), placed), rng, profile ? { profile } : {});
      if (d.result.ok) placed.push(boundTo(pod, d.result.node));
      return d;
    });
  };
  // kind-worker2 is busier, so resource scoring alone prefers kind-worker for every replica.
  const busy = boundTo(makePod('batch', { cpu: '1', memory: '2Gi' }), 'kind-worker2');

  it('default spreading puts 3 replicas of a ReplicaSet 2/1 over two workers, not 3/0', () => {
    const withoutSpread = defaultProfile();
    withoutSpread.score = withoutSpread.score.filter((w) => w.plugin.name !== POD_TOPOLOGY_SPREAD);
    const alone = rollOut([1, 2, 3].map((i) => replica(i)), [busy], withoutSpread);
    expect(alone.map((d) => d.result.ok && d.result.node)).toEqual(['kind-worker', 'kind-worker', 'kind-worker']);

    const decisions = rollOut([1, 2, 3].map((i) => replica(i)), [busy]);
    expect(decisions.map((d) => d.result.ok && d.result.node)).toEqual(['kind-worker', 'kind-worker2', 'kind-worker']);
    // The second replica: kind-worker already has a sibling, so spreading scores it lower.
    const spread = (node: string) => decisions[1]!.scores.find((s) => s.node === node)!.scores.find((s) => s.plugin === POD_TOPOLOGY_SPREAD)!;
    expect(spread('kind-worker')).toEqual({ plugin: POD_TOPOLOGY_SPREAD, raw: 3, normalized: 66, weight: 2, weighted: 132 });
    expect(spread('kind-worker2')).toEqual({ plugin: POD_TOPOLOGY_SPREAD, raw: 2, normalized: 100, weight: 2, weighted: 200 });
  });

  it('required anti-affinity on the hostname leaves the third replica Pending on two workers', () => {
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const decisions = rollOut([1, 2, 3].map((i) => replica(i, { affinity: anti })), []);
    expect(decisions.slice(0, 2).map((d) => d.result.ok && d.result.node).sort()).toEqual(['kind-worker', 'kind-worker2']);
    expect(decisions[2]!.result).toEqual({
      ok: false,
      message:
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
  });

  it('preemption counts a victim that breaks anti-affinity: evicting it lets the pod in', () => {
    const low = boundTo(makePod('low', { labels: { app: 'web' }, priority: 0 }), 'kind-worker');
    const vip = makePod('vip', {
      priority: 1000,
      nodeSelector: { 'kubernetes.io/hostname': 'kind-worker' },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    const d = scheduleOne(vip, buildSnapshot(cluster(), [low]), new Rng(1));
    expect(d.result).toMatchObject({ ok: false, preemption: { node: 'kind-worker' } });
    expect(d.result.ok ? [] : d.result.preemption?.victims.map((v) => v.metadata.name)).toEqual(['low']);
  });
});

describe('property: no pod is bound to a node without room for its requests', () => {
  const nodeArb = fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), memMi: fc.integer({ min: 0, max: 8192 }), pods: fc.integer({ min: 0, max: 5 }) });
  const podArb = fc.record({ cpu: fc.integer({ min: 0, max: 3000 }), memMi: fc.integer({ min: 0, max: 4096 }) });
  it('holds when pods are scheduled one after another', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { minLength: 1, maxLength: 25 }), fc.integer(), (nodeSpecs, podSpecs, seed) => {
        const nodes = nodeSpecs.map((n, i) => makeNode(`n${i}`, { cpu: `${n.cpu}m`, memory: `${n.memMi}Mi`, pods: String(n.pods) }));
        const placed: Pod[] = [];
        const rng = new Rng(seed);
        let start = 0;
        podSpecs.forEach((p, i) => {
          const pod = makePod(`p${i}`, { ...(p.cpu ? { cpu: `${p.cpu}m` } : {}), ...(p.memMi ? { memory: `${p.memMi}Mi` } : {}) });
          const snap = buildSnapshot(nodes, placed);
          const d = scheduleOne(pod, snap, rng, { startIndex: start });
          start = d.nextStartIndex;
          if (!d.result.ok) return;
          // Checked independently of the filter: the node had room before the pod was added.
          expect(insufficientResources(podRequests(pod), snap.get(d.result.node)!)).toEqual([]);
          placed.push(boundTo(pod, d.result.node));
        });
        for (const n of buildSnapshot(nodes, placed).nodes) {
          expect(n.requested.milliCPU).toBeLessThanOrEqual(n.allocatable.milliCPU);
          expect(n.requested.memory).toBeLessThanOrEqual(n.allocatable.memory);
          expect(n.pods.length).toBeLessThanOrEqual(n.allocatable.allowedPodNumber);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('SkipFilterPlugins', () => {
  it("a plugin whose PreFilter says Skip has its Filter run on no node; one that says Success is asked for every node", () => {
    const calls: Record<string, number> = { skipping: 0, checking: 0 };
    const plugin = (name: string, pre: 'Skip' | 'Success') => ({
      name,
      preFilter: () => ({ code: pre, reasons: [] }),
      filter: () => {
        calls[name]!++;
        return { code: 'Success' as const, reasons: [] };
      },
    });
    const skipping = plugin('skipping', 'Skip');
    const checking = plugin('checking', 'Success');
    const profile: Profile = { schedulerName: 'test', preFilter: [skipping, checking], filter: [skipping, checking], preScore: [], score: [] };
    const d = scheduleOne(makePod('p'), buildSnapshot(cluster(), []), new Rng(1), { profile });
    expect(d.result.ok).toBe(true);
    expect(calls).toEqual({ skipping: 0, checking: 3 });
    expect(d.preFilter.map((v) => `${v.plugin}=${v.status.code}`)).toEqual(['skipping=Skip', 'checking=Success']);
  });

  it('NodePorts skips its Filter for a pod without host ports, and still rejects a node whose host port is taken', () => {
    const profile = defaultProfile();
    const plain = scheduleOne(makePod('p'), buildSnapshot(cluster(), []), new Rng(1), { profile });
    expect(plain.preFilter.find((v) => v.plugin === 'NodePorts')?.status.code).toBe('Skip');
    const withPort = (name: string): Pod => {
      const p = makePod(name);
      p.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }];
      return p;
    };
    const nodes = [makeNode('kind-worker'), makeNode('kind-worker2')];
    const d = scheduleOne(withPort('b'), buildSnapshot(nodes, [boundTo(withPort('a'), 'kind-worker')]), new Rng(1), { profile });
    expect(d.result).toMatchObject({ ok: true, node: 'kind-worker2' });
    expect(d.filters.find((f) => f.node === 'kind-worker')?.status?.reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
  });
});
