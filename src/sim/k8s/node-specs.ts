/**
 * Addresses of the i-th node of the simulated kind cluster (0 is the
 * control plane). kind gives each node a /24 pod CIDR out of 10.244.0.0/16
 * and a container IP on the 172.18.0.0/16 docker network; beyond 256 nodes
 * the /16 is exhausted, so the cluster CIDR is taken as 10.224.0.0/11 (8,192
 * /24s, like a large cluster's --cluster-cidr), still starting at
 * 10.244.0.0/24 so the first nodes keep kind's addresses. It does not
 * overlap the Service range 10.96.0.0/12.
 */
export const MAX_NODES = 8192;

export function podCIDRAt(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= MAX_NODES) throw new RangeError(`node index ${i} is outside 0..${MAX_NODES - 1}`);
  const block = Math.floor(i / 256);
  return `10.${224 + ((20 + block) % 32)}.${i % 256}.0/24`;
}

/** 172.18.0.2 for node 0: .0.1 is the docker network's gateway. */
export function internalIPAt(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= MAX_NODES) throw new RangeError(`node index ${i} is outside 0..${MAX_NODES - 1}`);
  const n = i + 2;
  return `172.18.${n >> 8}.${n & 255}`;
}

/**
 * The name kind gives the i-th worker of the cluster "kind" (i ≥ 1): kind-worker, kind-worker2, kind-worker3, …
 * (kind's node namer: the role, then a counter suffix from the second node of that role on).
 */
export function workerName(i: number): string {
  return i === 1 ? 'kind-worker' : `kind-worker${i}`;
}
