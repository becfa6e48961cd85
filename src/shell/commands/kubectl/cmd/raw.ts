/**
 * `kubectl get --raw PATH`: a GET of a URL path on the API server, its body
 * printed as it came (rawhttp.RawGet). Modelled: the health endpoints
 * (/healthz, /livez, /readyz, with ?verbose and /readyz/<check>), /version,
 * /api, and object paths (/api/v1/namespaces/default/pods[/NAME],
 * /apis/apps/v1/...), served as the API server's compact JSON. Discovery
 * documents, /metrics and /openapi are answered "not simulated here".
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { RESOURCES } from '../resources.ts';
import { apiError, warningPrinter, type Kctx } from './context.ts';

/** The checks of a v1.33 kube-apiserver, in the order it lists them; livez has all but the readiness ones. */
const HOOKS = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter',
  'storage-object-count-tracker-hook',
  'start-apiextensions-informers',
  'start-apiextensions-controllers',
  'crd-informer-synced',
  'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer',
  'bootstrap-controller',
  'start-kubernetes-service-cidr-controller',
  'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers',
  'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller',
  'apiservice-registration-controller',
  'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((h) => `poststarthook/${h}`);

export function healthChecks(endpoint: 'healthz' | 'livez' | 'readyz'): string[] {
  const ready = endpoint === 'readyz';
  return [
    'ping',
    'log',
    'etcd',
    ...(ready ? ['etcd-readiness', 'api-priority-and-fairness', 'informer-sync'] : []),
    ...HOOKS,
    'autoregister-completion',
    'poststarthook/apiservice-openapi-controller',
    'poststarthook/apiservice-openapiv3-controller',
    ...(ready ? ['shutdown'] : []),
  ];
}

/** The body the health handler writes: one line per check; a failing one always lists them all. */
export function healthBody(endpoint: 'healthz' | 'livez' | 'readyz', etcd: boolean, verbose: boolean, only?: string): { ok: boolean; body: string } {
  const checks = healthChecks(endpoint);
  const failed = (c: string) => !etcd && (c === 'etcd' || c === 'etcd-readiness');
  if (only !== undefined) {
    if (!checks.includes(only)) return { ok: false, body: '404 page not found\n' };
    return failed(only) ? { ok: false, body: 'internal server error: error getting data from etcd: context deadline exceeded\n' } : { ok: true, body: 'ok' };
  }
  const ok = !checks.some(failed);
  if (ok && !verbose) return { ok, body: 'ok' };
  const lines = checks.map((c) => (failed(c) ? `[-]${c} failed: reason withheld` : `[+]${c} ok`));
  return { ok, body: `${lines.join('\n')}\n${endpoint} check ${ok ? 'passed' : 'failed'}\n` };
}

const notFound = 'Error from server (NotFound): the server could not find the requested resource\n';

/** A typed list on the wire: its items carry no kind or apiVersion of their own. */
function listBody(kind: string, apiVersion: string, resourceVersion: string, items: KubeObject[]): string {
  const bare = items.map(({ kind: _k, apiVersion: _v, ...rest }) => rest);
  return `${JSON.stringify({ kind: `${kind}List`, apiVersion, metadata: { resourceVersion }, items: bare })}\n`;
}

export function rawGet(k: Kctx, raw: string): number {
  if (k.args.args.length) {
    k.err('error: arguments may not be passed when --raw is specified\n');
    return 1;
  }
  if (k.args.watch || k.args.flags['watch-only'] === true || k.args.selector) {
    k.err('error: --raw may not be specified with other flags that filter the server request or alter the output\n');
    return 1;
  }
  if (k.args.output) {
    k.err('error: --raw and --output are mutually exclusive\n');
    return 1;
  }
  // url.ParseRequestURI: an absolute path (or an absolute URL).
  if (!raw.startsWith('/')) {
    k.err(`error: --raw must be a valid URL path: parse "${raw}": invalid URI for request\n`);
    return 1;
  }
  const [path, query = ''] = raw.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const top = parts[0] ?? '';

  if (top === 'healthz' || top === 'livez' || top === 'readyz') {
    const r = k.api.health(top);
    if (!r.ok) return apiError(k, r.errors[0]);
    const h = healthBody(top, r.value.etcd, params.has('verbose'), parts[1] !== undefined ? parts.slice(1).join('/') : undefined);
    if (h.ok) {
      k.out(h.body);
      return 0;
    }
    if (h.body.startsWith('404')) {
      k.err(notFound);
      return 1;
    }
    // rest's error for a 500 with a plain-text body: the body, quoted as Go's %q does.
    k.err(`Error from server (InternalError): an error on the server (${JSON.stringify(h.body.replace(/\n$/, ''))}) has prevented the request from succeeding\n`);
    return 1;
  }
  if (top === 'version' && parts.length === 1) {
    const r = k.api.version();
    if (!r.ok) return apiError(k, r.errors[0]);
    const [major, minor] = r.value.gitVersion.replace(/^v/, '').split('.');
    const v = { major, minor, emulationMajor: major, emulationMinor: minor, minCompatibilityMajor: major, minCompatibilityMinor: String(Number(minor) - 1), gitVersion: r.value.gitVersion, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: 'go1.24.5', compiler: 'gc', platform: 'linux/amd64' };
    k.out(`${JSON.stringify(v, null, 2)}\n`);
    return 0;
  }
  if (top === 'api' && parts.length === 1) {
    const r = k.api.version();
    if (!r.ok) return apiError(k, r.errors[0]);
    k.out(`${JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] })}\n`);
    return 0;
  }
  // /api/v1/[namespaces/NS/]RESOURCE[/NAME] and /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME]
  if (top === 'api' || top === 'apis') {
    const o = objectPath(parts);
    if (o && o !== 'discovery') return getObject(k, o);
    if (!o) {
      k.err(notFound);
      return 1;
    }
  } else if (!['metrics', 'openapi', 'logs', 'debug'].includes(top)) {
    k.err(notFound);
    return 1;
  }
  k.out(`note: GET ${path} is not simulated here (kubectl api-resources, kubectl version and object paths such as /api/v1/namespaces/default/pods are)\n`);
  return 0;
}

interface ObjectPath {
  resource: (typeof RESOURCES)[number];
  namespace?: string;
  name?: string;
}

function objectPath(parts: string[]): ObjectPath | 'discovery' | undefined {
  let group = '';
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  if (!version || rest.length === 0) return 'discovery';
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = RESOURCES.find((r) => r.resource === rest[0] && r.group === group && r.version === version);
  if (!resource || rest.length > 2 || (namespace && !resource.namespaced)) return undefined;
  return { resource, namespace, name: rest[1] };
}

function getObject(k: Kctx, p: ObjectPath): number {
  const warn = warningPrinter(k);
  const apiVersion = p.resource.group ? `${p.resource.group}/${p.resource.version}` : p.resource.version;
  if (p.name) {
    const r = k.api.get(p.resource.resource, p.namespace, p.name);
    warn(r);
    if (!r.ok) return apiError(k, r.errors[0]);
    k.out(`${JSON.stringify(r.value)}\n`);
    return 0;
  }
  const r = k.api.list(p.resource.resource, p.namespace);
  warn(r);
  if (!r.ok) return apiError(k, r.errors[0]);
  k.out(listBody(p.resource.kind, apiVersion, r.value.metadata.resourceVersion, r.value.items));
  return 0;
}
