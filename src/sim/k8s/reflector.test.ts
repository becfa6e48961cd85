import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.ts';
import type { Result } from '../errors.ts';
import { listAndWatch, reflectorBackoffMs, type ListerWatcher, type Reflector } from './reflector.ts';

/**
 * A scripted API: each list answers with the next outcome ('ok' or 'fail';
 * 'ok' once the script is used up), each 'ok' at a new resourceVersion.
 * Watches can be refused ('refuse' in the watch script), ended, or sent an
 * event. Everything the reflector asks and tells is logged with the clock's
 * time since the start.
 */
function harness(listScript: ('ok' | 'fail')[], watchScript: ('ok' | 'refuse')[] = [], withClock = true) {
  const clock = new VirtualClock(0);
  const log: string[] = [];
  let rv = 10;
  const watches: { rv: string; onEvent: (e: string) => void; onEnd: (m?: string) => void; stopped: boolean }[] = [];
  const lw: ListerWatcher<{ items: string[]; resourceVersion: string }, string> = {
    list: (): Result<{ items: string[]; resourceVersion: string }> => {
      const outcome = listScript.shift() ?? 'ok';
      log.push(`${clock.now()} list ${outcome}`);
      if (outcome === 'fail') return { ok: false, errors: [{ code: 'Unavailable', message: 'connection refused' }] };
      rv += 5;
      return { ok: true, value: { items: [`obj@${rv}`], resourceVersion: String(rv) } };
    },
    watch: (l, onEvent, onEnd) => {
      const w = { rv: l.resourceVersion, onEvent, onEnd, stopped: false };
      watches.push(w);
      log.push(`${clock.now()} watch from ${l.resourceVersion}`);
      if ((watchScript.shift() ?? 'ok') === 'refuse') onEnd('too old resource version');
      return () => {
        w.stopped = true;
      };
    },
  };
  const r: Reflector = listAndWatch(
    lw,
    {
      replace: (l, cause) => log.push(`${clock.now()} replace ${l.items.join(',')} (${cause ?? 'first'})`),
      event: (e) => log.push(`${clock.now()} event ${e}`),
      watching: (cause, opened) => log.push(`${clock.now()} watching ${opened ? 'open' : 'refused'} (${cause ?? 'first'})`),
      failed: (cause, message) => log.push(`${clock.now()} failed ${cause}: ${message}`),
    },
    withClock ? clock : undefined,
  );
  return { clock, log, watches, r };
}

describe('listAndWatch', () => {
  const b = reflectorBackoffMs;
  const cases: { name: string; run: () => { log: string[]; synced: boolean }; want: string[]; synced: boolean }[] = [
    {
      name: 'lists, replaces, then watches from the list resourceVersion',
      run: () => {
        const h = harness([]);
        return { log: h.log, synced: h.r.synced };
      },
      want: ['0 list ok', '0 replace obj@15 (first)', '0 watch from 15', '0 watching open (first)'],
      synced: true,
    },
    {
      name: 'a failed list is retried after 800 ms, then 1600 ms (doubling)',
      run: () => {
        const h = harness(['fail', 'fail']);
        h.clock.advance(b(0) + b(1));
        return { log: h.log, synced: h.r.synced };
      },
      want: [
        '0 list fail',
        '0 failed list: connection refused',
        '800 list fail',
        '800 failed list: connection refused',
        '2400 list ok',
        '2400 replace obj@15 (list)',
        '2400 watch from 15',
        '2400 watching open (list)',
      ],
      synced: true,
    },
    {
      name: 'a watch that ended: the old one is stopped, the relist watches from the new resourceVersion',
      run: () => {
        const h = harness([]);
        h.clock.advance(1000);
        h.watches[0]!.onEnd('410 Gone');
        // Late events of the ended watch are not the store's any more.
        h.watches[0]!.onEvent('late');
        h.log.push(`stopped old: ${h.watches[0]!.stopped}`);
        h.clock.advance(b(0));
        h.watches[1]!.onEvent('fresh');
        return { log: h.log, synced: h.r.synced };
      },
      want: [
        '0 list ok',
        '0 replace obj@15 (first)',
        '0 watch from 15',
        '0 watching open (first)',
        '1000 failed ended: 410 Gone',
        'stopped old: true',
        '1800 list ok',
        '1800 replace obj@20 (ended)',
        '1800 watch from 20',
        '1800 watching open (ended)',
        '1800 event fresh',
      ],
      synced: true,
    },
    {
      name: 'the back-off counts from the last successful list',
      run: () => {
        const h = harness(['fail', 'fail', 'ok']);
        h.clock.advance(b(0) + b(1));
        h.watches[0]!.onEnd();
        h.clock.advance(b(0));
        return { log: h.log.filter((l) => / list /.test(l)), synced: h.r.synced };
      },
      want: ['0 list fail', '800 list fail', '2400 list ok', '3200 list ok'],
      synced: true,
    },
    {
      name: 'a watch that cannot open goes to back-off like a failed list',
      run: () => {
        const h = harness([], ['refuse']);
        const synced = h.r.synced;
        h.clock.advance(b(0));
        return { log: h.log, synced: synced || h.r.error !== undefined };
      },
      want: [
        '0 list ok',
        '0 replace obj@15 (first)',
        '0 watch from 15',
        '0 failed watch: too old resource version',
        '0 watching refused (first)',
        '800 list ok',
        '800 replace obj@20 (watch)',
        '800 watch from 20',
        '800 watching open (watch)',
      ],
      synced: false,
    },
    {
      name: 'stopped during the back-off: no list, no watch, no timer left',
      run: () => {
        const h = harness(['fail']);
        h.r.stop();
        h.r.stop();
        h.clock.advance(60_000);
        h.log.push(`timers ${h.clock.pending()}`);
        return { log: h.log, synced: h.r.synced };
      },
      want: ['0 list fail', '0 failed list: connection refused', 'timers 0'],
      synced: false,
    },
    {
      name: 'stopped while watching: the watch is stopped and its events and end ignored',
      run: () => {
        const h = harness([]);
        h.r.stop();
        h.watches[0]!.onEvent('after stop');
        h.watches[0]!.onEnd();
        h.clock.advance(60_000);
        h.log.push(`stopped: ${h.watches[0]!.stopped}`);
        return { log: h.log, synced: h.r.synced };
      },
      want: ['0 list ok', '0 replace obj@15 (first)', '0 watch from 15', '0 watching open (first)', 'stopped: true'],
      synced: false,
    },
    {
      name: 'without a clock a failed list is not retried',
      run: () => {
        const h = harness(['fail'], [], false);
        h.clock.advance(60_000);
        return { log: h.log, synced: h.r.synced };
      },
      want: ['0 list fail', '0 failed list: connection refused'],
      synced: false,
    },
  ];
  it.each(cases)('$name', ({ run, want, synced }) => {
    const got = run();
    expect(got.log).toEqual(want);
    expect(got.synced).toBe(synced);
  });

  it('reports the first failure to a caller that wants it (kube-scheduler start)', () => {
    const h = harness(['fail']);
    expect(h.r.error).toBe('connection refused');
    h.clock.advance(b(0));
    expect(h.r.error).toBeUndefined();
  });
});
