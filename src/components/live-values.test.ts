import { describe, expect, it } from 'vitest';
import { transcript } from '../shell/headless.ts';
import { createSession } from '../shell/session.ts';
import { k8sDemo } from '../lessons/scenarios.ts';
import { liveValue } from './live-values.ts';

describe('placeholder values from the live session', () => {
  it('a pod, a worker node, the deployment; nothing for an unknown kind of placeholder', () => {
    const sh = createSession({ seed: 1, dir: k8sDemo.dir, files: k8sDemo.files, boot: ['k8s'] });
    transcript(sh, ['kubectl apply -f web.yaml', 'sleep 30s'], {});
    expect(liveValue(sh.world, '<pod name>')).toMatch(/^web-[a-z0-9]+-[a-z0-9]+$/);
    expect(liveValue(sh.world, '<파드 이름>')).toMatch(/^web-/);
    expect(liveValue(sh.world, '<node>')).toMatch(/^kind-worker/);
    expect(liveValue(sh.world, '<deployment>')).toBe('web');
    expect(liveValue(sh.world, '<something>')).toBeUndefined();
  });

  it('no cluster yet: nothing to offer, so the learner is asked', () => {
    const sh = createSession({ seed: 1 });
    expect(liveValue(sh.world, '<pod name>')).toBeUndefined();
  });
});
