/** Cost of the simulated Kubernetes cluster: boot, and long sleeps with a Deployment running. Prints numbers. */
import { transcript } from '../src/shell/headless.ts';
import { createSession } from '../src/shell/session.ts';
import { getCluster } from '../src/sim/k8s/cluster.ts';
import { World } from '../src/sim/world.ts';
import { k8sDemo } from '../src/lessons/scenarios.ts';

const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const boots = Array.from({ length: 6 }, () => ms(() => getCluster(new World({ seed: 1 }))));
console.log(`boot (incl. 30 s settle): first ${boots[0]!.toFixed(0)} ms, then median ${boots.slice(1).sort((a, b) => a - b)[2]!.toFixed(0)} ms`);

const sh = createSession({ seed: 1, tty: { color: false }, dir: k8sDemo.dir, files: k8sDemo.files, boot: ['k8s'] });
transcript(sh, ['kubectl apply -f web.yaml', 'sleep 30s'], {});
for (const d of ['1m', '10m', '1h']) console.log(`sleep ${d} with 3 web pods: ${ms(() => transcript(sh, [`sleep ${d}`], {})).toFixed(0)} ms`);
const rev = getCluster(sh.world).etcd.status()[0]!.revision;
console.log(`etcd revision after ~71 virtual minutes: ${rev}`);
