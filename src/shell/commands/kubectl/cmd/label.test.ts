import { describe, expect, it } from 'vitest';
import { out, webSession } from './testing.ts';

describe('kubectl label', () => {
  it.each([
    ['add', ['kubectl label deploy web tier=front'], 'deployment.apps/web labeled\n', 'app=web,tier=front'],
    ['clash without --overwrite', ['kubectl label deploy web app=x'], "error: 'app' already has a value (web), and --overwrite is false\n", 'app=web'],
    ['--overwrite', ['kubectl label deploy web app=x --overwrite'], 'deployment.apps/web labeled\n', 'app=x'],
    ['remove', ['kubectl label deploy web app-'], 'deployment.apps/web unlabeled\n', '<none>'],
    ['no change', ['kubectl label deploy web app=web'], 'deployment.apps/web not labeled\n', 'app=web'],
    ['a bad key', ['kubectl label deploy web -bad=x'], 'error: unknown shorthand flag: \'b\' in -bad=x\nSee \'kubectl label --help\' for usage.\n', 'app=web'],
  ])('%s', (_, lines, want, labels) => {
    const sh = webSession();
    expect(lines.map((l) => out(sh, l)).join('')).toBe(want);
    expect(out(sh, 'kubectl get deploy web --show-labels --no-headers').trim().split(/\s+/).at(-1)).toBe(labels);
  });
});
