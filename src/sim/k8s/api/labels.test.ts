import { describe, expect, it } from 'vitest';
import type { LabelSelector, Labels } from './types.ts';
import { labelSelectorMatches, matches, parseSelector, selectorFromSet, selectorString, serviceSelects } from './labels.ts';

const web: Labels = { app: 'web', tier: 'front' };

describe('one label selector for every actor', () => {
  // apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector:
  //   if ps == nil { return labels.Nothing() }
  //   if len(ps.MatchLabels)+len(ps.MatchExpressions) == 0 { return labels.Everything() }
  // and apimachinery/pkg/labels/selector.go Requirement.Matches per operator.
  it.each<[string, LabelSelector | undefined, Labels | undefined, boolean]>([
    ['nil LabelSelector selects nothing', undefined, web, false],
    ['empty LabelSelector {} selects everything (a ReplicaSet with {} would own every pod; validation forbids it)', {}, web, true],
    ['empty LabelSelector selects an unlabelled pod too', {}, undefined, true],
    ['empty matchLabels and matchExpressions are still empty', { matchLabels: {}, matchExpressions: [] }, web, true],
    ['matchLabels all must match', { matchLabels: { app: 'web', tier: 'front' } }, web, true],
    ['matchLabels one differs', { matchLabels: { app: 'web', tier: 'back' } }, web, false],
    ['In with the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, web, true],
    ['In without the key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, web, false],
    ['NotIn without the key matches', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, web, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, web, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, web, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, web, false],
    ['an unknown operator fails conversion: nothing', { matchExpressions: [{ key: 'app', operator: 'Gt' as never, values: ['1'] }] }, web, false],
    ['matchLabels AND matchExpressions', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, web, false],
  ])('%s', (_, sel, labels, want) => expect(labelSelectorMatches(sel, labels)).toBe(want));

  // A Service's spec.selector is a map: absent or empty means "no selector", and
  // pkg/controller/endpointslice (syncService: `if service.Spec.Selector == nil`) gives it no endpoints.
  it.each<[string, Labels | undefined, boolean]>([
    ['a Service without a selector selects nothing', undefined, false],
    ['a Service with selector {} selects nothing', {}, false],
    ['a Service selector is an AND of its pairs', { app: 'web', tier: 'front' }, true],
    ['one pair off', { app: 'web', tier: 'back' }, false],
  ])('%s', (_, sel, want) => expect(serviceSelects(sel, web)).toBe(want));

  // labels.SelectorFromSet (nodeSelector, kubectl's set-based selectors): an empty set is Everything.
  it('an empty nodeSelector-style set matches every node', () => expect(matches(selectorFromSet({}), { 'kubernetes.io/hostname': 'kind-worker' })).toBe(true));

  // labels.Parse: the string form of `kubectl get -l` and the labelSelector list option.
  it.each<[string, Labels, boolean]>([
    ['', web, true],
    ['app=web', web, true],
    ['app==web,tier!=back', web, true],
    ['tier in (front, back),!canary', web, true],
    ['env notin (prod)', web, true],
    ['env', web, false],
    ['!app', web, false],
  ])('"%s" against app=web,tier=front is %s', (text, labels, want) => {
    const s = parseSelector(text);
    expect(s.ok && matches(s.value, labels)).toBe(want);
  });

  it('rejects a malformed string as labels.Parse does', () => {
    const s = parseSelector('app=web,');
    expect(s.ok ? '' : s.message).toBe("unable to parse requirement: found 'EOF', expected: !, identifier, or 'end of string'");
  });

  it('prints a LabelSelector as Selector.String does', () =>
    expect(selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'canary', operator: 'DoesNotExist' }] })).toBe('app=web,tier in (a,b),!canary'));
});
