import { describe, expect, it } from 'vitest';
import { out, podNames, run, session, webSession } from './testing.ts';

describe('kubectl delete', () => {
  it('waits for a graceful pod deletion to finish before returning', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27', 'sleep 10s');
    const t0 = sh.world.clock.now();
    expect(out(sh, 'kubectl delete pod web')).toBe('pod "web" deleted\n');
    expect(sh.world.clock.now()).toBeGreaterThan(t0);
    expect(out(sh, 'kubectl get pod web')).toBe('Error from server (NotFound): pods "web" not found\n');
  });
  it.each([
    ['TYPE/NAME', 'kubectl delete svc/web', 'service "web" deleted\n'],
    ['-f', 'kubectl delete -f web.yaml', 'deployment.apps "web" deleted\nservice "web" deleted\n'],
    ['-l on a kind', 'kubectl delete deploy -l app=web', 'deployment.apps "web" deleted\n'],
    ['a missing object', 'kubectl delete pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['no name', 'kubectl delete pods', 'error: resource(s) were provided, but no name was specified\n'],
  ])('%s', (_, line, want) => expect(out(webSession(), line)).toBe(want));
  it('--force --grace-period=0 warns and deletes at once', () => {
    const sh = webSession();
    const pod = podNames(sh)[0]!;
    const t0 = sh.world.clock.now();
    expect(out(sh, `kubectl delete pod ${pod} --force --grace-period=0`)).toBe(
      `Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "${pod}" force deleted\n`,
    );
    expect(sh.world.clock.now()).toBe(t0);
  });
  it('--all deletes every pod of the namespace', () => {
    const sh = webSession();
    const names = podNames(sh);
    expect(out(sh, 'kubectl delete pods --all --now')).toBe(names.map((n) => `pod "${n}" deleted\n`).join(''));
  });
});
