import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../testing/golden.ts';
import { createEtcdClient, getEtcdCluster } from '../../sim/k8s/etcd/index.ts';
import { transcript } from '../headless.ts';
import { createSession } from '../session.ts';
import type { Shell } from '../shell.ts';

const golden = (name: string) => new URL(`./testdata/etcdctl/${name}.golden`, import.meta.url).pathname;

const SEED = `etcdctl put /registry/pods/default/web-1 '{"kind":"Pod"}'
etcdctl put /registry/pods/default/web-2 '{"kind":"Pod"}'
etcdctl put /registry/minions/kind-worker '{"kind":"Node"}'
`;

/** A bare etcd (no cluster writing to it), so the keys and revisions below are only these. */
function session(): Shell {
  const sh = createSession({ seed: 7, lang: 'en', tty: { color: false } });
  getEtcdCluster(sh.world);
  transcript(sh, SEED, {});
  return sh;
}

/** Stops every member but the one behind 127.0.0.1:2379 and lets the leader notice. */
function loseQuorum(sh: Shell): void {
  const c = getEtcdCluster(sh.world);
  for (const m of c.members().slice(1)) c.stopMember(m.name);
  sh.world.clock.advance(2000);
}

describe('etcdctl golden output', () => {
  it.each([
    ['get-prefix-keys-only', 'etcdctl get /registry --prefix --keys-only'],
    ['get-json', 'etcdctl get /registry/pods/default/web-1 -w json'],
    ['endpoint-status-table', 'etcdctl endpoint status --cluster -w table'],
    ['member-list-table', 'etcdctl member list -w table'],
  ])('%s', (name, cmd) => {
    expectGolden(golden(name), transcript(session(), cmd, { echo: true }));
  });

  it.each([
    ['endpoint-status-no-quorum', 'etcdctl endpoint status --cluster -w table'],
    ['endpoint-health-failing', 'etcdctl endpoint health --cluster'],
    ['put-get-no-quorum', 'etcdctl put /k v\netcdctl get /registry/minions/kind-worker\netcdctl get /registry/minions/kind-worker --consistency=s'],
  ])('%s', (name, cmd) => {
    const sh = session();
    loseQuorum(sh);
    expectGolden(golden(name), transcript(sh, cmd, { echo: true }));
  });
});

describe('etcdctl behaviour', () => {
  const run = (sh: Shell, cmd: string) => transcript(sh, cmd, { echo: false });

  it.each([
    ['plain get prints key then value', 'etcdctl get /registry/minions/kind-worker', '/registry/minions/kind-worker\n{"kind":"Node"}\n'],
    ['a missing key prints nothing and exits 0', 'etcdctl get /nope\necho $?', '0\n'],
    ['put prints OK', 'etcdctl put /a b', 'OK\n'],
    ['del prints how many were deleted', 'etcdctl del /registry/pods --prefix', '2\n'],
    ['--limit keeps the first keys', 'etcdctl get /registry --prefix --keys-only --limit 1', '/registry/minions/kind-worker\n\n'],
    ['get at an older revision', 'etcdctl put /registry/minions/kind-worker changed\netcdctl get /registry/minions/kind-worker --rev 4 --print-value-only', 'OK\n{"kind":"Node"}\n'],
    // kubeadm's etcd for Kubernetes 1.33 (registry.k8s.io/etcd:3.5.21-0), the one the etcd pod runs.
    ['version', 'etcdctl version', 'etcdctl version: 3.5.21\nAPI version: 3.5\n'],
    ['get needs a key', 'etcdctl get', 'Error: get command needs one argument as key and an optional argument as range_end\n'],
    ['put needs a value', 'etcdctl put /a', 'Error: put command needs 1 argument and input from stdin or 2 arguments\n'],
    ['unknown flag', 'etcdctl get /a --bogus', 'Error: unknown flag: --bogus\n'],
    ['bad consistency', 'etcdctl get /a --consistency=x', 'Error: unknown consistency flag "x"\n'],
    ['table output for get', 'etcdctl get /a -w table', 'Error: table not supported as output format\n'],
    ['compacted revision', 'etcdctl compaction 4\netcdctl get /registry --prefix --rev 3', 'compacted revision 4\nError: etcdserver: mvcc: required revision has been compacted\n'],
    ['future revision', 'etcdctl get /a --rev 99', 'Error: etcdserver: mvcc: required revision is a future revision\n'],
  ])('%s', (_, cmd, want) => {
    expect(run(session(), cmd)).toBe(want);
  });

  it('exit codes follow etcdctl: 1 for errors, 128 for bad arguments', () => {
    const sh = session();
    for (const [cmd, code] of [
      ['etcdctl get', 128],
      ['etcdctl get /a -w table', 4],
      ['etcdctl get /a --rev 99', 1],
      ['etcdctl get /a', 0],
    ] as const) {
      run(sh, `${cmd} 2>/dev/null`);
      expect(sh.lastExit, cmd).toBe(code);
    }
  });

  it('watch prints history and live events in PUT/key/value form until Ctrl-C', () => {
    const sh = session();
    const out: string[] = [];
    const w = { write: (s: string) => out.push(s) };
    let code = -1;
    sh.run('etcdctl watch /registry/minions --prefix --rev 4', { stdout: w, stderr: w }, (c) => (code = c));
    // A write from another client (the API server) shows up at once.
    const client = createEtcdClient(getEtcdCluster(sh.world));
    client.put('/registry/minions/kind-worker2', 'n2');
    client.delete('/registry/minions/kind-worker');
    expect(out.join('')).toBe('PUT\n/registry/minions/kind-worker\n{"kind":"Node"}\nPUT\n/registry/minions/kind-worker2\nn2\nDELETE\n/registry/minions/kind-worker\n\n');
    expect(code).toBe(-1);
    sh.interrupt();
    expect(code).toBe(130);
  });

  it('a put without quorum waits the 5 s command timeout in virtual time', () => {
    const sh = session();
    loseQuorum(sh);
    const start = sh.world.clock.now();
    run(sh, 'etcdctl put /k v 2>/dev/null');
    expect(sh.lastExit).toBe(1);
    // etcdctl's --command-timeout default: 5 s, then it gives up.
    expect(sh.world.clock.now() - start).toBe(5000);
  });

  it('a put right after the leader stops succeeds once a new leader is elected', () => {
    const sh = session();
    const c = getEtcdCluster(sh.world);
    c.stopMember(c.leader()!.name);
    expect(run(sh, 'etcdctl put /k v')).toBe('OK\n');
    expect(c.leader()).toBeDefined();
  });
});
