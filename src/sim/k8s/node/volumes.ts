/**
 * The kubelet's volume manager, reduced to what a learner sees: each of a
 * pod's volumes set up (pkg/volume/{emptydir,configmap,secret,projected,
 * downwardapi,hostpath} SetUpAt) before the sandbox exists, or the first
 * failure as the operation executor words it:
 * `MountVolume.SetUp failed for volume "x" : configmap "y" not found`.
 * ConfigMap, Secret, projected and downward API volumes are mounted
 * read-only, as the kubelet has done since 1.10, and written by the atomic
 * writer: a periodic pod resync rewrites them with the objects' current data
 * (refreshVolumes), while a subPath mount keeps the file it was bound to when
 * the container started.
 */
import type { ConfigMap, KeyToPath, Pod, Volume } from '../api/types.ts';
import type { VolumeDir } from '../../containers/mounts.ts';
import type { ClaimView, SecretView, VolumeView } from './client.ts';

export interface VolumeWorld {
  configMap(name: string): ConfigMap | undefined;
  secret(name: string): SecretView | undefined;
  claim(name: string): ClaimView | undefined;
  persistentVolume(name: string): VolumeView | undefined;
  /** A directory of the node's disk. */
  hostDir(path: string): VolumeDir;
  /** The pod's emptyDir of that name (kept for the pod's lifetime). */
  emptyDir(name: string): VolumeDir;
  /** A downward API field of the pod. */
  field(path: string): string;
  /** A bound service account token (a JWT) for this pod, issued now; its text is made when the file is first read. */
  token(audience: string | undefined, expirationSeconds: number): LazyText;
}

/** A file's text, made when first read: the same text whenever that is. */
export type LazyText = () => string;

/**
 * A volume the atomic writer fills (configMap, secret, projected, downwardAPI). A file may be lazy: the service account
 * token every pod mounts (a ~1 KB JWT and its hashes, 4% of the CPU of starting a pod) is made when first read,
 * which few pods ever are, and stays lazy across resyncs until then.
 */
export class AtomicDir implements VolumeDir {
  readonly #files: Map<string, string | LazyText>;

  constructor(files: Map<string, string | LazyText> = new Map()) {
    this.#files = files;
  }

  get(path: string): string | undefined {
    const v = this.#files.get(path);
    if (typeof v !== 'function') return v;
    const text = v();
    this.#files.set(path, text);
    return text;
  }

  /** What the file holds, a lazy text still lazy: what a resync compares and keeps. */
  entry(path: string): string | LazyText | undefined {
    return this.#files.get(path);
  }

  set(path: string, text: string | LazyText): void {
    this.#files.set(path, text);
  }

  delete(path: string): boolean {
    return this.#files.delete(path);
  }

  keys(): IterableIterator<string> {
    return this.#files.keys();
  }

  /** The files as they are now, for a subPath mount that keeps what it was bound to (a lazy file made when read, the same text). */
  snapshot(): AtomicDir {
    return new AtomicDir(new Map(this.#files));
  }
}

export type MountedVolume =
  /** Written by the atomic writer: refreshed on resync, mounted read-only whatever the volumeMount says; a subPath mount binds a snapshot. */
  | { dir: AtomicDir; readOnly: true; atomic: true }
  | { dir: VolumeDir; readOnly: boolean; atomic?: false };

export type SetUpResult = { ok: true; volumes: Map<string, MountedVolume> } | { ok: false; message: string };

/** base64 as the API serves Secret data, to the bytes the file holds (UTF-8 text here). */
export function decodeBase64(b64: string): string {
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return b64;
  }
}

type Files = Map<string, string | LazyText>;
type Payload = { ok: true; files: Files } | { ok: false; message: string };

/** MakePayload: every key, or just the listed items; a listed key that is missing fails unless optional. */
function payload(data: Record<string, string>, items: KeyToPath[] | undefined, optional: boolean, missingKey: (k: string) => string): Payload {
  const files: Files = new Map();
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) files.set(k, v);
    return { ok: true, files };
  }
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, message: missingKey(it.key) };
    }
    files.set(it.path, v);
  }
  return { ok: true, files };
}

function configMapFiles(w: VolumeWorld, name: string, items: KeyToPath[] | undefined, optional: boolean): Payload {
  const cm = w.configMap(name);
  if (!cm) return optional ? { ok: true, files: new Map() } : { ok: false, message: `configmap "${name}" not found` };
  const data: Record<string, string> = { ...cm.data };
  for (const [k, v] of Object.entries((cm as ConfigMap & { binaryData?: Record<string, string> }).binaryData ?? {})) data[k] = decodeBase64(v);
  return payload(data, items, optional, (k) => `configmap references non-existent config key: ${k}`);
}

function secretFiles(w: VolumeWorld, name: string, items: KeyToPath[] | undefined, optional: boolean): Payload {
  const s = w.secret(name);
  if (!s) return optional ? { ok: true, files: new Map() } : { ok: false, message: `secret "${name}" not found` };
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeBase64(v);
  // stringData is write-only in a real API server (merged into data); a stored one is honoured here.
  Object.assign(data, s.stringData ?? {});
  return payload(data, items, optional, (k) => `references non-existent secret key: ${k}`);
}

function downwardFiles(w: VolumeWorld, items: { path: string; fieldRef?: { fieldPath: string } }[] | undefined): Files {
  const files: Files = new Map();
  for (const it of items ?? []) if (it.fieldRef) files.set(it.path, w.field(it.fieldRef.fieldPath));
  return files;
}

function setUpOne(v: Volume, ns: string, w: VolumeWorld): { ok: true; volume: MountedVolume } | { ok: false; message: string } {
  if (v.configMap || v.secret || v.downwardAPI || v.projected) {
    const p = atomicFiles(v, w)!;
    return p.ok ? { ok: true, volume: { dir: new AtomicDir(p.files), readOnly: true, atomic: true } } : p;
  }
  if (v.hostPath) return { ok: true, volume: { dir: w.hostDir(v.hostPath.path), readOnly: false } };
  if (v.persistentVolumeClaim) {
    const name = v.persistentVolumeClaim.claimName;
    const claim = w.claim(name);
    // The desired-state populator's errors (pkg/kubelet/volumemanager/populator).
    if (!claim) return { ok: false, message: `error processing PVC ${ns}/${name}: failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found` };
    const pvName = claim.spec?.volumeName ?? '';
    if (claim.status?.phase !== 'Bound' || !pvName) return { ok: false, message: `error processing PVC ${ns}/${name}: PVC ${ns}/${name} has non-bound phase ("${claim.status?.phase ?? 'Pending'}") or empty pvc.Spec.VolumeName ("${pvName}")` };
    const pv = w.persistentVolume(pvName);
    if (!pv) return { ok: false, message: `error processing PVC ${ns}/${name}: failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found` };
    // kind's local-path provisioner makes hostPath volumes on the node; any other volume keeps its data under its own name here.
    const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path ?? `/var/lib/kubelet/plugins/kubernetes.io/pv/${pvName}`;
    return { ok: true, volume: { dir: w.hostDir(path), readOnly: !!v.persistentVolumeClaim.readOnly } };
  }
  // emptyDir, and any volume type not modelled, is a directory that lives as long as the pod.
  return { ok: true, volume: { dir: w.emptyDir(v.name), readOnly: false } };
}

/** What the atomic writer puts in a configMap, secret, downwardAPI or projected volume now; undefined for other types. */
function atomicFiles(v: Volume, w: VolumeWorld, old?: AtomicDir): Payload | undefined {
  if (v.configMap) return configMapFiles(w, v.configMap.name, v.configMap.items, !!v.configMap.optional);
  if (v.secret) return secretFiles(w, v.secret.secretName, v.secret.items, !!v.secret.optional);
  if (v.downwardAPI) return { ok: true, files: downwardFiles(w, v.downwardAPI.items) };
  if (!v.projected) return undefined;
  const files: Files = new Map();
  for (const src of v.projected.sources ?? []) {
    let p: Payload = { ok: true, files: new Map() };
    if (src.configMap) p = configMapFiles(w, src.configMap.name, src.configMap.items, !!src.configMap.optional);
    else if (src.secret) p = secretFiles(w, src.secret.name, src.secret.items, !!src.secret.optional);
    else if (src.downwardAPI) p = { ok: true, files: downwardFiles(w, src.downwardAPI.items) };
    else if (src.serviceAccountToken) {
      // The token is renewed only near 80% of its lifetime (the token manager), not on every resync: the one mounted is kept.
      const path = src.serviceAccountToken.path;
      p = { ok: true, files: new Map([[path, old?.entry(path) ?? w.token(src.serviceAccountToken.audience, src.serviceAccountToken.expirationSeconds ?? 3600)]]) };
    }
    if (!p.ok) return p;
    for (const [k, val] of p.files) files.set(k, val);
  }
  return { ok: true, files };
}

/** Whether the pod has a volume the periodic resync rewrites. */
export function hasAtomicVolumes(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => v.configMap || v.secret || v.downwardAPI || v.projected);
}

/**
 * The periodic resync of the atomic writer's volumes: each one's contents become what the objects hold now, in place,
 * so every container (not its subPath mounts) sees the new files. A source that now fails keeps the old files; its
 * error is returned for the FailedMount event.
 */
export function refreshVolumes(pod: Pod, volumes: Map<string, MountedVolume>, w: VolumeWorld): { volume: string; message: string }[] {
  const errors: { volume: string; message: string }[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const mounted = volumes.get(v.name);
    if (!mounted?.atomic) continue;
    const p = atomicFiles(v, w, mounted.dir);
    if (!p) continue;
    if (!p.ok) {
      errors.push({ volume: v.name, message: p.message });
      continue;
    }
    for (const k of [...mounted.dir.keys()]) if (!p.files.has(k)) mounted.dir.delete(k);
    for (const [k, val] of p.files) if (mounted.dir.entry(k) !== val) mounted.dir.set(k, val);
  }
  return errors;
}

/** Sets up every volume of the pod, or says which one failed and why (the first, as the event names it). */
export function setUpVolumes(pod: Pod, w: VolumeWorld): SetUpResult & { volume?: string; claim?: boolean } {
  const ns = pod.metadata.namespace ?? 'default';
  const volumes = new Map<string, MountedVolume>();
  for (const v of pod.spec.volumes ?? []) {
    const r = setUpOne(v, ns, w);
    if (!r.ok) return { ok: false, message: r.message, volume: v.name, claim: !!v.persistentVolumeClaim };
    volumes.set(v.name, r.volume);
  }
  return { ok: true, volumes };
}
