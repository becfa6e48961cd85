/**
 * `kubectl config`: the kubeconfig `kind create cluster` writes, one context
 * "kind-kind". It lives on the client side (a small per-session state, not
 * in the cluster): `set-context --current --namespace=dev` changes the
 * namespace every later kubectl uses by default, as in the tutorials.
 * Wording after kubectl's pkg/cmd/config.
 */
import { tabwriteCells } from '../print/tabwriter.ts';
import { clientError, type Subcommand } from './context.ts';
import { kubeConfig, type KubeConfig } from './kubeconfig.ts';

export const KIND_CONTEXT = 'kind-kind';
const SERVER = 'https://127.0.0.1:6443';

/** printers.GetNewTabWriter: minwidth 10, padding 3. */
const CONTEXTS_TABWRITER = { minwidth: 10, padding: 3 };

function view(cfg: KubeConfig): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${SERVER}
  name: ${KIND_CONTEXT}
contexts:
- context:
    cluster: ${KIND_CONTEXT}
${cfg.namespace ? `    namespace: ${cfg.namespace}\n` : ''}    user: ${KIND_CONTEXT}
  name: ${KIND_CONTEXT}
current-context: ${KIND_CONTEXT}
kind: Config
preferences: {}
users:
- name: ${KIND_CONTEXT}
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;
}

export const config: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  const cfg = kubeConfig(k.ctx.world);
  switch (sub) {
    case undefined:
      return clientError(k, 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context"');
    case 'current-context':
      k.out(`${KIND_CONTEXT}\n`);
      return 0;
    case 'get-contexts': {
      const unknown = rest.find((n) => n !== KIND_CONTEXT);
      if (unknown) return clientError(k, `context ${unknown} not found`);
      if (k.args.output === 'name') {
        k.out(`${KIND_CONTEXT}\n`);
        return 0;
      }
      const rows = [['*', KIND_CONTEXT, KIND_CONTEXT, KIND_CONTEXT, cfg.namespace]];
      k.out(tabwriteCells([...(k.args.noHeaders ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']]), ...rows, ['']], CONTEXTS_TABWRITER));
      return 0;
    }
    case 'get-clusters':
      k.out(`NAME\n${KIND_CONTEXT}\n`);
      return 0;
    case 'get-users':
      k.out(`NAME\n${KIND_CONTEXT}\n`);
      return 0;
    case 'use-context':
    case 'use': {
      const name = rest[0];
      if (!name) return clientError(k, 'Unexpected args: []');
      if (name !== KIND_CONTEXT) return clientError(k, `no context exists with the name: "${name}"`);
      k.out(`Switched to context "${name}".\n`);
      return 0;
    }
    case 'set-context': {
      const current = k.args.flags['current'] === true;
      const name = current ? KIND_CONTEXT : rest[0];
      if (!name) return clientError(k, 'you must specify a non-empty context name or --current');
      if (name !== KIND_CONTEXT) {
        k.out(`note: a second context is not simulated here; the cluster stays "${KIND_CONTEXT}"\n`);
        return 0;
      }
      // Here --namespace is the context's field (set-context's own flag), not the request's namespace.
      if (k.args.namespace !== undefined) cfg.namespace = k.args.namespace;
      k.out(`Context "${name}" modified.\n`);
      return 0;
    }
    case 'view':
      k.out(view(cfg));
      return 0;
    default:
      k.out(`note: kubectl config ${sub} is not simulated here (current-context, get-contexts, use-context, set-context --current --namespace and view are)\n`);
      return 0;
  }
};
