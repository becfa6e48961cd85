/**
 * Growth: 500, 1,000, 2,000 and 5,000 nodes at 30 pods per node; the CPU
 * cost per pod (create to Running) must stay flat within 2× from the
 * smallest to the largest. Each size runs in its own Node process, as a
 * learner's tab holds one cluster: run one after another in one process, the
 * 2,000-node size cost 26% more per pod (2,126 against 1,690 µs) in the heap
 * the 500-node run left behind. `node bench/growth.ts 500 1000` for other
 * sizes. Prints numbers.
 */
import { benchArgs, inChild, reply } from './lib/child.ts';
import { bigCluster, createPods, cpuSeconds, untilRunning } from './lib/scale.ts';

const { child: CHILD, args } = benchArgs();

/** CPU µs per pod from create to Running at n nodes and 30 pods per node, and whether all got there. */
function measure(n: number): { perPod: number; pods: number; running: boolean } {
  const c = bigCluster(n);
  const pods = n * 30;
  let vt = 0;
  const t = cpuSeconds(() => {
    createPods(c.cluster, pods);
    vt = untilRunning(c.world, c.cluster, pods);
  });
  return { perPod: (t / pods) * 1e6, pods, running: vt >= 0 };
}

if (CHILD) {
  reply(measure(Number(args[0])));
} else {
  const sizes = args.length ? args.map(Number) : [500, 1000, 2000, 5000];
  const costs: number[] = [];
  for (const n of sizes) {
    const r = inChild<ReturnType<typeof measure>>(import.meta.url, process.execArgv, [String(n)]);
    if (!r.ok) {
      console.log(`growth ${n} nodes: FAILED (${r.why})`);
      process.exitCode = 1;
      continue;
    }
    const m = r.value;
    costs.push(m.perPod);
    console.log(`growth ${n} nodes, ${m.pods} pods: ${m.perPod.toFixed(0)} µs CPU per pod${m.running ? '' : ' (NOT all Running)'}`);
  }
  if (costs.length === sizes.length && costs.length > 1) {
    const ratio = costs[costs.length - 1]! / costs[0]!;
    console.log(`growth per-pod cost ${sizes[sizes.length - 1]} vs ${sizes[0]} nodes: ${ratio.toFixed(2)}×  target ≤ 2×`);
  }
}
