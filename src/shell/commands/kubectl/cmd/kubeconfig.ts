import type { World } from '../../../../sim/world.ts';

/** The client's kubeconfig state kubectl reads on every call (one context, kind's). */
export interface KubeConfig {
  /** The context's namespace; '' means default. */
  namespace: string;
}

export function kubeConfig(world: World): KubeConfig {
  return world.engine<KubeConfig>('kubectl.kubeconfig', () => ({ namespace: '' }));
}
