import { describe, expect, it } from 'vitest';
import { CycleState, newNodeInfo } from '../framework.ts';
import { boundTo, makeNode, makePod } from '../testing.ts';
import { leastRequestedScore, nodeResourcesFit } from './node-resources-fit.ts';

describe('NodeResourcesFit Filter', () => {
  const node = (o: Parameters<typeof makeNode>[1]) => makeNode('n', o);
  const table: [string, ReturnType<typeof makeNode>, { cpu?: string; memory?: string }[], { cpu?: string; memory?: string }, string, string[]][] = [
    ['fits an empty node', node({ cpu: '2', memory: '4Gi' }), [], { cpu: '1', memory: '1Gi' }, 'Success', []],
    ['exactly fills the node', node({ cpu: '2', memory: '4Gi' }), [{ cpu: '1500m', memory: '3Gi' }], { cpu: '500m', memory: '1Gi' }, 'Success', []],
    ['cpu short by 1m', node({ cpu: '2' }), [{ cpu: '1500m' }], { cpu: '501m' }, 'Unschedulable', ['Insufficient cpu']],
    ['memory short', node({ memory: '1Gi' }), [{ memory: '768Mi' }], { memory: '512Mi' }, 'Unschedulable', ['Insufficient memory']],
    ['both short: both reasons, cpu first', node({ cpu: '1', memory: '1Gi' }), [{ cpu: '1', memory: '1Gi' }], { cpu: '100m', memory: '1Mi' }, 'Unschedulable', ['Insufficient cpu', 'Insufficient memory']],
    ['more than the whole node cannot be helped by preemption', node({ cpu: '2' }), [], { cpu: '3' }, 'UnschedulableAndUnresolvable', ['Insufficient cpu']],
    ['no requests fits a full node', node({ cpu: '1' }), [{ cpu: '1' }], {}, 'Success', []],
    ['pod slots full', node({ pods: '2' }), [{}, {}], {}, 'Unschedulable', ['Too many pods']],
    ['pod slots full and cpu short', node({ pods: '1', cpu: '1' }), [{ cpu: '1' }], { cpu: '1' }, 'Unschedulable', ['Too many pods', 'Insufficient cpu']],
    ['0.5 cpu is 500m', node({ cpu: '1' }), [{ cpu: '0.5' }], { cpu: '500m' }, 'Success', []],
  ];
  it.each(table)('%s', (_name, n, existing, req, code, reasons) => {
    const info = newNodeInfo(n, existing.map((r, i) => boundTo(makePod(`e${i}`, r), 'n')));
    const state = new CycleState();
    const pod = makePod('p', req);
    nodeResourcesFit.preFilter(state, pod, []);
    const s = nodeResourcesFit.filter(state, pod, info);
    expect(s.code).toBe(code);
    expect(s.reasons).toEqual(reasons);
  });

  it('counts init containers by their peak, not their sum', () => {
    const pod = makePod('p', { cpu: '500m' });
    pod.spec.initContainers = [
      { name: 'a', image: 'busybox', resources: { requests: { cpu: '1500m' } } },
      { name: 'b', image: 'busybox', resources: { requests: { cpu: '1500m' } } },
    ];
    const fits = (cpu: string) => nodeResourcesFit.filter(new CycleState(), pod, newNodeInfo(makeNode('n', { cpu }))).code;
    expect(fits('1500m')).toBe('Success');
    expect(fits('1499m')).not.toBe('Success');
  });

  it('adds sidecar (restartPolicy Always) init containers to the containers', () => {
    const pod = makePod('p', { cpu: '500m' });
    pod.spec.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }];
    const fits = (cpu: string) => nodeResourcesFit.filter(new CycleState(), pod, newNodeInfo(makeNode('n', { cpu }))).code;
    expect(fits('1')).toBe('Success');
    expect(fits('999m')).not.toBe('Success');
  });
});

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  const table: [number, number, number][] = [
    [0, 4000, 100],
    [1000, 4000, 75],
    [4000, 4000, 0],
    [5000, 4000, 0],
    [1, 3, 66],
    [0, 0, 0],
  ];
  it.each(table)('requested %d of %d → %d', (req, cap, want) => {
    expect(leastRequestedScore(req, cap)).toBe(want);
  });

  it('averages cpu and memory and counts request-less containers as 100m/200Mi', () => {
    const info = newNodeInfo(makeNode('n', { cpu: '1', memory: '1000Mi' }));
    // cpu (100m of 1000m) → 90, memory (200Mi of 1000Mi) → 80: (90+80)/2
    expect(nodeResourcesFit.score(new CycleState(), makePod('p'), info)).toBe(85);
    const busy = newNodeInfo(makeNode('n', { cpu: '1', memory: '1000Mi' }), [boundTo(makePod('e', { cpu: '500m', memory: '500Mi' }), 'n')]);
    // cpu 600/1000 → 40, memory 700/1000 → 30
    expect(nodeResourcesFit.score(new CycleState(), makePod('p'), busy)).toBe(35);
  });
});
