/** Styles for the cluster diagram, injected once when the first diagram mounts. */
export const DIAGRAM_CSS = `
kl-cluster-diagram .kl-cp-row { display: flex; gap: .6rem; align-items: stretch; flex-wrap: wrap; }
kl-cluster-diagram .kl-you { align-self: center; border-radius: 999px; }
kl-cluster-diagram .kl-cp { flex: 1; min-width: 16rem; border: 1px solid var(--sl-color-gray-5); border-radius: .5rem; padding: .4rem .5rem; background: color-mix(in srgb, var(--sl-color-accent-low) 35%, transparent); }
kl-cluster-diagram header { font-weight: 600; margin-bottom: .35rem; display: flex; gap: .5rem; align-items: center; }
kl-cluster-diagram .kl-cp-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .35rem; }
kl-cluster-diagram .kl-box { border: 1px solid var(--sl-color-gray-5); border-radius: .35rem; padding: .25rem .45rem; background: var(--sl-color-bg); transition: box-shadow .2s, border-color .2s; }
kl-cluster-diagram .kl-box[data-key="kube-apiserver"] { border-width: 2px; border-color: var(--sl-color-accent); }
kl-cluster-diagram .kl-box.down { opacity: .55; border-style: dashed; }
kl-cluster-diagram .kl-box.pulse { border-color: #f5a524; box-shadow: 0 0 0 3px color-mix(in srgb, #f5a524 45%, transparent); }
kl-cluster-diagram .kl-etcd { display: inline-block; margin-inline-start: .25rem; padding: 0 .3rem; border-radius: .25rem; background: var(--sl-color-gray-6); font-size: .75rem; }
kl-cluster-diagram .kl-etcd.down { text-decoration: line-through; opacity: .6; }
kl-cluster-diagram .kl-nodes { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .5rem; margin-top: .6rem; }
kl-cluster-diagram .kl-node { border: 1px solid var(--sl-color-gray-5); border-radius: .5rem; padding: .4rem .5rem; }
kl-cluster-diagram .kl-node.notready { border-color: #e5484d; background: color-mix(in srgb, #e5484d 8%, transparent); }
kl-cluster-diagram .kl-agents { display: flex; gap: .35rem; }
kl-cluster-diagram .kl-tag { font-size: .7rem; padding: 0 .4rem; border-radius: 999px; color: #fff; }
kl-cluster-diagram .kl-tag.ok { background: #2ea043; }
kl-cluster-diagram .kl-tag.bad { background: #e5484d; }
kl-cluster-diagram .kl-pods { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; }
kl-cluster-diagram .kl-pod { display: grid; padding: .2rem .4rem; border-radius: .3rem; color: #fff; font-size: .72rem; line-height: 1.25; max-width: 100%; }
kl-cluster-diagram .kl-pod b { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
kl-cluster-diagram .kl-pod i { font-style: normal; opacity: .9; }
kl-cluster-diagram .kl-pod.ok { background: #326ce5; }
kl-cluster-diagram .kl-pod.wait { background: #8a6d1d; }
kl-cluster-diagram .kl-pod.done { background: #5b6472; }
kl-cluster-diagram .kl-pod.bad { background: #c2392f; }
kl-cluster-diagram .kl-empty { color: var(--sl-color-gray-3); font-size: .75rem; }
kl-cluster-diagram .kl-pending { margin-top: .5rem; padding: .35rem .5rem; border: 1px dashed #8a6d1d; border-radius: .4rem; }
kl-cluster-diagram .kl-activity { margin-top: .6rem; color: var(--sl-color-gray-2); }
kl-cluster-diagram .kl-activity ol { margin: .2rem 0 0; padding-inline-start: 1.2rem; font-family: var(--sl-font-mono); font-size: .72rem; }
kl-cluster-diagram .kl-activity li.bad { color: #e5484d; }
`;
