import type { ConfigMap, KubeObject, Namespace } from '../api/types.ts';
import { QueueController } from './controller.ts';

/** The cluster CA as kubeadm wrote it for this simulated cluster (a fixed, illustrative certificate). */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIKnVIZqmNjJkwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjAxMTUwODU1MDBaFw0zNjAxMTMwOTAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDJc2ltdWxhdGVkIGNsdXN0ZXIgQ0EgZm9yIGt1YmUtbGVzc29ucy4gTm90
IGEgcmVhbCBrZXkuIEl0IG9ubHkgaGFzIHRoZSBzaGFwZSBvZiBvbmUuAAAAAAAA
-----END CERTIFICATE-----
`;

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const active = (n: Namespace | undefined) => !!n && !n.metadata.deletionTimestamp;

/**
 * pkg/controller/serviceaccount ServiceAccountsController: every active
 * namespace has a `default` ServiceAccount, made again if deleted.
 */
export class ServiceAccountsController extends QueueController {
  readonly name = 'serviceaccount';

  protected watchAll(): void {
    this.watch('namespaces', (t, n) => t !== 'DELETED' && this.enqueue(n.metadata.name));
    this.watch('serviceaccounts', (t, sa: KubeObject) => t === 'DELETED' && sa.metadata.name === 'default' && sa.metadata.namespace && this.enqueue(sa.metadata.namespace));
  }

  protected allKeys(): string[] {
    return this.lister('namespaces').list().filter(active).map((n) => n.metadata.name);
  }

  protected sync(ns: string): void {
    // From the shared informers (nsLister, saLister), as upstream: a resync every 30 s costs no request.
    if (!active(this.lister('namespaces').get(undefined, ns))) return;
    if (this.lister('serviceaccounts').get(ns, 'default')) return;
    this.client.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
}

/**
 * pkg/controller/certificates/rootcacertpublisher: every active namespace has
 * the `kube-root-ca.crt` ConfigMap with the cluster CA (ca.crt), which the
 * projected service-account volume mounts; put back if deleted or changed.
 */
export class RootCACertPublisher extends QueueController {
  readonly name = 'root-ca-cert-publisher';

  protected watchAll(): void {
    this.watch('namespaces', (t, n) => t !== 'DELETED' && this.enqueue(n.metadata.name));
    this.watch('configmaps', (_t, cm: ConfigMap) => cm.metadata.name === ROOT_CA_CONFIGMAP && cm.metadata.namespace && this.enqueue(cm.metadata.namespace));
  }

  protected allKeys(): string[] {
    return this.lister('namespaces').list().filter(active).map((n) => n.metadata.name);
  }

  protected sync(ns: string): void {
    // From the shared informers (nsLister, cmLister), as upstream.
    if (!active(this.lister('namespaces').get(undefined, ns))) return;
    const cm = this.lister('configmaps').get(ns, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': CLUSTER_CA_PEM };
    if (!cm) {
      this.client.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data });
      return;
    }
    if (cm.data?.['ca.crt'] !== CLUSTER_CA_PEM) this.client.update('configmaps', { ...cm, data: { ...cm.data, ...data } });
  }
}
