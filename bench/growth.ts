/**
 * Growth: 500, 1,000, 2,000 and 5,000 nodes at 30 pods per node; the CPU
 * cost per pod (create to Running) must stay flat within 2× from the
 * smallest to the largest. `node bench/growth.ts 500 1000` for other sizes. Prints numbers.
 */
import { bigCluster, createPods, cpuSeconds, untilRunning } from './lib/scale.ts';

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [500, 1000, 2000, 5000];
const costs: number[] = [];
for (const n of sizes) {
  const c = bigCluster(n);
  const pods = n * 30;
  let vt = 0;
  const t = cpuSeconds(() => {
    createPods(c.cluster, pods);
    vt = untilRunning(c.world, c.cluster, pods);
  });
  const per = (t / pods) * 1e6;
  costs.push(per);
  console.log(`growth ${n} nodes, ${pods} pods: ${per.toFixed(0)} µs CPU per pod${vt < 0 ? ' (NOT all Running)' : ''}`);
  (globalThis as { gc?: () => void }).gc?.();
}
const ratio = costs[costs.length - 1]! / costs[0]!;
console.log(`growth per-pod cost ${sizes[sizes.length - 1]} vs ${sizes[0]} nodes: ${ratio.toFixed(2)}×  target ≤ 2×`);
