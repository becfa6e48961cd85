import { describe, expect, it } from 'vitest';
import { transcript } from '../../headless.ts';
import { createSession } from '../../session.ts';

/**
 * `docker compose events` forwards every container event the daemon publishes for the project (compose
 * pkg/compose/events.go: all events of type "container", one-off containers skipped, compose labels dropped from the
 * attributes). What the daemon publishes (moby daemon/create.go "create", daemon/stop.go "kill" with the stop signal
 * then "stop" after the container died, daemon/kill.go "kill" with signal=9 for SIGKILL, daemon/delete.go "destroy";
 * the official nginx image's STOPSIGNAL is SIGQUIT, 3).
 */
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: redis:7\n';
const actions = (out: string) =>
  [...out.matchAll(/^\S+ \S+ container (\S+) [0-9a-f]{64} \(([^)]*)\)$/gm)].map((m) => `${m[1]} ${m[2]!.split(', ').filter((a) => /^(name|signal|exitCode)=/.test(a)).join(' ')}`);

describe('docker compose events', () => {
  it('up, stop, kill and down: create, start, kill (stop signal), die, stop, kill (signal=9), destroy', () => {
    const sh = createSession({ seed: 1, dir: 'shop', files: { 'compose.yaml': COMPOSE }, tty: { color: false, columns: 200 }, lang: 'en' });
    const out = transcript(sh, ['docker compose events &', 'docker compose up -d', 'sleep 2', 'docker compose stop web', 'docker compose kill db', 'docker compose down', 'kill %1']);
    expect(actions(out)).toEqual([
      'create name=shop-web-1',
      'create name=shop-db-1',
      'start name=shop-web-1',
      'start name=shop-db-1',
      'kill name=shop-web-1 signal=3',
      'die exitCode=0 name=shop-web-1',
      'stop name=shop-web-1',
      'kill name=shop-db-1 signal=9',
      'die exitCode=137 name=shop-db-1',
      'destroy name=shop-db-1',
      'destroy name=shop-web-1',
    ]);
  });

  it('a process that ignores SIGTERM gets a second kill, signal=9, at the end of the grace period', () => {
    const compose = 'services:\n  app:\n    image: busybox\n    command: ["sleep", "3600"]\n    stop_grace_period: 2s\n';
    const sh = createSession({ seed: 1, dir: 'shop', files: { 'compose.yaml': compose }, tty: { color: false, columns: 200 }, lang: 'en' });
    const out = transcript(sh, ['docker compose up -d', 'docker compose events &', 'docker compose stop', 'kill %1']);
    expect(actions(out)).toEqual(['kill name=shop-app-1 signal=15', 'kill name=shop-app-1 signal=9', 'die exitCode=137 name=shop-app-1', 'stop name=shop-app-1']);
  });
});
