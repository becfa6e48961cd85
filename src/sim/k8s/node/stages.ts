/**
 * Every duration the node simulation uses, in one table (the idea of kwok's
 * documented stages): change a number here and the whole node follows. Values
 * are chosen to look like a small kind/kubeadm cluster with a warm cache; the
 * kubelet and kube-proxy defaults are the real ones.
 */
export const STAGES = {
  /** containerd: registry round trips before the first byte (resolve, manifest, config). */
  pullOverheadMs: 300,
  /** Download + unpack throughput, bytes per second (nginx:1.27 ~ 73 MB -> ~3.2 s). */
  pullBytesPerSecond: 25_000_000,
  /** How long a registry takes to say "not found" for a missing repository. */
  pullNotFoundMs: 1_200,
  /** RunPodSandbox: pause container + network namespace. */
  sandboxCreateMs: 600,
  /** CNI ADD: veth pair and IP from the node's pod CIDR. */
  networkSetupMs: 200,
  /** CreateContainer (snapshot, OCI spec). */
  containerCreateMs: 150,
  /** StartContainer until the process runs. */
  containerStartMs: 100,
  /** Time a server image needs after start before it accepts connections. */
  serverReadyMs: 300,
  /** A pod worker that hit an error syncs again this soon (ErrImagePull -> ImagePullBackOff). */
  errorResyncMs: 1_000,
  /** A pod sync that failed otherwise (CreateContainerConfigError) is retried after the pod worker's back-off. */
  podWorkerBackOffMs: 10_000,
  /** kubelet: container restart back-off (kuberuntime): 10 s doubling, 5 min cap. */
  backOffInitialMs: 10_000,
  backOffMaxMs: 300_000,
  /** A container that ran this long (2 x the cap) starts again from the initial back-off. */
  backOffResetMs: 600_000,
  /** Image pull back-off uses the same 10 s doubling / 5 min cap. */
  imageBackOffInitialMs: 10_000,
  imageBackOffMaxMs: 300_000,
  /** Probe defaults (API defaults): periodSeconds 10, timeoutSeconds 1, failureThreshold 3. */
  probePeriodMs: 10_000,
  probeFailureThreshold: 3,
  probeSuccessThreshold: 1,
  /** Default terminationGracePeriodSeconds. */
  terminationGraceMs: 30_000,
  /** Time an image that honours SIGTERM needs to exit. */
  sigtermExitMs: 100,
  /** Lease renewal: nodeLeaseDurationSeconds 40 x 0.25. */
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
  /** nodeStatusUpdateFrequency: compute status; post it when changed... */
  nodeStatusUpdateMs: 10_000,
  /** ...or when nodeStatusReportFrequency has passed since the last post. */
  nodeStatusReportMs: 300_000,
  /** Volume operations that failed are retried after 500 ms, doubling to 2m2s (exponentialbackoff in nestedpendingoperations). */
  mountRetryInitialMs: 500,
  mountRetryMaxMs: 122_000,
  /** syncFrequency (1m): each pod worker resyncs this often, plus up to 50% jitter (workerResyncIntervalJitterFactor); configMap/secret volume contents follow then. */
  podResyncMs: 60_000,
  /** Simulated process memory growth of `tail /dev/zero` per second. */
  memoryRampBytesPerSecond: 512 * 1024 * 1024,
} as const;

/** Pull duration for an image of this size. */
export function pullMs(sizeBytes: number): number {
  return STAGES.pullOverheadMs + Math.round((sizeBytes / STAGES.pullBytesPerSecond) * 1000);
}
