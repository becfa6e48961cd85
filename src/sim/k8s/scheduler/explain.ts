/**
 * Plain-text explanation of a SchedulingDecision for `sim why POD`: which
 * filters each node passed, each plugin's normalised × weight scores, and
 * why the winner won (or the FitError when none did), in Korean or English.
 */
import type { SchedulingDecision } from './schedule.ts';

export type Lang = 'ko' | 'en';

const T = {
  en: {
    pod: 'Pod',
    node: 'NODE',
    filters: 'FILTERS',
    total: 'TOTAL',
    passed: 'passed',
    notEvaluated: '(not evaluated: enough nodes were found)',
    scores: 'Scores (normalised 0-100 × weight = weighted)',
    plugin: 'PLUGIN',
    skipped: 'skipped for this pod',
    considered: (n: number, all: number) => `${n} of ${all} node(s) checked`,
    highest: (node: string, total: number) => `Chosen: ${node}, the highest total score (${total}).`,
    tie: (nodes: string[], total: number, node: string) => `Chosen: ${node}. ${nodes.join(', ')} tied at ${total}; the seeded random tie-break picked ${node}.`,
    more: (n: number) => `… (${n} nodes in all)`,
    only: (node: string) => `Chosen: ${node}, the only node that passed every filter, so scoring was skipped.`,
    nominated: (node: string) => `Chosen: ${node}, nominated by an earlier preemption, and the pod now fits there.`,
    failed: 'Not scheduled:',
    preempt: (node: string, victims: string[]) => `Preemption: evicting ${victims.join(', ')} on ${node} to make room; the pod waits for it.`,
    noNodes: 'There are no nodes.',
    summarized: 'The per-node table is kept only for the most recently scheduled pods.',
  },
  ko: {
    pod: '파드',
    node: '노드',
    filters: '필터',
    total: '총점',
    passed: '통과',
    notEvaluated: '(검사 안 함: 필요한 만큼 노드를 찾음)',
    scores: '점수 (0-100으로 정규화 × 가중치 = 가중 점수)',
    plugin: '플러그인',
    skipped: '이 파드에는 건너뜀',
    considered: (n: number, all: number) => `노드 ${all}개 중 ${n}개 검사`,
    highest: (node: string, total: number) => `선택: ${node} — 총점(${total})이 가장 높습니다.`,
    tie: (nodes: string[], total: number, node: string) => `선택: ${node} — ${nodes.join(', ')}의 총점이 ${total}으로 같아, 시드 고정 난수로 ${node}를 골랐습니다.`,
    more: (n: number) => `… (모두 ${n}개 노드)`,
    only: (node: string) => `선택: ${node} — 모든 필터를 통과한 노드가 하나뿐이라 점수 계산을 건너뛰었습니다.`,
    nominated: (node: string) => `선택: ${node} — 이전 선점(preemption)으로 지명된 노드이고 이제 들어갈 수 있습니다.`,
    failed: '스케줄링 실패:',
    preempt: (node: string, victims: string[]) => `선점(preemption): 자리를 만들기 위해 ${node}의 ${victims.join(', ')}를 내보냅니다. 파드는 그때까지 기다립니다.`,
    noNodes: '노드가 없습니다.',
    summarized: '노드별 표는 가장 최근에 배치된 파드들에 대해서만 보관합니다.',
  },
} as const;

/** Terminal columns: Hangul and other wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** Columns separated by three spaces, like kubectl's tables; the last column is not padded. */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('   ').trimEnd());
}

export function formatDecision(d: SchedulingDecision, lang: Lang): string {
  const t = T[lang];
  const out: string[] = [`${t.pod} ${d.pod.namespace}/${d.pod.name}`];
  if (d.numAllNodes === 0) {
    out.push(t.noNodes, `${t.failed} ${d.result.ok ? '' : d.result.message}`);
    return out.join('\n') + '\n';
  }
  const evaluated = d.summary?.evaluated ?? d.filters.filter((f) => f.evaluated).length;
  out.push(t.considered(evaluated, d.numAllNodes), '');

  const totals = new Map(d.scores.map((s) => [s.node, s.total]));
  if (d.summary) {
    out.push(t.summarized);
    if (d.result.ok) totals.set(d.result.node, d.summary.top);
  } else {
    const rows: string[][] = [[t.node, t.filters, t.total]];
    for (const f of d.filters) {
      let verdict: string;
      if (!f.evaluated) verdict = t.notEvaluated;
      else if (f.status?.code === 'Success') verdict = `✓ ${t.passed}`;
      else {
        // The deciding plugin first, then any other plugin that also said no.
        const failing = f.verdicts.filter((v) => v.status.code !== 'Success' && v.status.code !== 'Skip');
        verdict = failing.map((v) => `✗ ${v.plugin}: ${v.status.reasons.join(', ')}`).join('; ');
      }
      const total = totals.get(f.node);
      rows.push([f.node, verdict, total === undefined ? '-' : String(total)]);
    }
    out.push(...table(rows));

    if (d.scores.length) {
      out.push('', t.scores);
      const plugins = d.scores[0]!.scores.map((s) => `${s.plugin} (×${s.weight})`);
      const header = [t.plugin, ...d.scores.map((s) => s.node)];
      const body = plugins.map((label, i) => [label, ...d.scores.map((s) => `${s.scores[i]!.normalized}×${s.scores[i]!.weight}=${s.scores[i]!.weighted}`)]);
      for (const p of d.skippedScorePlugins) body.push([p, ...d.scores.map(() => t.skipped)]);
      body.push([t.total, ...d.scores.map((s) => String(s.total))]);
      out.push(...table([header, ...body]));
    }
  }

  out.push('');
  const r = d.result;
  if (r.ok) {
    const top = totals.get(r.node) ?? 0;
    if (r.reason === 'only-feasible') out.push(t.only(r.node));
    else if (r.reason === 'nominated') out.push(t.nominated(r.node));
    else if (r.reason === 'tie-break') {
      const count = d.summary?.tied;
      out.push(t.tie(count !== undefined && count > d.tied.length ? [...d.tied, t.more(count)] : d.tied, top, r.node));
    }
    else out.push(t.highest(r.node, top));
  } else {
    out.push(`${t.failed} ${r.message}`);
    if (r.preemption) out.push(t.preempt(r.preemption.node, r.preemption.victims.map((v) => `${v.metadata.namespace ?? 'default'}/${v.metadata.name}`)));
  }
  return out.join('\n') + '\n';
}
