import { describe, expect, it } from 'vitest';
import { containerNameFromImage } from './create.ts';
import { out, run, session } from './testing.ts';

describe('kubectl create and run', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['docker.io/library/busybox:1.37', 'busybox'],
  ])('container name from %s', (image, want) => expect(containerNameFromImage(image)).toBe(want));

  it.each([
    ['create deployment', 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80', 'deployment.apps/web created\n', 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}', '80'],
    ['create namespace', 'kubectl create namespace dev', 'namespace/dev created\n', 'kubectl get ns dev -o name', 'namespace/dev\n'],
    ['create service clusterip', 'kubectl create service clusterip web --tcp=80:8080', 'service/web created\n', 'kubectl get svc web -o jsonpath={.spec.ports[0].targetPort}', '8080'],
    ['create service nodeport', 'kubectl create service nodeport web --tcp=80:80', 'service/web created\n', 'kubectl get svc web -o jsonpath={.spec.type}', 'NodePort'],
    ['create job', 'kubectl create job hi --image=busybox:1.37 -- echo hi', 'job.batch/hi created\n', 'kubectl get job hi -o jsonpath={.spec.template.spec.containers[0].command}', '["echo","hi"]'],
    ['create configmap', 'kubectl create configmap cfg --from-literal=a=1 --from-literal=b=2', 'configmap/cfg created\n', 'kubectl get cm cfg -o jsonpath={.data.b}', '2'],
    ['run', 'kubectl run web --image=nginx:1.27 --port=80 --restart=Never', 'pod/web created\n', 'kubectl get pod web -o jsonpath={.spec.restartPolicy}', 'Never'],
    ['run with a command', 'kubectl run box --image=busybox:1.37 -- sleep 3600', 'pod/box created\n', 'kubectl get pod box -o jsonpath={.metadata.labels.run}', 'box'],
  ])('%s', (_, line, want, check, value) => {
    const sh = session();
    expect(out(sh, line)).toBe(want);
    expect(out(sh, check)).toBe(value);
  });

  it.each([
    ['no image', 'kubectl create deployment web', 'error: required flag(s) "image" not set\n'],
    ['no name', 'kubectl create namespace', 'error: exactly one NAME is required, got 0\n'],
    ['run without image', 'kubectl run web', 'error: required flag(s) "image" not set\n'],
    ['a duplicate', 'kubectl create namespace default', 'Error from server (AlreadyExists): namespaces "default" already exists\n'],
  ])('errors on %s', (_, line, want) => expect(out(session(), line)).toBe(want));

  it('the pod from run starts', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27', 'sleep 10s');
    expect(out(sh, 'kubectl get pod web')).toMatch(/web\s+1\/1\s+Running/);
  });
});

describe('kubectl create: the other generators', () => {
  it('creates a ServiceAccount, and a Secret without a "nothing acts on it" warning (the kubelet mounts Secrets)', () => {
    const sh = session();
    expect(out(sh, 'kubectl create serviceaccount robot')).toBe('serviceaccount/robot created\n');
    expect(out(sh, 'kubectl create sa robot2 --dry-run=client -o yaml')).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: robot2\n');
    expect(out(sh, 'kubectl create secret generic s --from-literal=a=b 2>&1')).toBe('secret/s created\n');
  });

  it.each(['role pod-reader --verb=get --resource=pods', 'rolebinding rb --clusterrole=view --user=bob', 'quota q --hard=pods=2', 'ingress web --rule=a.com/=web:80', 'priorityclass high --value=1000', 'token default'])(
    'create %s is a real command: a note, not an error',
    (line) => {
      expect(out(session(), `kubectl create ${line}`)).toMatch(/^note: kubectl create \w+ is not simulated here/);
    },
  );
});
