/** Idle cost: one virtual hour of an idle 100-node cluster, in CPU seconds. Prints numbers. */
import { bigCluster, cpuSeconds } from './lib/scale.ts';

const N = Number(process.argv[2] ?? 100);
const c = bigCluster(N);
c.world.clock.advance(60_000);
const t = cpuSeconds(() => c.world.clock.advance(3_600_000));
console.log(`idle ${N}-node cluster, 1 virtual hour: ${t.toFixed(2)} CPU-s  target < 1 CPU-s`);
