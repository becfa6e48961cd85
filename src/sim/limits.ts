/**
 * Sizes the simulator refuses, where real tools would accept them but the
 * page would freeze (every pod or container is simulated, and a saved session
 * replays them on every visit). Each refusal says it is the simulator's limit,
 * not Kubernetes' or Compose's, so the learner is never told a false rule.
 *
 * - MAX_REPLICAS: pods of one Deployment/ReplicaSet (spec.replicas), or pods a
 *   Job runs at once (spec.parallelism). The simulated kind cluster (two
 *   workers, 110 pods each) runs about 220 pods in all, so most of 1,000
 *   stay Pending as they would on kind; a thousand is what a curious learner
 *   tries, and the page stays responsive while they are made (the
 *   ReplicaSet controller creates them in slices, VirtualClock.advance
 *   yields to the browser).
 * - MAX_COMPOSE_REPLICAS: containers of one Compose service (deploy.replicas,
 *   scale, --scale).
 */
export const MAX_REPLICAS = 1000;
export const MAX_COMPOSE_REPLICAS = 100;

export const replicasLimitDetail = (max = MAX_REPLICAS) => `must be less than or equal to ${max} in this simulator (a limit of the simulator, not of Kubernetes)`;

export const composeScaleLimitMessage = (service: string, n: number) =>
  `service "${service}": ${n} replicas is more than this simulator runs (at most ${MAX_COMPOSE_REPLICAS} containers per service; a limit of the simulator, not of Docker Compose)`;
