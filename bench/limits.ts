/**
 * The documented limits: 5,000 nodes and 150,000 pods, all Running; heap and
 * time reported. `node bench/limits.ts NODES PODS` for another size. Prints numbers.
 */
import { bigCluster, createPods, cpuSeconds, heapMB, untilRunning } from './lib/scale.ts';

const NODES = Number(process.argv[2] ?? 5000);
const PODS = Number(process.argv[3] ?? 150_000);
const wall = performance.now();
let c!: ReturnType<typeof bigCluster>;
const boot = cpuSeconds(() => (c = bigCluster(NODES)));
let vt = 0;
let peak = heapMB();
const t = cpuSeconds(() => {
  // In waves of 10,000, as a learner (or a load test) would scale up.
  for (let done = 0; done < PODS; done += 10_000) {
    const n = Math.min(10_000, PODS - done);
    createPods(c.cluster, n, `w${done / 10_000}`);
    const v = untilRunning(c.world, c.cluster, n, `w${done / 10_000}`, 1000, 30 * 60_000, () => (peak = Math.max(peak, process.memoryUsage().heapUsed / 1e6)));
    if (v < 0) {
      vt = -1;
      break;
    }
    vt += v;
  }
});
peak = Math.max(peak, heapMB());
console.log(`limits ${NODES} nodes, ${PODS} pods: ${vt < 0 ? 'NOT all Running' : 'all Running'} after ${((performance.now() - wall) / 1000).toFixed(0)} s wall (${(boot + t).toFixed(0)} CPU-s: nodes ${boot.toFixed(0)}, pods ${t.toFixed(0)}; ${(vt / 1000).toFixed(0)} virtual s)  target: all Running, report time`);
console.log(`limits peak heap: ${peak.toFixed(0)} MB  target < 2048 MB`);
