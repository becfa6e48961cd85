import { describe, expect, it } from 'vitest';
import { resolveName } from './dns.ts';

const services = [
  { namespace: 'default', name: 'web', clusterIP: '10.96.12.34' },
  { namespace: 'shop', name: 'web', clusterIP: '10.96.50.1' },
];

describe('cluster DNS names', () => {
  it.each([
    ['web', 'default', '10.96.12.34', 'web.default.svc.cluster.local'],
    ['web', 'shop', '10.96.50.1', 'web.shop.svc.cluster.local'],
    ['web.default', 'shop', '10.96.12.34', 'web.default.svc.cluster.local'],
    ['web.default.svc', 'shop', '10.96.12.34', 'web.default.svc.cluster.local'],
    ['web.default.svc.cluster.local', 'shop', '10.96.12.34', 'web.default.svc.cluster.local'],
    ['10-244-1-5.default.pod.cluster.local', 'default', '10.244.1.5', '10-244-1-5.default.pod.cluster.local'],
  ])('%s from namespace %s -> %s', (name, ns, ip, fqdn) => expect(resolveName(name, ns, services)).toEqual({ ok: true, ip, fqdn }));

  it.each([['nope'], ['web.nowhere'], ['web.default.svc.cluster.example']])('%s is NXDOMAIN with curl\'s wording', (name) => {
    expect(resolveName(name, 'default', services)).toEqual({ ok: false, error: `curl: (6) Could not resolve host: ${name}` });
  });
});
