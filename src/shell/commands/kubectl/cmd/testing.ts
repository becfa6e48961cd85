/** Test helpers: a session with manifests laid out, and transcripts of kubectl scripts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession } from '../../../session.ts';
import { transcript } from '../../../headless.ts';
import type { Shell } from '../../../shell.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'sim', 'k8s', 'fixtures');

/** Every fixture manifest by file name. */
export function fixtureFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(FIXTURES)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => [f, readFileSync(join(FIXTURES, f), 'utf8')]),
  );
}

export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

export function session(files: Record<string, string> = {}, seed = 1): Shell {
  return createSession({ seed, files: { 'web.yaml': WEB, ...fixtureFiles(), ...files } });
}

/** Runs the lines and returns the transcript (commands echoed). */
export function run(shell: Shell, ...lines: string[]): string {
  return transcript(shell, lines, { echo: true });
}

/** Output of one command line, without the echo. */
export function out(shell: Shell, line: string): string {
  return transcript(shell, [line], { echo: false });
}

/** A session with web.yaml applied and 30 s passed: 3 nginx pods Running behind Service web. */
export function webSession(): Shell {
  const sh = session();
  run(sh, 'kubectl apply -f web.yaml', 'sleep 30s');
  return sh;
}

/** Names of the pods whose name starts with prefix, sorted. */
export function podNames(shell: Shell, prefix = 'web-'): string[] {
  return out(shell, 'kubectl get pods -o name')
    .split('\n')
    .map((l) => l.replace(/^pod\//, ''))
    .filter((n) => n.startsWith(prefix));
}
