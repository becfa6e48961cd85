import { describe, expect, it } from 'vitest';
import { sleepInterval } from './sleep.ts';

describe('sleep operands', () => {
  // GNU coreutils sleep: NUMBER[SUFFIX], suffix s (default), m, h or d, fractions allowed;
  // the simulator also takes Go durations (1m30s, 250ms) since lessons write them.
  it.each([
    ['10', 10_000],
    ['10s', 10_000],
    ['1.5m', 90_000],
    ['.5s', 500],
    ['1d', 86_400_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['2h', 7_200_000],
  ])('%s = %d ms', (text, ms) => expect(sleepInterval(text)).toBe(ms));

  it.each(['', 'abc', '10x', '-5', '-5s', 's', '1m 30s'])('rejects %j', (text) => expect(sleepInterval(text)).toBeUndefined());
});
