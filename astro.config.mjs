// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';

/** Course order. Each entry is a lesson slug; Starlight shows its title in the current language. */
const sidebar = [
  { label: '시작하기', translations: { en: 'Start here' }, items: [{ slug: 'index' }] },
  {
    label: 'Docker Compose',
    items: [{ slug: 'compose/intro' }, { slug: 'compose/up' }, { slug: 'compose/stop-restart' }, { slug: 'compose/down' }],
  },
  {
    label: '쿠버네티스',
    translations: { en: 'Kubernetes' },
    items: [{ slug: 'k8s/intro' }, { slug: 'k8s/control-plane' }, { slug: 'k8s/worker-node' }, { slug: 'k8s/pods' }],
  },
];

export default defineConfig({
  site: 'https://kube-lessons.example',
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
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
  vite: {
    build: {
      // xterm and the shell are one lazily loaded chunk; Monaco is split out on its own.
      chunkSizeWarningLimit: 1500,
    },
  },
});
