import type { Lang } from '../types.ts';

/**
 * One-line summaries of the commands that load on demand (grep's RE2 engine
 * is 50 KB, so it is one too). They live apart from the commands
 * so a page can list them in `help` (and complete their names) before the
 * simulator that runs them has loaded.
 */
export const SUMMARY = {
  grep: { ko: '패턴과 맞는 줄만 골라 냅니다 (예: kubectl get pods | grep web)', en: 'print lines that match a pattern' },
  docker: { ko: '시뮬레이션된 Docker (docker compose, ps, images, volume, network…)', en: 'the simulated Docker (docker compose, ps, images, volume, network...)' },
  'docker-compose': { ko: 'Compose v1 방식의 명령 (docker compose 와 같습니다)', en: 'Compose v1-style command (same as docker compose)' },
  kubectl: { ko: '쿠버네티스 클러스터 다루기 (시뮬레이션)', en: 'control the (simulated) Kubernetes cluster' },
  etcdctl: { ko: 'etcd 클러스터에 직접 묻고 씁니다 (etcdctl 3.5)', en: 'talk to the etcd cluster directly (etcdctl 3.5)' },
  curl: { ko: '이 컴퓨터에서 HTTP 요청 (curl localhost:8080: 게시된 포트, kubectl port-forward)', en: 'HTTP from this machine (curl localhost:8080: published ports, kubectl port-forward)' },
  sim: { ko: '시뮬레이터 제어: 구성 요소 상태, 장애 내기, 요청 추적 (sim help)', en: 'simulator controls: component status, failures, request trace (sim help)' },
} satisfies Record<string, Record<Lang, string>>;
