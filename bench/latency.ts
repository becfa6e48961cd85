/**
 * Command latency: kubectl get pods -A, get pods -o wide and describe node at
 * 10,000 pods, and docker compose up -d of a 50-service project; median and
 * 99th percentile of 100 runs, in wall ms. Prints numbers.
 */
import { transcript } from '../src/shell/headless.ts';
import { createSession } from '../src/shell/session.ts';
import { BOOT_SETTLE_MS, Cluster } from '../src/sim/k8s/cluster.ts';
import { createPods, nodeSpecs, untilRunning } from './lib/scale.ts';

const RUNS = 100;
function stats(name: string, f: () => void, before?: () => void): void {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name}: median ${ms[RUNS / 2]!.toFixed(1)} ms, p99 ${ms[Math.ceil(RUNS * 0.99) - 1]!.toFixed(1)} ms  target median < 50 ms`);
}

const sh = createSession({ seed: 1, tty: { color: false, columns: 200 } });
const cluster = sh.world.engine('k8s.cluster', (w) => new Cluster(w, nodeSpecs(100)));
sh.world.clock.advance(BOOT_SETTLE_MS);
createPods(cluster, 10_000);
if (untilRunning(sh.world, cluster, 10_000) < 0) console.log('latency: NOT all 10,000 pods Running');
for (const cmd of ['kubectl get pods -A', 'kubectl get pods -o wide', 'kubectl describe node kind-worker']) stats(`${cmd} (10,000 pods)`, () => transcript(sh, [cmd], {}));

const services = Array.from({ length: 50 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n`).join('');
const csh = createSession({ seed: 1, tty: { color: false }, dir: 'proj', files: { 'compose.yaml': `services:\n${services}` } });
transcript(csh, ['docker compose pull -q'], {});
stats('docker compose up -d (50 services)', () => transcript(csh, ['docker compose up -d'], {}), () => transcript(csh, ['docker compose down'], {}));
