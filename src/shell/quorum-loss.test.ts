import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Issue 14 (shell parsing): after quorum loss, `kubectl get pods` printed the error and then
 * `No resources found`. kubectl's get.go prints "No resources found" only when no error happened
 * (len(infos) == 0 && len(errs) == 0): the error stands alone, exit code 1.
 */
describe('kubectl after etcd loses quorum', () => {
  it('prints the server error alone, exit 1, and works again once quorum is back', () => {
    const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, boot: ['k8s'] });
    const run = (cmd: string) => transcript(sh, [cmd, 'echo "code=$?"'], { echo: false });
    expect(run('kubectl get pods')).toBe('No resources found in default namespace.\ncode=0\n');
    transcript(sh, ['sim stop etcd-0', 'sim stop etcd-1', 'sleep 5'], {});
    const lost = run('kubectl get pods');
    expect(lost).toMatch(/^Error from server: etcdserver: /);
    expect(lost).not.toContain('No resources found');
    expect(lost).toMatch(/code=1\n$/);
    transcript(sh, ['sim start etcd-0', 'sim start etcd-1', 'sleep 10'], {});
    expect(run('kubectl get pods')).toBe('No resources found in default namespace.\ncode=0\n');
  });
});
