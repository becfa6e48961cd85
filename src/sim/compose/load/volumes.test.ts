import { describe, expect, it } from 'vitest';
import { parseVolumeObject, parseVolumeSpec } from './volumes.ts';

const DIR = '/home/learner/shop';

describe('parseVolumeSpec', () => {
  it.each([
    ['db-data:/var/lib/postgresql/data', { type: 'volume', source: 'db-data', target: '/var/lib/postgresql/data', readOnly: false }],
    ['./html:/usr/share/nginx/html:ro', { type: 'bind', source: '/home/learner/shop/html', target: '/usr/share/nginx/html', readOnly: true }],
    ['../shared:/shared', { type: 'bind', source: '/home/learner/shared', target: '/shared', readOnly: false }],
    ['/var/run/docker.sock:/var/run/docker.sock', { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false }],
    ['~/.ssh:/root/.ssh:ro,z', { type: 'bind', source: '/home/learner/.ssh', target: '/root/.ssh', readOnly: true }],
    ['/cache', { type: 'volume', target: '/cache', readOnly: false }],
    ['logs:/var/log:rw', { type: 'volume', source: 'logs', target: '/var/log', readOnly: false }],
  ])('%s', (spec, want) => {
    expect(parseVolumeSpec(spec, DIR)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['data:/x:bogus', 'invalid mode: bogus'],
    ['a:b:c:d', 'invalid spec: a:b:c:d: too many colons'],
    ['relative', "invalid volume specification: 'relative'"],
  ])('%s is refused', (spec, error) => {
    expect(parseVolumeSpec(spec, DIR)).toEqual({ ok: false, error });
  });
});

describe('parseVolumeObject', () => {
  it('resolves bind sources and keeps volume names', () => {
    expect(parseVolumeObject({ type: 'bind', source: './conf', target: '/etc/app', read_only: true }, DIR)).toEqual({
      ok: true,
      value: { type: 'bind', source: '/home/learner/shop/conf', target: '/etc/app', readOnly: true },
    });
    expect(parseVolumeObject({ type: 'volume', source: 'data', target: '/data' }, DIR)).toEqual({ ok: true, value: { type: 'volume', source: 'data', target: '/data', readOnly: false } });
    expect(parseVolumeObject({ type: 'tmpfs', target: '/tmp' }, DIR)).toEqual({ ok: true, value: { type: 'tmpfs', target: '/tmp', readOnly: false } });
    expect(parseVolumeObject({ type: 'npipe', source: 'x', target: '/x' }, DIR).ok).toBe(false);
  });
});
