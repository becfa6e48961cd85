import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { cjkStrong } from './cjk-strong.ts';

const html = (md: string) => markdownToHtml(md, { mdastPlugins: [cjkStrong] }).html.trim();

describe('bold before a Korean particle', () => {
  it.each([
    // CommonMark leaves these as literal ** (a closer after punctuation must be followed by space or punctuation)
    ['**API 서버(kube-apiserver)**는 정문', '<p><strong>API 서버(kube-apiserver)</strong>는 정문</p>'],
    ['짝은 **`start`**예요.', '<p>짝은 <strong><code>start</code></strong>예요.</p>'],
    ['**a** 그리고 **b(c)**는', '<p><strong>a</strong> 그리고 <strong>b(c)</strong>는</p>'],
    ['| 열 |\n|---|\n| **축출(eviction)**돼요 |', '<strong>축출(eviction)</strong>돼요'],
    ['## **파드(Pod)**란', '<strong>파드(Pod)</strong>란'],
    // left alone: what CommonMark already renders, a lone mark, spaced marks, marks inside code
    ['plain **bold** text', '<p>plain <strong>bold</strong> text</p>'],
    ['a ** b ** c', '<p>a ** b ** c</p>'],
    ['only **one', '<p>only **one</p>'],
    ['`**` is the mark', '<p><code>**</code> is the mark</p>'],
  ])('%j', (md, want) => {
    expect(html(md)).toContain(want);
  });
});
