/**
 * The diagram's view of 1,000 pods (10 workers × 100), for the page
 * benchmarks: built here and handed to the page, which draws it with the
 * diagram's own code. With `crashing`, pod number crashing % 100 on the first
 * node is in CrashLoopBackOff, so views for consecutive numbers differ by two pods.
 */
export function thousandPodView(crashing?: number) {
  return {
    apiserver: true,
    scheduler: true,
    controllerManager: true,
    etcd: [0, 1, 2].map((i) => ({ name: `etcd-${i}`, running: true, leader: i === 0 })),
    nodes: Array.from({ length: 10 }, (_, ni) => ({
      name: `worker-${ni + 1}`,
      controlPlane: false,
      ready: true,
      kubelet: true,
      proxy: true,
      pods: Array.from({ length: 100 }, (_, i) => ({ namespace: 'default', name: `web-${ni}-${String(i).padStart(3, '0')}`, ip: `10.244.${ni}.${i + 2}`, node: `worker-${ni + 1}`, phase: 'Running', state: crashing !== undefined && ni === 0 && i === crashing % 100 ? 'CrashLoopBackOff' : 'Running', restarts: 0 })),
    })),
    unscheduled: [],
  };
}
