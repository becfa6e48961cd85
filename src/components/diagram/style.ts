/**
 * Styles for the diagram, injected once when the first diagram mounts.
 * Text colours on coloured chips are at least 4.5:1 (WCAG AA): white on
 * #1a7f37 is 5.1:1, on #c62a2f 5.6:1, on #2b5fd9 5.6:1, on #7d5e10 6.0:1,
 * on #5b6472 6.0:1, on #c2392f 5.4:1.
 */
export const DIAGRAM_CSS = `
kl-cluster-diagram { --kl-warn-bg: #fff4d6; --kl-warn-fg: #5c3d00; --kl-bad-fg: #b42318; --kl-wire: #8d96a3; --kl-wire-active: #b26a00; }
:root[data-theme='dark'] kl-cluster-diagram { --kl-warn-bg: #3b2a00; --kl-warn-fg: #ffd58a; --kl-bad-fg: #ff8b82; --kl-wire: #6b7380; --kl-wire-active: #f5a524; }
kl-cluster-diagram .kl-k8s, kl-cluster-diagram .kl-compose { position: relative; }
kl-cluster-diagram button { font: inherit; color: inherit; cursor: pointer; user-select: text; -webkit-user-select: text; }
kl-cluster-diagram button:focus-visible { outline: 2px solid var(--sl-color-text-accent); outline-offset: 2px; }
kl-cluster-diagram .kl-banners:empty { display: none; }
kl-cluster-diagram .kl-banner { margin: 0 0 .4rem; padding: .4rem .6rem; border-radius: .35rem; border: 1px solid currentColor; background: var(--kl-warn-bg); color: var(--kl-warn-fg); font-weight: 600; }
kl-cluster-diagram .kl-topo { position: relative; display: grid; gap: 1.75rem; padding: .25rem 0; }
kl-cluster-diagram .kl-wires { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; overflow: visible; z-index: 0; }
kl-cluster-diagram .kl-wires line { stroke: var(--kl-wire); stroke-width: 1.5; }
kl-cluster-diagram .kl-wires line.active { stroke: var(--kl-wire-active); stroke-width: 3; }
kl-cluster-diagram .kl-wires line.failed { stroke: var(--kl-bad-fg); stroke-width: 3; stroke-dasharray: 5 4; }
kl-cluster-diagram .kl-dot { fill: var(--kl-wire-active); }
kl-cluster-diagram .kl-dot.failed { fill: var(--kl-bad-fg); }
kl-cluster-diagram .kl-clients { display: flex; flex-wrap: wrap; gap: .6rem; justify-content: space-around; }
kl-cluster-diagram .kl-core { display: flex; flex-wrap: wrap; gap: 1.5rem; justify-content: center; align-items: center; }
kl-cluster-diagram .kl-box { position: relative; z-index: 1; display: inline-flex; flex-direction: column; align-items: flex-start; border: 1px solid var(--sl-color-gray-4); border-radius: .35rem; padding: .25rem .5rem; background: var(--sl-color-bg); text-align: start; }
kl-cluster-diagram .kl-box small { color: var(--kl-bad-fg); font-size: .72rem; }
kl-cluster-diagram .kl-box small:empty { display: none; }
kl-cluster-diagram .kl-api { flex: 1 1 6.5rem; max-width: 14rem; border-width: 2px; border-color: var(--sl-color-accent); font-weight: 600; }
kl-cluster-diagram .kl-you { border-radius: 999px; background: var(--sl-color-accent-low); }
kl-cluster-diagram .kl-box.down { border-style: dashed; border-color: var(--kl-bad-fg); }
kl-cluster-diagram .kl-etcd-box { flex-direction: row; flex-wrap: wrap; gap: .25rem; padding: .2rem .35rem; align-items: center; border-style: double; border-width: 3px; }
kl-cluster-diagram .kl-etcd-members { display: flex; flex-wrap: wrap; gap: .25rem; }
kl-cluster-diagram .kl-etcd { padding: 0 .3rem; border: 1px solid var(--sl-color-gray-4); border-radius: .25rem; background: var(--sl-color-gray-6); font-size: .75rem; }
kl-cluster-diagram .kl-etcd.down { text-decoration: line-through; border-style: dashed; color: var(--kl-bad-fg); }
kl-cluster-diagram .kl-nodes { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .6rem; }
kl-cluster-diagram .kl-node { contain: layout style; content-visibility: auto; contain-intrinsic-size: auto 12rem; position: relative; z-index: 1; border: 1px solid var(--sl-color-gray-5); border-radius: .5rem; padding: .4rem .5rem; background: var(--sl-color-bg); }
kl-cluster-diagram .kl-node.notready { border: 2px solid var(--kl-bad-fg); }
kl-cluster-diagram .kl-node header { font-weight: 600; margin-bottom: .35rem; display: flex; flex-wrap: wrap; gap: .15rem .5rem; align-items: center; }
kl-cluster-diagram .kl-node header b { min-width: 0; overflow-wrap: anywhere; }
kl-cluster-diagram .kl-agents { display: flex; gap: .35rem; }
kl-cluster-diagram .kl-tag { font-size: .72rem; padding: 0 .45rem; border-radius: 999px; color: #fff; }
kl-cluster-diagram .kl-tag.ok { background: #1a7f37; }
kl-cluster-diagram .kl-tag.bad { background: #c62a2f; }
kl-cluster-diagram .kl-pods { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; }
kl-cluster-diagram .kl-pods:empty::after { content: attr(data-empty); color: var(--sl-color-gray-3); font-size: .75rem; }
kl-cluster-diagram .kl-pod { border-radius: .3rem; color: #fff; font-size: .72rem; line-height: 1.25; max-width: 100%; }
kl-cluster-diagram .kl-pod button { display: grid; text-align: start; padding: .2rem .4rem; border: 0; background: none; color: inherit; max-width: 100%; }
kl-cluster-diagram .kl-pod b { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
kl-cluster-diagram .kl-pod i { font-style: normal; }
kl-cluster-diagram .kl-pod.ok { background: #2b5fd9; }
kl-cluster-diagram .kl-pod.wait { background: #7d5e10; }
kl-cluster-diagram .kl-pod.done { background: #5b6472; }
kl-cluster-diagram .kl-pod.bad { background: #c2392f; }
kl-cluster-diagram .kl-pod.kl-more { padding: .2rem .4rem; background: var(--sl-color-gray-6); color: var(--sl-color-text); }
kl-cluster-diagram .kl-pending { position: relative; z-index: 1; padding: .35rem .5rem; border: 1px dashed #7d5e10; border-radius: .4rem; background: var(--sl-color-bg); }
kl-cluster-diagram .kl-requests { margin-top: .8rem; }
kl-cluster-diagram .kl-requests h4 { margin: .4rem 0 .1rem; font-size: .8rem; }
kl-cluster-diagram .kl-requests ol { margin: 0; padding-inline-start: 1.2rem; font-family: var(--sl-font-mono); font-size: .72rem; }
kl-cluster-diagram .kl-mine { border-inline-start: 3px solid var(--sl-color-accent); padding-inline-start: .4rem; }
kl-cluster-diagram .kl-requests li.bad { color: var(--kl-bad-fg); }
kl-cluster-diagram .kl-noise-toggle { margin-top: .4rem; padding: .15rem .5rem; border: 1px solid var(--sl-color-gray-4); border-radius: .3rem; background: var(--sl-color-gray-6); font-size: .75rem; }
kl-cluster-diagram .kl-noise { color: var(--sl-color-gray-2); }
kl-cluster-diagram .kl-menu { position: absolute; z-index: 5; width: 16rem; padding: .4rem; border: 1px solid var(--sl-color-gray-4); border-radius: .4rem; background: var(--sl-color-bg); box-shadow: 0 6px 20px rgb(0 0 0 / .25); display: grid; gap: .25rem; }
kl-cluster-diagram .kl-menu[hidden] { display: none; }
kl-cluster-diagram .kl-menu p { margin: 0 0 .2rem; font-weight: 600; }
kl-cluster-diagram .kl-menu button { display: grid; text-align: start; padding: .3rem .5rem; border: 1px solid var(--sl-color-gray-5); border-radius: .3rem; background: var(--sl-color-gray-7, var(--sl-color-bg)); }
kl-cluster-diagram .kl-menu code { font-size: .72rem; color: var(--sl-color-gray-2); }
kl-cluster-diagram .kl-compose .kl-project { border: 1px solid var(--sl-color-gray-5); border-radius: .5rem; padding: .5rem .6rem; margin-bottom: .5rem; }
kl-cluster-diagram .kl-compose header { font-weight: 600; }
kl-cluster-diagram .kl-compose h4 { margin: .5rem 0 .2rem; font-size: .8rem; }
kl-cluster-diagram .kl-services { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem; }
kl-cluster-diagram .kl-service { border: 1px solid var(--sl-color-gray-5); border-radius: .4rem; padding: .35rem .45rem; }
kl-cluster-diagram .kl-ctrs { list-style: none; padding: 0; margin: .3rem 0 0; display: grid; gap: .25rem; }
kl-cluster-diagram .kl-ctr { display: grid; padding: .2rem .4rem; border-radius: .3rem; color: #fff; font-size: .75rem; background: #5b6472; }
kl-cluster-diagram .kl-ctr i { font-style: normal; }
kl-cluster-diagram .kl-ctr.running { background: #1a7f37; }
kl-cluster-diagram .kl-ctr.running.starting { background: #7d5e10; }
kl-cluster-diagram .kl-ctr.unhealthy, kl-cluster-diagram .kl-ctr.restarting, kl-cluster-diagram .kl-ctr.dead { background: #c2392f; }
kl-cluster-diagram .kl-ctr.created, kl-cluster-diagram .kl-ctr.paused { background: #2b5fd9; }
kl-cluster-diagram .kl-infra { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .5rem; }
kl-cluster-diagram .kl-infra ul { margin: 0; padding-inline-start: 1rem; font-size: .78rem; }
kl-cluster-diagram .kl-infra small { color: var(--sl-color-gray-2); }
@media (prefers-reduced-motion: reduce) {
  kl-cluster-diagram * { transition: none !important; animation: none !important; }
}
`;
