import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

describe('VirtualClock', () => {
  it('fires timers in time order, ties in the order they were set', () => {
    const c = new VirtualClock(0);
    const log: string[] = [];
    c.setTimeout(() => log.push('b@20'), 20);
    c.setTimeout(() => log.push('a@10'), 10);
    c.setTimeout(() => log.push('c@10'), 10);
    c.advance(15);
    expect(log).toEqual(['a@10', 'c@10']);
    c.advance(5);
    expect(log).toEqual(['a@10', 'c@10', 'b@20']);
    expect(c.now()).toBe(20);
  });

  it('an advance told to stop returns after the timer it was on, at that instant; the rest fire later in the same order', () => {
    const make = () => {
      const c = new VirtualClock(0);
      const log: string[] = [];
      for (const at of [0, 0, 5, 5, 9]) c.setTimeout(() => log.push(`${at}:${c.now()}`), at);
      // A timer that schedules zero-delay work, as a controller requeue does.
      c.setTimeout(() => c.setTimeout(() => log.push(`then:${c.now()}`), 0), 5);
      return { c, log };
    };
    const whole = make();
    expect(whole.c.advance(10)).toBe(true);
    const sliced = make();
    let calls = 0;
    // Stop after every timer: one timer per call.
    while (!sliced.c.advance(10 - (sliced.c.now() - 0), () => true)) {
      calls++;
      expect(sliced.c.now()).toBeLessThanOrEqual(10);
    }
    expect(calls).toBe(6);
    expect(sliced.log).toEqual(whole.log);
    expect(sliced.c.now()).toBe(10);
    // flush with a stop leaves due work that due() reports.
    const f = new VirtualClock(0);
    f.setTimeout(() => {}, 0);
    f.setTimeout(() => {}, 0);
    expect(f.flush(() => true)).toBe(false);
    expect(f.due()).toBe(true);
    expect(f.flush()).toBe(true);
    expect(f.due()).toBe(false);
  });

  it('runs timers scheduled by timers when they fall inside the same advance', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    c.setTimeout(() => c.setTimeout(() => seen.push(c.now()), 5), 5);
    c.advance(100);
    expect(seen).toEqual([10]);
  });

  it('every() repeats until cancelled', () => {
    const c = new VirtualClock(0);
    let n = 0;
    const stop = c.every(10, () => n++);
    c.advance(35);
    expect(n).toBe(3);
    stop();
    c.advance(100);
    expect(n).toBe(3);
  });

  it.each([0, -1, NaN, Infinity])('every() refuses a period of %s ms (it would fire forever at one instant)', (period) => {
    const c = new VirtualClock(0);
    expect(() => c.every(period, () => {})).toThrow(RangeError);
    expect(c.pending()).toBe(0);
  });

  it('never goes backwards, whatever is scheduled', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000))), (ops) => {
        const c = new VirtualClock(0);
        const seen: number[] = [];
        for (const [delay, step] of ops) {
          c.setTimeout(() => seen.push(c.now()), delay);
          c.advance(step);
        }
        return seen.every((t, i) => i === 0 || t >= seen[i - 1]!);
      }),
    );
  });
});

describe('VirtualClock cancellation', () => {
  it('a cleared timer never fires and is not pending', () => {
    const c = new VirtualClock(0);
    let fired = 0;
    const a = c.setTimeout(() => fired++, 10);
    c.setTimeout(() => fired++, 20);
    c.clearTimeout(a);
    expect(c.pending()).toBe(1);
    expect(c.nextAt()).toBe(20);
    c.advance(30);
    expect(fired).toBe(1);
    expect(c.pending()).toBe(0);
  });

  it('fires in the same order as a sorted list for any schedule', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 200 }), (delays) => {
        const c = new VirtualClock(0);
        const order: number[] = [];
        delays.forEach((d, i) => c.setTimeout(() => order.push(i), d));
        c.advance(1000);
        const expected = delays.map((d, i) => [d, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, i]) => i);
        return JSON.stringify(order) === JSON.stringify(expected);
      }),
    );
  });
});
