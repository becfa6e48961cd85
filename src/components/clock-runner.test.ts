import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Shell } from '../shell/shell.ts';
import { VirtualClock } from '../sim/clock.ts';
import { ClockRunner, frameBudget, keyPressed } from './clock-runner.ts';

/**
 * The runner in a page whose cluster is busy: wall time is faked (each timer
 * "costs" COST ms), the browser's task scheduler is a queue this test drains.
 */
const COST = 5;
let wall = 0;
/** Each test starts far from the last one's keys, which the runner remembers. */
let epoch = 0;
let keyWaiting = false;
let posted: { fn: () => void; priority: string }[] = [];

beforeEach(() => {
  wall = epoch += 1e6;
  keyWaiting = false;
  posted = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.spyOn(performance, 'now').mockImplementation(() => wall);
  vi.stubGlobal('document', { hidden: false });
  vi.stubGlobal('navigator', { scheduling: { isInputPending: () => keyWaiting } });
  vi.stubGlobal('scheduler', { postTask: (fn: () => void, o: { priority: string }) => (posted.push({ fn, priority: o.priority }), Promise.resolve()) });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A clock with n timers due 1 ms apart, each taking COST ms of wall time; fired records (timer, virtual time). */
function busyClock(n: number) {
  const clock = new VirtualClock(0);
  const fired: string[] = [];
  for (let i = 0; i < n; i++)
    clock.setTimeout(() => {
      wall += COST;
      fired.push(`${i}@${clock.now()}`);
    }, i);
  const shell = { world: { clock }, loading: false } as unknown as Shell;
  return { clock, fired, shell };
}

describe('the clock runner in a busy page', () => {
  it('runs the cluster in slices queued behind input and frames (background tasks), not in setTimeout chains', () => {
    const { fired, shell } = busyClock(40);
    const runner = new ClockRunner(shell);
    runner.start();
    wall += 250;
    vi.advanceTimersByTime(250); // one tick owes 250 virtual ms
    // Nothing ran inside the interval's task: the first slice waits its turn too.
    expect(fired).toEqual([]);
    const slices: number[] = [];
    while (posted.length) {
      const task = posted.shift()!;
      expect(task.priority).toBe('background');
      const before = fired.length;
      task.fn();
      slices.push(fired.length - before);
    }
    // No slice went on through a timer of its own.
    expect(vi.getTimerCount()).toBe(1);
    expect(fired).toHaveLength(40);
    // 12 ms per slice: the timer that crosses it is the last (3 × 5 ms).
    expect(Math.max(...slices)).toBeLessThanOrEqual(3);
    runner.stop();
  });

  it('ends a slice after the timer in hand when a key is waiting', () => {
    const { fired, clock } = busyClock(10);
    keyWaiting = true;
    expect(clock.advance(100, frameBudget())).toBe(false);
    expect(fired).toHaveLength(1);
    keyWaiting = false;
    expect(clock.advance(100, frameBudget())).toBe(false);
    expect(fired).toHaveLength(4);
  });

  it('slices are shorter while the learner is typing', () => {
    const { fired, clock } = busyClock(10);
    expect(clock.advance(100, frameBudget())).toBe(false);
    expect(fired).toHaveLength(3);
    keyPressed();
    expect(clock.advance(100, frameBudget())).toBe(false);
    expect(fired).toHaveLength(4);
    wall += 1000; // a second without keys: full slices again
    expect(clock.advance(100, frameBudget())).toBe(false);
    expect(fired).toHaveLength(7);
  });

  it('fires the same timers at the same virtual instants as one unsliced advance', () => {
    const sliced = busyClock(40);
    const runner = new ClockRunner(sliced.shell);
    runner.start();
    wall += 250;
    vi.advanceTimersByTime(250);
    keyWaiting = true; // the smallest slices there are
    while (posted.length) posted.shift()!.fn();
    runner.stop();
    const whole = busyClock(40);
    whole.clock.advance(250);
    expect(sliced.fired).toEqual(whole.fired);
    expect(sliced.clock.now()).toBe(whole.clock.now());
  });
});
