import { expect, it } from 'vitest';
import { inlineMarkup } from './format.ts';

it.each([
  ['run `ls`', 'run <code>ls</code>'],
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['`a > b` & c', '<code>a &gt; b</code> &amp; c'],
  ['no code', 'no code'],
])('%s', (input, html) => expect(inlineMarkup(input)).toBe(html));
