import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Node, Pod } from '../api/types.ts';
import { buildSnapshot, type Snapshot } from './framework.ts';
import { ASSUMED_ORD_BASE, SchedulerCache } from './cache.ts';

const node = (name: string, images: string[] = []): Node =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, images: images.map((i) => ({ names: [i], sizeBytes: 1000 })) } }) as Node;
const pod = (name: string, nodeName: string | undefined, cpu: string, opts: { anti?: boolean; phase?: string; port?: number } = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } }, ...(opts.port ? { ports: [{ containerPort: 80, hostPort: opts.port }] } : {}) }],
      ...(opts.anti ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: name } } }] } } } : {}),
    },
    status: { phase: opts.phase ?? 'Running' },
  }) as Pod;

/** What a cycle reads, comparable across the two builds. */
const view = (s: Snapshot) =>
  s.nodes.map((i) => ({
    name: i.name,
    pods: i.pods.map((p) => p.metadata.name),
    cpu: i.requested.milliCPU,
    nonZeroMem: i.nonZeroRequested.memory,
    ports: i.usedPorts.map((p) => p.port),
    anti: i.podsWithRequiredAntiAffinity.map((p) => p.metadata.name),
    images: [...i.imageStates.entries()].map(([k, v]) => `${k}:${v.numNodes}`),
  }));

describe('SchedulerCache', () => {
  it('a Node rewrite with the same images (a heartbeat) keeps image states; a changed image list updates every node\'s counts', () => {
    const c = new SchedulerCache();
    c.setNode(node('n1', ['nginx:1.27']));
    c.setNode(node('n2', ['nginx:1.27']));
    const before = c.snapshot().get('n1')!.imageStates;
    expect(before.get('nginx:1.27')?.numNodes).toBe(2);
    c.setNode(node('n2', ['nginx:1.27']));
    expect(c.snapshot().get('n1')!.imageStates).toBe(before);
    c.setNode(node('n2', ['redis:7']));
    expect(c.snapshot().get('n1')!.imageStates.get('nginx:1.27')?.numNodes).toBe(1);
    expect(c.snapshot().get('n2')!.imageStates.get('redis:7')?.numNodes).toBe(1);
    expect(c.snapshot().get('n2')!.imageStates.has('nginx:1.27')).toBe(false);
  });

  it('nodes listing the same images share one image-state map; a node that pulls another image gets its own, and counts stay live', () => {
    const c = new SchedulerCache();
    for (const n of ['n1', 'n2', 'n3']) c.setNode(node(n, ['pause:3.10']));
    const s = c.snapshot();
    expect(s.get('n2')!.imageStates).toBe(s.get('n1')!.imageStates);
    c.setNode(node('n3', ['pause:3.10', 'nginx:1.27']));
    expect(s.get('n3')!.imageStates).not.toBe(s.get('n1')!.imageStates);
    expect(s.get('n1')!.imageStates.has('nginx:1.27')).toBe(false);
    expect(s.get('n3')!.imageStates.get('nginx:1.27')?.numNodes).toBe(1);
    // n2 pulls nginx too: it now shares n3's map, and both see two nodes holding nginx.
    c.setNode(node('n2', ['pause:3.10', 'nginx:1.27']));
    expect(s.get('n2')!.imageStates).toBe(s.get('n3')!.imageStates);
    expect(s.get('n3')!.imageStates.get('nginx:1.27')?.numNodes).toBe(2);
    expect(s.get('n1')!.imageStates.get('pause:3.10')?.numNodes).toBe(3);
  });

  it('a cordon or a new taint in a Node update reaches the filters (the NodeInfo keeps its own copy of both)', () => {
    const c = new SchedulerCache();
    c.setNode(node('n1'));
    const info = c.snapshot().get('n1')!;
    expect([info.unschedulable, info.taints]).toEqual([false, undefined]);
    const cordoned = node('n1');
    cordoned.spec = { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] };
    c.setNode(cordoned);
    expect(info.unschedulable).toBe(true);
    expect(info.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    c.setNode(node('n1'));
    expect([info.unschedulable, info.taints]).toEqual([false, undefined]);
  });

  it('keeps NodeInfo from events: add, move, finish and delete a pod, with generations bumped', () => {
    const c = new SchedulerCache();
    c.setNode(node('n1'));
    c.setNode(node('n2'));
    const g0 = c.snapshot().get('n1')!.generation;
    c.setPod('default/a', pod('a', 'n1', '500m'), 1);
    expect(c.snapshot().get('n1')!.requested.milliCPU).toBe(500);
    expect(c.snapshot().get('n1')!.generation).toBeGreaterThan(g0);
    c.setPod('default/a', pod('a', 'n2', '500m'), 1);
    expect(c.snapshot().get('n1')!.pods).toEqual([]);
    expect(c.snapshot().get('n2')!.requested.milliCPU).toBe(500);
    c.setPod('default/a', pod('a', 'n2', '500m', { phase: 'Succeeded' }), 1);
    expect(c.snapshot().get('n2')!.requested.milliCPU).toBe(0);
    c.setPod('default/b', pod('b', 'n3', '1'), 2);
    c.setNode(node('n3'));
    expect(c.snapshot().nodes.map((i) => i.name)).toEqual(['n1', 'n2', 'n3']);
    expect(c.snapshot().get('n3')!.pods.map((p) => p.metadata.name)).toEqual(['b']);
    c.removeNode('n1');
    expect(c.snapshot().nodes.map((i) => i.name)).toEqual(['n2', 'n3']);
  });

  it('matches buildSnapshot after any sequence of node and pod events (random)', () => {
    const names = ['n1', 'n2', 'n3'];
    const op = fc.oneof(
      fc.record({ t: fc.constant('node' as const), n: fc.constantFrom(...names), img: fc.subarray(['nginx', 'redis']) }),
      fc.record({ t: fc.constant('rmnode' as const), n: fc.constantFrom(...names) }),
      fc.record({
        t: fc.constant('pod' as const),
        p: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        n: fc.option(fc.constantFrom(...names, 'ghost'), { nil: undefined }),
        cpu: fc.constantFrom('100m', '1', '250m'),
        anti: fc.boolean(),
        port: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
        phase: fc.constantFrom('Running', 'Running', 'Succeeded'),
        assumed: fc.boolean(),
      }),
      fc.record({ t: fc.constant('rmpod' as const), p: fc.constantFrom('a', 'b', 'c', 'd', 'e') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const c = new SchedulerCache();
        const nodes = new Map<string, Node>();
        const pods = new Map<string, Pod>();
        const assumed = new Map<string, Pod>();
        const ord = new Map<string, number>();
        let seq = 0;
        for (const o of ops) {
          if (o.t === 'node') {
            const n = node(o.n, o.img);
            nodes.set(o.n, n);
            c.setNode(n);
          } else if (o.t === 'rmnode') {
            nodes.delete(o.n);
            c.removeNode(o.n);
          } else if (o.t === 'rmpod') {
            pods.delete(o.p);
            assumed.delete(o.p);
            ord.delete(o.p);
            c.setPod(o.p, undefined, 0);
          } else if (o.assumed && o.n) {
            const p = pod(o.p, o.n, o.cpu, { anti: o.anti, ...(o.port ? { port: o.port } : {}) });
            assumed.delete(o.p);
            assumed.set(o.p, p);
            c.setPod(o.p, p, ASSUMED_ORD_BASE + seq++);
          } else {
            const p = pod(o.p, o.n, o.cpu, { anti: o.anti, phase: o.phase, ...(o.port ? { port: o.port } : {}) });
            pods.set(o.p, p);
            if (!ord.has(o.p)) ord.set(o.p, seq++);
            if (assumed.has(o.p)) {
              if (!p.spec.nodeName) continue;
              assumed.delete(o.p);
            }
            c.setPod(o.p, p, ord.get(o.p)!);
          }
        }
        const want = buildSnapshot([...nodes.values()], [...[...pods.entries()].filter(([k]) => !assumed.has(k)).map(([, p]) => p), ...assumed.values()]);
        expect(view(c.snapshot())).toEqual(view(want));
      }),
      { numRuns: 300 },
    );
  });
});
