import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng.ts';
import { displayWidth, formatDecision } from './explain.ts';
import { buildSnapshot } from './framework.ts';
import { scheduleOne } from './schedule.ts';
import { boundTo, CONTROL_PLANE_TAINT, makeNode, makePod } from './testing.ts';

const nodes = () => [makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] }), makeNode('worker-1'), makeNode('worker-2')];

describe('formatDecision', () => {
  it('shows each node’s filter verdicts, per-plugin weighted scores and why the winner won (en)', () => {
    const busy = boundTo(makePod('busy', { cpu: '2', memory: '4Gi' }), 'worker-1');
    const d = scheduleOne(makePod('web-1', { cpu: '100m', memory: '128Mi' }), buildSnapshot(nodes(), [busy]), new Rng(1));
    const text = formatDecision(d, 'en');
    const total = (n: string) => d.scores.find((s) => s.node === n)!.total;
    expect(text).toContain('Pod default/web-1');
    expect(text).toMatch(/control-plane\s+✗ TaintToleration: node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}\s+-/);
    expect(text).toMatch(new RegExp(`worker-2\\s+✓ passed\\s+${total('worker-2')}`));
    expect(text).toMatch(/TaintToleration \(×3\)\s+100×3=300\s+100×3=300/);
    expect(text).toContain(`Chosen: worker-2, the highest total score (${total('worker-2')}).`);
  });

  it('explains a seeded tie-break (ko)', () => {
    const d = scheduleOne(makePod('web'), buildSnapshot(nodes(), []), new Rng(2));
    const text = formatDecision(d, 'ko');
    expect(d.result.ok && d.result.reason).toBe('tie-break');
    expect(text).toContain('파드 default/web');
    expect(text).toContain('worker-1, worker-2의 총점이');
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
    const d = scheduleOne(makePod('db', { nodeSelector: { 'kubernetes.io/hostname': 'worker-2' } }), buildSnapshot(nodes(), []), new Rng(1));
    expect(formatDecision(d, 'en')).toContain('Chosen: worker-2, the only node that passed every filter, so scoring was skipped.');
    expect(formatDecision(d, 'en')).not.toContain('Scores (');
  });

  it('aligns columns by display width (Hangul is two columns wide)', () => {
    expect(displayWidth('노드')).toBe(4);
    expect(displayWidth('node')).toBe(4);
    const lines = formatDecision(scheduleOne(makePod('w'), buildSnapshot(nodes(), []), new Rng(1)), 'ko').split('\n');
    const header = lines.find((l) => l.startsWith('노드') && l.includes('필터'))!;
    const row = lines.find((l) => l.startsWith('worker-1'))!;
    expect(displayWidth(header.slice(0, header.indexOf('필터')))).toBe(displayWidth(row.slice(0, row.indexOf('✓'))));
  });
});
