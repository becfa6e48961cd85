/**
 * Issue 14's fault-sequence property: random sequences of apply, scale,
 * delete, sim stop/start (components and etcd members), node fail/recover,
 * crash and sleep. After every fault is recovered and at most 20 simulated
 * minutes pass, every Deployment, DaemonSet and Job has converged and every
 * Ready condition (nodes and running pods) is True.
 *
 * Each case boots a 3-node cluster (~0.1 CPU-s) and runs up to 20 virtual
 * minutes (checked every minute, done at the first converged check), so a
 * case costs ~0.3-1 CPU-s: CI runs FAULT_CASES (default 40) cases; the full
 * 1,000 run is `FAULT_CASES=1000 vitest run src/sim/fuzz/faults.fuzz.test.ts`.
 * fast-check prints the seed and the shrunk sequence of a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faultSequence, runFaultSequence } from './faults.ts';

const CASES = Number(process.env.FAULT_CASES ?? 40);

describe('fault sequences (issue 14)', () => {
  it(`converge within 20 simulated minutes after every fault is recovered (${CASES} cases)`, () => {
    let cases = 0;
    fc.assert(
      fc.property(faultSequence, (steps) => {
        cases++;
        expect(runFaultSequence(steps)).toEqual([]);
      }),
      { numRuns: CASES },
    );
    console.log(`fault sequences: ${cases} cases`);
  }, 600_000);
});
