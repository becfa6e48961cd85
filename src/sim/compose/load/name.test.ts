import { describe, expect, it } from 'vitest';
import { isValidProjectName, normalizeProjectName } from './name.ts';

describe('project names', () => {
  it.each([
    ['myapp', 'myapp'],
    ['My App', 'myapp'],
    ['shop.example.com', 'shopexamplecom'],
    ['_private-dir', 'private-dir'],
    ['--x_1', 'x_1'],
    ['웹앱2', '2'],
    ['Docker_Compose-Lab', 'docker_compose-lab'],
  ])('directory %j becomes %j', (dir, want) => {
    expect(normalizeProjectName(dir)).toBe(want);
    expect(isValidProjectName(want)).toBe(true);
  });

  it.each(['MyApp', 'my app', '-x', '_x', '', 'a.b'])('%j is not a valid explicit name', (n) => {
    expect(isValidProjectName(n)).toBe(false);
  });
});
