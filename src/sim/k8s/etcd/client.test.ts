import { describe, expect, it } from 'vitest';
import { World } from '../../world.ts';
import { createEtcdClient, getEtcdCluster } from './index.ts';
import type { WatchEvent } from './types.ts';

const setup = (seed = 1) => {
  const world = new World({ seed });
  const cluster = getEtcdCluster(world);
  return { world, cluster, client: createEtcdClient(cluster) };
};

describe('createEtcdClient on a healthy cluster', () => {
  it('one world has one cluster', () => {
    const world = new World({ seed: 3 });
    expect(getEtcdCluster(world)).toBe(getEtcdCluster(world));
  });

  it('put, range, delete with headers carrying the revision and raft term', () => {
    const { client, cluster } = setup();
    const put = client.put('/registry/pods/default/web-1', '{"kind":"Pod"}');
    expect(put).toMatchObject({ ok: true, header: { revision: 2, raftTerm: 2, clusterId: cluster.clusterId } });
    const got = client.range('/registry/pods/', { prefix: true });
    expect(got.ok && got.value.kvs.map((kv) => kv.value)).toEqual(['{"kind":"Pod"}']);
    expect(client.delete('/registry/pods/', { prefix: true })).toMatchObject({ ok: true, value: { deleted: 1 }, header: { revision: 3 } });
  });

  it('txn create-if-absent succeeds once', () => {
    const { client } = setup();
    const create = () => client.txn([{ key: '/k', target: 'create', result: '=', value: 0 }], [{ type: 'put', key: '/k', value: 'v' }]);
    expect(create()).toMatchObject({ ok: true, value: { succeeded: true } });
    expect(create()).toMatchObject({ ok: true, value: { succeeded: false } });
  });

  it('watch replays history and then delivers live events, once each', () => {
    const { client } = setup();
    client.put('/a', '1');
    const seen: WatchEvent[] = [];
    client.watch('/', { prefix: true, startRevision: 2 }, (evs) => seen.push(...evs));
    client.put('/b', '2');
    expect(seen.map((e) => `${e.type} ${e.kv.key} ${e.kv.modRevision}`)).toEqual(['PUT /a 2', 'PUT /b 3']);
  });

  it('compaction through the client makes old reads fail', () => {
    const { client } = setup();
    client.put('/a', '1');
    client.put('/a', '2');
    expect(client.compact(3)).toMatchObject({ ok: true, value: { revision: 3 } });
    expect(client.range('/a', { revision: 2 })).toMatchObject({ ok: false, error: { code: 'Compacted' } });
  });

  it('onCommit traces every committed write', () => {
    const { client, cluster } = setup();
    const seen: string[] = [];
    cluster.onCommit((t) => seen.push(`${t.op} ${t.key} rev=${t.revision} members=${t.memberCount}`));
    client.put('/a', '1');
    client.delete('/a');
    expect(seen).toEqual(['put /a rev=2 members=3', 'delete /a rev=3 members=3']);
  });
});
