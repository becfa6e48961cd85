/**
 * The course: every lesson page in sidebar order, with the exercise it ends
 * in. The sidebar, its progress ticks, the landing page's path and the
 * content tests all read this one list, so they cannot drift apart.
 */
export interface Lesson {
  /** Page slug under content/docs/ (Korean) and content/docs/en/ (English). */
  slug: string;
  /** The exercise the page ends in (src/lessons/exercises.ts). */
  exercise: string;
  /** The terminal session the exercise follows on that page. */
  session: string;
}

export const course: Lesson[] = [
  { slug: 'compose/intro', exercise: 'compose-intro', session: 'compose-intro' },
  { slug: 'compose/up', exercise: 'compose-up', session: 'compose-up' },
  { slug: 'compose/stop-restart', exercise: 'compose-stop-start', session: 'compose-stop' },
  { slug: 'compose/down', exercise: 'compose-down', session: 'compose-down' },
  { slug: 'compose/restart', exercise: 'compose-restart', session: 'compose-restart' },
  { slug: 'k8s/intro', exercise: 'k8s-intro', session: 'k8s-intro' },
  { slug: 'k8s/api-server', exercise: 'k8s-api-server', session: 'k8s-api' },
  { slug: 'k8s/etcd', exercise: 'k8s-etcd', session: 'k8s-etcd' },
  { slug: 'k8s/scheduler', exercise: 'k8s-scheduler', session: 'k8s-scheduler' },
  { slug: 'k8s/controller-manager', exercise: 'k8s-controller-manager', session: 'k8s-cm' },
  { slug: 'k8s/worker-node', exercise: 'k8s-node-failure', session: 'k8s-node' },
  { slug: 'k8s/services', exercise: 'k8s-services', session: 'k8s-svc' },
  { slug: 'k8s/pods', exercise: 'k8s-pod-lifecycle', session: 'k8s-pods' },
  { slug: 'k8s/review', exercise: 'k8s-review', session: 'review' },
];

/** localStorage key under which a solved exercise is remembered (page and sidebar share it). */
export const solvedKey = (exerciseId: string) => `kube-lessons:exercise:${exerciseId}`;
