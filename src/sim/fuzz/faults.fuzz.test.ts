/**
 * Issue 14's fault-sequence property: random sequences of apply, scale,
 * delete, sim stop/start (components and etcd members), node fail/recover,
 * crash, sleep (up to 6 min, past the eviction timeout), cordon/drain/rollout
 * restart, and docker compose stop/restart/down of a Compose project beside the
 * cluster. After every fault is recovered and at most 20 simulated minutes
 * pass, every Deployment, DaemonSet and Job has converged, every Ready
 * condition (nodes and running pods) is True, and every Compose service is up
 * (and healthy where it has a healthcheck).
 *
 * Each case boots a 3-node cluster (~0.1 CPU-s) and runs up to 20 virtual
 * minutes (checked every minute, done at the first converged check), so a
 * case costs ~0.3-1 CPU-s: CI runs as many cases as fit in 60 s (FAULT_SECONDS) and
 * prints the count; `FAULT_CASES=1000 vitest run src/sim/fuzz/faults.fuzz.test.ts`
 * runs 1,000 without the time limit, and `node bench/fault-sequences.ts` runs
 * 1,000 to the end and counts every failure instead of stopping at the first.
 * fast-check prints the seed and the shrunk sequence of a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faultSequence, runFaultSequence } from './faults.ts';

/** At most this many cases (FAULT_CASES), and in CI no longer than FAULT_SECONDS (default 60) of wall time. */
const CASES = Number(process.env.FAULT_CASES ?? 1000);
const SECONDS = Number(process.env.FAULT_SECONDS ?? (process.env.FAULT_CASES ? 3600 : 60));

describe('fault sequences (issue 14)', () => {
  it(`converge within 20 simulated minutes after every fault is recovered (up to ${CASES} cases, ${SECONDS} s)`, () => {
    let cases = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(faultSequence, (steps) => {
        cases++;
        expect(runFaultSequence(steps)).toEqual([]);
      }),
      // The time limit ends the run between cases; an interrupted run is not a failure, the count says how far it got.
      { numRuns: CASES, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false },
    );
    console.log(`fault sequences: ${cases} cases run, 0 failures, ${Math.round((performance.now() - t0) / 1000)} s`);
    expect(cases).toBeGreaterThanOrEqual(Math.min(CASES, 10));
  }, 3_700_000);
});
