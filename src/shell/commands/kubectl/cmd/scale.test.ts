import { describe, expect, it } from 'vitest';
import { out, run, webSession } from './testing.ts';

describe('kubectl scale', () => {
  it.each([
    ['TYPE NAME', 'kubectl scale deploy web --replicas=1', 'deployment.apps/web scaled\n'],
    ['TYPE/NAME', 'kubectl scale deployment/web --replicas=5', 'deployment.apps/web scaled\n'],
    ['no --replicas', 'kubectl scale deploy web', 'error: required flag(s) "replicas" not set\n'],
    ['a missing object', 'kubectl scale deploy nope --replicas=1', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ])('%s', (_, line, want) => expect(out(webSession(), line)).toBe(want));
  it('the controller follows the new count', () => {
    const sh = webSession();
    run(sh, 'kubectl scale deploy web --replicas=1', 'sleep 20s');
    expect(out(sh, 'kubectl get deploy web --no-headers')).toMatch(/^web\s+1\/1/);
  });
});
