import { describe, expect, it } from 'vitest';
import { parsePortObject, parsePortSpec } from './ports.ts';

describe('parsePortSpec', () => {
  it.each([
    ['80', [{ target: 80, protocol: 'tcp' }]],
    ['8080:80', [{ target: 80, published: 8080, protocol: 'tcp' }]],
    ['127.0.0.1:8080:80', [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }]],
    ['127.0.0.1:8080:80/udp', [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'udp' }]],
    ['127.0.0.1::5000', [{ target: 5000, hostIp: '127.0.0.1', protocol: 'tcp' }]],
    ['[::1]:6001:6001', [{ target: 6001, published: 6001, hostIp: '::1', protocol: 'tcp' }]],
    ['53:53/udp', [{ target: 53, published: 53, protocol: 'udp' }]],
    [
      '9090-9091:8080-8081',
      [
        { target: 8080, published: 9090, protocol: 'tcp' },
        { target: 8081, published: 9091, protocol: 'tcp' },
      ],
    ],
  ])('%s', (spec, want) => {
    expect(parsePortSpec(spec)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['80:abc', 'invalid containerPort: abc'],
    ['x:80', 'invalid hostPort: x'],
    ['80/xyz', 'invalid proto: xyz'],
    ['70000', 'invalid containerPort: 70000'],
    ['8000-8010:80', 'port ranges that do not match are not simulated: 8000-8010:80'],
    ['1000-2000:1000-2000', 'port ranges longer than 100 ports are not simulated: 1000-2000:1000-2000'],
    ['1:2:3:4', 'invalid port format: 1:2:3:4'],
  ])('%s is refused: %s', (spec, error) => {
    expect(parsePortSpec(spec)).toEqual({ ok: false, error });
  });
});

describe('parsePortObject', () => {
  it('reads the long syntax with a string published port', () => {
    expect(parsePortObject({ target: 80, published: '8080', host_ip: '0.0.0.0', protocol: 'tcp' })).toEqual({
      ok: true,
      value: [{ target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }],
    });
    expect(parsePortObject({ target: 443 })).toEqual({ ok: true, value: [{ target: 443, protocol: 'tcp' }] });
    expect(parsePortObject({ target: 80, protocol: 'icmp' })).toEqual({ ok: false, error: 'invalid proto: icmp' });
  });
});
