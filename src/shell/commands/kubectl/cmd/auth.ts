/**
 * `kubectl auth can-i VERB RESOURCE [NAME]` and `kubectl auth whoami`. The
 * kubeconfig kind writes authenticates as kubernetes-admin in the
 * kubeadm:cluster-admins group, bound to cluster-admin, so every request is
 * allowed; the simulator models no RBAC beyond that, and says so for the
 * questions only RBAC rules could answer (`--list`, `--as`).
 */
import { resolveResource } from '../resources.ts';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter.ts';
import { clientError, type Subcommand } from './context.ts';

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', 'escalate', 'approve', 'sign', '*'];

export const auth: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  if (sub === 'whoami') {
    const rows = ['ATTRIBUTE\tVALUE', 'Username\tkubernetes-admin', 'Groups\t[kubeadm:cluster-admins system:authenticated]'];
    k.out(tabwrite(rows.join('\n') + '\n', GET_TABWRITER));
    return 0;
  }
  if (sub === 'reconcile') return clientError(k, 'kubectl auth reconcile is not simulated here');
  if (sub !== 'can-i') return clientError(k, sub ? `unknown command "${sub}" for "kubectl auth"` : 'You must specify the type of resource to get. Use "kubectl auth can-i --help" for help.');
  if (k.args.flags['list'] === true) return clientError(k, 'kubectl auth can-i --list is not simulated here (no RBAC rules are modelled; the kind admin may do everything)');
  if (k.args.flags['as'] !== undefined) return clientError(k, 'kubectl auth can-i --as is not simulated here (no RBAC rules are modelled)');
  const [verb, target] = rest;
  if (!verb || !target) return clientError(k, 'you must specify two arguments: verb resource or verb resource/resourceName.\nSee \'kubectl auth can-i -h\' for help and examples');
  // A non-resource URL (`can-i get /logs`) is allowed for the admin too.
  if (!target.startsWith('/')) {
    const type = target.split('/')[0]!;
    if (!VERBS.includes(verb)) k.err(`Warning: verb '${verb}' is not a known verb\n`);
    if (!resolveResource(type.split('.')[0]!)) k.err(`Warning: the server doesn't have a resource type '${type}'\n`);
  }
  k.out('yes\n');
  return 0;
};
