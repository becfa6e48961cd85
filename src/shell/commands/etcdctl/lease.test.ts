import { describe, expect, it } from 'vitest';
import { getEtcdCluster } from '../../../sim/k8s/etcd/index.ts';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';
import type { Shell } from '../../shell.ts';

/**
 * etcdctl lease, checked against etcd's ctlv3/command/lease_command.go and
 * printer_simple.go (v3.4/3.5): "lease %016x granted with TTL(%ds)",
 * "lease %016x revoked", "lease %016x granted with TTL(%ds), remaining(%ds)[, attached keys(%v)]",
 * "lease %016x already expired", "found %d leases" + "%016x" lines,
 * "lease %016x keepalived with TTL(%d)", "lease %016x expired or revoked.";
 * server/lease/lessor.go: TTL raised to minLeaseTTL (ceil(1.5 s) = 2 s with
 * the default 100 ms heartbeat and 10 election ticks), a revoke deletes the
 * attached keys, a new leader extends every lease (Promote).
 */
/** A bare etcd (etcdctl boots the cluster only in a world without one), so the keys are only the test's own. */
const session = () => {
  const sh = createSession({ seed: 11, lang: 'en', tty: { color: false } });
  getEtcdCluster(sh.world);
  return sh;
};
const out = (sh: Shell, line: string) => transcript(sh, [line], { echo: false });
const grant = (sh: Shell, ttl: number) => /^lease ([0-9a-f]{16}) granted with TTL\((\d+)s\)\n$/.exec(out(sh, `etcdctl lease grant ${ttl}`))!;

describe('etcdctl lease', () => {
  it('grant prints a 16-hex-digit ID and the TTL; the minimum TTL is 2 s', () => {
    const sh = session();
    const [, id, ttl] = grant(sh, 60);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(ttl).toBe('60');
    expect(grant(sh, 1)[2]).toBe('2');
    expect(out(sh, 'etcdctl lease list')).toMatch(new RegExp(`^found 2 leases\\n${id}\\n[0-9a-f]{16}\\n$`));
  });

  it('keys put with --lease vanish when the TTL runs out on the virtual clock', () => {
    const sh = session();
    const [, id] = grant(sh, 10);
    expect(out(sh, `etcdctl put /session/a on --lease=${id}`)).toBe('OK\n');
    expect(out(sh, `etcdctl lease timetolive ${id} --keys`)).toBe(`lease ${id} granted with TTL(10s), remaining(10s), attached keys([/session/a])\n`);
    sh.world.clock.advance(4000);
    expect(out(sh, `etcdctl lease timetolive ${id}`)).toBe(`lease ${id} granted with TTL(10s), remaining(6s)\n`);
    expect(out(sh, 'etcdctl get /session/a')).toBe('/session/a\non\n');
    sh.world.clock.advance(6000);
    expect(out(sh, 'etcdctl get /session/a')).toBe('');
    expect(out(sh, `etcdctl lease timetolive ${id}`)).toBe(`lease ${id} already expired\n`);
    expect(out(sh, 'etcdctl lease list')).toBe('found 0 leases\n');
  });

  it('the lease shows in get -w json as an int64 and the expiry is a watched DELETE', () => {
    const sh = session();
    const [, id] = grant(sh, 5);
    out(sh, `etcdctl put /k v --lease=${id}`);
    expect(out(sh, 'etcdctl get /k -w json')).toContain(`"lease":${BigInt('0x' + id!).toString()}`);
    let seen = '';
    sh.run('etcdctl watch /k', { stdout: { write: (s) => (seen += s) }, stderr: { write: (s) => (seen += s) } });
    sh.world.clock.advance(6000);
    expect(seen).toBe('DELETE\n/k\n\n');
    sh.interrupt();
  });

  it('revoke deletes the attached keys at once; a second revoke fails as etcdctl words it', () => {
    const sh = session();
    const [, id] = grant(sh, 600);
    out(sh, `etcdctl put /x 1 --lease=${id}`);
    out(sh, `etcdctl put /y 2 --lease=${id}`);
    expect(out(sh, `etcdctl lease revoke ${id}`)).toBe(`lease ${id} revoked\n`);
    expect(out(sh, 'etcdctl get / --prefix --keys-only')).toBe('');
    expect(out(sh, `etcdctl lease revoke ${id}`)).toBe('Error: failed to revoke lease (etcdserver: requested lease not found)\n\n');
    expect(sh.lastExit).toBe(1);
  });

  it('keep-alive renews at once and every TTL/3 until Ctrl-C; the keys outlive the TTL', () => {
    const sh = session();
    const [, id] = grant(sh, 6);
    out(sh, `etcdctl put /alive yes --lease=${id}`);
    const t = transcript(sh, [`etcdctl lease keep-alive ${id}`], { echo: false, followMs: 10_000 });
    expect(t).toBe(`lease ${id} keepalived with TTL(6)\n`.repeat(6) + '^C');
    expect(out(sh, 'etcdctl get /alive --print-value-only')).toBe('yes\n');
    expect(out(sh, `etcdctl lease keep-alive --once ${id}`)).toBe(`lease ${id} keepalived with TTL(6)\n`);
    expect(out(sh, 'etcdctl lease keep-alive 1')).toBe('lease 0000000000000001 expired or revoked.\n');
  });

  it('a new leader gives every lease its full TTL again (lessor Promote)', () => {
    const sh = session();
    const c = getEtcdCluster(sh.world);
    const [, id] = grant(sh, 10);
    sh.world.clock.advance(8000);
    const leader = c.leader()!;
    c.stopMember(leader.name);
    sh.world.clock.advance(3000); // an election takes 1-2 s
    expect(c.leader()).toBeDefined();
    expect(out(sh, `etcdctl --endpoints=${c.members().find((m) => m.name !== leader.name)!.clientURL.replace('http://', '')} lease timetolive ${id}`)).toMatch(/remaining\((8|9)s\)/);
  });

  it.each([
    ['etcdctl lease grant', 'Error: lease grant command needs TTL argument\n'],
    ['etcdctl lease grant ten', 'Error: bad TTL (strconv.ParseInt: parsing "ten": invalid syntax)\n'],
    ['etcdctl lease revoke', 'Error: lease revoke command needs 1 argument\n'],
    ['etcdctl lease revoke xyz', 'Error: bad lease ID arg (strconv.ParseInt: parsing "xyz": invalid syntax), expecting ID in Hex\n'],
    ['etcdctl lease timetolive', 'Error: lease timetolive command needs lease ID as argument\n'],
    ['etcdctl lease keep-alive', 'Error: lease keep-alive command needs lease ID as argument\n'],
    ['etcdctl put /k v --lease=zz', 'Error: bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex\n'],
    ['etcdctl put /k v --lease=1234', 'Error: etcdserver: requested lease not found\n'],
  ])('%s', (line, want) => {
    expect(out(session(), line)).toBe(want);
  });

  it.each(['snapshot save x.db', 'defrag', 'alarm list', 'lock mylock', 'txn', 'user list'])('etcdctl %s is a real command: not simulated here, never unknown', (rest) => {
    expect(out(session(), `etcdctl ${rest}`)).toBe(`etcdctl ${rest.split(' ')[0]}: not simulated here (real etcdctl has it)\n`);
  });
});
