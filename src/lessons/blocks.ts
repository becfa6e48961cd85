/** A ```sh block of a lesson page: one command per line. */
export interface Block {
  commands: string[];
  /** Marked ```sh expect-fail: the block shows a failure on purpose. */
  expectFail: boolean;
}

/** The shell blocks of a lesson page, in page order (comments and blank lines dropped). */
export function shellBlocks(mdx: string): Block[] {
  return [...mdx.matchAll(/^```(?:sh|bash|shell)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    expectFail: /\bexpect-fail\b/.test(m[1]!),
    commands: m[2]!.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')),
  }));
}

/**
 * Pages whose blocks, run backwards, leave the cluster broken on purpose: the
 * learner must repair it (as the page shows) before the goal can be reached.
 */
export const REVERSE_BREAKS: Record<string, string> = {
  'k8s/scheduler': 'the taint block then runs after the untaint block, leaving both workers tainted',
};
