import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Shell } from './shell.ts';
import { createSession } from './session.ts';

/**
 * Shell property test (issue 14): random command lines from a grammar of the
 * real commands and flags, mixed with junk, long lines and Unicode. No line
 * throws, and every line ends within a bounded number of simulation steps
 * (one step = one virtual second; a streaming command gets Ctrl-C after
 * FOLLOW steps, a second Ctrl-C after GRACE more). fast-check prints the seed
 * and the shrunk counterexample on failure.
 */
const FOLLOW = 5;
const GRACE = 70;

const word = fc.constantFrom('web', 'db', 'nginx', 'default', 'kube-system', 'kind-worker', 'kind-worker2', 'kind-control-plane', 'compose.yaml', 'a.txt', 'x', '-', '--', '.', '/', '*', '""', "''");
const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('한글', '😀', 'ｗｉｄｅ', '\u0000', '\u001b]52;c;aGk=\u0007', '$(x)', '`x`', '${HOME}', '$?', '|', '||', '&&', ';', '>', '>>', '<', '2>&1', '&', '\\', '"', "'", '#', '~', '{', '}', '[', ']'),
);
const arg = fc.oneof({ weight: 4, arbitrary: word }, { weight: 2, arbitrary: junk }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) });

const flagsOf: Record<string, string[]> = {
  kubectl: ['-n', '-A', '-o', 'wide', 'yaml', 'json', 'name', 'jsonpath={.items[*].metadata.name}', '-l', 'app=web', '-w', '--show-labels', '--replicas=2', '--replicas=0', '--image=nginx', '-f', '--dry-run=client', '--force', '--grace-period=0', '--all', '--field-selector', 'status.phase=Running', '-c', '--previous', '--tail=2', '--sort-by=.metadata.name', '--ignore-not-found'],
  docker: ['-d', '--build', '--scale', 'web=2', '-f', '--no-deps', '--wait', '--remove-orphans', '-v', '--format', 'json', '-t', '--tail', '5', '--follow', '-a', '--timeout', '1'],
  etcdctl: ['--prefix', '--keys-only', '--limit=2', '-w', 'json', 'table', '--rev=1', '--print-value-only', '--endpoints=127.0.0.1:2379'],
};
const kubectlHead = fc
  .tuple(
    fc.constantFrom('get', 'describe', 'delete', 'apply', 'create', 'run', 'scale', 'logs', 'exec', 'rollout', 'explain', 'label', 'cordon', 'uncordon', 'drain', 'expose', 'top', 'api-resources', 'version', 'cluster-info', 'config', 'wait', 'edit', 'patch', 'bogus'),
    fc.constantFrom('pods', 'po', 'deploy', 'rs', 'svc', 'nodes', 'ns', 'cm', 'jobs', 'ds', 'events', 'endpoints', 'all', 'pod/web', 'deployment web', 'status', 'restart', 'undo', 'history', 'configmap x', 'job j', 'deployment d', ''),
  )
  .map(([a, b]) => ['kubectl', a, ...b.split(' ').filter(Boolean)]);
const commands: [fc.Arbitrary<string[]>, string[]][] = [
  [kubectlHead, flagsOf.kubectl!],
  [fc.constantFrom(['compose', 'up'], ['compose', 'down'], ['compose', 'ps'], ['compose', 'logs'], ['compose', 'config'], ['compose', 'restart'], ['compose', 'stop'], ['compose', 'start'], ['compose', 'exec', 'web'], ['compose', 'pull'], ['compose', 'build'], ['compose', 'images'], ['compose', 'top'], ['ps'], ['images'], ['network', 'ls'], ['volume', 'ls'], ['inspect'], ['run'], ['compose']).map((h) => ['docker', ...h]), flagsOf.docker!],
  [fc.constantFrom(['get', '/registry', '--prefix'], ['get', ''], ['put', '/registry/pods/default/x'], ['del', '/registry/pods/default/x'], ['watch', '/registry', '--prefix'], ['member', 'list'], ['endpoint', 'status'], ['endpoint', 'health'], ['compaction', '1'], ['lease', 'grant', '10'], ['bogus']).map((h) => ['etcdctl', ...h]), flagsOf.etcdctl!],
  [fc.constantFrom(['status'], ['stop', 'scheduler'], ['start', 'scheduler'], ['stop', 'etcd-0'], ['start', 'etcd-0'], ['stop', 'apiserver'], ['start', 'apiserver'], ['stop', 'controller-manager'], ['start', 'controller-manager'], ['node', 'fail', 'kind-worker'], ['node', 'recover', 'kind-worker'], ['node', 'add', 'kind-worker3'], ['crash', 'web'], ['why', 'web'], ['trace'], ['trace', '5', '--all'], ['iptables', 'kind-worker']).map((h) => ['sim', ...h]), ['-n', 'default', '-l', 'app=web', '--exit-code', '1']],
  [fc.constantFrom(['ls'], ['ls', '-la'], ['cat'], ['echo'], ['grep'], ['grep', '-E', '(a+)+$'], ['grep', '-c'], ['head', '-n', '3'], ['tail'], ['wc', '-l'], ['sleep', '1'], ['sleep', '30s'], ['sleep', '0'], ['cd'], ['pwd'], ['help'], ['history'], ['clear'], ['env'], ['date'], ['mkdir', 'd'], ['rm'], ['touch', 'f'], ['nonexistent-cmd']), ['-n', '-v', '-i', '-l', '-c', 'a.txt']],
];
const simple = fc.oneof(
  ...commands.map(([head, flags]) =>
    fc.tuple(head, fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...flags) }, { weight: 3, arbitrary: arg }), { maxLength: 5 })).map(([h, rest]) => [...h, ...rest].filter((x) => x !== '').join(' ')),
  ),
  fc.array(arg, { minLength: 1, maxLength: 6 }).map((a) => a.join(' ')),
);
const line = fc.oneof(
  { weight: 6, arbitrary: simple },
  { weight: 2, arbitrary: fc.tuple(simple, fc.constantFrom(' | ', ' && ', ' || ', '; ', ' > out.txt; cat out.txt', ' 2>&1 | grep -c e'), simple).map(([a, op, b]) => (op.startsWith(' >') || op.startsWith(' 2') ? a + op : a + op + b)) },
  { weight: 1, arbitrary: fc.tuple(simple, fc.integer({ min: 200, max: 5000 })).map(([s, n]) => `${s} ${'x'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
);

const FILES = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n  db:\n    image: redis\n', 'a.txt': 'alpha\nbeta\n', 'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n' };

/** Runs one line; returns the simulation steps it took, or throws. */
function runBounded(sh: Shell, l: string, sink: { write(s: string): void }): number {
  const io = { stdout: sink, stderr: sink };
  let done = false;
  sh.run(l, io, () => (done = true));
  let steps = 0;
  for (; !done && steps < FOLLOW; steps++) sh.world.clock.advance(1000);
  if (!done) sh.interrupt();
  for (; !done && steps < FOLLOW + GRACE; steps++) sh.world.clock.advance(1000);
  if (!done) sh.interrupt();
  for (let i = 0; !done && i < 10; i++, steps++) sh.world.clock.advance(1000);
  if (!done) throw new Error(`line did not end after ${steps} steps and two Ctrl-C: ${JSON.stringify(l)}`);
  return steps;
}

describe('shell property: random command lines', () => {
  // 1,000+ lines take several seconds on a loaded 2-core machine; the default 5 s timeout made it flaky.
  it('never throw and always end within a bounded number of simulation steps', { timeout: 60_000 }, () => {
    let lines = 0;
    let maxSteps = 0;
    const t = performance.now();
    fc.assert(
      fc.property(fc.array(line, { minLength: 6, maxLength: 14 }), fc.boolean(), (ls, k8s) => {
        const sh = createSession({ seed: 3, lang: 'en', tty: { color: false }, dir: 'demo', files: FILES, ...(k8s ? { boot: ['k8s'] as 'k8s'[] } : {}) });
        let out = 0;
        const sink = { write: (s: string) => void (out += s.length) };
        for (const l of ls) {
          maxSteps = Math.max(maxSteps, runBounded(sh, l, sink));
          lines++;
        }
        expect(sh.busy).toBe(false);
      }),
      { numRuns: 110 },
    );
    console.log(`shell property: ${lines} command lines, at most ${maxSteps} simulation steps per line, ${Math.round(performance.now() - t)} ms`);
    expect(lines).toBeGreaterThanOrEqual(1000);
  });
});
