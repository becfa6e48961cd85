/**
 * Kubernetes resource quantities ("100m", "0.5", "128Mi", "1e3", "500M"),
 * parsed and printed the way k8s.io/apimachinery/pkg/api/resource does:
 * values are exact (fixed point, never floats), rounded up to a nano-unit,
 * and printed in canonical form in the format (suffix family) they were
 * written in: "0.5" prints as "500m", "1.5Gi" as "1536Mi", "1000" as "1k".
 * Shared by the scheduler, kubectl and the kubelet.
 */
import { fail, ok, simError, type Result } from '../../errors.ts';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units (value × 10^9), exact. */
  nano: bigint;
  /** Suffix family the value was written in; printing keeps it. */
  format: QuantityFormat;
}

export const QUANTITY_REGEXP = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** The error texts of apimachinery's ParseQuantity. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES[s];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[s];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  // "E" alone is exa; "e3"/"E3" is an exponent.
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    return { base: 10, exponent: Number(s.slice(1)), format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides rounding away from zero, as inf.RoundUp does for sub-nano amounts. */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : a < 0n ? q - 1n : q + 1n;
}

export function parseQuantity(text: string): Result<Quantity> {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/.exec(text);
  if (text === '' || !m || (m[2] === '' && m[3] === undefined)) return fail(simError('QuantityFormat', ERR_FORMAT_WRONG));
  const [, sign, whole = '', frac = '', suffixText = ''] = m;
  // The scanner only allows a sign right after the suffix letters, then digits.
  if (!/^[eEinumkKMGTP]*([+-]?\d+)?$/.test(suffixText)) return fail(simError('QuantityFormat', ERR_FORMAT_WRONG));
  const suffix = interpretSuffix(suffixText);
  if (!suffix) return fail(simError('QuantitySuffix', ERR_SUFFIX));
  const digits = BigInt((whole || '0') + frac);
  // value = digits × 10^-len(frac) × base^exponent, expressed in nano-units.
  let num = digits * NANO;
  let den = pow10(frac.length);
  if (suffix.base === 10) {
    if (suffix.exponent >= 0) num *= pow10(suffix.exponent);
    else den *= pow10(-suffix.exponent);
  } else {
    num *= 1n << BigInt(suffix.exponent);
  }
  let nano = divAwayFromZero(num, den);
  if (sign === '-') nano = -nano;
  let format = suffix.format;
  // A binary quantity below one unit has no binary spelling.
  if (format === 'BinarySI' && nano > 0n && nano < NANO) format = 'DecimalSI';
  return ok({ nano, format });
}

/** Parses or throws; for literals in code and tests. */
export function mustParseQuantity(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`cannot parse '${text}': ${r.errors[0]?.message}`);
  return r.value;
}

/** Canonical string: no fractional digits, the largest suffix that loses nothing. */
export function formatQuantity(q: Quantity): string {
  if (q.nano === 0n) return '0';
  const neg = q.nano < 0n;
  const abs = neg ? -q.nano : q.nano;
  const sign = neg ? '-' : '';
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let mant = abs / NANO;
    let exp = 0;
    while (exp < BINARY_NAMES.length - 1 && mant % 1024n === 0n) {
      mant /= 1024n;
      exp++;
    }
    return `${sign}${mant}${BINARY_NAMES[exp]}`;
  }
  let mant = abs;
  let exp = -9;
  const maxExp = q.format === 'DecimalExponent' ? Infinity : 18;
  while (exp < maxExp && mant % 1000n === 0n) {
    mant /= 1000n;
    exp += 3;
  }
  const suffix = q.format === 'DecimalExponent' ? (exp === 0 ? '' : `e${exp}`) : DECIMAL_BY_EXPONENT.get(exp)!;
  return `${sign}${mant}${suffix}`;
}

/** Re-prints a quantity string canonically ("0.5" → "500m"); undefined if it does not parse. */
export function canonicalQuantity(text: string): string | undefined {
  const r = parseQuantity(text);
  return r.ok ? formatQuantity(r.value) : undefined;
}

/** Value in thousandths, rounded up (Quantity.MilliValue): cpu "100m" → 100. */
export function milliValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nano, 1_000_000n));
}

/** Whole value, rounded up (Quantity.Value): memory "128Mi" → 134217728. */
export function quantityValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nano, NANO));
}

export function fromMilli(milli: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nano: BigInt(Math.trunc(milli)) * 1_000_000n, format };
}

export function fromValue(value: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nano: BigInt(Math.trunc(value)) * NANO, format };
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.format };
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}
