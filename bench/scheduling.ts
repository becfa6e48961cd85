/**
 * SchedulingBasic (after kube-scheduler's scheduler_perf 5000Nodes_10000Pods):
 * 5,000 nodes, then 10,000 pods created through the API server, until all are
 * Running (etcd writes, watch fan-out, scheduling, binding and kubelets
 * included). Then the determinism check: the same run with the same seed
 * again gives the same final etcd revision and the same placement hash.
 * `node bench/scheduling.ts NODES PODS` for another size. Prints numbers.
 */
import { bigCluster, createPods, cpuSeconds, heapMB, placementHash, untilRunning } from './lib/scale.ts';

const NODES = Number(process.argv[2] ?? 5000);
const PODS = Number(process.argv[3] ?? 10_000);

function run(seed: number) {
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

const a = run(1);
console.log(`SchedulingBasic ${NODES} nodes: node setup ${a.boot.toFixed(1)} CPU-s`);
console.log(`SchedulingBasic ${NODES} nodes, ${PODS} pods all Running: ${(PODS / a.sched).toFixed(0)} pods/s (${a.sched.toFixed(1)} CPU-s; ${a.vt < 0 ? 'NOT all Running within 30 virtual min' : `${a.vt / 1000} virtual s`})  target ≥ 2700 pods/s`);
// The peak counts garbage V8 had not collected yet (it lets the heap grow on a machine with memory to spare); the live heap is what stays after a full GC.
console.log(`SchedulingBasic peak heap: ${a.peak.toFixed(0)} MB (live after GC at the end: ${a.live.toFixed(0)} MB)  target < 1024 MB`);
const b = run(1);
const same = a.rev === b.rev && a.hash === b.hash;
console.log(`determinism (${NODES} nodes, seed 1, twice): etcd revision ${a.rev} / ${b.rev}, placement hash ${a.hash} / ${b.hash}: ${same ? 'same' : 'DIFFERENT'}  target: same`);
