/**
 * SchedulingBasic (after kube-scheduler's scheduler_perf 5000Nodes_10000Pods):
 * 5,000 nodes, then 10,000 pods created through the API server, until all are
 * Running (etcd writes, watch fan-out, scheduling, binding and kubelets
 * included). Then the determinism check: the same run with the same seed, in
 * a second Node process whose heap is capped at 1 GB, gives the same final
 * etcd revision and the same placement hash; finishing there shows the run
 * fits in 1 GB. `node bench/scheduling.ts NODES PODS` for another size.
 * Prints numbers.
 */
import { benchArgs, inChild, reply } from './lib/child.ts';
import { bigCluster, createPods, cpuSeconds, heapMB, placementHash, untilRunning } from './lib/scale.ts';

const { child: CHILD, args } = benchArgs();
const NODES = Number(args[0] ?? 5000);
const PODS = Number(args[1] ?? 10_000);
const CAP_MB = 1024;

interface Run {
  boot: number;
  sched: number;
  vt: number;
  peak: number;
  live: number;
  rev: number;
  hash: string;
}

function run(seed: number): Run {
  let c!: ReturnType<typeof bigCluster>;
  const boot = cpuSeconds(() => (c = bigCluster(NODES, seed)));
  let vt = 0;
  let peak = heapMB();
  const sched = cpuSeconds(() => {
    createPods(c.cluster, PODS);
    vt = untilRunning(c.world, c.cluster, PODS, 'p', 1000, 30 * 60_000, () => (peak = Math.max(peak, process.memoryUsage().heapUsed / 1e6)));
  });
  const live = heapMB();
  peak = Math.max(peak, live);
  const rev = c.cluster.etcd.status()[0]!.revision;
  return { boot, sched, vt, peak, live, rev, hash: placementHash(c.cluster) };
}

if (CHILD) {
  reply(run(1));
} else {
  const a = run(1);
  console.log(`SchedulingBasic ${NODES} nodes: node setup ${a.boot.toFixed(1)} CPU-s`);
  console.log(`SchedulingBasic ${NODES} nodes, ${PODS} pods all Running: ${(PODS / a.sched).toFixed(0)} pods/s (${a.sched.toFixed(1)} CPU-s; ${a.vt < 0 ? 'NOT all Running within 30 virtual min' : `${a.vt / 1000} virtual s`})  target ≥ 2700 pods/s`);
  // The peak counts garbage V8 had not collected yet (with the heap limit npm run bench gives, it lets the heap grow); the live heap is what stays after a full GC.
  console.log(`SchedulingBasic heap, uncapped: peak ${a.peak.toFixed(0)} MB including uncollected garbage, live after GC at the end ${a.live.toFixed(0)} MB`);
  // The same run again in a process that may not grow past CAP_MB: V8 collects sooner, and a run that needed more would die of 'heap out of memory'.
  const child = inChild<Run>(import.meta.url, ['--expose-gc', `--max-old-space-size=${CAP_MB}`], [String(NODES), String(PODS)]);
  if (!child.ok) {
    console.log(`SchedulingBasic in a ${CAP_MB} MB heap: FAILED (${child.why})  target < 1024 MB`);
    console.log(`determinism (${NODES} nodes, seed 1, twice): the second run did not finish  target: same`);
    process.exitCode = 1;
  } else {
    const b = child.value;
    console.log(`SchedulingBasic in a ${CAP_MB} MB heap (--max-old-space-size=${CAP_MB}): finished, peak ${b.peak.toFixed(0)} MB, live after GC at the end ${b.live.toFixed(0)} MB, ${(PODS / b.sched).toFixed(0)} pods/s  target < 1024 MB`);
    const same = a.rev === b.rev && a.hash === b.hash;
    console.log(`determinism (${NODES} nodes, seed 1, twice, the second in its own process): etcd revision ${a.rev} / ${b.rev}, placement hash ${a.hash} / ${b.hash}: ${same ? 'same' : 'DIFFERENT'}  target: same`);
  }
}
