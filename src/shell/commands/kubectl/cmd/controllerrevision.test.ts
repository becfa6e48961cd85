import { describe, expect, it } from 'vitest';
import { createSession } from '../../../session.ts';
import { out } from './testing.ts';

/**
 * StatefulSet history through ControllerRevisions, as pkg/controller/statefulset (getStatefulSetRevisions,
 * truncateHistory) and pkg/controller/history (ControllerRevisionName `<set>-<hash>`, the revision renumbered when an
 * old template comes back) keep it, and as kubectl reads it: printControllerRevision (NAME CONTROLLER REVISION AGE,
 * the controller as `statefulset.apps/web`), StatefulSetHistoryViewer/printHistory (REVISION CHANGE-CAUSE),
 * StatefulSetRollbacker ("no last revision to roll back to", "unable to find specified revision N in history",
 * "skipped rollback (current template already matches revision N)", "rolled back").
 */
const STS = ['apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: web', 'spec:', '  serviceName: nginx', '  replicas: 2', '  selector:', '    matchLabels:', '      app: nginx', '  template:', '    metadata:', '      labels:', '        app: nginx', '    spec:', '      containers:', '      - name: nginx', '        image: nginx:1.27', ''].join('\n');
const session = () => createSession({ seed: 1, dir: 'work', files: { 'sts.yaml': STS }, tty: { color: false, columns: 200 }, lang: 'en' });

describe('StatefulSet ControllerRevisions', () => {
  it('one revision per template, named as the pods\' controller-revision-hash, numbered 1, 2', () => {
    const sh = session();
    out(sh, 'kubectl apply -f sts.yaml');
    out(sh, 'sleep 60');
    const first = out(sh, 'kubectl get controllerrevisions');
    expect(first).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE\n(web-[a-z0-9]+)\s+statefulset\.apps\/web\s+1\s+60s\n$/);
    const rev1 = /\n(web-[a-z0-9]+)/.exec(first)![1]!;
    expect(out(sh, 'kubectl get pod web-0 -o jsonpath={.metadata.labels.controller-revision-hash}')).toBe(rev1);
    out(sh, 'kubectl set image sts/web nginx=nginx:1.28');
    out(sh, 'sleep 60');
    const rows = out(sh, 'kubectl get controllerrevisions --no-headers').trim().split('\n').map((l) => l.split(/\s+/));
    expect(rows.map((r) => r[2]).sort()).toEqual(['1', '2']);
    const rev2 = rows.find((r) => r[2] === '2')![0]!;
    expect(out(sh, 'kubectl get pod web-1 -o jsonpath={.metadata.labels.controller-revision-hash}')).toBe(rev2);
    expect(out(sh, 'kubectl get sts web -o jsonpath={.status.updateRevision}')).toBe(rev2);
  });

  it('rollout history and undo read and restore them; the restored template becomes revision 3', () => {
    const sh = session();
    out(sh, 'kubectl apply -f sts.yaml');
    out(sh, 'sleep 60');
    expect(out(sh, 'kubectl rollout undo sts/web')).toBe('error: no last revision to roll back to\n');
    out(sh, 'kubectl set image sts/web nginx=nginx:1.28');
    out(sh, 'sleep 60');
    expect(out(sh, 'kubectl rollout history sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(out(sh, 'kubectl rollout history sts/web --revision=2')).toContain('statefulset.apps/web with revision #2\nPod Template:\n  Labels:  app=nginx\n  Containers:\n   nginx:\n    Image:         nginx:1.28\n');
    expect(out(sh, 'kubectl rollout undo sts/web')).toBe('statefulset.apps/web rolled back\n');
    out(sh, 'sleep 60');
    expect(out(sh, 'kubectl get pods -o jsonpath={.items[*].spec.containers[0].image}')).toBe('nginx:1.27 nginx:1.27');
    expect(out(sh, 'kubectl rollout history sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(out(sh, 'kubectl rollout undo sts/web --to-revision=3')).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(out(sh, 'kubectl rollout undo sts/web --to-revision=9')).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('deleting the StatefulSet garbage-collects its revisions; api-resources lists the kind under apps', () => {
    const sh = session();
    out(sh, 'kubectl apply -f sts.yaml');
    out(sh, 'sleep 30');
    out(sh, 'kubectl delete sts web');
    out(sh, 'sleep 30');
    expect(out(sh, 'kubectl get controllerrevisions')).toBe('No resources found in default namespace.\n');
    expect(out(sh, 'kubectl api-resources --api-group=apps')).toMatch(/^controllerrevisions\s+apps\/v1\s+true\s+ControllerRevision$/m);
  });

  it('a DaemonSet has them too: kind\'s kube-proxy starts at revision 1; rollout history and undo ds work the same way', () => {
    // DaemonSetHistoryViewer and DaemonSetRollbacker share printHistory and the rollback steps with StatefulSets.
    const sh = session();
    expect(out(sh, 'kubectl get controllerrevisions -n kube-system')).toMatch(/\nkube-proxy-[a-z0-9]+\s+daemonset\.apps\/kube-proxy\s+1\s/);
    expect(out(sh, 'kubectl rollout history ds/kube-proxy -n kube-system')).toBe('daemonset.apps/kube-proxy \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(out(sh, 'kubectl rollout undo ds/kube-proxy -n kube-system')).toBe('error: no last revision to roll back to\n');
  });
});
