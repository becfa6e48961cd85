import { describe, expect, it } from 'vitest';
import { podTemplateHash, safeEncode } from './hash.ts';
import { template } from './testing/objects.ts';

describe('pod-template-hash', () => {
  it.each([
    { s: '0123456789', want: '456789bcdf' },
    { s: '', want: '' },
  ])('safe-encodes $s like rand.SafeEncodeString', ({ s, want }) => {
    expect(safeEncode(s)).toBe(want);
  });

  it('is stable, key-order independent and uses only the safe alphabet', () => {
    const a = template({ app: 'web', tier: 'fe' });
    const b = { spec: a.spec, metadata: { labels: { tier: 'fe', app: 'web' } } };
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    expect(podTemplateHash(a)).toMatch(/^[456789bcdf]{6,10}$/);
  });

  it.each([
    { what: 'image', b: template({ app: 'web' }, 'nginx:1.28') },
    { what: 'labels', b: template({ app: 'api' }) },
  ])('changes when the $what changes', ({ b }) => {
    expect(podTemplateHash(template({ app: 'web' }))).not.toBe(podTemplateHash(b));
  });

  it('moves on with the collision count', () => {
    const t = template();
    expect(podTemplateHash(t, 1)).not.toBe(podTemplateHash(t, 0));
  });
});
