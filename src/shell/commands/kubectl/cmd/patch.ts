/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` and
 * `--patch-file`: the patch (YAML or JSON) goes to the API server as a PATCH
 * of that type; kubectl prints `patched`, or `patched (no change)` when the
 * object came back as it was (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go).
 */
import { parse } from 'yaml';
import { jsonEqual } from '../../../../sim/k8s/api/meta.ts';
import { Vfs } from '../../../../sim/vfs.ts';
import { apiError, clientError, fetchNamed, objRef, warningPrinter, type Subcommand } from './context.ts';

const TYPES = { json: 'json', merge: 'merge', strategic: 'strategic' } as const;

/** The object minus what any write changes (resourceVersion, managedFields), for the no-change test. */
const comparable = (o: unknown) => {
  const c = structuredClone(o) as { metadata?: Record<string, unknown> };
  if (c.metadata) {
    delete c.metadata['resourceVersion'];
    delete c.metadata['managedFields'];
  }
  return c;
};

export const patch: Subcommand = (k) => {
  const typeFlag = String(k.args.flags['type'] ?? 'strategic');
  const type = TYPES[typeFlag as keyof typeof TYPES];
  if (!type) return clientError(k, `--type must be one of [json merge strategic], not "${typeFlag}"`);
  let text = k.args.flags['patch'] as string | undefined;
  const file = k.args.flags['patch-file'] as string | undefined;
  if (text !== undefined && file !== undefined) return clientError(k, '--patch and --patch-file are mutually exclusive');
  if (file !== undefined) {
    text = k.ctx.world.vfs.readFile(Vfs.resolve(k.ctx.cwd, file));
    if (text === undefined) return clientError(k, `unable to read patch file: open ${file}: no such file or directory`);
  }
  if (text === undefined || text === '') return clientError(k, 'must specify --patch or --patch-file containing the contents of the patch');
  // kubectl turns a YAML patch into JSON first (yaml.ToJSON).
  let body: unknown;
  try {
    body = parse(text);
  } catch (e) {
    return clientError(k, `unable to parse "${text}": ${(e as Error).message.split('\n')[0]}`);
  }
  if (type === 'json' && !Array.isArray(body)) return clientError(k, `unable to parse "${text}": json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
  if (type !== 'json' && (typeof body !== 'object' || body === null || Array.isArray(body))) return clientError(k, `unable to parse "${text}": json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type map[string]interface {}`);
  const objs = fetchNamed(k, 'patch');
  if (typeof objs === 'number') return objs;
  const warn = warningPrinter(k);
  let code = 0;
  for (const { info, obj } of objs) {
    const r = k.api.patch(info.resource, obj.metadata.namespace, obj.metadata.name, body, type);
    warn(r);
    if (!r.ok) {
      code = apiError(k, r.errors[0]);
      continue;
    }
    // A client dry run is not sent, so there is no answer to compare: kubectl reports it patched.
    const same = k.args.dryRun !== 'client' && jsonEqual(comparable(obj), comparable(r.value));
    k.out(`${objRef(r.value)} patched${same ? ' (no change)' : ''}${k.dry}\n`);
  }
  k.flush();
  return code;
};
