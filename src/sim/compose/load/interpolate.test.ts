import { describe, expect, it } from 'vitest';
import { interpolateString, interpolateValue, type InterpolationContext } from './interpolate.ts';

const ctx = (vars: Record<string, string> = {}): InterpolationContext => ({ vars, warned: new Set(), warnings: [] });
const VARS = { TAG: '1.25', EMPTY: '', PORT: '8080' };

describe('interpolateString', () => {
  it.each([
    ['nginx:$TAG', 'nginx:1.25'],
    ['nginx:${TAG}', 'nginx:1.25'],
    ['${TAG}-alpine', '1.25-alpine'],
    ['${MISSING:-latest}', 'latest'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING-fallback}', 'fallback'],
    ['${TAG:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${MISSING:-${PORT}}', '8080'],
    ['price: $$5', 'price: $5'],
    ['$$TAG', '$TAG'],
    ['no vars', 'no vars'],
  ])('%s -> %s', (input, want) => {
    const r = interpolateString(input, ctx(VARS));
    expect(r).toEqual({ ok: true, value: want });
  });

  it.each([
    ['${DB_PASSWORD:?set it in .env}', 'required variable DB_PASSWORD is missing a value: set it in .env'],
    ['${DB_PASSWORD?must be set}', 'required variable DB_PASSWORD is missing a value: must be set'],
  ])('%s fails with compose text', (input, message) => {
    const r = interpolateString(input, ctx(VARS));
    expect(r).toEqual({ ok: false, code: 'REQUIRED_VARIABLE', error: message });
  });

  it('treats an empty value as unset only with the colon form of :?', () => {
    expect(interpolateString('${EMPTY?x}', ctx(VARS))).toEqual({ ok: true, value: '' });
    expect(interpolateString('${EMPTY:?x}', ctx(VARS)).ok).toBe(false);
  });

  it.each(['${TAG', '$ 5', 'a$', '${1X}', '${TAG%%x}'])('rejects the malformed %s', (input) => {
    expect(interpolateString(input, ctx(VARS)).ok).toBe(false);
  });

  it('warns once per unset variable and substitutes a blank string', () => {
    const c = ctx();
    expect(interpolateString('$A-$A-${B}', c)).toEqual({ ok: true, value: '--' });
    expect(c.warnings.map((w) => w.message)).toEqual([
      'The "A" variable is not set. Defaulting to a blank string.',
      'The "B" variable is not set. Defaulting to a blank string.',
    ]);
  });
});

describe('interpolateValue', () => {
  it('substitutes values but not keys, and casts numbers and booleans where the spec wants them', () => {
    const r = interpolateValue(
      { services: { web: { image: 'app:$TAG', deploy: { replicas: '${N}' }, read_only: '${RO}', labels: { $TAG: '${N}' } } } },
      ctx({ TAG: 'v2', N: '3', RO: 'true' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ services: { web: { image: 'app:v2', deploy: { replicas: 3 }, read_only: true, labels: { $TAG: '3' } } } });
  });

  it('names the attribute in the invalid-format message', () => {
    const r = interpolateValue({ services: { web: { image: 'nginx:${TAG' } } }, ctx());
    expect(r.errors).toEqual([
      { path: ['services', 'web', 'image'], code: 'INTERPOLATION', message: 'invalid interpolation format for services.web.image.\nYou may need to escape any $ with another $.\nnginx:${TAG' },
    ]);
  });
});
