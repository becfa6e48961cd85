import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng.ts';
import { displayWidth, formatDecision } from './explain.ts';
import { buildSnapshot } from './framework.ts';
import { scheduleOne } from './schedule.ts';
import { boundTo, CONTROL_PLANE_TAINT, makeNode, makePod } from './testing.ts';

const nodes = () => [makeNode('kind-control-plane', { taints: [CONTROL_PLANE_TAINT] }), makeNode('kind-worker'), makeNode('kind-worker2')];

describe('formatDecision', () => {
  it('shows each node’s filter verdicts, per-plugin weighted scores and why the winner won (en)', () => {
    const busy = boundTo(makePod('busy', { cpu: '2', memory: '4Gi' }), 'kind-worker');
    const d = scheduleOne(makePod('web-1', { cpu: '100m', memory: '128Mi' }), buildSnapshot(nodes(), [busy]), new Rng(1));
    const text = formatDecision(d, 'en');
    const total = (n: string) => d.scores.find((s) => s.node === n)!.total;
    expect(text).toContain('Pod default/web-1');
    expect(text).toMatch(/control-plane\s+✗ TaintToleration: node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}\s+-/);
    expect(text).toMatch(new RegExp(`kind-worker2\\s+✓ passed\\s+${total('kind-worker2')}`));
    expect(text).toMatch(/TaintToleration \(×3\)\s+100×3=300\s+100×3=300/);
    expect(text).toContain(`Chosen: kind-worker2, the highest total score (${total('kind-worker2')}).`);
  });

  it('explains a seeded tie-break (ko)', () => {
    const d = scheduleOne(makePod('web'), buildSnapshot(nodes(), []), new Rng(2));
    const text = formatDecision(d, 'ko');
    expect(d.result.ok && d.result.reason).toBe('tie-break');
    expect(text).toContain('파드 default/web');
    expect(text).toContain('kind-worker, kind-worker2의 총점이');
    expect(text).toContain(`시드 고정 난수로 ${d.result.ok ? d.result.node : ''}를 골랐습니다.`);
  });

  it('shows the FitError and every failing plugin when nothing fits', () => {
    const d = scheduleOne(makePod('db', { cpu: '8', nodeSelector: { disk: 'ssd' } }), buildSnapshot(nodes(), []), new Rng(1));
    const en = formatDecision(d, 'en');
    expect(en).toContain("✗ NodeAffinity: node(s) didn't match Pod's node affinity/selector; ✗ NodeResourcesFit: Insufficient cpu");
    expect(en).toContain('Not scheduled: 0/3 nodes are available:');
    expect(formatDecision(d, 'ko')).toContain('스케줄링 실패: 0/3 nodes are available:');
  });

  it('says when scoring was skipped for a single feasible node', () => {
    const d = scheduleOne(makePod('db', { nodeSelector: { 'kubernetes.io/hostname': 'kind-worker2' } }), buildSnapshot(nodes(), []), new Rng(1));
    expect(formatDecision(d, 'en')).toContain('Chosen: kind-worker2, the only node that passed every filter, so scoring was skipped.');
    expect(formatDecision(d, 'en')).not.toContain('Scores (');
  });

  it('shows the pod-to-pod plugins: spreading scores for a ReplicaSet pod, skipped for a bare one', () => {
    const replica = (name: string) => {
      const p = makePod(name, { labels: { app: 'web' } });
      p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1a2b', uid: 'uid-rs', controller: true }];
      return p;
    };
    const d = scheduleOne(replica('web-1a2b-y'), buildSnapshot(nodes(), [boundTo(replica('web-1a2b-x'), 'kind-worker')]), new Rng(1));
    const en = formatDecision(d, 'en');
    expect(en).toMatch(/PodTopologySpread \(×2\)\s+66×2=132\s+100×2=200/);
    expect(en).toMatch(/InterPodAffinity\s+skipped for this pod\s+skipped for this pod/);
    expect(en).toContain('Chosen: kind-worker2');
    const bare = formatDecision(scheduleOne(makePod('web'), buildSnapshot(nodes(), []), new Rng(1)), 'en');
    expect(bare).toMatch(/PodTopologySpread\s+skipped for this pod/);
  });

  it('names InterPodAffinity when anti-affinity rejects a node', () => {
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const pods = ['kind-worker', 'kind-worker2'].map((n) => boundTo(makePod(`web-${n}`, { labels: { app: 'web' } }), n));
    const en = formatDecision(scheduleOne(makePod('web-3', { labels: { app: 'web' }, affinity: anti }), buildSnapshot(nodes(), pods), new Rng(1)), 'en');
    expect(en).toMatch(/kind-worker\s+✗ InterPodAffinity: node\(s\) didn't match pod anti-affinity rules/);
    expect(en).toContain("Not scheduled: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules.");
  });

  it('aligns columns by display width (Hangul is two columns wide)', () => {
    expect(displayWidth('노드')).toBe(4);
    expect(displayWidth('node')).toBe(4);
    const lines = formatDecision(scheduleOne(makePod('w'), buildSnapshot(nodes(), []), new Rng(1)), 'ko').split('\n');
    const header = lines.find((l) => l.startsWith('노드') && l.includes('필터'))!;
    const row = lines.find((l) => l.startsWith('kind-worker'))!;
    expect(displayWidth(header.slice(0, header.indexOf('필터')))).toBe(displayWidth(row.slice(0, row.indexOf('✓'))));
  });
});

describe('compact decisions', () => {
  it('an older decision keeps its outcome and counts, and says the per-node table is gone', async () => {
    const { compactDecision } = await import('./schedule.ts');
    const { formatDecision } = await import('./explain.ts');
    const full = {
      pod: { namespace: 'default', name: 'web' },
      numAllNodes: 3,
      numNodesToFind: 3,
      startIndex: 0,
      nextStartIndex: 0,
      preFilter: [],
      filters: [
        { node: 'a', evaluated: true, status: { code: 'Success' as const, reasons: [] }, verdicts: [] },
        { node: 'b', evaluated: true, status: { code: 'Success' as const, reasons: [] }, verdicts: [] },
        { node: 'c', evaluated: false, verdicts: [] },
      ],
      feasible: ['a', 'b'],
      skippedScorePlugins: [],
      scores: [
        { node: 'a', scores: [], total: 70 },
        { node: 'b', scores: [], total: 50 },
      ],
      tied: [],
      result: { ok: true as const, node: 'a', reason: 'highest-score' as const },
    };
    const out = formatDecision(compactDecision(full), 'en');
    expect(out).toContain('2 of 3 node(s) checked');
    expect(out).toContain('The per-node table is kept only for the most recently scheduled pods.');
    expect(out).toContain('Chosen: a, the highest total score (70).');
    expect(out).not.toContain('NODE');
  });
});
