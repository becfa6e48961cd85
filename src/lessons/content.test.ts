import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLines } from '../shell/headless.ts';
import { createSession } from '../shell/session.ts';
import type { Lang } from '../shell/types.ts';
import { REVERSE_BREAKS, shellBlocks } from './blocks.ts';
import { course } from './course.ts';
import { ExerciseProgress } from './exercise.ts';
import { exercises } from './exercises.ts';
import { inlineMarkup, rawMarkdown } from './format.ts';

/**
 * The course as a learner meets it: every lesson page in both languages,
 * its shell blocks run in order through the headless shell, its exercise.
 */
const ROOT = join(import.meta.dirname, '..', '..', 'content', 'docs');
const pagePath = (slug: string, lang: Lang) => join(ROOT, lang === 'en' ? 'en' : '', `${slug}.mdx`);
const page = (slug: string, lang: Lang) => readFileSync(pagePath(slug, lang), 'utf8');

function frontmatter(mdx: string): Record<string, string> {
  const fm = /^---\n([\s\S]*?)\n---/.exec(mdx)?.[1] ?? '';
  return Object.fromEntries([...fm.matchAll(/^(\w+):\s*(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

const fresh = (id: string, lang: Lang) => {
  const s = exercises[id]!.scenario;
  return createSession({ seed: 1, lang, tty: { color: false, columns: 100 }, dir: s.dir, files: s.files, boot: s.boot });
};

/** Runs one command and returns its exit status. */
function run(shell: ReturnType<typeof fresh>, line: string): number {
  const out = { write: () => {} };
  runLines(shell, [line], { stdout: out, stderr: out });
  return shell.lastExit;
}

describe.each(course)('lesson $slug', (lesson) => {
  it.each(['ko', 'en'] as const)('exists in %s with a title, a description and its exercise on the same session as a terminal', (lang) => {
    expect(existsSync(pagePath(lesson.slug, lang))).toBe(true);
    const mdx = page(lesson.slug, lang);
    const fm = frontmatter(mdx);
    expect(fm.title?.length).toBeGreaterThanOrEqual(2);
    expect(fm.description?.length).toBeGreaterThan(10);
    expect(exercises[lesson.exercise]).toBeDefined();
    expect(mdx).toContain(`<Exercise id="${lesson.exercise}" session="${lesson.session}" />`);
    expect(mdx).toMatch(new RegExp(`<Terminal session="${lesson.session}"`));
  });

  it.each(['ko', 'en'] as const)('every command in its %s code blocks, run in order from the starting state, exits 0 (expect-fail blocks fail)', (lang) => {
    const shell = fresh(lesson.exercise, lang);
    const failures: string[] = [];
    for (const block of shellBlocks(page(lesson.slug, lang))) {
      const codes = block.commands.map((c) => [c, run(shell, c)] as const);
      if (block.expectFail) {
        if (codes.every(([, code]) => code === 0)) failures.push(`expected a failure in: ${block.commands.join(' / ')}`);
      } else for (const [c, code] of codes) if (code !== 0) failures.push(`${c} -> exit ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(['page order', 'reverse order'] as const)("its exercise can still be solved after doing the page's commands first, in %s", (order) => {
    if (order === 'reverse order' && lesson.slug in REVERSE_BREAKS) return; // see REVERSE_BREAKS
    const shell = fresh(lesson.exercise, 'en');
    const blocks = shellBlocks(page(lesson.slug, 'en'));
    if (order === 'reverse order') blocks.reverse();
    for (const b of blocks) for (const c of b.commands) run(shell, c);
    const progress = new ExerciseProgress(exercises[lesson.exercise]!);
    let r = progress.update(shell);
    for (const line of exercises[lesson.exercise]!.solution) {
      run(shell, line);
      r = progress.update(shell);
    }
    expect(r.goals.filter((g) => !g.met).map((g) => g.text.en)).toEqual([]);
  });
});

describe('exercise texts', () => {
  const texts = Object.values(exercises).flatMap((ex) => {
    const goals = new ExerciseProgress(ex).update(fresh(ex.id, 'en')).goals.map((g) => g.text);
    return [ex.title, ex.task, ...ex.hints, ...goals].flatMap((t) => [
      ['ko', ex.id, t.ko],
      ['en', ex.id, t.en],
    ]);
  });

  it('contain no Markdown markers a learner would see raw', () => {
    expect(texts.filter(([, , t]) => rawMarkdown(inlineMarkup(t!)).length > 0)).toEqual([]);
  });

  it('contain no placeholders like <pod name> that a shell would reject', () => {
    expect(texts.filter(([, , t]) => /`[^`]*<[^<>`'"]*[\s가-힣][^<>`'"]*>[^`]*`/.test(t!))).toEqual([]);
  });
});

describe('Korean spelling', () => {
  // Particles attach to the word before them, code spans included: "`compose.yaml`을", not "`compose.yaml` 을".
  const detached = /`\s+(을|를|이|가|은|는|의|에|에서|에게|로|으로|와|과|도|만|까지|부터|처럼|보다|이나|나|이에요|예요|이고|이라|라고|이라고)(?=[\s.,)!?:]|$)/m;
  // ...and to Latin words: "etcd가", not "etcd 가" (only particles that cannot start a word here).
  const afterLatin = /[A-Za-z0-9)]\s(을|를|가|은|는|의|에|에서|로|으로|와|과)(?=[\s.,)!?:])/;
  const bad = (t: string) => detached.test(t) || afterLatin.test(t);
  it('lesson pages attach particles to code spans and Latin words', () => {
    const bad2 = course.flatMap((l) => page(l.slug, 'ko').split('\n').filter((line) => !line.startsWith('import') && bad(line)).map((line) => `${l.slug}: ${line.trim().slice(0, 80)}`));
    expect(bad2).toEqual([]);
  });
  it('lesson pages attach particles to code spans', () => {
    const bad = course.flatMap((l) => page(l.slug, 'ko').split('\n').filter((line) => detached.test(line)).map((line) => `${l.slug}: ${line.trim().slice(0, 80)}`));
    expect(bad).toEqual([]);
  });
  it('exercise texts attach particles to code spans', () => {
    const bad = Object.values(exercises).flatMap((ex) => [ex.title, ex.task, ...ex.hints].map((t) => t.ko).filter((t) => detached.test(t) || afterLatin.test(t)));
    expect(bad).toEqual([]);
  });
});

describe('Korean register', () => {
  // Lessons speak 해요체 throughout: the page, its exercise and its checklist.
  it('no 합니다체 in lesson pages or exercise texts', () => {
    const formal = /(습니다|ㅂ니다|합니다|됩니다|입니다|니다\.)/;
    const pages = course.flatMap((l) => page(l.slug, 'ko').split('\n').filter((line) => formal.test(line)).map((line) => `${l.slug}: ${line.trim().slice(0, 60)}`));
    const texts = Object.values(exercises).flatMap((ex) => [ex.title, ex.task, ...ex.hints].map((t) => t.ko).filter((t) => formal.test(t)));
    expect([...pages, ...texts]).toEqual([]);
  });

  // The widgets' own words (hints, banners, notices, captions) sit on the same pages, so they speak 해요체 too.
  it('no 합니다체 in the Korean text of the lesson widgets', () => {
    const formal = /(습니다|ㅂ니다|합니다|됩니다|입니다)/;
    const dir = join(import.meta.dirname, '..', 'components');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|astro)$/.test(f) && !/\.test\.ts$/.test(f));
    const bad = files.flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && formal.test(line))
        .map((line) => `${f}: ${line.trim().slice(0, 80)}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('Markdown in lesson pages', () => {
  // CommonMark closes ** only if it is right-flanking: "**API 서버(kube-apiserver)**는" stays literal
  // because ")" comes before and a letter after. Such spans must be written as <strong>.
  const punct = (c: string) => c === '' || /[\p{P}\p{S}]/u.test(c);
  const space = (c: string) => c === '' || /\s/.test(c);
  function unclosedBold(line: string): string[] {
    const l = line.replace(/`[^`]*`/g, '`');
    const bad: string[] = [];
    let n = 0;
    for (const m of l.matchAll(/\*\*/g)) {
      const prev = l[m.index - 1] ?? '';
      const next = l[m.index + 2] ?? '';
      const left = !space(next) && (!punct(next) || space(prev) || punct(prev));
      const right = !space(prev) && (!punct(prev) || space(next) || punct(next));
      if (n++ % 2 === 0 ? !left : !right) bad.push(l.slice(Math.max(0, m.index - 12), m.index + 12));
    }
    return bad;
  }

  it('finds the bold CommonMark leaves literal', () => {
    expect(unclosedBold('**과반수(쿼럼)**가')).toHaveLength(1);
    expect(unclosedBold('**과반수**가 **`start`** 예요')).toEqual([]);
  });

  it.each(course.flatMap((l) => [`${l.slug}`, `en/${l.slug}`]))('%s has no ** that would render literally', (slug) => {
    let code = false;
    const bad: string[] = [];
    for (const line of readFileSync(join(ROOT, `${slug}.mdx`), 'utf8').split('\n')) {
      if (line.startsWith('```')) code = !code;
      else if (!code) bad.push(...unclosedBold(line));
    }
    expect(bad).toEqual([]);
  });
});
