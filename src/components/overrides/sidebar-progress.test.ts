import { expect, it } from 'vitest';
import { solvedKey } from '../../lessons/course.ts';
import { isSolved, slugOf } from './sidebar-progress.ts';

it('maps sidebar links of both languages to lesson slugs', () => {
  expect(slugOf('/k8s/etcd/')).toBe('k8s/etcd');
  expect(slugOf('/en/k8s/etcd/')).toBe('k8s/etcd');
  expect(slugOf('/compose/intro/#top')).toBe('compose/intro');
});

it('reads solved exercises from storage and survives corrupt entries', () => {
  const store = new Map<string, string>([[solvedKey('k8s-etcd'), '{"done":true}'], [solvedKey('compose-up'), '{oops']]);
  const s = { getItem: (k: string) => store.get(k) ?? null };
  expect(isSolved('k8s-etcd', s)).toBe(true);
  expect(isSolved('compose-up', s)).toBe(false);
  expect(isSolved('k8s-intro', s)).toBe(false);
});
