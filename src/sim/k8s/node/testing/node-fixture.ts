/** A one-node world for tests: clock, fake API, runtime and kubelet for kind-worker (10.244.1.0/24). */
import { VirtualClock } from '../../../clock.ts';
import { Rng } from '../../../rng.ts';
import type { Container, Pod } from '../../api/types.ts';
import { Kubelet } from '../kubelet.ts';
import { ContainerRuntime } from '../runtime.ts';
import { FakeClient } from './fake-client.ts';

export function nodeFixture(opts: { preloaded?: string[] } = {}) {
  const clock = new VirtualClock();
  const rng = new Rng(7);
  const client = new FakeClient(clock);
  const runtime = new ContainerRuntime({ clock, rng, preloaded: opts.preloaded ?? ['nginx:1.27', 'busybox:1.37', 'curlimages/curl:8.11.1'] });
  const kubelet = new Kubelet({ nodeName: 'kind-worker', podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3', client, runtime, clock, rng });
  kubelet.start();
  clock.flush();
  const run = (pod: { name: string; containers: Container[]; restartPolicy?: Pod['spec']['restartPolicy']; initContainers?: Container[]; terminationGracePeriodSeconds?: number }) =>
    client.put<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod.name, namespace: 'default' },
      spec: { nodeName: 'kind-worker', containers: pod.containers, ...(pod.restartPolicy ? { restartPolicy: pod.restartPolicy } : {}), ...(pod.initContainers ? { initContainers: pod.initContainers } : {}), ...(pod.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds } : {}) },
    });
  const seconds = (s: number) => clock.advance(s * 1000);
  const status = (name: string, container = 0) => client.pod(name)?.status?.containerStatuses?.[container];
  return { clock, rng, client, runtime, kubelet, run, seconds, status };
}
