import { expect, it } from 'vitest';
import { inlineMarkup, rawMarkdown } from './format.ts';

it.each([
  ['run `ls`', 'run <code>ls</code>'],
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['`a > b` & c', '<code>a &gt; b</code> &amp; c'],
  ['no code', 'no code'],
  ['restart **only `web`** now', 'restart <strong>only <code>web</code></strong> now'],
  ['**bold** and `**not bold**`', '<strong>bold</strong> and <code>**not bold**</code>'],
])('%s', (input, html) => expect(inlineMarkup(input)).toBe(html));

it('finds Markdown markers a learner would see literally, but not inside code', () => {
  expect(rawMarkdown(inlineMarkup('**done**'))).toEqual([]);
  expect(rawMarkdown(inlineMarkup('`a**b`'))).toEqual([]);
  expect(rawMarkdown('left **over')).toEqual(['**']);
  expect(rawMarkdown('a [link](http://x)')).toHaveLength(1);
});
