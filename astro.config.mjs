// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { cspIntegration } from './src/integrations/csp.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { cjkStrong } from './src/markdown/cjk-strong.ts';
import { fileURLToPath } from 'node:url';
import { monacoCssAsStyle } from './src/components/editor/vite-monaco-css.mjs';
import { devCssUrlModules } from './src/integrations/vite-dev-css-url.mjs';
import { realpathSync } from 'node:fs';
import { searchForWorkspaceRoot } from 'vite';

/** Course order (src/lessons/course.ts lists the same pages with their exercises). Starlight shows each title in the current language. */
const sidebar = [
  { label: '시작하기', translations: { en: 'Start here' }, items: [{ slug: 'index' }] },
  {
    label: 'Docker Compose',
    items: ['compose/intro', 'compose/up', 'compose/stop-restart', 'compose/down', 'compose/restart'].map((slug) => ({ slug })),
  },
  {
    label: '쿠버네티스',
    translations: { en: 'Kubernetes' },
    items: ['k8s/intro', 'k8s/api-server', 'k8s/etcd', 'k8s/scheduler', 'k8s/controller-manager', 'k8s/worker-node', 'k8s/services', 'k8s/pods', 'k8s/review'].map((slug) => ({ slug })),
  },
  // The playground (H7): one entry at the end, apart from the course order.
  { slug: 'playground' },
];

export default defineConfig({
  site: 'https://kube-lessons.example',
  // Korean particles follow bold terms directly (`**파드(Pod)**는`), which CommonMark leaves unrendered: see cjk-strong.ts.
  markdown: { processor: satteri({ mdastPlugins: [cjkStrong] }) },
  // The control-plane page was split into one page per component.
  redirects: { '/k8s/control-plane/': '/k8s/api-server/', '/en/k8s/control-plane/': '/en/k8s/api-server/' },
  integrations: [
    starlight({
      title: { ko: '쿠버 레슨', en: 'kube-lessons' },
      description: 'Docker Compose와 Kubernetes를 브라우저 안의 시뮬레이터로 직접 해 보며 배우는 강의',
      defaultLocale: 'root',
      locales: {
        root: { label: '한국어', lang: 'ko' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar,
      components: { Sidebar: './src/components/overrides/Sidebar.astro' },
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
    // Content-Security-Policy in every built page and in dist/_headers (see the file for what it allows, and why).
    cspIntegration(),
  ],
  vite: {
    plugins: [monacoCssAsStyle(), devCssUrlModules()],
    // Dev: the YAML worker is only reached through a ?worker import, which the dependency scan misses; found late, it
    // re-optimized the dependencies mid-session and the dev toolbar's script answered 504 (Outdated Optimize Dep).
    optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
    server: {
      // Dev: node_modules may be a symlink out of the project (a shared install); Monaco's codicon font is served from there.
      fs: { allow: [searchForWorkspaceRoot(process.cwd()), realpathSync('node_modules')] },
    },
    resolve: {
      alias: [
        // The page fills the registry's tag history from its own chunk after the terminal starts (src/shell/packs/index.ts).
        { find: /^[\w./-]*\/tag-catalogue\.ts$/, replacement: fileURLToPath(new URL('./src/sim/containers/tag-catalogue.lazy.ts', import.meta.url)) },
        // So does the Compose schema validator, which brings zod (src/sim/compose/load/schema-check.ts).
        { find: /^[\w./-]*\/schema-check\.ts$/, replacement: fileURLToPath(new URL('./src/sim/compose/load/schema-check.lazy.ts', import.meta.url)) },
        // And the container shell, utilities and exec, which a booting cluster does not run (src/sim/containers/container-tools.ts).
        { find: /^[\w./-]*\/container-tools\.ts$/, replacement: fileURLToPath(new URL('./src/sim/containers/container-tools.lazy.ts', import.meta.url)) },
        // monaco-yaml's page-side worker manager predates monaco-editor 0.5x's createWebWorker({ worker }); see the file.
        { find: /^monaco-worker-manager$/, replacement: fileURLToPath(new URL('./src/components/editor/worker-manager.ts', import.meta.url)) },
        // monaco-yaml's worker bundles Prettier for its formatter, which the editor turns off (see no-prettier.ts).
        { find: /^prettier\/(standalone|plugins\/yaml|plugins\/estree)$/, replacement: fileURLToPath(new URL('./src/components/editor/no-prettier.ts', import.meta.url)) },
        // monaco-yaml's worker helper imports 'monaco-editor/esm/vs/…', which monaco-editor 0.5x's exports map no longer resolves.
        { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1' },
      ],
    },
    build: {
      // xterm and the shell are one lazily loaded chunk; Monaco is split out on its own.
      chunkSizeWarningLimit: 1500,
      // SOURCEMAP=1 astro build: .map files for bench/bundle.ts's per-module table (never deployed).
      sourcemap: process.env.SOURCEMAP === '1' ? 'hidden' : false,
    },
  },
});
