import { describe, expect, it } from 'vitest';
import { World } from '../world.ts';
import type { Event } from './api/types.ts';
import { getCluster } from './cluster.ts';
import { EventRecorder, MAX_LRU_CACHE_ENTRIES } from './events.ts';

describe('EventRecorder', () => {
  it('correlates repeats like client-go, remembering the last 4096 events (an LRU), not every event ever', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    world.clock.advance(10_000);
    const api = c.api.as('test');
    const rec = new EventRecorder(world, api);
    const say = (i: number) =>
      rec.record({ involvedObject: { kind: 'Pod', name: `p${i}`, namespace: 'default', uid: `u${i}` }, type: 'Normal', reason: 'Pulled', message: 'x', source: { component: 'kubelet' } });
    const counts = (i: number) => {
      const r = api.list<Event>('events', 'default');
      return r.ok ? r.value.items.filter((e) => e.involvedObject.name === `p${i}`).map((e) => e.count ?? 0).sort() : [];
    };
    say(0);
    say(0);
    expect(counts(0)).toEqual([2]);
    for (let i = 1; i <= MAX_LRU_CACHE_ENTRIES; i++) say(i);
    // p0 fell out of the cache: its repeat is a new Event; the most recent ones still count up.
    say(0);
    expect(counts(0)).toEqual([1, 2]);
    say(MAX_LRU_CACHE_ENTRIES);
    expect(counts(MAX_LRU_CACHE_ENTRIES)).toEqual([2]);
  });
});
