import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationMs, formatDuration, formatDurationNs, parseDuration } from './duration.ts';

describe('Go durations: one parser, one printer', () => {
  // time.ParseDuration (src/time/format.go): [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ or "0";
  // units ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h. Cases from src/time/time_test.go parseDurationTests.
  it.each<[string, number]>([
    ['0', 0],
    ['5s', 5000],
    ['30s', 30_000],
    ['1478s', 1_478_000],
    ['-5s', -5000],
    ['+5s', 5000],
    ['-0', 0],
    ['5.6s', 5600],
    ['5.s', 5000],
    ['.5s', 500],
    ['1.0s', 1000],
    ['1.004s', 1004],
    ['100.00100s', 100_001],
    ['10ns', 0.00001],
    ['11us', 0.011],
    ['12µs', 0.012],
    ['12μs', 0.012],
    ['13ms', 13],
    ['14s', 14_000],
    ['15m', 900_000],
    ['16h', 57_600_000],
    ['3h30m', 12_600_000],
    ['10.5s4m', 250_500],
    ['-2m3.4s', -123_400],
    ['1h2m3s4ms5us6ns', 3_723_004.005006],
    ['39h9m14.425s', 140_954_425],
  ])('%s is %d ms', (text, ms) => expect(durationMs(text)).toBeCloseTo(ms, 9));

  it.each<[string, string]>([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1m30', 'time: missing unit in duration "1m30"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
  ])('rejects %j: %s', (text, message) => {
    const r = parseDuration(text);
    expect(r.ok ? '' : r.errors[0]!.message).toBe(message);
  });

  // Duration.String (src/time/time.go), cases from time_test.go durationTests.
  it.each<[number, string]>([
    [0, '0s'],
    [1, '1ns'],
    [1100, '1.1µs'],
    [2_200_000, '2.2ms'],
    [3_300_000_000, '3.3s'],
    [4 * 60e9 + 5e9, '4m5s'],
    [4 * 60e9 + 5_001_000_000, '4m5.001s'],
    [5 * 3600e9 + 6 * 60e9 + 7_001_000_000, '5h6m7.001s'],
    [8 * 60e9 + 1, '8m0.000000001s'],
    [-1, '-1ns'],
    [3600e9, '1h0m0s'],
  ])('%d ns prints as %s', (ns, text) => expect(formatDurationNs(ns)).toBe(text));

  it.each<[number, string]>([
    [0, '0s'],
    [500, '500ms'],
    [812, '812ms'],
    [1500, '1.5s'],
    [3218, '3.218s'],
    [90_000, '1m30s'],
    [300_000, '5m0s'],
    [7_200_000, '2h0m0s'],
  ])('%d ms prints as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('printing then parsing gives the same nanoseconds', () =>
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (ns) => {
        const back = parseDuration(formatDurationNs(ns));
        return back.ok && Math.round(back.value * 1e6) === ns;
      }),
    ));
});
