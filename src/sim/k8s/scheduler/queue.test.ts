import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../../clock.ts';
import { backoffDuration, SchedulingQueue } from './queue.ts';
import { makePod } from './testing.ts';

describe('backoffDuration', () => {
  const table: [number, number][] = [
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10000],
    [12, 10000],
  ];
  it.each(table)('attempt %d waits %d ms', (attempts, ms) => {
    expect(backoffDuration(attempts)).toBe(ms);
  });
});

describe('SchedulingQueue', () => {
  it('pops by priority, then by creation time', () => {
    const q = new SchedulingQueue(new VirtualClock());
    q.add(makePod('late', { creationTimestamp: '2026-01-15T09:00:05Z' }));
    q.add(makePod('early', { creationTimestamp: '2026-01-15T09:00:01Z' }));
    q.add(makePod('vip', { priority: 1000, creationTimestamp: '2026-01-15T09:00:09Z' }));
    expect(q.pending().active).toEqual(['default/vip', 'default/early', 'default/late']);
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((p) => p?.pod.metadata.name)).toEqual(['vip', 'early', 'late', undefined]);
  });

  it('keeps an unschedulable pod until a cluster event', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('web'));
    q.addUnschedulable(q.pop()!);
    clock.advance(60_000);
    expect(q.pending()).toEqual({ active: [], backoff: [], unschedulable: ['default/web'] });
    q.moveAllToActiveOrBackoff('NodeAdd');
    expect(q.pending().active).toEqual(['default/web']);
  });

  it('after an immediate event, waits 1 s, 2 s, 4 s, 8 s, then 10 s per failed attempt', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('web'));
    for (const wait of [1000, 2000, 4000, 8000, 10000, 10000]) {
      q.addUnschedulable(q.pop()!);
      q.moveAllToActiveOrBackoff('NodeAdd');
      expect(q.pending().backoff).toEqual(['default/web']);
      clock.advance(wait - 1);
      expect(q.pending().active).toEqual([]);
      clock.advance(1);
      expect(q.pending().active).toEqual(['default/web']);
    }
  });

  it('backs off by attempt count: 1 s after the first failure, 2 s after the second', () => {
    const clock = new VirtualClock();
    const activations: number[] = [];
    const q = new SchedulingQueue(clock, { onActive: () => activations.push(clock.now() - start) });
    const start = clock.now();
    q.add(makePod('web'));
    q.addUnschedulable(q.pop()!); // attempt 1 failed at t=0
    q.moveAllToActiveOrBackoff('NodeAdd');
    clock.advance(5000);
    q.addUnschedulable(q.pop()!); // attempt 2 failed at t=5000
    q.moveAllToActiveOrBackoff('AssignedPodDelete');
    clock.advance(5000);
    expect(activations).toEqual([0, 1000, 7000]);
  });

  it('moves an event that comes after the back-off straight to activeQ', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('web'));
    q.addUnschedulable(q.pop()!);
    clock.advance(3000);
    q.moveAllToActiveOrBackoff('NodeUpdate');
    expect(q.pending()).toEqual({ active: ['default/web'], backoff: [], unschedulable: [] });
  });

  it('backs off instead of waiting for an event when one came during the attempt', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('web'));
    const qp = q.pop()!;
    q.moveAllToActiveOrBackoff('AssignedPodDelete'); // e.g. a preemption victim went away mid-cycle
    q.addUnschedulable(qp);
    expect(q.pending().backoff).toEqual(['default/web']);
    clock.advance(1000);
    expect(q.pending().active).toEqual(['default/web']);
  });

  it('retries unschedulable pods after five minutes even without events', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('web'));
    q.addUnschedulable(q.pop()!);
    clock.advance(5 * 60_000 - 1);
    expect(q.pending().active).toEqual([]);
    clock.advance(1);
    expect(q.pending().active).toEqual(['default/web']);
  });

  it('forgets deleted pods, even in flight', () => {
    const clock = new VirtualClock();
    const q = new SchedulingQueue(clock);
    q.add(makePod('a'));
    const qp = q.pop()!;
    q.delete('default/a');
    q.addUnschedulable(qp);
    expect(q.pending()).toEqual({ active: [], backoff: [], unschedulable: [] });
    expect(clock.pending()).toBe(0);
  });

  it('pops in activeQ order (priority, then time) through any mix of adds, priority changes, deletes, failures and cluster events', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), n: fc.integer({ min: 0, max: 7 }), prio: fc.integer({ min: 0, max: 3 }), sec: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ t: fc.constant('update' as const), n: fc.integer({ min: 0, max: 7 }), prio: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ t: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ t: fc.constant('pop' as const), fail: fc.boolean() }),
      fc.record({ t: fc.constant('event' as const) }),
      fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const clock = new VirtualClock();
        const q = new SchedulingQueue(clock);
        const pod = (n: number, prio: number, sec = 0) => makePod(`p${n}`, { priority: prio, creationTimestamp: `2026-01-15T09:00:0${sec}Z` });
        for (const o of ops) {
          if (o.t === 'add') q.add(pod(o.n, o.prio, o.sec));
          else if (o.t === 'update') q.update(pod(o.n, o.prio));
          else if (o.t === 'delete') q.delete(`default/p${o.n}`);
          else if (o.t === 'event') q.moveAllToActiveOrBackoff('NodeAdd');
          else if (o.t === 'tick') clock.advance(o.ms);
          else {
            const want = q.pending().active[0];
            const got = q.pop();
            expect(got?.key).toBe(want);
            if (got && o.fail) q.addUnschedulable(got);
            else if (got) q.done(got.key);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
