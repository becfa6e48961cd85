import { describe, expect, it } from 'vitest';
import { buildSnapshot, CycleState, NUM_ALL_NODES_KEY } from '../framework.ts';
import { boundTo, makeNode, makePod } from '../testing.ts';
import { balancedAllocation, balancedScore } from './balanced-allocation.ts';
import { calculatePriority, imageLocality, MAX_CONTAINER_THRESHOLD, MIN_THRESHOLD, normalizedImageName } from './image-locality.ts';

describe('NodeResourcesBalancedAllocation', () => {
  const table: [number[], number[], number][] = [
    [[500, 500], [1000, 1000], 100],
    [[1000, 0], [1000, 1000], 50],
    [[250, 750], [1000, 1000], 75],
    [[2000, 500], [1000, 1000], 75], // fractions cap at 1
    [[500, 500], [1000, 0], 100], // a resource the node lacks is left out
  ];
  it.each(table)('requested %j of %j → %d', (req, alloc, want) => {
    expect(balancedScore(req, alloc)).toBe(want);
  });

  it('skips pods that request nothing, and scores real requests without defaults', () => {
    const state = new CycleState();
    expect(balancedAllocation.preScore(state, makePod('p'), []).code).toBe('Skip');
    const pod = makePod('p', { cpu: '1', memory: '1Gi' });
    expect(balancedAllocation.preScore(state, pod, []).code).toBe('Success');
    const snap = buildSnapshot([makeNode('n', { cpu: '4', memory: '4Gi' })], [boundTo(makePod('e', { cpu: '1' }), 'n')]);
    // cpu 2/4 = 0.5, memory 1/4 = 0.25 → 1 - 0.125
    expect(balancedAllocation.score(state, pod, snap.nodes[0]!)).toBe(87);
  });
});

describe('ImageLocality', () => {
  it('normalises only a missing tag', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
  });

  const table: [number, number, number][] = [
    [0, 1, 0],
    [MIN_THRESHOLD, 1, 0],
    [MAX_CONTAINER_THRESHOLD, 1, 100],
    [MAX_CONTAINER_THRESHOLD * 2, 1, 100],
    [MAX_CONTAINER_THRESHOLD, 2, 49], // 977/1977 of the range
  ];
  it.each(table)('priority of %d bytes over %d containers → %d', (sum, n, want) => {
    expect(calculatePriority(sum, n)).toBe(want);
  });

  it('prefers the node that has a big image, scaled by how many nodes have it', () => {
    const big = { names: ['app:1'], sizeBytes: 500 * 1024 * 1024 };
    const snap = buildSnapshot([makeNode('has', { images: [big] }), makeNode('lacks'), makeNode('also-lacks')], []);
    const state = new CycleState();
    state.write(NUM_ALL_NODES_KEY, 3);
    const pod = makePod('p', { image: 'app:1' });
    const [has, lacks] = snap.nodes.map((n) => imageLocality.score(state, pod, n));
    expect(lacks).toBe(0);
    // 500Mi spread over 1 of 3 nodes ≈ 166Mi, below the 23Mi..1000Mi range's middle
    expect(has).toBe(calculatePriority(Math.trunc(500 * 1024 * 1024 / 3), 1));
    expect(has).toBeGreaterThan(0);
  });
});
