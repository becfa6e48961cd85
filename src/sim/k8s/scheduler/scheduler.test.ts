import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock.ts';
import { Rng } from '../../rng.ts';
import { FakeClient } from './fake-client.ts';
import { Scheduler } from './scheduler.ts';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from './testing.ts';

function setup(seed = 7) {
  const clock = new VirtualClock();
  const client = new FakeClient();
  client.addNode(makeNode('kind-control-plane', { taints: [CONTROL_PLANE_TAINT] }));
  client.addNode(makeNode('kind-worker', { cpu: '2' }));
  client.addNode(makeNode('kind-worker2', { cpu: '2' }));
  const scheduler = new Scheduler({ client, clock, rng: new Rng(seed) });
  return { clock, client, scheduler };
}

const nodeOf = (c: FakeClient, name: string) => c.pod('default', name)?.spec.nodeName;

describe('Scheduler actor', () => {
  it('binds pending pods through the binding subresource and records Scheduled events', () => {
    const { clock, client, scheduler } = setup();
    expect(scheduler.start()).toBeUndefined();
    client.putPod(makePod('web-1', { cpu: '500m' }));
    expect(nodeOf(client, 'web-1')).toBeUndefined(); // nothing happens until the clock runs
    clock.flush();
    const node = nodeOf(client, 'web-1');
    expect(node).toMatch(/^kind-worker/);
    expect(client.binds).toEqual([`default/web-1->${node}`]);
    expect(client.events).toEqual([
      {
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' },
        type: 'Normal',
        reason: 'Scheduled',
        action: 'Binding',
        message: `Successfully assigned default/web-1 to ${node}`,
        source: { component: 'default-scheduler' },
      },
    ]);
  });

  it('counts pods it just bound, so a burst never overfills a node', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    for (let i = 0; i < 5; i++) client.putPod(makePod(`w${i}`, { cpu: '1' }));
    clock.flush();
    const placed = [0, 1, 2, 3, 4].map((i) => nodeOf(client, `w${i}`));
    expect(placed.filter((n) => n === 'kind-worker')).toHaveLength(2);
    expect(placed.filter((n) => n === 'kind-worker2')).toHaveLength(2);
    expect(placed.filter((n) => n === undefined)).toHaveLength(1);
  });

  it('reports FailedScheduling and PodScheduled=False, then schedules after a node is added', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    client.putPod(makePod('big', { cpu: '3' }));
    clock.flush();
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(client.events.at(-1)).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message, source: { component: 'default-scheduler' } });
    expect(client.pod('default', 'big')?.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: '2026-01-15T09:00:00Z' },
    ]);
    expect(scheduler.pending().unschedulable).toEqual(['default/big']);
    // Its own status patch does not make it retry.
    clock.advance(30_000);
    expect(client.events.filter((e) => e.reason === 'FailedScheduling')).toHaveLength(1);
    client.addNode(makeNode('kind-worker3', { cpu: '4' }));
    clock.flush();
    // The event came 30 s after one failure: back-off (1 s) is over, so it goes straight in.
    expect(nodeOf(client, 'big')).toBe('kind-worker3');
  });

  it('retries after a pod is deleted, respecting back-off', () => {
    const { clock, client, scheduler } = setup();
    client.addNode(makeNode('kind-worker', { cpu: '1' }));
    client.addNode(makeNode('kind-worker2', { cpu: '1' }));
    scheduler.start();
    client.putPod(makePod('a', { cpu: '1' }));
    client.putPod(makePod('b', { cpu: '1' }));
    client.putPod(makePod('c', { cpu: '1' }));
    clock.flush();
    const loser = ['a', 'b', 'c'].find((n) => !nodeOf(client, n))!;
    const winner = ['a', 'b', 'c'].find((n) => nodeOf(client, n))!;
    client.removePod('default', winner);
    clock.advance(999);
    expect(nodeOf(client, loser)).toBeUndefined();
    clock.advance(1);
    expect(nodeOf(client, loser)).toBeDefined();
  });

  it('retries a pod waiting on pod affinity as soon as a matching pod lands on a node', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    const wantsDb = { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] };
    client.putPod(makePod('app', { affinity: { podAffinity: wantsDb } }));
    clock.advance(5_000);
    expect(nodeOf(client, 'app')).toBeUndefined();
    client.putPod(makePod('db', { labels: { app: 'db' } }));
    clock.advance(11_000); // at most one full back-off, far below the 5-minute flush
    expect(nodeOf(client, 'db')).toBeDefined();
    expect(nodeOf(client, 'app')).toBe(nodeOf(client, 'db'));
  });

  it('leaves pods Pending while stopped, and catches up after start', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    scheduler.stop();
    client.putPod(makePod('web-1'));
    client.putPod(makePod('web-2'));
    clock.advance(60_000);
    expect(nodeOf(client, 'web-1')).toBeUndefined();
    expect(client.binds).toEqual([]);
    scheduler.start();
    clock.flush();
    expect(nodeOf(client, 'web-1')).toMatch(/^kind-worker/);
    expect(nodeOf(client, 'web-2')).toMatch(/^kind-worker/);
  });

  it('ignores pods for another scheduler and pods already bound', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    client.putPod(makePod('custom', { schedulerName: 'my-scheduler' }));
    client.putPod(makePod('pinned', { nodeName: 'kind-worker' }));
    clock.flush();
    expect(client.binds).toEqual([]);
    expect(scheduler.lastDecision('default', 'custom')).toBeUndefined();
  });

  it('preempts a lower-priority pod and nominates the node for the waiting pod', () => {
    const { clock, client, scheduler } = setup();
    scheduler.start();
    client.putPod(makePod('batch-1', { cpu: '2', priority: 0 }));
    client.putPod(makePod('batch-2', { cpu: '2', priority: 0 }));
    clock.flush();
    client.putPod(makePod('critical', { cpu: '1', priority: 1000, uid: 'uid-critical' }));
    clock.flush();
    const preempted = client.events.find((e) => e.reason === 'Preempted')!;
    expect(preempted.message).toMatch(/^Preempted by pod uid-critical on node kind-worker2?$/);
    const node = preempted.message.split(' ').at(-1);
    expect(client.pod('default', preempted.involvedObject.name)).toBeUndefined();
    expect(client.pod('default', 'critical')?.status?.nominatedNodeName).toBe(node);
    // The victim's deletion is an event: after its 1 s back-off the pod lands on the freed node.
    clock.advance(1000);
    expect(nodeOf(client, 'critical')).toBe(node);
  });

  it('is deterministic: same seed, same placements', () => {
    const run = (seed: number) => {
      const { clock, client, scheduler } = setup(seed);
      scheduler.start();
      for (let i = 0; i < 6; i++) client.putPod(makePod(`p${i}`, { cpu: '100m' }));
      clock.flush();
      return client.binds.join(',');
    };
    expect(run(3)).toBe(run(3));
  });
});

describe('Scheduler memory at scale (issue 13)', () => {
  it('keeps full per-node tables for at most FULL_DECISION_ROWS rows of recent decisions; older ones keep the summary only', async () => {
    const { FULL_DECISION_ROWS } = await import('./scheduler.ts');
    const clock = new VirtualClock();
    const client = new FakeClient();
    const N = 400;
    for (let i = 0; i < N; i++) client.addNode(makeNode(`n${i}`));
    const scheduler = new Scheduler({ client, clock, rng: new Rng(1) });
    scheduler.start();
    const P = 120;
    for (let i = 0; i < P; i++) client.putPod(makePod(`p${i}`, { cpu: '10m' }));
    clock.flush();
    const decisions = Array.from({ length: P }, (_, i) => scheduler.lastDecision('default', `p${i}`)!);
    expect(decisions.every((d) => d.result.ok)).toBe(true);
    const full = decisions.filter((d) => !d.summary);
    // 400 rows each: at most 2 × 50 tables are held, however many pods there are (100 before, ~0.4 GB at 5,000 nodes).
    expect(full.length * N).toBeLessThanOrEqual(2 * FULL_DECISION_ROWS);
    expect(full.length).toBeGreaterThan(0);
    // The newest still explains every node; a summarized one keeps what `sim why` prints for it.
    const last = decisions[P - 1]!;
    expect(last.filters).toHaveLength(N);
    expect(last.filters.filter((f) => f.evaluated)).toHaveLength(last.summary ? 0 : last.feasible.length);
    const old = decisions[0]!;
    expect(old.summary).toMatchObject({ evaluated: old.numNodesToFind });
    expect(old.numNodesToFind).toBe(188); // 47% of 400 (50% − 400/125)
    expect(old.feasible).toEqual([]);
    // The first pod found 188 identical empty nodes: all tied. Its summary keeps a few names and the count, not 188 names per pod.
    const { TIED_KEPT } = await import('./schedule.ts');
    const { formatDecision } = await import('./explain.ts');
    expect(old.result).toMatchObject({ ok: true, reason: 'tie-break' });
    expect(old.tied).toHaveLength(TIED_KEPT);
    expect(old.summary?.tied).toBe(188);
    const why = formatDecision(old, 'en');
    expect(why).toContain(`${old.tied.join(', ')}, … (188 nodes in all) tied at`);
    expect(formatDecision(old, 'ko')).toContain('… (모두 188개 노드)의 총점이');
  });
});
