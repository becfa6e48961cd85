import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WatchHub } from './watch.ts';
import { keyRange, inRange, type KeyRange } from './range.ts';
import type { WatchEvent } from './types.ts';

const ev = (key: string, rev: number): WatchEvent => ({ type: 'PUT', kv: { key, value: 'v', createRevision: rev, modRevision: rev, version: 1 } });
const noHistory = () => ({ ok: true as const, events: [] });

describe('WatchHub', () => {
  it('dispatches by key range: a prefix watcher sees only its prefix, a key watcher only its key', () => {
    const hub = new WatchHub();
    const got: string[] = [];
    hub.add(keyRange('/registry/pods/', { prefix: true }), undefined, 1, noHistory, (es) => got.push(`pods:${es.map((e) => e.kv.key).join()}`));
    hub.add(keyRange('/registry/nodes/n1'), undefined, 1, noHistory, (es) => got.push(`n1:${es.map((e) => e.kv.key).join()}`));
    hub.publish([ev('/registry/pods/default/a', 2)]);
    hub.publish([ev('/registry/nodes/n1', 3)]);
    hub.publish([ev('/registry/nodes/n2', 4)]);
    expect(got).toEqual(['pods:/registry/pods/default/a', 'n1:/registry/nodes/n1']);
  });

  it('cancel removes the watcher; size counts live ones', () => {
    const hub = new WatchHub();
    let n = 0;
    const stop = hub.add(keyRange('/a/', { prefix: true }), undefined, 1, noHistory, () => n++);
    hub.add(keyRange('/a/', { prefix: true }), undefined, 1, noHistory, () => {});
    expect(hub.size).toBe(2);
    stop();
    stop();
    expect(hub.size).toBe(1);
    hub.publish([ev('/a/x', 2)]);
    expect(n).toBe(0);
  });

  it('matches a scan of every watcher, in registration order (random ranges and events)', () => {
    const keys = ['/a', '/a/1', '/a/2', '/b/1', '/b/2', '/c'];
    const ranges: KeyRange[] = [keyRange('/a/', { prefix: true }), keyRange('/b/', { prefix: true }), keyRange('/', { prefix: true }), keyRange('/a/1'), keyRange('/c'), keyRange('/a', { rangeEnd: '/b/2' })];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: ranges.length - 1 }), { minLength: 1, maxLength: 12 }), fc.array(fc.subarray(keys, { minLength: 1 }), { maxLength: 10 }), (picks, batches) => {
        const hub = new WatchHub();
        const got: string[] = [];
        picks.forEach((r, i) => hub.add(ranges[r]!, undefined, 1, noHistory, (es) => got.push(`${i}@${es[0]!.kv.modRevision}:${es.map((e) => e.kv.key).join()}`)));
        const want: string[] = [];
        batches.forEach((ks, b) => {
          const rev = b + 2;
          hub.publish(ks.map((k) => ev(k, rev)));
          picks.forEach((r, i) => {
            const mine = ks.filter((k) => inRange(ranges[r]!, k));
            if (mine.length) want.push(`${i}@${rev}:${mine.join()}`);
          });
        });
        expect(got).toEqual(want);
      }),
    );
  });
});
