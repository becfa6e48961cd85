import { describe, expect, it } from 'vitest';
import { World } from '../world.ts';
import type { Event } from './api/types.ts';
import { getCluster } from './cluster.ts';
import { EventRecorder, MAX_LRU_CACHE_ENTRIES } from './events.ts';

/** A booted cluster, and a recorder writing through the API server as 'test'. */
function setup() {
  const world = new World({ seed: 1 });
  const c = getCluster(world);
  world.clock.advance(10_000);
  const api = c.api.as('test');
  return { api, rec: new EventRecorder(world, api) };
}

describe('EventRecorder', () => {
  it('correlates repeats like client-go, remembering the last 4096 events (an LRU), not every event ever', () => {
    const { api, rec } = setup();
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

  it('counts up only the same object, field path, reason and message; recorded and correlated events stay apart', () => {
    const { api, rec } = setup();
    let n = 0;
    const io = (name: string, fieldPath?: string) => ({ kind: 'Pod', name, namespace: 'default', uid: `uid-${name}`, ...(fieldPath ? { fieldPath } : {}) });
    const whole = (o: Event['involvedObject'], reason: string, message: string): Event => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name: `${o.name}.${n++}`, namespace: 'default' }, involvedObject: o, reason, message, type: 'Normal', source: { component: 'kubelet', host: 'n1' }, count: 1,
    });
    rec.correlate(whole(io('a', 'spec.containers{x}'), 'Pulled', 'm'));
    rec.correlate(whole(io('a', 'spec.containers{x}'), 'Pulled', 'm'));
    rec.correlate(whole(io('a', 'spec.containers{y}'), 'Pulled', 'm'));
    rec.correlate(whole(io('a', 'spec.containers{x}'), 'Pulled', 'other'));
    rec.correlate(whole(io('a', 'spec.containers{x}'), 'Created', 'm'));
    rec.correlate(whole(io('b', 'spec.containers{x}'), 'Pulled', 'm'));
    rec.record({ involvedObject: io('a', 'spec.containers{x}'), type: 'Normal', reason: 'Pulled', message: 'm', source: { component: 'kubelet', host: 'n1' } });
    rec.record({ involvedObject: io('a', 'spec.containers{z}'), type: 'Normal', reason: 'Pulled', message: 'm', source: { component: 'kubelet', host: 'n1' } });
    const r = api.list<Event>('events', 'default');
    const seen = r.ok ? r.value.items.filter((e) => e.involvedObject.kind === 'Pod').map((e) => `${e.involvedObject.name} ${e.involvedObject.fieldPath ?? ''} ${e.reason} ${e.message} x${e.count}`).sort() : [];
    expect(seen).toEqual([
      'a spec.containers{x} Created m x1',
      // Correlated twice; recorded once, then again for another container: record() leaves the field path out.
      'a spec.containers{x} Pulled m x2',
      'a spec.containers{x} Pulled m x2',
      'a spec.containers{x} Pulled other x1',
      'a spec.containers{y} Pulled m x1',
      'b spec.containers{x} Pulled m x1',
    ]);
  });

  it('forgets the least recently counted event of one object among many of its own', () => {
    const { api, rec } = setup();
    const say = (m: string) => rec.record({ involvedObject: { kind: 'Pod', name: 'one', namespace: 'default', uid: 'u1' }, type: 'Warning', reason: 'BackOff', message: m, source: { component: 'kubelet' } });
    const counts = (m: string) => {
      const r = api.list<Event>('events', 'default');
      return r.ok ? r.value.items.filter((e) => e.message === m).map((e) => e.count ?? 0).sort() : [];
    };
    for (let i = 0; i < MAX_LRU_CACHE_ENTRIES; i++) say(`m${i}`);
    // m1 counted again: now m0 and then m2 are the least recent.
    say('m1');
    say('new-1');
    say('new-2');
    say('m0');
    say('m1');
    say('m2');
    // Each of those three came back as a new Event and pushed out m3, m4, m5 in turn; m6 is still counted.
    say('m3');
    say('m6');
    expect([counts('m0'), counts('m1'), counts('m2'), counts('m3'), counts('m6')]).toEqual([[1, 1], [3], [1, 1], [1, 1], [2]]);
  });
});
