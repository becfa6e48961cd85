/**
 * The data generators of `kubectl create secret generic|tls|docker-registry`
 * and `kubectl create configmap`: --from-literal, --from-file (a file, a
 * directory, `key=path`), --from-env-file, as staging/src/k8s.io/kubectl/
 * pkg/cmd/create/create_secret*.go and create_configmap.go build them.
 */
import { fail, ok, simError, type Result } from '../../../../sim/errors.ts';
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { Vfs } from '../../../../sim/vfs.ts';
import type { Kctx } from './context.ts';

/** Standard base64 of the UTF-8 bytes, as Go's json.Marshal encodes []byte. */
export function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const strings = (k: Kctx, name: string): string[] => {
  const v = k.args.flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey, worded for the kind being built. */
function keyError(key: string, kind: string): string | undefined {
  if (CONFIG_KEY.test(key) && key !== '.' && key !== '..' && !key.startsWith('..') && key.length <= 253) return undefined;
  return `"${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`;
}

/** key → value from the --from-* flags, or an error in kubectl's words. */
export function dataFromSources(k: Kctx, kind: 'Secret' | 'ConfigMap', name: string): Result<Record<string, string>> {
  const bad = (message: string) => fail<Record<string, string>>(simError('BadSource', message));
  const data: Record<string, string> = {};
  const put = (key: string, value: string): string | undefined => {
    const bad = keyError(key, kind);
    if (bad) return bad;
    if (key in data) return kind === 'Secret' ? `cannot add key ${key}, another key by that name already exists in Data for Secret "${name}"` : `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`;
    data[key] = value;
    return undefined;
  };
  const { vfs } = k.ctx.world;
  for (const src of strings(k, 'from-file')) {
    const eq = src.indexOf('=');
    const [key, path] = eq >= 0 ? [src.slice(0, eq), src.slice(eq + 1)] : [undefined, src];
    if (key === '' || path === '') return bad(`key names or file paths cannot be empty`);
    const abs = Vfs.resolve(k.ctx.cwd, path);
    if (vfs.isDir(abs)) {
      if (key !== undefined) return bad('cannot give a key name for a directory path');
      for (const e of (vfs.list(abs) ?? []).filter((x) => !x.dir).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const err = put(e.name, vfs.readFile(`${abs}/${e.name}`) ?? '');
        if (err) return bad(err);
      }
      continue;
    }
    const text = vfs.readFile(abs);
    if (text === undefined) return bad(`error reading ${path}: no such file or directory`);
    const err = put(key ?? path.split('/').pop()!, text);
    if (err) return bad(err);
  }
  for (const lit of strings(k, 'from-literal')) {
    const eq = lit.indexOf('=');
    if (eq < 0) return bad(`invalid literal source ${lit}, expected key=value`);
    const err = put(lit.slice(0, eq), lit.slice(eq + 1));
    if (err) return bad(err);
  }
  for (const path of strings(k, 'from-env-file')) {
    const text = vfs.readFile(Vfs.resolve(k.ctx.cwd, path));
    if (text === undefined) return bad(`error reading ${path}: no such file or directory`);
    // env files: KEY=VALUE lines; blank lines and # comments skipped; a bare KEY takes the (empty) environment value.
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.replace(/^\uFEFF/, '').trim();
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) return bad(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${i + 1})`);
      const err = put(key, eq >= 0 ? line.slice(eq + 1) : '');
      if (err) return bad(err);
    }
  }
  return ok(data);
}

const PEM = (text: string, what: RegExp) => what.test(text);

/** The Secret `create secret <type> NAME` builds, or an error. */
export function secretFor(k: Kctx, type: string, name: string): Result<KubeObject> {
  const bad = (message: string) => fail<KubeObject>(simError('BadSecret', message));
  const meta = { name };
  if (type === 'generic') {
    const d = dataFromSources(k, 'Secret', name);
    if (!d.ok) return d;
    const data = Object.fromEntries(Object.entries(d.value).map(([key, v]) => [key, base64(v)]));
    const t = (k.args.flags['type'] as string | undefined) || 'Opaque';
    return ok({ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: t, data } as KubeObject);
  }
  if (type === 'tls') {
    const cert = k.args.flags['cert'] as string | undefined;
    const key = k.args.flags['key'] as string | undefined;
    const missing = [cert ? '' : '"cert"', key ? '' : '"key"'].filter(Boolean);
    if (missing.length) return bad(`required flag(s) ${missing.join(', ')} not set`);
    const { vfs } = k.ctx.world;
    const crt = vfs.readFile(Vfs.resolve(k.ctx.cwd, cert!));
    if (crt === undefined) return bad(`open ${cert}: no such file or directory`);
    const pk = vfs.readFile(Vfs.resolve(k.ctx.cwd, key!));
    if (pk === undefined) return bad(`open ${key}: no such file or directory`);
    // tls.X509KeyPair's first checks; whether the key matches the certificate is not simulated.
    if (!PEM(crt, /-----BEGIN CERTIFICATE-----/)) return bad('tls: failed to find any PEM data in certificate input');
    if (!PEM(pk, /-----BEGIN [A-Z ]*PRIVATE KEY-----/)) return bad('tls: failed to find any PEM data in key input');
    return ok({ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'kubernetes.io/tls', data: { 'tls.crt': base64(crt), 'tls.key': base64(pk) } } as KubeObject);
  }
  // docker-registry
  const files = strings(k, 'from-file');
  const server = (k.args.flags['docker-server'] as string | undefined) ?? 'https://index.docker.io/v1/';
  const user = k.args.flags['docker-username'] as string | undefined;
  const pass = k.args.flags['docker-password'] as string | undefined;
  const email = k.args.flags['docker-email'] as string | undefined;
  if (files.length) {
    const d = dataFromSources(k, 'Secret', name);
    if (!d.ok) return d;
    const data = Object.fromEntries(Object.entries(d.value).map(([key, v]) => [key, base64(v)]));
    return ok({ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'kubernetes.io/dockerconfigjson', data } as KubeObject);
  }
  if (!user || !pass || !server) return bad('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  // DockerConfigJSON as json.Marshal writes it: username, password, email (omitempty), auth.
  const entry: Record<string, string> = { username: user, password: pass, ...(email ? { email } : {}), auth: base64(`${user}:${pass}`) };
  const json = JSON.stringify({ auths: { [server]: entry } });
  return ok({ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': base64(json) } } as KubeObject);
}
