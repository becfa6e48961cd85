import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  formatQuantity,
  fromMilli,
  milliValue,
  mustParseQuantity,
  parseQuantity,
  quantityValue,
} from './quantity.ts';

describe('parseQuantity values', () => {
  const table: [string, number, number][] = [
    // text, MilliValue, Value (both round up)
    ['100m', 100, 1],
    ['0.5', 500, 1],
    ['1', 1000, 1],
    ['1.5', 1500, 2],
    ['128Mi', 128 * 1024 * 1024 * 1000, 128 * 1024 * 1024],
    ['1Gi', 1024 ** 3 * 1000, 1024 ** 3],
    ['1e3', 1_000_000, 1000],
    ['500M', 500_000_000_000, 500_000_000],
    ['2k', 2_000_000, 2000],
    ['1n', 1, 1],
    ['.5', 500, 1],
    ['1.', 1000, 1],
    ['-1', -1000, -1],
    ['1E', 1e21, 1e18],
    ['1e-3', 1, 1],
    ['0.1m', 1, 1],
  ];
  it.each(table)('%s → %d milli, %d', (text, milli, value) => {
    const q = mustParseQuantity(text);
    expect(milliValue(q)).toBe(milli);
    expect(quantityValue(q)).toBe(value);
  });
});

describe('formatQuantity prints canonical form', () => {
  const table: [string, string][] = [
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1', '1'],
    ['1000m', '1'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1.5', '1500m'],
    ['128Mi', '128Mi'],
    ['1.5Gi', '1536Mi'],
    ['1024Ki', '1Mi'],
    ['1536', '1536'],
    ['2048Ki', '2Mi'],
    ['0.5Ki', '512'],
    ['1025Ki', '1025Ki'],
    ['1e3', '1e3'],
    ['1e4', '10e3'],
    ['1.5e3', '1500'],
    ['500M', '500M'],
    ['0', '0'],
    ['0Mi', '0'],
    ['-1.5', '-1500m'],
    ['1.1Ki', '1126400m'], // a fractional binary value keeps its precision in decimal
  ];
  it.each(table)('%s prints as %s', (text, want) => {
    expect(formatQuantity(mustParseQuantity(text))).toBe(want);
  });

  it('round-trips: printing then parsing keeps the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom('DecimalSI', 'BinarySI', 'DecimalExponent'), (milli, format) => {
        const q = { ...fromMilli(milli), format } as const;
        expect(mustParseQuantity(formatQuantity(q)).nano).toBe(q.nano);
      }),
    );
  });
});

describe('parseQuantity errors', () => {
  const table: [string, string][] = [
    ['', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['1 Gi', ERR_FORMAT_WRONG],
    ['1.5.5', ERR_FORMAT_WRONG],
    ['1Mb', ERR_FORMAT_WRONG],
    ['1Mi5', ERR_SUFFIX],
    ['1kk', ERR_SUFFIX],
    ['1ki', ERR_SUFFIX],
  ];
  it.each(table)('%j → %s', (text, message) => {
    const r = parseQuantity(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toBe(message);
  });
});
