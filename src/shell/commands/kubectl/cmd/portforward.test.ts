import { describe, expect, it } from 'vitest';
import { transcript } from '../../../headless.ts';
import { createSession } from '../../../session.ts';
import type { Shell } from '../../../shell.ts';

/**
 * kubectl port-forward, checked against kubectl pkg/cmd/portforward/portforward.go
 * (usage error, "unable to forward port because pod is not running. Current status=…",
 * translateServicePortToTargetPort) and client-go tools/portforward/portforward.go
 * ("Forwarding from 127.0.0.1:%d -> %d", "Forwarding from [::1]:%d -> %d",
 * "Handling connection for %d", "Unable to listen on port %d: …",
 * "unable to listen on any of the requested ports: %v"); curl's exit 7 when
 * nothing listens any more; bash's job control wording ("[1] PID",
 * "[1]+  Running                 CMD &", "[1]+  Terminated              CMD").
 */
const cluster = () => {
  const sh = createSession({ seed: 5, lang: 'en', tty: { color: false, columns: 120 }, dir: 'demo', boot: ['k8s'] });
  transcript(sh, ['kubectl create deployment web --image=nginx', 'kubectl expose deploy web --port=80', 'kubectl wait --for=condition=Available deploy/web'], {});
  return sh;
};
const run = (sh: Shell, lines: string[]) => transcript(sh, lines, { echo: true, followMs: 2000 });

describe('kubectl port-forward', () => {
  it('svc/web 8080:80 in the background: curl localhost:8080 works while it runs, and is refused after kill %1', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl port-forward svc/web 8080:80 &', 'curl -s localhost:8080 | grep title', 'jobs', 'kill %1', 'curl localhost:8080', 'jobs']);
    expect(t).toMatch(/^\$ kubectl port-forward svc\/web 8080:80 &\n\[1\] \d+\nForwarding from 127\.0\.0\.1:8080 -> 80\nForwarding from \[::1\]:8080 -> 80\n/);
    expect(t).toContain('$ curl -s localhost:8080 | grep title\nHandling connection for 8080\n<title>Welcome to nginx!</title>\n');
    expect(t).toContain('$ jobs\n[1]+  Running                 kubectl port-forward svc/web 8080:80 &\n');
    expect(t).toContain('$ kill %1\n[1]+  Terminated              kubectl port-forward svc/web 8080:80\n');
    expect(t).toContain("$ curl localhost:8080\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n$ jobs\n");
  });

  it('in the foreground it holds the terminal until Ctrl-C', () => {
    const sh = cluster();
    const t = run(sh, ['kubectl port-forward deploy/web 9090:80', '^C', 'curl localhost:9090']);
    expect(t).toContain('Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\n^C$ curl localhost:9090\ncurl: (7)');
  });

  it('pod/NAME :80 picks a free local port; fg brings the job back and Ctrl-C ends it', () => {
    const sh = cluster();
    const pod = transcript(sh, ['kubectl get pods -o name'], {}).trim().split('\n')[0]!;
    const t = run(sh, [`kubectl port-forward ${pod} :80 &`]);
    const port = /Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(t)![1]!;
    expect(Number(port)).toBeGreaterThanOrEqual(32768);
    expect(run(sh, [`curl -s -o /dev/null -w '%{http_code}' localhost:${port}`])).toContain('200');
    const f = run(sh, ['fg', '^C', 'jobs']);
    expect(f).toContain(`$ fg\nkubectl port-forward ${pod} :80\n^C$ jobs\n`);
    expect(sh.jobs).toHaveLength(0);
  });

  it.each([
    ['kubectl port-forward svc/web', "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
    ['kubectl port-forward svc/web 8080:81', 'error: Service web does not have a service port 81\n'],
    ['kubectl port-forward svc/web 80:80', 'Unable to listen on port 80: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:80: bind: permission denied unable to create listener: Error listen tcp6 [::1]:80: bind: permission denied]\nerror: unable to listen on any of the requested ports: [{80 80}]\n'],
  ])('%s', (line, want) => {
    expect(run(cluster(), [line])).toBe(`$ ${line}\n${want}`);
  });

  it('a second forward on a port in use: address already in use', () => {
    const sh = cluster();
    run(sh, ['kubectl port-forward svc/web 8080:80 &']);
    expect(run(sh, ['kubectl port-forward svc/web 8080:80'])).toContain('bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n');
  });

  it('a pod that is not running yet is refused', () => {
    const sh = createSession({ seed: 5, lang: 'en', tty: { color: false }, boot: ['k8s'] });
    transcript(sh, ['kubectl run p --image=nginx'], {});
    expect(run(sh, ['kubectl port-forward pod/p 8080:80'])).toContain('error: unable to forward port because pod is not running. Current status=Pending\n');
  });
});
