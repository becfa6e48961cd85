import { durationMs } from '../../sim/duration.ts';
import type { Command } from '../types.ts';

/**
 * Longest single sleep. An hour of a running cluster costs about 0.6 s of CPU
 * (bench/cluster.ts); a day would freeze the page for seconds.
 */
export const MAX_SLEEP_MS = 3_600_000;

const SUFFIX_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * One operand of sleep: GNU's NUMBER[SUFFIX] (s, m, h, d; none means
 * seconds), and, as a simulator convenience, any Go duration such as
 * `1m30s` or `500ms`. Undefined when it is neither.
 */
export function sleepInterval(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (m) return Math.round(Number(m[1]) * SUFFIX_MS[m[2]!]!);
  const ms = durationMs(text);
  return ms !== undefined && ms >= 0 ? Math.round(ms) : undefined;
}

export const sleep: Command = {
  name: 'sleep',
  summary: { ko: '가상 시계를 앞으로 돌립니다 (예: sleep 10s, sleep 2m)', en: 'advance the virtual clock (e.g. sleep 10s, sleep 2m)' },
  help: {
    ko: '시뮬레이터의 시간은 가상 시계로 흐릅니다. sleep 30s 는 기다리지 않고 시계를 30초 앞으로 돌리고,\n그 사이에 일어날 일(컨테이너 시작, 헬스체크, 스케줄링…)을 모두 처리합니다.\n단위: ms, s, m, h, d (단위가 없으면 초). 한 번에 최대 1h.',
    en: 'Simulated time runs on a virtual clock. sleep 30s does not wait: it moves the clock 30 seconds\nforward and processes everything that happens meanwhile (container starts, health checks, scheduling...).\nUnits: ms, s, m, h, d (no unit means seconds). At most 1h at a time.',
  },
  run({ argv, stderr, world }) {
    const args = argv.slice(1);
    if (args.length === 0) {
      stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of args) {
      const ms = sleepInterval(a);
      if (ms === undefined) {
        stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += ms;
    }
    if (total > MAX_SLEEP_MS) {
      stderr.write(`sleep: ${args.join(' ')} is longer than the simulator allows in one step (1h)\n`);
      return 1;
    }
    world.clock.advance(total);
    return 0;
  },
};
