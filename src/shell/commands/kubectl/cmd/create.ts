/**
 * `kubectl create -f` and the generators (`create deployment|namespace|
 * service clusterip|nodeport|job|configmap`), plus `kubectl run`: each builds
 * the object kubectl's generator would and creates it through the API.
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { createFromFiles } from './apply.ts';
import { dataFromSources, secretFor } from './secret.ts';
import { resourceForKind } from '../resources.ts';
import { apiError, clientError, printResult, warningPrinter, type Kctx, type Subcommand } from './context.ts';
import { asTyped } from './typed.ts';

/** The container name kubectl derives from an image: its last path part, tag and digest dropped. */
export function containerNameFromImage(image: string): string {
  const base = image.split('@')[0]!.split('/').pop()!;
  return base.split(':')[0]!;
}

/** A generator's object: with -n it carries that namespace (EnforceNamespace); --dry-run=client prints it as the typed object kubectl built. */
export function createGenerated(k: Kctx, obj: KubeObject): number {
  if (k.args.namespace && resourceForKind(obj.kind)?.namespaced !== false) obj = { ...obj, metadata: { ...obj.metadata, namespace: k.args.namespace } };
  const r = k.api.create(k.args.dryRun === 'client' ? asTyped(obj) : obj, { namespace: k.ns });
  warningPrinter(k)(r);
  if (!r.ok) return apiError(k, r.errors[0]);
  k.flush();
  return printResult(k, r.value, 'created');
}

function oneName(k: Kctx, names: string[]): string | number {
  if (names.length !== 1) return clientError(k, `exactly one NAME is required, got ${names.length}`);
  return names[0]!;
}

function images(k: Kctx): string[] {
  const v = k.args.flags['image'];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

function deployment(k: Kctx, name: string): number {
  const imgs = images(k);
  if (!imgs.length) return clientError(k, 'required flag(s) "image" not set');
  const labels = { app: name };
  const port = k.args.port ? Number(k.args.port) : undefined;
  const containers = imgs.map((image) => ({ name: containerNameFromImage(image), image, ...(port ? { ports: [{ containerPort: port }] } : {}) }));
  return createGenerated(k, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: { replicas: k.args.replicas ?? 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
  } as KubeObject);
}

function service(k: Kctx, type: string, name: string): number {
  const tcp = (k.args.flags['tcp'] as string[] | undefined) ?? [];
  if (!tcp.length) return clientError(k, 'at least one tcp port specifier must be provided');
  const ports = [];
  for (const spec of tcp) {
    const [port, target] = spec.split(':');
    if (!port || !/^\d+$/.test(port) || (target !== undefined && !target)) return clientError(k, `invalid port: ${spec}`);
    const targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : Number(port);
    ports.push({ name: `${port}-${target ?? port}`, port: Number(port), protocol: 'TCP', targetPort });
  }
  const labels = { app: name };
  return createGenerated(k, { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { type: type === 'nodeport' ? 'NodePort' : 'ClusterIP', selector: labels, ports } } as KubeObject);
}

function job(k: Kctx, name: string): number {
  const image = images(k)[0];
  if (!image) return clientError(k, 'required flag(s) "image" not set');
  const command = k.args.dashArgs;
  return createGenerated(k, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { metadata: {}, spec: { containers: [{ name, image, ...(command.length ? { command } : {}) }], restartPolicy: 'Never' } } },
  } as KubeObject);
}

/** create_cronjob.go: image and schedule are required; the Job template restarts OnFailure unless --restart says otherwise. */
function cronjob(k: Kctx, name: string): number {
  const image = images(k)[0];
  const schedule = k.args.flags['schedule'] as string | undefined;
  const missing = [...(image ? [] : ['"image"']), ...(schedule ? [] : ['"schedule"'])];
  if (missing.length) return clientError(k, `required flag(s) ${missing.join(', ')} not set`);
  const restart = (k.args.flags['restart'] as string | undefined) ?? 'OnFailure';
  const command = k.args.dashArgs;
  return createGenerated(k, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, jobTemplate: { metadata: { name }, spec: { template: { metadata: {}, spec: { containers: [{ name, image, ...(command.length ? { command } : {}) }], restartPolicy: restart } } } } },
  } as KubeObject);
}

function configmap(k: Kctx, name: string): number {
  const data = dataFromSources(k, 'ConfigMap', name);
  if (!data.ok) return clientError(k, data.errors[0].message);
  return createGenerated(k, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: data.value } as KubeObject);
}

const SECRET_TYPES = ['docker-registry', 'generic', 'tls'];

export const create: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  if (k.args.filenames.length) return createFromFiles(k);
  if (!sub) return clientError(k, 'must specify one of -f and -k');
  if (sub === 'service' || sub === 'svc') {
    const [type, ...names] = rest;
    if (type !== 'clusterip' && type !== 'nodeport') return clientError(k, `unknown command "${type ?? ''}" for "kubectl create service"`);
    const name = oneName(k, names);
    return typeof name === 'number' ? name : service(k, type, name);
  }
  if (sub === 'secret') {
    // `create secret generic|tls|docker-registry NAME`: the type is a subcommand, not a name.
    const [type, ...names] = rest;
    if (!type || !SECRET_TYPES.includes(type)) return clientError(k, type ? `unknown command "${type}" for "kubectl create secret"` : 'you must specify the type of secret to create: docker-registry, generic or tls');
    const name = oneName(k, names);
    if (typeof name === 'number') return name;
    const s = secretFor(k, type, name);
    return s.ok ? createGenerated(k, s.value) : clientError(k, s.errors[0].message);
  }
  const name = oneName(k, rest);
  if (typeof name === 'number') return name;
  switch (sub) {
    case 'deployment':
    case 'deploy':
      return deployment(k, name);
    case 'namespace':
    case 'ns':
      return createGenerated(k, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject);
    case 'job':
      return job(k, name);
    case 'cronjob':
    case 'cj':
      return cronjob(k, name);
    case 'configmap':
    case 'cm':
      return configmap(k, name);
    case 'serviceaccount':
    case 'sa':
      return createGenerated(k, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } } as KubeObject);
    // kubectl's other generators: real commands, answered without a false error.
    case 'clusterrole':
    case 'clusterrolebinding':
    case 'ingress':
    case 'ing':
    case 'poddisruptionbudget':
    case 'pdb':
    case 'priorityclass':
    case 'pc':
    case 'quota':
    case 'resourcequota':
    case 'role':
    case 'rolebinding':
    case 'token':
      k.out(`note: kubectl create ${sub} is not simulated here (write the object in a YAML file and kubectl apply -f it)\n`);
      return 0;
    default:
      return clientError(k, `unknown command "${sub}" for "kubectl create"`);
  }
};

