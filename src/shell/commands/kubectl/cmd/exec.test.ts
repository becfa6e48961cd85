import { describe, expect, it } from 'vitest';
import { out, podNames, webSession } from './testing.ts';

describe('kubectl exec', () => {
  const sh = webSession();
  const pod = podNames(sh)[0]!;
  it.each([
    ['a command', `kubectl exec ${pod} -- hostname`, `${pod}\n`],
    ['-it accepted', `kubectl exec -it ${pod} -- hostname`, `${pod}\n`],
    ['a deployment', 'kubectl exec deploy/web -- hostname', `Found 3 pods, using pod/${pod}\n${pod}\n`],
    ['a missing pod', 'kubectl exec nope -- ls', 'Error from server (NotFound): pods "nope" not found\n'],
    // The API server's validateContainer (registry/core/pod/strategy.go); output as quoted in kubernetes/kubectl#1768.
    ['a missing container', `kubectl exec ${pod} -c zz -- ls`, `Error from server (BadRequest): container zz is not valid for pod ${pod}\n`],
    ['no command', `kubectl exec ${pod}`, 'error: you must specify at least one command for the container\n'],
  ])('%s', (_, line, want) => expect(out(sh, line)).toBe(want));
});
