/**
 * The kubectl commands people type from tutorials (issue 12), each checked
 * against what the real kubectl v1.33 prints; the upstream source is cited
 * per test.
 */
import { describe, expect, it } from 'vitest';
import { out, podNames, run, session, webSession } from './testing.ts';

describe('kubectl patch (kubectl/pkg/cmd/patch/patch.go)', () => {
  it('a strategic merge patch scales a Deployment and says patched, then (no change)', () => {
    const sh = webSession();
    expect(out(sh, `kubectl patch deployment web -p '{"spec":{"replicas":2}}'`)).toBe('deployment.apps/web patched\n');
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('2');
    expect(out(sh, `kubectl patch deployment web -p '{"spec":{"replicas":2}}'`)).toBe('deployment.apps/web patched (no change)\n');
  });
  it('a strategic patch merges containers by name; a merge patch replaces the list', () => {
    const sh = webSession();
    run(sh, `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`);
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}')).toBe('80');
    run(sh, `kubectl patch deploy web --type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}'`);
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].ports}')).toBe('');
  });
  it('a JSON patch, YAML patches, and the errors kubectl gives', () => {
    const sh = webSession();
    expect(out(sh, `kubectl patch svc web --type=json -p '[{"op":"replace","path":"/spec/ports/0/port","value":8080}]'`)).toBe('service/web patched\n');
    expect(out(sh, 'kubectl get svc web -o jsonpath={.spec.ports[0].port}')).toBe('8080');
    expect(out(sh, `kubectl patch deploy web -p 'metadata: {labels: {tier: front}}'`)).toBe('deployment.apps/web patched\n');
    expect(out(sh, 'kubectl patch deploy web')).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(out(sh, `kubectl patch deploy web --type=foo -p '{}'`)).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(out(sh, `kubectl patch deploy nope -p '{"spec":{}}'`)).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
  it('shows in sim trace as a PATCH from kubectl', () => {
    const sh = webSession();
    run(sh, `kubectl patch deploy web -p '{"spec":{"replicas":1}}'`);
    expect(out(sh, 'sim trace 40')).toContain('kubectl → patch deployments default/web (200)');
  });
});

describe('kubectl annotate (kubectl/pkg/cmd/annotate/annotate.go)', () => {
  it('adds, refuses to overwrite without --overwrite, removes; always "annotated"', () => {
    const sh = webSession();
    expect(out(sh, 'kubectl annotate deploy web kubernetes.io/change-cause="image 1.27"')).toBe('deployment.apps/web annotated\n');
    expect(out(sh, "kubectl get deploy web -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'")).toBe('image 1.27');
    expect(out(sh, 'kubectl annotate deploy web kubernetes.io/change-cause=other')).toBe("error: --overwrite is false but found the following declared annotation(s): 'kubernetes.io/change-cause' already has a value (image 1.27)\n");
    expect(out(sh, 'kubectl annotate deploy web kubernetes.io/change-cause=other --overwrite')).toBe('deployment.apps/web annotated\n');
    expect(out(sh, 'kubectl annotate deploy web kubernetes.io/change-cause-')).toBe('deployment.apps/web annotated\n');
    expect(out(sh, 'kubectl annotate deploy web')).toBe('error: at least one annotation update is required\n');
  });
});

describe('kubectl create secret and configmap (kubectl/pkg/cmd/create/create_secret*.go, create_configmap.go)', () => {
  it('create secret generic s --from-literal=p=q makes an Opaque secret with base64 data', () => {
    const sh = session();
    expect(out(sh, 'kubectl create secret generic s --from-literal=p=q --from-literal=user=admin')).toContain('secret/s created\n');
    expect(out(sh, 'kubectl get secret s -o jsonpath={.type}/{.data.p}/{.data.user}')).toBe('Opaque/cQ==/YWRtaW4=');
    expect(out(sh, 'kubectl get secret s')).toMatch(/^NAME {3}TYPE {5}DATA {3}AGE\ns {6}Opaque {3}2 {6}\d+s\n$/);
  });
  it('--from-file takes a file (key = its name, or key=path) and rejects a missing one', () => {
    const sh = session({ 'app.properties': 'color=blue\n' });
    expect(out(sh, 'kubectl create configmap cfg --from-file=app.properties --from-file=conf=app.properties --from-literal=mode=dev')).toBe('configmap/cfg created\n');
    expect(out(sh, "kubectl get cm cfg -o jsonpath='{.data.app\\.properties}|{.data.conf}|{.data.mode}'")).toBe('color=blue\n|color=blue\n|dev');
    expect(out(sh, 'kubectl create secret generic s2 --from-file=missing.txt')).toBe('error: error reading missing.txt: no such file or directory\n');
    expect(out(sh, 'kubectl create secret generic s3 --from-literal=nokey')).toBe('error: invalid literal source nokey, expected key=value\n');
  });
  it('docker-registry writes .dockerconfigjson with auth = base64(user:password)', () => {
    const sh = session();
    expect(out(sh, 'kubectl create secret docker-registry reg --docker-username=u --docker-password=p')).toContain('secret/reg created\n');
    const data = out(sh, "kubectl get secret reg -o jsonpath='{.type} {.data.\\.dockerconfigjson}'");
    const [type, b64] = data.split(' ');
    expect(type).toBe('kubernetes.io/dockerconfigjson');
    expect(atob(b64!)).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}');
    expect(out(sh, 'kubectl create secret docker-registry reg2')).toBe('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n');
  });
  it('tls needs --cert and --key with PEM data', () => {
    const sh = session({ 'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', 'bad.crt': 'hello' });
    expect(out(sh, 'kubectl create secret tls t --cert=tls.crt --key=tls.key')).toContain('secret/t created\n');
    expect(out(sh, 'kubectl get secret t -o jsonpath={.type}')).toBe('kubernetes.io/tls');
    expect(out(sh, 'kubectl create secret tls t2 --cert=bad.crt --key=tls.key')).toBe('error: tls: failed to find any PEM data in certificate input\n');
    expect(out(sh, 'kubectl create secret tls t3')).toBe('error: required flag(s) "cert", "key" not set\n');
  });
});

describe('kubectl auth (kubectl/pkg/cmd/auth)', () => {
  it('can-i answers yes for the kind admin (cluster-admin), warning about unknown types', () => {
    const sh = session();
    expect(out(sh, 'kubectl auth can-i create deployments')).toBe('yes\n');
    expect(out(sh, 'kubectl auth can-i delete pods -n kube-system')).toBe('yes\n');
    expect(out(sh, 'kubectl auth can-i get frobs')).toBe("Warning: the server doesn't have a resource type 'frobs'\nyes\n");
    expect(out(sh, 'kubectl auth whoami')).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  });
});

describe('kubectl events (kubectl/pkg/cmd/events)', () => {
  it('lists the namespace events oldest first with Kind/name, and --for narrows to one object', () => {
    const sh = webSession();
    const t = out(sh, 'kubectl events');
    const lines = t.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(t).toMatch(/Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-/);
    const pod = podNames(sh)[0]!;
    const forPod = out(sh, `kubectl events --for pod/${pod}`);
    expect(forPod).toContain(`Pod/${pod}`);
    expect(forPod).not.toContain('Deployment/web');
    expect(out(sh, 'kubectl events -n kube-public')).toBe('No events found in kube-public namespace.\n');
  });
});

describe('kubectl get --sort-by (kubectl/pkg/cmd/get/sorter.go)', () => {
  it('sorts by a JSONPath, relaxed from .a.b, and reports a field no object has', () => {
    const sh = webSession();
    const byName = out(sh, 'kubectl get pods -o name');
    const rev = out(sh, 'kubectl get pods --sort-by=.metadata.name -o name');
    expect(rev).toBe(byName);
    const byTime = out(sh, "kubectl get events --sort-by='{.lastTimestamp}' -o jsonpath='{range .items[*]}{.lastTimestamp}{\"\\n\"}{end}'").trimEnd().split('\n');
    expect([...byTime].sort()).toEqual(byTime);
    expect(out(sh, 'kubectl get pods --sort-by=.spec.nope')).toBe('error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n');
  });
});
