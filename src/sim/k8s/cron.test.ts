/**
 * Schedules as robfig/cron v3's ParseStandard reads them (the parser the
 * CronJob controller and the API server's validation use), and the next
 * activation as cron.Schedule.Next computes it.
 */
import { describe, expect, it } from 'vitest';
import { nextAfter, parseSchedule } from './cron.ts';

const t = (iso: string) => Date.parse(iso);
const next = (spec: string, from: string, tz?: string) => {
  const p = parseSchedule(spec);
  if (!p.ok) throw new Error(p.error);
  const n = nextAfter(p.value, t(from), tz);
  return n === undefined ? undefined : new Date(n).toISOString();
};

describe('cron schedules', () => {
  it.each([
    ['*/5 * * * *', '2026-01-15T09:02:30Z', '2026-01-15T09:05:00.000Z'],
    ['*/1 * * * *', '2026-01-15T09:05:00Z', '2026-01-15T09:06:00.000Z'],
    ['@hourly', '2026-01-15T09:00:00Z', '2026-01-15T10:00:00.000Z'],
    ['@daily', '2026-01-15T09:00:00Z', '2026-01-16T00:00:00.000Z'],
    ['@weekly', '2026-01-15T09:00:00Z', '2026-01-18T00:00:00.000Z'], // Thursday -> Sunday
    ['@monthly', '2026-01-15T09:00:00Z', '2026-02-01T00:00:00.000Z'],
    ['@yearly', '2026-01-15T09:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['30 2 * * MON-FRI', '2026-01-16T03:00:00Z', '2026-01-19T02:30:00.000Z'], // Friday after 02:30 -> Monday
    ['0 0 1,15 * *', '2026-01-15T09:00:00Z', '2026-02-01T00:00:00.000Z'],
    ['15 10-12/2 * JAN *', '2026-01-15T10:20:00Z', '2026-01-15T12:15:00.000Z'],
    // Day of month and day of week both restricted: either matches (robfig, like Vixie cron).
    ['0 0 13 * 5', '2026-01-15T09:00:00Z', '2026-01-16T00:00:00.000Z'],
    ['@every 90s', '2026-01-15T09:00:00Z', '2026-01-15T09:01:30.000Z'],
  ])('%s after %s is %s', (spec, from, want) => {
    expect(next(spec, from)).toBe(want);
  });

  it('evaluates in the CronJob time zone: 09:00 in Asia/Seoul is 00:00 UTC', () => {
    expect(next('0 9 * * *', '2026-01-15T01:00:00Z', 'Asia/Seoul')).toBe('2026-01-16T00:00:00.000Z');
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['CRON_TZ=UTC 0 * * * *', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
  ])('rejects %s: %s', (spec, error) => {
    expect(parseSchedule(spec)).toEqual({ ok: false, error });
  });
});
