import { Vfs } from '../../vfs.ts';
import type { VolumeMount } from '../types.ts';

export type MountResult = { ok: true; value: VolumeMount } | { ok: false; error: string };

const MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated', 'private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);

/** A source is a host path when it looks like one; otherwise it names a volume. */
function isPath(s: string): boolean {
  return s.startsWith('/') || s.startsWith('.') || s.startsWith('~');
}

/**
 * Short syntax `[source:]target[:mode,...]`. Bind sources are resolved against
 * the project directory into absolute virtual paths.
 */
export function parseVolumeSpec(spec: string, projectDir: string, home?: string): MountResult {
  const parts = spec.split(':');
  if (parts.length > 3 || parts.some((p) => p === '')) return { ok: false, error: `invalid spec: ${spec}: too many colons` };
  if (parts.length === 1) {
    if (!parts[0]!.startsWith('/')) return { ok: false, error: `invalid volume specification: '${spec}'` };
    return { ok: true, value: { type: 'volume', target: parts[0]!, readOnly: false } };
  }
  const [source, target, mode = ''] = parts as [string, string, string?];
  const modes = mode === '' ? [] : mode.split(',');
  if (modes.some((m) => !MODES.has(m))) return { ok: false, error: `invalid mode: ${mode}` };
  if (!target.startsWith('/')) return { ok: false, error: `invalid volume specification: '${spec}'` };
  const readOnly = modes.includes('ro');
  if (isPath(source)) return { ok: true, value: { type: 'bind', source: Vfs.resolve(projectDir, source, home), target, readOnly } };
  return { ok: true, value: { type: 'volume', source, target, readOnly } };
}

/** Long syntax; binds are resolved like the short form. */
export function parseVolumeObject(o: { type: string; source?: string; target?: string; read_only?: boolean }, projectDir: string, home?: string): MountResult {
  if (o.type !== 'volume' && o.type !== 'bind' && o.type !== 'tmpfs') return { ok: false, error: `volume type ${o.type} is not simulated` };
  if (!o.target) return { ok: false, error: 'invalid mount config: must define a target' };
  if (o.type === 'bind' && !o.source) return { ok: false, error: `invalid mount config for type "bind": field Source must not be empty` };
  const m: VolumeMount = { type: o.type, target: o.target, readOnly: o.read_only ?? false };
  if (o.source) m.source = o.type === 'bind' ? Vfs.resolve(projectDir, o.source, home) : o.source;
  return { ok: true, value: m };
}
