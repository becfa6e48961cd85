/**
 * `kubectl edit TYPE/NAME`: the object's YAML goes into a temporary file that
 * the page's editor opens; saving it (Ctrl-S) is the editor exiting. Like the
 * real kubectl: an unchanged file is `Edit cancelled, no changes made.`, a
 * change is sent as a patch and printed `deployment.apps/web edited`, and an
 * invalid one reopens the file with the errors as comments on top. Without an
 * editor (headless) it says so instead of hanging.
 */
import { parseDocument } from 'yaml';
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { decodeManifests } from '../../../../sim/k8s/apiserver/decode.ts';
import { NO_EDITOR } from '../../../builtins/editors.ts';
import { JobHandle } from '../../../job.ts';
import { toYAML } from '../print/serialize.ts';
import { kindPrefix } from '../resources.ts';
import { threeWayPatch } from './apply.ts';
import { clientError, fetchNamed, objRef, type Subcommand } from './context.ts';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The file's content without comment lines, as kubectl compares it. */
const stripComments = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .trim();

const managedFieldsOff = (o: KubeObject): KubeObject => {
  const copy = structuredClone(o);
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return copy;
};

export const edit: Subcommand = (k) => {
  const { ctx } = k;
  if (k.args.filenames.length) return clientError(k, 'kubectl edit -f is not simulated here; edit the file and run kubectl apply -f instead');
  const output = k.args.output;
  if (output && output !== 'yaml') return clientError(k, `kubectl edit -o ${output} is not simulated here; the object opens as YAML`);
  const editor = ctx.shell.editor;
  if (!editor) return clientError(k, `kubectl edit: ${NO_EDITOR[ctx.lang]}`);
  const objs = fetchNamed(k, 'edit');
  if (typeof objs === 'number') return objs;
  if (objs.length !== 1) return clientError(k, objs.length === 0 ? 'no objects passed to edit' : 'editing several objects at once is not simulated here; edit them one at a time');
  const { info, obj } = objs[0]!;
  const original = managedFieldsOff(obj);
  const originalYaml = toYAML(original);
  // A name that is stable for a replay of the same session (real kubectl picks a random number).
  const path = `/tmp/kubectl-edit-${(((ctx.world.clock.now() + 1) * 2654435761) >>> 0) % 10_000_000_000}.yaml`;
  const vfs = ctx.world.vfs;
  vfs.writeFile(path, EDIT_HEADER + originalYaml);
  let lastFailed: string | undefined;
  let tab: { close(): void } | undefined;
  const job = new JobHandle(() => finish(1, 'error: there was a problem with the editor "editor"\n', true));
  const off = ctx.shell.onInput((e) => {
    if (e.type === 'write' && e.path === path) saved(e.text);
  });
  const finish = (code: number, msg: string, toStderr = false, keepFile = false) => {
    off();
    (toStderr ? k.err : k.out)(msg);
    tab?.close();
    if (!keepFile) vfs.remove(path);
    job.exit(code);
  };
  const reopen = (problems: string[], text: string) => {
    lastFailed = stripComments(text);
    const body = text
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n')
      .replace(/^\n+/, '');
    vfs.writeFile(path, `${EDIT_HEADER}${problems.map((p) => `# ${p}\n`).join('')}#\n${body}`);
  };
  const saved = (text: string) => {
    if (job.exited) return;
    const stripped = stripComments(text);
    if (stripped === '') return finish(0, 'Edit cancelled, saved file was empty.\n');
    if (lastFailed !== undefined && stripped === lastFailed) {
      return finish(1, `A copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`, true, true);
    }
    if (stripped === stripComments(originalYaml) && lastFailed === undefined) return finish(0, 'Edit cancelled, no changes made.\n');
    // The same decoder as kubectl apply, so a syntax error reads the same (go-yaml's wording, the line in the file).
    const decoded = decodeManifests(text, 'edited-file');
    if (decoded.fatal) return reopen([`The edited file had a syntax error: ${decoded.errors[0]!.message.replace(/^error: /, '')}`], text);
    const edited = parseDocument(text).toJS({ maxAliasCount: 100 }) as KubeObject;
    if (typeof edited !== 'object' || edited === null || Array.isArray(edited)) return reopen(['The edited file is not a single object'], text);
    if (edited.kind !== original.kind || edited.apiVersion !== original.apiVersion || edited.metadata?.name !== original.metadata.name) {
      return reopen([`${info.resource}${info.group ? '.' + info.group : ''} "${original.metadata.name}" was not valid:`, '* the kind, apiVersion and metadata.name of an edited object cannot change'], text);
    }
    const live = k.api.get(info.resource, original.metadata.namespace, original.metadata.name);
    if (!live.ok) return finish(1, `Error from server (${live.errors[0].code}): ${live.errors[0].message}\n`, true, true);
    // Like kubectl: a two-way patch from what was shown to what was saved, so changes the
    // controllers made meanwhile (status, resourceVersion) neither conflict nor get undone.
    const patch = threeWayPatch(original, edited, original);
    if (!patch) return finish(0, 'Edit cancelled, no changes made.\n');
    const r = k.api.patch(info.resource, original.metadata.namespace, original.metadata.name, patch, 'merge');
    if (!r.ok) {
      const err = r.errors[0];
      const causes = err.details?.causes ?? [];
      const what = `${info.resource}${info.group ? '.' + info.group : ''} "${original.metadata.name}" was not valid:`;
      return reopen(causes.length ? [what, ...causes.map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message}`)] : [what, `* ${err.message}`], text);
    }
    k.flush();
    finish(0, `${objRef(r.value) || `${kindPrefix(obj.kind, obj.apiVersion)}/${obj.metadata.name}`} edited\n`);
  };
  tab = editor.open(path, { purpose: 'kubectl-edit' });
  return job;
};
