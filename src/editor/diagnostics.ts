/**
 * Editor markers from the simulator's own validators: the compose loader
 * behind `docker compose config`, kubectl's manifest decoder plus the API
 * server's strict decoding and validation behind `kubectl apply`, and the
 * Dockerfile parser behind `docker compose build`. The editor therefore shows
 * the very error, at the very line and column, that the terminal prints.
 * Pure: no DOM, no Monaco; runs on unsaved text.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { simError, type SimError, type SimPosition } from '../sim/errors.ts';
import { COMPOSE_FILE_NAMES, loadProject } from '../sim/compose/load/index.ts';
import { locate, type ParsedFile } from '../sim/compose/load/yaml.ts';
import { parseDockerfile } from '../sim/compose/engine/dockerfile.ts';
import { decodeManifests } from '../sim/k8s/apiserver/decode.ts';
import { kindFor } from '../sim/k8s/apiserver/index.ts';
import { unknownFields } from '../sim/k8s/apiserver/schema.ts';
import { clone, validateMeta } from '../sim/k8s/apiserver/meta.ts';
import { dns1123Subdomain } from '../sim/k8s/apiserver/names.ts';
import type { KubeObject } from '../sim/k8s/api/types.ts';
import { Vfs } from '../sim/vfs.ts';

export type FileKind = 'compose' | 'manifest' | 'dockerfile' | 'yaml' | 'text';

export interface Diagnostic {
  message: string;
  severity: 'error' | 'warning';
  /** 1-based; line 1, column 1 when the validator gives no position. */
  line: number;
  col: number;
  /** Where the message comes from, as the learner would see it: `docker compose config`, `kubectl apply -f` … */
  source: string;
}

/** What a file is, from its name and (for YAML) its content. */
export function fileKind(path: string, text = ''): FileKind {
  const base = Vfs.basename(path);
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.dockerfile$/i.test(base)) return 'dockerfile';
  if (!/\.ya?ml$/i.test(base)) return 'text';
  if (COMPOSE_FILE_NAMES.includes(base) || /^(docker-)?compose[.-].+\.ya?ml$/.test(base)) return 'compose';
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'manifest';
  if (/^services\s*:/m.test(text)) return 'compose';
  return 'yaml';
}

const toDiag = (e: SimError, source: string, pos?: SimPosition): Diagnostic => ({
  message: e.message,
  severity: e.severity === 'warning' ? 'warning' : 'error',
  line: (pos ?? e.pos)?.line ?? 1,
  col: (pos ?? e.pos)?.col ?? 1,
  source,
});

/**
 * Problems in `text` as the content of `path`. `vfs` supplies the rest of the
 * project (other compose files, .env, build contexts); it is not changed.
 */
export function diagnose(path: string, text: string, vfs: Vfs, env: Record<string, string> = {}): Diagnostic[] {
  const kind = fileKind(path, text);
  if (kind === 'compose') return diagnoseCompose(path, text, vfs, env);
  if (kind === 'manifest') return diagnoseManifest(path, text);
  if (kind === 'dockerfile') {
    const r = parseDockerfile(text);
    return r.ok ? [] : r.errors.map((e) => toDiag(e, 'docker compose build'));
  }
  if (kind === 'yaml') {
    // Plain YAML: syntax only, in go-yaml's words as kubectl would print them.
    const d = decodeManifests(text, Vfs.basename(path));
    return d.fatal ? d.errors.map((e) => toDiag(e, 'yaml')) : [];
  }
  return [];
}

function diagnoseCompose(path: string, text: string, vfs: Vfs, env: Record<string, string>): Diagnostic[] {
  // A scratch copy of the project with the unsaved text in place: the loader reads files, and the real ones must not change.
  const scratch = new Vfs();
  const dir = Vfs.dirname(path);
  for (const f of vfs.walk(dir)) scratch.writeFile(f, vfs.readFile(f)!);
  scratch.writeFile(path, text);
  const r = loadProject(scratch, { cwd: dir, files: [path], env });
  const source = 'docker compose config';
  if (!r.ok) return r.errors.filter((e) => !e.file || e.file === path).map((e) => toDiag(e, source));
  return (r.warnings ?? []).filter((w) => w.file === path && w.code !== 'NOT_SIMULATED').map((w) => toDiag({ ...w, severity: 'warning' }, source));
}

/** `spec.template.spec.containers[0].image` → ['spec', 'template', 'spec', 'containers', 0, 'image'] */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function diagnoseManifest(path: string, text: string): Diagnostic[] {
  const file = Vfs.basename(path);
  const decoded = decodeManifests(text, file);
  const source = 'kubectl apply -f';
  if (decoded.fatal) return decoded.errors.map((e) => toDiag(e, source));
  const out: Diagnostic[] = decoded.errors.map((e) => toDiag(e, source));
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const parsed: ParsedFile = { file, value, doc: doc as Document, lines };
    out.push(...checkObject(value as KubeObject, parsed, source));
  }
  return out;
}

/** The API server's checks for a create: strict decoding, then defaulting and validation. */
function checkObject(obj: KubeObject, parsed: ParsedFile, source: string): Diagnostic[] {
  const d = obj.apiVersion && obj.kind ? kindFor(obj.apiVersion, obj.kind) : undefined;
  if (!d) return [];
  const out: Diagnostic[] = [];
  const unknown = unknownFields(obj, d.schema);
  if (unknown.length) {
    const version = d.apiVersion.split('/').pop();
    const message = `Error from server (BadRequest): error when creating "${parsed.file}": ${d.kind} in version "${version}" cannot be handled as a ${d.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
    for (const f of unknown) out.push(toDiag(simError('BadRequest', message), source, locate(parsed, fieldPath(f), true)));
    return out;
  }
  const o = clone(obj);
  o.metadata ??= { name: '' };
  d.defaults?.(o);
  const causes = [...validateMeta(o.metadata, d.namespaced, d.nameRule ?? dns1123Subdomain), ...(d.validate?.(o) ?? [])];
  if (!causes.length) return out;
  for (const c of causes) {
    // kubectl prints the whole Invalid status; each marker sits on its own field.
    out.push(toDiag(simError('Invalid', `The ${d.kind} "${o.metadata.name}" is invalid: ${c.field}: ${c.message}`), source, locate(parsed, fieldPath(c.field))));
  }
  return out;
}
