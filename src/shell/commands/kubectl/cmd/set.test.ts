import { describe, expect, it } from 'vitest';
import { out, webSession } from './testing.ts';

describe('kubectl set image', () => {
  it.each([
    ['one container', 'kubectl set image deployment/web nginx=nginx:1.26', 'deployment.apps/web image updated\n', 'nginx:1.26'],
    ['every container', 'kubectl set image deploy web *=nginx:1.25', 'deployment.apps/web image updated\n', 'nginx:1.25'],
    ['an unknown container', 'kubectl set image deploy/web nope=nginx:1.26', 'error: unable to find container named "nope"\n', 'nginx:1.27'],
    ['no image given', 'kubectl set image deploy/web', 'error: at least one image update is required\n', 'nginx:1.27'],
  ])('%s', (_, line, want, image) => {
    const sh = webSession();
    expect(out(sh, line)).toBe(want);
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe(image);
  });
});
